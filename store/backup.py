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
A store it replaces that cannot be read is kept as it is, never a reason to refuse the
restore it needs; a backup of another kiosk is refused unless asked for. The current
store is only read until the new one is complete beside it, then put in place in one
rename that a kill or a power cut cannot leave half done (store/restore_swap.py).
"""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import os
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from store.database import (
    UnusableStoreError,
    finish_cut_restore,
    head_revision,
    in_use_path,
    known_revision,
    upgrade_file,
)
from store.kiosk_facts import OWNER_DEVICE, OWNER_KIOSK
from store.restore_swap import (
    STORE_TAILS,
    decide,
    finish,
    note_path,
    ready_path,
    staging_path,
    sync_folder,
)

PAGES_PER_STEP = 256  # the live store is locked only while each step copies these pages
SALVAGE_LIMIT = 5_000_000  # outbox ids tried one by one in a damaged store
SALVAGE_GAP = 10_000  # ids without a readable row after which a damaged outbox ends
# Free space a restore leaves beside the new store: its migration, the journal of the
# records it carries, the kiosk's next writes.
SPACE_MARGIN = 2 * 1024 * 1024


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
    # Why the replaced store could not be copied (damaged, empty, not a store): it was
    # then moved aside as it was, to ``kept``. None: it was sound and copied.
    damaged: str | None = None
    unread: bool = False  # its outbox could not be read whole: some records may be lost
    other_kiosk: str | None = None  # the other kiosk whose backup was restored on purpose
    # Slips of the replaced store not printed, or perhaps not (waiting for the printer,
    # printing when it stopped, uncertain): carried as "uncertain", for a manager to check.
    carried_print_jobs: int = 0
    # A restore killed once it had decided, found and finished first (what it did).
    finished: RestoreReport | None = None

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
    try:  # a restore killed once it had decided: the new store is not yet in place
        finish_cut_restore(database)
    except UnusableStoreError as error:
        raise BackupError(str(error)) from None
    if not database.exists():
        raise BackupError(f"{database}: there is no store to back up")
    if destination.exists():
        raise BackupError(f"{destination}: already exists; choose another name")
    partial = destination.with_name(destination.name + ".partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_copies(database, destination.parent)
        partial.unlink(missing_ok=True)
        # Owner-only from the first byte: the copy holds personal data. Locked while it
        # is written: another backup's clean-up leaves it alone (remove_stale_copies).
        held = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        fcntl.flock(held, fcntl.LOCK_EX)
    except OSError as error:  # a read-only disk, a file where a folder should be
        reason = error.strerror or type(error).__name__
        raise BackupError(f"{destination}: cannot write the backup there: {reason}") from None
    try:
        return _write(database, destination, partial)
    finally:
        os.close(held)


def remove_stale_copies(database: Path, folder: Path) -> list[Path]:
    """Deletes what a backup or restore cut short (a power cut, a kill) left behind: a
    ``*.partial`` in ``folder`` no backup is writing, and the restore's staging copy
    beside ``database`` when no restore is under way. Each is a copy of citizens'
    personal data that nothing else ever deleted. Returns what was deleted."""
    gone: list[Path] = []
    for stale in sorted(folder.glob("*.partial")):
        if _a_store_copy(stale) and _unlocked(stale):
            _remove(stale)
            gone.append(stale)
    staging = staging_path(database)
    left = any(Path(f"{staging}{tail}").exists() for tail in ("", "-wal", "-shm", "-journal"))
    if left and _no_restore_under_way(database):
        _remove(staging)
        gone.append(staging)
    return gone


def _a_store_copy(path: Path) -> bool:
    """A file a backup began (empty, or an SQLite database): ``--to`` may name a folder
    that holds other programs' ``.partial`` files, left alone."""
    try:
        with path.open("rb") as file:
            head = file.read(16)
    except OSError:
        return False
    return path.is_file() and head in (b"", b"SQLite format 3\x00")


def _unlocked(path: Path) -> bool:
    """Whether no process holds ``path``'s lock (a backup writing it holds it)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)


def _no_restore_under_way(database: Path) -> bool:
    """A restore holds the store's "in use" lock exclusively (``_not_in_use``)."""
    try:
        descriptor = os.open(in_use_path(database), os.O_RDONLY)
    except OSError:
        return True  # no lock file: nothing ever held it
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)


def _write(database: Path, destination: Path, partial: Path) -> BackupReport:
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


