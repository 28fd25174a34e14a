# SPDX-License-Identifier: EUPL-1.2
"""A fleet's rough edges: a restore that carries what was not yet sent, a manual sync
that says nothing about the printer, a configuration checked where it can be, one kiosk
per store, manager PIN failures that expire, and a store only its owner reads."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from central.models import KioskHealth
from kiosk.boot.config import ConfigError, ManagerSettings, load_config, parse_config
from kiosk.boot.paths import ROOT
from kiosk.boot.syncing import make_sync
from kiosk.core.manager_login import log_in
from store import outbox
from store.backup import backup, restore
from store.database import Store
from store.models import OperatorLockout, OutboxEntry
from store.retention import RetentionRule, housekeep
from tests.operations.conftest import Central, cli, config_file


def outbox_table(path: Path) -> dict[str, dict[str, object]]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        db.row_factory = sqlite3.Row
        return {row["uuid"]: dict(row) for row in db.execute("SELECT * FROM outbox")}


# 1. A restore carries the records the replaced store had not had accepted.


def test_a_restore_carries_the_records_not_yet_accepted_into_the_restored_store(
    tmp_path: Path,
) -> None:
    live = tmp_path / "kiosk.sqlite3"
    store = Store(live)
    with store.write() as session:
        in_backup = outbox.add(session, "event", {"type": "help_call", "kiosk": "k"})
    store.close()
    saved = backup(live, tmp_path / "saved.sqlite3").path
    store = Store(live)
    with store.write() as session:
        waiting = outbox.add(session, "event", {"type": "help_call", "kiosk": "k"})
        sealed = outbox.add(session, "application", {"tracking_code": "DOM-AAAA-BBBB"})
        cut_short = outbox.add(session, "purchase", {"order": "o-1", "total_cents": 500})
        refused = outbox.add(session, "event", {"type": "help_call", "kiosk": "k"})
        accepted = outbox.add(session, "event", {"type": "help_call", "kiosk": "k"})
        session.flush()
        for uuid, values in (
            (sealed, {"sealed": "SEALED-ENVELOPE", "sha256": "ab" * 32}),
            (cut_short, {"state": "sending", "attempts": 1}),
            (refused, {"state": "rejected", "reject_code": "call_closed"}),
            (accepted, {"state": "accepted", "server_id": "PROT-1"}),
            (in_backup, {"state": "accepted", "server_id": "PROT-0"}),
        ):
            session.execute(update(OutboxEntry).where(OutboxEntry.uuid == uuid).values(**values))
    store.close()
    before = outbox_table(live)

    done = restore(saved, live)

    after = outbox_table(live)
    assert done.kept is not None
    assert done.carried == {"event": 1, "application": 1, "purchase": 1}
    assert done.carried_rejected == 1
    # Not the accepted one (the platform has it), and the backup's own copy of a record
    # is left as the backup has it (waiting: sent again, answered as the first time).
    assert set(after) == {in_backup, waiting, sealed, cut_short, refused}
    assert after[in_backup]["state"] == "pending"
    for uuid in (waiting, sealed, refused):
        carried = {k: v for k, v in after[uuid].items() if k != "id"}
        assert carried == {k: v for k, v in before[uuid].items() if k != "id"}
    assert after[sealed]["sealed"] == "SEALED-ENVELOPE" and after[sealed]["sha256"] == "ab" * 32
    assert after[cut_short]["state"] == "pending"  # its push was cut short: it goes again
    reopened = Store(live)  # the kiosk starts on it and counts them
    with reopened.read() as session:
        assert outbox.counts(session) == {"pending": 4, "sending": 0, "rejected": 1}
    reopened.close()
    assert not list(tmp_path.glob("kiosk.sqlite3.restoring*"))


def test_the_restore_command_says_what_it_carried_over(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndata_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    live = tmp_path / "data" / "kiosk.sqlite3"
    Store(live).close()
    saved = backup(live, tmp_path / "saved.sqlite3").path
    store = Store(live)
    with store.write() as session:
        made = outbox.add(session, "event", {"type": "help_call", "kiosk": "k"})
    store.close()
    restored = cli("restore", str(saved), "--config", str(config))
    assert restored.returncode == 0, restored.stderr
    assert "carried over from the replaced store: 1 records not yet accepted" in restored.stdout
    assert "(event 1)" in restored.stdout
    assert outbox_table(live)[made]["state"] == "pending"


# 2. A sync pass run by hand sends no heartbeat.


def test_a_sync_run_by_hand_beside_the_kiosk_leaves_the_fleets_printer_alert(
    central: Central, tmp_path: Path
) -> None:
    config_path = tmp_path / "kiosk.toml"
    config_path.write_text(
        f'[paths]\ndata_dir = "{tmp_path / "data"}"\nlog_dir = "{tmp_path / "log"}"\n'
        f'[kiosk]\nid = "kiosk-vil"\n[sync]\nplatform_url = "{central.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\n',
        encoding="utf-8",
    )
    config = load_config(config_path)
    store = Store(config.paths.database)
    setup = make_sync(config, store, printer_state=lambda: "cover_open")  # the kiosk's
    assert setup is not None
    try:
        setup.worker.run_pass()
    finally:
        setup.stop()
        store.close()
    by_hand = cli("sync", "--once", "--config", str(config_path))
    assert by_hand.returncode == 0, by_hand.stderr
    assert "pushed:" in by_hand.stdout
    with central.platform.sessions() as session:
        [row] = session.query(KioskHealth).all()
    assert row.beat["printer"] == "cover_open"


# 3. A platform address and a CA bundle the kiosk cannot use are refused at its start.


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://", "must name the platform's host"),
        ("https://exa mple.org", "must not hold spaces"),
        ("https://127.0.0.1:99999", "port from 1 to 65535"),
        ("https://platform.example:0", "port from 1 to 65535"),
        ("https://user:s3cret@platform.example", "must not hold a user name or password"),
        ("https://platform.example/?kiosk=1", "must not have a query"),
        ("https://platform.example/#top", "must not have a query"),
    ],
)
def test_a_platform_address_the_kiosk_cannot_use_is_refused(url: str, said: str) -> None:
    with pytest.raises(ConfigError) as refused:
        parse_config(f'[sync]\nplatform_url = "{url}"\n')
    message = str(refused.value)
    assert "sync.platform_url" in message and said in message
    assert "s3cret" not in message and "user:" not in message


@pytest.mark.parametrize(
    "url",
    [
        "",
        "embedded",
        "https://platform.example",
        "https://platform.example:8443/social-point/",
        "http://127.0.0.1:18401",
        "http://localhost/",
    ],
)
def test_the_addresses_in_use_are_still_taken(url: str) -> None:
    assert parse_config(f'[sync]\nplatform_url = "{url}"\n').sync.platform_url == url


def test_a_ca_bundle_that_cannot_be_read_stops_the_sync_before_it_starts(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[paths]\ndata_dir = "{tmp_path / "data"}"\nlog_dir = "{tmp_path / "log"}"\n'
        f'cache_dir = "{tmp_path / "cache"}"\n[sync]\nplatform_url = "https://platform.example"\n'
        f'ca_bundle = "{tmp_path / "missing-ca.pem"}"\n',
        encoding="utf-8",
    )
    for command in (("sync", "--once"), ("run", "--platform", "offscreen", "--exit-when-ready")):
        refused = cli(*command, "--config", str(config))
        assert refused.returncode == 2, refused.stdout
        [line] = refused.stderr.strip().splitlines()
        assert line.startswith("social-point: sync.ca_bundle:") and "missing-ca.pem" in line


# 4. One kiosk per data directory.


def locked(path: Path) -> bool:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def test_a_second_kiosk_on_the_same_data_directory_is_refused(tmp_path: Path) -> None:
    config = config_file(tmp_path)
    in_use = tmp_path / "data" / "kiosk.sqlite3.in-use"  # held while the store is open
    command = ["run", "--config", str(config), "--platform", "offscreen", "--windowed"]
    first = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", *command],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (in_use.exists() and locked(in_use)):
            assert first.poll() is None, "the first kiosk stopped"
            assert time.monotonic() < deadline, "the first kiosk never opened its store"
            time.sleep(0.1)
        second = cli("run", "--config", str(config), "--platform", "offscreen", "--exit-when-ready")
        assert second.returncode == 2, second.stderr
        [line] = second.stderr.strip().splitlines()
        assert line.startswith("social-point: another kiosk is already running on")
        # The commands beside a running kiosk still work (they share the store's lock).
        listed = cli("print-jobs", "--config", str(config))
        assert listed.returncode == 0, listed.stderr
        assert first.poll() is None  # the first kiosk goes on
    finally:
        first.kill()
        first.wait()
    again = cli("run", "--config", str(config), "--platform", "offscreen", "--exit-when-ready")
    assert again.returncode == 0, again.stderr  # its lock went with it


# 5. Wrong manager PINs count within the lockout window, and their rows go.

RULES = ManagerSettings(idle_timeout_s=180, pin_attempts=5, lockout_s=300)
JANUARY = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def lockout_rows(store: Store) -> dict[str, int]:
    with store.read() as session:
        return {row.operator_id: row.failures for row in session.query(OperatorLockout)}


def test_wrong_pins_older_than_the_lockout_window_no_longer_count(tmp_path: Path) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    try:
        for minute in range(4):
            with store.write() as session:
                wrong = log_in(session, "1002", "000000", "piazzola", JANUARY, RULES)
                assert wrong.problem == "wrong" and wrong.attempts_left == 4 - minute
        with store.write() as session:  # a code that is no operator's
            log_in(session, "99999", "000000", "piazzola", JANUARY, RULES)
        assert lockout_rows(store) == {"1002": 4, "99999": 1}
        later = JANUARY + timedelta(days=70)
        with store.write() as session:
            once = log_in(session, "1002", "000001", "piazzola", later, RULES)
        assert (once.problem, once.attempts_left) == ("wrong", 4)  # not locked out
        assert lockout_rows(store) == {"1002": 1}  # the old rows are gone
        # Within the window they still add up to a lockout.
        for n in range(4):
            with store.write() as session:
                outcome = log_in(
                    session, "1002", "000002", "piazzola", later + timedelta(seconds=n), RULES
                )
        assert outcome.problem == "locked"
    finally:
        store.close()


def test_housekeeping_deletes_login_failures_that_no_longer_count(tmp_path: Path) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    try:
        with store.write() as session:
            log_in(session, "99999", "000000", "piazzola", JANUARY, RULES)  # never again
            for _ in range(5):
                log_in(session, "1003", "000000", "piazzola", JANUARY, RULES)  # locked out
        assert lockout_rows(store) == {"99999": 1, "1003": 0}
        housekeep(store, RetentionRule(7, 7), JANUARY + timedelta(minutes=1))
        assert lockout_rows(store) == {"99999": 1, "1003": 0}  # both still count
        housekeep(store, RetentionRule(7, 7), JANUARY + timedelta(days=2))
        assert lockout_rows(store) == {}
    finally:
        store.close()


# 6. The store, its folder and the log are the kiosk's owner's alone.


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_store_its_folder_and_the_log_are_owner_only(tmp_path: Path) -> None:
    old_mask = os.umask(0o022)  # a desktop's: files 644, folders 755
    try:
        config = config_file(tmp_path)
        started = cli(
            "run", "--config", str(config), "--platform", "offscreen", "--exit-when-ready"
        )
        assert started.returncode == 0, started.stderr
        data, log = tmp_path / "data", tmp_path / "log"
        assert mode(data) == 0o700 and mode(log) == 0o700
        assert mode(data / "kiosk.sqlite3") == 0o600
        assert mode(log / "kiosk.log") == 0o600
        # A store and a log an older version left readable to all are made owner-only
        # when they are opened again, the store's WAL and shared memory too.
        for name in (data / "kiosk.sqlite3", log / "kiosk.log"):
            name.chmod(0o644)
        store = Store(data / "kiosk.sqlite3")
        try:
            with store.write() as session:
                outbox.add(session, "event", {"type": "help_call", "kiosk": "k"})
            assert mode(data / "kiosk.sqlite3") == 0o600
            assert mode(data / "kiosk.sqlite3-wal") == 0o600
            assert mode(data / "kiosk.sqlite3-shm") == 0o600
        finally:
            store.close()
        synced = cli("sync", "--once", "--config", str(config))
        assert "sync.platform_url is empty" in synced.stderr  # it set up its log first
        assert mode(log / "kiosk.log") == 0o600
    finally:
        os.umask(old_mask)
