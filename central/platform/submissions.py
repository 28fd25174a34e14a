# SPDX-License-Identifier: EUPL-1.2
"""Submissions: the kiosks' outbox arrives here, each entry stored exactly once per
client UUID and answered the same way every time it is sent again."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

import orjson
from pydantic import ValidationError
from sqlalchemy import (
    ARRAY,
    JSON,
    ColumnElement,
    DateTime,
    String,
    TextClause,
    TypeDecorator,
    any_,
    func,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.orm import Session

from central import clock, epochs
from central.acceptance import Receipts
from central.applications import check_application
from central.devices import same_kiosk
from central.kiosk_lookup import LOOKUP_SECRET
from central.models import (
    Device,
    Submission,
    SubmissionConflict,
    SubmissionRecord,
    WalletHolder,
)
from central.platform.catalog import PublishError
from central.platform.database import (
    DEVICE_LOCKS,
    HOLDER_LOCKS,
    STATUS_LOCKS,
    TAKEN_BACK,
    Database,
    lock_credits,
    lock_name,
    now,
    still_admitted,
)
from central.platform.statuses import status_holder, status_key_of
from central.purchases import check_purchase
from protocol import messages, records
from protocol.messages import MAX_PAYLOAD_BYTES, payload_size, submission_hash
from protocol.text import unfit_text

log = logging.getLogger(__name__)


# None accepts, (code, message) rejects.
Rejection = tuple[str, str] | None
Check = Callable[[Session, Device | None, messages.SubmissionEntry], Rejection]
# What the platform does with an accepted submission, in the transaction that stores it.
OnAccepted = Callable[[Session, SubmissionRecord], None]


def _reject_unless_object(payload: Any) -> Rejection:
    if not isinstance(payload, dict):
        return "invalid_payload", "the payload must be a JSON object"
    if payload_size(payload) > MAX_PAYLOAD_BYTES:
        return "payload_too_large", f"the payload is larger than {MAX_PAYLOAD_BYTES} bytes"
    return None


def _payload_problem(entry: messages.SubmissionEntry) -> Rejection:
    """The payload against its declared type (protocol.messages.PAYLOADS), before the
    checks that read the platform's records."""
    shape = messages.PAYLOADS.get(entry.kind)
    if shape is None:
        return None
    try:
        shape.model_validate(entry.payload)
    except ValidationError as error:
        return "invalid_payload", f"payload{records.describe(error.errors()[0])}"
    return None


def _check_event(
    session: Session, device: Device | None, entry: messages.SubmissionEntry
) -> Rejection:
    """Any event is an object, its fields the platform reads text (``EventPayload``),
    checked before any of them is looked up; an assisted session names a welfare
    manager of the kiosk's Comune (the audit counts sessions per operator: one naming
    nobody, or another Comune's operator, was taken as said)."""
    problem = _reject_unless_object(entry.payload) or _payload_problem(entry)
    if problem is not None or entry.payload.get("type") != "assisted_session":
        return problem
    from central.operators import check_assisted_session

    made_at = clock.made_at(entry, datetime.now(UTC))  # an earlier PIN's proof counts
    return check_assisted_session(session, device, entry.payload, made_at)


def _check_application(
    session: Session, device: Device | None, entry: messages.SubmissionEntry
) -> Rejection:
    return (
        _reject_unless_object(entry.payload)
        or _payload_problem(entry)
        or check_application(session, entry, device)
    )


def _check_purchase(
    session: Session, device: Device | None, entry: messages.SubmissionEntry
) -> Rejection:
    return (
        _reject_unless_object(entry.payload)
        or _payload_problem(entry)
        or check_purchase(session, device, entry)
    )


def _check_wallet_pin(
    session: Session, device: Device | None, entry: messages.SubmissionEntry
) -> Rejection:
    """A wallet PIN set in an assisted session, through the kiosk's outbox: the operator's
    login proof on that kiosk, lately, for its Comune (central/wallets.py)."""
    from central.wallets import WalletError, check_login_proof, check_pin

    problem = _reject_unless_object(entry.payload) or _payload_problem(entry)
    if problem is not None:
        return problem
    if device is None or device.role != "kiosk":
        return "not_allowed", "only a kiosk sets a wallet PIN"
    request = messages.WalletPinRequest.model_validate(entry.payload)
    try:
        check_pin(request.pin)
        check_login_proof(session, device, request)
    except WalletError as error:
        return error.code, str(error)
    return None


