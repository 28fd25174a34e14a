# SPDX-License-Identifier: EUPL-1.2
"""The print queue in the local store: slips waiting for the printer, and what became
of them.

``add`` runs inside the caller's transaction, so a receipt is committed together with
the purchase it records, or not at all. A job moves pending → sending → printed. A job
is marked "sending" (and committed) before its first byte leaves, so a crash while
printing is found at the next start and the job becomes "uncertain": the paper may or
may not have come out, so it is printed again only when someone asks, as a marked copy
(DUPLICATO n. X). A pending job older than the configured limit expires instead of
printing for someone who has left. A slip that cannot be drawn (a rendering error) ends
"failed" with its reason, and the queue goes on; so does one whose stored slip cannot be
read (a damaged row, or one written by a newer kiosk): it is listed as a placeholder,
can be dealt with, and is never reprinted. A manager marks a slip to check as dealt
with ("uncertain_done" and so on; a waiting one is "cancelled"). A copy is numbered
among the prints that may have put paper out: the only print of a slip that never
printed is not a copy. A job may be held for a few seconds (``hold_until``)
while a number it should carry is on its way; ``release`` completes it and lets it go,
and a held job prints as it is once the hold ends, so nothing waits for ever.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, CursorResult, Executable, func, select, update
from sqlalchemy.exc import NoResultFound
from sqlalchemy.orm import Session

from printing.documents import voucher_copy_mark
from printing.slip import DUPLICATE_MARK, Slip, Text, as_duplicate, from_json, to_json
from store import print_history, raw_columns
from store.models import PrintJob
from store.outbox import utcnow

# "voucher_copy": a voucher printed again from the wallet, marked "COPIA n. X".
KINDS = (
    "receipt",
    "application",
    "voucher",
    "voucher_copy",
    "report",
    "test",
    "card",
    "privacy_notice",  # a call's or service's privacy notice, printed on request
)


log = logging.getLogger(__name__)
T = TypeVar("T")


class UnreadableSlipError(ValueError):
    """A job's stored slip cannot be read, so it cannot be printed again."""


# What a job whose stored slip cannot be read shows in the list of slips to check.
UNREADABLE = Slip("Stampa illeggibile", (Text("Stampa illeggibile", align="center", bold=True),))


@dataclass(frozen=True)
class QueuedJob:
    id: int
    uuid: str
    kind: str
    reference: str | None
    copy_no: int
    state: str
    waiting_reason: str | None
    attempts: int
    created_at: datetime  # UTC
    slip: Slip  # as it prints: a copy carries its DUPLICATO banner
    # Why the stored row cannot be read (the error's name), None when it can: ``slip``
    # is then UNREADABLE, and the job is never printed.
    damage: str | None = None
    updated_at: datetime | None = None  # UTC; None only in a damaged row
    hold_until: datetime | None = None  # UTC
    original_id: int | None = None  # a copy's original

    @classmethod
    def of(cls, row: PrintJob) -> QueuedJob:
        """A job from a loaded row (loading it decoded its columns already)."""
        return _job(_Stored.of(row))


@dataclass(frozen=True)
class _Stored:
    """A row's columns, read raw (store/raw_columns.py): ``damage`` names the first
    that cannot be decoded, and the others are then decoded as well as they can be."""

    id: int
    uuid: str
    kind: str
    reference: str | None
    copy_no: int
    original_id: int | None
    state: str
    waiting_reason: str | None
    attempts: int
    created_at: datetime | None
    updated_at: datetime | None
    hold_until: datetime | None
    slip: dict[str, Any] | None  # the stored JSON, None when damaged
    damage: str | None = None

    @classmethod
    def of(cls, row: PrintJob) -> _Stored:
        return cls(
            row.id,
            row.uuid,
            row.kind,
            row.reference,
            row.copy_no,
            row.original_id,
            row.state,
            row.waiting_reason,
            row.attempts,
            row.created_at,
            row.updated_at,
            row.hold_until,
            row.slip,
        )


# Read raw, after the id (an INTEGER PRIMARY KEY is always an integer), in this order.
_RAW = (
    PrintJob.uuid,
    PrintJob.kind,
    PrintJob.reference,
    PrintJob.copy_no,
    PrintJob.original_id,
    PrintJob.state,
    PrintJob.waiting_reason,
    PrintJob.attempts,
    PrintJob.created_at,
    PrintJob.updated_at,
    PrintJob.hold_until,
    PrintJob.slip,
)


