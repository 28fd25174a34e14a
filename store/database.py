# SPDX-License-Identifier: EUPL-1.2
"""The local store: one SQLite file in WAL mode, migrated to the newest schema on open.

Two engines share the file. Readers (the UI) begin deferred transactions, which in WAL
mode never wait for a writer. Writers begin ``IMMEDIATE``, so two writers queue on the
busy timeout instead of failing half-way when both try to upgrade a read lock.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from store import title_order
from store.restore_swap import cut_short, finish

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
# What the store raises when its disk fails it (full, read-only, I/O error) or it stays
# locked past the busy timeout: through SQLAlchemy, or from a raw connection.
STORAGE_ERRORS = (OperationalError, sqlite3.OperationalError)
# How the write transactions begun in this context reach the disk (``Store.write``).
_SYNCHRONOUS: ContextVar[str] = ContextVar("synchronous", default="FULL")
# WAL pages past which their commit copies the WAL into the database file (SQLite's
# default), or 0: it never does, a ``store.checkpointer.Checkpointer`` does it instead.
AUTOCHECKPOINT_PAGES = 1000
# What the WAL file keeps of its size once it starts over: SQLite otherwise leaves it as
# large as its largest transaction made it (26-30 MiB after a first pull of 100,000
# services) on a kiosk's small flash storage, for good. Above what a first pull of
# 10,000 services needs (11 MiB), which then writes without the file shrinking and
# growing again between pages.
WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024
_AUTOCHECKPOINT: ContextVar[int] = ContextVar("autocheckpoint", default=AUTOCHECKPOINT_PAGES)


def storage_problem(error: BaseException) -> str:
    """SQLite's own words ("database or disk is full"), without the statement and its
    parameters, which may hold a citizen's data."""
    return str(getattr(error, "orig", None) or error)


