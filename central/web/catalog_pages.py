# SPDX-License-Identifier: EUPL-1.2
"""The Comune staff's pages for their services and calls (``/desk/catalog``): the list,
a form to publish a new one or edit one, and withdrawing. The rules are in
central/web/publishing.py; this module reads the forms and answers the browser."""

# No "from __future__ import annotations": FastAPI resolves Depends() from real objects.

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from central.web import accounts, publishing
from central.web.desk import COOKIE, Desk
from central.web.staff import comuni_of, staff_member
from central.web.strings import TEXT, money, translator

MAX_FORM_BYTES = 64 * 1024  # two descriptions of 4,000 characters, URL-encoded
MAX_FIELDS = 300  # the Comuni's boxes of a member of many Comuni
DONE = ("published", "edited", "withdrawn", "closed")


async def form_lists(request: Request) -> dict[str, list[str]]:
    """A urlencoded form whose fields may repeat (the Comuni's boxes)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, "a form is expected")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    try:
        return parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "unreadable form") from None


def problem_text(t: Callable[..., str], problem: publishing.Problem, language: str) -> str:
    """A problem in words: a rule of the contract by its own text where the desk knows
    it, else by its kind; an amount's limit as money, never in cents."""
    if problem.code == "range" and problem.field in MONEY_FIELDS and problem.limit is not None:
        key = "problem_amount_over" if problem.limit > 0 else "problem_amount_negative"
        return t(key, limit=money(problem.limit, language))
    if problem.code == "rule":
        for key, rule in RULES.items():
            if problem.text == rule:
                return t(key)
        return t("problem_rule", text=problem.text)
    key = f"problem_{problem.code}"
    if key not in TEXT:
        key = "problem_type"
    return t(key, limit=problem.limit if problem.limit is not None else "", text=problem.text)


MAX_OPENED_FORMS = 10_000
MONEY_FIELDS = ("price", "budget")  # the form's fields in euros, the record's in cents

# The contract's whole-record rules (protocol/records.py), by their English text.
RULES = {
    "problem_needs_price": "a service that can be bought needs a price and a unit",
    "problem_closes_first": "not after opens_at",
    "problem_no_italian": "the Italian text is missing",
}


