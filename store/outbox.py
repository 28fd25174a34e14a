# SPDX-License-Identifier: EUPL-1.2
"""The outbox: records on their way to the platform, each with a client UUID.

``add`` is called inside the caller's transaction, so a record and its outbox entry are
committed together or not at all. Entries move pending → sending → accepted or
rejected; a rejected entry is kept with the platform's reason, never dropped.

Records with personal data (``SEALED_KINDS``) are sealed to the platform's public key
(protocol/sealing.py) before they are stored, once the kiosk has that key: the row
keeps the envelope, the SHA-256 of the whole payload and, in ``payload``, only what the
kiosk itself shows (``visible``: the tracking code, the call, the order's total and
way of paying; an application's applicant only as a costly check, forms/lookup.py).
Records made before the key was known are sealed when it arrives (``seal_waiting``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, null, or_, select, update
from sqlalchemy.orm import Session

from forms.lookup import applicant_check
from protocol import sealing
from protocol.messages import check_submission, submission_hash
from protocol.states import OutboxState, SubmissionKind
from store import kiosk_facts
from store.models import OutboxEntry


def utcnow() -> datetime:
    """Now, as the store's instants are read back: aware UTC."""
    return datetime.now(UTC)


# What stays readable on the kiosk once a record is sealed, per kind: what the receipt,
# the dashboard, the day report and the offline status look-up need, no answers.
VISIBLE: dict[str, tuple[str, ...]] = {
    "application": ("call", "form", "form_sha256", "tracking_code", "channel", "assisted_by"),
    "purchase": ("order", "total_cents", "payment", "channel", "assisted_by", "holder"),
    "wallet_pin": ("operator", "document", "issued_at"),  # never the PIN nor the CF
}
SEALED_KINDS = frozenset(VISIBLE)  # events hold no citizen data and stay readable


def visible(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The part of a sealed record the kiosk keeps readable."""
    kept = {key: payload[key] for key in VISIBLE.get(kind, ()) if key in payload}
    answers = payload.get("answers")
    if kind == "application" and isinstance(answers, dict) and payload.get("tracking_code"):
        # The offline status look-up asks for the tracking code and the codice fiscale.
        code = str(payload["tracking_code"])
        kept["applicant"] = applicant_check(code, str(answers.get("cf") or ""))
    return kept


def add(session: Session, kind: str, payload: dict[str, Any]) -> str:
    """Queues ``payload`` in the caller's transaction, sealed when it holds personal
    data and the platform's key is known; returns its UUID. (The kiosk's use cases check
    what they build with protocol.messages.check_submission first.)"""
    moment = utcnow()
    entry_uuid = str(uuid.uuid4())
    entry = OutboxEntry(
        uuid=entry_uuid,
        kind=kind,
        payload=payload,
        state=OutboxState.PENDING,
        created_at=moment,
        updated_at=moment,
        attempts=0,
        # An offline kiosk's record carries the skew last measured, moved by any jump
        # of the clock since (the platform decides deadlines with its own clock).
        clock_skew_s=kiosk_facts.clock_skew_at(session, moment),
        # Without one (no measure yet in this boot), this boot's first measure is its own
        # (``place_unmeasured``).
        boot_id=kiosk_facts.boot_id() or None,
        created_monotonic=kiosk_facts.elapsed(),
    )
    key = kiosk_facts.sealing_key(session) if kind in SEALED_KINDS else None
    if key is not None:
        _seal(entry, key)
    session.add(entry)
    return entry_uuid


def add_event(session: Session, event: dict[str, Any]) -> str:
    """Queues an event the kiosk makes of its own state (a help call, a printer's alert,
    a record set aside) in the caller's transaction; returns its UUID. Checked first as
    the platform checks it (``check_submission``): an event it would refuse went out,
    was refused, and a help call never reached the welfare manager. A text the kiosk
    did not write itself is made to fit where it enters (protocol.text.fitted); one
    that still does not fit raises SubmissionRefusedError here, at its source."""
    check_submission(SubmissionKind.EVENT, event)
    return add(session, SubmissionKind.EVENT, event)


def _seal(entry: OutboxEntry, public_key: str) -> None:
    whole = entry.payload
    entry.sha256 = submission_hash(entry.kind, whole)
    entry.sealed = sealing.seal(
        public_key,
        entry.kind,
        entry.uuid,
        whole,
        created_at=entry.created_at,
        clock_skew_s=entry.clock_skew_s,
    )
    entry.payload = visible(entry.kind, whole)


# What retention leaves of a damaged accepted record (store/retention.py): readable,
# but nothing of what was sent.
DAMAGED_MARK = "damaged"


def readable() -> ColumnElement[bool]:
    """The entry's stored payload is still a JSON object. A damaged page of the disk, or
    a bad manual edit of the file, can leave one that is not: loading it, or reading
    into it with SQLite's JSON functions, fails for the whole query. Every reader of
    payloads that goes over many entries keeps to readable ones, and counts the others
    (``damaged``) for a person to look at. A CASE: SQLite evaluates it in order, so
    ``json_type`` never reads text that is not JSON."""
    valid = func.json_valid(OutboxEntry.payload) == 1
    return case((valid, func.json_type(OutboxEntry.payload) == "object"), else_=false())


def intact() -> ColumnElement[bool]:
    """Readable, and still holding what was sent (not a damaged record that retention
    reduced to its mark): what a count of the records' contents may read."""
    return and_(readable(), payload_field(f"$.{DAMAGED_MARK}").is_(None))