def _make_engine(path: Path, begin: str) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,  # a logged error never shows a citizen's data it was writing
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # Hand transaction control to SQLAlchemy's "begin" event below (the documented
        # pysqlite recipe), so that DDL in migrations is transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # FULL: a committed purchase or application survives a power cut.
        cursor.execute("PRAGMA synchronous=FULL")
        record.info["synchronous"] = "FULL"
        cursor.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
        record.info["autocheckpoint"] = AUTOCHECKPOINT_PAGES
        cursor.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT_BYTES}")
        # Deleted and overwritten content is zeroed, not left in free space: purged
        # personal data must not be readable from the file (store/retention.py).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()
        title_order.register(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # SQLite takes a new safety level only outside a transaction: set it just before.
        wanted = _SYNCHRONOUS.get()
        if connection.info.get("synchronous", "FULL") != wanted:
            connection.exec_driver_sql(f"PRAGMA synchronous={wanted}")
            connection.info["synchronous"] = wanted
        pages = _AUTOCHECKPOINT.get()
        if connection.info.get("autocheckpoint", AUTOCHECKPOINT_PAGES) != pages:
            connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint={pages}")
            connection.info["autocheckpoint"] = pages
        connection.exec_driver_sql(begin)

    return engine


_REVISION = re.compile(r'^(down_)?revision\s*=\s*(?:"([^"]*)"|None)\s*$', re.MULTILINE)


def head_revision() -> str | None:
    """The newest migration's id, read from the scripts' text without importing Alembic
    (None when they do not form one simple chain: then Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        found = {bool(m[1]): m[2] for m in _REVISION.finditer(script.read_text("utf-8"))}
        if found.get(False):
            revisions.add(found[False])
        if found.get(True):
            parents.add(found[True])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def known_revision(revision: str) -> bool:
    """Whether one of this version's migrations has the id ``revision``."""
    return any(
        f'revision = "{revision}"' in script.read_text("utf-8")
        for script in (MIGRATIONS / "versions").glob("*.py")
    )


class UnusableStoreError(RuntimeError):
    """A file where the store should be that this version must not write to; its
    message says what to do, in one line."""


class NewerStoreError(UnusableStoreError):
    """The store was written by a newer version of the kiosk (an operator went back to
    an older one): this version cannot read it, and leaves it as it is."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path} was written by a newer version of the kiosk (schema {revision}, this "
            f"one knows up to {head_revision()}); install that version again, or restore "
            "a backup this version made (social-point restore FILE). The store is left as"
            " it is"
        )


class ForeignFileError(UnusableStoreError):
    """A database of some other program (or a WAL file of another database left beside
    the store): the kiosk would build its tables into it, and its own records would be
    out of sight."""

    def __init__(self, path: Path, tables: list[str]) -> None:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        super().__init__(
            f"{path} is not a kiosk store: it holds other tables ({shown}); set "
            "paths.database to the kiosk's store, or move that file away (and any "
            f"{path.name}-wal beside it that is not the store's)"
        )


def foreign_tables(path: Path) -> list[str]:
    """The tables of a database that is not a kiosk store (no migration recorded), or
    [] (a kiosk store, an empty file, or one SQLite cannot read: opening it says why)."""
    if not path.is_file():
        return []
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            names = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
    except sqlite3.Error:
        return []
    return [] if "alembic_version" in names else names


def recorded_revision(path: Path) -> str | None:
    """The migration the database file says it is at (None: new, or not readable)."""
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return None
    return rows[0][0] if len(rows) == 1 else None


def upgrade_schema(engine: Engine) -> None:
    """Runs every Alembic migration not yet applied to this database."""
    # Imported only when a migration may be due: Alembic takes about 0.2 s of CPU to
    # import, which a restarted kiosk would add before its first tap works.
    from alembic import command
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as connection:
        # A migration that rebuilds a table (Alembic's batch mode: copy, drop, rename)
        # drops rows other rows point at, such as a reprint's original: with foreign
        # keys enforced the drop fails and the kiosk could not start. SQLite's own
        # procedure for it: enforcement off (outside a transaction, as SQLite requires),
        # then the whole database checked before the migration commits.
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise sqlite3.IntegrityError(
                        f"the migration left a row of {broken[0]} pointing at no {broken[2]}"
                    )
        finally:
            driver.execute("PRAGMA foreign_keys=ON")


def upgrade_file(path: Path) -> None:
    """Brings the store file at ``path`` to this version's schema, opened on its own."""
    engine = _make_engine(path, "BEGIN IMMEDIATE")
    try:
        upgrade_schema(engine)
    finally:
        engine.dispose()


def in_use_path(path: Path) -> Path:
    return path.with_name(path.name + ".in-use")


def hold_in_use(path: Path) -> int | None:
    """A shared lock on the store's "in use" file, held while this process has the store
    open (the screen and the sync process both do): ``social-point restore`` takes it
    exclusively, so it never replaces a store a running kiosk goes on writing to (in WAL
    mode an idle kiosk holds no SQLite lock). None where locks are not to be had."""
    try:
        descriptor = os.open(in_use_path(path), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def finish_cut_restore(path: Path, wait_seconds: float = 30.0) -> dict[str, Any] | None:
    """Finishes a restore killed once it had decided (store/restore_swap.py) before the
    store is opened: till then the file at ``path`` is the replaced store, maybe without
    its -wal, and the records it had not had accepted are only in the ready copy. Done
    under the "in use" lock held exclusively, as by the restore; one still running (or
    another process finishing it) is waited for. Returns the restore's note, or None."""
    if not cut_short(path):
        return None
    try:
        descriptor = os.open(in_use_path(path), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise UnusableStoreError(
            f"{path}: a restore was cut short and cannot be finished here ({error.strerror})"
        ) from None
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not cut_short(path):
                    return None  # finished meanwhile by whoever held the lock
                if time.monotonic() > deadline:
                    raise UnusableStoreError(
                        f"{path}: a restore was cut short and the store is in use: stop the"
                        " kiosk, then run social-point restore again to finish it"
                    ) from None
                time.sleep(0.05)
        note = finish(path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UnusableStoreError(
            f"{path}: a restore was cut short and could not be finished ({reason}); run"
            " social-point restore again to finish it"
        ) from None
    finally:
        os.close(descriptor)
    if note is not None:
        counts = note.get("carried")
        carried = (
            sum(n for n in counts.values() if isinstance(n, int)) if isinstance(counts, dict) else 0
        )
        log.warning(
            "a restore cut short (killed, or a power cut) was finished before the store was"
            " opened: %s records not yet accepted carried over, the replaced store kept as %s",
            carried,
            note.get("kept"),
        )
    return note


def owner_only(path: Path) -> None:
    """The store holds citizens' records: the file is made owner-only (0600) before
    SQLite first opens it (its -wal and -shm files then take the same mode), and a store,
    WAL or shared-memory file an older version left readable to all is made so too.
    What cannot be done (a read-only disk, a file not ours) is left for SQLite to say."""
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError:
        return
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if name.stat().st_mode & 0o077:
                os.chmod(name, 0o600)
        except OSError:
            pass


class Store:
    """Opens (and migrates) the store; hands out read and write sessions."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.path = path
        finish_cut_restore(path)  # before anything reads the file at path
        head = head_revision()
        recorded = recorded_revision(path)
        # Before anything writes to it (even the switch to WAL mode):
        if recorded is not None and recorded != head and not known_revision(recorded):
            raise NewerStoreError(path, recorded)
        if recorded is None and (tables := foreign_tables(path)):
            raise ForeignFileError(path, tables)
        owner_only(path)
        self._in_use = hold_in_use(path)
        engines: list[Engine] = []
        try:
            self._writer = _make_engine(path, "BEGIN IMMEDIATE")
            engines.append(self._writer)
            self._reader = _make_engine(path, "BEGIN")
            engines.append(self._reader)
            if head is None or recorded != head:
                upgrade_schema(self._writer)
        except BaseException:
            # A store that cannot be opened leaves nothing open behind it: the kiosk
            # tries again every minute (a descriptor a try, before, ran out in a day).
            for engine in engines:
                engine.dispose()
            if self._in_use is not None:
                os.close(self._in_use)
                self._in_use = None
            raise
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)

    @contextmanager
    def write(self, *, durable: bool = True, checkpoint: bool = True) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on error.

        ``durable=False`` is for what can be had again (a pulled page and its cursor):
        its commit does not wait for the disk (WAL with ``synchronous=NORMAL``). A power
        cut may then lose it, never half of it, and the next durable commit makes it
        durable too. A first pull of 10,000 services spent a fifth of its time waiting
        for the disk.

        ``checkpoint=False``: its commit never stops to copy the WAL into the database
        file, however long the WAL has grown; a ``Checkpointer`` running beside the
        writes does it (store/checkpointer.py)."""
        mode = _SYNCHRONOUS.set("FULL" if durable else "NORMAL")
        pages = _AUTOCHECKPOINT.set(AUTOCHECKPOINT_PAGES if checkpoint else 0)
        try:
            with self._write_sessions() as session, session.begin():
                yield session
        finally:
            _AUTOCHECKPOINT.reset(pages)
            _SYNCHRONOUS.reset(mode)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent snapshot for reading; never blocked by a writer."""
        with self._read_sessions() as session, session.begin():
            yield session

    def checkpoint(self, mode: Literal["TRUNCATE", "PASSIVE"] = "TRUNCATE") -> int:
        """Copies the WAL into the database file; returns how many pages the WAL held.
        ``TRUNCATE`` waits for readers and writers and empties the WAL, so old page
        images (holding data just purged) leave the disk too; ``PASSIVE`` copies what
        it can without waiting for anyone (beside a writer that goes on)."""
        connection = self._writer.raw_connection()  # outside a transaction, as it must be
        try:
            row = connection.cursor().execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        finally:
            connection.close()
        return int(row[1]) if row else 0

    def close(self) -> None:
        self._writer.dispose()
        self._reader.dispose()
        if self._in_use is not None:
            os.close(self._in_use)  # the lock goes with the descriptor
            self._in_use = None