# Checks per submission kind; the device is the sender (its key signs its vouchers).
SUBMISSION_CHECKS: dict[str, Check] = {
    "event": _check_event,
    "application": _check_application,
    "purchase": _check_purchase,
    "wallet_pin": _check_wallet_pin,
}
# Kinds whose acceptance changes what the next entry's check reads (a purchase debits a
# credit): accepted one by one, in the batch's order.
STATEFUL_KINDS = frozenset({"purchase", "wallet_pin"})
# An application whose tracking code and codice fiscale (its status's key, forms/lookup.py)
# another application already has: its status would replace the other's.
TRACKING_CODE_TAKEN = (
    "tracking_code_taken",
    "another application already has this tracking code and codice fiscale; a new "
    "application needs a new tracking code",
)
# The identifier an accepted submission gets: an application's is its protocol number.
SERVER_IDS = {"application": "PROT-{year}-{id:06d}", "purchase": "ORD-{year}-{id:06d}"}


@dataclass(slots=True)
class NewSubmission:
    """A submission on its way in, before it is an ORM object. The batch's quick way
    writes it as it is: building, adding and detaching an ORM object per entry took a
    third of a batch's processor time (a batch of 100 events: 20 ms, 12.7 ms without,
    on PostgreSQL). An ORM row is made of it only where the session needs one: a
    purchase or wallet PIN, taken one by one, and an entry stored on its own."""

    uuid: str
    device_id: str
    payload_sha256: str | None
    kind: str
    payload: dict[str, Any] | None
    status: str
    code: str | None
    message: str | None
    received_at: datetime
    id: int | None = None
    server_id: str | None = None
    # The number it had before the platform was restored, proved by its receipt: the
    # only server id a sender may ask for (never a column).
    proven_id: str | None = None

    def row(self) -> Submission:
        """The ORM row for it (an id or server id not yet given is left to the row)."""
        return Submission(
            **{name: value for name in _COLUMNS if (value := getattr(self, name)) is not None}
        )


# What the answers read of a stored submission: an ORM row, or one written the quick way.
Stored = Submission | NewSubmission


def _server_id(row: Stored, tag: str) -> str:
    """In a later epoch (a restored database) the number carries the epoch's tag, so it
    never repeats one given before the restore: "PROT-2026-TAG-000042"."""
    pattern = SERVER_IDS.get(row.kind, "SP-{id:07d}")
    if tag:
        pattern = pattern.replace("{id", "{tag}-{id")
    return pattern.format(year=row.received_at.year, id=row.id, tag=tag)


def _may_reuse(kind: str, server_id: str) -> bool:
    """A re-sent record's old server id has the shape this kind's ids have."""
    prefix = SERVER_IDS.get(kind, "SP-").split("-", 1)[0] + "-"
    return server_id.startswith(prefix)


