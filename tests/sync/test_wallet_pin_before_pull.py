# SPDX-License-Identifier: EUPL-1.2
"""The right wallet PIN typed at a kiosk that has not pulled the wallet yet (its PIN
just set, the kiosk's pulls failing) finds no wallet and counts as wrong there. Those
reports no longer count toward the platform's lock: two such kiosks, five tries each,
locked the citizen's wallet at every kiosk of the network."""

from __future__ import annotations

from pathlib import Path

from central.wallets import NETWORK_ATTEMPTS
from store.database import Store
from sync.client import PlatformClient
from sync.engine import SyncEngine
from tests.sync.conftest import Central
from tests.sync.wallets import PIN, try_wallet

CF = "FRRNNA41A63E592W"


def piazzola_kiosk(central: Central, folder: Path, name: str) -> tuple[SyncEngine, bytes]:
    client = PlatformClient(central.url)
    code = central.platform.new_enrollment_code("kiosk", "piazzola")
    _device, token = client.enroll(code, name)
    client.set_token(token)
    engine = SyncEngine(Store(folder / f"{name}.sqlite3"), client)
    engine.run_once()
    return engine, bytes.fromhex(client.lookup_key())


def failures(central: Central) -> int:
    holder = central.platform.wallet.wallet_holder(CF)
    assert holder is not None
    return holder.failures


def test_the_right_pin_at_kiosks_without_the_wallet_yet_locks_nothing(
    central: Central, tmp_path: Path
) -> None:
    central.platform.set_credit(CF, "Credito welfare 2026", 10_000, "piazzola")
    kiosks = [piazzola_kiosk(central, tmp_path, f"kiosk-{n}") for n in range(2)]
    central.platform.set_wallet_pin(CF, PIN, "piazzola")  # the letter; no kiosk pulled it
    for engine, lookup in kiosks:
        for _ in range(NETWORK_ATTEMPTS // 2):
            assert try_wallet(engine.store, central, CF, PIN, lookup).reason in (  # type: ignore[union-attr]
                "wrong",
                "locked_here",
            )
        engine.push()
    assert failures(central) == 0
    for engine, _lookup in kiosks:
        engine.run_once()
        assert central.platform.records("wallets")  # published
        assert all(not r.get("locked") for r in central.platform.records("wallets").values())


def test_a_wrong_pin_at_a_kiosk_that_has_the_wallet_still_counts(
    central: Central, tmp_path: Path
) -> None:
    central.platform.set_credit(CF, "Credito welfare 2026", 10_000, "piazzola")
    central.platform.set_wallet_pin(CF, PIN, "piazzola")
    engine, lookup = piazzola_kiosk(central, tmp_path, "kiosk-0")  # pulled the wallet
    for _ in range(3):
        try_wallet(engine.store, central, CF, "918273", lookup)
    engine.push()
    assert failures(central) == 3
    # Resealed since (a new buono), not pulled yet: the PIN is the same, and so is the
    # wallet's place; a wrong PIN there is still a wrong PIN.
    central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
    try_wallet(engine.store, central, CF, "918273", lookup)
    engine.push()
    assert failures(central) == 4


def test_a_wrong_pin_still_counts_once_the_change_log_is_compacted(
    central: Central, tmp_path: Path
) -> None:
    """The wallet resealed since the kiosk pulled it (a new buono), and the change log
    compacted (every ten minutes): the first change under this PIN is folded into the
    reseal, and the kiosk's wrong PINs were taken for tries made before it had the
    wallet. Not counted, a fleet of offline kiosks gave a stranger five tries each."""
    central.platform.set_credit(CF, "Credito welfare 2026", 10_000, "piazzola")
    central.platform.set_wallet_pin(CF, PIN, "piazzola")
    engine, lookup = piazzola_kiosk(central, tmp_path, "kiosk-0")  # pulled the wallet
    central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
    assert central.platform.compact() > 0
    for _ in range(3):
        try_wallet(engine.store, central, CF, "918273", lookup)
    engine.push()
    assert failures(central) == 3