def _read(
    session: Session,
    *where: ColumnElement[bool],
    newest_first: bool = False,
    limit: int | None = None,
) -> list[_Stored]:
    """The rows that match, oldest first. Every reader of jobs reads them here: a damaged
    row comes back marked, never raising inside the query for every row with it."""
    order = PrintJob.id.desc() if newest_first else PrintJob.id
    statement = select(PrintJob.id, *map(raw_columns.raw, _RAW)).where(*where).order_by(order)
    rows = session.execute(statement.limit(limit)).all()
    return [_decoded(row[0], row[1:]) for row in rows]


def _first(session: Session, *where: ColumnElement[bool]) -> _Stored | None:
    rows = _read(session, *where, limit=1)
    return rows[0] if rows else None


def _decoded(job_id: int, values: Sequence[bytes | None]) -> _Stored:
    try:
        return _strictly(job_id, values)
    except (ValueError, TypeError) as error:
        return _leniently(job_id, values, type(error).__name__)


def _strictly(job_id: int, values: Sequence[bytes | None]) -> _Stored:
    uuid_, kind, reference, copy_no, original, state, reason, attempts = values[:8]
    created, updated, hold, slip = values[8:]
    stored = raw_columns.json_value(slip)
    if not isinstance(stored, dict):
        raise TypeError(f"slip is no JSON object: {type(stored).__name__}")
    return _Stored(
        job_id,
        _required(raw_columns.text(uuid_)),
        _required(raw_columns.text(kind)),
        raw_columns.text(reference),
        _required(raw_columns.integer(copy_no)),
        raw_columns.integer(original),
        _required(raw_columns.text(state)),
        raw_columns.text(reason),
        _required(raw_columns.integer(attempts)),
        _required(raw_columns.instant(created)),
        _required(raw_columns.instant(updated)),
        raw_columns.instant(hold),
        stored,
    )


def _required(value: T | None) -> T:
    if value is None:
        raise TypeError("a required column is empty")
    return value


def _leniently(job_id: int, values: Sequence[bytes | None], damage: str) -> _Stored:
    """What can still be told of a damaged row: enough to list it and deal with it."""
    uuid_, kind, reference, copy_no, original, state, reason, attempts = values[:8]
    created, updated, hold = values[8:11]
    text = raw_columns.lenient_text
    return _Stored(
        job_id,
        text(uuid_) or "",
        text(kind) or "",
        text(reference),
        raw_columns.or_none(raw_columns.integer, copy_no) or 0,
        raw_columns.or_none(raw_columns.integer, original),
        text(state) or "",
        text(reason),
        raw_columns.or_none(raw_columns.integer, attempts) or 0,
        raw_columns.or_none(raw_columns.instant, created),
        raw_columns.or_none(raw_columns.instant, updated),
        raw_columns.or_none(raw_columns.instant, hold),
        None,
        damage,
    )


# When a damaged row's own time cannot be read: shown as such, never as today.
_UNKNOWN_TIME = datetime(1970, 1, 1, tzinfo=UTC)


def _job(row: _Stored) -> QueuedJob:
    damage = row.damage
    created_at = row.created_at or row.updated_at or _UNKNOWN_TIME
    try:
        if row.slip is None:
            raise ValueError(damage)
        slip = from_json(row.slip)
        if row.copy_no and not _marked(slip):  # a copy queued before banners were stored
            local = created_at.astimezone(_LEGACY_ZONE)
            unmarked = _without_copy_mark(slip) if row.kind == "voucher_copy" else slip
            slip = as_duplicate(unmarked, row.copy_no, local)
    except Exception as error:  # whatever the damage: the job is still listed
        slip, damage = UNREADABLE, damage or type(error).__name__
    return QueuedJob(
        row.id,
        row.uuid,
        row.kind,
        row.reference,
        row.copy_no,
        row.state,
        row.waiting_reason,
        row.attempts,
        created_at,
        slip,
        damage,
        row.updated_at,
        row.hold_until,
        row.original_id,
    )


# The zone of the banner of a copy queued by an older version (which stored none): the
# kiosk's default zone, never the operating system's.
_LEGACY_ZONE = ZoneInfo("Europe/Rome")


