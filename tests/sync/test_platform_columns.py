# SPDX-License-Identifier: EUPL-1.2
"""What the contract allows, the platform's columns hold, on SQLite and PostgreSQL alike:
an operator of many Comuni (up to 200 ids of 64 characters) has a scope far longer than
the VARCHAR(2000) the records' and changes' scope columns were, which PostgreSQL
refused (SQLite keeps any length)."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import text

from central.platform import Platform
from kiosk.core.manager_login import hash_pin
from protocol.records import validate_published
from tests.postgresql import PostgresUnavailableError, ThrowawayPostgres
from tests.sync.conftest import ADMIN, Central


def test_an_operator_of_many_comuni_is_published_on_either_database(central: Central) -> None:
    comuni = [f"c{n:03d}-" + "x" * 58 for n in range(40)]  # a scope of 2,561 characters
    record = {
        "id": "4004",
        "name": "Anna",
        "organization": "Consorzio dei Comuni",
        "role": "welfare_manager",
        "pin_hash": hash_pin("246810"),
        "comuni": comuni,
    }
    validate_published("operators", record)  # the contract takes it
    reply = requests.put(
        f"{central.url}/v1/admin/records/operators/4004",
        headers={"Authorization": f"Bearer {ADMIN}"},
        json=record,
        timeout=60,
    )
    assert reply.status_code == 200, reply.text


def test_a_database_made_with_narrow_scope_columns_is_widened_at_start(
    postgres: ThrowawayPostgres | PostgresUnavailableError,
) -> None:
    if isinstance(postgres, PostgresUnavailableError):
        pytest.skip(f"PostgreSQL: {postgres}")
    url = postgres.new_database()
    try:
        made = Platform(url)
        with made.engine.begin() as connection:  # as an older platform made them
            for table in ("records", "changes"):
                connection.execute(
                    text(f"ALTER TABLE {table} ALTER COLUMN scope TYPE varchar(2000)")
                )
        made.engine.dispose()
        started = Platform(url)
        with started.engine.connect() as connection:
            widths = connection.execute(
                text(
                    "SELECT table_name, character_maximum_length FROM information_schema.columns"
                    " WHERE column_name = 'scope' AND table_name IN ('records', 'changes')"
                )
            ).all()
        started.engine.dispose()
        assert sorted(widths) == [("changes", None), ("records", None)]
    finally:
        postgres.drop_database(url)
