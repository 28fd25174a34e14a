# SPDX-License-Identifier: EUPL-1.2
"""The fleet: each kiosk's latest heartbeat, a page listing them with alerts, and a
manager's request for a kiosk's recent log.

Kiosks post ``/v1/device/heartbeat`` every few minutes (sync/heartbeat.py); the platform
keeps the latest per kiosk and measures the kiosk's clock against its own. ``/fleet`` is
a server-rendered page for platform staff, behind the admin token (as a Bearer token,
or as the password of the browser's login prompt), listing every kiosk. A Comune's staff
see their own Comuni's kiosks on the web desk (``/desk/fleet``, central/web/staff.py),
from the same ``fleet`` rows filtered by the kiosks' Comune.
"""

# No "from __future__ import annotations": FastAPI reads the real annotation objects.

import base64
import binascii
import html
from collections.abc import Awaitable, Callable, Collection
from datetime import UTC, datetime, timedelta
from importlib import metadata
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Response
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.constant_time import same_secret
from central.models import Device, KioskHealth
from central.platform import Platform, now
from protocol.messages import MAX_CLOCK_SKEW_S
from protocol.records import network_utc

# A kiosk is late after about two missed heartbeats and silent after about twelve, of
# the interval it says it beats at (sync.heartbeat_interval_s, 60 to 3600 s; it beats
# after a sync pass, so up to two intervals apart); never sooner than for the default
# 5 minutes, which is also what a kiosk that does not say gets.
DEFAULT_INTERVAL_S = 300
MAX_INTERVAL_S = 3600  # as the kiosk's configuration
LATE_FACTOR, SILENT_FACTOR = 2.4, 12
LATE_AFTER = timedelta(seconds=LATE_FACTOR * DEFAULT_INTERVAL_S)  # the least: 12 minutes
SILENT_AFTER = timedelta(seconds=SILENT_FACTOR * DEFAULT_INTERVAL_S)  # the least: an hour
UNSENT_ALERT_S = 24 * 3600
ASK_FOR_TOKEN = {"WWW-Authenticate": 'Basic realm="Social Point fleet"'}
CLOCK_ALERT_S = 120
# As the kiosk's own doctor: below this a store, its backups and the print queue fail.
LOW_DISK_BYTES = 200 * 1024 * 1024
# A kiosk that beats but has not synced for a day shows a stale catalog, and its
# records wait (the platform refusing its pulls, a proxy eating them, a broken store).
SYNC_ALERT_S = 24 * 3600
MAX_LOG_CHARS = 64 * 1024
PRINTER_ALERTS = {
    "paper_out": "out of paper",
    "paper_low": "paper running out",
    "cover_open": "printer cover open",
    "offline": "printer offline",
    "unreachable": "printer unreachable",
    "no_answer": "printer not answering",
}


# An instant of this network's time, in UTC ("0001-01-01T00:00+14:00" is valid ISO but
# off the calendar in UTC: it made the heartbeat and the fleet page fail).
Instant = Annotated[datetime, AfterValidator(network_utc)]


def _in_utc(moment: datetime) -> datetime:
    try:
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except OverflowError:
        raise ValueError("not an instant that exists in UTC") from None


# When the kiosk sent its heartbeat, by its own clock: any instant, the year 1970 too (a
# clock reset with no battery), which is what the fleet's clock alert is for; refused,
# the kiosk showed as silent instead.
KioskClock = Annotated[datetime, AfterValidator(_in_utc)]


def _storable_log(text: str | None) -> str | None:
    """A log's text as a database keeps it, without NULs (a log file damaged by a power
    cut): PostgreSQL refuses a NUL in text, and the heartbeat failed with 500 until the
    NUL left the log's last 64 KiB."""
    return text.replace("\x00", "") if text is not None else None


