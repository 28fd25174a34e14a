# SPDX-License-Identifier: EUPL-1.2
"""The platform's database: its engine, and the writing transactions that take turns."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.schema import CreateIndex

from central import clock, epochs
from central.devices import revoked_message
from central.models import Base, Change, Device, Record

log = logging.getLogger(__name__)
# A writing session's set of the UUIDs of records taken back with their receipt (accepted
# before the platform was restored from an older copy): what follows their acceptance
# may need to know (central/platform/wallet.py).
TAKEN_BACK = "taken_back"

# Names the lock that writing transactions take turns on (PostgreSQL): any number, the
# same in every process of the platform.
WRITERS_LOCK = 0x53504B43
# The class of the per-device locks (PostgreSQL's two-number advisory locks): a device's
# batches take turns, other devices' go on meanwhile.
DEVICE_LOCKS = 0x53504B44
# The class of the locks on merchants' redemption ids: one id is stored once, whatever
# voucher it names.
REDEMPTION_LOCKS = 0x53504B45
# The class of the locks on citizens' ledgers (by holder key): taken by purchases, so
# they take turns on a credit even while it does not exist yet (no row to lock).
HOLDER_LOCKS = 0x53504B46
# The class of the locks on application status keys (tracking code and codice fiscale):
# two kiosks' applications under one key take turns, so only one of them is accepted.
STATUS_LOCKS = 0x53504B47
WRITING = "central_writing"  # execution option of a writing transaction's connection
PUBLISH_LOCK = "central_publish_lock"  # session.info: take WRITERS_LOCK at the first change


# How long a SQLite writer waits for another before the request is answered "busy".
SQLITE_BUSY_TIMEOUT_MS = 10_000
# Database connections a platform process keeps open: one per request it handles at once
# (central.limits.ServerLimits.threads), so a request never waits for a connection.
DEFAULT_POOL_SIZE = 20
# A connection older than this is closed and opened again before its next use (a server
# or a proxy in between may drop idle ones); each is also tested when taken (pre-ping).
POOL_RECYCLE_S = 1800


def now() -> datetime:
    """The platform's clock, aware UTC, as its database reads instants back."""
    return datetime.now(UTC)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def make_engine(url: str, pool_size: int = DEFAULT_POOL_SIZE) -> Engine:
    """``pool_size`` connections kept open, and as many more for a moment (a request
    that holds two at once), each tested when taken and renewed after POOL_RECYCLE_S."""
    engine = create_engine(
        url,
        # A failed statement's error (logged) never shows its parameters: they hold
        # citizens' submissions, voucher codes and token digests.
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_recycle=POOL_RECYCLE_S,
    )
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Transactions begin in the "begin" event below (SQLAlchemy's pysqlite recipe).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            writing = connection.get_execution_options().get(WRITING, False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    _refuse_another_programs(engine)
    _create_missing_tables(engine)
    _add_missing_columns(engine)
    _widen_scopes(engine)
    _add_missing_indexes(engine)
    return engine


class NotAPlatformDatabaseError(Exception):
    """The database holds tables, none of them the platform's: another program's."""


def _refuse_another_programs(engine: Engine) -> None:
    """The platform makes its tables in an empty database, or finds them: beside another
    program's tables (a wrong --db) it would have added its own and served from there."""
    found = set(inspect(engine).get_table_names())
    if found and not found & set(Base.metadata.tables):
        shown = ", ".join(sorted(found)[:5])
        raise NotAPlatformDatabaseError(
            f"holds another program's tables ({shown}), none of the platform's: name the "
            "platform's database, or an empty one"
        )


def _create_missing_tables(engine: Engine) -> None:
    """``create_all``, which makes the tables it does not find: two platforms starting at
    once (a rolling restart) on a database that lacks one both try to make it, and the
    second failed to start (PostgreSQL: a unique violation on the table's type). Tried
    again, it finds the table the other made."""
    for attempt in range(3):
        try:
            Base.metadata.create_all(engine)
            return
        except DBAPIError:
            if attempt == 2:
                raise
            log.info("another platform is making the same tables; looking again")


def _add_missing_columns(engine: Engine) -> None:
    """A nullable column added to a table after its database was made (``create_all``
    makes only missing tables): added at start, once, empty for the rows already there
    (how a service voucher was paid, ``IssuedVoucher.payment``)."""
    found = inspect(engine)
    present = set(found.get_table_names())
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        have = {column["name"] for column in found.get_columns(table.name)}
        for column in table.columns:
            if column.name in have or not column.nullable:
                continue
            kind = column.type.compile(dialect=engine.dialect)
            try:
                with engine.begin() as connection:
                    connection.exec_driver_sql(
                        f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}"
                    )
            except DBAPIError:  # a platform starting beside this one added it first
                if column.name not in {c["name"] for c in inspect(engine).get_columns(table.name)}:
                    raise


