# SPDX-License-Identifier: EUPL-1.2
"""`social-point restore` killed at any step, or on a disk too full for it: the records
the replaced store had not had accepted are never lost nor doubled, whether the restore
is run again or the kiosk starts."""

from __future__ import annotations

import logging
import logging.handlers
import os
import resource
import shutil
import signal
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from kiosk.boot import logs
from kiosk.boot.config import load_config
from kiosk.boot.doctor import Verdict, check_store
from store import outbox
from store.backup import BackupError, backup, restore
from store.database import Store
from tests.operations.conftest import write_config

# The calls a kill can fall just before: each file operation and SQLite statement.
STEPS = {"link", "replace", "unlink", "fsync", "utime", "chmod", "open", "rename", "mkdir"}
SQLITE_STEPS = {"connect", "backup", "execute", "executemany", "commit", "close"}


def is_step(call: Any) -> bool:
    name = getattr(call, "__name__", "")
    if getattr(call, "__module__", None) == "posix":
        return name in STEPS
    owner = getattr(call, "__self__", None)
    sqlite = isinstance(owner, (sqlite3.Connection, sqlite3.Cursor)) or owner is sqlite3
    return sqlite and name in SQLITE_STEPS


def on_each_step(action: Callable[[str], None]) -> None:
    def profile(frame: FrameType, event: str, call: Any) -> None:
        if event == "c_call" and is_step(call) and not logging_in(frame):
            action(call.__name__)

    sys.setprofile(profile)


def logging_in(frame: FrameType) -> bool:
    """Whether the call is a log handler's: one an earlier test left on the root logger
    opened its file at the first record of the counted restore only (a step more than
    any restore after it took)."""
    name = frame.f_code.co_filename
    return name == logging.__file__ or name == logging.handlers.__file__ or name == logs.__file__


def uuid_counts(database: Path) -> Counter[str]:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        return Counter(row[0] for row in db.execute("SELECT uuid FROM outbox"))


def kiosk_with_unsent(folder: Path, damaged: bool) -> tuple[Path, Path, set[str]]:
    """A store, its early backup, and purchases made after it and not yet sent (the store
    then damaged where doctor sends a manager to restore: its rows still readable)."""
    database = folder / "data" / "kiosk.sqlite3"
    store = Store(database)
    with store.write() as session:
        outbox.add(session, "event", {"type": "help_requested"})
    early = backup(database, folder / "early.sqlite3").path
    with store.write() as session:
        made = {
            outbox.add(session, "purchase", {"order": f"AC-{n:04d}", "total_cents": 500})
            for n in range(6)
        }
    if damaged:
        store.checkpoint()
    store.close()
    if damaged:  # an index of the outbox garbled: the check fails, its rows still read
        with closing(sqlite3.connect(database)) as db:
            page = db.execute(
                "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'"
            ).fetchone()[0]
        with database.open("r+b") as file:
            file.seek((page - 1) * 4096 + 8)
            file.write(b"\xa5" * 2000)
    return database, early, made


def steps_of_a_restore(folder: Path, damaged: bool) -> list[str]:
    database, early, _made = kiosk_with_unsent(folder, damaged)
    names: list[str] = []
    on_each_step(names.append)
    try:
        restore(early, database)
    finally:
        sys.setprofile(None)
    return names


def killed_at(step: int, early: Path, database: Path) -> bool:
    """Runs the restore in a child process that SIGKILLs itself just before its
    ``step``-th call; whether it was killed (not: the restore ended before)."""
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        calls = 0

        def count(_name: str) -> None:
            nonlocal calls
            calls += 1
            if calls == step:
                os.kill(os.getpid(), signal.SIGKILL)

        try:
            on_each_step(count)
            restore(early, database)
        finally:
            os._exit(0)
    _pid, status = os.waitpid(child, 0)
    return os.WIFSIGNALED(status)


def assert_each_once(database: Path, made: set[str]) -> None:
    counts = uuid_counts(database)
    assert made <= set(counts), f"lost: {len(made - set(counts))} of {len(made)}"
    assert all(counts[uuid] == 1 for uuid in made), "carried twice"
    assert not [name for name, n in counts.items() if n > 1]