class Submissions:
    def __init__(self, database: Database, accepted: Mapping[str, OnAccepted]) -> None:
        """``accepted``: per kind, what follows an accepted submission (an application's
        status, a purchase's debit and vouchers)."""
        self.database = database
        self.accepted = accepted

    def submit(
        self,
        device_id: str,
        entries: list[messages.SubmissionEntry],
    ) -> list[messages.SubmissionResult]:
        """Stores each entry once; a repeated UUID gets the answer it got the first time.
        The device is read again in the batch's turn: one revoked while the batch waited
        is refused (DeviceRevokedError), none of its entries stored.

        A batch is one writing transaction, so the same UUID sent again at the same moment
        (a kiosk that stopped waiting) is read back, not stored twice. Purchases are
        checked and debited one after the other: a second purchase on the same credit
        is checked against the balance the first one left.
        """
        if not entries:
            return []
        with self.database.writing(in_turn_from_start=False) as session:
            _lock_for_batch(session, device_id, entries)
            device = still_admitted(session, device_id)  # revoked while the batch waited?
            # Read once: every server id of the batch has the tag; the receipts' secret
            # comes in the same query.
            epoch, found = epochs.read_with(session, (LOOKUP_SECRET,))
            tag = epoch.tag
            uuids = [entry.uuid for entry in entries]
            rows: dict[str, Stored] = {
                row.uuid: row
                for row in session.scalars(
                    select(Submission).where(
                        Submission.device_id == device_id, _among(session, Submission.uuid, uuids)
                    )
                )
            }
            if device is not None and device.succeeds_revoked and len(rows) < len(set(uuids)):
                rows.update(_accepted_from_the_same_kiosk(session, device, entries, rows))
            try:
                with session.begin_nested():
                    fresh = self._store_batch(session, device_id, device, entries, rows, tag)
            except Exception:
                # Some entry cannot be processed (a platform bug or bad stored data):
                # each entry again on its own, so only that one waits.
                log.exception("a batch failed; taking its entries one by one")
                fresh = self._store_one_by_one(session, device_id, device, entries, rows, tag)
            rows.update(fresh)
            made_from: dict[str, messages.SubmissionEntry] = {}  # each new row's own entry
            for entry in entries:
                made_from.setdefault(entry.uuid, entry)
            receipts = Receipts(session, found.get(LOOKUP_SECRET))
            return [
                _result(rows[entry.uuid], receipts, device_id)
                if entry.uuid in fresh and made_from[entry.uuid] is entry
                else _answer(session, device_id, entry, rows.get(entry.uuid), receipts)
                for entry in entries
            ]

    def known(self, device_id: str, sent: list[messages.SentRecord]) -> tuple[str, list[str]]:
        """The epoch, and which of a device's accepted records this database holds with
        the same payload: a kiosk asks after a new epoch, and sends again the others."""
        with self.database.sessions() as session:
            epoch = epochs.read(session).id
            hashes = {
                row.uuid: row.payload_sha256
                for row in session.execute(
                    select(Submission.uuid, Submission.payload_sha256).where(
                        Submission.device_id == device_id,
                        Submission.uuid.in_([record.uuid for record in sent]),
                    )
                )
            }
        return epoch, [
            record.uuid
            for record in sent
            if record.uuid in hashes and hashes[record.uuid] in (None, record.sha256)
        ]

    def submissions(self) -> list[Submission]:
        with self.database.sessions() as session:
            return list(session.scalars(select(Submission).order_by(Submission.id)))

    def _store_batch(
        self,
        session: Session,
        device_id: str,
        device: Device | None,
        entries: list[messages.SubmissionEntry],
        known: Mapping[str, Stored],
        tag: str,
    ) -> dict[str, Stored]:
        """Stores the entries not yet known, all together (the quick way): their ids and
        server ids are given before they are written, in one INSERT, so a batch costs
        the same few statements whatever its length. Entries whose acceptance changes
        what the next one's check reads (a purchase's debit) go one by one, in order."""
        rows: dict[str, Stored] = {}
        together: list[NewSubmission] = []
        claimed: set[str] = set()  # the status keys of the batch's applications
        for entry in entries:
            if entry.uuid in known or entry.uuid in rows:  # a UUID twice: stored once
                continue
            new = _new_submission(session, device_id, device, entry, claimed)
            if new.status == "accepted" and entry.kind in STATEFUL_KINDS:
                row = rows[entry.uuid] = new.row()
                session.add(row)
                self._accept(session, row, tag, new.proven_id)
            else:
                rows[entry.uuid] = new
                together.append(new)
        if together:
            self._store_together(session, together, tag)
        session.flush()
        return rows

    def _store_together(
        self,
        session: Session,
        rows: list[NewSubmission],
        tag: str,
    ) -> None:
        """Writes ``rows`` in one INSERT with their ids and server ids already given (no
        UPDATE after it), then lets each accepted one's follow-up run as usual. A
        number another record already holds is never given again: a re-sent record
        then gets a new one, and a new record the next id whose number is free."""
        for row, number in zip(rows, _new_ids(session, len(rows)), strict=True):
            row.id = number
        accepted = [row for row in rows if row.status == "accepted"]
        resent = {
            row.uuid: row.proven_id
            for row in accepted
            if row.proven_id is not None and _may_reuse(row.kind, row.proven_id)
        }
        wanted = [resent.get(row.uuid) or _server_id(row, tag) for row in accepted]
        taken = _taken(session, wanted)
        waiting: list[NewSubmission] = []
        for row in accepted:  # numbers asked for back first: each is printed on a slip
            again = resent.get(row.uuid)
            if again is not None and again not in taken:
                row.server_id = again
                taken.add(again)
            else:
                waiting.append(row)
        highest = max(row.id or 0 for row in rows)
        while waiting:
            clashing: list[NewSubmission] = []
            for row in waiting:
                given = _server_id(row, tag)
                if given in taken:
                    clashing.append(row)
                else:
                    row.server_id = given
                    taken.add(given)
            if clashing:  # another id for each, and their numbers looked up again
                fresh = _new_ids(session, len(clashing), above=highest)
                for row, fresh_id in zip(clashing, fresh, strict=True):
                    row.id = fresh_id
                highest = max(highest, *fresh)
                taken |= _taken(session, [_server_id(row, tag) for row in clashing])
            waiting = clashing
        _insert(session, rows)
        for row in accepted:
            self._follow_up(session, row)

    def _store_one_by_one(
        self,
        session: Session,
        device_id: str,
        device: Device | None,
        entries: list[messages.SubmissionEntry],
        known: Mapping[str, Stored],
        tag: str,
    ) -> dict[str, Stored]:
        """Stores each entry in its own savepoint; one that fails is left out (its
        answer is "retry"), the others are stored and answered."""
        rows: dict[str, Stored] = {}
        claimed: set[str] = set()
        for entry in entries:
            if entry.uuid in known or entry.uuid in rows:
                continue
            try:
                with session.begin_nested():
                    new = _new_submission(session, device_id, device, entry, claimed)
                    row = new.row()
                    session.add(row)
                    if row.status == "accepted":
                        self._accept(session, row, tag, new.proven_id)
                    session.flush()
            except PublishError as error:
                # A record the entry makes (a voucher, a debited credit) breaks the
                # contract: the entry's own fault, and the same on every push. Answered
                # "retry", it came back for ever; refused, a manager sees why.
                log.warning("submission %s (%s) refused: %s", entry.uuid, entry.kind, error)
                try:
                    with session.begin_nested():
                        row = _unpublishable(device_id, entry, error).row()
                        session.add(row)
                        session.flush()
                except Exception:
                    log.exception("submission %s cannot be refused now", entry.uuid)
                    continue
            except Exception:
                log.exception("submission %s (%s) cannot be processed now", entry.uuid, entry.kind)
                continue
            rows[entry.uuid] = row
        return rows

    def _accept(
        self, session: Session, row: Submission, tag: str, resent_id: str | None = None
    ) -> None:
        """``tag``: the epoch's (central/epochs.py), read once per batch. ``resent_id``:
        the id this record had before the platform was restored from an older copy (it
        is on the citizen's receipt, and the platform's receipt proved it): kept when
        no other record holds it. A number another record holds is never given again:
        the row then takes the next id whose number is free."""
        if resent_id is not None:  # what follows may need to know (a credit spent since)
            session.info.setdefault(TAKEN_BACK, set()).add(row.uuid)
        if (
            resent_id is not None
            and _may_reuse(row.kind, resent_id)
            and not _taken(session, [resent_id])
        ):
            row.server_id = resent_id
            self._follow_up(session, row)
            return
        if cast(int | None, row.id) is None:  # a row added in this batch
            session.flush()  # the row's id, for its server id
        while _taken(session, [number := _server_id(row, tag)]):
            [row.id] = _new_ids(session, 1)  # the row is written: SQLite's next is past it
            session.flush()
        row.server_id = number
        self._follow_up(session, row)

    def _follow_up(self, session: Session, row: SubmissionRecord) -> None:
        follow = self.accepted.get(row.kind)
        if follow is not None:
            follow(session, row)