def payload_field(path: str) -> ColumnElement[Any]:
    """``json_extract`` of the payload at ``path`` (as "$.tracking_code"), NULL for a
    damaged entry: SQLite evaluates a CASE in order, and never extracts from it."""
    return case((readable(), func.json_extract(OutboxEntry.payload, path)), else_=null())


def damaged(session: Session, *conditions: ColumnElement[bool], reduced: bool = False) -> int:
    """How many entries (those meeting ``conditions``) hold a payload that is no longer
    a JSON object: they are left as they are, and readers skip them. ``reduced``: those
    retention reduced to the damaged mark counted too (a day's report, whose counts
    leave them out)."""
    kept = intact() if reduced else readable()
    return (
        session.scalar(select(func.count()).select_from(OutboxEntry).where(~kept, *conditions)) or 0
    )


def damaged_waiting(session: Session) -> list[str]:
    """The UUIDs of entries waiting to be sent whose stored payload is no longer JSON:
    they cannot be sent, and are left as they are for a person to look at."""
    return list(
        session.scalars(
            select(OutboxEntry.uuid)
            .where(OutboxEntry.state.in_((OutboxState.PENDING, OutboxState.SENDING)))
            .where(~readable())
            .order_by(OutboxEntry.id)
        )
    )


def seal_waiting(session: Session, public_key: str) -> int:
    """Seals the records still in clear (made before the platform's key was known, or
    by an older version); returns how many. Not a refused one: it was refused in clear,
    so its refusal brought no call-back details, and sealed, its payload would no longer
    tell the manager whom to call back (it leaves the disk with the manager's handling)."""
    rows = session.scalars(
        select(OutboxEntry).where(
            OutboxEntry.kind.in_(SEALED_KINDS),
            OutboxEntry.sealed.is_(None),
            OutboxEntry.purged_at.is_(None),
            OutboxEntry.state != OutboxState.REJECTED,
            readable(),
        )
    )
    count = 0
    for row in rows:
        _seal(row, public_key)
        count += 1
    return count


def _unmeasured(boot: str) -> tuple[ColumnElement[bool], ...]:
    """Waiting entries made in ``boot`` with no skew yet, in clear or sealed."""
    return (
        OutboxEntry.state.in_((OutboxState.PENDING, OutboxState.SENDING)),
        OutboxEntry.clock_skew_s.is_(None),
        OutboxEntry.placed_skew_s.is_(None),
        OutboxEntry.boot_id == boot,
        OutboxEntry.created_monotonic.is_not(None),
    )


