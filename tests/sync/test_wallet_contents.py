# SPDX-License-Identifier: EUPL-1.2
"""A sealed wallet the kiosk can only partly read still opens with what it can read:
one voucher the platform got wrong made the whole wallet fail to open, the citizen's
credit and every other buono with it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.wallet import OpenedWallet, open_wallet
from store.database import Store
from store.models import WalletEntry
from vouchers.wallet_key import seal, wallet_key

KEY = wallet_key("FRRNNA41A63E592W", "402718")
GOOD = {
    "id": "0123456789abcdef",
    "programme": "Buoni spesa",
    "issuer": "Comune di Limena",
    "amount_cents": 5000,
    "service": None,
    "valid_from": "2026-12-01",
    "valid_until": "2027-03-01",
    "code": "0123-4567-89AB-CX",
    "signed_code": "SP1:ABC",
    "state": "issued",
}
CREDIT = {"programme": "Credito welfare 2026", "balance_cents": 12000}


def opened_with(tmp_path: Path, content: dict[str, Any]) -> OpenedWallet:
    store = Store(tmp_path / "kiosk.sqlite3")
    with store.write() as session:
        session.add(
            WalletEntry(
                id=KEY.locator,
                comune_id="limena",
                locked=False,
                updated_at=datetime.now(UTC),
                sealed=seal(KEY, content),
            )
        )
    with store.write() as session:
        result = open_wallet(session, "ab" * 32, KEY, "kiosk-1", datetime.now(UTC))
    assert isinstance(result, OpenedWallet), result
    return result


BAD_VOUCHERS = {
    "valid_from an instant": {**GOOD, "valid_from": "2026-12-01T00:00:00+01:00"},
    "no signed code": {k: v for k, v in GOOD.items() if k != "signed_code"},
    "an empty code": {**GOOD, "code": ""},
    "amount as text": {**GOOD, "amount_cents": "5000"},
    "amount true": {**GOOD, "amount_cents": True},
    "id a number": {**GOOD, "id": 7},
    "valid_until missing": {k: v for k, v in GOOD.items() if k != "valid_until"},
    "a date of no calendar": {**GOOD, "valid_until": "2027-02-30"},
    "a service as a list": {**GOOD, "amount_cents": None, "service": ["s01"]},
}


@pytest.mark.parametrize("bad", list(BAD_VOUCHERS.values()), ids=list(BAD_VOUCHERS))
def test_a_voucher_that_cannot_be_read_is_left_out_and_the_rest_opens(
    tmp_path: Path, bad: dict[str, Any]
) -> None:
    second = {**GOOD, "id": "fedcba9876543210", "code": "FEDC-BA98-7654-3X"}
    wallet = opened_with(tmp_path, {"credit": CREDIT, "vouchers": [GOOD, bad, second]})
    assert wallet.balance_cents == 12000
    assert wallet.credit_programme == "Credito welfare 2026"
    assert [v.code for v in wallet.vouchers] == [GOOD["code"], second["code"]]


@pytest.mark.parametrize("balance", ["12000", "dodici", 120.5, True, None, [12000]])
def test_a_credit_that_cannot_be_read_is_left_out_and_the_vouchers_open(
    tmp_path: Path, balance: object
) -> None:
    credit = {**CREDIT, "balance_cents": balance}
    wallet = opened_with(tmp_path, {"credit": credit, "vouchers": [GOOD]})
    assert wallet.balance_cents is None and wallet.credit_programme is None
    assert [v.code for v in wallet.vouchers] == [GOOD["code"]]


def test_a_remainder_of_the_wrong_type_is_taken_as_unsaid(tmp_path: Path) -> None:
    partly = {**GOOD, "amount_left_cents": "1200"}
    wallet = opened_with(tmp_path, {"vouchers": [partly]})
    assert [(v.amount_cents, v.amount_left_cents) for v in wallet.vouchers] == [(5000, None)]
