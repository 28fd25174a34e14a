# SPDX-License-Identifier: EUPL-1.2
"""`social-point backup` and `restore`: SQLite's online backup of a live store."""

from __future__ import annotations

import fcntl
import os
import shlex
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from fnmatch import fnmatch
from pathlib import Path

import pytest
from sqlalchemy import select, update

from kiosk.boot.paths import ROOT
from printing import print_queue
from printing.slip import Slip, Text
from store import kiosk_facts, outbox
from store.backup import BackupError, Owner, backup, recorded_owner, restore
from store.database import Store
from store.models import PrintJob
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


def test_restore_carries_the_slips_not_printed_as_slips_to_check(tmp_path: Path) -> None:
    # A purchase waiting for the printer (paper out) when a backup was restored: the
    # purchase was carried over, its receipt and bearer voucher were dropped unsaid.
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    live = tmp_path / "data" / "kiosk.sqlite3"
    kiosk_store(live, 1)[0].close()
    saved = backup(live, tmp_path / "saved.sqlite3").path
    store = Store(live)
    with store.write() as session:  # as place_order does: the order and its slips at once
        outbox.add(session, "purchase", {"order": "AC-ABCD-EF", "total_cents": 1500})
        print_queue.add(session, Slip("Ricevuta", (Text("Ordine AC-ABCD-EF"),)), "receipt", "AC")
        voucher = print_queue.add(session, Slip("Buono", (Text("Buono"),)), "voucher", "V-1")
        printed = print_queue.add(session, Slip("Altro", (Text("Stampato"),)), "receipt", "AD")
        session.execute(update(PrintJob).where(PrintJob.uuid == printed).values(state="printed"))
    store.close()
    restored = cli("restore", str(saved), "--config", str(config))
    assert restored.returncode == 0, restored.stderr
    assert "2 slips that may not have printed" in restored.stdout
    store = Store(live)
    try:
        with store.write() as session:
            assert print_queue.next_pending(session) is None  # nothing prints by itself
            to_check = print_queue.needing_attention(session)
            assert sorted((j.kind, j.state) for j in to_check) == [
                ("receipt", "uncertain"),
                ("voucher", "uncertain"),
            ]
            copy = print_queue.reprint(session, voucher, "Europe/Rome")
            number = session.scalar(select(PrintJob.copy_no).where(PrintJob.uuid == copy))
            assert number == 1  # the manager's reprint is a marked copy
    finally:
        store.close()


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


@pytest.mark.parametrize("harm", ["garbled", "empty", "foreign", "truncated"])
def test_restore_over_a_damaged_store_moves_it_aside_and_goes_on(tmp_path: Path, harm: str) -> None:
    # Exactly when doctor says "restore the latest backup": the store it replaces cannot
    # be copied, so it is moved aside as it is, never a reason to refuse the restore.
    live = tmp_path / "kiosk.sqlite3"
    store, before = kiosk_store(live, 3)
    store.close()
    saved = backup(live, tmp_path / "saved.sqlite3").path
    store, after = kiosk_store(live, 40)  # made after the backup, not yet sent
    store.checkpoint()
    store.close()
    if harm == "garbled":  # the outbox table's first leaf pages are still readable
        size = live.stat().st_size
        with live.open("r+b") as file:
            file.seek(size - 4096)
            file.write(b"\xa5" * 4096)
    elif harm == "empty":
        live.write_bytes(b"")
    elif harm == "foreign":
        live.unlink()
        with closing(sqlite3.connect(live)) as db:
            db.execute("CREATE TABLE notes (text)")
            db.commit()
    else:
        with live.open("r+b") as file:
            file.truncate(4096 * 3)
    Path(f"{live}-wal").write_bytes(b"stale")  # a -wal of the damaged store's
    original = live.read_bytes()
    done = restore(saved, live)
    assert done.damaged and done.kept is not None
    assert done.kept.read_bytes() == original  # kept as it was, with its -wal
    wal = Path(f"{live}-wal")  # never read into the restored store
    assert not wal.exists() or wal.read_bytes() != b"stale"
    assert done.kept.parent == live.parent / "backups"
    assert fnmatch(done.kept.name, "kiosk-*.sqlite3")
    assert before <= waiting_uuids(live)
    carried = waiting_uuids(live) - before
    assert carried <= after
    if harm == "garbled":  # what could still be read of its outbox is carried over
        assert carried and (carried == after or done.unread)
    reopened = Store(live)
    reopened.close()