def _marked(slip: Slip) -> bool:
    """Whether the slip already opens with its DUPLICATO banner."""
    first = slip.elements[0] if slip.elements else None
    return isinstance(first, Text) and first.text.startswith(DUPLICATE_MARK)


_COPY_MARK = voucher_copy_mark(0).removesuffix("0")  # "COPIA n. "


def _without_copy_mark(slip: Slip) -> Slip:
    """A voucher printed again from the wallet without its "COPIA n. X" marks: a copy
    made of it carries its own DUPLICATO n. X, one number, not two."""
    elements = tuple(
        e
        for e in slip.elements
        if not (
            isinstance(e, Text)
            and e.big
            and e.text.startswith(_COPY_MARK)
            and e.text.removeprefix(_COPY_MARK).isdigit()
        )
    )
    return Slip(slip.title, elements)


def _new_job(session: Session, **fields: object) -> str:
    moment = utcnow()
    job_uuid = str(uuid.uuid4())
    session.add(
        PrintJob(
            uuid=job_uuid,
            state="pending",
            attempts=0,
            bytes_sent=0,
            created_at=moment,
            updated_at=moment,
            **fields,
        )
    )
    return job_uuid


def add(
    session: Session,
    slip: Slip,
    kind: str,
    reference: str | None = None,
    *,
    hold_until: datetime | None = None,
) -> str:
    """Queues ``slip`` in the caller's transaction; returns the job's UUID."""
    if kind not in KINDS:
        raise ValueError(f"unknown print job kind {kind!r}")
    return _new_job(
        session,
        kind=kind,
        reference=reference,
        copy_no=0,
        slip=to_json(slip),
        hold_until=hold_until,
    )


def held(session: Session, kind: str, reference: str) -> QueuedJob | None:
    """The pending job of this kind and reference still held, if any."""
    row = _first(
        session,
        PrintJob.kind == kind,
        PrintJob.reference == reference,
        PrintJob.state == "pending",
        PrintJob.hold_until.is_not(None),
    )
    return None if row is None else _job(row)


def changed(session: Session, statement: Executable) -> int:
    """Runs an UPDATE; how many rows it changed."""
    result = cast(CursorResult[Any], session.execute(statement))
    return result.rowcount or 0


def release(session: Session, job_id: int, slip: Slip | None = None) -> bool:
    """Ends a pending job's hold, with its completed slip when given."""
    values: dict[str, object] = {"hold_until": None, "updated_at": utcnow()}
    if slip is not None:
        values["slip"] = to_json(slip)
    result = changed(
        session,
        update(PrintJob).where(PrintJob.id == job_id, PrintJob.state == "pending").values(values),
    )
    return bool(result)


def next_hold_end(session: Session) -> datetime | None:
    """When the first held job becomes printable (UTC), if any is held. A hold that cannot
    be read holds nothing: ``next_pending`` sets its job apart."""
    now = utcnow()
    stored = session.scalars(
        select(raw_columns.raw(PrintJob.hold_until)).where(
            PrintJob.state == "pending", PrintJob.hold_until.is_not(None)
        )
    )
    ends = (raw_columns.or_none(raw_columns.instant, value) for value in stored)
    return min((end for end in ends if end is not None and end > now), default=None)


def last_sent_uncertain(session: Session) -> bool:
    """Whether the newest job that may have reached the printer was left uncertain (also
    once a manager dealt with it, or reprinted it): it may have been cut off inside a
    command. Newest by its last change: a slip dealt with after a later one printed only
    costs a resync that was not needed, which just resets the printer."""
    state = session.scalars(
        select(PrintJob.state)
        .where(PrintJob.state.in_(print_history.MAY_HAVE_PRINTED))
        .order_by(PrintJob.updated_at.desc(), PrintJob.id.desc())
        .limit(1)
    ).first()
    return state is not None and state.startswith("uncertain")


def recover(session: Session) -> int:
    """At start, and after the store failed mid-job: jobs left "sending" become uncertain.
    Returns how many."""
    result = changed(
        session,
        update(PrintJob)
        .where(PrintJob.state == "sending")
        .values(state="uncertain", last_error="interrupted while printing", updated_at=utcnow()),
    )
    return result


def expire(session: Session, older_than: timedelta) -> int:
    result = changed(
        session,
        update(PrintJob)
        .where(PrintJob.state == "pending", PrintJob.created_at < utcnow() - older_than)
        .values(state="expired", updated_at=utcnow()),
    )
    return result


