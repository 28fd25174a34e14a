# SPDX-License-Identifier: EUPL-1.2
"""Copies the WAL into the database file on a thread of its own, beside a long series of
write transactions (a pull's pages), instead of at their commits.

In WAL mode a commit that finds the WAL longer than 1,000 pages copies it into the
database file before it returns (SQLite's automatic checkpoint). A first pull of 10,000
services writes about 20 MB, so most of its pages stopped after their commit to copy
the pages before, about 45 ms in all (and the disk's flushes that go with a checkpoint,
which on a kiosk's flash storage take longer than here). Writes made with
``Store.write(checkpoint=False)`` skip that copy; a ``Checkpointer`` nudged after each
of them makes it meanwhile. SQLite copies without Python's lock, so it overlaps with
the next page's writing and validating. Leaving, it makes a last copy and waits for it.

SQLite starts the WAL over (writes it again from its beginning) only when a transaction
begins after all of it was copied; with the copies running beside the writes, that
seldom happens, and the WAL file would grow as long as the whole pull (about 200 MB for
100,000 services). So ``keep_short``, called before each transaction, waits for the
copy under way once the WAL holds ``WAL_PAGES_KEPT`` pages: the file stays about as long
as with SQLite's own checkpoints.

A copy that fails loses nothing: the pages stay in the WAL, where readers find them,
and the next commit that checkpoints copies them.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType

from store.database import Store, storage_problem

log = logging.getLogger(__name__)

WAL_PAGES_KEPT = 2000  # of 4 KiB: about 8 MB, twice SQLite's own threshold


class Checkpointer:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._changed = threading.Condition()
        self._asked = 0  # nudges so far
        self._copied = 0  # nudges the last finished copy covered
        self._wal_pages = 0  # what the WAL held at the last copy
        self._leaving = False
        self._thread: threading.Thread | None = None  # started by the first nudge

    def __enter__(self) -> Checkpointer:
        return self

    def nudge(self) -> None:
        """A transaction committed without its checkpoint: copy the WAL soon."""
        if self._thread is None:
            thread = threading.Thread(
                target=self._copy_when_due, name="store-checkpoint", daemon=True
            )
            thread.start()
            self._thread = thread  # only once started: leaving joins it
        with self._changed:
            self._asked += 1
            self._changed.notify_all()

    def keep_short(self) -> None:
        """Before a transaction: once the WAL is long, waits until what was committed
        is copied, so that the transaction starts the WAL over."""
        with self._changed:
            if self._wal_pages < WAL_PAGES_KEPT:
                return
            while self._copied < self._asked and self._copying():
                self._changed.wait(timeout=1.0)
            self._wal_pages = 0  # starting over now, unless a reader still holds it

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._thread is None:
            return
        with self._changed:
            self._leaving = True
            self._changed.notify_all()
        self._thread.join()

    def _copying(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _copy_when_due(self) -> None:
        while True:
            with self._changed:
                while self._copied == self._asked and not self._leaving:
                    self._changed.wait()
                covering, leaving = self._asked, self._leaving
            wal_pages = 0
            try:
                wal_pages = self._store.checkpoint("PASSIVE")
            except Exception as error:  # a thread's error would go unseen
                log.warning("the WAL was not copied into the store: %s", storage_problem(error))
            with self._changed:
                self._copied, self._wal_pages = covering, wal_pages
                self._changed.notify_all()
            if leaving:
                return