def _new_submission(
    session: Session,
    device_id: str,
    device: Device | None,
    entry: messages.SubmissionEntry,
    claimed: set[str],
) -> NewSubmission:
    """``claimed``: the status keys of the applications accepted earlier in the batch
    (not written yet); an accepted application's is added."""
    check = SUBMISSION_CHECKS.get(entry.kind)
    sha256 = submission_hash(entry.kind, entry.payload)
    proven = (
        check is not None
        and entry.receipt is not None
        # Taken back unjudged only as it was accepted: never with a text no side takes.
        and unfit_text(entry.payload) is None
        and Receipts(session).proves(device_id, entry.uuid, sha256, entry.server_id, entry.receipt)
    )
    if proven:
        # Accepted before this database was restored from an older copy: taken back as
        # it was, not judged again against older data (central/acceptance.py).
        rejection = None
    else:
        rejection = (
            ("unknown_kind", f"unknown kind (one of {', '.join(SUBMISSION_CHECKS)})")
            if check is None
            else clock.impossible(entry, datetime.now(UTC)) or check(session, device, entry)
        )
    if rejection is None and entry.kind == "application":
        # Even one taken back with its receipt: a status holds one application's state.
        key = status_key_of(session, entry.payload)
        if key in claimed or status_holder(session, key) is not None:
            rejection = TRACKING_CODE_TAKEN
        else:
            claimed.add(key)
    return NewSubmission(
        uuid=entry.uuid,
        device_id=device_id,
        payload_sha256=sha256,
        kind=entry.kind,
        payload=entry.payload if rejection is None else None,
        status="rejected" if rejection else "accepted",
        code=rejection[0] if rejection else None,
        message=_storable(rejection[1]) if rejection else None,
        received_at=now(),
        # Only the platform's own receipt names a record's number: a server id sent
        # without it is a claim, which would take a number the platform gives another
        # record; the record is then numbered as any new one.
        proven_id=entry.server_id if proven else None,
    )


