# SPDX-License-Identifier: EUPL-1.2
"""One sync pass: push the outbox, then pull every change stream into the mirror.

Each pulled page is applied together with its cursor in one transaction, so a crash
re-fetches at most one page and applying it twice changes nothing. Each pushed batch is
marked "sending" before it leaves and answered per entry after; a lost answer means the
same UUIDs go again, and the platform answers them as it did the first time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby
from typing import NamedTuple

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from protocol.records import RecordError
from protocol.wire import Page, ProtocolError, Result
from store import mirror, outbox
from store.database import Store
from store.models import SyncCursor
from sync import heap
from sync.client import PlatformClient, Submission

log = logging.getLogger(__name__)

STREAMS: dict[str, tuple[str, ...]] = {
    "catalog": ("comuni", "categories", "providers", "services"),
    "calls": ("forms", "calls"),
    "operators": ("operators",),
    "statuses": ("application_statuses",),
    "wallet": ("credits", "vouchers"),
}


class PreparedPage(NamedTuple):
    """A fetched page, validated: upserts ready to write and tombstones (kind, ids)."""

    groups: list[mirror.Prepared | tuple[str, list[str]]]
    count: int  # type: ignore[assignment]  # a field, not tuple.count
    next_cursor: str


@dataclass
class SyncReport:
    pulled: dict[str, int] = field(default_factory=dict)
    accepted: int = 0
    rejected: int = 0

    @property
    def mirror_changed(self) -> bool:
        return any(self.pulled.values())


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: PlatformClient,
        *,
        page_size: int = 500,
        push_batch: int = 100,
        max_pages: int = 10_000,
        after_push: Callable[[Session, list[Result]], object] | None = None,
    ) -> None:
        """``after_push`` runs in the transaction that records the platform's answers,
        for what must change with them (a held receipt gets its protocol number)."""
        self.after_push = after_push
        self.store = store
        self.client = client
        self.page_size = page_size
        self.push_batch = push_batch
        self.max_pages = max_pages

    def run_once(self) -> SyncReport:
        """Citizens' records go out first; then the mirror catches up."""
        report = SyncReport()
        report.accepted, report.rejected = self.push()
        for stream in STREAMS:
            report.pulled[stream] = self.pull_stream(stream)
        return report

    # Pull -------------------------------------------------------------------------------

    def cursor(self, stream: str) -> str:
        with self.store.read() as session:
            row = session.get(SyncCursor, stream)
            return row.cursor if row else "0"

    def pull_stream(self, stream: str) -> int:
        """Pulls pages until the stream is caught up; the next page is fetched while the
        current one is applied (reading ahead never moves the stored cursor).

        A page is validated before its write transaction begins, so the store's write
        lock (wanted by a citizen's purchase or application) is held only for SQL. The
        validation stays on this thread: done ahead on the fetching thread it saved
        little and took Python's lock from the screen for longer stretches."""
        applied = 0
        with (
            heap.frozen_meanwhile(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-prefetch") as ahead,
        ):
            page = self.client.changes(stream, self.cursor(stream), self.page_size)
            for _ in range(self.max_pages):
                upcoming: Future[Page] | None = None
                if page.has_more:
                    upcoming = ahead.submit(
                        self.client.changes, stream, page.next_cursor, self.page_size
                    )
                try:
                    applied += self._apply(stream, self._prepare(stream, page))
                except Exception:
                    if upcoming is not None:
                        upcoming.cancel()
                    raise
                if upcoming is None:
                    break
                page = upcoming.result()
        return applied

    def _prepare(self, stream: str, page: Page) -> PreparedPage:
        """Validates a page: its upserts ready to write, its tombstones as (kind, ids)."""
        kinds = STREAMS[stream]
        groups: list[mirror.Prepared | tuple[str, list[str]]] = []
        for (kind, op), group in groupby(page.items, key=lambda item: (item.kind, item.op)):
            batch = list(group)
            if kind not in kinds:
                log.warning("stream %s: skipping %d %s of unknown kind", stream, len(batch), op)
            elif op == "upsert":
                try:
                    groups.append(mirror.prepare(kind, [item.data or {} for item in batch]))
                except RecordError as error:
                    raise ProtocolError(f"stream {stream}: {error}") from None
            else:
                groups.append((kind, [item.id for item in batch]))
        return PreparedPage(groups, len(page.items), page.next_cursor)

    def _apply(self, stream: str, page: PreparedPage) -> int:
        try:
            with self.store.write() as session:
                for group in page.groups:
                    if isinstance(group, mirror.Prepared):
                        mirror.write(session, group)
                    else:
                        mirror.remove(session, *group)
                session.merge(
                    SyncCursor(stream=stream, cursor=page.next_cursor, updated_at=outbox.utcnow())
                )
        except IntegrityError as error:
            raise ProtocolError(f"stream {stream}: inconsistent records: {error.orig}") from None
        return page.count

    # Push -------------------------------------------------------------------------------

    def push(self) -> tuple[int, int]:
        accepted = rejected = 0
        while True:
            with self.store.write() as session:
                batch = outbox.take_batch(session, self.push_batch)
            if not batch:
                return accepted, rejected
            sending = [
                Submission(e.uuid, e.kind, e.created_at.isoformat() + "Z", e.payload) for e in batch
            ]
            try:
                results = self.client.submit(sending)
            except Exception as error:
                with self.store.write() as session:
                    outbox.record_failure(session, [e.uuid for e in batch], str(error))
                raise
            with self.store.write() as session:
                outbox.record_results(session, results)
                if self.after_push is not None:
                    self.after_push(session, results)
            accepted += sum(1 for r in results if r.accepted)
            rejected += sum(1 for r in results if not r.accepted)
            if len(results) < len(batch):
                log.warning("%d entries got no answer; they go again", len(batch) - len(results))
                return accepted, rejected
