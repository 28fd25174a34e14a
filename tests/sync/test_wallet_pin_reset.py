# SPDX-License-Identifier: EUPL-1.2
"""A wallet PIN is reset because someone else may know it: the old PIN must stop
opening the wallet everywhere, and the credit and buoni follow the new one."""

from __future__ import annotations

from kiosk.core.wallet import OpenedWallet, WalletRefusal
from sync.engine import SyncEngine
from tests.sync.conftest import Central
from tests.sync.wallets import key_of, opened, try_wallet

CF = "BNCMTT15B19G224I"
OLD, NEW = "402718", "771946"


def test_after_a_reset_the_old_pin_opens_nothing_and_the_new_one_everything(
    engine: SyncEngine, central: Central
) -> None:
    old_locator = central.platform.set_wallet_pin(CF, OLD, "piazzola")
    central.platform.set_credit(CF, "Credito welfare 2026", 12_000, "piazzola")
    buono = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
    engine.run_once()
    before = opened(engine.store, central, CF, OLD)
    assert (before.balance_cents, [v.id for v in before.vouchers]) == (12_000, [buono["id"]])

    new_locator = central.platform.set_wallet_pin(CF, NEW, "piazzola")
    assert new_locator != old_locator == key_of(CF, OLD).locator
    assert old_locator not in central.platform.records("wallets")
    engine.run_once()

    refused = try_wallet(engine.store, central, CF, OLD)
    assert isinstance(refused, WalletRefusal), refused
    after = opened(engine.store, central, CF, NEW)
    assert (after.balance_cents, [v.id for v in after.vouchers]) == (12_000, [buono["id"]])


def test_setting_the_same_pin_again_keeps_the_wallet(engine: SyncEngine, central: Central) -> None:
    """A new letter with the same PIN (a Comune moving the wallet) withdraws nothing."""
    locator = central.platform.set_wallet_pin(CF, OLD, "piazzola")
    central.platform.set_credit(CF, "Credito welfare 2026", 3_000, "piazzola")
    assert central.platform.set_wallet_pin(CF, OLD, "piazzola") == locator
    assert locator in central.platform.records("wallets")
    engine.run_once()
    assert isinstance(try_wallet(engine.store, central, CF, OLD), OpenedWallet)