def _unpublishable(
    device_id: str, entry: messages.SubmissionEntry, error: PublishError
) -> NewSubmission:
    """The refusal of an entry whose records the platform will not publish."""
    return NewSubmission(
        uuid=entry.uuid,
        device_id=device_id,
        payload_sha256=submission_hash(entry.kind, entry.payload),
        kind=entry.kind,
        payload=None,
        status="rejected",
        code="invalid_payload",
        message=_storable(f"the record makes one the platform cannot publish: {error}"),
        received_at=now(),
    )


def _storable(message: str) -> str:
    """A refusal's words as the submissions table holds them: a check's message may
    quote a field's name as sent (a NUL in it, or hundreds of characters), and on
    PostgreSQL the row could not be written: the entry was answered "retry" on every
    push instead of refused."""
    return message.replace("\x00", "")[:MESSAGE_LIMIT]


_COLUMNS = tuple(column.key for column in Submission.__table__.columns)
MESSAGE_LIMIT = 500  # the message column's length (central/models.py)


# The SQL type of each column in the JSON rows (unsized: the INSERT's own assignment
# refuses a value too long, never truncates it).
_SQL_TYPES = {int: "bigint", str: "text"}


def _sql_type(column_type: Any) -> str:
    if isinstance(column_type, TypeDecorator):  # an instant: its stored form's type
        column_type = column_type.impl
    if isinstance(column_type, JSON):
        return "json"
    if isinstance(column_type, DateTime):
        return "timestamptz" if column_type.timezone else "timestamp"
    return _SQL_TYPES[column_type.python_type]


def _recordset_insert() -> TextClause:
    """PostgreSQL: the rows travel as one JSON text, whatever their number: one short
    statement that the server parses once, and one parameter the driver passes as it
    is (an array per column cost the driver a quoting pass over every value)."""
    columns = ", ".join(_COLUMNS)
    shape = ", ".join(
        f"{column.key} {_sql_type(column.type)}" for column in Submission.__table__.columns
    )
    return text(
        f"INSERT INTO submissions ({columns}) SELECT {columns}"
        f" FROM json_to_recordset(CAST(:rows AS json)) AS c({shape})"
    )


_RECORDSET_INSERT = _recordset_insert()
# Columns whose values the database keeps in another form than Python's (an instant:
# naive UTC), converted as the ORM would before they are written.
_CONVERTED: tuple[tuple[str, TypeDecorator[Any]], ...] = tuple(
    (column.key, column.type)
    for column in Submission.__table__.columns
    if isinstance(column.type, TypeDecorator)
)


