# SPDX-License-Identifier: EUPL-1.2
"""A store that is damaged, foreign, or on a disk that fills up.

At start: a file that is no database, one cut short mid-page, a database of another
program, or the store with another database's WAL file beside it. The kiosk's start and
the operator commands each say what is wrong in one line, and leave the file as it was
(the kiosk used to build its tables into another program's database, and with a foreign
WAL beside the store it built a new empty store over it: every record waiting was gone).

During work: the disk fills up while citizens buy and slips are queued, in a real
process whose writes past a size fail (RLIMIT_FSIZE). Each purchase is kept whole or
not at all, what was stored stays, and work goes on once there is room again.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DatabaseError

from kiosk.boot.paths import DEMO_DATASET, ROOT
from kiosk.cli import main
from store import demo, outbox
from store.database import ForeignFileError, Store, in_use_path
from store.models import OutboxEntry, PrintJob, Service
from tests.operations.conftest import answered, cli, config_file

WAITING = 120


def kiosk_store(path: Path) -> set[str]:
    store = Store(path)
    with store.write() as session:
        made = {
            outbox.add(session, "event", {"type": "help_requested", "note": f"città {n}"})
            for n in range(WAITING)
        }
    store.checkpoint()
    store.close()
    return made


def damaged(kind: str, path: Path) -> None:
    if kind == "not a database":
        path.write_text("Questo non è un database, è una lettera.\n" * 200, encoding="utf-8")
    elif kind == "cut short mid-page":
        kiosk_store(path)
        with path.open("r+b") as file:
            file.truncate(path.stat().st_size // 2 + 1234)
    elif kind == "another program's database":
        with closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, message TEXT)")
            db.execute("INSERT INTO outbox (message) VALUES ('la lista della spesa')")
            db.commit()
    elif kind == "another database's WAL beside it":
        kiosk_store(path)
        other = path.with_name("other.sqlite3")
        with closing(sqlite3.connect(other)) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA wal_autocheckpoint=0")
            db.execute("CREATE TABLE notes (text)")
            db.execute("INSERT INTO notes VALUES ('altro')")
            db.commit()
            shutil.copy(f"{other}-wal", f"{path}-wal")  # while it is open: not checkpointed


def files(path: Path) -> dict[str, bytes]:
    """The store and its WAL (an empty WAL, as SQLite makes on opening, is nothing)."""
    found = {p.name: p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists()}
    return {name: data for name, data in found.items() if data}


SAID = {
    "not a database": "file is not a database",
    "cut short mid-page": "database disk image is malformed",
    "another program's database": "is not a kiosk store: it holds other tables (outbox)",
    "another database's WAL beside it": "is not a kiosk store: it holds other tables (notes)",
}


@pytest.mark.slow  # the kiosk's start, in a process
@pytest.mark.parametrize("kind", list(SAID))
def test_a_damaged_or_foreign_store_is_named_in_one_line_and_left_as_it_is(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data" / "kiosk.sqlite3"
    path.parent.mkdir()
    damaged(kind, path)
    before = files(path)
    config = config_file(tmp_path)
    for command in (("print-jobs",), ("sync", "--once")):
        assert SAID[kind] in answered(capsys, *command, "--config", str(config))
    assert main(["doctor", "--config", str(config)]) == 1
    [store_line] = [x for x in capsys.readouterr().out.splitlines() if "] store:" in x]
    assert store_line.startswith("[XX] store:") and SAID[kind] in store_line
    started = cli("run", "--config", str(config), "--platform", "offscreen", "--exit-when-ready")
    assert started.returncode == 2 and "Traceback" not in started.stderr
    [line] = [x for x in started.stderr.splitlines() if x.startswith("social-point:")]
    assert SAID[kind] in line
    assert files(path) == before  # nothing written: not even the switch to WAL mode
    if kind == "another database's WAL beside it":
        Path(f"{path}-wal").unlink()  # the operator moves the stray file away
        store = Store(path)
        with store.read() as session:
            assert len(session.scalars(select(OutboxEntry)).all()) == WAITING
        store.close()


def test_a_foreign_database_is_refused_before_the_store_writes_to_it(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    damaged("another program's database", path)
    with pytest.raises(ForeignFileError, match="not a kiosk store"):
        Store(path)
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")  # an empty file is a new store, as before
    Store(empty).close()


def test_a_disk_that_fills_up_while_citizens_buy_keeps_each_purchase_whole(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kiosk.sqlite3"
    store = Store(path)
    demo.load_if_empty(store, DEMO_DATASET)
    with store.read() as session:
        service = next(
            s.id
            for s in session.scalars(select(Service).order_by(Service.id))
            if s.booking == "buy_now" and s.price_cents
        )
    store.checkpoint()
    store.close()
    done = subprocess.run(
        [sys.executable, "-m", "tests.operations.full_disk_child", str(path), service],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # Python ignores SIGXFSZ: a write past the limit fails (EFBIG), the process lives on.
    assert done.returncode == 0 and done.returncode != -signal.SIGXFSZ, done.stderr
    stored = json.loads(done.stdout.splitlines()[-1])
    assert stored["orders"] and stored["slips"], stored
    assert len(stored["refused"]) == 4, stored  # the disk filled up
    assert set(stored["refused"]) <= {"disk I/O error", "database or disk is full"}
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    store = Store(path)
    with store.read() as session:
        entries = {row.uuid for row in session.scalars(select(OutboxEntry))}
        jobs = {row.uuid for row in session.scalars(select(PrintJob))}
    store.close()
    # What was stored stays; what was refused left nothing behind (no half purchase).
    assert entries == {uuid for uuid, _ in stored["orders"]}
    expected_jobs = {job for _, order_jobs in stored["orders"] for job in order_jobs}
    assert jobs == expected_jobs | set(stored["slips"]) | {stored["after"]}
    assert os.path.getsize(path) > 0


def descriptors_left_by_failing(opening: Callable[[], object], tries: int = 30) -> int:
    """How many more descriptors the process has open after ``tries`` failed openings."""
    descriptors = Path("/proc/self/fd")
    before = len(list(descriptors.iterdir()))
    for _ in range(tries):
        with pytest.raises(DatabaseError):
            opening()
    return len(list(descriptors.iterdir())) - before


def test_a_store_that_cannot_be_opened_leaves_nothing_open(tmp_path: Path) -> None:
    # The kiosk tries again every minute (tests/kiosk/test_out_of_service.py): each try
    # left a descriptor open, and a kiosk would run out of them in a day.
    path = tmp_path / "kiosk.sqlite3"
    damaged("not a database", path)
    assert descriptors_left_by_failing(lambda: Store(path)) <= 1  # the listing's own, at most


def test_a_store_that_opens_but_cannot_be_read_is_closed_again(tmp_path: Path) -> None:
    from kiosk.boot.backend import open_store
    from tests.conftest import make_config

    config = make_config(tmp_path)
    store = Store(config.paths.database)
    demo.load_if_empty(store, DEMO_DATASET)
    store.close()
    with closing(sqlite3.connect(config.paths.database)) as db:
        [(page,)] = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'comuni'")
        size = db.execute("PRAGMA page_size").fetchone()[0]
    with open(config.paths.database, "r+b") as file:  # the Comuni's page unreadable
        file.seek((page - 1) * size)
        file.write(b"\xff" * size)
    assert descriptors_left_by_failing(lambda: open_store(config)) <= 1
    # Nothing holds the store "in use": a restore, the remedy, is not refused.
    with open(in_use_path(config.paths.database), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