def test_the_restore_command_says_the_current_store_was_moved_aside(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    live = tmp_path / "data" / "kiosk.sqlite3"
    store, uuids = kiosk_store(live, 2)
    store.close()
    saved = backup(live, tmp_path / "saved.sqlite3").path
    live.write_bytes(b"")
    restored = cli("restore", str(saved), "--config", str(config))
    assert restored.returncode == 0, restored.stderr
    assert ".partial" not in restored.stdout + restored.stderr
    assert "could not be read" in restored.stdout and "moved aside" in restored.stdout
    assert str(tmp_path / "data" / "backups") in restored.stdout
    assert waiting_uuids(live) == uuids


def owned_store(path: Path, kiosk_id: str, device_id: str) -> set[str]:
    """A store enrolled as ``kiosk_id`` (as kiosk/boot/syncing.py records it)."""
    store, uuids = kiosk_store(path, 2)
    with store.write() as session:
        kiosk_facts.set_owner(session, kiosk_id, device_id, outbox.utcnow())
    store.close()
    return uuids


def test_restore_refuses_another_kiosks_backup_unless_told(tmp_path: Path) -> None:
    # Its records would be sent again under this kiosk's device: counted twice.
    ours, theirs = tmp_path / "a" / "kiosk.sqlite3", tmp_path / "b" / "kiosk.sqlite3"
    mine = owned_store(ours, "comune-a-01", "device-a")
    other = owned_store(theirs, "comune-b-01", "device-b")
    saved = backup(theirs, tmp_path / "kiosk-b.sqlite3").path
    with pytest.raises(BackupError, match=r"another kiosk.*comune-b-01.*--other-kiosk"):
        restore(saved, ours)
    assert waiting_uuids(ours) == mine  # untouched
    # Without a store to ask (dead, or damaged), the kiosk's configuration says whose.
    ours.unlink()
    with pytest.raises(BackupError, match="another kiosk"):
        restore(saved, ours, owner=Owner("comune-a-01"))
    done = restore(saved, ours, owner=Owner("comune-a-01"), other_kiosk=True)
    assert done.other_kiosk is not None and "comune-b-01" in done.other_kiosk
    assert waiting_uuids(ours) == other
    assert recorded_owner(ours).kiosk_id == "comune-a-01"  # this kiosk's from now on


def test_restore_tells_kiosks_apart_by_name_or_device(tmp_path: Path) -> None:
    ours, twin = tmp_path / "a" / "kiosk.sqlite3", tmp_path / "b" / "kiosk.sqlite3"
    owned_store(ours, "kiosk-01", "device-a")
    owned_store(twin, "kiosk-01", "device-b")  # the default name, on two kiosks
    saved = backup(twin, tmp_path / "kiosk-b.sqlite3").path
    with pytest.raises(BackupError, match=r"another kiosk.*device-b.*device-a"):
        restore(saved, ours)
    # The store says whose it is: a configuration left at its default does not decide.
    own = backup(ours, tmp_path / "kiosk-a.sqlite3").path
    assert restore(own, ours, owner=Owner("comune-z-01")).other_kiosk is None
    # Names unknown: the devices decide.
    unnamed, stranger = tmp_path / "x" / "kiosk.sqlite3", tmp_path / "y" / "kiosk.sqlite3"
    owned_store(unnamed, "", "device-x")
    owned_store(stranger, "", "device-y")
    theirs = backup(stranger, tmp_path / "kiosk-y.sqlite3").path
    with pytest.raises(BackupError, match="another kiosk"):
        restore(theirs, unnamed)


@pytest.mark.parametrize("damage", [b"{not json", b"[]", b'{"device_id": "d"}', b"\xff\xfe"])
def test_restore_with_a_damaged_device_file_stops_and_says_what_to_do(
    tmp_path: Path, damage: bytes
) -> None:
    """Read as "not enrolled", a damaged device file left the device out of the check:
    another kiosk's backup under the same name went in without --other-kiosk."""
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "device.json").write_bytes(damage)
    twin = tmp_path / "b" / "kiosk.sqlite3"
    owned_store(twin, "kiosk-01", "device-b")  # the default name, on another kiosk
    saved = backup(twin, tmp_path / "kiosk-b.sqlite3").path
    refused = cli("restore", str(saved), "--config", str(config))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "device file" in refused.stderr and "unreadable" in refused.stderr
    assert "restore cannot tell which kiosk this is" in refused.stderr
    assert not (tmp_path / "data" / "kiosk.sqlite3").exists()


def test_a_new_machine_not_enrolled_yet_takes_its_dead_ones_backup(tmp_path: Path) -> None:
    # README: restore, then enroll under the same kiosk name; the store is then stamped
    # with the new device when the kiosk connects.
    dead, new = tmp_path / "dead" / "kiosk.sqlite3", tmp_path / "new" / "kiosk.sqlite3"
    uuids = owned_store(dead, "comune-a-01", "device-old")
    saved = backup(dead, tmp_path / "kiosk-old.sqlite3").path
    Store(new).close()  # its first start made an empty store
    done = restore(saved, new, owner=Owner("comune-a-01"))
    assert done.other_kiosk is None and waiting_uuids(new) == uuids


