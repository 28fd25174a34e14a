# SPDX-License-Identifier: EUPL-1.2
"""Comune staff on the web desk: accounts scoped to one or more Comuni, and the fleet
page showing only their kiosks (``/desk/fleet``).

A staff account is a desk account like a shop's (the same login, password hashing, CSRF
and limits of central/web/accounts.py) whose device row has the role ``staff`` and the
scope ``{"comuni": [...]}``; that device has no usable token, and a staff role is never
accepted by the API (central/devices.py knows only kiosk, merchant and admin), so staff
reach nothing but these pages. They see the kiosks enrolled for their Comuni: state,
paper and printer, records unsent for over a day, clock skew, old versions, and may ask
one of them for its recent log (masked on the kiosk). Platform administrators see every
kiosk at ``/fleet`` with the admin token.
"""

# No "from __future__ import annotations": FastAPI resolves Depends() from real objects.

import secrets
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from central.fleet import LATE_AFTER, fleet, request_log_in
from central.models import Device, KioskHealth, MerchantAccount, Record
from central.platform import Platform, digest, now
from central.web import accounts, audit
from central.web.desk import Desk, LoginRequiredError, form_fields
from central.web.strings import TEXT

ROLE = "staff"


class StaffGrant(BaseModel):
    """``POST /v1/admin/staff``: a Comune staff member's web desk account."""

    username: accounts.Text = Field(min_length=3, max_length=64)
    password: accounts.Text = Field(min_length=accounts.MIN_PASSWORD, max_length=200)
    display_name: accounts.Text = Field(min_length=1, max_length=200)
    comuni: list[accounts.Text] = Field(min_length=1, max_length=200)


def create_staff(platform: Platform, grant: StaffGrant) -> str:
    """A staff account for the Comuni named; its id. AccountError says why not."""
    username = grant.username.strip().lower()
    if not accounts.USERNAME.match(username):
        raise accounts.AccountError("username: 3-64 lowercase letters, digits, '.', '_' or '-'")
    comuni = sorted({comune.strip() for comune in grant.comuni})
    account_id, device_id = str(uuid.uuid4()), str(uuid.uuid4())
    moment = datetime.now(UTC)
    password_hash = accounts.hash_password(grant.password)  # before the turn: it is slow
    # In the writers' turn, as a shop's account is made (central/web/accounts.py).
    with platform.writing() as session:
        for comune in comuni:
            if session.get(Record, ("comuni", comune)) is None:
                raise accounts.AccountError(f"unknown comune {comune!r}")
        taken = select(MerchantAccount).where(MerchantAccount.username == username)
        if session.scalar(taken) is not None:
            raise accounts.AccountError(f"username {username!r} is taken")
        session.add(
            Device(
                id=device_id,
                kiosk_id=f"staff:{username}",
                enrolled_at=moment,
                role=ROLE,
                token_hash=digest(secrets.token_urlsafe(32)),  # thrown away: no API access
                scope={"comuni": comuni},
            )
        )
        session.add(
            MerchantAccount(
                id=account_id,
                username=username,
                password_hash=password_hash,
                display_name=grant.display_name.strip(),
                iban="",
                device_id=device_id,
                created_at=moment,
            )
        )
    return account_id


def is_staff(account: accounts.Merchant) -> bool:
    return account.device.role == ROLE


def comuni_of(account: accounts.Merchant) -> list[str]:
    return list((account.device.scope or {}).get("comuni", []))


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    whole = int(seconds)
    if whole < 3600:
        return f"{whole // 60} min"
    if whole < 86400:
        return f"{whole // 3600} h"
    return f"{whole // 86400} d"


