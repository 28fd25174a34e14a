# SPDX-License-Identifier: EUPL-1.2
"""The SQLite platform's watermark (what the database held, kept beside it) never says
more than the database: it was written before each commit, so a platform killed
between the two, or a commit that failed, started again taking itself for a restored
copy, and every kiosk of the network took a fresh snapshot of every stream."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
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


# A platform killed between the commit that begins an epoch and the mark's rewrite ------

KILLED_IN_THE_WINDOW = """
import os, sys
from central import epochs
from central.platform.database import Database

def killed(engine, epoch, seq, submission, *, new_epoch=False):
    if new_epoch:  # the epoch's commit is done; the mark is not rewritten yet
        os._exit(9)
    written(engine, epoch, seq, submission, new_epoch=new_epoch)

written = epochs.write_watermark
epochs.write_watermark = killed
database = Database(sys.argv[1])  # settles: a restored copy begins a new epoch here
if sys.argv[2] == "new-epoch":
    database.new_epoch()
sys.exit(0)  # not killed: the window was never reached
"""


def killed_in_the_window(url: str, what: str) -> None:
    """``what`` ("start" or "new-epoch") in a process killed (as by kill -9) right after
    the commit that begins an epoch, before the watermark is rewritten."""
    done = subprocess.run(
        [sys.executable, "-c", KILLED_IN_THE_WINDOW, url, what],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 9, done.stderr


def epoch_in_the_file(url: str) -> str:
    database = url.removeprefix("sqlite:///").split("?")[0]
    with closing(sqlite3.connect(database)) as connection:
        [value] = connection.execute(
            "SELECT value FROM platform_secrets WHERE name = 'epoch'"
        ).fetchone()
    return str(value)


def test_an_epoch_begun_on_demand_survives_a_kill_before_its_mark(tmp_path: Path) -> None:
    url = sqlite_platform_url(tmp_path)
    database = Database(url)
    a_change(database, "c1")
    old = database.epoch
    database.engine.dispose()

    killed_in_the_window(url, "new-epoch")
    begun = epoch_in_the_file(url)
    assert begun != old.id  # the new epoch committed

    again = Database(url)  # started again after the kill
    assert again.epoch.id == begun  # kept: not yet another epoch
    a_change(again, "c2")
    again.engine.dispose()
    assert Database(url).epoch.id == begun  # and its mark now names it


def test_an_epoch_begun_for_a_restored_copy_survives_a_kill_before_its_mark(
    tmp_path: Path,
) -> None:
    url = sqlite_platform_url(tmp_path)
    database = Database(url)
    a_change(database, "c1")
    backup = tmp_path / "backup.sqlite3"
    file = url.removeprefix("sqlite:///").split("?")[0]
    with closing(sqlite3.connect(file)) as source, closing(sqlite3.connect(backup)) as copy:
        source.backup(copy)
    a_change(database, "c2")
    a_change(database, "c3")
    old = database.epoch
    database.engine.dispose()
    for extra in ("-wal", "-shm"):
        Path(file + extra).unlink(missing_ok=True)
    shutil.copyfile(backup, file)  # restored from the backup; the mark says more

    killed_in_the_window(url, "start")
    begun = epoch_in_the_file(url)
    assert begun != old.id  # the restore was noticed and its epoch committed

    again = Database(url)
    assert again.epoch.id == begun  # kept: the restore is not noticed a second time
    again.engine.dispose()
    # A copy older than what the epoch began with is still a restored copy.
    shutil.copyfile(backup, file)
    for extra in ("-wal", "-shm"):
        Path(file + extra).unlink(missing_ok=True)
    restored = Database(url)
    assert restored.epoch.id not in (begun, old.id)
    restored.engine.dispose()