def test_the_restore_command_names_the_other_kiosk_and_takes_other_kiosk(
    tmp_path: Path,
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[kiosk]\nid = "comune-a-01"\n[paths]\ndata_dir = "{tmp_path / "data"}"\n',
        encoding="utf-8",
    )
    theirs = tmp_path / "b" / "kiosk.sqlite3"
    other = owned_store(theirs, "comune-b-01", "device-b")
    saved = backup(theirs, tmp_path / "kiosk-b.sqlite3").path
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kiosk.sqlite3").write_bytes(b"")  # damaged: the config says whose
    refused = cli("restore", str(saved), "--config", str(config))
    assert refused.returncode == 2 and "another kiosk" in refused.stderr
    assert "comune-b-01" in refused.stderr and "--other-kiosk" in refused.stderr
    taken = cli("restore", str(saved), "--config", str(config), "--other-kiosk")
    assert taken.returncode == 0, taken.stderr
    assert "another kiosk" in taken.stdout and "comune-b-01" in taken.stdout
    assert waiting_uuids(tmp_path / "data" / "kiosk.sqlite3") == other


KILLED_MID_COPY = """
import os, signal, sys
from pathlib import Path
import store.backup as b
def copy_then_die(source, target):
    source.backup(target, pages=5)  # some pages written, then the power goes
    os.kill(os.getpid(), signal.SIGKILL)
b._copy = copy_then_die
b.backup(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def killed_backup(database: Path, destination: Path) -> Path:
    """A backup process killed part way: what it leaves behind."""
    done = subprocess.run(
        [sys.executable, "-c", KILLED_MID_COPY, str(database), str(destination)],
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode < 0  # killed
    partial = destination.with_name(destination.name + ".partial")
    assert partial.stat().st_size > 0
    return partial


def test_a_backup_deletes_what_one_cut_short_left(tmp_path: Path) -> None:
    # kiosk-….sqlite3.partial, full of personal data, was never deleted: no later
    # backup removed another's partial, and the clean-up's pattern missed it.
    live = tmp_path / "kiosk.sqlite3"
    store, _uuids = kiosk_store(live, 30)
    store.close()
    folder = tmp_path / "backups"
    partial = killed_backup(live, folder / "kiosk-20261201-033000.sqlite3")
    other = folder / "notes.partial"  # not a store's copy: left alone
    other.write_text("someone else's", encoding="utf-8")
    staging = tmp_path / "kiosk.sqlite3.restoring"  # a restore cut short
    shutil.copy(live, staging)
    Path(f"{staging}-journal").write_bytes(b"x")
    made = backup(live, folder / "kiosk-20261202-033000.sqlite3")
    assert not partial.exists() and not staging.exists()
    assert not Path(f"{staging}-journal").exists()
    assert other.exists() and made.path.exists()
    assert sorted(p.name for p in folder.iterdir()) == [made.path.name, "notes.partial"]


def test_a_backup_leaves_alone_the_partial_another_backup_is_writing(tmp_path: Path) -> None:
    live = tmp_path / "kiosk.sqlite3"
    store, _uuids = kiosk_store(live, 3)
    store.close()
    folder = tmp_path / "backups"
    written = killed_backup(live, folder / "kiosk-20261201-033000.sqlite3")

    held = os.open(written, os.O_RDONLY)  # as a backup writing it holds it
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        backup(live, folder / "kiosk-20261202-033000.sqlite3")
        assert written.exists()
    finally:
        os.close(held)


def test_the_backup_units_clean_up_deletes_copies_cut_short(tmp_path: Path) -> None:

    unit = (ROOT / "deploy" / "social-point-backup.service").read_text(encoding="utf-8")
    data = tmp_path / "var"
    folder = data / "backups"
    folder.mkdir(parents=True)
    old = time.time() - 10 * 86400
    left = [
        folder / "kiosk-20261201-033000.sqlite3.partial",
        folder / "kiosk-20261201-033000.sqlite3.partial-journal",
        folder / "kiosk-damaged-20261201-033000.sqlite3-wal",
        data / "kiosk.sqlite3.restoring",
    ]
    fresh = folder / "kiosk-20261211-033000.sqlite3.partial"  # being written now
    for path in [*left, fresh]:
        path.write_bytes(b"SQLite format 3\x00personal data")
    for path in left:
        os.utime(path, (old, old))
    for line in unit.splitlines():
        if line.startswith(("ExecStartPost=", "ExecStopPost=")):
            command = line.split("=", 1)[1].replace("/var/lib/social-point", str(data))
            subprocess.run(shlex.split(command), check=True, timeout=30)
    assert not [path for path in left if path.exists()]
    assert fresh.exists()
