# SPDX-License-Identifier: EUPL-1.2
"""A citizen's vouchers are found by their holder key, through an index: every change
to a citizen's ledger seals their wallet again, and reading every voucher of the network
for it grew with the network (250 ms per 20,000 vouchers, in the writers' turn)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine, event, text

from central.models import Record
from central.platform import Platform
from central.platform.database import _add_missing_indexes
from central.wallets import _vouchers_of, ledger_comuni, vouchers_query
from tests.postgresql import PostgresUnavailableError, ThrowawayPostgres
from tests.sync.conftest import Central

HOLDER, OTHER = "a" * 64, "b" * 64


def voucher(number: int, holder: str, comune: str, **changes: Any) -> Record:
    data = {
        "id": f"{number:016x}",
        "holder": holder,
        "comune": comune,
        "programme": "Buoni spesa",
        "issuer": "Comune",
        "amount_cents": 5000,
        "valid_from": "2026-01-01",
        "valid_until": "2099-12-31",
        "code": "0000-0000-0000-00",
        "signed_code": "SP1:0",
        "state": "issued",
        **changes,
    }
    return Record(kind="vouchers", id=data["id"], data=data)


def test_a_citizens_vouchers_are_read_by_their_holder_key_through_its_index(
    central: Central,
) -> None:
    platform = central.platform
    with platform.sessions.begin() as session:
        session.add_all(
            [
                voucher(1, HOLDER, "piazzola"),
                voucher(2, HOLDER, "campodoro", state="redeemed"),  # used: not held
                voucher(3, OTHER, "limena"),
                *(voucher(10 + n, f"{n:064x}", "limena") for n in range(200)),
            ]
        )
    with platform.sessions() as session:
        assert ledger_comuni(session, HOLDER) == {"piazzola"}
        assert ledger_comuni(session, OTHER) == {"limena"}
        found = session.scalars(vouchers_query([HOLDER, OTHER])).all()
        assert sorted(record.id for record in found) == [f"{n:016x}" for n in (1, 2, 3)]
        statement = vouchers_query([HOLDER])
        sql = str(
            statement.compile(
                dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}
            )
        )
        connection = session.connection()
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL enable_seqscan = off"))  # used if usable
            plan = " ".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {sql}"))
        else:
            plan = " ".join(
                str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
            )
    assert "ix_records_holder" in plan, plan


def test_a_few_citizens_vouchers_are_read_through_the_index_too(central: Central) -> None:
    """Given a list of holders, SQLite's planner read every voucher by its kind: a few
    are asked for one at a time, each through the index."""
    platform = central.platform
    with platform.sessions.begin() as session:
        session.add_all([voucher(n, f"{n:064x}", "limena") for n in range(50)])
    asked: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "json_extract" in statement or "->>" in statement:
            asked.append((statement, parameters))

    event.listen(platform.engine, "before_cursor_execute", seen)
    try:
        with platform.sessions() as session:
            found = list(_vouchers_of(session, {f"{n:064x}" for n in (3, 4, 5)}))
    finally:
        event.remove(platform.engine, "before_cursor_execute", seen)
    with platform.sessions() as session:
        plans = [
            " ".join(
                str(row[-1])
                for row in session.connection().exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {statement}", parameters
                )
            )
            for statement, parameters in asked
            if platform.engine.dialect.name == "sqlite"
        ]
    assert sorted(record.id for record in found) == [f"{n:016x}" for n in (3, 4, 5)]
    assert len(plans) == (3 if platform.engine.dialect.name == "sqlite" else 0)
    assert all("ix_records_holder" in plan for plan in plans), plans


def test_a_platform_starting_beside_a_running_one_does_not_wait_for_its_writes(
    postgres: ThrowawayPostgres | PostgresUnavailableError,
) -> None:
    """Indexes added after a database was made are created at start, the missing ones
    only: CREATE INDEX IF NOT EXISTS for each locked its table first, and a start beside
    a running platform (a rolling restart) waited behind its open writes."""
    if isinstance(postgres, PostgresUnavailableError):
        pytest.skip(f"PostgreSQL: {postgres}")
    url = postgres.new_database()
    running = Platform(url)  # its tables and indexes made
    writer = running.engine.connect()
    transaction = writer.begin()
    writer.execute(text("INSERT INTO records (kind, id, data) VALUES ('x', 'y', '{}')"))
    starting = create_engine(url, connect_args={"options": "-c lock_timeout=2000"})
    try:
        _add_missing_indexes(starting)  # every index exists: nothing waits
    finally:
        transaction.rollback()
        writer.close()
        starting.dispose()
        running.engine.dispose()
        postgres.drop_database(url)


def test_platforms_starting_at_once_on_a_database_lacking_a_table_all_start(
    postgres: ThrowawayPostgres | PostgresUnavailableError,
) -> None:
    """A rolling restart onto a version with a new table: each platform found the table
    missing and made it, and the second failed to start (a unique violation on the
    table's type). It now looks again, and finds the one the other made."""
    import threading

    if isinstance(postgres, PostgresUnavailableError):
        pytest.skip(f"PostgreSQL: {postgres}")
    url = postgres.new_database()
    Platform(url).engine.dispose()
    engine = create_engine(url)
    failed: list[str] = []

    def start() -> None:
        try:
            Platform(url).engine.dispose()
        except Exception as error:  # any: the test reports it
            failed.append(repr(error))

    for _round in range(3):
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE retired_proof_keys"))
        starts = [threading.Thread(target=start) for _ in range(4)]
        for thread in starts:
            thread.start()
        for thread in starts:
            thread.join()
    engine.dispose()
    postgres.drop_database(url)
    assert failed == []