def catalog_router(desk: Desk) -> APIRouter:
    platform = desk.platform
    router = APIRouter(include_in_schema=False)
    Staff = Annotated[accounts.Merchant, Depends(staff_member(desk))]  # noqa: N806
    Fields = Annotated[dict[str, list[str]], Depends(form_lists)]  # noqa: N806

    def local_time(iso: str) -> str:
        """An instant of a record as the Comune's staff read it."""
        try:
            moment = datetime.fromisoformat(iso).astimezone(platform.time_zone)
        except (TypeError, ValueError):
            return str(iso)
        return f"{moment:%d/%m/%Y %H:%M}"

    def known_kind(kind: str) -> str:
        if kind not in publishing.KINDS:
            raise HTTPException(404, "no such page")
        return kind

    def label(texts: Any, language: str, fallback: str) -> str:
        if isinstance(texts, dict):
            return str(texts.get(language) or texts.get("it") or fallback)
        return str(texts or fallback)

    def choices(kind: str, member: accounts.Merchant, language: str) -> dict[str, Any]:
        """What the form's lists offer, by id with the name people know."""
        names = platform.records("comuni")
        offered: dict[str, Any] = {
            "comuni": [
                (c, str(names.get(c, {}).get("name") or c)) for c in sorted(comuni_of(member))
            ]
        }
        if kind == "services":
            categories = platform.records("categories").values()
            offered["category"] = sorted(
                ((c["id"], label(c.get("label"), language, c["id"])) for c in categories),
                key=lambda pair: pair[1].lower(),
            )
            providers = platform.records("providers").values()
            offered["provider"] = sorted(
                ((p["id"], str(p.get("name") or p["id"])) for p in providers),
                key=lambda pair: pair[1].lower(),
            )
        else:
            offered["form"] = sorted(platform.records("forms"))
        return offered

    def form_page(
        request: Request,
        member: accounts.Merchant,
        kind: str,
        values: dict[str, str],
        current: dict[str, Any] | None,
        status: int = 200,
        problems: list[publishing.Problem] | None = None,
        **extra: Any,
    ) -> Response:
        language = desk.language(request)
        t = translator(language)
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        for problem in problems or []:
            text = problem_text(t, problem, language)
            if problem.field is None:
                general.append(text)
            else:
                by_field.setdefault(problem.field, []).append(text)
        return desk.page(
            request,
            "record_form.html",
            status,
            merchant=member,
            kind=kind,
            values=values,
            current=current,
            offered=choices(kind, member, language),
            choices=publishing.CHOICES,
            field_problems=by_field,
            general_problems=general,
            order=publishing.FIELDS[kind],
            **extra,
        )

    @router.get("/desk/catalog")
    def catalog_page(request: Request, member: Staff) -> Response:
        comuni = comuni_of(member)
        params = request.query_params
        done = params.get("done") if params.get("done") in DONE else None
        return desk.page(
            request,
            "catalog.html",
            merchant=member,
            services=publishing.own_records(platform, "services", comuni),
            calls=publishing.own_records(platform, "calls", comuni),
            done=done,
            done_id=params.get("id", "")[:64],
            local=local_time,
        )

    @router.get("/desk/catalog/{kind}/new")
    def new_form(request: Request, member: Staff, kind: str) -> Response:
        kind = known_kind(kind)
        values = {name: "" for name in publishing.FIELDS[kind]}
        comuni = sorted(comuni_of(member))
        if kind == "services":
            values["booking"] = "info_only"
            values["residents_of"] = "|".join(comuni) if len(comuni) == 1 else ""
        else:
            values["comune"] = comuni[0] if len(comuni) == 1 else ""
        return form_page(request, member, kind, values, None)

    # The version each session last opened an edit form on, for a form sent without
    # its own (one cached from before it carried it): a colleague's save meanwhile is
    # still not undone. Bounded; the oldest go first.
    opened_forms: dict[tuple[str, str, str], str] = {}

    def form_key(request: Request, kind: str, record_id: str) -> tuple[str, str, str]:
        token = request.cookies.get(COOKIE, "")
        return hashlib.sha256(token.encode()).hexdigest(), kind, record_id

    def remember_opened(request: Request, kind: str, record_id: str, version: str) -> None:
        key = form_key(request, kind, record_id)
        opened_forms.pop(key, None)
        opened_forms[key] = version
        while len(opened_forms) > MAX_OPENED_FORMS:
            opened_forms.pop(next(iter(opened_forms)))

    def forget_opened(request: Request, kind: str, record_id: str) -> None:
        opened_forms.pop(form_key(request, kind, record_id), None)

    def opened_on(
        request: Request, kind: str, current: dict[str, Any] | None, fields: dict[str, list[str]]
    ) -> str:
        """The version of the record the form was opened on ("" for a new record, or
        none known): the form's own, else the one this session last opened."""
        if current is None:
            return ""
        sent = (fields.get("version") or [""])[0][:64]
        return sent or opened_forms.get(form_key(request, kind, str(current["id"])), "")

    def submitted(
        request: Request,
        member: accounts.Merchant,
        kind: str,
        fields: dict[str, list[str]],
        current: dict[str, Any] | None,
    ) -> Response:
        values = {name: "\n".join(fields.get(name, [""])) for name in publishing.FIELDS[kind]}
        values["residents_of"] = "|".join(fields.get("residents_of", []))
        if current is not None:
            values["id"] = current["id"]
        # Kept in the form sent back: it is still the one opened on that version.
        opened = opened_on(request, kind, current, fields)
        if not desk.csrf_ok(request, {"csrf": (fields.get("csrf") or [""])[0]}):
            return form_page(
                request, member, kind, values, current, 403, error="csrf", version=opened
            )
        if current is not None and opened and publishing.version_of(current) != opened:
            problem = publishing.Problem(None, "changed_meanwhile")
            return form_page(request, member, kind, values, current, 409, [problem], version=opened)
        record, problems = publishing.record_from_form(platform, kind, fields, current)
        comuni = comuni_of(member)
        if problems:  # an amount or a date the form could not read; then the contract's
            parsed = {p.field for p in problems}
            problems += [
                p
                for p in publishing.check(platform, kind, record, comuni, current)
                if p.field not in parsed
            ]
        else:
            try:
                publishing.publish(platform, member, comuni, kind, record, current, opened)
            except publishing.PublishRefusedError as refusal:
                problems = refusal.problems
        if problems:
            meanwhile = any(problem.code == "changed_meanwhile" for problem in problems)
            status = 409 if meanwhile else 422
            return form_page(
                request, member, kind, values, current, status, problems, version=opened
            )
        forget_opened(request, kind, record["id"])
        done = "edited" if current is not None else "published"
        return desk.redirect(request, f"/desk/catalog?done={done}&id={record['id']}")

    @router.post("/desk/catalog/{kind}")
    def create(request: Request, member: Staff, kind: str, fields: Fields) -> Response:
        return submitted(request, member, known_kind(kind), fields, None)

    def owned(kind: str, member: accounts.Merchant, record_id: str) -> dict[str, Any]:
        found = publishing.own_record(platform, known_kind(kind), record_id, comuni_of(member))
        if found is None:  # another Comune's is as unknown as one that does not exist
            raise HTTPException(404, "no such record")
        return found

    @router.get("/desk/catalog/{kind}/{record_id}/edit")
    def edit_form(request: Request, member: Staff, kind: str, record_id: str) -> Response:
        current = owned(kind, member, record_id)
        values = publishing.form_values(platform, kind, current)
        version = publishing.version_of(current)
        remember_opened(request, kind, record_id, version)
        return form_page(request, member, kind, values, current, version=version)

    @router.post("/desk/catalog/{kind}/{record_id}/edit")
    def edit(
        request: Request, member: Staff, kind: str, record_id: str, fields: Fields
    ) -> Response:
        return submitted(request, member, kind, fields, owned(kind, member, record_id))

    @router.post("/desk/catalog/{kind}/{record_id}/withdraw")
    def withdraw(
        request: Request, member: Staff, kind: str, record_id: str, fields: Fields
    ) -> Response:
        current = owned(kind, member, record_id)
        values = publishing.form_values(platform, kind, current)
        if not desk.csrf_ok(request, {"csrf": (fields.get("csrf") or [""])[0]}):
            return form_page(request, member, kind, values, current, 403, error="csrf")
        if (fields.get("confirm") or [""])[0] != "yes":
            problem = publishing.Problem("confirm", "confirm")
            return form_page(request, member, kind, values, current, 422, [problem])
        try:
            how = publishing.withdraw(platform, member, comuni_of(member), kind, record_id)
        except LookupError:
            raise HTTPException(404, "no such record") from None
        except publishing.PublishRefusedError as refusal:
            return form_page(request, member, kind, values, current, 409, refusal.problems)
        done = "closed" if how == "closed" else "withdrawn"
        return desk.redirect(request, f"/desk/catalog?done={done}&id={record_id}")

    return router
