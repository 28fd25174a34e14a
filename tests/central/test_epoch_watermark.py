# SPDX-License-Identifier: EUPL-1.2
"""The SQLite platform's watermark (what the database held, kept beside it) never says
more than the database: it was written before each commit, so a platform killed
between the two, or a commit that failed, started again taking itself for a restored
copy, and every kiosk of the network took a fresh snapshot of every stream."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Connection, event
from sqlalchemy.exc import OperationalError

from central import epochs
from central.models import Change
from central.platform.database import Database
from tests.conftest import sqlite_platform_url


def a_change(database: Database, record_id: str) -> None:
    with database.writing() as session:
        session.add(Change(stream="catalog", kind="categories", record_id=record_id, op="upsert"))
        session.flush()  # as the platform's writers do: the change has its number


def test_a_commit_that_fails_leaves_the_mark_behind_and_the_epoch_as_it_was(
    tmp_path: Path,
) -> None:
    url = sqlite_platform_url(tmp_path)
    database = Database(url)
    a_change(database, "c1")
    epoch = database.epoch

    def fails(connection: Connection) -> None:  # a full disk, or the process killed
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    event.listen(database.engine, "commit", fails)
    with pytest.raises(OperationalError):
        a_change(database, "c2")
    event.remove(database.engine, "commit", fails)
    database.engine.dispose()

    again = Database(url)  # the platform started again on the same file
    assert again.epoch == epoch
    a_change(again, "c3")
    assert again.epoch == epoch
    again.engine.dispose()


def test_the_mark_only_moves_forward_and_keeps_the_newest_epoch(tmp_path: Path) -> None:
    """Two processes note their commits in any order: a late, smaller mark of the same
    epoch does not move it back, and a late mark of the epoch before does not undo the
    new one (the next start would take the database for a restored copy)."""
    database = Database(sqlite_platform_url(tmp_path))
    path = epochs.watermark_path(database.engine)
    assert path is not None
    old = database.epoch
    epochs.write_watermark(database.engine, old, 50, 7)
    epochs.write_watermark(database.engine, old, 40, 9)
    assert json.loads(path.read_text()) == {"epoch": old.id, "seq": 50, "submission": 9}
    new = database.new_epoch()
    assert json.loads(path.read_text())["epoch"] == new.id
    epochs.write_watermark(database.engine, old, 60, 12)  # noted late, by another process
    assert json.loads(path.read_text())["epoch"] == new.id
    database.engine.dispose()
    assert Database(sqlite_platform_url(tmp_path)).epoch == new