def unmeasured_waiting(session: Session, boot: str) -> bool:
    """Whether entries made in ``boot`` wait for a measure of its clock."""
    if not boot:
        return False
    found = session.scalar(select(OutboxEntry.id).where(*_unmeasured(boot)).limit(1))
    return found is not None


def place_unmeasured(session: Session, boot: str | None = None) -> int:
    """Gives the entries made in this boot before its clock was measured (a clock reset
    at boot, offline) the skew measured since in the same boot, moved by however far the
    wall clock jumped between the entry and the measure; returns how many. Kept on the
    row: sent in a later boot, it still has it. Called before waiting records are sealed
    and sent; entries of an earlier boot keep none (the platform places them when they
    arrive). A sealed entry's envelope binds the skew it was sealed with (none): it
    gets the measure as ``placed_skew_s``, sent beside the envelope, which lets the
    platform place it earlier than it arrived but never refuse it (central/clock.py)."""
    boot = kiosk_facts.boot_id() if boot is None else boot
    if not kiosk_facts.measured_in(session, boot):
        return 0
    # Columns, not entries: a damaged payload would fail the whole query (``readable``).
    found = session.execute(
        select(
            OutboxEntry.id,
            OutboxEntry.created_at,
            OutboxEntry.created_monotonic,
            OutboxEntry.sealed.is_not(None),
        ).where(*_unmeasured(boot))
    ).all()
    placed = 0
    for entry_id, made, monotonic, sealed in found:
        skew = (
            None if monotonic is None else kiosk_facts.clock_skew_of(session, made, monotonic, boot)
        )
        if skew is not None:
            given = {"placed_skew_s": skew} if sealed else {"clock_skew_s": skew}
            session.execute(update(OutboxEntry).where(OutboxEntry.id == entry_id).values(**given))
            placed += 1
    return placed


def whole_sha256(row: OutboxEntry) -> str:
    """``submission_hash`` of the whole payload, sealed or not."""
    return row.sha256 or submission_hash(row.kind, row.payload)


@dataclass(frozen=True)
class Outgoing:
    uuid: str
    kind: str
    created_at: datetime
    payload: dict[str, Any]
    server_id: str | None = None  # sent again after a platform restore: the id it had
    clock_skew_s: int | None = None  # the kiosk's clock minus the platform's, when made
    sealed: str | None = None  # the whole payload sealed to the platform (sent instead)
    receipt: str | None = None  # the platform's receipt of an earlier acceptance
    placed_skew_s: int | None = None  # sealed without a skew: its boot's measure since


# What one push may carry: the reference platform refuses a body over 1,000,000 bytes
# (central/limits.py), and a hundred applications of up to 64 KiB each (more, sealed)
# made a batch it refused every time: nothing behind them was ever sent.
BATCH_BYTES = 512 * 1024


def take_batch(
    session: Session, limit: int, skip: Collection[str] = (), max_bytes: int = BATCH_BYTES
) -> list[Outgoing]:
    """The oldest entries not yet answered (but those in ``skip``), marked as being sent:
    at most ``limit`` of them, and no more than ``max_bytes`` of payload (always one).

    Entries left "sending" by an interrupted push are taken again: the platform answers
    a repeated UUID with its first answer, so sending twice is harmless.
    """
    query = select(OutboxEntry).where(
        OutboxEntry.state.in_((OutboxState.PENDING, OutboxState.SENDING)), readable()
    )
    if skip:
        query = query.where(OutboxEntry.uuid.not_in(list(skip)))
    rows = list(session.scalars(query.order_by(OutboxEntry.id).limit(limit)))
    size, fitting = 0, 0
    for row in rows:
        # As the push sends it: sealed text, or JSON with its ASCII escapes (an "è" is
        # 6 bytes there, and 2 in payload_size's count).
        size += len(row.sealed) if row.sealed else len(json.dumps(row.payload))
        if fitting and size > max_bytes:
            break
        fitting += 1
    rows = rows[:fitting]
    moment = utcnow()
    for row in rows:
        row.state, row.attempts, row.updated_at = OutboxState.SENDING, row.attempts + 1, moment
    return [
        Outgoing(
            r.uuid,
            r.kind,
            r.created_at,
            r.payload,
            r.server_id,
            r.clock_skew_s,
            r.sealed,
            r.receipt,
            r.placed_skew_s,
        )
        for r in rows
    ]


