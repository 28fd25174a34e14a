# SPDX-License-Identifier: EUPL-1.2
"""What the reference platform does, independent of HTTP: publish records into change
streams, enroll devices, and take submissions exactly once per client UUID."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import Engine, Text, cast, create_engine, event, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from central import clock, epochs, voucher_authority
from central.enrollment import CodeRefusedError, check_code
from central.models import (
    Base,
    Change,
    Device,
    EnrollmentCode,
    IssuedVoucher,
    PlatformSecret,
    Record,
    Submission,
    SubmissionConflict,
)
from central.references import REFERRERS, refers_to
from central.scopes import scope_of, scope_text, visible_to
from central.voucher_authority import RedeemRequest, Standing, VoucherRefusedError
from forms.lookup import holder_key, status_key
from protocol import messages, records
from protocol.messages import submission_hash

log = logging.getLogger(__name__)

MAX_PAYLOAD_BYTES = 64 * 1024


class PublishError(ValueError):
    """A record the platform refuses to publish; the message says why."""


class EnrollError(ValueError):
    pass


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# Names the lock that writing transactions take turns on (PostgreSQL): any number, the
# same in every process of the platform.
WRITERS_LOCK = 0x53504B43
# The class of the per-device locks (PostgreSQL's two-number advisory locks): a device's
# batches take turns, other devices' go on meanwhile.
DEVICE_LOCKS = 0x53504B44
WRITING = "central_writing"  # execution option of a writing transaction's connection
PUBLISH_LOCK = "central_publish_lock"  # session.info: take WRITERS_LOCK at the first change


def make_engine(url: str) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Transactions begin in the "begin" event below (SQLAlchemy's pysqlite recipe).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            writing = connection.get_execution_options().get(WRITING, False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    Base.metadata.create_all(engine)
    return engine


@event.listens_for(Session, "before_flush")
def _publishing_in_turn(session: Session, _context: Any, _instances: Any) -> None:
    """A transaction that did not take the writers' lock at its start takes it before
    its first change is written: changes then get their sequence numbers in the order
    they commit, so a kiosk's cursor never passes one committed later (PostgreSQL)."""
    if session.info.get(PUBLISH_LOCK) and any(isinstance(o, Change) for o in session.new):
        session.info[PUBLISH_LOCK] = False
        session.connection().exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (WRITERS_LOCK,))


def _reject_unless_object(payload: Any) -> tuple[str, str] | None:
    if not isinstance(payload, dict):
        return "invalid_payload", "the payload must be a JSON object"
    if len(json.dumps(payload)) > MAX_PAYLOAD_BYTES:
        return "payload_too_large", f"the payload is larger than {MAX_PAYLOAD_BYTES} bytes"
    return None


def _payload_problem(entry: messages.SubmissionEntry) -> tuple[str, str] | None:
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
) -> tuple[str, str] | None:
    return _reject_unless_object(entry.payload)


def _check_application(
    session: Session, device: Device | None, entry: messages.SubmissionEntry
) -> tuple[str, str] | None:
    from central.applications import check_application

    return (
        _reject_unless_object(entry.payload)
        or _payload_problem(entry)
        or check_application(session, entry)
    )


# Checks per submission kind: None accepts, (code, message) rejects. Purchases add
# their own here; the device is the sender (its key signs its vouchers).
def _check_purchase(
    session: Session, device: Device | None, entry: messages.SubmissionEntry
) -> tuple[str, str] | None:
    from central.purchases import check_purchase

    return (
        _reject_unless_object(entry.payload)
        or _payload_problem(entry)
        or check_purchase(session, device, entry)
    )


SUBMISSION_CHECKS: dict[
    str, Callable[[Session, Device | None, messages.SubmissionEntry], tuple[str, str] | None]
] = {
    "event": _check_event,
    "application": _check_application,
    "purchase": _check_purchase,
}
# Kinds whose acceptance changes what the next entry's check reads (a purchase debits a
# credit): accepted one by one, in the batch's order.
STATEFUL_KINDS = frozenset({"purchase"})
# The identifier an accepted submission gets: an application's is its protocol number.
SERVER_IDS = {"application": "PROT-{year}-{id:06d}", "purchase": "ORD-{year}-{id:06d}"}


