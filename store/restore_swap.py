# SPDX-License-Identifier: EUPL-1.2
"""The step of a restore that puts the restored store in place, safe against a kill or
a power cut at any moment (store/backup.py builds what it puts there).

The restore builds the new store whole beside the old one (``kiosk.sqlite3.restoring``:
the backup plus the records the old one had not had accepted), keeps the old files with
the backups, and only then renames the new one ``kiosk.sqlite3.restore-ready``: that
rename decides the restore. Whoever finds a ready file (the restore run again, the
kiosk's start, a backup) finishes it: the old store's -wal and -journal are removed
(they are kept with the backups, and a stale -wal would be read into the new store),
and the ready file replaces the store in one rename. Before the decision the store is
exactly as it was; after it, the ready file holds every record the old one had not had
accepted. A note beside it says what the restore did, for whoever finishes it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# The old store's files a restore keeps and removes; -shm is only SQLite's index of the
# -wal, made again from it when the copy is opened.
STORE_TAILS = ("", "-wal", "-journal")


def staging_path(database: Path) -> Path:
    """Where a restore builds the new store: deleted as a scratch copy when cut short."""
    return database.with_name(database.name + ".restoring")


def ready_path(database: Path) -> Path:
    """The new store, complete: the restore is decided and only needs finishing."""
    return database.with_name(database.name + ".restore-ready")


def note_path(database: Path) -> Path:
    return database.with_name(database.name + ".restore-ready.json")


def cut_short(database: Path) -> bool:
    """Whether a restore was decided and not finished (or its note not yet read)."""
    return ready_path(database).exists() or note_path(database).exists()


def sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Makes the renames and links in ``folder`` survive a power cut."""
    sync_file(folder)


def decide(staging: Path, database: Path, note: dict[str, Any]) -> None:
    """Makes the complete ``staging`` copy the restore's ready file, with its ``note``.
    On an error nothing is decided: the caller removes the note and the staging copy."""
    sync_file(staging)
    note = {**note, "inode": staging.stat().st_ino}  # tells a stale note from a kept one
    # Whole on the disk before the decision: one cut short before it is told by its inode.
    descriptor = os.open(note_path(database), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(note, file)
        file.flush()
        os.fsync(file.fileno())
    os.replace(staging, ready_path(database))  # the restore is decided here
    sync_folder(database.parent)


def finish(database: Path) -> dict[str, Any] | None:
    """Finishes a restore decided and cut short, if there is one; returns its note
    (what it did, for its report), or None when there was none to finish."""
    ready = ready_path(database)
    if ready.exists():
        for tail in STORE_TAILS[1:]:
            Path(f"{database}{tail}").unlink(missing_ok=True)
        Path(f"{database}-shm").unlink(missing_ok=True)
        os.replace(ready, database)
        sync_folder(database.parent)
    note = _read_note(database)
    note_path(database).unlink(missing_ok=True)
    return note


def _read_note(database: Path) -> dict[str, Any] | None:
    """The note of the restore that put the current store in place; None when the note
    belongs to none (written by a restore killed before its decision) or is unreadable."""
    try:
        note = json.loads(note_path(database).read_text(encoding="utf-8"))
        placed = database.stat().st_ino
    except (OSError, ValueError):
        return None
    return note if isinstance(note, dict) and note.get("inode") == placed else None