def restore(
    backup_file: Path,
    database: Path,
    *,
    owner: Owner | None = None,
    other_kiosk: bool = False,
) -> RestoreReport:
    """Replaces the store at ``database`` with ``backup_file``, and carries into it the
    records the replaced store had not yet had accepted (with their UUIDs: the platform
    answers a UUID it already has with its first answer, so one sent again is counted
    once). The kiosk must be stopped. ``owner``: this kiosk, from its configuration,
    for what the replaced store does not record of itself; a backup of another kiosk is
    refused unless ``other_kiosk``."""
    if not backup_file.is_file():
        raise BackupError(f"{backup_file}: no such backup file")
    database.parent.mkdir(parents=True, exist_ok=True)
    with _not_in_use(database):
        earlier = _finish_earlier(database)  # before the current store is read
        done = _replace(backup_file, database, owner or Owner(), other_kiosk)
    return dataclasses.replace(done, finished=earlier)


@dataclass(frozen=True)
class Owner:
    """Which kiosk a store belongs to (store/kiosk_facts.py set_owner); None: unknown."""

    kiosk_id: str | None = None
    device_id: str | None = None

    def over(self, fallback: Owner) -> Owner:
        """This owner, what it does not know taken from ``fallback``."""
        return Owner(self.kiosk_id or fallback.kiosk_id, self.device_id or fallback.device_id)

    def describe(self) -> str:
        device = f" (device {self.device_id})" if self.device_id else ""
        return f"kiosk {self.kiosk_id or '(name not recorded)'}{device}"


OWNER_FACTS = {"kiosk_id": OWNER_KIOSK, "device_id": OWNER_DEVICE}


def recorded_owner(store_file: Path) -> Owner:
    """The kiosk ``store_file`` records it belongs to; unknown if it cannot say."""
    try:
        with closing(sqlite3.connect(f"file:{store_file}?mode=ro", uri=True)) as connection:
            rows = dict(
                connection.execute(
                    "SELECT name, value FROM kiosk_facts WHERE name IN (?, ?)",
                    tuple(OWNER_FACTS.values()),
                ).fetchall()
            )
    except sqlite3.Error:  # damaged, or a store made before it kept facts
        return Owner()
    return Owner(rows.get(OWNER_FACTS["kiosk_id"]), rows.get(OWNER_FACTS["device_id"]))


def another_kiosk(backup: Owner, ours: Owner) -> bool:
    """Whether a backup recorded as ``backup``'s is another kiosk's than ``ours``: another
    name, or another device (two kiosks may share a name, kiosk-01 by default, and the
    platform tells them apart by device). What either side does not record decides
    nothing: a new machine not enrolled yet takes its dead one's backup."""
    names = bool(backup.kiosk_id and ours.kiosk_id and backup.kiosk_id != ours.kiosk_id)
    devices = bool(backup.device_id and ours.device_id and backup.device_id != ours.device_id)
    return names or devices


def _stamp_owner(target: sqlite3.Connection, owner: Owner) -> None:
    """The restored store belongs to this kiosk from now on (a backup of another one,
    restored on purpose, included): its next restore is checked against this one."""
    moment = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    values = [(OWNER_FACTS[k], v, moment) for k, v in vars(owner).items() if v]
    if not values:
        return
    try:
        target.executemany(
            "INSERT OR REPLACE INTO kiosk_facts (name, value, updated_at) VALUES (?, ?, ?)",
            values,
        )
    except sqlite3.OperationalError as error:
        if "no such table" not in str(error):  # a full disk: not "nothing to stamp"
            raise
        # a backup from before facts were kept: set at enrolment


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