def expire_bearer_slips(session: Session) -> int:
    """Vouchers still waiting (paper out, say) when the kiosk was left alone: whoever is
    at the printer when it prints them is not who paid (a voucher's QR is money at the
    shop). They wait for a manager among the slips to check, who reprints them."""
    return changed(
        session,
        update(PrintJob)
        .where(PrintJob.state == "pending", PrintJob.kind.in_(print_history.VOUCHER_KINDS))
        .values(state="expired", updated_at=utcnow()),
    )


def next_pending(session: Session) -> QueuedJob | None:
    """The oldest job ready to print. A job whose stored slip cannot be read (a damaged
    row, or one written by a newer kiosk) is marked failed, with why, and the next one
    is taken: it blocked every job behind it, and nothing told anyone."""
    now = utcnow()
    for row in _read(session, PrintJob.state == "pending"):
        if row.hold_until is not None and row.hold_until > now:
            continue  # held: ``release`` may yet complete it
        job = _job(row)
        if job.damage is None:
            return job
        log.error("printer: job %s cannot be read: %s", job.uuid, job.damage)  # the queue goes on
        mark_failed(session, job.id, f"the stored slip cannot be read ({job.damage})")
    return None


def get(session: Session, job_uuid: str) -> QueuedJob | None:
    row = _first(session, PrintJob.uuid == job_uuid)
    return None if row is None else _job(row)


def recent(session: Session, kinds: Sequence[str], limit: int) -> list[QueuedJob]:
    """The newest slips of these kinds that are no longer waiting (originals, not copies),
    newest first. One that cannot be read is left out: it cannot be printed again."""
    rows = _read(
        session,
        PrintJob.copy_no == 0,
        PrintJob.kind.in_(kinds),
        PrintJob.state != "pending",
        newest_first=True,
        limit=limit,
    )
    return [job for job in map(_job, rows) if job.damage is None]


def mark_waiting(session: Session, job_id: int, reason: str) -> None:
    session.execute(
        update(PrintJob)
        .where(PrintJob.id == job_id, PrintJob.state == "pending")
        .values(waiting_reason=reason, updated_at=utcnow())
    )


def mark_sending(session: Session, job_id: int) -> bool:
    """Claims a pending job for printing; False if it is no longer pending."""
    result = changed(
        session,
        update(PrintJob)
        .where(PrintJob.id == job_id, PrintJob.state == "pending")
        .values(state="sending", attempts=PrintJob.attempts + 1, updated_at=utcnow()),
    )
    return result == 1


def mark_printed(session: Session, job_id: int, sha256: str, size: int) -> None:
    moment = utcnow()
    session.execute(
        update(PrintJob)
        .where(PrintJob.id == job_id)
        .values(
            state="printed",
            sha256=sha256,
            bytes_sent=size,
            waiting_reason=None,
            last_error=None,
            printed_at=moment,
            updated_at=moment,
        )
    )


def mark_not_sent(session: Session, job_id: int, reason: str, error: str) -> None:
    """Nothing reached the printer: the job is pending again, with the reason."""
    session.execute(
        update(PrintJob)
        .where(PrintJob.id == job_id)
        .values(state="pending", waiting_reason=reason, last_error=error[:300], updated_at=utcnow())
    )


def mark_failed(session: Session, job_id: int, error: str) -> None:
    """The slip could not be drawn: nothing was sent, and trying again would not help."""
    session.execute(
        update(PrintJob)
        .where(PrintJob.id == job_id)
        .values(state="failed", waiting_reason=None, last_error=error[:300], updated_at=utcnow())
    )


def mark_uncertain(session: Session, job_id: int, sha256: str, sent: int, error: str) -> None:
    session.execute(
        update(PrintJob)
        .where(PrintJob.id == job_id)
        .values(
            state="uncertain",
            sha256=sha256,
            bytes_sent=sent,
            last_error=error[:300],
            updated_at=utcnow(),
        )
    )


ATTENTION = ("uncertain", "expired", "failed")


