# SPDX-License-Identifier: EUPL-1.2
"""`social-point backup` and `restore`: SQLite's online backup of a live store."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from fnmatch import fnmatch
from pathlib import Path

import pytest

from kiosk.boot.paths import ROOT
from store import outbox
from store.backup import BackupError, backup, restore
from store.database import Store
from tests.operations.conftest import cli


def waiting_uuids(path: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return {row[0] for row in db.execute("SELECT uuid FROM outbox")}


def kiosk_store(path: Path, records: int) -> tuple[Store, set[str]]:
    store = Store(path)
    uuids = set()
    with store.write() as session:
        for n in range(records):
            uuids.add(outbox.add(session, "application", {"answers": {"nome": f"Persona {n}"}}))
    return store, uuids


def test_a_backup_of_a_running_store_holds_what_a_file_copy_misses(tmp_path: Path) -> None:
    # The kiosk keeps its store open in WAL mode: fresh records live in the -wal file
    # until a checkpoint, so copying kiosk.sqlite3 alone loses them.
    store, uuids = kiosk_store(tmp_path / "kiosk.sqlite3", 50)
    try:
        shutil.copy(tmp_path / "kiosk.sqlite3", tmp_path / "copied.sqlite3")
        try:
            copied = waiting_uuids(tmp_path / "copied.sqlite3")
        except sqlite3.OperationalError:  # even the tables are still only in the WAL
            copied = set()
        assert copied != uuids
        made = backup(tmp_path / "kiosk.sqlite3", tmp_path / "backups" / "b.sqlite3")
    finally:
        store.close()
    assert waiting_uuids(made.path) == uuids
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600  # it holds personal data
    assert not Path(f"{made.path}-wal").exists()  # one self-contained file
    assert made.revision


def test_restore_brings_the_backup_back_and_keeps_the_replaced_store(tmp_path: Path) -> None:
    live = tmp_path / "kiosk.sqlite3"
    store, before = kiosk_store(live, 3)
    store.close()
    saved = backup(live, tmp_path / "saved.sqlite3").path
    store, after = kiosk_store(live, 2)  # records made after the backup
    store.close()
    done = restore(saved, live)
    kept = done.kept
    # The records made after the backup were not yet sent: carried over, never left
    # only in the copy that is deleted after seven days.
    assert waiting_uuids(live) == before | after
    assert done.carried == {"application": 2}
    assert kept is not None and waiting_uuids(kept) == before | after
    # Kept with the backups, as one of them: the nightly clean-up of data_dir/backups
    # ("kiosk-*.sqlite3" older than 7 days) deletes it too, never left for good.
    unit = (ROOT / "deploy" / "social-point-backup.service").read_text(encoding="utf-8")
    assert kept.parent == live.parent / "backups" and fnmatch(kept.name, "kiosk-*.sqlite3")
    assert '/var/lib/social-point/backups -name "kiosk-*.sqlite3" -mtime +7 -delete' in unit
    reopened = Store(live)  # the kiosk starts on the restored store
    with reopened.read() as session:
        assert outbox.counts(session)["pending"] == 5
    reopened.close()


def test_restore_refuses_what_is_not_a_sound_kiosk_store(tmp_path: Path) -> None:
    live = tmp_path / "kiosk.sqlite3"
    store, uuids = kiosk_store(live, 1)
    store.close()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE notes (text)")
        db.commit()
    newer = backup(live, tmp_path / "newer.sqlite3").path
    with closing(sqlite3.connect(newer)) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
        db.commit()
    for bad, words in (
        (garbage, "not a readable SQLite database"),
        (other, "not a kiosk store"),
        (newer, "made by a newer kiosk"),
        (tmp_path / "missing.sqlite3", "no such backup file"),
    ):
        with pytest.raises(BackupError, match=words):
            restore(bad, live)
    assert waiting_uuids(live) == uuids  # untouched


def test_backup_and_restore_commands(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    store, uuids = kiosk_store(tmp_path / "data" / "kiosk.sqlite3", 4)
    store.close()
    made = cli("backup", "--config", str(config))
    assert made.returncode == 0, made.stderr
    [written] = (tmp_path / "data" / "backups").glob("kiosk-*.sqlite3")
    assert f"backup written: {written}" in made.stdout
    assert waiting_uuids(written) == uuids
    again = cli("backup", "--config", str(config), "--to", str(written))
    assert again.returncode == 2 and "already exists" in again.stderr
    (tmp_path / "data" / "kiosk.sqlite3").unlink()
    restored = cli("restore", str(written), "--config", str(config))
    assert restored.returncode == 0, restored.stderr
    assert waiting_uuids(tmp_path / "data" / "kiosk.sqlite3") == uuids


def test_restore_refuses_a_store_a_running_kiosk_has_open(tmp_path: Path) -> None:
    """In WAL mode an idle kiosk holds no SQLite lock: the restore used to replace the
    store under it, and what it wrote meanwhile was lost. A kiosk's process holds the
    store's "in use" lock while it runs; restore asks for the kiosk to be stopped."""
    live = tmp_path / "kiosk.sqlite3"
    store, before = kiosk_store(live, 3)
    store.close()
    saved = backup(live, tmp_path / "saved.sqlite3").path
    running = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from store.database import Store; "
            f"Store(Path({str(live)!r})); print('open', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert running.stdout is not None and running.stdout.readline().strip() == "open"
        with pytest.raises(BackupError, match="stop the kiosk first"):
            restore(saved, live)
    finally:
        running.kill()
        running.wait()
    assert restore(saved, live).kept is not None  # stopped: the restore goes ahead
    assert waiting_uuids(live) == before


def test_a_backup_to_a_place_it_cannot_be_written_says_so_in_one_line(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    kiosk_store(tmp_path / "data" / "kiosk.sqlite3", 1)[0].close()
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    for target in (tmp_path / "a-file" / "backup.sqlite3", Path("/proc/backup.sqlite3")):
        made = cli("backup", "--config", str(config), "--to", str(target))
        assert made.returncode == 2, made.stderr
        assert "Traceback" not in made.stderr and "cannot write the backup there" in made.stderr