def _replace(backup_file: Path, database: Path, owner: Owner, other_kiosk: bool) -> RestoreReport:
    revision = _check_sound(backup_file)
    head = head_revision()
    if revision is not None and head is not None and not known_revision(revision):
        raise BackupError(
            f"{backup_file}: made by a newer kiosk (schema {revision}, this one knows up to "
            f"{head}); update the kiosk first"
        )
    # What the store records of itself first: the configuration only fills in what it
    # cannot say (a damaged store, a new machine's empty one).
    ours = recorded_owner(database).over(owner) if database.is_file() else owner
    theirs = recorded_owner(backup_file)
    foreign = another_kiosk(theirs, ours)
    if foreign and not other_kiosk:
        raise BackupError(
            f"{backup_file}: a backup of another kiosk ({theirs.describe()}; this is "
            f"{ours.describe()}): restored here, what that kiosk had already sent would be "
            "sent again under this one. Restore this kiosk's own backup; if you do mean to "
            "put that kiosk's store on this one (or this kiosk was enrolled again after "
            "the backup), restore again with --other-kiosk"
        )
    if database.is_dir():
        raise BackupError(
            f"the current store {database} is a folder, not a store: move it away, then "
            "restore again"
        )
    # The current store is only read, where it is, until the new one is complete beside
    # it: a kill or a full disk before then leaves it exactly as it was.
    unsent, damaged, unread = _current_records(database)
    slips = _unprinted_jobs(database)
    staging = staging_path(database)
    _remove(staging)
    kept: Path | None = None
    _check_space(backup_file, database.parent, [*unsent, *slips])
    try:
        carried, rejected, printing = _stage(backup_file, staging, Carried(unsent, slips), ours)
        if database.exists():
            kept = _keep(database, damaged)
        taken = theirs.describe() if foreign else None
        report = RestoreReport(
            kept, dict(carried), rejected, damaged, unread, taken, carried_print_jobs=printing
        )
        decide(staging, database, _note(report))
    except BaseException:
        _undo(database, kept)
        raise
    try:
        finish(database)
    except OSError as error:
        raise BackupError(
            f"{database}: the restore was cut short as it put the restored store in place "
            f"({error.strerror or error}); run the restore again to finish it"
        ) from None
    return report


def _finish_earlier(database: Path) -> RestoreReport | None:
    """Finishes a restore killed once it had decided (store/restore_swap.py)."""
    try:
        note = finish(database)
    except OSError as error:
        raise BackupError(
            f"{database}: a restore cut short earlier could not be finished "
            f"({error.strerror or error}); nothing was restored"
        ) from None
    return None if note is None else _from_note(note)


def _note(report: RestoreReport) -> dict[str, object]:
    return {**vars(report), "kept": str(report.kept) if report.kept else None, "finished": None}


def _from_note(note: dict[str, Any]) -> RestoreReport:
    kept = note.get("kept")
    return RestoreReport(
        Path(kept) if kept else None,
        {str(k): int(v) for k, v in dict(note.get("carried") or {}).items()},
        int(note.get("carried_rejected") or 0),
        note.get("damaged"),
        bool(note.get("unread")),
        note.get("other_kiosk"),
        int(note.get("carried_print_jobs") or 0),
    )


def _undo(database: Path, kept: Path | None) -> None:
    """Takes back what a restore that did not decide made: the store is as it was."""
    if ready_path(database).exists():
        return  # decided: finished by the restore run again, or by the kiosk's start
    _remove(staging_path(database))
    note_path(database).unlink(missing_ok=True)
    if kept is not None:
        for tail in STORE_TAILS:
            Path(f"{kept}{tail}").unlink(missing_ok=True)


# SQLite's words when the disk, not the store, is the trouble: the store is then sound,
# never to be taken for a damaged one and replaced.
DISK_TROUBLE = ("disk is full", "database is locked", "readonly")


def _current_records(database: Path) -> tuple[list[dict[str, object]], str | None, bool]:
    """The current store's records not yet accepted, read in place; why it could not
    be checked (damaged, empty, not a store: its records are then salvaged), or None;
    and whether some of them could not be read."""
    if not database.exists():
        return [], None, False
    try:
        _check_sound(database)
    except BackupError as error:
        if any(trouble in str(error).lower() for trouble in DISK_TROUBLE):
            raise BackupError(
                f"the restore failed, the store is left as it was: {error}; check the disk "
                "(free space: df -h, that it is writable), then restore again"
            ) from None
        unsent, unread = _salvage_not_accepted(database)
        return unsent, str(error).removeprefix(f"{database}: "), unread
    try:
        return _not_accepted(database), None, False
    except sqlite3.Error as error:
        raise BackupError(
            f"the restore failed, the store is left as it was: its records not yet "
            f"sent could not be read ({error})"
        ) from None