def reprint(session: Session, job_uuid: str, time_zone: tzinfo | str) -> str:
    """Queues the slip again (from any state); returns the new job's UUID.

    ``time_zone``: the kiosk's, for the time its DUPLICATO banner prints (the banner is
    stored with the copy, so it says when it was asked for, whenever it prints).

    It is a marked copy (DUPLICATO n. X) only when an earlier print of it may have put
    paper out; n counts those prints: of the slip and its copies, or, for a bearer
    voucher, of its code by every path (the wallet, an order, an earlier reprint, and
    slips retention deleted). A print still waiting for the printer (the slip itself or
    a copy) is returned instead of queueing another, so pressing again never piles up
    prints. The slip the manager reprinted from the list of slips to check leaves that
    list. A voucher printed again from the wallet is copied without its "COPIA n. X"
    marks. UnreadableSlipError when the slip to copy cannot be read (nothing changes).
    """
    row = _first(session, PrintJob.uuid == job_uuid)
    if row is None:
        raise NoResultFound(f"no print job {job_uuid}")
    original_id = row.original_id or row.id
    original = row if row.id == original_id else _first(session, PrintJob.id == original_id)
    source = original or row  # the original's slip: a copy's own opens with its banner
    try:
        if source.slip is None:
            raise ValueError(source.damage)
        slip = from_json(source.slip)
    except Exception as error:  # whatever the damage: refused, before anything changes
        raise UnreadableSlipError(
            f"job {job_uuid} cannot be reprinted: its stored slip cannot be read "
            f"({source.damage or type(error).__name__}); mark it as dealt with"
        ) from None
    if source.kind == "voucher_copy":
        slip = _without_copy_mark(slip)
    family = (PrintJob.original_id == original_id) | (PrintJob.id == original_id)
    code = row.reference if row.kind in print_history.VOUCHER_KINDS else None
    same = (
        PrintJob.kind.in_(print_history.VOUCHER_KINDS) & (PrintJob.reference == code)
        if code is not None
        else family
    )
    dealt_with(session, job_uuid)  # first: a slip stuck on a printer problem is cancelled
    waiting = _first(session, same, PrintJob.state == "pending")
    if waiting is not None:
        return waiting.uuid
    if code is not None:
        copy_no = print_history.voucher_prints(session, code, print_history.MAY_HAVE_PRINTED)
    else:
        counted = select(func.count()).select_from(PrintJob)
        may_have = PrintJob.state.in_(print_history.MAY_HAVE_PRINTED)
        copy_no = session.scalar(counted.where(family, may_have)) or 0
    if copy_no:
        zone = ZoneInfo(time_zone) if isinstance(time_zone, str) else time_zone
        at = datetime.now(zone).replace(tzinfo=None)
        slip = as_duplicate(slip, copy_no, at)
    return _new_job(
        session,
        kind=row.kind,
        reference=row.reference,
        copy_no=copy_no,
        original_id=original_id,
        slip=to_json(slip),
    )


def dealt_with(session: Session, job_uuid: str) -> bool:
    """A manager has dealt with a slip to check: it leaves the list. An uncertain, expired
    or failed slip becomes "uncertain_done" (and so on: what it was stays known); one
    still waiting on a printer problem is cancelled."""
    now = utcnow()
    checked = changed(
        session,
        update(PrintJob)
        .where(PrintJob.uuid == job_uuid, PrintJob.state.in_(ATTENTION))
        .values(state=PrintJob.state.concat("_done"), updated_at=now),
    )
    cancelled = changed(
        session,
        update(PrintJob)
        .where(
            PrintJob.uuid == job_uuid,
            PrintJob.state == "pending",
            PrintJob.waiting_reason.is_not(None),
        )
        .values(state="cancelled", updated_at=now),
    )
    return bool(checked or cancelled)


def needing_attention(session: Session) -> list[QueuedJob]:
    """Jobs a manager should look at: uncertain, expired, failed, or pending with a problem."""
    rows = _read(
        session,
        PrintJob.state.in_(ATTENTION)
        | ((PrintJob.state == "pending") & PrintJob.waiting_reason.is_not(None)),
    )
    return [_job(row) for row in rows]


def counts(session: Session) -> dict[str, int]:
    """Jobs by state (a state damaged on the disk counted as well as it reads)."""
    rows = session.execute(
        select(raw_columns.raw(PrintJob.state), func.count()).group_by(PrintJob.state)
    )
    found: dict[str, int] = {}
    for state, count in rows:
        name = raw_columns.lenient_text(state) or ""
        found[name] = found.get(name, 0) + count
    return found
