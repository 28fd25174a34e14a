# SPDX-License-Identifier: EUPL-1.2
"""The outbox: records on their way to the platform, each with a client UUID.

``add`` is called inside the caller's transaction, so a record and its outbox entry are
committed together or not at all. Entries move pending → sending → accepted or
rejected; a rejected entry is kept with the platform's reason, never dropped.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from protocol.states import OutboxState
from store import kiosk_facts
from store.models import OutboxEntry


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def add(session: Session, kind: str, payload: dict[str, Any]) -> str:
    """Queues ``payload`` in the caller's transaction; returns its UUID."""
    moment = utcnow()
    entry_uuid = str(uuid.uuid4())
    session.add(
        OutboxEntry(
            uuid=entry_uuid,
            kind=kind,
            payload=payload,
            state=OutboxState.PENDING,
            created_at=moment,
            updated_at=moment,
            attempts=0,
            # An offline kiosk's record carries the skew last measured (the platform
            # decides deadlines with its own clock).
            clock_skew_s=kiosk_facts.clock_skew(session),
        )
    )
    return entry_uuid


@dataclass(frozen=True)
class Outgoing:
    uuid: str
    kind: str
    created_at: datetime
    payload: dict[str, Any]
    server_id: str | None = None  # sent again after a platform restore: the id it had
    clock_skew_s: int | None = None  # the kiosk's clock minus the platform's, when made


def take_batch(session: Session, limit: int, skip: Collection[str] = ()) -> list[Outgoing]:
    """The oldest entries not yet answered (but those in ``skip``), marked as being sent.

    Entries left "sending" by an interrupted push are taken again: the platform answers
    a repeated UUID with its first answer, so sending twice is harmless.
    """
    query = select(OutboxEntry).where(
        OutboxEntry.state.in_((OutboxState.PENDING, OutboxState.SENDING))
    )
    if skip:
        query = query.where(OutboxEntry.uuid.not_in(list(skip)))
    rows = list(session.scalars(query.order_by(OutboxEntry.id).limit(limit)))
    moment = utcnow()
    for row in rows:
        row.state, row.attempts, row.updated_at = OutboxState.SENDING, row.attempts + 1, moment
    return [
        Outgoing(r.uuid, r.kind, r.created_at, r.payload, r.server_id, r.clock_skew_s) for r in rows
    ]


def kept_whole(session: Session, after_id: int, limit: int) -> list[OutboxEntry]:
    """Accepted entries still holding their whole payload, by id after ``after_id``."""
    return list(
        session.scalars(
            select(OutboxEntry)
            .where(
                OutboxEntry.state == OutboxState.ACCEPTED,
                OutboxEntry.purged_at.is_(None),
                OutboxEntry.id > after_id,
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
    accepted = [(r.server_id, moment, r.uuid) for r in results if r.accepted]
    rejected = [(r.code, r.message, moment, r.uuid) for r in results if not r.accepted]
    connection = session.connection()
    # One executemany per outcome: a batch is answered in one round trip to SQLite.
    if accepted:
        connection.exec_driver_sql(
            "UPDATE outbox SET state = 'accepted', server_id = ?, updated_at = ?,"
            " last_error = NULL WHERE uuid = ? AND state != 'accepted'",
            accepted,
        )
    if rejected:
        connection.exec_driver_sql(
            "UPDATE outbox SET state = 'rejected', reject_code = ?, reject_message = ?,"
            " updated_at = ?, last_error = NULL WHERE uuid = ? AND state != 'accepted'",
            rejected,
        )


def record_failure(session: Session, uuids: list[str], reason: str) -> None:
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.uuid.in_(uuids), OutboxEntry.state == OutboxState.SENDING)
        .values(last_error=reason[:300], updated_at=utcnow())
    )


def counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state))
    found = dict(rows.all())
    return {state.value: found.get(state, 0) for state in OutboxState}
