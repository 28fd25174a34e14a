# SPDX-License-Identifier: EUPL-1.2
"""Change-log compaction: a change superseded by a later change of the same record is
folded away, so a new kiosk's first pull is a snapshot of what is current, not every
version ever published.

Safe for every kiosk whatever its cursor: a change is removed only when a later one of
the same record, seen by the same kiosks (the same scope, or every kiosk), is kept, and
that later one is after any cursor the removed one was after. The newest change of each
record (a tombstone too) is never removed, so the head and the cursors stay as they
were."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, and_, delete, exists, or_, select
from sqlalchemy.orm import Session, aliased

from central.models import Change


def compact(session: Session) -> int:
    """Removes the superseded changes, in the caller's transaction; how many."""
    later = aliased(Change)
    superseded = select(Change.seq).where(
        exists().where(
            and_(
                later.kind == Change.kind,
                later.record_id == Change.record_id,
                later.seq > Change.seq,
                or_(later.scope.is_(None), later.scope == Change.scope),
            )
        )
    )
    doomed = [seq for (seq,) in session.execute(superseded)]
    removed = 0
    for start in range(0, len(doomed), 5_000):
        result = cast(
            CursorResult[Any],
            session.execute(delete(Change).where(Change.seq.in_(doomed[start : start + 5_000]))),
        )
        removed += result.rowcount or 0
    return removed