def _widen_scopes(engine: Engine) -> None:
    """PostgreSQL: the records' and changes' scope columns as text, in a database made
    when they were VARCHAR(2000): an operator of a hundred Comuni, which the contract
    allows, has a longer scope and could not be published. Once, at the first start
    after; a change of type only, the rows stay as they are."""
    if engine.dialect.name != "postgresql":
        return  # SQLite keeps any length
    narrow = (
        "SELECT table_name FROM information_schema.columns WHERE table_schema ="
        " current_schema() AND column_name = 'scope' AND table_name IN ('records', 'changes')"
        " AND character_maximum_length IS NOT NULL"
    )
    with engine.begin() as connection:
        for table in connection.exec_driver_sql(narrow).scalars().all():
            connection.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN scope TYPE text")


def _add_missing_indexes(engine: Engine) -> None:
    """An index added to a table after its database was made (``create_all`` makes only
    missing tables): made at start, once (a device's token is looked up by its current
    and by its previous hash on every request)."""
    # Named from the catalog, not by reflection (which cannot see an index on an
    # expression), and only the missing ones made: CREATE INDEX IF NOT EXISTS locks its
    # table before it finds the index there, and a platform starting beside a running
    # one (a rolling restart) waited for its writes, and held back new ones meanwhile.
    listed = (
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        if engine.dialect.name == "postgresql"
        else "SELECT name FROM sqlite_master WHERE type = 'index'"
    )
    with engine.connect() as connection:
        present = set(connection.exec_driver_sql(listed).scalars())
    missing = [
        index
        for table in Base.metadata.sorted_tables
        for index in table.indexes
        if index.name not in present
    ]
    for index in missing:
        with engine.begin() as connection:
            connection.execute(CreateIndex(index, if_not_exists=True))  # another may race


@event.listens_for(Session, "before_flush")
def _publishing_in_turn(session: Session, _context: Any, _instances: Any) -> None:
    """A transaction that did not take the writers' lock at its start takes it before
    its first change is written: changes then get their sequence numbers in the order
    they commit, so a kiosk's cursor never passes one committed later (PostgreSQL)."""
    if any(isinstance(o, Change) for o in session.new):
        take_turn(session)


def take_turn(session: Session) -> None:
    """PostgreSQL: a transaction begun with ``in_turn_from_start=False`` takes the
    writers' lock now, if it has not yet: what it reads next is as the writers before
    it left it (no writer changes it meanwhile); a change it read earlier may be stale."""
    if session.info.get(PUBLISH_LOCK):
        session.info[PUBLISH_LOCK] = False
        session.connection().exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (WRITERS_LOCK,))