def _keep(database: Path, damaged: str | None) -> Path:
    """Keeps the current store's files with the backups (data_dir/backups/), whose
    nightly clean-up deletes them after seven days as any other copy: hard links, which
    need no free space (a copy where the backups are on another disk). Its records not
    yet accepted are carried into the new store, never left only in this copy."""
    folder = database.parent / "backups"
    stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
    kind = "damaged" if damaged else "before-restore"
    made: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        kept = _free_name(folder, f"{database.stem}-{kind}-{stamp}", database.suffix)
        for tail in STORE_TAILS:
            source = Path(f"{database}{tail}")
            if source.exists():
                target = Path(f"{kept}{tail}")
                _link_or_copy(source, target)
                made.append(target)
                os.chmod(target, 0o600)
                os.utime(target)  # its seven days count from the restore
        sync_folder(folder)
    except OSError as error:
        for target in made:
            target.unlink(missing_ok=True)
        what = "could not keep the current store with the backups"
        raise BackupError(_refusal(folder, what, error)) from None
    return kept


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
        return
    except OSError:
        pass  # the backups on another file system, or one without hard links
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with source.open("rb") as reading, os.fdopen(descriptor, "wb") as writing:
        shutil.copyfileobj(reading, writing)
        writing.flush()
        os.fsync(writing.fileno())


def _no_space(error: BaseException) -> bool:
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    full = getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    return full or "disk is full" in str(error).lower()


def _refusal(folder: Path, what: str, error: BaseException) -> str:
    """The message of a restore that did not happen: the store is left as it was."""
    if _no_space(error):
        return (
            f"the restore did not happen, the store is left as it was: not enough free disk "
            f"space in {folder} ({what}); free some space (df -h), then restore again"
        )
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    if "i/o error" in reason.lower():  # SQLite's words for a write refused, a file too big
        reason += f": check the free disk space in {folder} (df -h) and the disk"
    return f"the restore did not happen, the store is left as it was: {what} ({reason})"


def _check_space(backup_file: Path, folder: Path, unsent: list[dict[str, object]]) -> None:
    """Refuses, before anything is written, a restore the disk has no room for: the new
    store (the backup and the records carried) is built whole beside the current one."""
    needed = backup_file.stat().st_size + sum(len(str(entry)) for entry in unsent)
    free = shutil.disk_usage(folder).free
    if free < needed + SPACE_MARGIN:
        raise BackupError(
            f"the restore did not happen, the store is left as it was: not enough free disk "
            f"space in {folder} (it needs about {_mib(needed + SPACE_MARGIN)} MiB, "
            f"{_mib(free)} MiB are free); free some space (df -h), then restore again"
        )


