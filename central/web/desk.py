# SPDX-License-Identifier: EUPL-1.2
"""The merchant desk's pages (``/desk``): log in, accept a voucher, history, statement.
Comune staff log in here too and land on their kiosks' fleet page (central/web/staff.py).

Server-rendered HTML (Jinja2, autoescaped); the only script is the accept page's camera
scan (static/scan.js, the desk's own origin only). Every form carries a CSRF token:
an HMAC of the browser's desk cookie under a platform secret, so a page of another
site can neither read nor forge it; the cookies are ``HttpOnly`` and
``SameSite=Strict``, and ``Secure`` except over plain http to the loopback address
(the tests and a developer's own machine). Vouchers are looked up and redeemed through
the platform's own functions under the account's merchant device, exactly as over the
API: this module keeps no voucher rules of its own.
"""

# No "from __future__ import annotations": FastAPI resolves Depends() from real objects.

import hmac
import re
import secrets
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from central.constant_time import same_secret
from central.models import PlatformSecret, Redemption
from central.platform import Platform
from central.platform.database import DeviceRevokedError
from central.voucher_authority import RedeemRequest, Standing, VoucherRefusedError
from central.web import accounts, ledger
from central.web.strings import LANGUAGES, TEXT, money, pick_language, translator

HERE = Path(__file__).parent
COOKIE = "sp_desk"  # a logged-in session's token, set at login only
# Before login, the forms' token comes from a cookie of its own: a page reached from
# another site arrives without the session cookie (SameSite=Strict), and a new one set
# in its place logged the shop out.
FORM_COOKIE = "sp_desk_form"
LANG_COOKIE = "sp_lang"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
MAX_FORM_BYTES = 8 * 1024
# Crockford's Base32 (no I, L, O, U): read aloud and copied by hand without mistakes.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT = re.compile(r"^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")
AMOUNT = re.compile(r"^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$")
REFUSAL_STATUS = {
    "bad_code": 422,
    "unknown_voucher": 404,
    "forged_voucher": 404,
    "sample_voucher": 404,
    "outside_scope": 403,
    "device_revoked": 403,
}
LOGIN_REFUSED = {"too_many": 429, "revoked": 403}  # else 401: wrong user or password
# The words of a refusal on a desk page, by its HTTP status.
REFUSED = {
    400: "refused_form",
    403: "refused_403",
    404: "refused_404",
    405: "refused_405",
    413: "refused_413",
    415: "refused_form",
    422: "refused_form",
    503: "refused_busy",
}
SCRIPTS = ("scan", "jsQR")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "media-src 'self' blob: mediastream:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def new_receipt() -> str:
    """A receipt number for the till (50 random bits), also the redemption's id."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{chars[:5]}-{chars[5:]}"


def parse_cents(text: str) -> int | None:
    """Euros as a person types them ("12,50", "12.5", "12") in cents; None if not."""
    found = AMOUNT.match(text)
    if found is None:
        return None
    return int(found.group(1)) * 100 + int((found.group(2) or "0").ljust(2, "0"))


async def form_fields(request: Request) -> dict[str, str]:
    """The fields of a urlencoded form (the only kind the desk's pages send)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, "a form is expected")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "unreadable form") from None
    return {key: values[0] for key, values in parsed.items()}


def _csrf_secret(platform: Platform) -> bytes:
    # In the writers' turn: the processes of a new platform (--workers) start at once,
    # and a read then a write in a plain transaction stopped all but one ("database is
    # locked" on SQLite; the same secret inserted twice on PostgreSQL).
    with platform.writing() as session:
        return bytes.fromhex(_stored_secret(session))


def _stored_secret(session: Session) -> str:
    row = session.get(PlatformSecret, "desk_csrf")
    if row is None:
        row = PlatformSecret(name="desk_csrf", value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return row.value


class Desk:
    """What every page needs: the platform, the CSRF secret, rendering and cookies."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.secret = _csrf_secret(platform)

    def csrf_for(self, token: str) -> str:
        return hmac.new(self.secret, f"csrf|{token}".encode(), "sha256").hexdigest()

    def csrf_ok(self, request: Request, fields: dict[str, str]) -> bool:
        """The form's token is the session cookie's; the form cookie's only without a
        session cookie (the login form): a form cookie another page of the same site
        could plant must never stand for a logged-in shop."""
        token = request.cookies.get(COOKIE) or request.cookies.get(FORM_COOKIE, "")
        return bool(token) and same_secret(self.csrf_for(token), fields.get("csrf", ""))

    @staticmethod
    def language(request: Request) -> str:
        return pick_language(
            request.query_params.get("lang"),
            request.cookies.get(LANG_COOKIE),
            request.headers.get("accept-language"),
        )

    @staticmethod
    def secure(request: Request) -> bool:
        """Secure cookies, except over plain http to this machine (tests, development):
        a browser would drop them there, and nothing leaves the machine."""
        return not (request.url.scheme == "http" and request.url.hostname in LOOPBACK)

    def set_cookie(self, request: Request, response: Response, name: str, value: str) -> None:
        response.set_cookie(
            name, value, path="/desk", httponly=True, samesite="strict", secure=self.secure(request)
        )

    def finish(self, request: Request, response: Response, token: str | None = None) -> Response:
        """Security headers, the session cookie when ``token`` is given (a login), and a
        language asked for with ``?lang=``. A request without the session cookie never
        gets one: it may come from another site, and the browser still holds it."""
        response.headers.update(SECURITY_HEADERS)
        if token is not None:
            self.set_cookie(request, response, COOKIE, token)
        asked = request.query_params.get("lang")
        if asked in LANGUAGES:
            self.set_cookie(request, response, LANG_COOKIE, asked)
        return response

    def page(
        self,
        request: Request,
        template: str,
        status: int = 200,
        *,
        merchant: accounts.Merchant | None = None,
        token: str | None = None,
        **context: Any,
    ) -> Response:
        language = self.language(request)
        # The forms' token matches a cookie the browser holds after this response: the
        # session's, or before login the form cookie (made now when there is none).
        fresh = None
        token = token or request.cookies.get(COOKIE) or request.cookies.get(FORM_COOKIE)
        if token is None:
            token = fresh = secrets.token_urlsafe(32)
        other = next(code for code in LANGUAGES if code != language)
        # The language link reloads this page; after a form, the page the form is on.
        switch = request.url.path if request.method == "GET" else home_of(merchant)
        html = templates.get_template(template).render(
            t=translator(language),
            lang=language,
            other_lang=other,
            money=lambda cents: money(cents, language),
            merchant=merchant,
            csrf=self.csrf_for(token),
            path=request.url.path,
            switch=switch,
            **context,
        )
        response = self.finish(request, HTMLResponse(html, status))
        if fresh is not None:
            self.set_cookie(request, response, FORM_COOKIE, fresh)
        return response

    def redirect(self, request: Request, url: str, token: str | None = None) -> Response:
        return self.finish(request, RedirectResponse(url, 303), token)

    def merchant(self, request: Request) -> accounts.Merchant | None:
        return accounts.merchant_for(self.platform, request.cookies.get(COOKIE, ""))


class LoginRequiredError(Exception):
    """Raised by a page's dependency; answered with a redirect to the login page."""


def home_of(account: accounts.Merchant | None) -> str:
    """Where an account's pages start: a shop accepts vouchers, Comune staff (device
    role ``staff``) watch their kiosks."""
    if account is None:
        return "/desk/login"
    return "/desk/fleet" if account.device.role == "staff" else "/desk/voucher"


def _shown_date(day: date, language: str) -> str:
    return f"{day:%d/%m/%Y}" if language == "it" else f"{day:%d %b %Y}"


def _voucher_view(result: Standing, today: date, language: str) -> dict[str, Any]:
    """What a shop sees of a voucher (no personal data: vouchers carry none), and the
    reason to refuse it now, if any (the platform decides again when redeeming)."""
    row = result.voucher
    problem = None
    if result.state == "cancelled":
        problem = "cancelled"
    elif result.state == "redeemed":
        problem = "redeemed"
    elif today > row.valid_until:
        problem = "expired"
    elif today < row.valid_from:
        problem = "not_yet_valid"
    return {
        "code": row.code,
        "programme": row.programme,
        "comune": row.comune,
        "valid_from": _shown_date(row.valid_from, language),
        "valid_until": _shown_date(row.valid_until, language),
        "amount_cents": row.amount_cents,
        "amount_left_cents": result.amount_left_cents,
        "units": row.units,
        "units_left": result.units_left,
        "problem": problem,
    }


def _sent_before(
    platform: Platform, device_id: str, receipt: str
) -> tuple[int | None, int | None] | None:
    """(units, cents) of the redemption this shop already made with this receipt number:
    the form sent again (a double tap, a reload, an answer that never arrived) asks for
    the same, even where it says "all of what is left", which is less by then."""
    with platform.sessions() as session:
        done = session.get(Redemption, receipt)
    if done is None or done.device_id != device_id:
        return None
    return done.units, done.amount_cents


def desk_router(desk: Desk, admin: Callable[..., None]) -> APIRouter:
    """The desk's pages, and the admin call that makes a merchant account."""
    platform = desk.platform
    router = APIRouter(include_in_schema=False)
    Form = Annotated[dict[str, str], Depends(form_fields)]  # noqa: N806

    def logged_in(request: Request) -> accounts.Merchant:
        found = desk.merchant(request)
        if found is None or found.device.role != "merchant":
            raise LoginRequiredError  # the login page sends staff to their own pages
        return found

    Shop = Annotated[accounts.Merchant, Depends(logged_in)]  # noqa: N806

    def comune_name(comune: str | None) -> str | None:
        """The Comune as people name it ("Piazzola sul Brenta"), not its id."""
        if comune is None:
            return None
        return str(platform.records("comuni").get(comune, {}).get("name") or comune)

    def refused(request: Request, shop: accounts.Merchant, code: str) -> Response:
        key = f"refusal_{code}" if f"refusal_{code}" in TEXT else "refusal_other"
        return desk.page(
            request, "accept.html", REFUSAL_STATUS.get(code, 409), merchant=shop, refusal=key
        )

    @router.post(
        "/v1/admin/merchants",
        status_code=201,
        dependencies=[Depends(admin)],
        include_in_schema=True,
    )
    def create_merchant(grant: accounts.MerchantGrant) -> dict[str, str]:
        """A shop's account on the web desk (``/desk``), with what it may accept."""
        try:
            return {"id": accounts.create_merchant(platform, grant)}
        except accounts.AccountError as error:
            raise HTTPException(422, str(error)) from None

    @router.get("/desk")
    def home(request: Request) -> Response:
        return desk.redirect(request, "/desk/voucher")

    @router.get("/desk/static/desk.css")
    def stylesheet() -> Response:
        css = (HERE / "static" / "desk.css").read_text(encoding="utf-8")
        return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @router.get("/desk/static/{name}.js")
    def script(name: str) -> Response:
        """The camera scan of the accept page and its QR decoder (jsQR, Apache-2.0,
        shipped unmodified with its licence beside it)."""
        if name not in SCRIPTS:
            raise HTTPException(404, "no such script")
        text = (HERE / "static" / f"{name}.js").read_text(encoding="utf-8")
        headers = {"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"}
        return Response(text, media_type="text/javascript", headers=headers)

    @router.get("/desk/login")
    def login_page(request: Request) -> Response:
        if (found := desk.merchant(request)) is not None:
            return desk.redirect(request, home_of(found))
        return desk.page(request, "login.html")

    @router.post("/desk/login")
    def log_in(request: Request, fields: Form) -> Response:
        if not desk.csrf_ok(request, fields):
            return desk.page(request, "login.html", 403, error="csrf")
        client = request.client.host if request.client else "unknown"
        username = fields.get("username", "")
        try:
            token = accounts.log_in(platform, username, fields.get("password", ""), client)
        except accounts.LoginRefusedError as refusal:
            status = LOGIN_REFUSED.get(refusal.code, 401)
            return desk.page(
                request, "login.html", status, error=f"login_{refusal.code}", username=username[:64]
            )
        # A new cookie after login: a token planted before it is worth nothing.
        return desk.redirect(request, home_of(accounts.merchant_for(platform, token)), token)

    @router.post("/desk/logout")
    def log_out(request: Request, fields: Form) -> Response:
        response = desk.redirect(request, "/desk/login")
        if desk.csrf_ok(request, fields):  # else it is not the shop asking: nothing changes
            accounts.log_out(platform, request.cookies.get(COOKIE, ""))
            response.delete_cookie(COOKIE, path="/desk")
        return response

    @router.get("/desk/voucher")
    def accept_page(request: Request, shop: Shop) -> Response:
        return desk.page(request, "accept.html", merchant=shop)

    @router.post("/desk/voucher")
    def check(request: Request, shop: Shop, fields: Form) -> Response:
        if not desk.csrf_ok(request, fields):
            return desk.page(request, "accept.html", 403, merchant=shop, error="csrf")
        code = fields.get("code", "").strip()[:400]
        try:
            result = platform.voucher_standing(shop.device, code)
        except VoucherRefusedError as refusal:
            return refused(request, shop, refusal.code)
        view = _voucher_view(result, platform.today(), desk.language(request))
        view["comune"] = comune_name(view["comune"])
        if view["problem"]:
            return refused(request, shop, view["problem"])
        return desk.page(
            request, "voucher.html", merchant=shop, voucher=view, receipt=new_receipt()
        )

    @router.post("/desk/redeem")
    def redeem(request: Request, shop: Shop, fields: Form) -> Response:
        if not desk.csrf_ok(request, fields):
            return desk.page(request, "accept.html", 403, merchant=shop, error="csrf")
        receipt, code = fields.get("receipt", ""), fields.get("code", "")[:400]
        if not RECEIPT.match(receipt):
            return refused(request, shop, "other")
        units = cents = None
        try:
            before = platform.voucher_standing(shop.device, code)
            done = _sent_before(platform, shop.device.id, receipt)
            if done is None:
                # A new redemption of a voucher used up, expired or cancelled since its
                # page was shown (another till, another tab) is refused as the check
                # refuses it, whatever amount was typed: the voucher page again said
                # "valid" beside an amount error, with 0,00 € left.
                language = desk.language(request)
                problem = _voucher_view(before, platform.today(), language)["problem"]
                if problem is None and fields.get("all") and before.amount_left_cents == 0:
                    problem = "redeemed"  # "all" of nothing left: used up, not a bad amount
                if problem is not None:
                    return refused(request, shop, problem)
            # "All of what is left" sent again asks for what the first send took; an
            # amount typed asks for itself (another one under this receipt is refused).
            sent = done if fields.get("all") else None
            if sent is not None:
                units, cents = sent
            elif before.voucher.amount_cents is not None:
                cents = (
                    before.amount_left_cents
                    if fields.get("all")
                    else (parse_cents(fields.get("amount", "")))
                )
                if cents is None or cents <= 0:  # "0" is no amount, not too much
                    view = _voucher_view(before, platform.today(), desk.language(request))
                    view["comune"] = comune_name(view["comune"])
                    return desk.page(
                        request,
                        "voucher.html",
                        422,
                        merchant=shop,
                        voucher=view,
                        receipt=receipt,
                        error="bad_amount",
                    )
            else:
                raw = fields.get("units") or "1"
                # Not a small number: 0 units, which the platform refuses in plain words.
                units = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 0
            result = platform.redeem(shop.device, code, RedeemRequest(receipt, units, cents))
        except VoucherRefusedError as refusal:
            return refused(request, shop, refusal.code)
        except DeviceRevokedError:  # switched off while this redemption waited its turn
            return refused(request, shop, "device_revoked")
        with platform.sessions() as session:
            taken = session.get(Redemption, receipt)
        view = _voucher_view(result, platform.today(), desk.language(request))
        view["comune"] = comune_name(view["comune"])
        return desk.page(
            request, "receipt.html", merchant=shop, voucher=view, receipt=receipt, taken=taken
        )

    @router.get("/desk/history")
    def history(request: Request, shop: Shop) -> Response:
        rows = ledger.history(platform, shop.device.id)
        return desk.page(request, "history.html", merchant=shop, rows=rows)

    @router.get("/desk/statement")
    def statement(request: Request, shop: Shop) -> Response:
        lines = ledger.statement(platform, shop.device.id)
        return desk.page(request, "statement.html", merchant=shop, lines=lines)

    def statement_file(request: Request, shop: accounts.Merchant, kind: str) -> Response:
        t = translator(desk.language(request))
        keys = (
            "month",
            "merchant",
            "iban",
            "comune",
            "programme",
            "count",
            "total",
            "total_units",
        )
        headers = [t(key) for key in keys]
        lines = ledger.statement(platform, shop.device.id)
        name = f"rendiconto-{shop.account.username}.{kind}"
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        if kind == "csv":
            text = ledger.statement_csv(shop.account, lines, headers)
            response = Response(text, media_type="text/csv; charset=utf-8", headers=disposition)
        else:
            book = ledger.statement_xlsx(shop.account, lines, headers)
            response = Response(book, media_type=XLSX, headers=disposition)
        return desk.finish(request, response)

    @router.get("/desk/statement.csv")
    def statement_csv(request: Request, shop: Shop) -> Response:
        return statement_file(request, shop, "csv")

    @router.get("/desk/statement.xlsx")
    def statement_xlsx(request: Request, shop: Shop) -> Response:
        return statement_file(request, shop, "xlsx")

    return router


def install(app: Any, platform: Platform, admin: Callable[..., None]) -> None:
    """Adds the desk to the platform's app: its pages, and the login redirect."""

    async def to_login(request: Request, _error: Exception) -> Response:
        return RedirectResponse("/desk/login", 303, headers=SECURITY_HEADERS)

    from central.web.catalog_pages import catalog_router
    from central.web.comune import comune_router
    from central.web.staff import staff_router

    desk = Desk(platform)  # one for every page: it reads the form secret once
    app.include_router(desk_router(desk, admin))
    app.include_router(staff_router(desk, admin))
    app.include_router(comune_router(desk))
    app.include_router(catalog_router(desk))
    app.add_exception_handler(LoginRequiredError, to_login)
    # After the platform's own answers (app.py), which each wraps: the API keeps them.
    for kind in (StarletteHTTPException, DataError, OperationalError):
        app.add_exception_handler(kind, _as_desk_page(desk, app.exception_handlers[kind]))


Handler = Callable[[Request, Exception], Awaitable[Response]]


def _as_desk_page(desk: Desk, answer: Handler) -> Handler:
    """The platform's answer to an error, as a page of the desk on the desk's paths:
    in the person's language, Italian first, with the desk's headers. It was the API's
    JSON, in English, that a browser showed as raw text (and cached): for another
    Comune's application, an expired form, a value the database refused, a busy
    database."""

    async def page(request: Request, error: Exception) -> Response:
        answered = await answer(request, error)
        if not on_desk(request.url.path):
            return answered
        key = REFUSED.get(answered.status_code, "refused_other")
        shown = desk.page(request, "refused.html", answered.status_code, refusal=key)
        for name in ("allow", "retry-after"):  # what HTTP says with the status
            if name in answered.headers:
                shown.headers[name] = answered.headers[name]
        return shown

    return page


def on_desk(path: str) -> bool:
    return path == "/desk" or path.startswith("/desk/")
