# SPDX-License-Identifier: EUPL-1.2
"""The Comune staff's pages beside the fleet: applications (list, one, decision) and
the audit log (page and CSV). The rules are in central/web/review.py and
central/web/audit.py; this module reads the forms and answers the browser."""

# No "from __future__ import annotations": FastAPI resolves Depends() from real objects.

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from central.constant_time import same_secret
from central.models import Device, IssuedVoucher, StaffAction
from central.web import accounts, audit, grants, reconciliation, review
from central.web.desk import COOKIE, XLSX, Desk, form_fields
from central.web.staff import comuni_of, staff_member
from central.web.strings import TEXT, translator

# How long the page after issuing a buono shows its code (reloaded by the member who
# issued it); then only the ledger's id, never the code, is shown again.
ISSUED_SHOWN_S = 120


def _code_digest(code: str) -> str:
    """A buono's code as the address may name it: never the code itself."""
    return hashlib.sha256(f"issued-code|{code}".encode()).hexdigest()[:16]


def _day(text: str | None) -> date | None:
    """A date from a date field (YYYY-MM-DD); None when empty or not a date."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _accepted_in(scope: dict[str, Any], comune: str) -> list[str]:
    """The programmes a shop accepts for this Comune's buoni: none when its scope names
    other Comuni only (central/voucher_authority.py may_accept)."""
    comuni = scope.get("comuni") or [comune]  # none named: every Comune's
    return [str(name) for name in scope.get("programmes") or []] if comune in comuni else []


def problem_text(t: Callable[..., str], problem: grants.Problem) -> str:
    """A problem of a grant in words, with its line when it is one of a file's."""
    key = f"grant_{problem.code}" if f"grant_{problem.code}" in TEXT else "grant_bad_line"
    text = t(key, detail=problem.detail, first=problem.first)
    return t("on_line", line=problem.line, text=text) if problem.line else text