def _rows(platform: Platform, comuni: list[str], t: Callable[..., str]) -> list[dict[str, Any]]:
    """The fleet rows of these Comuni as the page shows them, alerts in words."""
    moment = now()
    names = platform.records("comuni")
    shown = []
    for kiosk in fleet(platform, moment, comuni=comuni):
        beat = kiosk["beat"]
        alerts = []
        for code, facts in kiosk["alert_facts"]:
            if code == "printer":
                facts = {"printer": t(f"printer_{facts['state']}")}
            alerts.append(t(f"alert_{code}", **facts))
        last_sync = beat.get("last_sync")
        shown.append(
            {
                "device_id": kiosk["device_id"],
                "kiosk_id": kiosk["kiosk_id"],
                "comune": str(names.get(kiosk["comune"], {}).get("name") or kiosk["comune"]),
                "state": kiosk["state"],
                "heard": _age((moment - kiosk["received_at"]).total_seconds()),
                "version": beat.get("version", "–"),
                "printer": (
                    t(f"printer_{beat.get('printer')}")
                    if f"printer_{beat.get('printer')}" in TEXT
                    else beat.get("printer", "–")
                ),
                "print_queue": beat.get("print_queue", 0),
                "oldest_unsent": _age(beat.get("oldest_unsent_s")),
                "clock": f"{kiosk['clock_skew_s']:+d} s",
                "last_sync": last_sync[:16].replace("T", " ") if last_sync else "–",
                "alerts": alerts,
                "log_requested": kiosk["log_requested"],
                "log_received_at": kiosk["log_received_at"],
            }
        )
    return shown


def staff_member(desk: Desk) -> Callable[[Request], accounts.Merchant]:
    """The dependency of a staff page: the logged-in staff member, else to the login."""

    def member(request: Request) -> accounts.Merchant:
        found = desk.merchant(request)
        if found is None or not is_staff(found):
            raise LoginRequiredError
        return found

    return member


def staff_router(desk: Desk, admin: Callable[..., None]) -> APIRouter:
    platform = desk.platform
    router = APIRouter(include_in_schema=False)
    Form = Annotated[dict[str, str], Depends(form_fields)]  # noqa: N806

    Staff = Annotated[accounts.Merchant, Depends(staff_member(desk))]  # noqa: N806

    def own_kiosk(member: accounts.Merchant, device_id: str) -> None:
        """404 for a kiosk outside the member's Comuni, as for one that does not exist."""
        with platform.sessions() as session:
            device = session.get(Device, device_id)
            known = session.get(KioskHealth, device_id) is not None
        if not known or device is None or device.comune not in comuni_of(member):
            raise HTTPException(404, "no such kiosk")

    @router.post(
        "/v1/admin/staff",
        status_code=201,
        dependencies=[Depends(admin)],
        include_in_schema=True,
    )
    def create(grant: StaffGrant) -> dict[str, str]:
        """A Comune staff member's account on the web desk: the fleet page of the
        kiosks of ``comuni``."""
        try:
            return {"id": create_staff(platform, grant)}
        except accounts.AccountError as error:
            raise HTTPException(422, str(error)) from None

    @router.get("/desk/fleet")
    def fleet_page(request: Request, member: Staff) -> Response:
        t = _translator(desk, request)
        kiosks = _rows(platform, comuni_of(member), t)
        counts = {s: sum(k["state"] == s for k in kiosks) for s in ("online", "late", "silent")}
        names = platform.records("comuni")
        comuni = ", ".join(str(names.get(c, {}).get("name") or c) for c in comuni_of(member))
        return desk.page(
            request,
            "fleet.html",
            merchant=member,
            kiosks=kiosks,
            counts=counts,
            comuni=comuni,
            late_minutes=LATE_AFTER.seconds // 60,
        )

    @router.post("/desk/fleet/{device_id}/log-request")
    def ask_for_log(request: Request, member: Staff, device_id: str, fields: Form) -> Response:
        if not desk.csrf_ok(request, fields):
            raise HTTPException(403, "the page had expired: reload it")
        own_kiosk(member, device_id)
        with platform.writing() as session:  # the request and its row, together
            device = session.get(Device, device_id)
            if device is not None and request_log_in(session, device_id):
                name = device.kiosk_id
                audit.add(session, member, "log_requested", name, device.comune, device_id)
        return desk.redirect(request, "/desk/fleet")

    @router.get("/desk/fleet/{device_id}/log")
    def kiosk_log(request: Request, member: Staff, device_id: str) -> Response:
        own_kiosk(member, device_id)
        with platform.writing() as session:  # the log read and its audit row, together
            row = session.get(KioskHealth, device_id)
            device = session.get(Device, device_id)
            text = row.log_text if row is not None else None
            if text is not None and device is not None:
                detail = f"registro del totem ({device_id})"
                audit.add(session, member, "viewed", device.kiosk_id, device.comune, detail)
        if text is None:
            raise HTTPException(404, "no log from this kiosk yet")
        return desk.finish(request, PlainTextResponse(text))

    return router


def _translator(desk: Desk, request: Request) -> Callable[..., str]:
    from central.web.strings import translator

    return translator(desk.language(request))
