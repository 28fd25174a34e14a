# SPDX-License-Identifier: EUPL-1.2
"""A buono a shop took in part: the citizen's sealed wallet says what is left, and the
kiosk shows and reprints that, not the buono's whole value (a €150 buono with €50 left
was listed and reprinted as €150)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from central.voucher_authority import RedeemRequest
from kiosk.core.purchasing import Cart, Checkout, cart_line, place_order
from kiosk.core.wallet import OpenedWallet, print_voucher, reopen
from printing import print_queue
from printing.escpos_render import render
from printing.layout import PROFILES
from printing.slip import SlipContext
from store.database import Store
from store.models import WalletEntry
from sync.engine import SyncEngine
from tests.printing.escpos_decode import decode
from tests.sync.conftest import KIOSK_SIGNER, Central, enrolled_merchant
from tests.sync.wallets import PIN, key_of, opened
from vouchers.wallet_key import seal

CF = "FRRNNA41A63E592W"
PROGRAMME = "Buoni spesa inverno"


def printed_lines(store: Store, wallet: OpenedWallet, voucher_id: str) -> list[tuple[str, bool]]:
    """The voucher's slip as the printer receives it: each line's text, and whether large."""
    context = SlipContext("Social Point", "Piazzola sul Brenta", "kiosk-test", datetime.now())
    with store.write() as session:
        job = print_voucher(session, wallet, voucher_id, context)
        slip = print_queue.get(session, job).slip
    return [(line.text.strip(), line.big) for line in decode(render(slip, PROFILES["58mm"])).lines]


def test_a_buono_used_in_part_shows_and_reprints_what_is_left(
    engine: SyncEngine, central: Central
) -> None:
    buono = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 15_000)
    central.platform.set_wallet_pin(CF, PIN)
    shop, _token = enrolled_merchant(central, programmes=[PROGRAMME])
    taken = central.platform.redeem(
        shop, buono["code"], RedeemRequest(str(uuid.uuid4()), amount_cents=10_000)
    )
    assert (taken.state, taken.amount_left_cents) == ("issued", 5_000)
    engine.run_once()

    [item] = opened(engine.store, central, CF).vouchers
    assert (item.amount_cents, item.amount_left_cents, item.left_cents) == (15_000, 5_000, 5_000)
    lines = printed_lines(engine.store, opened(engine.store, central, CF), item.id)
    big = [text for text, large in lines if large and "€" in text]
    assert big == ["€ 50,00"]  # what a shop takes of it, large
    assert "RESIDUO" in [text for text, _large in lines]
    assert "Valore iniziale € 150,00" in [text for text, _large in lines]

    # The rest taken: the buono leaves the wallet, as one used up at once.
    central.platform.redeem(
        shop, buono["code"], RedeemRequest(str(uuid.uuid4()), amount_cents=5_000)
    )
    engine.run_once()
    assert opened(engine.store, central, CF).vouchers == ()


def test_a_service_voucher_used_in_part_shows_and_reprints_the_units_left(
    engine: SyncEngine, central: Central
) -> None:
    # Three hours of baby-sitting bought with the wallet open; the provider takes one.
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    context = SlipContext("Social Point", "Piazzola sul Brenta", "kiosk-test", datetime.now())
    checkout = Checkout("provider", opened(engine.store, central, CF))
    with engine.store.write() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 3))
        place_order(session, cart, checkout, context, KIOSK_SIGNER, datetime.now(UTC))
    engine.run_once()  # the order goes; its voucher comes back through the wallet
    engine.run_once()
    [whole] = opened(engine.store, central, CF).vouchers
    assert (whole.service, whole.units, whole.units_left, whole.used_in_part) == (
        "s01",
        3,
        3,
        False,
    )
    assert "RESIDUO" not in [
        text for text, _ in printed_lines(engine.store, opened(engine.store, central, CF), whole.id)
    ]

    provider, _token = enrolled_merchant(central, services=["s01"])
    central.platform.redeem(provider, whole.code, RedeemRequest(str(uuid.uuid4())))
    engine.run_once()
    [item] = opened(engine.store, central, CF).vouchers
    assert (item.units, item.units_left, item.used_in_part) == (3, 2, True)
    lines = printed_lines(engine.store, opened(engine.store, central, CF), item.id)
    texts = [text for text, _large in lines]
    assert "RESIDUO" in texts and ("2 su 3", True) in lines  # large, as a buono's

    # The other two taken: it leaves the wallet, as one used up at once.
    central.platform.redeem(provider, item.code, RedeemRequest(str(uuid.uuid4()), units=2))
    engine.run_once()
    assert opened(engine.store, central, CF).vouchers == ()


def test_a_buono_never_used_prints_its_whole_value_as_before(
    engine: SyncEngine, central: Central
) -> None:
    central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 15_000)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    wallet = opened(engine.store, central, CF)
    [item] = wallet.vouchers
    assert (item.amount_left_cents, item.left_cents) == (15_000, 15_000)
    lines = printed_lines(engine.store, wallet, item.id)
    assert [text for text, large in lines if large and "€" in text] == ["€ 150,00"]
    assert "RESIDUO" not in [text for text, _large in lines]


def test_a_wallet_sealed_before_the_remainder_was_kept_still_opens(store: Store) -> None:
    """A kiosk's mirror holds wallets the platform sealed without ``amount_left_cents``
    until it reseals them: their buoni read as whole; a remainder of nothing hides one."""
    key = key_of(CF)
    buono = {
        "id": "0123456789abcdef",
        "programme": PROGRAMME,
        "issuer": "Comune di Piazzola sul Brenta",
        "amount_cents": 15_000,
        "service": None,
        "valid_from": date.today().isoformat(),
        "valid_until": date.today().isoformat(),
        "code": "0000-0000-0000-00",
        "signed_code": "SP1:X",
        "state": "issued",
    }
    used_up = {**buono, "id": "fedcba9876543210", "amount_left_cents": 0}
    content = {"credit": None, "vouchers": [buono, used_up]}
    with store.write() as session:
        session.add(
            WalletEntry(
                id=key.locator,
                comune_id="piazzola",
                sealed=seal(key, content),
                locked=False,
                updated_at=datetime.now(UTC),
            )
        )
    with store.write() as session:
        wallet = reopen(session, OpenedWallet(key, None, None, ()))
    assert isinstance(wallet, OpenedWallet)
    [item] = wallet.vouchers
    assert (item.id, item.amount_left_cents, item.left_cents) == (buono["id"], None, 15_000)