def _insert(session: Session, rows: list[NewSubmission]) -> None:
    """Writes new rows, their ids given, in one statement."""
    values = [{name: getattr(row, name) for name in _COLUMNS} for row in rows]
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        # A text statement skips the columns' own conversions: instants go in as the
        # database keeps them (naive UTC), never shifted by the session's time zone.
        for name, converted in _CONVERTED:
            for value in values:
                value[name] = converted.process_bind_param(value[name], dialect)
        session.execute(_RECORDSET_INSERT, {"rows": _json_rows(values)})
        return
    session.execute(insert(Submission), values)


def _json_rows(values: list[dict[str, Any]]) -> str:
    try:
        return orjson.dumps(values).decode()
    except TypeError:  # an integer beyond 64 bits in a payload: the json module's way
        return json.dumps(values, default=lambda value: value.isoformat())


def _among(session: Session, column: Any, values: list[str]) -> ColumnElement[bool]:
    """``column IN values``; on PostgreSQL as ``= ANY(array)``: one parameter, so the
    statement's text is the same for any number of values (parsed once)."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(ColumnElement[bool], column == any_(literal(values, ARRAY(String))))
    return cast(ColumnElement[bool], column.in_(values))


_NEW_IDS = text(
    "WITH sequence AS (SELECT pg_get_serial_sequence('submissions', 'id') AS name)"
    " SELECT array(SELECT nextval(sequence.name) FROM sequence, generate_series(1, :count))"
)


def _new_ids(session: Session, count: int, above: int = 0) -> list[int]:
    """``count`` ids for new submissions, taken before they are written. PostgreSQL:
    from the table's own sequence (as its default would). SQLite: after the highest
    (as its rowid would), and after ``above`` (ids given to rows not written yet); the
    batch holds the database's write lock meanwhile."""
    if session.get_bind().dialect.name == "postgresql":
        # One row holding them all, the sequence looked up once: a row per id, each
        # looking the sequence up, cost a batch 0.5 ms more of the database's time.
        ids = session.scalar(_NEW_IDS, {"count": count})
        return list(ids)
    highest = max(session.scalar(select(func.max(Submission.id))) or 0, above)
    return list(range(highest + 1, highest + 1 + count))


def _taken(session: Session, numbers: list[str]) -> set[str]:
    """Which of these server ids a stored record already holds."""
    if not numbers:
        return set()
    found = session.scalars(
        select(Submission.server_id).where(_among(session, Submission.server_id, numbers))
    )
    return {number for number in found if number is not None}


def _kept(entry: messages.SubmissionEntry) -> dict[str, Any] | None:
    """What a conflicting entry keeps for the staff: never a wallet PIN."""
    if not isinstance(entry.payload, dict):
        return None
    if entry.kind == "wallet_pin":
        return {key: value for key, value in entry.payload.items() if key != "pin"}
    return entry.payload


def _accepted_from_the_same_kiosk(
    session: Session,
    device: Device,
    entries: list[messages.SubmissionEntry],
    rows: Mapping[str, Stored],
) -> dict[str, Submission]:
    """Records an earlier, revoked device of this kiosk (its name, role and Comune) had
    accepted, sent again with the very same payload: the kiosk's store was restored onto
    a new machine, enrolled again after the dead one was revoked, and sends what the old
    device sent after the store's backup. Answered as they were, never stored a second
    time (an application came back "tracking code taken", and the manager was told to
    make it again with the citizen). Only from a revoked device: an envelope copied from
    a kiosk still in service and sent under its name stays a new record there. Only
    accepted ones: a refusal tells the citizen's contact."""
    sent = {
        entry.uuid: submission_hash(entry.kind, entry.payload)
        for entry in entries
        if entry.uuid not in rows
    }
    # Asked only of a device that replaces a revoked one (``Device.succeeds_revoked``):
    # no statement more for any other push. Those devices, then their records by the
    # table's own key (device, UUID), never a scan of every submission.
    others = [other.id for other in same_kiosk(session, device, revoked=True)]
    if not others:
        return {}
    earlier = session.scalars(
        select(Submission).where(
            Submission.device_id.in_(others),
            _among(session, Submission.uuid, list(sent)),
            Submission.status == "accepted",
        )
    )
    return {row.uuid: row for row in earlier if row.payload_sha256 == sent[row.uuid]}