def _server_id(row: Submission, tag: str) -> str:
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


class Platform:
    def __init__(self, database_url: str, *, time_zone: str = "Europe/Rome") -> None:
        """``time_zone`` decides the calendar day of voucher validity (as on the kiosks)."""
        self.engine = make_engine(database_url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.time_zone = ZoneInfo(time_zone)
        self._watermark_lock = threading.Lock()
        self._noted = (-1, -1)
        self._watermarked = epochs.watermark_path(self.engine) is not None
        with self._writing() as session:
            self.epoch, restored = epochs.settle(self.engine, session)
            self._lookup_secret(session)  # made once here, not raced for by two batches
        if restored:
            log.warning(
                "the database is a restored copy: new epoch %s; kiosks take a fresh snapshot "
                "and send again what it lost",
                self.epoch.id,
            )

    def compact(self) -> int:
        """Folds away superseded changes (central/compaction.py); how many went."""
        from central.compaction import compact

        with self._writing() as session:
            removed = compact(session)
        if removed:
            log.info("change log compacted: %d superseded changes removed", removed)
        return removed

    def new_epoch(self) -> epochs.Epoch:
        """Starts a new epoch (after a restore the platform could not notice itself)."""
        with self._writing() as session:
            self.epoch = epochs.begin(session)
            self._noted = (-1, -1)  # the watermark names the new epoch
        return self.epoch

    def today(self) -> date:
        return datetime.now(self.time_zone).date()

    @contextmanager
    def _writing(self, *, in_turn_from_start: bool = True) -> Iterator[Session]:
        """A transaction that writes, committed at the end of the block.

        Writing transactions take turns, from their first read to their commit: on SQLite
        they begin IMMEDIATE (its write lock), on PostgreSQL they take an advisory lock
        that the commit releases. So what one reads before it writes (a credit's
        balance, a voucher's state, a UUID already stored) cannot change meanwhile, and
        changes become visible in the order of their cursor: a kiosk moves its cursor
        past every change it has seen, so one committed after a later one would never
        reach it (PostgreSQL hands out sequence numbers at insert, not at commit).

        ``in_turn_from_start=False`` (PostgreSQL): the lock is taken only before the
        transaction's first change is written; what it reads before must be held by
        row locks (``SELECT … FOR UPDATE``) taken before that, or per-device locks.
        """
        with self.sessions.begin() as session:
            connection = session.connection(execution_options={WRITING: True})
            if connection.dialect.name == "postgresql":
                if in_turn_from_start:
                    connection.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (WRITERS_LOCK,))
                else:
                    session.info[PUBLISH_LOCK] = True
            try:
                yield session
            finally:
                session.info.pop(PUBLISH_LOCK, None)
            if self._watermarked:
                self._note_watermark(session)

    def _note_watermark(self, session: Session) -> None:
        """What the SQLite database holds now, beside it: a copy restored later holds
        less, and the next start sees it (central/epochs.py). Written before the commit,
        under the write lock, so the platform's processes write it in turn."""
        heads = epochs.heads(session)
        with self._watermark_lock:
            if heads <= self._noted or not hasattr(self, "epoch"):
                return
            self._noted = heads
            epochs.write_watermark(self.engine, epochs.read(session), *heads)

    # Publishing -------------------------------------------------------------------------

    def publish(self, kind: str, record: dict[str, Any]) -> None:
        self.publish_many([(kind, record)])

    def publish_many(self, items: Iterable[tuple[str, dict[str, Any]]]) -> int:
        """Validates and publishes records in one transaction (all or nothing)."""
        count = 0
        with self._writing() as session:
            for kind, record in items:
                self._publish_in(session, kind, record)
                count += 1
        return count

    def _publish_in(
        self, session: Session, kind: str, record: dict[str, Any], comuni: list[str] | None = None
    ) -> None:
        """``comuni``: the kiosks that receive a credit (see central/scopes.py)."""
        if kind == "operators":
            from central.operators import OperatorError, publishable

            try:
                record = publishable(session, record)
            except OperatorError as error:
                raise PublishError(str(error)) from None
        data = self._validated(kind, record)
        self._check_references(session, kind, data)
        current = session.get(Record, (kind, data["id"]))
        previous = scope_text(comuni) if comuni else (current.scope if current else None)
        scope = scope_of(kind, data, previous)
        session.merge(Record(kind=kind, id=data["id"], data=data, scope=scope))
        session.add(
            Change(
                stream=records.STREAM_OF[kind],
                kind=kind,
                record_id=data["id"],
                op="upsert",
                data=data,
                scope=scope,
            )
        )

    def unpublish(self, kind: str, record_id: str) -> bool:
        """Deletes a record and publishes its tombstone; False when it does not exist.
        PublishError while other records refer to it (the kiosks could not remove it)."""
        with self._writing() as session:
            current = session.get(Record, (kind, record_id))
            if current is None:
                return False
            for referrer, field, many in REFERRERS.get(kind, []):
                users = session.scalars(select(Record).where(Record.kind == referrer))
                used_by = [r.id for r in users if refers_to(r.data, field, many, record_id)]
                if used_by:
                    raise PublishError(
                        f"{kind} {record_id} is still used by {referrer} "
                        f"{', '.join(used_by[:5])}{' …' if len(used_by) > 5 else ''}"
                    )
            session.delete(current)
            session.add(
                Change(
                    stream=records.STREAM_OF[kind],
                    kind=kind,
                    record_id=record_id,
                    op="delete",
                    scope=current.scope,
                )
            )
        return True

    def _validated(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        try:  # the contract's own types, unknown fields refused (protocol.records)
            parsed = records.validate_published(kind, record)
        except records.RecordError as error:
            raise PublishError(str(error)) from None
        return parsed.model_dump(mode="json")

    def _check_references(self, session: Session, kind: str, data: dict[str, Any]) -> None:
        references = {
            "services": [("categories", data.get("category")), ("providers", data.get("provider"))]
            + [("comuni", c) for c in data.get("residents_of") or []],
            "calls": ([("comuni", data.get("comune"))] if data.get("comune") else [])
            + ([("forms", data.get("form"))] if data.get("form") else []),
        }.get(kind, [])
        if kind == "forms":
            current = session.get(Record, ("forms", data["id"]))
            if current is not None and current.data != data:
                raise PublishError(
                    f"forms {data['id']}: a published version never changes; publish a new one"
                )
        for target, target_id in references:
            if session.get(Record, (target, target_id)) is None:
                raise PublishError(f"{kind} {data['id']}: unknown {target} {target_id!r}")

    def records(self, kind: str) -> dict[str, dict[str, Any]]:
        with self.sessions() as session:
            rows = session.scalars(select(Record).where(Record.kind == kind))
            return {row.id: row.data for row in rows}

    def changes(self, stream: str, since: int, limit: int, comune: str | None = None) -> str:
        """A page of ``stream`` after ``since``: the JSON text of a ChangePage; for a
        kiosk of ``comune``, only the changes its Social Point needs (central/scopes.py).

        Each record goes out as the JSON text it was stored as (validated when it was
        published), never decoded and encoded again: a full catalog is thousands of
        records, and serving them was most of the platform's time for a page.
        """
        visible = visible_to(comune)
        where = [Change.stream == stream, Change.seq > since]
        if visible is not None:
            where.append(visible)
        with self.sessions() as session:
            epoch = epochs.read(session).id
            head = session.scalar(select(func.max(Change.seq))) or 0
            rows = session.execute(
                select(
                    Change.seq,
                    Change.kind,
                    Change.op,
                    Change.record_id,
                    cast(Change.data, Text),
                )
                .where(*where)
                .order_by(Change.seq)
                .limit(limit + 1)
            ).all()
        has_more = len(rows) > limit
        rows = rows[:limit]
        dumps = json.dumps
        items = ",".join(
            f'{{"kind":{dumps(kind)},"op":{dumps(op)},"id":{dumps(record_id)},'
            f'"data":{data if data is not None else "null"}}}'
            for _seq, kind, op, record_id, data in rows
        )
        next_cursor = str(rows[-1].seq if rows else since)
        return (
            f'{{"stream":{dumps(stream)},"items":[{items}],'
            f'"next_cursor":"{next_cursor}","has_more":{"true" if has_more else "false"},'
            f'"epoch":{dumps(epoch)},"head":"{head}"}}'
        )

    # Devices ----------------------------------------------------------------------------

    def new_enrollment_code(
        self,
        role: str = "kiosk",
        comune: str | None = None,
        scope: dict[str, list[str]] | None = None,
    ) -> str:
        """A one-time code; the device enrolled with it gets this role, Comune and scope
        (see central/devices.py)."""
        from central.devices import check_grant

        code = "-".join(f"{secrets.randbelow(10_000):04d}" for _ in range(3))
        with self._writing() as session:
            check_grant(session, role, comune, scope)
            session.add(
                EnrollmentCode(
                    code_hash=digest(code), created_at=now(), role=role, comune=comune, scope=scope
                )
            )
        return code

    def enroll(self, code: str, kiosk_id: str) -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        device_id = str(uuid.uuid4())
        with self._writing() as session:
            entry = session.get(EnrollmentCode, digest(code), with_for_update=True)
            try:  # expired, or the same kiosk asking again after a lost reply
                again = check_code(session, entry, kiosk_id, digest(token), now())
            except CodeRefusedError as error:
                raise EnrollError(str(error)) from None
            if again is not None:
                return again, token
            if entry is None or entry.used_at is not None:
                raise EnrollError("unknown or already used enrollment code")
            entry.used_at, entry.device_id = now(), device_id
            session.add(
                Device(
                    id=device_id,
                    kiosk_id=kiosk_id,
                    token_hash=digest(token),
                    enrolled_at=now(),
                    role=entry.role,
                    comune=entry.comune,
                    scope=entry.scope,
                    token_issued_at=now(),
                )
            )
        return device_id, token

    def device_for(self, token: str) -> Device | None:
        """The device holding this token (revoked ones too: the caller says why not).
        The first call with a rotated token retires the one before it."""
        hashed = digest(token)
        with self.sessions() as session:
            either = or_(Device.token_hash == hashed, Device.previous_token_hash == hashed)
            device = session.scalar(select(Device).where(either))
        if device is not None and device.token_hash == hashed and device.previous_token_hash:
            with self._writing() as session:
                current = session.get(Device, device.id)
                if current is not None and current.token_hash == hashed:
                    current.previous_token_hash = None
        return device

    def rotate_token(self, device_id: str, used_token: str) -> str:
        """A new token for the device. The one used to ask stays valid until the new one
        is first used (then it is forgotten), so a lost reply locks nobody out."""
        token = secrets.token_urlsafe(32)
        with self._writing() as session:
            device = session.get(Device, device_id)
            if device is None or device.revoked_at is not None:
                raise EnrollError("this device cannot get a new token")
            if device.token_hash == digest(used_token):
                device.previous_token_hash = device.token_hash
            device.token_hash, device.token_issued_at = digest(token), now()
        return token

    def revoke_device(self, device_id: str, reason: str) -> bool:
        """Switches a device off: every call it makes is refused with ``reason`` (shown
        to its manager), and the vouchers keys it registered stop being trusted."""
        with self._writing() as session:
            device = session.get(Device, device_id)
            if device is None:
                return False
            device.revoked_at, device.revoked_reason = device.revoked_at or now(), reason
            for key in session.scalars(
                select(voucher_authority.SigningKey).where(
                    voucher_authority.SigningKey.owner == device_id
                )
            ):
                key.revoked_at = key.revoked_at or now()
        return True

    def devices(self) -> list[Device]:
        with self.sessions() as session:
            return list(session.scalars(select(Device).order_by(Device.enrolled_at)))

    # Voucher keys and redemption (see central/voucher_authority.py) ----------------------

    def register_signing_key(self, device: Device, public_key: str) -> str:
        if device.role != "kiosk":
            raise VoucherRefusedError("not_a_kiosk", "only kiosks sign vouchers")
        with self._writing() as session:
            return voucher_authority.register_device_key(session, device, public_key)

    def revoke_signing_key(self, kid: str) -> bool:
        with self._writing() as session:
            return voucher_authority.revoke_key(session, kid)

    def signing_keys(self) -> list[dict[str, Any]]:
        with self._writing() as session:  # the platform's key is made on first use
            return voucher_authority.published_keys(session)

    def voucher_standing(self, device: Device, text: str) -> Standing:
        """A voucher as a merchant within its scope may see it; VoucherRefusedError if not."""
        with self.sessions() as session:
            row = voucher_authority.find(session, True, text, self.today())
            voucher_authority.check_scope(device, row)
            return voucher_authority.standing(session, row)

    def redeem(self, device: Device, text: str, request: RedeemRequest) -> Standing:
        """A merchant takes (part of) a voucher; VoucherRefusedError says why it cannot.
        The voucher's row is locked (PostgreSQL): redemptions of other vouchers go on."""
        with self._writing(in_turn_from_start=False) as session:
            result = voucher_authority.redeem(session, device, text, request, self.today())
            record = session.get(Record, ("vouchers", result.voucher.id))
            if record is not None and record.data["state"] != result.state:
                self._publish_in(session, "vouchers", {**record.data, "state": result.state})
            return result

    # Submissions ------------------------------------------------------------------------

    def submit(
        self, device_id: str, entries: list[messages.SubmissionEntry]
    ) -> list[messages.SubmissionResult]:
        """Stores each entry once; a repeated UUID gets the answer it got the first time.

        A batch is one writing transaction, so the same UUID sent again at the same moment
        (a kiosk that stopped waiting) is read back, not stored twice. Purchases are
        checked and debited one after the other: a second purchase on the same credit
        is checked against the balance the first one left.
        """
        if not entries:
            return []
        with self._writing(in_turn_from_start=False) as session:
            self._lock_for_batch(session, device_id, entries)
            device = session.get(Device, device_id)
            uuids = [entry.uuid for entry in entries]
            rows = {
                row.uuid: row
                for row in session.scalars(
                    select(Submission).where(
                        Submission.device_id == device_id, Submission.uuid.in_(uuids)
                    )
                )
            }
            try:
                with session.begin_nested():
                    fresh = self._store_batch(session, device_id, device, entries, rows)
            except Exception:
                # Some entry cannot be processed (a platform bug or bad stored data):
                # each entry again on its own, so only that one waits.
                log.exception("a batch failed; taking its entries one by one")
                fresh = self._store_one_by_one(session, device_id, device, entries, rows)
            rows.update(fresh)
            return [
                self._answer(session, device_id, entry, rows.get(entry.uuid)) for entry in entries
            ]

    @staticmethod
    def _lock_for_batch(
        session: Session, device_id: str, entries: list[messages.SubmissionEntry]
    ) -> None:
        """PostgreSQL: what a batch's checks read and must not change meanwhile, locked
        before any change is written (so always in the same order: no deadlock). The
        device's batches take turns (a UUID sent again at once is read back, never
        stored twice); the credits its purchases debit are locked, by id, so two kiosks
        never spend one balance twice; other kiosks' batches go on meanwhile. On SQLite
        the transaction holds the database's write lock anyway (BEGIN IMMEDIATE)."""
        connection = session.connection()
        if connection.dialect.name != "postgresql":
            return
        connection.exec_driver_sql(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (DEVICE_LOCKS, device_id)
        )
        holders = sorted(
            {
                entry.payload["holder"]
                for entry in entries
                if entry.kind == "purchase"
                and isinstance(entry.payload, dict)
                and isinstance(entry.payload.get("holder"), str)
            }
        )
        if holders:
            session.execute(
                select(Record.id)
                .where(Record.kind == "credits", Record.id.in_(holders))
                .order_by(Record.id)
                .with_for_update()
            ).all()

    @staticmethod
    def _answer(
        session: Session, device_id: str, entry: messages.SubmissionEntry, row: Submission | None
    ) -> messages.SubmissionResult:
        """The answer to an entry: its stored record's, "retry" when it could not be
        stored, or a conflict when its UUID holds a different record (the entry is kept
        apart for a person, and never gets the other record's answer)."""
        if row is None:
            return _retry(entry.uuid)
        sent = submission_hash(entry.kind, entry.payload)
        if row.payload_sha256 is None or row.payload_sha256 == sent:
            return _result(row)
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
                    payload=entry.payload if isinstance(entry.payload, dict) else None,
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

    def _store_batch(
        self,
        session: Session,
        device_id: str,
        device: Device | None,
        entries: list[messages.SubmissionEntry],
        known: dict[str, Submission],
    ) -> dict[str, Submission]:
        """Stores the entries not yet known, all together (the quick way)."""
        rows: dict[str, Submission] = {}
        for entry in entries:
            if entry.uuid in known or entry.uuid in rows:  # a UUID twice: stored once
                continue
            row = rows[entry.uuid] = self._new_submission(session, device_id, device, entry)
            if row.status == "accepted" and entry.kind in STATEFUL_KINDS:
                self._accept(session, row, entry.server_id)
        session.flush()
        wanted = {entry.uuid: entry.server_id for entry in entries}
        for row in rows.values():
            if row.status == "accepted" and row.server_id is None:
                self._accept(session, row, wanted.get(row.uuid))
        session.flush()
        return rows

    def _store_one_by_one(
        self,
        session: Session,
        device_id: str,
        device: Device | None,
        entries: list[messages.SubmissionEntry],
        known: dict[str, Submission],
    ) -> dict[str, Submission]:
        """Stores each entry in its own savepoint; one that fails is left out (its
        answer is "retry"), the others are stored and answered."""
        rows: dict[str, Submission] = {}
        for entry in entries:
            if entry.uuid in known or entry.uuid in rows:
                continue
            try:
                with session.begin_nested():
                    row = self._new_submission(session, device_id, device, entry)
                    if row.status == "accepted":
                        self._accept(session, row, entry.server_id)
                    session.flush()
            except Exception:
                log.exception("submission %s (%s) cannot be processed now", entry.uuid, entry.kind)
                continue
            rows[entry.uuid] = row
        return rows

    def _accept(self, session: Session, row: Submission, resent_id: str | None = None) -> None:
        """``resent_id``: the id this record had before the platform was restored from an
        older copy (it is on the citizen's receipt): kept when no other record holds it."""
        if resent_id is not None and _may_reuse(row.kind, resent_id):
            taken = session.scalar(select(Submission.id).where(Submission.server_id == resent_id))
            if taken is None:
                row.server_id = resent_id
                self._accepted(session, row)
                return
        if row.id is None:
            session.flush()  # the row's id, for its server id
        row.server_id = _server_id(row, epochs.read(session).tag)
        self._accepted(session, row)

    @staticmethod
    def _new_submission(
        session: Session,
        device_id: str,
        device: Device | None,
        entry: messages.SubmissionEntry,
    ) -> Submission:
        check = SUBMISSION_CHECKS.get(entry.kind)
        rejection = (
            ("unknown_kind", f"unknown kind {entry.kind!r}")
            if check is None
            else clock.impossible(entry, datetime.now(UTC)) or check(session, device, entry)
        )
        row = Submission(
            uuid=entry.uuid,
            device_id=device_id,
            payload_sha256=submission_hash(entry.kind, entry.payload),
            kind=entry.kind,
            payload=entry.payload if rejection is None else None,
            status="rejected" if rejection else "accepted",
            code=rejection[0] if rejection else None,
            message=rejection[1] if rejection else None,
            received_at=now(),
        )
        session.add(row)
        return row

    # Application statuses ---------------------------------------------------------------

    def lookup_secret(self) -> bytes:
        """The key of the application status records, made on first use; enrolled kiosks
        get it to look a status up (see forms/lookup.py)."""
        with self._writing() as session:
            return self._lookup_secret(session)

    @staticmethod
    def _lookup_secret(session: Session) -> bytes:
        row = session.get(PlatformSecret, "status_lookup")
        if row is None:
            row = PlatformSecret(name="status_lookup", value=secrets.token_hex(32))
            session.add(row)
            session.flush()
        return bytes.fromhex(row.value)

    def _accepted(self, session: Session, row: Submission) -> None:
        if row.kind == "application":
            self._publish_status(session, row, "received", None)
        if row.kind == "purchase":
            self._purchase_accepted(session, row)

    # Purchases, credits and vouchers (see central/purchases.py) -------------------------

    def _purchase_accepted(self, session: Session, row: Submission) -> None:
        from central.purchases import debit_and_vouchers

        payload = row.payload or {}
        device = session.get(Device, row.device_id)
        debit, vouchers = debit_and_vouchers(session, device, payload, self.today())
        if debit:
            credit = session.get(Record, ("credits", payload["holder"]))
            assert credit is not None  # checked in the same transaction
            balance = credit.data["balance_cents"] - debit
            moment = datetime.now(UTC).isoformat()
            record = {**credit.data, "updated_at": moment, "balance_cents": balance}
            self._publish_in(session, "credits", record)
        for voucher in vouchers:
            self._publish_in(session, "vouchers", voucher)

    def holder_key(self, session: Session, codice_fiscale: str) -> str:
        return holder_key(self._lookup_secret(session), codice_fiscale)

    def set_credit(
        self, codice_fiscale: str, programme: str, balance_cents: int, comune: str | None = None
    ) -> str:
        """A citizen's credit balance, published under their holder key (returned) to
        the kiosks of ``comune`` (None: every kiosk)."""
        with self._writing() as session:
            if comune is not None and session.get(Record, ("comuni", comune)) is None:
                raise PublishError(f"unknown comune {comune!r}")
            key = self.holder_key(session, codice_fiscale)
            record = {
                "id": key,
                "programme": programme,
                "balance_cents": balance_cents,
                "updated_at": datetime.now(UTC).isoformat(),
            }
            self._publish_in(session, "credits", record, [comune] if comune else None)
        return key

    def issue_voucher(
        self,
        codice_fiscale: str,
        comune: str,
        programme: str,
        amount_cents: int,
        valid_days: int = 60,
    ) -> dict[str, Any]:
        """A subsidy voucher the Comune approved, signed by the platform and published."""
        from central.purchases import subsidy_voucher

        with self._writing() as session:
            place = session.get(Record, ("comuni", comune))
            if place is None:
                raise PublishError(f"unknown comune {comune!r}")
            holder = self.holder_key(session, codice_fiscale)
            signer = voucher_authority.platform_signer(session)
            record, claims = subsidy_voucher(
                signer,
                holder,
                comune,
                place.data["name"],
                programme,
                amount_cents,
                valid_days,
                self.today(),
            )
            session.add(voucher_authority.platform_voucher(claims, signer.kid, comune, programme))
            self._publish_in(session, "vouchers", record)
        return record

    def issued_voucher(self, voucher_id: str) -> IssuedVoucher | None:
        with self.sessions() as session:
            return session.get(IssuedVoucher, voucher_id)

    def _publish_status(
        self, session: Session, row: Submission, state: str, note: dict[str, str] | None
    ) -> None:
        payload = row.payload or {}
        key = status_key(
            self._lookup_secret(session),
            str(payload.get("tracking_code")),
            str((payload.get("answers") or {}).get("cf", "")),
        )
        record = {
            "id": key,
            "state": state,
            "protocol": row.server_id,
            "call": payload["call"],
            "updated_at": datetime.now(UTC).isoformat(),
            "note": note,
        }
        self._publish_in(session, "application_statuses", record)

    def set_application_status(
        self, protocol: str, state: str, note: dict[str, str] | None = None
    ) -> None:
        """The Comune's decision or request, published to every kiosk for the citizen."""
        with self._writing() as session:
            row = session.scalar(
                select(Submission).where(
                    Submission.server_id == protocol, Submission.kind == "application"
                )
            )
            if row is None:
                raise PublishError(f"no application with protocol {protocol!r}")
            self._publish_status(session, row, state, note)

    def known(self, device_id: str, sent: list[messages.SentRecord]) -> tuple[str, list[str]]:
        """The epoch, and which of a device's accepted records this database holds with
        the same payload: a kiosk asks after a new epoch, and sends again the others."""
        with self.sessions() as session:
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
        with self.sessions() as session:
            return list(session.scalars(select(Submission).order_by(Submission.id)))


def _retry(entry_uuid: str) -> messages.SubmissionResult:
    return messages.SubmissionResult(
        uuid=entry_uuid,
        status="retry",
        code="cannot_process_now",
        message="the platform could not process this record now; it will be taken later",
    )


def _result(row: Submission) -> messages.SubmissionResult:
    return messages.SubmissionResult(
        uuid=row.uuid,
        status=row.status,  # type: ignore[arg-type]
        server_id=row.server_id,
        code=row.code,
        message=row.message,
    )