class Database:
    """The platform's tables, shared by every area (catalog, devices, submissions...),
    and their epoch: a new one when the database is a restored copy (central/epochs.py)."""

    def __init__(
        self, url: str, *, time_zone: str = "Europe/Rome", pool_size: int = DEFAULT_POOL_SIZE
    ) -> None:
        """``time_zone`` decides the calendar day of voucher validity (as on the kiosks);
        ``pool_size``: the connections kept open (one per request handled at once)."""
        self.engine = make_engine(url, pool_size)
        self.time_zone = ZoneInfo(time_zone)
        # Every session knows the zone: the checks judge dates on its calendar (central/clock.py).
        self.sessions = sessionmaker(
            self.engine, expire_on_commit=False, info={clock.TIME_ZONE: self.time_zone}
        )
        self._watermark_lock = threading.Lock()
        # SQLite: this process's writers take turns here before SQLite's own lock (the
        # same thread may write within a write: reentrant). PostgreSQL: no need.
        self._process_writers: AbstractContextManager[Any] = (
            threading.RLock() if self.engine.dialect.name == "sqlite" else nullcontext()
        )
        self._noted = (-1, -1)
        self._watermarked = epochs.watermark_path(self.engine) is not None
        with self.writing() as session:
            self.epoch, restored = epochs.settle(self.engine, session)
            from central.kiosk_lookup import lookup_secret_in

            lookup_secret_in(session)  # made once here, never raced for by two batches
        if restored:
            log.warning(
                "the database is a restored copy: new epoch %s; kiosks take a fresh snapshot "
                "and send again what it lost",
                self.epoch.id,
            )

    def compact(self) -> int:
        """Folds away superseded changes (central/compaction.py); how many went."""
        from central.compaction import compact

        with self.writing() as session:
            removed = compact(session)
        if removed:
            log.info("change log compacted: %d superseded changes removed", removed)
        return removed

    def new_epoch(self) -> epochs.Epoch:
        """Starts a new epoch (after a restore the platform could not notice itself)."""
        with self.writing() as session:
            self.epoch = epochs.begin(session)
            self._noted = (-1, -1)  # the watermark names the new epoch
        return self.epoch

    def today(self) -> date:
        return datetime.now(self.time_zone).date()

    @contextmanager
    def writing(
        self, *, in_turn_from_start: bool = True, credits: Iterable[str] = ()
    ) -> Iterator[Session]:
        """A transaction that writes, committed at the end of the block.

        Writing transactions take turns, from their first read to their commit: on SQLite
        they begin IMMEDIATE (its write lock), on PostgreSQL they take an advisory lock
        that the commit releases. So what one reads before it writes (a credit's
        balance, a voucher's state, a UUID already stored) cannot change meanwhile, and
        changes become visible in the order of their cursor: a kiosk moves its cursor
        past every change it has seen, so one committed after a later one would never
        reach it (PostgreSQL hands out sequence numbers at insert, not at commit).

        ``in_turn_from_start=False`` (PostgreSQL): the lock is taken only before the
        transaction's first change is written; what it reads before must be held by
        row locks (``SELECT … FOR UPDATE``) taken before that, or per-device locks.

        ``credits``: the holder keys of the credits the transaction may change besides a
        purchase's debit (a Comune's grant). On PostgreSQL their rows are locked before
        the writers' lock, the order a batch of purchases takes them in: a purchase holds
        its credit's row while it waits for its turn, so a grant that took its turn first
        and then waited for that row deadlocked with it, and one of the two failed.

        On SQLite a process's writers also take turns on a lock of its own first: SQLite
        has one writer anyway, and its busy handler polls with growing sleeps, so forty
        threads polling for it waited seconds past its release (and some ran out of
        patience); now only the processes poll for it, one writer each.
        """
        with self._process_writers:
            with self.sessions.begin() as session:
                connection = session.connection(execution_options={WRITING: True})
                if connection.dialect.name == "postgresql":
                    lock_credits(session, credits)
                    if in_turn_from_start:
                        connection.exec_driver_sql(
                            "SELECT pg_advisory_xact_lock(%s)", (WRITERS_LOCK,)
                        )
                    else:
                        session.info[PUBLISH_LOCK] = True
                try:
                    yield session
                finally:
                    session.info.pop(PUBLISH_LOCK, None)
                if self._watermarked and session.info.get(epochs.BEGAN):
                    # Before the commit: a start after a kill between the commit and
                    # the mark's rewrite keeps the epoch begun (central/epochs.py).
                    epochs.announce(self.engine, epochs.read(session), *epochs.heads(session))
                held = self._held(session) if self._watermarked else None
            if held is not None:  # committed: the mark never says more than the database
                self._note_watermark(*held, new_epoch=bool(session.info.get(epochs.BEGAN)))

    def _held(self, session: Session) -> tuple[epochs.Epoch, tuple[int, int]] | None:
        """The epoch and heads this transaction leaves, when they may move the mark."""
        heads = epochs.heads(session)
        if heads <= self._noted and not session.info.get(epochs.BEGAN):
            return None
        return epochs.read(session), heads

    def _note_watermark(
        self, epoch: epochs.Epoch, heads: tuple[int, int], *, new_epoch: bool
    ) -> None:
        """What the SQLite database holds now, beside it: a copy restored later holds
        less, and the next start sees it (central/epochs.py). Written after the commit:
        written before it, a platform killed between the two (or a commit that failed)
        left a mark ahead of the database, and its next start took itself for a
        restored copy, every kiosk then taking a fresh snapshot."""
        with self._watermark_lock:
            if heads <= self._noted and not new_epoch:
                return
            self._noted = heads
            epochs.write_watermark(self.engine, epoch, *heads, new_epoch=new_epoch)


def lock_credits(session: Session, holders: Iterable[str]) -> None:
    """PostgreSQL: the rows of these credits locked to the end of the transaction, in
    the order of their ids (every writer takes them so: no deadlock between two), before
    the writers' lock (central/platform/submissions.py). A credit not yet made has no row
    to lock: nothing spends it meanwhile."""
    wanted = sorted(set(holders))
    if not wanted or session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        select(Record.id)
        .where(Record.kind == "credits", Record.id.in_(wanted))
        .order_by(Record.id)
        .with_for_update()
    ).all()


class DeviceRevokedError(PermissionError):
    """The device was revoked while its request waited for its turn to write: it was
    admitted on arrival, and is refused now (403, as at the door)."""

    def __init__(self, device: Device) -> None:
        super().__init__(revoked_message(device))


def still_admitted(session: Session, device_id: str) -> Device | None:
    """The device as a writing transaction sees it, in turn with its revocation: a
    request admitted on arrival waited for the write lock (behind a large push) and was
    stored after the revocation had been answered. On PostgreSQL the device's lock is
    taken first (``revoke_device`` takes it too); on SQLite the write lock orders them.
    DeviceRevokedError when it is revoked (None: no such device, as the platform's own
    callers may name one)."""
    lock_name(session, DEVICE_LOCKS, device_id)
    device = session.get(Device, device_id, populate_existing=True)
    if device is not None and device.revoked_at is not None:
        raise DeviceRevokedError(device)
    return device


def lock_name(session: Session, lock_class: int, name: str) -> None:
    """PostgreSQL: a lock on ``name`` within ``lock_class`` (a device, a redemption id),
    held to the end of the transaction; transactions naming it take turns."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (lock_class, name)
        )
