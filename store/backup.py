# SPDX-License-Identifier: EUPL-1.2
"""Backing up and restoring the kiosk's store with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while the kiosk keeps running
(readers and the writer are never blocked for long), WAL included; copying the file with
``cp`` could catch it half-written. A backup holds citizens' personal data waiting to be
sent, so it is written owner-only (0600) and checked whole before it is called done.
A restore refuses a file that is not a sound kiosk store, or one newer than this code,
and keeps the store it replaces beside it.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from store.database import head_revision, in_use_path, known_revision

PAGES_PER_STEP = 256  # the live store is locked only while each step copies these pages


class BackupError(Exception):
    """The backup or restore did not happen; the message says why and what to do."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size: int
    revision: str | None


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


def restore(backup_file: Path, database: Path) -> Path | None:
    """Replaces the store at ``database`` with ``backup_file``; returns where the store it
    replaced was kept (None when there was none). The kiosk must be stopped."""
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


def _replace(backup_file: Path, database: Path) -> Path | None:
    revision = _check_sound(backup_file)
    head = head_revision()
    if revision is not None and head is not None and not known_revision(revision):
        raise BackupError(
            f"{backup_file}: made by a newer kiosk (schema {revision}, this one knows up to "
            f"{head}); update the kiosk first"
        )
    kept = None
    if database.exists():
        # With the backups (data_dir/backups/), whose nightly clean-up deletes it after
        # seven days as any other copy: beside the store, a full copy of its personal
        # data was kept for good.
        folder = database.parent / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / (
            f"{database.stem}-before-restore-{datetime.now(UTC):%Y%m%d-%H%M%S}{database.suffix}"
        )
        backup(database, kept)
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        with (
            closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as source,
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
    os.chmod(database, 0o600)
    return kept
