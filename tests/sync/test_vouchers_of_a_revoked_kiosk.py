# SPDX-License-Identifier: EUPL-1.2
"""A kiosk's disk dies, and the recovery revokes its device (and so its voucher key)
before a new machine is enrolled. The service vouchers it sold, which the platform
took into its ledger and citizens paid for, stay good at the provider; a code its
key signs that the ledger never took is still refused."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import requests

from central.voucher_authority import RedeemRequest, VoucherRefusedError
from kiosk.core.purchasing import Cart, Checkout, cart_line, place_order
from printing.slip import SlipContext
from sync.engine import SyncEngine
from tests.sync.conftest import KIOSK_SIGNER, Central, enrolled_client, enrolled_merchant
from vouchers.codes import VoucherClaims, encode, new_voucher_id


def sold_vouchers(engine: SyncEngine, central: Central) -> list[dict[str, Any]]:
    """An order of two hours of s01 paid to the provider, accepted by the platform."""
    engine.run_once()
    context = SlipContext("Social Point", "Piazzola sul Brenta", "kiosk-test", datetime.now())
    with engine.store.write() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 2))
        checkout = Checkout("provider", None, phone="3471234567")
        place_order(session, cart, checkout, context, KIOSK_SIGNER, datetime.now(UTC))
    engine.push()
    [purchase] = [s for s in central.platform.submissions() if s.kind == "purchase"]
    assert purchase.status == "accepted", purchase.status
    vouchers: list[dict[str, Any]] = purchase.payload["vouchers"]
    assert vouchers
    return vouchers


def test_a_dead_kiosk_s_paid_vouchers_are_still_redeemed(
    engine: SyncEngine, central: Central
) -> None:
    vouchers = sold_vouchers(engine, central)
    kiosk = next(d for d in central.platform.devices() if d.role == "kiosk")
    central.platform.revoke_device(kiosk.id, "disco guasto, sostituito")
    provider, token = enrolled_merchant(central, services=["s01"])
    headers = {"Authorization": f"Bearer {token}"}
    scanned = requests.post(
        f"{central.url}/v1/redemptions",
        json={"voucher": vouchers[0]["signed_code"], "redemption_id": str(uuid.uuid4())},
        headers=headers,
        timeout=10,
    )
    assert scanned.status_code == 200, scanned.text
    typed = central.platform.voucher_standing(provider, vouchers[-1]["signed_code"])
    assert typed.state == "issued"


def test_a_code_the_ledger_never_took_is_refused_once_its_key_is_revoked(
    engine: SyncEngine, central: Central
) -> None:
    """Whoever holds the revoked key (a stolen kiosk) signs a new code: not in the
    ledger, it buys nothing."""
    sold = sold_vouchers(engine, central)
    kiosk = next(d for d in central.platform.devices() if d.role == "kiosk")
    central.platform.revoke_device(kiosk.id, "rubato")
    provider, _token = enrolled_merchant(central, services=["s01"])
    assert sold
    claims = VoucherClaims(
        voucher_id=new_voucher_id(),
        valid_from=date.today(),
        valid_until=date.today() + timedelta(days=9),
        issued_at=datetime.now(UTC),
        service_id="s01",
        units=2,
    )
    forged = encode(claims, KIOSK_SIGNER)
    try:
        central.platform.redeem(provider, forged, RedeemRequest(str(uuid.uuid4())))
    except VoucherRefusedError as refused:
        assert refused.code in ("unknown_voucher", "forged_voucher"), refused.code
    else:
        raise AssertionError("a code outside the ledger was redeemed")


def test_the_replacement_kiosk_sends_the_dead_one_s_offline_orders_and_they_hold(
    engine: SyncEngine, central: Central
) -> None:
    """The recovery: the dead kiosk's device revoked, its store restored onto a new
    machine enrolled under the same name. An order made offline before the disk died
    (receipt and vouchers already printed, signed with the old key) is sent by the new
    machine: accepted, and its vouchers redeemed. One its old key signed after the
    revocation is refused."""
    engine.run_once()
    context = SlipContext("Social Point", "Piazzola sul Brenta", "kiosk-test", datetime.now())
    later = datetime.now(UTC) + timedelta(hours=1)  # a stolen key's order, after the revocation
    with engine.store.write() as session:
        for moment in (datetime.now(UTC), later):
            cart = Cart()
            cart.add(cart_line(session, "s01", 1))
            checkout = Checkout("provider", None, phone="3471234567")
            place_order(session, cart, checkout, context, KIOSK_SIGNER, moment)
    dead = next(d for d in central.platform.devices() if d.role == "kiosk")
    central.platform.revoke_device(dead.id, "disco guasto, sostituito")
    replacement = enrolled_client(central)  # the same name, a new device and token
    try:
        SyncEngine(engine.store, replacement).push()
    finally:
        replacement.close()
    purchases = [s for s in central.platform.submissions() if s.kind == "purchase"]
    statuses = sorted(p.status for p in purchases)
    assert statuses == ["accepted", "rejected"], [(p.status, p.code) for p in purchases]
    [made_before] = [p for p in purchases if p.status == "accepted"]
    [made_after] = [p for p in purchases if p.status == "rejected"]
    assert made_after.code == "key_revoked"
    provider, _token = enrolled_merchant(central, services=["s01"])
    code = made_before.payload["vouchers"][0]["signed_code"]
    taken = central.platform.redeem(provider, code, RedeemRequest(str(uuid.uuid4())))
    assert taken.state == "redeemed"
