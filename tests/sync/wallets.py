# SPDX-License-Identifier: EUPL-1.2
"""Opening a citizen's sealed wallet in a kiosk's store, as the screens do
(kiosk/ui/controllers/purchase.py), for the sync and attack tests."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from kiosk.core.wallet import OpenedWallet, WalletRefusal, attempt_tag, open_wallet
from store.database import Store
from tests.sync.conftest import Central
from vouchers.wallet_key import WalletKey, wallet_key

PIN = "402718"  # the PIN of the Comune's letter in these tests
KIOSK_ID = "kiosk-test"  # what enrolled_client enrolls as


@cache
def key_of(codice_fiscale: str, pin: str = PIN) -> WalletKey:
    """The memory-hard key, made once per test run for each codice fiscale and PIN."""
    return wallet_key(codice_fiscale, pin)


def try_wallet(
    store: Store,
    central: Central,
    codice_fiscale: str,
    pin: str = PIN,
    lookup_key: bytes | None = None,
) -> OpenedWallet | WalletRefusal:
    """``lookup_key``: the kiosk's own (its wrong PINs reach the platform's count only
    under it); by default one no kiosk has, for tests that do not push."""
    tag = attempt_tag(lookup_key or bytes(32), codice_fiscale)
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.write() as session:
        return open_wallet(session, tag, key_of(codice_fiscale, pin), KIOSK_ID, now)


def opened(store: Store, central: Central, codice_fiscale: str, pin: str = PIN) -> OpenedWallet:
    wallet = try_wallet(store, central, codice_fiscale, pin)
    assert isinstance(wallet, OpenedWallet), wallet
    return wallet
