# SPDX-License-Identifier: EUPL-1.2
"""Backing up and restoring the kiosk's store with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while the kiosk keeps running
(readers and the writer are never blocked for long), WAL included; copying the file with
``cp`` could catch it half-written. A backup holds citizens' personal data waiting to be
sent, so it is written owner-only (0600) and checked whole before it is called done.
A restore refuses a file that is not a sound kiosk store, or one newer than this code,
keeps the store it replaces with the backups, and carries into the restored store the
records the replaced one had not yet had accepted by the platform (the backup may be
older than them): the kept copy is deleted after seven days like any other backup.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from store.database import head_revision, in_use_path, known_revision, upgrade_file

PAGES_PER_STEP = 256  # the live store is locked only while each step copies these pages


class BackupError(Exception):
    """The backup or restore did not happen; the message says why and what to do."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size: int
    revision: str | None


# Outbox entries the platform has not accepted: waiting to be sent (or being sent when
# the kiosk stopped), or refused and kept for a manager. A restore carries them over.
UNSENT_STATES = ("pending", "sending")
CARRIED_STATES = (*UNSENT_STATES, "rejected")


@dataclass(frozen=True)
class RestoreReport:
    kept: Path | None  # where the replaced store was kept (None: there was none)
    carried: dict[str, int]  # records waiting to be sent carried over, by kind
    carried_rejected: int = 0  # refused records (kept for a manager) carried over

    @property
    def carried_waiting(self) -> int:
        return sum(self.carried.values())


