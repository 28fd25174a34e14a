# SPDX-License-Identifier: EUPL-1.2
"""Change-log compaction: a change superseded by a later change of the same record is
folded away, so a new kiosk's first pull is a snapshot of what is current, not every
version ever published.

Safe for every kiosk whatever its cursor: a change is removed only when a later one of
the same record, seen by the same kiosks (the same scope, or every kiosk), is kept, and
that later one is after any cursor the removed one was after. The newest change of each
record (a tombstone too) is never removed, so the head and the cursors stay as they
were.

A serving platform compacts by itself (``Compactor``, started with the app), every
``--compact-every`` minutes (``SOCIAL_POINT_COMPACT_EVERY_MIN``), besides at the start
of ``social-point central`` and on ``POST /v1/admin/compact``."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from anyio import CapacityLimiter, to_thread
from sqlalchemy import ColumnElement, CursorResult, and_, delete, exists, func, or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

from central.limits import database_busy, whole_number
from central.models import Change

if TYPE_CHECKING:
    from central.platform import Platform

log = logging.getLogger(__name__)

COMPACT_EVERY_VARIABLE = "SOCIAL_POINT_COMPACT_EVERY_MIN"  # for the processes of --workers
DEFAULT_COMPACT_EVERY_MIN = 10
MAX_COMPACT_EVERY_MIN = 7 * 24 * 60
_CHUNK = 5_000  # sequence numbers per DELETE: within every database's parameter limit


def _superseded() -> ColumnElement[bool]:
    """A change that a later change of the same record, seen by the same kiosks, replaces."""
    later = aliased(Change)
    return exists().where(
        and_(
            later.kind == Change.kind,
            later.record_id == Change.record_id,
            later.seq > Change.seq,
            or_(later.scope.is_(None), later.scope == Change.scope),
        )
    )


def _delete(session: Session, doomed: list[int]) -> int:
    removed = 0
    for start in range(0, len(doomed), _CHUNK):
        chunk = doomed[start : start + _CHUNK]
        # Checked again here, in turn: the list may have been read outside it.
        result = cast(
            CursorResult[Any],
            session.execute(
                delete(Change)
                .where(Change.seq.in_(chunk), _superseded())
                .execution_options(synchronize_session=False)
            ),
        )
        removed += result.rowcount or 0
    return removed


def compact(session: Session) -> int:
    """Removes the superseded changes, in the caller's transaction; how many."""
    return _delete(session, _doomed(session))


def _doomed(session: Session) -> list[int]:
    """The sequence numbers of the changes a later one replaces."""
    return [seq for (seq,) in session.execute(select(Change.seq).where(_superseded()))]


def compact_in_turn(platform: Platform) -> int:
    """``compact`` for a platform that is serving: the whole change log is searched in a
    plain read, which holds back no writer (a citizen's submission), and only what it
    found is removed in a writing transaction, each change checked again there. A change
    once superseded stays so (the change that replaces it is removed only for a later
    one of the same kiosks), so two processes doing this at once remove each change
    once and nothing else. Nothing superseded: no writing transaction at all."""
    with platform.sessions() as session:
        doomed = _doomed(session)
    if not doomed:
        return 0
    with platform.writing() as session:
        removed = _delete(session, doomed)
    if removed:
        log.info("change log compacted: %d superseded changes removed", removed)
    return removed


def compact_every_minutes(given: str, name: str) -> int:
    """A whole number of minutes, 0 (never) to a week; ValueError naming ``name``."""
    given = given.strip()
    if not whole_number(given) or int(given) > MAX_COMPACT_EVERY_MIN:
        raise ValueError(
            f"{name} must be a whole number of minutes from 0 (never) to {MAX_COMPACT_EVERY_MIN}"
        )
    return int(given)


def compact_every_from_environment(environ: Mapping[str, str]) -> int:
    """``SOCIAL_POINT_COMPACT_EVERY_MIN`` in minutes (0: never), or the default."""
    given = environ.get(COMPACT_EVERY_VARIABLE, "").strip()
    if not given:
        return DEFAULT_COMPACT_EVERY_MIN
    return compact_every_minutes(given, COMPACT_EVERY_VARIABLE)


class Compactor:
    """Compacts a platform's change log every ``every_s`` seconds, on a thread of its
    own (no request waits for it), while the app serves. Skipped while the newest change
    is the one of its last compaction (nothing published since: nothing more to fold).
    A failure (another process holding SQLite's write lock past its busy timeout, a
    lost connection) is logged and tried again at the next round."""

    def __init__(self, platform: Platform, every_s: float) -> None:
        self.platform, self.every_s = platform, every_s
        self.rounds = 0  # compactions tried: what the tests wait for
        self._compacted_at: int | None = None  # the head after the last compaction
        self._limiter = CapacityLimiter(1)  # its own thread, never a request's

    def once(self) -> int:
        """One round: how many changes it removed."""
        with self.platform.sessions() as session:
            head = session.scalar(select(func.max(Change.seq))) or 0
        if head == self._compacted_at:
            return 0
        removed = compact_in_turn(self.platform)
        self._compacted_at = head
        return removed

    async def run(self) -> None:
        # The first round after a random part of the interval: the processes of
        # --workers, started together, do not all search the change log at once.
        delay = self.every_s * random.uniform(0.5, 1.0)
        while True:
            await asyncio.sleep(delay)
            delay = self.every_s
            try:
                await to_thread.run_sync(self.once, limiter=self._limiter)
            except OperationalError as error:
                if not database_busy(error):
                    log.warning("change log compaction failed: %s", type(error).__name__)
                else:
                    log.info("change log compaction put off: the database was busy")
            except Exception:
                log.exception("change log compaction failed")
            finally:
                self.rounds += 1
