# SPDX-License-Identifier: EUPL-1.2
"""The Comune staff's pages beside the fleet: applications (list, one, decision) and
the audit log (page and CSV). The rules are in central/web/review.py and
central/web/audit.py; this module reads the forms and answers the browser."""

# No "from __future__ import annotations": FastAPI resolves Depends() from real objects.

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from central.platform import Platform
from central.web import accounts, audit, review
from central.web.desk import Desk, form_fields
from central.web.staff import comuni_of, staff_member
from central.web.strings import translator


def _day(text: str | None) -> date | None:
    """A date from a date field (YYYY-MM-DD); None when empty or not a date."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def comune_router(platform: Platform) -> APIRouter:
    desk = Desk(platform)
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
        return desk.page(
            request,
            "applications.html",
            422 if bad_date else 200,
            merchant=member,
            rows=rows,
            titles=titles,
            states=review.STATES,
            chosen={"call": call, "state": state, "from": since, "to": until},
            error="bad_date" if bad_date else None,
        )

    def application_page(
        request: Request, member: accounts.Merchant, protocol: str, status: int = 200, **extra: Any
    ) -> Response:
        language = desk.language(request)
        found = review.application(platform, member, protocol, comuni_of(member), language)
        if found is None:
            raise HTTPException(404, "no such application")
        titles = call_titles(comuni_of(member), language)
        return desk.page(
            request,
            "application.html",
            status,
            merchant=member,
            app=found,
            call_title=titles.get(found.call, found.call),
            states=review.STATES,
            **extra,
        )

    @router.get("/desk/applications/{protocol}")
    def one_application(request: Request, member: Staff, protocol: str) -> Response:
        saved = request.query_params.get("saved") == "1"
        return application_page(request, member, protocol, saved=saved)

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
            )
        except review.DecisionError as error:
            if error.code == "no_application":
                raise HTTPException(404, "no such application") from None
            return application_page(request, member, protocol, 422, error=error.code)
        return desk.redirect(request, f"/desk/applications/{protocol}?saved=1")

    def audit_rows(member: accounts.Merchant) -> list[audit.Entry]:
        with platform.sessions() as session:
            return audit.entries(session, comuni_of(member), platform.time_zone)

    @router.get("/desk/audit")
    def audit_page(request: Request, member: Staff) -> Response:
        return desk.page(request, "audit.html", merchant=member, rows=audit_rows(member))

    @router.get("/desk/audit.csv")
    def audit_csv(request: Request, member: Staff) -> Response:
        t = translator(desk.language(request))
        rows = audit_rows(member)
        headers = [t(key) for key in ("when", "who", "comune", "what", "on_what", "detail")]
        names = {action: t(f"action_{action}") for action in audit.ACTIONS}
        with platform.sessions.begin() as session:
            for comune in comuni_of(member):
                audit.add(session, member, "exported", "audit.csv", comune, f"{len(rows)} rows")
        disposition = {"Content-Disposition": 'attachment; filename="registro-azioni.csv"'}
        text = audit.as_csv(rows, headers, names)
        return desk.finish(
            request, Response(text, media_type="text/csv; charset=utf-8", headers=disposition)
        )

    return router