def _not_below_zero(value: Any) -> Any:
    """An age below zero as 0; anything else as sent, for the field's own checks."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        return 0
    return value


class Heartbeat(BaseModel):
    """What a kiosk says about itself; no personal data, every field bounded."""

    model_config = ConfigDict(extra="forbid")

    version: str = Field(max_length=32, pattern=r"^[0-9A-Za-z.+-]+$")
    sent_at: KioskClock
    uptime_s: int = Field(ge=0, le=10**9)
    printer: str = Field(max_length=32, pattern=r"^[a-z_]+$")
    print_queue: int = Field(ge=0, le=10**6)
    # A kiosk whose clock went back sends its oldest record's age below zero (made "in
    # the future"): taken as 0, never a reason to refuse the whole heartbeat.
    oldest_unsent_s: Annotated[int | None, BeforeValidator(_not_below_zero)] = Field(
        default=None, ge=0, le=10**9
    )
    rejected: int = Field(ge=0, le=10**6)
    # Platform records the kiosk could not apply and set aside (store/set_aside.py).
    # Optional, as the next field: a kiosk of an older release does not send it.
    set_aside: int | None = Field(default=None, ge=0, le=10**6)
    # How often the kiosk beats (sync.heartbeat_interval_s): when it counts as late.
    interval_s: int | None = Field(default=None, ge=0, le=MAX_INTERVAL_S)
    free_disk_bytes: int = Field(ge=0, le=10**15)
    last_sync: Instant | None = None
    # The kiosk's clock minus the platform's, as the kiosk measured it (HTTP Date).
    # As a submission's; the column is 32-bit on PostgreSQL.
    clock_skew_s: int | None = Field(default=None, ge=-MAX_CLOCK_SKEW_S, le=MAX_CLOCK_SKEW_S)
    log: Annotated[str | None, AfterValidator(_storable_log)] = Field(
        default=None, max_length=MAX_LOG_CHARS
    )


class HeartbeatReply(BaseModel):
    log_requested: bool


def _as_utc(moment: datetime) -> datetime:
    """Aware UTC; a naive moment (an older kiosk's) is taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _release() -> str | None:
    """The kiosk release this platform belongs to (one project, one version): what
    every kiosk should run. None from a checkout that was never installed."""
    try:
        return metadata.version("social-point-kiosk")
    except metadata.PackageNotFoundError:
        return None


# The newest version is the platform's own release, never a kiosk's claim: any device
# holding a token could claim "99.0" and have every kiosk of the network shown as old.
RELEASE = _release()


def _version_key(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def record_heartbeat(platform: Platform, device_id: str, beat: Heartbeat) -> bool:
    """Keeps the latest heartbeat; True when a manager waits for this kiosk's log."""
    received = now()
    # In the writers' turn: read, then written in a plain transaction, SQLite refused
    # it at once ("busy", 503) when another write had committed since the read, and
    # kiosks beating together lost about half their heartbeats (shown late for it).
    with platform.writing(in_turn_from_start=False) as session:
        kiosk_id = session.scalar(select(Device.kiosk_id).where(Device.id == device_id)) or ""
        row = session.get(KioskHealth, device_id)
        if row is None:
            row = KioskHealth(
                device_id=device_id,
                kiosk_id=kiosk_id,
                received_at=received,
                clock_skew_s=0,
                beat={},
            )
            session.add(row)
        row.kiosk_id, row.received_at = kiosk_id, received
        skew = round((_as_utc(beat.sent_at) - received).total_seconds())
        row.clock_skew_s = max(-MAX_CLOCK_SKEW_S, min(MAX_CLOCK_SKEW_S, skew))
        row.beat = beat.model_dump(mode="json", exclude={"log"})
        if beat.log is not None and row.log_requested_at is not None:
            row.log_text, row.log_received_at, row.log_requested_at = beat.log, received, None
        return row.log_requested_at is not None


def request_log(platform: Platform, device_id: str) -> bool:
    with platform.writing(in_turn_from_start=False) as session:  # read, then written
        return request_log_in(session, device_id)


def request_log_in(session: Session, device_id: str) -> bool:
    """``request_log`` in the caller's transaction (the desk's, with its audit row)."""
    row = session.get(KioskHealth, device_id)
    if row is None:
        return False
    row.log_requested_at = now()
    return True


def thresholds(beat: dict[str, Any]) -> tuple[timedelta, timedelta]:
    """After how long without a heartbeat this kiosk is late, and silent."""
    interval = beat.get("interval_s")
    if not isinstance(interval, int):  # an older kiosk's heartbeat
        interval = DEFAULT_INTERVAL_S
    interval = min(interval, MAX_INTERVAL_S)  # a value stored by hand: still bounded
    late = max(LATE_AFTER, timedelta(seconds=LATE_FACTOR * interval))
    silent = max(SILENT_AFTER, timedelta(seconds=SILENT_FACTOR * interval))
    return late, silent


def state_of(row: KioskHealth, at: datetime) -> str:
    age = at - row.received_at
    late, silent = thresholds(row.beat)
    return "online" if age <= late else "late" if age <= silent else "silent"


# Each alert as a code and its figures, worded by each page in its language.
ALERT_TEXT = {
    "printer": "{printer}",
    "unsent": "records unsent for {hours} hours",
    "clock": "clock off by {skew:+d} s",
    "old_version": "old version {version} (newest {newest})",
    "unknown_version": "version {version} unknown to the platform (newest {newest})",
    "rejected": "{count} rejected records",
    "set_aside": "{count} platform records set aside",
    "disk": "{mb} MB of disk left",
    "no_sync": "no sync for {hours} hours",
}


def alert_facts(row: KioskHealth, newest_version: str | None) -> list[tuple[str, dict[str, Any]]]:
    """The kiosk's alerts: paper and printer faults, records unsent for over a day, a
    clock off by more than CLOCK_ALERT_S, a version older than the platform's release
    (or newer: no such release is known, the kiosk may not be ours), records the
    platform rejected, platform records the kiosk set aside, a disk nearly full, and
    no sync for over a day."""
    beat, found = row.beat, []
    if beat.get("printer") in PRINTER_ALERTS:
        found.append(("printer", {"state": beat["printer"]}))
    unsent = beat.get("oldest_unsent_s")
    if unsent is not None and unsent > UNSENT_ALERT_S:
        found.append(("unsent", {"hours": unsent // 3600}))
    if abs(row.clock_skew_s) > CLOCK_ALERT_S:
        found.append(("clock", {"skew": row.clock_skew_s}))
    if newest_version is not None:
        version = str(beat.get("version", "0"))
        facts = {"version": version, "newest": newest_version}
        if _version_key(version) < _version_key(newest_version):
            found.append(("old_version", facts))
        elif _version_key(version) > _version_key(newest_version):
            found.append(("unknown_version", facts))
    if beat.get("rejected"):
        found.append(("rejected", {"count": beat["rejected"]}))
    if beat.get("set_aside"):  # the kiosk shows something older or lacks it
        found.append(("set_aside", {"count": beat["set_aside"]}))
    free = beat.get("free_disk_bytes")
    if isinstance(free, int) and free < LOW_DISK_BYTES:
        found.append(("disk", {"mb": free // (1024 * 1024)}))
    if (since := _sync_age_s(beat)) is not None and since > SYNC_ALERT_S:
        found.append(("no_sync", {"hours": since // 3600}))
    return found


def _sync_age_s(beat: dict[str, Any]) -> int | None:
    """Seconds from the kiosk's last successful sync to its heartbeat, both by the
    kiosk's own clock (so its skew does not count); None when it never said."""
    try:
        sent = _as_utc(datetime.fromisoformat(beat["sent_at"]))
        synced = _as_utc(datetime.fromisoformat(beat["last_sync"]))
    except (KeyError, TypeError, ValueError):
        return None
    return max(0, int((sent - synced).total_seconds()))


def alerts_of(row: KioskHealth, newest_version: str | None) -> list[str]:
    return [
        PRINTER_ALERTS[facts["state"]] if code == "printer" else ALERT_TEXT[code].format(**facts)
        for code, facts in alert_facts(row, newest_version)
    ]


def fleet(
    platform: Platform, at: datetime | None = None, comuni: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """Every kiosk's latest heartbeat with its state and alerts; with ``comuni``, only
    the kiosks enrolled for one of them (a Comune's staff see no other's)."""
    moment = at or now()
    with platform.sessions() as session:
        found: list[tuple[KioskHealth, str | None]] = [
            (row, comune)
            for row, comune in session.execute(
                select(KioskHealth, Device.comune)
                .join(Device, Device.id == KioskHealth.device_id, isouter=True)
                .order_by(KioskHealth.kiosk_id)
            )
        ]
    newest = RELEASE
    if comuni is not None:
        found = [(r, comune) for r, comune in found if comune is not None and comune in comuni]
    return [
        {
            "device_id": r.device_id,
            "kiosk_id": r.kiosk_id,
            "comune": comune,
            "state": state_of(r, moment),
            "received_at": r.received_at,
            "clock_skew_s": r.clock_skew_s,
            "beat": r.beat,
            "alerts": alerts_of(r, newest),
            "alert_facts": alert_facts(r, newest),
            "log_requested": r.log_requested_at is not None,
            "log_received_at": r.log_received_at,
        }
        for r, comune in found
    ]


def _age(seconds: int | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def _every(beat: dict[str, Any]) -> str:
    """The kiosk's heartbeat interval, when it said one."""
    interval = beat.get("interval_s")
    return f" (beats every {_age(interval)})" if isinstance(interval, int) and interval else ""


def _count(value: object) -> str:
    return str(value) if isinstance(value, int) else "–"  # an older kiosk does not say


def _when(iso: str | None) -> str:
    if not iso:
        return "–"
    try:
        return f"{_as_utc(datetime.fromisoformat(iso)):%d/%m %H:%M} UTC"
    except (ValueError, OverflowError):  # a value stored before instants were bounded
        return "–"


# As the desk's (central/web/desk.py): no script, no frame of another site, no guessing
# a log's type; the page's one inline style is its own.
FLEET_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def render_fleet(kiosks: list[dict[str, Any]], at: datetime) -> str:
    """The fleet page; every value from a kiosk is escaped."""
    e = html.escape
    rows = []
    for k in kiosks:
        beat = k["beat"]
        seen = int((at - k["received_at"]).total_seconds())
        log_cell = (
            f'<a href="/fleet/kiosks/{e(k["device_id"])}/log">log of '
            f"{k['log_received_at']:%d/%m %H:%M}</a>"
            if k["log_received_at"]
            else ""
        )
        asked = "asked, comes with the next sync" if k["log_requested"] else ""
        button = (
            f'<form method="post" action="/fleet/kiosks/{e(k["device_id"])}/log-request">'
            f"<button>Ask for its log</button></form>"
        )
        rows.append(
            f'<tr class="{k["state"]}"><td>{e(k["kiosk_id"])}</td><td>{k["state"]}</td>'
            f"<td>{_age(seen)} ago{_every(beat)}</td><td>{e(str(beat.get('version')))}</td>"
            f"<td>{_age(beat.get('uptime_s'))}</td><td>{e(str(beat.get('printer')))}</td>"
            f"<td>{beat.get('print_queue')}</td><td>{_age(beat.get('oldest_unsent_s'))}</td>"
            f"<td>{_count(beat.get('set_aside'))}</td>"
            f"<td>{beat.get('free_disk_bytes', 0) / 1024**3:.1f} GB</td>"
            f"<td>{k['clock_skew_s']:+d} s</td><td>{_when(beat.get('last_sync'))}</td>"
            f"<td>{'<br>'.join(e(a) for a in k['alerts'])}</td>"
            f"<td>{log_cell} {asked} {button}</td></tr>"
        )
    counts = {s: sum(k["state"] == s for k in kiosks) for s in ("online", "late", "silent")}
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Social Point fleet</title>
<style>body{{font:16px sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:.3em .6em;text-align:left}}
tr.late{{background:#fff3cd}}tr.silent{{background:#f8d7da}}</style></head>
<body><h1>Social Point fleet</h1>
<p>{counts["online"]} online, {counts["late"]} late, {counts["silent"]} silent
(late: no heartbeat for {LATE_FACTOR} times the kiosk's heartbeat interval, at least
{LATE_AFTER.seconds // 60} minutes; silent: for {SILENT_FACTOR} times, at least an hour).</p>
<table><tr><th>Kiosk</th><th>State</th><th>Last heard</th><th>Version</th><th>Uptime</th>
<th>Printer</th><th>Print queue</th><th>Oldest unsent</th><th>Set aside</th><th>Free disk</th>
<th>Clock</th><th>Last sync</th><th>Alerts</th><th>Log</th></tr>
{"".join(rows)}
</table></body></html>"""


def fleet_router(
    platform: Platform, device: Callable[..., Awaitable[str]], admin_token: str | None
) -> APIRouter:
    router = APIRouter()

    def staff(authorization: Annotated[str | None, Header()] = None) -> None:
        given = ""
        scheme, _, value = (authorization or "").partition(" ")
        if scheme == "Bearer":
            given = value.strip()
        elif scheme == "Basic":
            try:
                given = base64.b64decode(value).decode().partition(":")[2]
            except (binascii.Error, UnicodeDecodeError):
                given = ""
        if not admin_token or not same_secret(admin_token, given):
            raise HTTPException(401, "admin token required", headers=ASK_FOR_TOKEN)

    @router.post("/v1/device/heartbeat", response_model=HeartbeatReply)
    def heartbeat(beat: Heartbeat, device_id: Annotated[str, Depends(device)]) -> HeartbeatReply:
        return HeartbeatReply(log_requested=record_heartbeat(platform, device_id, beat))

    @router.get("/fleet", response_class=HTMLResponse, dependencies=[Depends(staff)])
    def fleet_page(response: Response) -> str:
        response.headers.update(FLEET_HEADERS)
        moment = now()
        return render_fleet(fleet(platform, moment), moment)

    @router.post("/fleet/kiosks/{device_id}/log-request", dependencies=[Depends(staff)])
    def ask_for_log(
        device_id: str,
        sec_fetch_site: Annotated[str | None, Header()] = None,
    ) -> RedirectResponse:
        # A browser sends the login it remembers with any site's form: only a form of
        # this page (or a client that is no browser) may ask.
        if sec_fetch_site not in (None, "same-origin", "none"):
            raise HTTPException(403, "this request must come from the fleet page")
        if not request_log(platform, device_id):
            raise HTTPException(404, "no such kiosk")
        return RedirectResponse("/fleet", status_code=303)

    @router.get(
        "/fleet/kiosks/{device_id}/log",
        response_class=PlainTextResponse,
        dependencies=[Depends(staff)],
    )
    def kiosk_log(device_id: str, response: Response) -> str:
        response.headers.update(FLEET_HEADERS)  # a log's text is never run as a page
        with platform.sessions() as session:
            row = session.get(KioskHealth, device_id)
        if row is None or row.log_text is None:
            raise HTTPException(404, "no log from this kiosk yet")
        return row.log_text

    return router
