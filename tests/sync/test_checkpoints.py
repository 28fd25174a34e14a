# SPDX-License-Identifier: EUPL-1.2
"""Copying the WAL into the database file beside a pull's pages, not at their commits
(store/checkpointer.py), on a real store file."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from store import outbox
from store.checkpointer import WAL_PAGES_KEPT, Checkpointer
from store.database import AUTOCHECKPOINT_PAGES, WAL_SIZE_LIMIT_BYTES, Store
from store.models import OutboxEntry
from tests.sync.helpers import pragma_at_commits, rows_in_file_alone

NOTE = "x" * 4000  # 1,500 of these fill about 1,500 WAL pages: past SQLite's 1,000


def fill(store: Store, *, checkpoint: bool, entries: int = 1500) -> None:
    with store.write(durable=False, checkpoint=checkpoint) as session:
        for n in range(entries):
            outbox.add(session, "event", {"note": f"{n} {NOTE}"})


def in_file(store: Store, folder: Path) -> int:
    """Outbox entries in the database file itself, without its WAL."""
    return rows_in_file_alone(store, folder, "outbox")


def entries(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(OutboxEntry)) or 0


def copied_soon(store: Store, folder: Path, entries: int) -> bool:
    """Whether the database file comes to hold ``entries`` within 10 s (a copy of it
    taken while a checkpoint writes into it may be torn: looked at again)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if in_file(store, folder) >= entries:
                return True
        except sqlite3.DatabaseError:
            pass
        time.sleep(0.01)
    return False


def checkpointer_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "store-checkpoint"]


def test_a_write_without_its_checkpoint_leaves_the_wal_to_be_copied_later(
    store: Store, tmp_path: Path
) -> None:
    fill(store, checkpoint=False)
    assert in_file(store, tmp_path) == 0  # all of it still in the WAL, past 1,000 pages
    assert entries(store) == 1500  # where readers find it
    fill(store, checkpoint=True, entries=1)  # an ordinary commit copies the WAL again
    assert in_file(store, tmp_path) == 1501


def test_the_next_write_on_the_same_connection_checkpoints_again(store: Store) -> None:
    pages = pragma_at_commits(store, "wal_autocheckpoint")
    fill(store, checkpoint=False, entries=1)
    fill(store, checkpoint=True, entries=1)
    fill(store, checkpoint=False, entries=1)
    assert pages == [0, AUTOCHECKPOINT_PAGES, 0]


def test_the_checkpointer_copies_beside_the_writes_and_waits_for_its_last_copy(
    store: Store, tmp_path: Path
) -> None:
    with Checkpointer(store) as checkpoints:
        assert checkpointer_threads() == []  # none until there is something to copy
        for written in (500, 1000, 1500):
            fill(store, checkpoint=False, entries=500)
            checkpoints.nudge()
            if written < 1500:  # copied meanwhile, not only when leaving
                assert copied_soon(store, tmp_path, written)
    assert in_file(store, tmp_path) == 1500  # the last one too, before leaving
    assert checkpointer_threads() == []


def test_a_copy_that_fails_loses_nothing_and_the_next_commit_copies(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    failing = False

    @event.listens_for(store._writer, "checkout")
    def disk_fails(*_args: Any) -> None:
        if failing:
            raise sqlite3.OperationalError("disk I/O error")

    # A reader's connection stays open, as the screen's does: the last connection to
    # close would copy the WAL itself.
    assert entries(store) == 0
    with caplog.at_level(logging.WARNING), Checkpointer(store) as checkpoints:
        fill(store, checkpoint=False)
        failing = True
        checkpoints.nudge()
    failing = False
    assert "the WAL was not copied into the store: disk I/O error" in caplog.text
    assert in_file(store, tmp_path) == 0 and entries(store) == 1500
    fill(store, checkpoint=True, entries=1)
    assert in_file(store, tmp_path) == 1501


def test_once_the_wal_is_long_the_next_transaction_waits_for_the_copy_to_start_it_over(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With copies beside the writes, a transaction seldom begins after all of the WAL
    was copied, the only moment SQLite starts it over: it would grow as long as a whole
    pull. Here the disk is made slow at copying (the copy waits for ``disk``)."""
    disk = threading.Event()
    copy = store.checkpoint
    copies_begun = threading.Semaphore(0)

    def slow_copy(mode: Any = "TRUNCATE") -> int:
        copies_begun.release()
        disk.wait(timeout=30)
        return copy(mode)

    monkeypatch.setattr(store, "checkpoint", slow_copy)
    waited = threading.Event()
    with Checkpointer(store) as checkpoints:
        checkpoints.keep_short()  # nothing copied yet: nothing to wait for
        fill(store, checkpoint=False, entries=WAL_PAGES_KEPT + 200)
        checkpoints.nudge()
        disk.set()  # the first copy: it finds the WAL long
        assert copied_soon(store, tmp_path, WAL_PAGES_KEPT + 200)
        disk.clear()
        fill(store, checkpoint=False, entries=10)
        checkpoints.nudge()  # its copy waits for the disk
        # The database file holds the first copy's pages before the copy returns (its
        # flush can take long on a busy disk): only once the second copy has begun is
        # the first one's WAL length known to the checkpointer.
        assert copies_begun.acquire(timeout=10) and copies_begun.acquire(timeout=10)

        def next_transaction() -> None:
            checkpoints.keep_short()
            waited.set()

        before = threading.Thread(target=next_transaction)
        before.start()
        assert not waited.wait(timeout=0.3)  # held while the copy is under way
        disk.set()
        before.join(timeout=10)
        assert waited.is_set()
        assert in_file(store, tmp_path) == WAL_PAGES_KEPT + 210  # all of it copied first
        checkpoints.keep_short()  # all of it copied: no more waiting
        fill(store, checkpoint=False, entries=1)
    assert copy("PASSIVE") < 50  # that transaction started the WAL over


def test_the_wal_file_shrinks_back_once_it_starts_over(tmp_path: Path) -> None:
    """A transaction larger than the limit grows the WAL file past it; once copied and
    started over, the file keeps no more than WAL_SIZE_LIMIT_BYTES (SQLite left it at
    its largest size for good)."""
    store = Store(tmp_path / "kiosk.sqlite3")
    wal = tmp_path / "kiosk.sqlite3-wal"
    try:
        fill(store, checkpoint=False, entries=5000)
        grown = wal.stat().st_size
        assert store.checkpoint(mode="PASSIVE") >= 0
        with store.write() as session:  # the next transaction starts the WAL over
            outbox.add(session, "event", {"note": "after"})
        assert grown > WAL_SIZE_LIMIT_BYTES
        assert wal.stat().st_size <= WAL_SIZE_LIMIT_BYTES
        assert entries(store) == 5001
    finally:
        store.close()