def comune_router(desk: Desk) -> APIRouter:
    platform = desk.platform
    router = APIRouter(include_in_schema=False)
    Form = Annotated[dict[str, str], Depends(form_fields)]  # noqa: N806
    Staff = Annotated[accounts.Merchant, Depends(staff_member(desk))]  # noqa: N806

    def call_titles(comuni: list[str], language: str) -> dict[str, str]:
        """The calls a member may filter by: their Comuni's and the whole network's."""
        titles = {}
        for call_id, call in sorted(platform.records("calls").items()):
            if call.get("comune") in (*comuni, None):
                title = call.get("title") or {}
                titles[call_id] = str(title.get(language) or title.get("it") or call_id)
        return titles

    @router.get("/desk/applications")
    def application_list(request: Request, member: Staff) -> Response:
        language = desk.language(request)
        params = request.query_params
        comuni = comuni_of(member)
        titles = call_titles(comuni, language)
        call = params.get("call", "")[:64] or None  # another Comune's call: none of theirs
        state = params.get("state") if params.get("state") in review.STATES else None
        since, until = _day(params.get("from")), _day(params.get("to"))
        bad_date = (params.get("from") and since is None) or (params.get("to") and until is None)
        rows = review.applications(
            platform, comuni, call=call, state=state, since=since, until=until
        )
        # The list shows applicants' names: a row for each time it is seen (one per
        # Comune of the member, as an export's), with its filter and length.
        chosen = {"call": call, "state": state, "from": since, "to": until}
        filters = " ".join(f"{key}={value}" for key, value in chosen.items() if value)
        detail = f"elenco ({filters or 'tutte'}): {len(rows)} righe"
        with platform.writing() as session:
            for comune in comuni:
                audit.add(session, member, "viewed", "applications", comune, detail)
        return desk.page(
            request,
            "applications.html",
            422 if bad_date else 200,
            merchant=member,
            rows=rows,
            titles=titles,
            states=review.STATES,
            chosen=chosen,
            error="bad_date" if bad_date else None,
        )

    def programmes(comune: str | None) -> list[str]:
        """The programmes of the application's Comune, the names its office picks from
        (a new one may still be typed): those its vouchers were issued for and those the
        shops taking its buoni accept. Another Comune's names are that Comune's own."""
        if comune is None:
            return []
        names: set[str] = set()
        with platform.sessions() as session:
            issued = select(IssuedVoucher.programme).where(IssuedVoucher.comune == comune)
            names.update(session.scalars(issued.distinct().limit(200)))
            for scope in session.scalars(select(Device.scope).where(Device.role == "merchant")):
                names.update(_accepted_in(scope or {}, comune))
        return sorted(names)

    def granted(protocol: str) -> list[audit.Entry]:
        """What was issued for this application, from the audit log."""
        with platform.sessions() as session:
            rows = session.scalars(
                select(StaffAction)
                .where(
                    StaffAction.target == protocol,
                    StaffAction.action.in_(("issued_voucher", "set_credit")),
                )
                .order_by(StaffAction.id)
            )
            return [
                audit.Entry(row.at, row.username, row.comune, row.action, row.target, row.detail)
                for row in rows
            ]

    def issued_ticket(request: Request, protocol: str, code: str) -> str:
        """What the address after issuing a buono carries to show its code: good for
        the member's own session, for ``ISSUED_SHOWN_S``, and for that buono only (a
        colleague's issued meanwhile is not shown). With a bare flag, any colleague (or
        the same browser days later) could have the code, which alone redeems the buono,
        shown again."""
        until = int(time.time()) + ISSUED_SHOWN_S
        which = _code_digest(code)
        return f"{until}.{which}.{_issued_mac(request, protocol, until, which)}"

    def issued_code(request: Request, protocol: str, ticket: str, codes: list[str]) -> str:
        """The code among ``codes`` the ticket shows, or "" (not this session's, too old)."""
        until, which, mac = [*ticket.split("."), "", ""][:3]
        if not (until.isascii() and until.isdigit()) or int(until) < time.time():
            return ""
        if not same_secret(_issued_mac(request, protocol, int(until), which), mac):
            return ""
        return next((code for code in codes if _code_digest(code) == which), "")

    def _issued_mac(request: Request, protocol: str, until: int, which: str) -> str:
        session = request.cookies.get(COOKIE, "")
        message = f"issued|{session}|{protocol}|{until}|{which}".encode()
        return hmac.new(desk.secret, message, "sha256").hexdigest()

    def application_page(
        request: Request, member: accounts.Merchant, protocol: str, status: int = 200, **extra: Any
    ) -> Response:
        language = desk.language(request)
        found = review.application(platform, member, protocol, comuni_of(member), language)
        if found is None:
            raise HTTPException(404, "no such application")
        titles = call_titles(comuni_of(member), language)
        given = granted(protocol)
        if extra.get("issued"):  # the code of the buono just issued, from the ledger
            ids = [grants.voucher_in(row.detail) for row in given if row.action == "issued_voucher"]
            vouchers = [platform.issued_voucher(voucher_id) for voucher_id in ids]
            codes = [voucher.code for voucher in vouchers if voucher is not None]
            extra["issued"] = issued_code(request, protocol, str(extra["issued"]), codes)
        return desk.page(
            request,
            "application.html",
            status,
            merchant=member,
            app=found,
            call_title=titles.get(found.call, found.call),
            states=review.STATES,
            programmes=programmes(found.comune) if found.state == "admitted" else [],
            granted=given,
            once=secrets.token_hex(16),  # each grant form is sent once (grants.issue)
            **extra,
        )

    def grant_one(
        request: Request,
        member: accounts.Merchant,
        protocol: str,
        kind: str,
        fields: dict[str, str],
    ) -> Response:
        if not desk.csrf_ok(request, fields):
            return application_page(request, member, protocol, 403, error="csrf")
        cents = grants.parse_cents(fields.get("amount", ""))
        days = fields.get("valid_days") or "60"
        if cents is None:
            problems = [grants.Problem(0, "bad_amount", fields.get("amount", "")[:20])]
        elif not (days.isascii() and days.isdigit() and len(days) < 5):
            problems = [grants.Problem(0, "bad_days", days[:20])]
        else:
            line = grants.Grant(
                protocol, kind, fields.get("programme", "").strip(), cents, int(days)
            )
            once = fields.get("once", "")
            form_sha256 = (
                hashlib.sha256(f"grant-form|{once}".encode()).hexdigest() if once else None
            )
            try:
                codes = grants.issue(
                    platform, member, comuni_of(member), [(0, line)], form_sha256, "already_issued"
                )
            except grants.GrantError as error:
                problems = error.problems
            else:
                # Never the code in the address: it would be in the access log and the
                # browser's history, and a code is enough to redeem the buono.
                ticket = issued_ticket(request, protocol, codes[0]) if codes else ""
                done = f"issued={ticket}" if codes else "credit=1"
                return desk.redirect(request, f"/desk/applications/{protocol}?{done}")
        t = translator(desk.language(request))
        messages = [problem_text(t, problem) for problem in problems]
        return application_page(request, member, protocol, 422, problems=messages)

    @router.post("/desk/applications/{protocol}/voucher")
    def issue_voucher(request: Request, member: Staff, protocol: str, fields: Form) -> Response:
        return grant_one(request, member, protocol, "voucher", fields)

    @router.post("/desk/applications/{protocol}/credit")
    def set_credit(request: Request, member: Staff, protocol: str, fields: Form) -> Response:
        return grant_one(request, member, protocol, "credit", fields)

    @router.get("/desk/grants")
    def grants_page(request: Request, member: Staff) -> Response:
        return desk.page(request, "grants.html", merchant=member)

    @router.post("/desk/grants")
    async def import_grants(request: Request, member: Staff) -> Response:
        async with request.form(max_files=1, max_fields=4) as form:
            upload = form.get("file")
            fields = {"csrf": str(form.get("csrf") or "")}
            data = (
                await upload.read(grants.MAX_FILE_BYTES + 1)
                if isinstance(upload, UploadFile)
                else b""
            )
            name = upload.filename or "" if isinstance(upload, UploadFile) else ""
        if not desk.csrf_ok(request, fields):
            return desk.page(request, "grants.html", 403, merchant=member, error="csrf")
        # Reading a file of thousands of lines and issuing its buoni is work for a
        # thread: on the event loop it held up every request of this process.
        return await run_in_threadpool(imported, request, member, data, name)

    def imported(request: Request, member: Staff, data: bytes, name: str) -> Response:
        t = translator(desk.language(request))
        lines, problems = grants.read_file(data)
        if not problems and not lines:
            problems = [grants.Problem(0, "empty_file")]
        if lines:  # checked against the platform too when some others are not right
            try:
                # Its bytes, and what it says: the file saved again by a spreadsheet
                # differs in bytes only, and would issue every buono a second time.
                codes = grants.issue(
                    platform,
                    member,
                    comuni_of(member),
                    lines,
                    hashlib.sha256(data).hexdigest(),
                    same_lines=grants.content_digest(lines),
                    problems=problems,
                    file_name=name,
                )
            except grants.GrantError as error:
                problems = error.problems
        if problems:  # every one (at most a problem or two per line of a bounded file)
            messages = [problem_text(t, problem) for problem in problems]
            return desk.page(
                request, "grants.html", 422, merchant=member, problems=messages, file_name=name
            )
        return desk.page(
            request, "grants.html", merchant=member, imported=len(lines), vouchers=len(codes)
        )

    @router.get("/desk/applications/{protocol}")
    def one_application(request: Request, member: Staff, protocol: str) -> Response:
        params = request.query_params
        return application_page(
            request,
            member,
            protocol,
            saved=params.get("saved") == "1",
            issued=params.get("issued", "")[:100],
            credit_set=params.get("credit") == "1",
        )

    @router.post("/desk/applications/{protocol}/state")
    def decide(request: Request, member: Staff, protocol: str, fields: Form) -> Response:
        if not desk.csrf_ok(request, fields):
            return application_page(request, member, protocol, 403, error="csrf")
        try:
            review.decide(
                platform,
                member,
                protocol,
                comuni_of(member),
                fields.get("state", ""),
                fields.get("note", ""),
                fields.get("note_en", ""),
                was=fields.get("was"),
            )
        except review.DecisionError as error:
            if error.code == "no_application":
                raise HTTPException(404, "no such application") from None
            return application_page(request, member, protocol, 422, error=error.code)
        return desk.redirect(request, f"/desk/applications/{protocol}?saved=1")

    def owed(request: Request, member: accounts.Merchant) -> tuple[str | None, Any]:
        month = request.query_params.get("month") or None
        if month is not None and month not in reconciliation.months(platform, comuni_of(member)):
            month = None  # a month without redemptions: every month
        return month, reconciliation.lines(platform, comuni_of(member), month)

    @router.get("/desk/reconciliation")
    def reconciliation_page(request: Request, member: Staff) -> Response:
        month, rows = owed(request, member)
        return desk.page(
            request,
            "reconciliation.html",
            merchant=member,
            rows=rows,
            month=month,
            months=reconciliation.months(platform, comuni_of(member)),
            # Units of different services (hours, weeks) add up to no number: no total.
            total_cents=sum(row.amount_cents for row in rows),
        )

    def reconciliation_file(request: Request, member: accounts.Merchant, kind: str) -> Response:
        t = translator(desk.language(request))
        month, rows = owed(request, member)
        keys = (
            "month",
            "merchant",
            "iban",
            "comune",
            "programme_or_service",
            "count",
            "owed",
            "total_units",
        )
        headers = [t(key) for key in keys]
        name = f"rendicontazione-{month or 'tutti'}.{kind}"
        with platform.writing() as session:
            for comune in comuni_of(member):
                audit.add(session, member, "exported", name, comune, f"{len(rows)} righe")
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        if kind == "csv":
            text = reconciliation.as_csv(rows, headers)
            response = Response(text, media_type="text/csv; charset=utf-8", headers=disposition)
        else:
            book = reconciliation.as_xlsx(rows, headers, t("reconciliation"))
            response = Response(book, media_type=XLSX, headers=disposition)
        return desk.finish(request, response)

    @router.get("/desk/reconciliation.csv")
    def reconciliation_csv(request: Request, member: Staff) -> Response:
        return reconciliation_file(request, member, "csv")

    @router.get("/desk/reconciliation.xlsx")
    def reconciliation_xlsx(request: Request, member: Staff) -> Response:
        return reconciliation_file(request, member, "xlsx")

    @router.get("/desk/audit")
    def audit_page(request: Request, member: Staff) -> Response:
        with platform.sessions() as session:
            rows = audit.entries(
                session, comuni_of(member), platform.time_zone, audit.SHOWN_LIMIT + 1
            )
        return desk.page(
            request,
            "audit.html",
            merchant=member,
            rows=rows[: audit.SHOWN_LIMIT],
            more=len(rows) > audit.SHOWN_LIMIT,  # said on the page: the files have them
            shown=audit.SHOWN_LIMIT,
        )

    def audit_file(request: Request, member: accounts.Merchant, kind: str) -> Response:
        t = translator(desk.language(request))
        headers = [t(key) for key in ("when", "who", "comune", "what", "on_what", "detail")]
        names = {action: t(f"action_{action}") for action in audit.ACTIONS}
        name = f"registro-azioni.{kind}"
        with platform.writing() as session:
            export = audit.export_of(session, comuni_of(member))
            for comune in comuni_of(member):
                detail = f"{export.count} rows"
                audit.add(session, member, "exported", f"audit.{kind}", comune, detail)
        rows = audit.every_entry(platform.sessions, export, platform.time_zone)
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        chunks = (
            audit.csv_chunks(rows, headers, names)  # sent as read, a page of rows at a time
            if kind == "csv"
            else audit.xlsx_chunks(rows, headers, names)  # made in a file, then sent
        )
        media = "text/csv; charset=utf-8" if kind == "csv" else XLSX
        response = StreamingResponse(chunks, media_type=media, headers=disposition)
        return desk.finish(request, response)

    @router.get("/desk/audit.csv")
    def audit_csv(request: Request, member: Staff) -> Response:
        return audit_file(request, member, "csv")

    @router.get("/desk/audit.xlsx")
    def audit_xlsx(request: Request, member: Staff) -> Response:
        return audit_file(request, member, "xlsx")

    return router
