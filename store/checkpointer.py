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

A copy that fails loses nothing: the pages stay in the WAL, where readers find them,
and the next commit that checkpoints copies them.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType

from store.database import Store, storage_problem

log = logging.getLogger(__name__)


class Checkpointer:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._due = threading.Event()
        self._leaving = False
        self._thread: threading.Thread | None = None  # started by the first nudge

    def __enter__(self) -> Checkpointer:
        return self

    def nudge(self) -> None:
        """A transaction committed without its checkpoint: copy the WAL soon."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._copy_when_due, name="store-checkpoint", daemon=True
            )
            self._thread.start()
        self._due.set()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._thread is None:
            return
        self._leaving = True
        self._due.set()
        self._thread.join()

    def _copy_when_due(self) -> None:
        while True:
            self._due.wait()
            self._due.clear()
            leaving = self._leaving  # read before the copy: a nudge during it copies again
            try:
                self._store.checkpoint("PASSIVE")
            except Exception as error:  # a thread's error would go unseen
                log.warning("the WAL was not copied into the store: %s", storage_problem(error))
            if leaving:
                return