@pytest.mark.parametrize("damaged", [False, True], ids=["sound", "damaged"])
def test_a_restore_killed_at_any_step_loses_no_unsent_record(tmp_path: Path, damaged: bool) -> None:
    # The replaced store (damaged or not) was moved aside before the restored one was
    # ready: a kill then left no store at its path, only a copy deleted after 7 days,
    # and a restore run again (or the kiosk's start) went on without its records.
    names = steps_of_a_restore(tmp_path / "count", damaged)
    # One step in three, and each of the last ones, where the store is put in place.
    steps = sorted({*range(1, len(names) + 1, 3), *range(max(1, len(names) - 25), len(names) + 1)})
    template = tmp_path / "template"
    database, early, made = kiosk_with_unsent(template, damaged)
    for step in steps:
        trial = tmp_path / f"step-{step}"
        shutil.copytree(template, trial, symlinks=True)
        moved = trial / database.relative_to(template)
        assert killed_at(step, trial / early.name, moved), f"the restore ended before {step}"
        # Before the restore decided, the store is exactly as it was; after, the new
        # one is ready beside it (or in place, the note of what it did not yet read).
        decided = Path(f"{moved}.restore-ready").exists()
        untouched = store_files(moved) == store_files(database)
        noted = Path(f"{moved}.restore-ready.json").exists()
        assert decided or untouched or noted, f"killed at {step}"
        started = tmp_path / f"started-{step}"
        shutil.copytree(trial, started)
        # The manager runs the restore again, as its message says...
        done = restore(trial / early.name, moved)
        assert_each_once(moved, made)
        finished = getattr(done, "finished", None)
        if finished is not None:  # what the cut restore did is still told
            assert decided or (noted and not untouched), f"killed at {step}"
            assert finished.carried_waiting == len(made)
        elif decided:
            raise AssertionError(f"killed at {step}: the restore run again did not say")
        # ...or the kiosk is started instead: it finishes a restore that had decided (a
        # damaged store left as it was is for doctor and the restore).
        if not (damaged and untouched):
            store = Store(started / database.relative_to(template))
            store.close()
            assert_each_once(started / database.relative_to(template), made)
        shutil.rmtree(trial)
        shutil.rmtree(started)


def store_files(database: Path) -> list[bytes | None]:
    """Its files' content (an empty -wal, as opening a WAL store makes one, is none)."""
    names = [Path(f"{database}{tail}") for tail in ("", "-wal", "-journal")]
    return [(name.read_bytes() or None) if name.exists() else None for name in names]


def test_a_restore_killed_once_decided_is_named_by_doctor_and_finished_by_a_backup(
    tmp_path: Path,
) -> None:
    names = steps_of_a_restore(tmp_path / "count", damaged=False)
    database, early, made = kiosk_with_unsent(tmp_path, damaged=False)
    # Killed as it removes the old store's -wal, the new store not yet in place.
    assert killed_at(names.index("replace", names.index("link")) + 2, early, database)
    assert Path(f"{database}.restore-ready").exists()
    config = load_config(write_config(tmp_path, platform_url="", printer_port=9))
    assert config.paths.database == database
    [finding] = check_store(config)
    assert finding.verdict is Verdict.PROBLEM and "restore was cut short" in finding.message
    assert "restore again" in finding.fix
    made_backup = backup(database, tmp_path / "nightly.sqlite3")
    assert_each_once(made_backup.path, made)
    assert not Path(f"{database}.restore-ready").exists()


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not path.name.endswith(("-shm", ".in-use"))
        and path.stat().st_size  # an empty -wal: opening a WAL store makes one
    }


def test_a_restore_on_a_full_disk_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    # A sound store whose copy failed for want of space was taken for a damaged one and
    # moved aside; then the restore failed too, saying the store was left as it was.
    database, early, made = kiosk_with_unsent(tmp_path, damaged=False)
    with closing(sqlite3.connect(early)) as db:  # a backup larger than the space left
        db.execute("CREATE TABLE ballast (b)")
        db.execute("INSERT INTO ballast VALUES (zeroblob(4000000))")
        db.commit()
    before = files_of(database.parent)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        os.close(read)
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error, as a full disk gives
            resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))
            restore(early, database)
            os.write(write, b"restored")
        except BackupError as error:
            os.write(write, str(error).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as said:
        message = said.read().decode()
    os.waitpid(child, 0)
    assert files_of(database.parent) == before  # nothing moved, kept, or left behind
    assert "the store is left as it was" in message and "df -h" in message, message
    store = Store(database)
    store.close()
    assert_each_once(database, made)


def test_the_seven_days_of_a_kept_store_count_from_the_restore(tmp_path: Path) -> None:
    # A damaged store the kiosk could not write to for days kept its old time when moved
    # aside: the next night's clean-up ("-mtime +7") deleted it with what it held.
    database, early, _made = kiosk_with_unsent(tmp_path, damaged=True)
    weeks_ago = time.time() - 14 * 86400
    os.utime(database, (weeks_ago, weeks_ago))
    done = restore(early, database)
    assert done.damaged and done.kept is not None
    assert time.time() - done.kept.stat().st_mtime < 3600


def test_the_kiosks_start_that_finishes_a_cut_restore_says_so_in_its_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    names = steps_of_a_restore(tmp_path / "count", damaged=False)
    database, early, made = kiosk_with_unsent(tmp_path, damaged=False)
    assert killed_at(names.index("replace", names.index("link")) + 2, early, database)  # decided
    with caplog.at_level("WARNING", logger="store.database"):
        Store(database).close()
    assert f"{len(made)} records not yet accepted carried over" in caplog.text
    assert "kiosk-before-restore-" in caplog.text
    assert_each_once(database, made)
