# SPDX-License-Identifier: EUPL-1.2
"""A citizen's vouchers are found by their holder key, through an index: every change
to a citizen's ledger seals their wallet again, and reading every voucher of the network
for it grew with the network (250 ms per 20,000 vouchers, in the writers' turn)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from central.models import Record
from central.wallets import ledger_comuni, vouchers_query
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