def default_backup_path(folder: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    return folder / f"kiosk-{stamp}.sqlite3"


def _check_sound(path: Path) -> str | None:
    """The file's migration revision after an integrity check; raises when unsound."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"{path}: the database is damaged ({verdict})")
            try:
                rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            except sqlite3.OperationalError:
                raise BackupError(f"{path}: not a kiosk store (no schema version)") from None
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}: not a readable SQLite database ({error})") from None
    return rows[0][0] if len(rows) == 1 else None


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target, pages=PAGES_PER_STEP)


def backup(database: Path, destination: Path) -> BackupReport:
    """Copies the live store at ``database`` to ``destination`` (a new file)."""
    if not database.exists():
        raise BackupError(f"{database}: there is no store to back up")
    if destination.exists():
        raise BackupError(f"{destination}: already exists; choose another name")
    partial = destination.with_name(destination.name + ".partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        # Owner-only from the first byte: the copy holds personal data.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as error:  # a read-only disk, a file where a folder should be
        reason = error.strerror or type(error).__name__
        raise BackupError(f"{destination}: cannot write the backup there: {reason}") from None
    try:
        with (
            closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(partial)) as target,
        ):
            _copy(source, target)
            # A single self-contained file: no -wal beside it to forget.
            target.execute("PRAGMA journal_mode=DELETE")
        revision = _check_sound(partial)
        os.replace(partial, destination)
    except (sqlite3.Error, OSError) as error:  # the disk filled up, say
        partial.unlink(missing_ok=True)
        raise BackupError(f"the backup failed: {error}") from None
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    return BackupReport(destination, destination.stat().st_size, revision)


def restore(backup_file: Path, database: Path) -> RestoreReport:
    """Replaces the store at ``database`` with ``backup_file``, and carries into it the
    records the replaced store had not yet had accepted (with their UUIDs: the platform
    answers a UUID it already has with its first answer, so one sent again is counted
    once). The kiosk must be stopped."""
    if not backup_file.is_file():
        raise BackupError(f"{backup_file}: no such backup file")
    database.parent.mkdir(parents=True, exist_ok=True)
    with _not_in_use(database):
        return _replace(backup_file, database)


@contextmanager
def _not_in_use(database: Path) -> Iterator[None]:
    """Holds the store's "in use" lock exclusively (store/database.py): a running kiosk,
    screen or sync process, holds it shared, and is asked to stop first."""
    descriptor = os.open(in_use_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(
                f"{database}: the kiosk is running and using it; stop the kiosk first "
                "(sudo systemctl stop social-point-kiosk)"
            ) from None
        yield
    finally:
        os.close(descriptor)


def _replace(backup_file: Path, database: Path) -> RestoreReport:
    revision = _check_sound(backup_file)
    head = head_revision()
    if revision is not None and head is not None and not known_revision(revision):
        raise BackupError(
            f"{backup_file}: made by a newer kiosk (schema {revision}, this one knows up to "
            f"{head}); update the kiosk first"
        )
    kept = None
    unsent: list[dict[str, object]] = []
    if database.exists():
        # With the backups (data_dir/backups/), whose nightly clean-up deletes it after
        # seven days as any other copy: beside the store, a full copy of its personal
        # data was kept for good. What it holds that the platform has not accepted is
        # carried into the restored store below, never left only in this copy.
        folder = database.parent / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / (
            f"{database.stem}-before-restore-{datetime.now(UTC):%Y%m%d-%H%M%S}{database.suffix}"
        )
        backup(database, kept)
        unsent = _not_accepted(kept)
    database.parent.mkdir(parents=True, exist_ok=True)
    source = backup_file
    staging = database.with_name(database.name + ".restoring")
    carried: Counter[str] = Counter()
    rejected = 0
    try:
        if unsent:
            # The backup and the carried records are joined in a copy first: the store
            # is replaced whole, or (on any failure) left as it was.
            _remove(staging)
            carried, rejected = _stage(backup_file, staging, unsent)
            source = staging
        _copy_in(source, database)
    finally:
        _remove(staging)
    os.chmod(database, 0o600)
    return RestoreReport(kept, dict(carried), rejected)


def _copy_in(source_file: Path, database: Path) -> None:
    try:
        with (
            closing(sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(database, timeout=1)) as target,
        ):
            # The backup API takes the target's locks itself and fails if anything holds
            # the store at that moment: nothing is half-replaced.
            _copy(source, target)
            target.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as error:
        raise BackupError(
            f"{database}: could not replace the store ({error}); stop the kiosk first "
            "(sudo systemctl stop social-point-kiosk)"
        ) from None


def _remove(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        name.unlink(missing_ok=True)


def _not_accepted(store_file: Path) -> list[dict[str, object]]:
    """The outbox entries of ``store_file`` the platform has not accepted, whole (their
    sealed payload and hash included), oldest first."""
    marks = ", ".join("?" for _ in CARRIED_STATES)
    try:
        with closing(sqlite3.connect(f"file:{store_file}?mode=ro", uri=True)) as connection:
            connection.row_factory = sqlite3.Row
            rows = connection.execute(
                f"SELECT * FROM outbox WHERE state IN ({marks}) ORDER BY id", CARRIED_STATES
            ).fetchall()
    except sqlite3.OperationalError:  # a store made before it had an outbox
        return []
    return [dict(row) for row in rows]


def _stage(
    backup_file: Path, staging: Path, unsent: list[dict[str, object]]
) -> tuple[Counter[str], int]:
    """Writes to ``staging`` the backup, brought to this version's schema, with the
    entries of ``unsent`` it lacks added under their own UUIDs; returns how many were
    added waiting to be sent (by kind), and how many refused ones."""
    carried: Counter[str] = Counter()
    rejected = 0
    try:
        os.close(os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with (
            closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(staging)) as target,
        ):
            _copy(source, target)
        # The replaced store is of this version's schema: so is the copy they meet in
        # (the kiosk would migrate the restored store at its start anyway).
        upgrade_file(staging)
        with closing(sqlite3.connect(staging)) as target:
            columns = {row[1] for row in target.execute("PRAGMA table_info(outbox)")}
            present = {row[0] for row in target.execute("SELECT uuid FROM outbox")}
            for entry in unsent:
                if entry["uuid"] in present:  # the backup has it: it is sent from there
                    continue
                values = {k: v for k, v in entry.items() if k in columns and k != "id"}
                if values["state"] == "sending":  # its push was cut short: it goes again
                    values["state"] = "pending"
                names = ", ".join(values)
                marks = ", ".join("?" for _ in values)
                target.execute(
                    f"INSERT INTO outbox ({names}) VALUES ({marks})", tuple(values.values())
                )
                if values["state"] == "rejected":
                    rejected += 1
                else:
                    carried[str(values["kind"])] += 1
            target.commit()
            target.execute("PRAGMA journal_mode=DELETE")  # one file, read back below
    except (sqlite3.Error, OSError) as error:
        raise BackupError(
            f"the restore failed, the store is left as it was: could not carry over the "
            f"records not yet sent ({error})"
        ) from None
    return carried, rejected