def _mib(size: int) -> int:
    return -(-size // (1024 * 1024))


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, numbered when taken (two restores within a second)."""
    name, number = folder / f"{stem}{suffix}", 1
    while any(Path(f"{name}{tail}").exists() for tail in ("", "-wal", ".partial")):
        number += 1
        name = folder / f"{stem}-{number}{suffix}"
    return name


def _salvage_not_accepted(store_file: Path) -> tuple[list[dict[str, object]], bool]:
    """What can be read of a damaged store's outbox not yet accepted, and whether some
    of it could not be read: whole if it can, else entry by entry around damaged pages."""
    try:
        return _not_accepted(store_file), False
    except sqlite3.DatabaseError:
        pass
    found: list[dict[str, object]] = []
    try:
        with closing(sqlite3.connect(f"file:{store_file}?mode=ro", uri=True)) as connection:
            connection.row_factory = sqlite3.Row
            for row in _readable_rows(connection):
                if row["state"] in CARRIED_STATES:
                    found.append(dict(row))
    except sqlite3.DatabaseError:
        pass  # not even opened: nothing could be read
    return found, True


def _readable_rows(connection: sqlite3.Connection) -> Iterator[sqlite3.Row]:
    """The outbox rows that can be read, by id; past the last id when it is known, else
    until SALVAGE_GAP ids in a row give nothing (the last page itself may be damaged)."""
    try:
        last: int | None = int(connection.execute("SELECT max(id) FROM outbox").fetchone()[0] or 0)
    except sqlite3.DatabaseError:
        last = None
    number = misses = 0
    while number < SALVAGE_LIMIT and (misses < SALVAGE_GAP if last is None else number < last):
        number += 1
        try:
            row = connection.execute("SELECT * FROM outbox WHERE id = ?", (number,)).fetchone()
        except sqlite3.DatabaseError:
            row = None  # this entry's page is damaged: the others are still read
        misses = 0 if row is not None else misses + 1
        if row is not None:
            yield row


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
    except sqlite3.OperationalError as error:
        if "no such table" not in str(error):  # a disk error: not "nothing to carry"
            raise
        return []  # a store made before it had an outbox, or no kiosk store at all
    return [dict(row) for row in rows]


@dataclass(frozen=True)
class Carried:
    """What a restore carries from the store it replaces into the backup."""

    outbox: list[dict[str, object]]  # entries not accepted by the platform
    print_jobs: list[dict[str, object]]  # slips not printed, or perhaps not


def _stage(
    backup_file: Path, staging: Path, carried: Carried, owner: Owner
) -> tuple[Counter[str], int, int]:
    """Writes to ``staging`` the whole new store: the backup, with what is ``carried``
    that it lacks added under their own UUIDs (the backup then brought to this version's
    schema first), owned by ``owner``. Returns how many outbox entries were added waiting
    to be sent (by kind), how many refused ones, and how many print jobs."""
    try:
        os.close(os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with (
            closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(staging)) as target,
        ):
            _copy(source, target)
        if carried.outbox or carried.print_jobs:
            # The replaced store is of this version's schema: so is the copy they meet
            # in (the kiosk would migrate the restored store at its start anyway).
            upgrade_file(staging)
        with closing(sqlite3.connect(staging)) as target:
            waiting, rejected = _carry(target, carried.outbox)
            printing = _carry_print_jobs(target, carried.print_jobs)
            _stamp_owner(target, owner)
            target.commit()
            # One self-contained file, its WAL folded in: it is renamed into place whole.
            target.execute("PRAGMA journal_mode=DELETE")
    except (sqlite3.Error, OSError) as error:
        what = "could not build the restored store beside it"
        raise BackupError(_refusal(staging.parent, what, error)) from None
    return waiting, rejected, printing


# Print jobs that may not have put their slip out: waiting for the printer, printing
# when the kiosk stopped, or not known.
UNPRINTED_STATES = ("pending", "sending", "uncertain")


def _unprinted_jobs(database: Path) -> list[dict[str, object]]:
    """The current store's print jobs whose slip may not have come out, oldest first;
    what can be read of them (slips are paper: the records are what counts)."""
    if not database.is_file():
        return []
    marks = ", ".join("?" for _ in UNPRINTED_STATES)
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
            connection.row_factory = sqlite3.Row
            rows = connection.execute(
                f"SELECT * FROM print_jobs WHERE state IN ({marks}) ORDER BY id",
                UNPRINTED_STATES,
            ).fetchall()
    except sqlite3.DatabaseError:  # damaged, or a store from before the print queue
        return []
    return [dict(row) for row in rows]


def _carry_print_jobs(target: sqlite3.Connection, jobs: list[dict[str, object]]) -> int:
    """Adds the print jobs the backup lacks as "uncertain": never printed by themselves
    (the slip may have come out), listed among the slips to check for a manager, who
    reprints one as a marked copy. A copy keeps its original when that came too."""
    if not jobs:
        return 0
    columns = {row[1] for row in target.execute("PRAGMA table_info(print_jobs)")}
    present = {row[0] for row in target.execute("SELECT uuid FROM print_jobs")}
    moment = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    new_ids: dict[object, int] = {}
    added = 0
    for job in jobs:
        if job["uuid"] in present:  # the backup has it: its state there stands
            continue
        values = {k: v for k, v in job.items() if k in columns and k != "id"}
        values.update(state="uncertain", waiting_reason=None, hold_until=None)
        values.update(last_error="carried over by a restore", updated_at=moment)
        values["original_id"] = new_ids.get(job.get("original_id"))
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = target.execute(
            f"INSERT INTO print_jobs ({names}) VALUES ({marks})", tuple(values.values())
        )
        new_ids[job["id"]] = int(cursor.lastrowid or 0)
        added += 1
    return added


def _carry(target: sqlite3.Connection, unsent: list[dict[str, object]]) -> tuple[Counter[str], int]:
    """Adds the entries of ``unsent`` the backup lacks (it sends the others itself)."""
    carried: Counter[str] = Counter()
    rejected = 0
    if not unsent:
        return carried, rejected
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
        target.execute(f"INSERT INTO outbox ({names}) VALUES ({marks})", tuple(values.values()))
        present.add(str(entry["uuid"]))
        if values["state"] == "rejected":
            rejected += 1
        else:
            carried[str(values["kind"])] += 1
    return carried, rejected
