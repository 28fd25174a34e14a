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
A store it replaces that cannot be read is moved aside as it is, never a reason to
refuse the restore it needs; a backup of another kiosk is refused unless asked for.
"""

from __future__ import annotations

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

from store.database import head_revision, in_use_path, known_revision, upgrade_file
from store.kiosk_facts import OWNER_DEVICE, OWNER_KIOSK

PAGES_PER_STEP = 256  # the live store is locked only while each step copies these pages
SALVAGE_LIMIT = 5_000_000  # outbox ids tried one by one in a damaged store
SALVAGE_GAP = 10_000  # ids without a readable row after which a damaged outbox ends


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
    staging = database.with_name(database.name + ".restoring")
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
        return _replace(backup_file, database, owner or Owner(), other_kiosk)


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


def _stamp_owner(database: Path, owner: Owner) -> None:
    """The restored store belongs to this kiosk from now on (a backup of another one,
    restored on purpose, included): its next restore is checked against this one."""
    moment = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    values = [(OWNER_FACTS[k], v, moment) for k, v in vars(owner).items() if v]
    if not values:
        return
    try:
        with closing(sqlite3.connect(database)) as connection:
            connection.executemany(
                "INSERT OR REPLACE INTO kiosk_facts (name, value, updated_at) VALUES (?, ?, ?)",
                values,
            )
            connection.commit()
    except sqlite3.OperationalError:  # a backup from before facts were kept: set at enrolment
        pass


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
    kept = None
    damaged: str | None = None
    unread = False
    unsent: list[dict[str, object]] = []
    if database.is_dir():
        raise BackupError(
            f"the current store {database} is a folder, not a store: move it away, then "
            "restore again"
        )
    if database.exists():
        # With the backups (data_dir/backups/), whose nightly clean-up deletes it after
        # seven days as any other copy: beside the store, a full copy of its personal
        # data was kept for good. What it holds that the platform has not accepted is
        # carried into the restored store below, never left only in this copy.
        folder = database.parent / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
        try:
            _check_sound(database)
            kept = _free_name(folder, f"{database.stem}-before-restore-{stamp}", database.suffix)
            backup(database, kept)
        except BackupError as error:
            # Damaged, empty or not a store: exactly when a restore is needed. It cannot
            # be copied (nor could a sound one on a full disk), so it is moved aside as
            # it is (with its -wal), and what can still be read of its outbox is
            # carried over.
            damaged = str(error).removeprefix(f"{database}: ")
            kept = _free_name(folder, f"{database.stem}-damaged-{stamp}", database.suffix)
            _move_aside(database, kept)
            unsent, unread = _salvage_not_accepted(kept)
        else:
            try:
                unsent = _not_accepted(kept)
            except sqlite3.Error as error:
                raise BackupError(
                    f"the restore failed, the store is left as it was: its records not yet "
                    f"sent could not be read from the copy {kept} ({error})"
                ) from None
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
    _stamp_owner(database, ours)
    taken = theirs.describe() if foreign else None
    return RestoreReport(kept, dict(carried), rejected, damaged, unread, taken)


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


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, numbered when taken (two restores within a second)."""
    name, number = folder / f"{stem}{suffix}", 1
    while any(Path(f"{name}{tail}").exists() for tail in ("", "-wal", ".partial")):
        number += 1
        name = folder / f"{stem}-{number}{suffix}"
    return name


def _move_aside(database: Path, kept: Path) -> None:
    """Moves the store and its -wal/-shm/-journal to ``kept`` (owner-only, as they are):
    a stale -wal left beside the restored store would be read into it."""
    try:
        for tail in ("", "-wal", "-shm", "-journal"):
            source = Path(f"{database}{tail}")
            if source.exists():
                target = Path(f"{kept}{tail}")
                shutil.move(source, target)
                os.chmod(target, 0o600)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BackupError(
            f"the current store {database} could not be copied nor moved aside to "
            f"{kept.parent} ({reason}); nothing was restored"
        ) from None


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