def _answer(
    session: Session,
    device_id: str,
    entry: messages.SubmissionEntry,
    row: Stored | None,
    receipts: Receipts,
) -> messages.SubmissionResult:
    """The answer to an entry: its stored record's, "retry" when it could not be
    stored, or a conflict when its UUID holds a different record (the entry is kept
    apart for a person, and never gets the other record's answer)."""
    if row is None:
        return _retry(entry.uuid)
    sent = submission_hash(entry.kind, entry.payload)
    if row.payload_sha256 is None or row.payload_sha256 == sent:
        return _result(row, receipts, device_id)
    known = session.scalar(
        select(SubmissionConflict.id).where(
            SubmissionConflict.device_id == device_id,
            SubmissionConflict.uuid == entry.uuid,
            SubmissionConflict.payload_sha256 == sent,
        )
    )
    if known is None:
        session.add(
            SubmissionConflict(
                device_id=device_id,
                uuid=entry.uuid,
                kind=entry.kind[:32],
                payload=_kept(entry),
                payload_sha256=sent,
                received_at=now(),
            )
        )
    return messages.SubmissionResult(
        uuid=entry.uuid,
        status="rejected",
        code="uuid_conflict",
        message="this record's id was already used for a different record; both are "
        "kept, this one apart for the platform's staff",
    )


def _lock_for_batch(
    session: Session, device_id: str, entries: list[messages.SubmissionEntry]
) -> None:
    """PostgreSQL: what a batch's checks read and must not change meanwhile, locked
    before any change is written (so always in the same order: no deadlock). The
    device's batches take turns (a UUID sent again at once is read back, never stored
    twice); the credits its purchases debit are locked, by id, so two kiosks never spend
    one balance twice; other kiosks' batches go on meanwhile. On SQLite the transaction
    holds the database's write lock anyway (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    lock_name(session, DEVICE_LOCKS, device_id)
    # An application is refused when another holds its status key (``TRACKING_CODE_TAKEN``):
    # checked in turn, or two batches sent at once could both find the key free, and the
    # second status would replace the first's.
    for key in sorted(
        {
            status_key_of(session, entry.payload)
            for entry in entries
            if entry.kind == "application" and isinstance(entry.payload, dict)
        }
    ):
        lock_name(session, STATUS_LOCKS, key)
    # A purchase names the citizen's wallet by its locator; the credit it debits is kept
    # under the ledger's holder key, which the wallet's row gives (locking the locators
    # themselves locked nothing, and two kiosks could spend one balance twice).
    locators = sorted(
        {
            entry.payload["holder"]
            for entry in entries
            if entry.kind == "purchase"
            and isinstance(entry.payload, dict)
            and isinstance(entry.payload.get("holder"), str)
        }
    )
    if locators:
        found = select(WalletHolder.holder).where(WalletHolder.locator.in_(locators))
        holders = sorted(set(session.scalars(found)))
        # The citizen's ledger first, whether or not their credit exists yet: a credit
        # granted while two kiosks' purchases waited for their checks had no row when
        # they locked, and both spent the balance it was granted with.
        for holder in holders:
            lock_name(session, HOLDER_LOCKS, holder)
        lock_credits(session, holders)


def _retry(entry_uuid: str) -> messages.SubmissionResult:
    return messages.SubmissionResult(
        uuid=entry_uuid,
        status="retry",
        code="cannot_process_now",
        message="the platform could not process this record now; it will be taken later",
    )


def _result(row: Stored, receipts: Receipts, device_id: str) -> messages.SubmissionResult:
    """The answer to ``device_id`` for its record ``row``; its receipt names that device
    (a kiosk enrolled again gets its old device's answer, with a receipt of its own to
    show a restored platform)."""
    receipt = (
        receipts.of(device_id, row.uuid, row.payload_sha256, row.server_id)
        if row.status == "accepted" and row.server_id
        else None
    )
    return messages.SubmissionResult(
        uuid=row.uuid,
        status=row.status,
        server_id=row.server_id,
        receipt=receipt,
        code=row.code,
        message=row.message,
    )
