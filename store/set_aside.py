# SPDX-License-Identifier: EUPL-1.2
"""Records the kiosk cannot apply are set aside, so one bad record never stops a stream.

A record that fails the kiosk's checks, or that contradicts the mirror (a tombstone for
a category services still use, a service in a category the kiosk never got), is kept
here with its reason; the stream's cursor moves on and the rest of its page applies.
Setting a record aside (or its reason changing) tells the platform with an outbox event
``record_set_aside``, in the same transaction. A later version of the record that
applies takes its place, and set-aside records are tried again after a pull that changed
the mirror, so one that only waited for what it refers to applies once that has arrived.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.orm import Session

from protocol.records import STREAM_OF
from protocol.text import fitted
from store import outbox
from store.models import SetAsideRecord

MAX_REASON = 300
# A record larger than this is kept without its data (it can only be replaced then):
# a hostile page must not fill the kiosk's disk through its set-aside records.
MAX_KEPT_BYTES = 64 * 1024


@dataclass(frozen=True)
class Poison:
    """A change the kiosk could not apply: what it was, and why."""

    kind: str
    op: str
    record_id: str
    data: dict[str, Any] | None
    reason: str


def _keepable(data: dict[str, Any] | None) -> bool:
    """Whether a refused record's data is kept beside its reason: not when it is large,
    nor when it is nested too deep to be written as JSON (which raised RecursionError
    inside the page's transaction and stopped the stream for good)."""
    if data is None:
        return False
    try:
        return len(json.dumps(data, default=str)) <= MAX_KEPT_BYTES
    except (RecursionError, ValueError, TypeError):
        return False


def set_aside(session: Session, stream: str, poison: Poison) -> None:
    """Keeps ``poison`` in place of any earlier version set aside; reports it to the
    platform unless this very version was reported already.

    A record is set aside once, whatever stream sent it (kind and id name it). A copy
    sent on a stream not its kind's is a platform's mistake, never a version of the
    record: while the record waits set aside by another stream (its own), the copy is
    only reported (it took that one's place, which its stream then never tried again:
    lost). The record's own stream takes the place of a copy sent on another."""
    key = (poison.kind[:32], poison.record_id[:64])
    # Its words name the record's fields, keys the platform sent (an ESC in a label's
    # language key): made to fit, or the report itself was refused by the platform.
    reason = fitted(poison.reason, MAX_REASON)
    data = poison.data if _keepable(poison.data) else None
    row = session.get(SetAsideRecord, key)
    moment = outbox.utcnow()
    if row is not None and row.stream != stream and _stray(poison.kind, stream):
        _report(session, stream, key, poison.op, reason)
        return
    if row is not None and row.op == poison.op and row.data == data and row.reason == reason:
        row.last_seen = moment
        return
    if row is None:
        row = SetAsideRecord(kind=key[0], record_id=key[1], first_seen=moment)
        session.add(row)
    elif row.stream != stream:  # its own stream's version, in place of a stray copy
        row.first_seen = moment
    row.stream, row.op, row.data, row.reason, row.last_seen = (
        stream,
        poison.op,
        data,
        reason,
        moment,
    )
    _report(session, stream, key, poison.op, reason)


def _stray(kind: str, stream: str) -> bool:
    """Whether ``kind`` belongs to another stream (a kind no stream knows belongs to none)."""
    return STREAM_OF.get(kind, stream) != stream


def _report(session: Session, stream: str, key: tuple[str, str], op: str, reason: str) -> None:
    outbox.add_event(
        session,
        {
            "type": "record_set_aside",
            "stream": stream,
            "kind": fitted(key[0], 32),
            "id": fitted(key[1], 64),
            "op": fitted(op, 8),
            "reason": reason,
        },
    )


def release(session: Session, kind: str, ids: list[str]) -> None:
    """The mirror now holds these records' latest versions: nothing waits for them."""
    # Usually nothing of this kind waits: one indexed look-up instead of a statement
    # naming every record of the page.
    if ids and _any_waits(session, kind):
        session.execute(
            delete(SetAsideRecord).where(
                tuple_(SetAsideRecord.kind, SetAsideRecord.record_id).in_(
                    [(kind, record_id) for record_id in ids]
                )
            )
        )


def _any_waits(session: Session, kind: str) -> bool:
    # In SQL as written: the ORM's statement costs a pull's writer more Python than the
    # look-up itself, once per page.
    found = session.connection().exec_driver_sql(
        "SELECT 1 FROM set_aside_records WHERE kind = ? LIMIT 1", (kind,)
    )
    return found.first() is not None


def waiting(session: Session, stream: str | None = None) -> list[SetAsideRecord]:
    """The records set aside, oldest first (of one stream, or all)."""
    query = select(SetAsideRecord).order_by(SetAsideRecord.first_seen, SetAsideRecord.kind)
    if stream is not None:
        query = query.where(SetAsideRecord.stream == stream)
    return list(session.scalars(query))


def waiting_keys(session: Session, stream: str) -> list[tuple[str, str]]:
    """(kind, record id) of the stream's records set aside, oldest first."""
    query = (
        select(SetAsideRecord.kind, SetAsideRecord.record_id)
        .where(SetAsideRecord.stream == stream)
        .order_by(SetAsideRecord.first_seen, SetAsideRecord.kind)
    )
    return [(kind, record_id) for kind, record_id in session.execute(query)]


def still_waiting(session: Session, keys: list[tuple[str, str]]) -> list[SetAsideRecord]:
    """Those of ``keys`` still set aside, as they are now (in the caller's transaction),
    in the order given."""
    found = [session.get(SetAsideRecord, key) for key in keys]
    return [row for row in found if row is not None]


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SetAsideRecord)) or 0


@dataclass(frozen=True)
class SetAside:
    """What a manager sees of a record set aside."""

    stream: str
    kind: str
    record_id: str
    reason: str
    since: datetime  # naive UTC


def for_manager(session: Session) -> list[SetAside]:
    return [
        SetAside(row.stream, row.kind, row.record_id, row.reason, row.first_seen)
        for row in waiting(session)
    ]