def kept_whole(session: Session, after_id: int, limit: int) -> list[OutboxEntry]:
    """Accepted entries still holding their whole payload, by id after ``after_id``
    (readable ones: the others cannot be sent again)."""
    return list(
        session.scalars(
            select(OutboxEntry)
            .where(
                OutboxEntry.state == OutboxState.ACCEPTED,
                OutboxEntry.purged_at.is_(None),
                OutboxEntry.id > after_id,
                readable(),  # a damaged one cannot be sent again
            )
            .order_by(OutboxEntry.id)
            .limit(limit)
        )
    )


def send_again(session: Session, uuids: list[str]) -> None:
    """Accepted entries a restored platform lost go out again; they keep their server
    id, which they ask to get back (it is printed on the citizen's receipt)."""
    session.execute(
        update(OutboxEntry)
        .where(
            OutboxEntry.uuid.in_(uuids),
            OutboxEntry.state == OutboxState.ACCEPTED,
            OutboxEntry.purged_at.is_(None),
        )
        .values(state=OutboxState.PENDING, updated_at=utcnow(), last_error=None)
    )


def record_results(session: Session, results: list[Any]) -> None:
    """Stores the platform's answers; an accepted entry is never changed again."""
    moment = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores DateTime
    accepted = [
        (r.server_id, getattr(r, "receipt", None), moment, r.uuid) for r in results if r.accepted
    ]
    rejected = [
        (r.code, r.message, _called_back(r), moment, r.uuid) for r in results if not r.accepted
    ]
    connection = session.connection()
    # One executemany per outcome: a batch is answered in one round trip to SQLite.
    if accepted:
        connection.exec_driver_sql(
            "UPDATE outbox SET state = 'accepted', server_id = ?, receipt = ?, updated_at = ?,"
            " last_error = NULL WHERE uuid = ? AND state != 'accepted'",
            accepted,
        )
    if rejected:
        connection.exec_driver_sql(
            "UPDATE outbox SET state = 'rejected', reject_code = ?, reject_message = ?,"
            " called_back = ?, updated_at = ?, last_error = NULL"
            " WHERE uuid = ? AND state != 'accepted'",
            rejected,
        )


def _called_back(result: Any) -> str | None:
    """The call-back details a refusal of a sealed record brought, as stored JSON."""
    contact = getattr(result, "contact", None)
    return json.dumps(contact) if contact is not None else None


def record_failure(session: Session, uuids: list[str], reason: str) -> None:
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.uuid.in_(uuids), OutboxEntry.state == OutboxState.SENDING)
        .values(last_error=reason[:300], updated_at=utcnow())
    )


# What the sync badge and the manager's desk count: not the accepted records, which
# grow by every record ever sent (reduced ones are kept) and were counted twice a pass.
COUNTED_STATES = (OutboxState.PENDING, OutboxState.SENDING, OutboxState.REJECTED)


def counts(session: Session) -> dict[str, int]:
    """Records waiting (pending, sending) and rejected, by state. A refused record a
    manager has dealt with is kept but no longer counted: it needs no one (the desk
    lists only the others), and was counted "kept for a manager" for good."""
    rows = session.execute(
        select(OutboxEntry.state, func.count())
        .where(OutboxEntry.state.in_(COUNTED_STATES))
        .where(or_(OutboxEntry.state != OutboxState.REJECTED, OutboxEntry.handled_at.is_(None)))
        .group_by(OutboxEntry.state)
    )
    found = dict(rows.all())
    return {state.value: found.get(state, 0) for state in COUNTED_STATES}
