# SPDX-License-Identifier: EUPL-1.2
"""Attacks on the money path, with nothing more than what the project hands out (a device
token, the kiosk's code, a printed voucher), against the reference platform over
loopback HTTP. Each one must be refused, with a reason a person can act on."""

from __future__ import annotations

import base64
import hmac
import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import base45
import cbor2
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from central import kiosk_lookup
from central.models import PlatformSecret, Record
from central.platform import Platform, PublishError
from central.platform import wallet as platform_wallet
from central.wallets import NETWORK_ATTEMPTS
from forms.lookup import holder_key
from kiosk.boot.config import ManagerSettings
from kiosk.core import local_time
from kiosk.core.manager_desk import day_report, record_assisted_session
from kiosk.core.manager_login import hash_pin, log_in
from kiosk.core.purchasing import Cart, Checkout, CheckoutError, cart_line, place_order
from kiosk.core.wallet import KIOSK_ATTEMPTS, WalletRefusal, print_voucher
from printing import print_queue
from printing.slip import SlipContext, Text
from store.database import Store
from store.models import Operator, OutboxEntry, Service, WalletEntry
from store.outbox import utcnow
from sync.client import PlatformClient, Submission
from sync.engine import SyncEngine
from sync.worker import SyncWorker
from tests.printing.waits import eventually
from tests.sync.conftest import (
    ADMIN,
    KIOSK_SIGNER,
    Central,
    enrolled_client,
    first_call_held,
    someone_waits_on_a_lock,
)
from tests.sync.wallets import PIN, opened, try_wallet
from vouchers import codes
from vouchers.codes import (
    SAMPLE_SIGNER,
    Signer,
    VoucherClaims,
    encode,
    new_voucher_id,
)
from vouchers.keys import public_key_text
from vouchers.wallet_key import opened_proof, pin_set_proof, wallet_key

ROME = "Europe/Rome"  # the kiosk's default time zone

CF = "FRRNNA41A63E592W"
PROGRAMME = "Buoni spesa 2026"


@pytest.fixture
def kiosk(central: Central, store: Store) -> Iterator[SyncEngine]:
    client = enrolled_client(central, signer=KIOSK_SIGNER)
    engine = SyncEngine(store, client, page_size=50, push_batch=10)
    engine.run_once()
    yield engine
    client.close()


class Device:
    """Any enrolled device, speaking raw HTTP as an attacker would."""

    def __init__(
        self,
        central: Central,
        role: str = "kiosk",
        kiosk_id: str | None = None,
        comune: str | None = None,
        **scope: list[str],
    ) -> None:
        code = central.platform.new_enrollment_code(role, comune, scope or None)
        reply = requests.post(
            f"{central.url}/v1/enroll",
            timeout=5,
            json={"code": code, "kiosk_id": kiosk_id or f"{role}-x"},
        )
        reply.raise_for_status()
        self.url, self.id, self.token = (
            central.url,
            reply.json()["device_id"],
            reply.json()["token"],
        )

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}"}
        return requests.request(method, self.url + path, headers=headers, timeout=10, **kwargs)

    def purchase(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.submit("purchase", payload)

    def submit(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """One new record of ``kind`` sent alone; the platform's answer to it."""
        entry = {
            "uuid": str(uuid.uuid4()),
            "kind": kind,
            "created_at": datetime.now(UTC).isoformat(),
            "payload": payload,
        }
        reply = self.call("POST", "/v1/submissions", json={"entries": [entry]})
        assert reply.status_code == 200, reply.text
        answer: dict[str, Any] = reply.json()["results"][0]
        return answer

    def redeem(self, voucher: str, **amount: int) -> requests.Response:
        body = {"voucher": voucher, "redemption_id": str(uuid.uuid4()), **amount}
        return self.call("POST", "/v1/redemptions", json=body)


def claims(**values: Any) -> VoucherClaims:
    today = datetime.now(UTC).date()
    base: dict[str, Any] = {
        "voucher_id": new_voucher_id(),
        "valid_from": today,
        "valid_until": today + timedelta(days=30),
        "issued_at": datetime.now(UTC),
        "amount_cents": 5000,
    }
    return VoucherClaims(**(base | values))


def purchase(holder: str, vouchers: list[dict[str, Any]], quantity: int = 1) -> dict[str, Any]:
    """A € 0 booking of service s01 paid at the provider, carrying ``vouchers``."""
    return {
        "order": "AC-TEST-01",
        "total_cents": 1300 * quantity,
        "payment": "provider",
        "lines": [{"service": "s01", "quantity": quantity, "unit_price_cents": 1300}],
        "holder": holder,
        "vouchers": vouchers,
        "channel": "kiosk",
    }


def voucher_entry(signed_code: str, made: VoucherClaims, **extra: Any) -> dict[str, Any]:
    return {
        "id": made.voucher_id.hex(),
        "code": made.code,
        "signed_code": signed_code,
        "service": made.service_id,
        "amount_cents": made.amount_cents,
        "comune": None,
        "programme": "x",
        "issuer": "x",
        "valid_from": made.valid_from.isoformat(),
        "valid_until": made.valid_until.isoformat(),
    } | extra


def registered_kiosk(central: Central) -> tuple[Device, Signer]:
    device, signer = Device(central), Signer(Ed25519PrivateKey.generate())
    reply = device.call(
        "PUT", "/v1/device/signing-key", json={"public_key": public_key_text(signer)}
    )
    assert reply.status_code == 200, reply.text
    return device, signer


def holder(central: Central, cf: str = CF) -> None:
    """Purchases here carry no wallet: only the citizen's PIN gives its locator's proof
    (the wallet's own attacks are below)."""
    del central, cf


# Vouchers under the platform's authority ------------------------------------------------


def test_a_made_up_voucher_in_a_purchase_is_refused_and_never_published(
    central: Central,
) -> None:
    kiosk, _signer = registered_kiosk(central)
    made = claims()
    forged = voucher_entry("SP1:NOT-SIGNED", made, amount_cents=500_000)
    result = kiosk.purchase(purchase(holder(central), [forged]))
    assert (result["status"], result["code"]) == ("rejected", "forged_voucher")
    assert "voucher refused" in result["message"]
    assert central.platform.records("vouchers") == {}
    shop = Device(central, "merchant", programmes=["x"])
    assert shop.redeem(made.code, amount_cents=100).status_code == 404


def signed_as_is(signer: Signer, claims_map: dict[int, Any]) -> str:
    """A code signed by a registered key over whatever ``claims_map`` says: the encoder
    checks what it signs, a kiosk's own broken or hostile build need not."""
    protected = cbor2.dumps({codes.ALG: codes.EDDSA, codes.KID: signer.kid}, canonical=True)
    payload = cbor2.dumps(claims_map, canonical=True)
    signature = signer.private_key.sign(codes._sig_structure(protected, payload))
    message = cbor2.CBORTag(codes.COSE_SIGN1_TAG, [protected, {}, payload, signature])
    return codes.PREFIX + base45.b45encode(cbor2.dumps(message)).decode()


@pytest.mark.parametrize(
    ("days", "extra"),
    [
        ((0, -2), {3: "s01", 7: 1}),  # ends two days before it starts
        ((0, -1), {3: "s01", 7: 1}),
        ((0, 30), {}),  # neither an amount nor a service
        ((0, 30), {3: "s01", 7: 0}),  # no unit
        ((0, 30), {3: "s01", 7: 1, 6: -(2**63)}),  # issued before year 1: no clock has it
    ],
    ids=["ends-before-it-starts", "ends-the-day-before", "neither", "zero-units", "issued-never"],
)
def test_a_signed_voucher_no_day_or_thing_could_spend_is_refused_at_once(
    central: Central, days: tuple[int, int], extra: dict[int, Any]
) -> None:
    """Signed by the kiosk's own registered key, and still refused with a code, not
    taken into the ledger nor retried for ever."""
    kiosk, signer = registered_kiosk(central)
    made = claims(amount_cents=None, service_id="s01", units=1)
    today = (datetime.now(UTC).date() - codes.EPOCH).days
    claims_map = {1: made.voucher_id, 4: today + days[0], 5: today + days[1], 6: 1_700_000_000}
    entry = voucher_entry(signed_as_is(signer, claims_map | extra), made)
    result = kiosk.purchase(purchase(holder(central), [entry]))
    assert result["status"] == "rejected" and result["code"] == "forged_voucher", result
    assert central.platform.records("vouchers") == {}


def test_a_kiosk_key_cannot_make_an_amount_voucher(central: Central) -> None:
    kiosk, signer = registered_kiosk(central)
    made = claims(amount_cents=10_000_000)
    result = kiosk.purchase(purchase(holder(central), [voucher_entry(encode(made, signer), made)]))
    assert (result["status"], result["code"]) == ("rejected", "amount_voucher_refused")
    assert result["message"] == "amount vouchers are issued only by the platform"


def test_a_voucher_signed_with_another_kiosks_key_is_refused(central: Central) -> None:
    _victim, victims_key = registered_kiosk(central)
    thief, _own = registered_kiosk(central)
    made = claims(amount_cents=None, service_id="s01", units=1)
    result = thief.purchase(
        purchase(holder(central), [voucher_entry(encode(made, victims_key), made)])
    )
    assert (result["status"], result["code"]) == ("rejected", "foreign_key")


def test_the_quantity_is_inside_the_signed_code_and_must_match_the_order(
    central: Central,
) -> None:
    kiosk, signer = registered_kiosk(central)
    twelve = claims(amount_cents=None, service_id="s01", units=12)  # one bought, 12 signed
    result = kiosk.purchase(
        purchase(holder(central), [voucher_entry(encode(twelve, signer), twelve)])
    )
    assert (result["status"], result["code"]) == ("rejected", "voucher_mismatch")
    other = claims(amount_cents=None, service_id="s02", units=1)  # a service not bought
    result = kiosk.purchase(
        purchase(holder(central), [voucher_entry(encode(other, signer), other)])
    )
    assert (result["status"], result["code"]) == ("rejected", "voucher_mismatch")


def test_a_voucher_id_is_never_issued_twice_nor_overwritten(
    central: Central, kiosk: SyncEngine
) -> None:
    """A kiosk's order is accepted; another kiosk sends a € 0 purchase listing the same
    voucher id worth € 100,000 under its own holder key: refused, the original stays."""
    issued = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    thief, signer = registered_kiosk(central)
    reissued = claims(
        voucher_id=bytes.fromhex(issued["id"]), amount_cents=None, service_id="s01", units=1
    )
    entry = voucher_entry(encode(reissued, signer), reissued, amount_cents=10_000_000)
    result = thief.purchase(purchase(holder(central, "BNCMTT15B19G224I"), [entry]))
    assert (result["status"], result["code"]) == ("rejected", "voucher_exists")
    assert "never replaced" in result["message"]
    assert central.platform.records("vouchers")[issued["id"]] == issued  # unchanged
    # The same signed voucher sent twice by its own kiosk, in two orders: once only.
    fresh = claims(amount_cents=None, service_id="s01", units=1)
    entry = voucher_entry(encode(fresh, signer), fresh)
    assert thief.purchase(purchase(holder(central), [entry]))["status"] == "accepted"
    again = thief.purchase(purchase(holder(central), [entry]))
    assert (again["status"], again["code"]) == ("rejected", "voucher_exists")


def test_a_kiosks_own_order_still_works_and_is_published_from_the_catalog(
    central: Central, kiosk: SyncEngine
) -> None:
    central.platform.set_wallet_pin(CF, PIN)
    kiosk.run_once()
    wallet = opened(kiosk.store, central, CF)  # the citizen typed their PIN: a wallet order
    with kiosk.store.write() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 3))
        place_order(
            session,
            cart,
            Checkout("provider", wallet),
            SlipContext("SP", "Piazzola sul Brenta", "kiosk-test", datetime.now()),
            KIOSK_SIGNER,
            datetime.now(UTC),
        )
    assert kiosk.push() == (2, 0)  # the order and the wallet's opening: accepted
    [record] = central.platform.records("vouchers").values()
    service = central.platform.records("services")["s01"]
    assert record["programme"] == service["title"]["it"] and record["service"] == "s01"
    assert central.platform.issued_voucher(record["id"]).units == 3  # type: ignore[union-attr]


# Redemption: merchants only, in scope, in the window, once ------------------------------


def test_only_a_merchant_redeems_and_only_within_its_scope(central: Central) -> None:
    issued = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    kiosk = Device(central)
    refused = kiosk.redeem(issued["code"], amount_cents=100)
    assert refused.status_code == 403 and "only a merchant" in refused.json()["detail"]
    assert kiosk.call("GET", f"/v1/vouchers/{issued['code']}").status_code == 403
    outsider = Device(central, "merchant", programmes=["Buoni fatica 2026"], services=["s01"])
    for reply in (
        outsider.redeem(issued["signed_code"], amount_cents=100),
        outsider.call("GET", f"/v1/vouchers/{issued['code']}"),
    ):
        assert reply.status_code == 403 and "outside_scope" in reply.json()["detail"]
    # A programme's name is the same in every Comune: a shop of another Comune's
    # programme does not take this Comune's buoni (this Comune would pay for them).
    elsewhere = Device(central, "merchant", programmes=[PROGRAMME], comuni=["limena"])
    assert elsewhere.redeem(issued["code"], amount_cents=100).status_code == 403
    assert elsewhere.call("GET", f"/v1/vouchers/{issued['code']}").status_code == 403
    local = Device(central, "merchant", programmes=[PROGRAMME], comuni=["piazzola"])
    assert local.redeem(issued["code"], amount_cents=100).status_code == 200
    joined = Device(central, "merchant", programmes=[PROGRAMME])
    assert joined.redeem(issued["code"], amount_cents=100).status_code == 200
    # A merchant pulls no citizen's data and sends no purchases.
    assert joined.call("GET", "/v1/changes/wallet").status_code == 403
    assert joined.call("GET", "/v1/device/lookup-key").status_code == 403
    assert (
        joined.call(
            "POST",
            "/v1/submissions",
            json={
                "entries": [
                    {
                        "uuid": str(uuid.uuid4()),
                        "kind": "event",
                        "created_at": "2026-01-01T00:00:00Z",
                        "payload": {},
                    }
                ]
            },
        ).status_code
        == 403
    )


def test_a_redemption_is_idempotent_and_its_id_cannot_be_reused(central: Central) -> None:
    one = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    two = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    shop = Device(central, "merchant", programmes=[PROGRAMME])
    body = {"voucher": one["code"], "redemption_id": str(uuid.uuid4()), "amount_cents": 2_000}
    first = shop.call("POST", "/v1/redemptions", json=body)
    again = shop.call("POST", "/v1/redemptions", json=body)  # a lost reply, sent again
    assert first.json() == again.json() and first.json()["amount_left_cents"] == 3_000
    reused = shop.call("POST", "/v1/redemptions", json=body | {"voucher": two["code"]})
    assert reused.status_code == 409 and "redemption_id_reused" in reused.json()["detail"]
    # Sent again with another amount (a till retrying with a corrected figure): refused,
    # never a 200 that says it was taken when nothing was.
    for other in ({"amount_cents": 4_000}, {"amount_cents": 1}, {"units": 1}):
        changed = shop.call("POST", "/v1/redemptions", json=body | other)
        assert changed.status_code == 409 and "redemption_id_reused" in changed.json()["detail"]
    # Once more of it has been taken, the first redemption sent again still gets its own
    # answer, not the voucher's standing now.
    assert shop.redeem(one["code"], amount_cents=500).json()["amount_left_cents"] == 2_500
    assert shop.call("POST", "/v1/redemptions", json=body).json() == first.json()


def test_a_buono_is_changed_by_hand_only_in_its_state(central: Central) -> None:
    """Shops redeem from the platform's ledger: a record deleted or changed by hand
    (a new amount, another Comune) reached the kiosks while the ledger kept the old
    voucher good. By hand a voucher is only cancelled, and then it is refused."""
    issued = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    admin = {"Authorization": f"Bearer {ADMIN}"}
    url = f"{central.url}/v1/admin/records/vouchers/{issued['id']}"
    deleted = requests.delete(url, headers=admin, timeout=5)
    assert deleted.status_code == 409 and "never deleted" in deleted.json()["detail"]
    for change in ({"amount_cents": 9_000}, {"comune": "limena"}, {"state": "redeemed"}):
        changed = requests.put(url, json=issued | change, headers=admin, timeout=5)
        assert changed.status_code == 422, change
    new = issued | {"id": "00" * 8, "code": "0000-0000-0000-00"}
    made = requests.put(
        f"{central.url}/v1/admin/records/vouchers/{new['id']}", json=new, headers=admin, timeout=5
    )
    assert made.status_code == 422 and "POST /v1/admin/vouchers" in made.json()["detail"]
    assert central.platform.records("vouchers")[issued["id"]] == issued  # all unchanged
    shop = Device(central, "merchant", programmes=[PROGRAMME])
    assert shop.redeem(issued["code"], amount_cents=100).status_code == 200
    cancelled = requests.put(url, json=issued | {"state": "cancelled"}, headers=admin, timeout=5)
    assert cancelled.status_code == 200
    refused = shop.redeem(issued["code"], amount_cents=100)
    assert refused.status_code == 409 and "cancelled" in refused.json()["detail"]


def test_a_redemption_sent_again_never_takes_a_voucher_back_into_use(central: Central) -> None:
    """Its answer is the one it first got ("issued", with what was left then), but the
    voucher is not published back as "issued": a cancelled one stays cancelled (and
    refused), a used-up one stays used up."""
    admin = {"Authorization": f"Bearer {ADMIN}"}
    shop = Device(central, "merchant", programmes=[PROGRAMME])
    cancelled = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    body = {"voucher": cancelled["code"], "redemption_id": str(uuid.uuid4()), "amount_cents": 100}
    assert shop.call("POST", "/v1/redemptions", json=body).status_code == 200
    url = f"{central.url}/v1/admin/records/vouchers/{cancelled['id']}"
    put = requests.put(url, json=cancelled | {"state": "cancelled"}, headers=admin, timeout=5)
    assert put.status_code == 200
    assert shop.call("POST", "/v1/redemptions", json=body).status_code == 200  # a lost reply
    assert central.platform.records("vouchers")[cancelled["id"]]["state"] == "cancelled"
    assert shop.redeem(cancelled["code"], amount_cents=4_900).status_code == 409
    used = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    body = {"voucher": used["code"], "redemption_id": str(uuid.uuid4()), "amount_cents": 1_000}
    assert shop.call("POST", "/v1/redemptions", json=body).status_code == 200
    assert shop.redeem(used["code"], amount_cents=4_000).status_code == 200
    assert shop.call("POST", "/v1/redemptions", json=body).json()["amount_left_cents"] == 4_000
    assert central.platform.records("vouchers")[used["id"]]["state"] == "redeemed"
    # Nor by hand: a used-up voucher set back to "issued" would show usable at kiosks.
    current = central.platform.records("vouchers")[used["id"]]
    url = f"{central.url}/v1/admin/records/vouchers/{used['id']}"
    put = requests.put(url, json=current | {"state": "issued"}, headers=admin, timeout=5)
    assert put.status_code == 422 and "only cancelled" in put.json()["detail"]


def test_a_shop_enrolled_for_a_comune_takes_only_that_comune_s_buoni(central: Central) -> None:
    limena = central.platform.issue_voucher(CF, "limena", PROGRAMME, 5_000)
    piazzola = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    shop = Device(central, "merchant", comune="piazzola", programmes=[PROGRAMME])
    for reply in (
        shop.redeem(limena["code"], amount_cents=100),
        shop.call("GET", f"/v1/vouchers/{limena['code']}"),
    ):
        assert reply.status_code == 403 and "outside_scope" in reply.json()["detail"]
    assert shop.redeem(piazzola["code"], amount_cents=100).status_code == 200


def test_redeem_keeps_to_the_window_on_the_platforms_calendar(
    central: Central, platform_database: str
) -> None:
    """Issued on the 'today' of UTC+14; a platform on UTC-11 (always a day or two
    behind) refuses it as not yet valid, as ``voucher verify`` would there."""
    ahead = Platform(platform_database, time_zone="Pacific/Kiritimati")
    issued = ahead.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    behind = Platform(platform_database, time_zone="Pacific/Pago_Pago")
    shop_code = behind.new_enrollment_code("merchant", None, {"programmes": [PROGRAMME]})
    _id, token = behind.enroll(shop_code, "shop")
    shop = behind.device_for(token)
    assert shop is not None
    from central.voucher_authority import RedeemRequest, VoucherRefusedError

    with pytest.raises(VoucherRefusedError, match="is valid from"):
        behind.redeem(shop, issued["code"], RedeemRequest(str(uuid.uuid4()), None, 100))
    assert ahead.redeem(shop, issued["code"], RedeemRequest(str(uuid.uuid4()), None, 100))
    for platform in (ahead, behind):
        platform.engine.dispose()


def test_a_look_up_says_whether_the_voucher_is_good_today(
    central: Central, platform_database: str
) -> None:
    """``state`` stays "issued" on a voucher past its last day: a shop's till that
    trusted it showed an expired buono as good. The look-up also says whether a
    redemption would be taken today, and if not, why (the code a redemption gets)."""
    from central.api.wallet import voucher_status_of

    ahead = Platform(platform_database, time_zone="Pacific/Kiritimati")  # UTC+14
    behind = Platform(platform_database, time_zone="Pacific/Pago_Pago")  # UTC-11
    shop_code = behind.new_enrollment_code("merchant", None, {"programmes": [PROGRAMME]})
    _id, token = behind.enroll(shop_code, "shop")
    shop = behind.device_for(token)
    assert shop is not None
    last_day = behind.issue_voucher(CF, "piazzola", PROGRAMME, 5_000, valid_days=1)
    future = ahead.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)

    def seen(platform: Platform, code: str) -> tuple[str, bool, str | None]:
        status = voucher_status_of(platform.voucher_standing(shop, code), platform.today())
        return status.state, status.usable_today, status.refusal

    assert seen(behind, last_day["code"]) == ("issued", True, None)
    assert seen(ahead, last_day["code"]) == ("issued", False, "expired")
    assert seen(behind, future["code"]) == ("issued", False, "not_yet_valid")
    assert seen(ahead, future["code"]) == ("issued", True, None)
    for platform in (ahead, behind):
        platform.engine.dispose()
    # Over HTTP, as a shop's till reads it.
    http_shop = Device(central, "merchant", programmes=[PROGRAMME])
    good = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    answer = http_shop.call("GET", f"/v1/vouchers/{good['code']}").json()
    assert (answer["usable_today"], answer["refusal"]) == (True, None)
    taken = http_shop.redeem(good["code"], amount_cents=5_000).json()
    assert (taken["state"], taken["usable_today"], taken["refusal"]) == (
        "redeemed",
        False,
        "redeemed",
    )


def test_a_sample_voucher_is_refused_by_the_platform(central: Central) -> None:
    shop = Device(central, "merchant", programmes=[PROGRAMME])
    sample = encode(claims(), SAMPLE_SIGNER)
    refused = shop.redeem(sample, amount_cents=100)
    assert refused.status_code == 409 and "CAMPIONE – NON VALIDO" in refused.json()["detail"]
    kiosk, _signer = registered_kiosk(central)
    made = claims(amount_cents=None, service_id="s01", units=1)
    result = kiosk.purchase(
        purchase(holder(central), [voucher_entry(encode(made, SAMPLE_SIGNER), made)])
    )
    assert (result["status"], result["code"]) == ("rejected", "sample_voucher")
    reply = kiosk.call(
        "PUT", "/v1/device/signing-key", json={"public_key": public_key_text(SAMPLE_SIGNER)}
    )
    assert reply.status_code == 409 and "sample" in reply.json()["detail"]


@pytest.mark.parametrize("raw", [bytes(32), (1).to_bytes(32, "little")])
def test_a_key_of_small_order_is_never_registered_nor_published(
    central: Central, raw: bytes
) -> None:
    """Under such a key (the identity, the all-zero key) a fixed "signature" verifies
    for any voucher: published, it would let anyone make codes that pass offline."""
    kiosk = Device(central)
    text = base64.b64encode(raw).decode()
    reply = kiosk.call("PUT", "/v1/device/signing-key", json={"public_key": text})
    assert reply.status_code in (409, 422) and "small order" in reply.json()["detail"]
    published = kiosk.call("GET", "/v1/keys").json()["keys"]
    assert text not in [key["public_key"] for key in published]


def test_a_voucher_under_a_revoked_key_is_refused(central: Central) -> None:
    kiosk, signer = registered_kiosk(central)
    made = claims(amount_cents=None, service_id="s01", units=1)
    entry = voucher_entry(encode(made, signer), made)
    assert kiosk.purchase(purchase(holder(central), [entry]))["status"] == "accepted"
    central.platform.revoke_signing_key(signer.kid.hex())
    shop = Device(central, "merchant", services=["s01"])
    refused = shop.redeem(made.code)
    assert refused.status_code == 409 and "key_revoked" in refused.json()["detail"]
    keys = {k["kid"]: k for k in shop.call("GET", "/v1/keys").json()["keys"]}
    assert keys[signer.kid.hex()]["revoked"] is True
    platform_key = [k for k in keys.values() if k["signs"] == "any"]
    assert len(platform_key) == 1 and not platform_key[0]["revoked"]


def test_once_its_key_is_revoked_the_platform_signs_new_buoni_with_a_new_one(
    central: Central,
) -> None:
    """Revoking the platform's key says it may have leaked: buoni issued after that
    were signed with it all the same, shown usable in the citizen's wallet and refused
    by every shop."""
    before = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    shop = Device(central, "merchant", programmes=[PROGRAMME])
    keys = shop.call("GET", "/v1/keys").json()["keys"]
    [old] = [key["kid"] for key in keys if key["signs"] == "any"]
    admin = {"Authorization": f"Bearer {ADMIN}"}
    revoked = requests.post(f"{central.url}/v1/admin/keys/{old}/revoke", headers=admin, timeout=5)
    assert revoked.status_code == 200
    after = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    assert shop.redeem(after["signed_code"], amount_cents=100).status_code == 200
    assert shop.redeem(before["code"], amount_cents=100).status_code == 409  # key_revoked
    keys = {key["kid"]: key for key in shop.call("GET", "/v1/keys").json()["keys"]}
    assert keys[old]["revoked"] is True
    [new] = [kid for kid, key in keys.items() if key["signs"] == "any" and not key["revoked"]]
    assert new != old


def test_a_typed_code_is_found_however_it_is_typed(central: Central) -> None:
    issued = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    shop = Device(central, "merchant", programmes=[PROGRAMME])
    sloppy = issued["code"].replace("-", " ").lower().replace("0", "o").replace("1", "i")
    assert shop.call("GET", f"/v1/vouchers/{sloppy}").json()["code"] == issued["code"]
    typo = issued["code"][:-1] + ("A" if issued["code"][-1] != "A" else "B")
    wrong = shop.call("GET", f"/v1/vouchers/{typo}")
    assert wrong.status_code == 422 and "check character" in wrong.json()["detail"]


# Device tokens ----------------------------------------------------------------------------


def test_a_revoked_kiosk_stops_syncing_and_its_manager_reads_why(
    central: Central, store: Store
) -> None:
    client = enrolled_client(central)
    worker = SyncWorker(store, lambda: SyncEngine(store, client))
    assert worker.run_pass() is not None and worker.status.problem is None
    device = central.platform.devices()[-1]
    central.platform.revoke_device(device.id, "totem rubato, denuncia del 2 dicembre")
    worker.run_pass()
    assert worker.status.problem == "revoked"
    assert "disattivato dalla piattaforma" in worker.status.detail
    assert "totem rubato, denuncia del 2 dicembre" in worker.status.detail
    with pytest.raises(Exception, match="device_revoked"):
        client.rotate_token()  # nor can it get a new token
    client.close()


def test_a_rotated_token_replaces_the_old_one(central: Central) -> None:
    client = enrolled_client(central, signer=None)
    old = client._token
    new = client.rotate_token()
    stale = PlatformClient(central.url, token=old)
    stale.changes("catalog", "0", 10)  # the reply might have been lost: still valid...
    assert new != old
    client.changes("catalog", "0", 10)  # ...until the new one is used
    with pytest.raises(Exception, match="401"):
        stale.changes("catalog", "0", 10)
    stale.close()
    client.close()


def test_a_kiosk_swaps_an_old_token_when_it_connects(
    central: Central, store: Store, tmp_path: Path
) -> None:
    import os

    from kiosk.boot.syncing import rotate_if_old
    from sync.device import DeviceIdentity, load, save

    client = enrolled_client(central)
    path = tmp_path / "device.json"
    save(path, DeviceIdentity("d", str(client._token)))
    old = client._token
    rotate_if_old(path, load(path), client, 30)  # type: ignore[arg-type]
    assert load(path).token == old  # type: ignore[union-attr]  # young: kept
    month_ago = path.stat().st_mtime - 31 * 86_400
    os.utime(path, (month_ago, month_ago))
    rotate_if_old(path, load(path), client, 30)  # type: ignore[arg-type]
    assert load(path).token == client._token != old  # type: ignore[union-attr]
    client.changes("catalog", "0", 10)
    with pytest.raises(Exception, match="401"):
        PlatformClient(central.url, token=old).changes("catalog", "0", 10)
    client.close()


def test_a_token_swapped_but_not_kept_on_the_disk_is_not_used(
    central: Central, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk is full as the new token is saved: the kiosk goes on with the old one,
    which the platform honours until the new one is used. Used, it would retire the old
    one, and the next start would read a dead token from the file."""
    import os

    from kiosk.boot import syncing
    from sync.device import DeviceIdentity, load, save

    client = enrolled_client(central)
    path = tmp_path / "device.json"
    save(path, DeviceIdentity("d", str(client._token)))
    month_ago = path.stat().st_mtime - 31 * 86_400
    os.utime(path, (month_ago, month_ago))

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(syncing, "save", disk_full)
    with pytest.raises(OSError):
        syncing.rotate_if_old(path, load(path), client, 30)  # type: ignore[arg-type]
    client.changes("catalog", "0", 10)  # the kiosk goes on
    kept = load(path)
    assert kept is not None
    PlatformClient(central.url, token=kept.token).changes("catalog", "0", 10)  # a restart
    client.close()


def test_a_kiosk_running_for_weeks_swaps_its_old_token_without_a_restart(
    central: Central, store: Store, tmp_path: Path
) -> None:
    import os
    import time

    from kiosk.boot.config import parse_config
    from kiosk.boot.syncing import make_sync
    from sync.device import load

    config = parse_config(
        f'[kiosk]\nid = "kiosk-lim"\n[paths]\ndata_dir = "{tmp_path}"\n'
        f'[sync]\nplatform_url = "{central.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\n'
    )
    setup = make_sync(config, store)
    assert setup is not None
    try:
        setup.worker.run_pass()  # enrolled: a new token
        first = load(config.device_file)
        month_ago = time.time() - 31 * 86_400
        os.utime(config.device_file, (month_ago, month_ago))
        setup.worker.run_pass()  # the same process, weeks later
        second = load(config.device_file)
        assert first is not None and second is not None and second.token != first.token
        setup.worker.run_pass()
        assert setup.worker.failures == 0  # the new token works
    finally:
        setup.stop()
    with pytest.raises(Exception, match="401"):
        PlatformClient(central.url, token=first.token).changes("catalog", "0", 10)


def test_a_token_rotated_by_another_process_of_the_kiosk_is_taken_from_the_file(
    central: Central, store: Store, tmp_path: Path
) -> None:
    """``social-point sync --once`` run beside the kiosk rotates an old token, saves it
    and uses it, which retires the old one: the kiosk's running sync, still holding the
    old token, was refused on every pass until it restarted."""
    import os
    import time

    from kiosk.boot.config import parse_config
    from kiosk.boot.syncing import make_sync
    from store import outbox

    config = parse_config(
        f'[kiosk]\nid = "kiosk-two"\n[paths]\ndata_dir = "{tmp_path}"\n'
        f'[sync]\nplatform_url = "{central.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\n'
    )
    running = make_sync(config, store)
    assert running is not None
    try:
        running.worker.run_pass()  # enrolled
        month_ago = time.time() - 31 * 86_400
        os.utime(config.device_file, (month_ago, month_ago))
        by_hand = make_sync(config, store)  # the operator's pass, as `sync --once` runs it
        assert by_hand is not None
        by_hand.worker.run_pass()
        by_hand.stop()
        with store.write() as session:
            outbox.add(session, "event", {"type": "help_request"})
        running.worker.run_pass()  # refused with the old token; the file has the new one
        running.worker.run_pass()
        assert running.worker.failures == 0, running.worker.status
        assert running.worker.status.waiting == 0
    finally:
        running.stop()


def test_a_kiosk_enrolled_again_with_its_old_signing_key_still_syncs_the_rest(
    central: Central, store: Store, tmp_path: Path
) -> None:
    """Enrolled again (its device file lost, the store and the voucher key kept), the
    kiosk's key belongs to its old device: the platform refuses to register it (409),
    and the sync failed to connect on every pass, so nothing left the outbox at all."""
    from kiosk.boot.config import parse_config
    from kiosk.boot.syncing import make_sync
    from store import outbox

    config = parse_config(
        f'[kiosk]\nid = "kiosk-again"\n[paths]\ndata_dir = "{tmp_path}"\n'
        f'[sync]\nplatform_url = "{central.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\n'
    )
    first = make_sync(config, store)
    assert first is not None
    first.worker.run_pass()  # enrolled, its key registered
    first.stop()
    config.device_file.unlink()  # lost; a new code enrolls it again as a new device
    again = parse_config(
        f'[kiosk]\nid = "kiosk-again"\n[paths]\ndata_dir = "{tmp_path}"\n'
        f'[sync]\nplatform_url = "{central.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\n'
    )
    with store.write() as session:
        sent = outbox.add(session, "event", {"type": "help_request"})
    second = make_sync(again, store)
    assert second is not None
    try:
        second.worker.run_pass()
        assert second.worker.status.waiting == 0, second.worker.status
    finally:
        second.stop()
    assert sent in {s.uuid for s in central.platform.submissions()}


def test_a_kiosk_enrolled_again_gets_its_old_devices_answers_not_a_second_copy(
    central: Central,
) -> None:
    """A dead kiosk's store restored onto a new machine, enrolled with a new code after
    the dead one was revoked, sends what was waiting at the backup, which its old device
    had sent since: each was stored a second time (an application came back "tracking
    code taken"). The same record from another kiosk, or under the name of a kiosk
    still in service, is not taken for it."""
    old = Device(central, kiosk_id="piazzola-9", comune="piazzola")
    entry = {
        "uuid": str(uuid.uuid4()),
        "kind": "event",
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {"type": "help_request"},
    }

    def sent_by(device: Device) -> dict[str, Any]:
        reply = device.call("POST", "/v1/submissions", json={"entries": [entry]})
        assert reply.status_code == 200, reply.text
        answer: dict[str, Any] = reply.json()["results"][0]
        return answer

    first = sent_by(old)
    assert first["status"] == "accepted"
    # While the old device is in service, a device under its name is another kiosk.
    twin = sent_by(Device(central, kiosk_id="piazzola-9", comune="piazzola"))
    assert twin["server_id"] != first["server_id"]
    central.platform.revoke_device(old.id, "SD card failed; replaced")
    new = Device(central, kiosk_id="piazzola-9", comune="piazzola")
    again = sent_by(new)
    assert (again["status"], again["server_id"]) == ("accepted", first["server_id"])
    # Its receipt is its own: a restored platform takes the record back from it.
    from central.acceptance import Receipts
    from protocol.messages import submission_hash

    sha256 = submission_hash("event", entry["payload"])
    with central.platform.sessions() as session:
        receipts = Receipts(session)
        assert receipts.proves(new.id, entry["uuid"], sha256, first["server_id"], again["receipt"])
    copies = [s for s in central.platform.submissions() if s.uuid == entry["uuid"]]
    assert len(copies) == 2  # the old device's and the twin's, no third
    other = sent_by(Device(central, kiosk_id="limena-2", comune="limena"))
    assert other["server_id"] != first["server_id"]  # judged as its own, as ever


def test_one_key_cannot_be_registered_by_two_kiosks(central: Central, tmp_path: Path) -> None:
    first, signer = registered_kiosk(central)
    second = Device(central)
    taken = second.call(
        "PUT", "/v1/device/signing-key", json={"public_key": public_key_text(signer)}
    )
    assert taken.status_code == 409 and "another issuer" in taken.json()["detail"]
    shop = Device(central, "merchant")
    assert (
        shop.call(
            "PUT", "/v1/device/signing-key", json={"public_key": public_key_text(signer)}
        ).status_code
        == 403
    )
    del first, tmp_path


# Copies ----------------------------------------------------------------------------------


def test_a_reprinted_bearer_voucher_says_copy_and_is_counted_apart(
    central: Central, kiosk: SyncEngine
) -> None:
    issued = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    central.platform.set_wallet_pin(CF, PIN)
    kiosk.run_once()
    wallet = opened(kiosk.store, central, CF)
    context = SlipContext("SP", "Piazzola sul Brenta", "kiosk-test", datetime.now())
    with kiosk.store.write() as session:
        jobs = [print_voucher(session, wallet, issued["id"], context) for _ in range(3)]
        slips = [print_queue.get(session, job) for job in jobs]
        report = day_report(session, local_time.today(ROME), None, ROME)
    texts = [[e.text for e in s.slip.elements if isinstance(e, Text)] for s in slips if s]
    assert not any("COPIA" in line for line in texts[0])  # the first print is the original
    assert texts[1].count("COPIA n. 1") == 2 and texts[2].count("COPIA n. 2") == 2
    assert (report.vouchers, report.voucher_copies, report.vouchers_cents) == (1, 2, 5_000)
    kiosk.push()  # the platform hears of every print
    printed = [
        s.payload
        for s in central.platform.submissions()
        if s.kind == "event" and s.payload["type"] == "voucher_printed"
    ]
    assert [p["copy"] for p in printed] == [0, 1, 2]


# What a kiosk receives -------------------------------------------------------------------


def test_a_kiosk_receives_only_its_comunes_wallet_and_operators(
    central: Central, store: Store
) -> None:
    """Piazzola's wallets and operators never reach a kiosk of Limena."""
    central.platform.set_credit(CF, "Credito welfare", 5_000, "piazzola")
    piazzola = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    mine = central.platform.set_wallet_pin(CF, PIN, "piazzola")
    central.platform.set_credit("BNCMTT15B19G224I", "Credito welfare", 7_000, "limena")
    limena = central.platform.issue_voucher("BNCMTT15B19G224I", "limena", PROGRAMME, 2_500)
    theirs = central.platform.set_wallet_pin("BNCMTT15B19G224I", PIN, "limena")
    client = enrolled_client(central, comune="limena")
    engine = SyncEngine(store, client, page_size=2)
    engine.run_once()
    with store.read() as session:
        wallets = set(session.scalars(select(WalletEntry.id)))
        operators = set(session.scalars(select(Operator.id)))
    assert wallets == {theirs} and mine not in wallets
    wallet = opened(store, central, "BNCMTT15B19G224I")
    assert wallet.balance_cents == 7_000 and [v.id for v in wallet.vouchers] == [limena["id"]]
    every = central.platform.records("operators")
    assert operators == {
        op for op, r in every.items() if r.get("comuni") is None or "limena" in r["comuni"]
    }
    assert operators != set(every)  # Piazzola's own operators stay away
    # A voucher cancelled leaves the sealed wallet too.
    central.platform.publish("vouchers", limena | {"state": "cancelled"})
    engine.run_once()
    assert opened(store, central, "BNCMTT15B19G224I").vouchers == ()
    del piazzola
    client.close()


def test_a_kiosk_receives_exactly_its_comunes_records_whatever_the_ids_hold(
    central: Central,
) -> None:
    """A Comune is found in a scope character for character: ids that differ at a ``_``,
    a ``%`` or in case (a ``LIKE`` wildcard, and SQLite's LIKE ignores case) are other
    Comuni, whose wallets and operators stay away."""
    for number, comune in enumerate(("san_pietro", "san.pietro", "sanXpietro", "Limena")):
        central.platform.publish(
            "comuni",
            {"id": comune, "name": comune, "catastale": f"Z{number:03d}"}
            | {"province": "PD", "cap": "35010"},
        )
    wallets = {
        comune: central.platform.set_wallet_pin(cf, PIN, comune)
        for cf, comune in (
            ("RSSMRA80A01G224X", "san.pietro"),
            ("BNCMTT15B19G224I", "limena"),
            (CF, "sanXpietro"),
        )
    }
    operator = {
        "id": "4100",
        "name": "Di due Comuni",
        "organization": "x",
        "role": "welfare_manager",
        "pin_hash": hash_pin("246810"),
        "comuni": ["limena", "san.pietro"],
    }
    central.platform.publish("operators", operator)

    def seen(comune: str) -> set[str]:
        client = enrolled_client(central, comune=comune)
        ids = {
            item.id for s in ("wallet", "operators") for item in client.changes(s, "0", 500).items
        }
        client.close()
        return ids

    assert wallets["san.pietro"] not in seen("san_pietro")
    assert wallets["sanXpietro"] not in seen("san_pietro")
    assert {wallets["san.pietro"], "4100"} <= seen("san.pietro")
    assert not {wallets["limena"], "4100"} & seen("Limena")
    assert {wallets["limena"], "4100"} <= seen("limena")
    # The Comune a kiosk is enrolled for is an id, which holds no ``%``; the platform
    # matches any text exactly all the same.
    for comune in ("san%pietro", "%", "LIMENA", "san_", "|"):
        for stream in ("wallet", "operators"):
            page = json.loads(central.platform.changes(stream, 0, 500, comune))
            ids = {item["id"] for item in page["items"]}
            assert not ids & (set(wallets.values()) | {"4100"}), (comune, stream)


# Operators -------------------------------------------------------------------------------


def desk_order(session: Any, checkout: Checkout, kiosk_id: str = "kiosk-test") -> str:
    cart = Cart()
    cart.add(cart_line(session, "s01", 1))
    context = SlipContext("SP", "Piazzola sul Brenta", kiosk_id, datetime.now())
    return place_order(
        session, cart, checkout, context, KIOSK_SIGNER, datetime.now(UTC)
    ).outbox_uuid


def test_a_desk_payment_needs_proof_that_the_operator_logged_in_on_that_kiosk(
    central: Central, kiosk: SyncEngine
) -> None:
    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    with kiosk.store.write() as session:
        silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), rules).manager
        assert silvia is not None
        real = desk_order(session, Checkout("desk", None, "1001", "1001", silvia.proof_key))
        claimed = desk_order(session, Checkout("desk", None, "1001", "1001", b""))
        forged = desk_order(session, Checkout("desk", None, "1001", "1001", b"\x01" * 32))
        elsewhere = desk_order(
            session,
            Checkout("desk", None, "1001", "1001", silvia.proof_key),
            kiosk_id="kiosk-other",
        )
    kiosk.push()
    results = {s.uuid: s for s in central.platform.submissions()}
    assert results[real].status == "accepted"
    for refused in (claimed, forged, elsewhere):
        assert (results[refused].status, results[refused].code) == (
            "rejected",
            "unconfirmed_payment",
        )
    assert "logged in on this kiosk" in (results[forged].message or "")
    # The real order's proof again, under a new UUID, from a device enrolled under the
    # kiosk's name: one confirmed payment pays one order, never a second "desk-paid" one.
    paid = next(s.payload for s in central.platform.submissions() if s.uuid == real)
    replayed = {key: value for key, value in paid.items() if key != "vouchers"}
    twin = Device(central, kiosk_id="kiosk-test", comune="piazzola")
    answer = twin.purchase(replayed)
    assert (answer["status"], answer.get("code")) == ("rejected", "proof_used"), answer
    # Two copies of a new proof in one batch: the first pays, the second is refused (not
    # a batch that fails on the spent proof's key and comes back every sync).
    with central.platform.sessions() as session:
        key = bytes.fromhex(session.get(PlatformSecret, "operator:1001").value)
    order = "AC-TWICE001"
    message = f"desk|{order}|{replayed['total_cents']}|1001|kiosk-test".encode()
    unassisted = {name: value for name, value in replayed.items() if "assist" not in name}
    fresh = unassisted | {
        "order": order,
        "desk_proof": hmac.new(key, message, "sha256").hexdigest(),
    }
    entries = [
        {"uuid": str(uuid.uuid4()), "kind": "purchase", "created_at": datetime.now(UTC).isoformat()}
        | {"payload": fresh}
        for _ in range(2)
    ]
    reply = twin.call("POST", "/v1/submissions", json={"entries": entries})
    assert [(r["status"], r.get("code")) for r in reply.json()["results"]] == [
        ("accepted", None),
        ("rejected", "proof_used"),
    ], reply.text
    with kiosk.store.write() as session:
        again = desk_order(session, Checkout("desk", None, "1001", "1001", silvia.proof_key))
    kiosk.push()  # a new order confirmed by the operator is paid as the first was
    assert {s.uuid: s.status for s in central.platform.submissions()}[again] == "accepted"


def test_a_desk_payment_is_signed_only_for_the_order_the_operator_confirmed(
    central: Central, kiosk: SyncEngine
) -> None:
    """The operator's PIN confirms the money received for one order (2 x s01): another
    quantity, another service, a price a sync changed, another way to pay are refused
    before anything is written or signed; the platform, for its part, takes the proof
    for the total it was made for only."""
    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    context = SlipContext("SP", "Piazzola sul Brenta", "kiosk-test", datetime.now())

    def cart_of(session: Any, **quantities: int) -> Cart:
        cart = Cart()
        for service, quantity in quantities.items():
            cart.add(cart_line(session, service, quantity))
        return cart

    with kiosk.store.write() as session:
        silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), rules).manager
        assert silvia is not None
        confirmed = cart_of(session, s01=2).terms("desk")
        paid = Checkout(
            "desk", None, "1001", "1001", silvia.proof_key, desk_confirmed_for=confirmed
        )

        def refused(cart: Cart, checkout: Checkout = paid) -> str:
            with pytest.raises(CheckoutError) as refusal:
                place_order(session, cart, checkout, context, KIOSK_SIGNER, datetime.now(UTC))
            return refusal.value.reason

        assert refused(cart_of(session, s01=3)) == "desk_changed"
        assert refused(cart_of(session, s01=2, s02=1)) == "desk_changed"
        assert refused(cart_of(session, s02=2)) == "desk_changed"
        other_way = replace(confirmed, payment="provider")
        assert refused(cart_of(session, s01=2), replace(paid, desk_confirmed_for=other_way)) == (
            "desk_changed"
        )
        service = session.get(Service, "s01")
        assert service is not None
        service.price_cents += 200  # a sync brought a new price: the cart shows it
        assert refused(cart_of(session, s01=2)) == "desk_changed"
        service.price_cents -= 200
        assert (
            session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "purchase")).all() == []
        )
        placed = place_order(
            session, cart_of(session, s01=2), paid, context, KIOSK_SIGNER, datetime.now(UTC)
        )
    kiosk.push()
    [sent] = [s for s in central.platform.submissions() if s.uuid == placed.outbox_uuid]
    assert (sent.status, sent.payload["total_cents"]) == ("accepted", confirmed.total_cents)
    # The proof carried to another total of the same order (a line more) is not the
    # operator's (checked before whether it was spent): the platform refuses it.
    twin = Device(central, kiosk_id="kiosk-test", comune="piazzola")
    line = sent.payload["lines"][0]
    more = {key: value for key, value in sent.payload.items() if key != "vouchers"} | {
        "lines": [line | {"quantity": 3}],
        "total_cents": 3 * line["unit_price_cents"],
    }
    answer = twin.purchase(more)
    assert (answer["status"], answer.get("code")) == ("rejected", "unconfirmed_payment"), answer


def test_operator_pins_are_slow_to_search_and_the_platform_refuses_a_cheap_hash(
    central: Central, kiosk: SyncEngine
) -> None:
    operator = {
        "id": "4004",
        "name": "Debole",
        "organization": "x",
        "role": "welfare_manager",
        "pin_hash": hash_pin("246810", log2_n=12),
        "comuni": ["piazzola"],
    }
    with pytest.raises(PublishError, match="N of at least 2"):
        central.platform.publish("operators", operator)
    central.platform.publish("operators", operator | {"pin_hash": hash_pin("246810")})
    published = central.platform.records("operators")["4004"]["pin_hash"]
    assert published.startswith("scrypt$16$8$1$")
    assert len(published.rsplit("$", 1)[1]) == 43  # 32 bytes: the proof half stays home
    # Brute force at the kiosk hits its limit: locked after pin_attempts wrong PINs.
    kiosk.run_once()
    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    with kiosk.store.write() as session:
        tries = [log_in(session, "4004", f"{n:06d}", "piazzola", utcnow(), rules) for n in range(4)]
        right = log_in(session, "4004", "246810", "piazzola", utcnow(), rules)
    assert [t.problem for t in tries] == ["wrong", "wrong", "locked", "locked"]
    assert right.manager is None and right.problem == "locked"


# A citizen's wallet: the codice fiscale says whose, the wallet PIN says it is them -------


def test_a_codice_fiscale_alone_opens_no_wallet_from_a_kiosk_token_or_a_stolen_disk(
    central: Central, kiosk: SyncEngine, tmp_path: Path
) -> None:
    """The neighbour computed the citizen's codice fiscale: with a kiosk's token, the
    kiosk's disk and its keys, they find no balance, no voucher code, no match."""
    # A balance of seven digits: four ("4321") turned up by chance in the disk's bytes.
    central.platform.set_credit(CF, "Credito welfare", 9_876_543)
    issued = central.platform.issue_voucher(CF, "piazzola", PROGRAMME, 5_000)
    locator = central.platform.set_wallet_pin(CF, PIN)
    kiosk.run_once()
    secrets_in_clear = [issued["code"], issued["signed_code"][4:40], "9876543", "Credito welfare"]
    # The kiosk token reads the wallet stream: sealed only; the ledger is no stream.
    thief = Device(central)
    page = thief.call("GET", "/v1/changes/wallet").text
    assert locator in page and not any(text in page for text in secrets_in_clear)
    assert thief.call("GET", "/v1/changes/ledger").status_code == 404
    # The stolen disk: the database file holds neither the codes nor the balance.
    kiosk.store.close()
    files = [p for p in tmp_path.rglob("kiosk.sqlite3*") if p.is_file()]
    disk = b"".join(p.read_bytes() for p in files)
    assert any(p.name.startswith(kiosk.store.path.name) for p in files), files
    assert [t for t in secrets_in_clear if t.encode() in disk] == [], files
    assert locator.encode() in disk
    # The codice fiscale with the kiosk's lookup key names no wallet (the old holder key).
    from forms.lookup import holder_key

    assert holder_key(central.platform.lookup_secret(), CF).encode() not in disk
    reopened = Store(kiosk.store.path)
    try:
        wrong = try_wallet(reopened, central, CF, "111111")
        assert isinstance(wrong, WalletRefusal) and wrong.reason == "wrong"
        right = opened(reopened, central, CF)
        assert right.balance_cents == 9_876_543
        assert [v.code for v in right.vouchers] == [issued["code"]]
    finally:
        reopened.close()


def test_wrong_wallet_pins_lock_it_at_the_kiosk_then_on_every_kiosk_until_the_pin_is_reset(
    central: Central, kiosk: SyncEngine, tmp_path: Path
) -> None:
    central.platform.set_credit(CF, "Credito welfare", 5_000)
    central.platform.set_wallet_pin(CF, PIN)
    kiosk.run_once()
    own = bytes.fromhex(kiosk.client.lookup_key())  # wrong PINs are reported under it
    guesses = [try_wallet(kiosk.store, central, CF, f"{n:06d}", own) for n in range(KIOSK_ATTEMPTS)]
    assert [g.reason for g in guesses if isinstance(g, WalletRefusal)] == ["wrong"] * (
        KIOSK_ATTEMPTS - 1
    ) + ["locked_here"]
    assert [g.left for g in guesses[:2] if isinstance(g, WalletRefusal)] == [4, 3]
    right = try_wallet(kiosk.store, central, CF, lookup_key=own)  # the right PIN waits, here
    assert isinstance(right, WalletRefusal) and right.reason == "locked_here"
    kiosk.push()  # the platform hears of every wrong PIN
    assert central.platform.wallet_holder(CF).failures == KIOSK_ATTEMPTS  # type: ignore[union-attr]
    # A second kiosk: the rest of the network's allowance, then the wallet locks everywhere.
    other = Store(tmp_path / "other.sqlite3")
    second = SyncEngine(other, enrolled_client(central))
    second.run_once()
    second_key = bytes.fromhex(second.client.lookup_key())
    for n in range(NETWORK_ATTEMPTS - KIOSK_ATTEMPTS):
        try_wallet(other, central, CF, f"{n + 100:06d}", second_key)
    second.push()
    assert central.platform.wallet_holder(CF).locked_at is not None  # type: ignore[union-attr]
    other.close()
    other = Store(tmp_path / "third.sqlite3")  # any kiosk of the network, even a new one
    second = SyncEngine(other, enrolled_client(central))
    second.run_once()
    locked = try_wallet(other, central, CF)  # the right PIN
    assert isinstance(locked, WalletRefusal) and locked.reason == "locked"
    # A kiosk token cannot clear the count: a "wallet opened" claim needs the wallet's proof.
    forged = {"type": "wallet_opened", "wallet": central.platform.wallet_holder(CF).locator}  # type: ignore[union-attr]
    Device(central).call(
        "POST",
        "/v1/submissions",
        json={
            "entries": [
                {
                    "uuid": str(uuid.uuid4()),
                    "kind": "event",
                    "created_at": datetime.now(UTC).isoformat(),
                    "payload": forged | {"proof": "0" * 64, "at": "x"},
                }
            ]
        },
    )
    assert central.platform.wallet_holder(CF).locked_at is not None  # type: ignore[union-attr]
    # The Comune sends a new letter: a new PIN opens the wallet again.
    central.platform.set_wallet_pin(CF, "735190")
    second.run_once()
    assert opened(other, central, CF, "735190").balance_cents == 5_000
    other.close()


def test_wrong_wallet_pins_reported_by_two_kiosks_at_once_are_both_counted(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: a batch of events takes the writers' lock only for its first change;
    each report read the count, added one and wrote it back, so two kiosks reporting at
    once counted one, and many kiosks guessing together stayed under the lock."""
    if central.platform.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: BEGIN IMMEDIATE")
    central.platform.set_wallet_pin(CF, PIN)
    kiosks = [Device(central, kiosk_id=f"kiosk-{n}") for n in range(2)]
    counted, release = threading.Event(), threading.Event()
    # the first report counted, not yet committed
    held = first_call_held(platform_wallet.wallet_event, counted, release)
    monkeypatch.setattr(platform_wallet, "wallet_event", held)
    answers: list[int] = []

    def report(kiosk: Device) -> None:
        tag = holder_key(central.platform.kiosk_lookup_secret(kiosk.id), CF)
        entry = {
            "uuid": str(uuid.uuid4()),
            "kind": "event",
            "created_at": datetime.now(UTC).isoformat(),
            "payload": {"type": "wallet_pin_failed", "holder": tag},
        }
        answers.append(kiosk.call("POST", "/v1/submissions", json={"entries": [entry]}).status_code)

    first = threading.Thread(target=report, args=(kiosks[0],))
    first.start()
    second = threading.Thread(target=report, args=(kiosks[1],))
    try:
        assert counted.wait(10)
        second.start()
        # The second report is counted, or waits for the first one's turn to end.
        eventually(lambda: answers or someone_waits_on_a_lock(central))
    finally:
        release.set()
        first.join(30)
        second.join(30)
    assert answers == [200, 200]
    assert central.platform.wallet_holder(CF).failures == 2  # type: ignore[union-attr]


def test_a_batch_of_wrong_pin_reports_costs_one_hmac_per_holder_not_per_report(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each report looked its holder up by one HMAC per wallet holder of the Comune, in
    the writers' turn: 500 reports from one kiosk token, at 20,000 holders, held every
    other write of the platform for minutes."""
    holders = [CF, "RSSMRA80A01G224K", "BNCGNN50A01G224P"]
    for cf in holders:
        central.platform.set_wallet_pin(cf, PIN)
    kiosk = Device(central)
    made = 0
    real = kiosk_lookup.holder_key

    def counted(key: bytes, cf: str) -> str:
        nonlocal made
        made += 1
        return real(key, cf)

    monkeypatch.setattr(kiosk_lookup, "holder_key", counted)
    tag = holder_key(central.platform.kiosk_lookup_secret(kiosk.id), CF)
    reports = 8
    entries = [
        {
            "uuid": str(uuid.uuid4()),
            "kind": "event",
            "created_at": datetime.now(UTC).isoformat(),
            "payload": {"type": "wallet_pin_failed", "holder": tag},
        }
        for _ in range(reports)
    ]
    entries.append(
        entries[-1]
        | {"uuid": str(uuid.uuid4())}
        | {"payload": {"type": "wallet_pin_failed", "holder": "0" * 64}}
    )
    reply = kiosk.call("POST", "/v1/submissions", json={"entries": entries})
    assert reply.status_code == 200
    assert central.platform.wallet_holder(CF).failures == reports  # type: ignore[union-attr]
    assert made <= len(holders)  # once per holder for the whole batch


def test_proofs_in_text_outside_ascii_are_refused_not_retried(central: Central) -> None:
    """A proof compared with the platform's own raised on "é" (Python compares only ASCII
    text in constant time): the entry was answered "retry" on every push, for ever."""
    central.platform.set_wallet_pin(CF, PIN)
    locator = central.platform.wallet_holder(CF).locator  # type: ignore[union-attr]
    kiosk = Device(central)
    for payload in (
        {"type": "wallet_opened", "wallet": locator, "proof": "é" * 64, "at": "x"},
        {"type": "wallet_opened", "wallet": locator, "proof": "\ud800", "at": "x"},
    ):
        entry = {
            "uuid": str(uuid.uuid4()),
            "kind": "event",
            "created_at": datetime.now(UTC).isoformat(),
            "payload": payload,
        }
        reply = kiosk.call("POST", "/v1/submissions", json={"entries": [entry]})
        assert reply.status_code == 200, reply.text
        assert reply.json()["results"][0]["status"] != "retry"


def test_a_credit_purchase_needs_the_citizens_wallet_pin_not_the_wallet_locator(
    central: Central, kiosk: SyncEngine
) -> None:
    central.platform.set_credit(CF, "Credito welfare", 5_000)
    locator = central.platform.set_wallet_pin(CF, PIN)
    thief = Device(central)  # reads the locator on the wallet stream, as any kiosk can
    spend = purchase(None, []) | {"payment": "credit", "holder": locator}
    bare = thief.purchase(spend)
    forged = thief.purchase(spend | {"wallet_proof": "ab" * 32})
    # Text outside ASCII made the comparison raise: answered "retry" for ever.
    accented = thief.purchase(spend | {"wallet_proof": "é" * 64})
    from forms.lookup import holder_key

    by_cf = thief.purchase(spend | {"holder": holder_key(central.platform.lookup_secret(), CF)})
    assert (bare["code"], forged["code"], by_cf["code"]) == (
        "unconfirmed_holder",
        "unconfirmed_holder",
        "unknown_wallet",
    )
    assert accented["status"] == "rejected"  # never "retry"
    assert (
        central.platform.records("credits")[holder_key(central.platform.lookup_secret(), CF)][
            "balance_cents"
        ]
        == 5_000
    )
    # The citizen, with their PIN, at a kiosk: accepted and debited.
    pay_by_credit_with_the_pin(central, kiosk)
    assert opened(kiosk.store, central, CF).balance_cents == 5_000 - 1300


def pay_by_credit_with_the_pin(central: Central, kiosk: SyncEngine) -> None:
    """The citizen opens their wallet with the PIN and buys s01 on credit; it is sent."""
    kiosk.run_once()
    wallet = opened(kiosk.store, central, CF)
    with kiosk.store.write() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 1))
        context = SlipContext("SP", "Piazzola sul Brenta", "kiosk-test", datetime.now())
        place_order(
            session, cart, Checkout("credit", wallet), context, KIOSK_SIGNER, datetime.now(UTC)
        )
    kiosk.run_once()


def test_a_wallet_pin_proof_pays_one_order_once_whoever_sends_it_again(
    central: Central, kiosk: SyncEngine
) -> None:
    """The proof that the citizen typed their PIN names an order, a total and a kiosk,
    all the sending device's choice: the same order sent again under a new UUID (its
    service vouchers left out, so none is issued twice), by that kiosk or by another
    device enrolled with the same kiosk name, pays nothing more."""
    central.platform.set_credit(CF, "Credito welfare", 5_000)
    central.platform.set_wallet_pin(CF, PIN)
    pay_by_credit_with_the_pin(central, kiosk)
    assert opened(kiosk.store, central, CF).balance_cents == 5_000 - 1300

    [order] = [s.payload for s in central.platform.submissions() if s.kind == "purchase"]
    replay = {**order, "vouchers": []}
    now = datetime.now(UTC).isoformat()
    [by_the_kiosk] = kiosk.client.submit([Submission(str(uuid.uuid4()), "purchase", now, replay)])
    assert (by_the_kiosk.accepted, by_the_kiosk.code) == (False, "proof_used")
    twin = Device(central, kiosk_id="kiosk-test")  # the same kiosk name, another device
    assert twin.purchase(replay)["code"] == "proof_used"
    kiosk.run_once()
    assert opened(kiosk.store, central, CF).balance_cents == 5_000 - 1300


def pin_request(
    central: Central, kiosk: SyncEngine, proof_key: bytes, pin: str, **changes: Any
) -> dict[str, Any]:
    issued_at = changes.pop("issued_at", datetime.now(UTC)).isoformat()
    body = {
        "codice_fiscale": CF,
        "pin": pin,
        "operator": "1001",
        "document": "carta d'identità",
        "issued_at": issued_at,
        "login_proof": pin_set_proof(proof_key, "kiosk-test", "1001", CF, pin, issued_at),
    }
    return body | changes


def test_a_wallet_pin_is_set_at_a_kiosk_only_with_an_operators_login_proof(
    central: Central, kiosk: SyncEngine
) -> None:
    central.platform.set_credit(CF, "Credito welfare", 2_500)
    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    with kiosk.store.write() as session:
        silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), rules).manager
    assert silvia is not None
    token = str(vars(kiosk.client)["_token"])  # the kiosk's own device token
    url = f"{central.url}/v1/device/wallet-pin"

    def send(body: dict[str, Any], bearer: str = token) -> requests.Response:
        return requests.post(
            url, json=body, headers={"Authorization": f"Bearer {bearer}"}, timeout=10
        )

    claimed = send(pin_request(central, kiosk, b"\x00" * 32, "582941"))
    stale = send(
        pin_request(
            central,
            kiosk,
            silvia.proof_key,
            "582941",
            issued_at=datetime.now(UTC) - timedelta(hours=1),
        )
    )
    other_pin = send(pin_request(central, kiosk, silvia.proof_key, "582941") | {"pin": "999111"})
    accented = send(
        pin_request(central, kiosk, silvia.proof_key, "582941") | {"login_proof": "é" * 64}
    )
    shop = Device(central, "merchant", services=["s01"])
    as_shop = send(pin_request(central, kiosk, silvia.proof_key, "582941"), shop.token)
    assert [r.status_code for r in (claimed, stale, other_pin, as_shop)] == [403] * 4
    assert accented.status_code == 422  # refused by its shape, never a 500
    naive = datetime.now(UTC).replace(tzinfo=None).isoformat()  # no offset: was a 500
    unzoned = send(pin_request(central, kiosk, silvia.proof_key, "582941") | {"issued_at": naive})
    assert unzoned.status_code == 422
    entry = {
        "uuid": str(uuid.uuid4()),
        "kind": "wallet_pin",
        "created_at": datetime.now(UTC).isoformat(),
        "payload": pin_request(central, kiosk, silvia.proof_key, "582941") | {"issued_at": naive},
    }
    answered = requests.post(
        f"{central.url}/v1/submissions",
        json={"entries": [entry]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()["results"][0]
    assert answered["status"] == "rejected"  # never "retry" for ever
    assert "unconfirmed_operator" in claimed.text and "stale_proof" in stale.text
    assert central.platform.wallet_holder(CF) is None
    done = send(pin_request(central, kiosk, silvia.proof_key, "582941"))
    assert done.status_code == 200, done.text
    row = central.platform.wallet_holder(CF)
    assert row is not None and (row.set_by, row.document) == ("1001", "carta d'identità")
    kiosk.run_once()
    assert opened(kiosk.store, central, CF, "582941").balance_cents == 2_500


def test_a_kiosk_never_sets_the_pin_of_another_comunes_wallet(
    central: Central, tmp_path: Path
) -> None:
    """A PIN set at a Social Point hands the wallet to that Comune's kiosks: a wallet of
    Limena (its credit and buoni) is neither reset nor moved by a kiosk of Piazzola and
    its operator, directly or through the outbox; one of Piazzola still is."""
    limena_cf, piazzola_cf = CF, "BNCGNN50A01G224P"
    central.platform.set_credit(limena_cf, "Buoni Limena", 3_000, comune="limena")
    limena_locator = central.platform.set_wallet_pin(limena_cf, "135790", comune="limena")
    central.platform.set_wallet_pin(piazzola_cf, "135790", comune="piazzola")
    client = enrolled_client(central, comune="piazzola")
    kiosk = SyncEngine(Store(tmp_path / "piazzola.sqlite3"), client, page_size=50)
    kiosk.run_once()
    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    with kiosk.store.write() as session:
        silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), rules).manager
    assert silvia is not None
    headers = {"Authorization": f"Bearer {vars(client)['_token']}"}

    def request(codice_fiscale: str) -> dict[str, Any]:
        issued_at = datetime.now(UTC).isoformat()
        proof = pin_set_proof(
            silvia.proof_key, "kiosk-test", "1001", codice_fiscale, "582941", issued_at
        )
        return pin_request(central, kiosk, silvia.proof_key, "582941") | {
            "codice_fiscale": codice_fiscale,
            "issued_at": issued_at,
            "login_proof": proof,
        }

    direct = requests.post(
        f"{central.url}/v1/device/wallet-pin", json=request(limena_cf), headers=headers, timeout=10
    )
    entry = {
        "uuid": str(uuid.uuid4()),
        "kind": "wallet_pin",
        "created_at": datetime.now(UTC).isoformat(),
        "payload": request(limena_cf),
    }
    queued = requests.post(
        f"{central.url}/v1/submissions", json={"entries": [entry]}, headers=headers, timeout=10
    ).json()["results"][0]
    assert direct.status_code == 403 and "other_comune" in direct.text
    assert (queued["status"], queued["code"]) == ("rejected", "other_comune")
    wallet = central.platform.wallet_holder(limena_cf)
    assert wallet is not None
    assert (wallet.comune, wallet.locator, wallet.set_by) == ("limena", limena_locator, "comune")
    own = requests.post(
        f"{central.url}/v1/device/wallet-pin",
        json=request(piazzola_cf),
        headers=headers,
        timeout=10,
    )
    assert own.status_code == 200, own.text
    kiosk.store.close()
    client.close()


def pin_set_at_piazzola(central: Central, tmp_path: Path) -> requests.Response:
    """Silvia, logged in on a Piazzola kiosk, sets CF's wallet PIN there."""
    client = enrolled_client(central, comune="piazzola")
    kiosk = SyncEngine(Store(tmp_path / "piazzola.sqlite3"), client, page_size=50)
    try:
        kiosk.run_once()
        rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
        with kiosk.store.write() as session:
            silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), rules).manager
        assert silvia is not None
        return requests.post(
            f"{central.url}/v1/device/wallet-pin",
            json=pin_request(central, kiosk, silvia.proof_key, "582941"),
            headers={"Authorization": f"Bearer {vars(client)['_token']}"},
            timeout=10,
        )
    finally:
        kiosk.store.close()
        client.close()


def test_a_comunes_grant_does_not_wipe_an_unspent_credit_of_the_whole_network(
    central: Central,
) -> None:
    """A credit the platform granted for every Comune is no Comune's to replace: one
    Comune admitting an application that names the (computable) codice fiscale wiped
    it."""
    central.platform.set_credit(CF, "Credito welfare", 50_000)  # the network's, unspent
    with pytest.raises(PublishError):
        central.platform.set_credit(CF, "Credito Limena", 100, comune="limena")
    key = holder_key(central.platform.lookup_secret(), CF)
    assert central.platform.records("credits")[key]["balance_cents"] == 50_000
    central.platform.set_credit(CF, "Credito welfare", 20_000)  # the network sets its own


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/admin/devices/a%00b/revoke", {"reason": "stolen"}),
        ("DELETE", "/v1/admin/records/services/a%00b", None),
        ("GET", "/v1/admin/records/a%00b", None),
        ("POST", "/v1/admin/keys/a%00b/revoke", None),
        ("POST", "/v1/admin/applications/A%00B/status", {"state": "admitted"}),
    ],
)
def test_a_nul_in_an_address_or_a_text_is_refused_plainly_on_either_database(
    central: Central, method: str, path: str, body: dict[str, Any] | None
) -> None:
    """PostgreSQL refuses a NUL in text, where SQLite takes it: a NUL past the checks
    (an id in the address, a reason, a username) was a 500 on one database only."""
    admin = {"Authorization": f"Bearer {ADMIN}"}
    reply = requests.request(method, central.url + path, headers=admin, json=body, timeout=20)
    assert reply.status_code < 500, (reply.status_code, reply.text)
    kiosk = Device(central)
    revoked = requests.post(
        f"{central.url}/v1/admin/devices/{kiosk.id}/revoke",
        headers=admin,
        json={"reason": "stolen\x00"},
        timeout=20,
    )
    assert revoked.status_code < 500, revoked.text
    login = requests.post(
        f"{central.url}/desk/login",
        data={"csrf": "0" * 64, "username": "a\x00b", "password": "x" * 12},
        timeout=20,
    )
    assert login.status_code < 500


@pytest.mark.parametrize("name", ["x" * 600, "a\x00b"])
def test_a_record_with_an_odd_field_name_is_refused_not_sent_again_for_ever(
    central: Central, name: str
) -> None:
    """The refusal names the unknown field as sent: with hundreds of characters or a
    NUL, its row could not be written on PostgreSQL, and the entry was answered "retry"
    on every push instead of refused."""
    answer = Device(central).submit("purchase", purchase("0" * 64, []) | {name: 1})
    assert answer["status"] == "rejected", answer


def test_a_wallet_opening_sent_again_does_not_clear_the_count_of_wrong_pins_again(
    central: Central,
) -> None:
    """A "wallet opened" event clears the network's count of wrong PINs. Events are not
    sealed on a kiosk's disk: one opening kept and sent again after every nine wrong PINs
    kept the wallet from ever locking. Each opening clears the count once."""
    central.platform.set_wallet_pin(CF, PIN)
    kiosk = Device(central)  # its name is "kiosk-x"
    lookup = bytes.fromhex(kiosk.call("GET", "/v1/device/lookup-key").json()["lookup_key"])
    tag = holder_key(lookup, CF)
    at = "2026-12-05T10:00:00+00:00"
    opened = {
        "type": "wallet_opened",
        "wallet": central.platform.wallet_holder(CF).locator,  # type: ignore[union-attr]
        "at": at,
        "proof": opened_proof(wallet_key(CF, PIN).proof_key, "kiosk-x", at),
    }

    def report(payload: dict[str, Any]) -> None:
        assert kiosk.submit("event", payload)["status"] == "accepted"

    for _ in range(NETWORK_ATTEMPTS - 1):
        report({"type": "wallet_pin_failed", "holder": tag})
    report(opened)  # a real opening: the count starts again
    assert central.platform.wallet_holder(CF).failures == 0  # type: ignore[union-attr]
    for _ in range(NETWORK_ATTEMPTS - 1):
        report({"type": "wallet_pin_failed", "holder": tag})
    report(opened)  # the same opening, sent again: no new proof of the PIN
    report({"type": "wallet_pin_failed", "holder": tag})
    assert central.platform.wallet_holder(CF).locked_at is not None  # type: ignore[union-attr]


def test_a_wallet_of_no_comune_holding_another_comunes_money_is_not_taken_over(
    central: Central, tmp_path: Path
) -> None:
    """A PIN the platform set without naming a Comune leaves the wallet of none: a
    Piazzola kiosk resetting it moved Limena's credit to Piazzola's kiosks. Such a
    wallet is judged as one not made yet: by whose money it holds."""
    central.platform.set_credit(CF, "Credito Limena", 30_000, comune="limena")
    central.platform.set_wallet_pin(CF, "135790")  # no Comune named
    answer = pin_set_at_piazzola(central, tmp_path)
    assert answer.status_code == 403 and "other_comune" in answer.text
    wallet = central.platform.wallet_holder(CF)
    assert wallet is not None and wallet.comune is None


def test_expired_buoni_of_another_comune_do_not_keep_the_first_pin_from_this_one(
    central: Central, tmp_path: Path
) -> None:
    """Vouchers keep the state "issued" after their last day: an expired buono of
    Limena is no money of Limena's, and the citizen's own Comune sets the PIN."""
    issued = central.platform.issue_voucher(CF, "limena", "Buoni spesa Limena", 15_000)
    with central.platform.writing() as session:
        row = session.get(Record, ("vouchers", issued["id"]))
        assert row is not None
        row.data = {**row.data, "valid_until": "2020-01-31"}
    answer = pin_set_at_piazzola(central, tmp_path)
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize("money", ["credit", "voucher"])
def test_the_first_pin_of_a_citizen_with_another_comunes_money_is_set_there_only(
    central: Central, tmp_path: Path, money: str
) -> None:
    """No wallet yet (the Comune's letter not sent): the first PIN decides which
    Comune's kiosks receive it. A Piazzola kiosk setting it for a citizen whose credit or
    buoni Limena gave sent Limena's money to Piazzola's kiosks, and refused Limena's own
    from then on."""
    if money == "credit":
        central.platform.set_credit(CF, "Credito Limena", 30_000, comune="limena")
    else:
        central.platform.issue_voucher(CF, "limena", "Buoni spesa Limena", 15_000)
    answer = pin_set_at_piazzola(central, tmp_path)
    assert answer.status_code == 403 and "other_comune" in answer.text
    assert central.platform.wallet_holder(CF) is None
    limena = central.platform.set_wallet_pin(CF, "135790", comune="limena")  # its letter
    assert central.platform.wallet_holder(CF).locator == limena  # type: ignore[union-attr]


@pytest.mark.parametrize("money", ["credit", "voucher"])
def test_a_comune_never_puts_its_money_in_another_comunes_wallet(
    central: Central, money: str
) -> None:
    """A wallet is sealed for its own Comune's kiosks: Limena's credit or buono in a
    wallet whose PIN Piazzola set was spent at Piazzola, and at Limena the citizen's
    right PIN was called wrong (and counted toward the lock). Refused, by the Python
    API and the admin API alike, as a kiosk never sets another Comune's wallet's PIN;
    the wallet's own Comune, the network (no Comune) and a wallet of no Comune still
    get their money in."""

    def grant(cf: str, comune: str | None) -> requests.Response:
        body: dict[str, Any] = {"cf": cf, "programme": "Credito", "comune": comune}
        if money == "credit":
            path, body["balance_cents"] = "/v1/admin/credits", 8_000
        else:
            path, body["amount_cents"] = "/v1/admin/vouchers", 2_500
            body["request_id"] = str(uuid.uuid4())
        headers = {"Authorization": f"Bearer {ADMIN}"}
        return requests.post(central.url + path, json=body, headers=headers, timeout=10)

    central.platform.set_wallet_pin(CF, PIN, comune="piazzola")
    before = [central.platform.records(kind) for kind in ("wallets", "credits", "vouchers")]
    answer = grant(CF, "limena")
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"].startswith("other_comune: ")
    assert "belongs to another Comune" in answer.text
    with pytest.raises(PublishError, match="belongs to another Comune") as refused:
        if money == "credit":
            central.platform.set_credit(CF, "Credito Limena", 8_000, "limena")
        else:
            central.platform.issue_voucher(CF, "limena", "Buoni Limena", 2_500)
    assert refused.value.code == "other_comune"
    after = [central.platform.records(kind) for kind in ("wallets", "credits", "vouchers")]
    assert after == before  # nothing of Limena's in the wallet, nor in the ledger
    # The wallet's own Comune grants, and so does the network for a credit; a wallet
    # whose PIN named no Comune takes any Comune's.
    assert grant(CF, "piazzola").status_code == 200
    if money == "credit":
        assert grant(CF, None).status_code == 200
    central.platform.set_wallet_pin("BNCGNN50A01G224P", PIN)
    assert grant("BNCGNN50A01G224P", "limena").status_code == 200


def test_a_pin_set_for_one_comune_never_carries_another_comunes_money(central: Central) -> None:
    """The Comune's letter names the Comune whose kiosks get the wallet: naming Piazzola
    for a citizen holding Limena's credit or buono took that money to Piazzola's kiosks
    (and away from Limena's). Refused, as a kiosk of another Comune is; their own
    Comune's, or a wallet of no Comune, is set."""
    headers = {"Authorization": f"Bearer {ADMIN}"}
    other = "BNCGNN50A01G224P"
    central.platform.set_credit(CF, "Credito Limena", 8_000, "limena")
    central.platform.issue_voucher(other, "limena", "Buoni Limena", 2_500)
    for cf in (CF, other):
        answer = requests.post(
            central.url + "/v1/admin/wallet-pins",
            json={"cf": cf, "pin": PIN, "comune": "piazzola"},
            headers=headers,
            timeout=10,
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["detail"].startswith("other_comune: ") and "limena" in answer.text
    assert central.platform.records("wallets") == {}
    assert central.platform.set_wallet_pin(CF, PIN, "limena")
    assert central.platform.set_wallet_pin(other, PIN)  # no Comune named: every kiosk


def test_assisted_by_on_a_purchase_needs_the_operators_login_on_that_kiosk(
    central: Central, kiosk: SyncEngine
) -> None:
    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    with kiosk.store.write() as session:
        silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), rules).manager
        assert silvia is not None
        proven = desk_order(
            session, Checkout("provider", None, "1001", assisted_proof_key=silvia.proof_key)
        )
        claimed = desk_order(session, Checkout("provider", None, "1001"))
        elsewhere = desk_order(
            session,
            Checkout("provider", None, "1001", assisted_proof_key=silvia.proof_key),
            kiosk_id="kiosk-other",
        )
    kiosk.push()
    results = {s.uuid: s for s in central.platform.submissions()}
    assert results[proven].status == "accepted"
    for refused in (claimed, elsewhere):
        assert (results[refused].status, results[refused].code) == (
            "rejected",
            "unconfirmed_assistance",
        )


def test_a_login_proof_made_before_the_operators_pin_changed_is_still_theirs(
    central: Central, kiosk: SyncEngine
) -> None:
    """An assisted application and a desk payment made offline, then the operator's PIN
    changed on the platform before the kiosk was back: both were refused for good
    ("unconfirmed_assistance"), proven with the key of the PIN in force when made. A
    proof with the old key made after the change is still refused."""
    from kiosk.core.applying import tracking_code
    from store import outbox
    from tests.sync.helpers import application
    from vouchers.wallet_key import assisted_proof

    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    with kiosk.store.write() as session:
        silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), rules).manager
        assert silvia is not None
        code = tracking_code()
        proof = assisted_proof(silvia.proof_key, code, "1001", "kiosk-test")
        assisted = outbox.add(
            session,
            "application",
            application(
                kiosk,
                channel="kiosk_assisted",
                assisted_by="1001",
                tracking_code=code,
                assisted_proof=proof,
            ),
        )
        paid = desk_order(session, Checkout("desk", None, "1001", "1001", silvia.proof_key))
    record = dict(central.platform.records("operators")["1001"])
    central.platform.publish("operators", record | {"pin_hash": hash_pin("135790")})
    kiosk.push()  # the network is back
    results = {s.uuid: s for s in central.platform.submissions()}
    assert (results[assisted].status, results[paid].status) == ("accepted", "accepted")
    # The old PIN's key, used after the change. The change is moved an hour back rather
    # than waiting: the kiosk's clock skew is measured from whole-second HTTP dates and
    # a loaded machine's delays, so a record made a second later may be placed before it.
    from central.models import RetiredProofKey

    with central.platform.sessions.begin() as session:
        for retired in session.scalars(select(RetiredProofKey)):
            retired.retired_at -= timedelta(hours=1)
    with kiosk.store.write() as session:
        late = desk_order(session, Checkout("desk", None, "1001", "1001", silvia.proof_key))
    kiosk.push()
    results = {s.uuid: s for s in central.platform.submissions()}
    assert (results[late].status, results[late].code) == ("rejected", "unconfirmed_payment")
    # A week after the change, the old PIN's proof is refused however old the record
    # says it is (its moment is the sender's word: a leaked PIN is why it was changed).
    with central.platform.sessions.begin() as session:
        for retired in session.scalars(select(RetiredProofKey)):
            retired.retired_at -= timedelta(days=8)
    paid_payload = next(s.payload for s in central.platform.submissions() if s.uuid == paid)
    order = "AC-BACKDATE1"
    said = f"desk|{order}|{paid_payload['total_cents']}|1001|kiosk-test".encode()
    backdated = {
        "uuid": str(uuid.uuid4()),
        "kind": "purchase",
        "created_at": (datetime.now(UTC) - timedelta(days=30)).isoformat(),
        "payload": {
            **{k: v for k, v in paid_payload.items() if "assist" not in k and k != "vouchers"},
            "order": order,
            "desk_proof": hmac.new(silvia.proof_key, said, "sha256").hexdigest(),
        },
    }
    twin = Device(central, kiosk_id="kiosk-test", comune="piazzola")
    answer = twin.call("POST", "/v1/submissions", json={"entries": [backdated]}).json()
    assert (answer["results"][0]["status"], answer["results"][0]["code"]) == (
        "rejected",
        "unconfirmed_payment",
    )


def test_one_kiosks_lookup_key_names_no_citizen_at_another_kiosk_or_on_the_platform(
    central: Central, kiosk: SyncEngine, tmp_path: Path
) -> None:
    from forms.lookup import holder_key, status_key
    from kiosk.core.status_lookup import find
    from store import outbox
    from store.models import ApplicationStatus, WalletAttempt
    from tests.sync.helpers import application

    thief_client = enrolled_client(central)  # another kiosk's token, stolen
    thief_key = bytes.fromhex(thief_client.lookup_key())
    own_key = bytes.fromhex(kiosk.client.lookup_key())
    assert len({thief_key, own_key, central.platform.lookup_secret()}) == 3

    # An application made at the other kiosk: its status comes to this kiosk under this
    # kiosk's key only; the thief's key, or the platform's, finds nothing here.
    code, cf = "DOM-KQRS-2345", "FRRNNA41A63E592W"
    thief = SyncEngine(Store(tmp_path / "thief.sqlite3"), thief_client)
    thief.run_once()
    with thief.store.write() as session:
        outbox.add(session, "application", application(thief, tracking_code=code))
    thief.run_once()
    kiosk.run_once()
    with kiosk.store.read() as session:
        ids = set(session.scalars(select(ApplicationStatus.id)))
        assert status_key(own_key, code, cf) in ids
        assert status_key(thief_key, code, cf) not in ids
        assert status_key(central.platform.lookup_secret(), code, cf) not in ids
        found = find(session, own_key.hex(), code, cf)
        assert found is not None and found.state == "received"
        assert find(session, thief_key.hex(), code, cf) is None

    # Wrong wallet PINs: what this kiosk keeps, and reports, is under its own key; the
    # thief's key names no one in it, and reports under another key count for no one.
    central.platform.set_wallet_pin(CF, PIN)
    kiosk.run_once()
    try_wallet(kiosk.store, central, CF, "111111", own_key)
    with kiosk.store.read() as session:
        tags = set(session.scalars(select(WalletAttempt.tag)))
    assert tags == {holder_key(own_key, CF)}
    assert holder_key(thief_key, CF) not in tags
    try_wallet(kiosk.store, central, CF, "222222", thief_key)  # a tag under another key
    kiosk.push()
    assert central.platform.wallet_holder(CF).failures == 1  # type: ignore[union-attr]
    thief.store.close()
    thief_client.close()


def test_an_operator_moved_to_another_comune_leaves_the_old_comune_s_kiosks(
    central: Central, store: Store, tmp_path: Path
) -> None:
    """An operator transferred from Piazzola to Limena can no longer log in at
    Piazzola's kiosks: the record leaves them (it was only ever sent where it went)."""
    piazzola = SyncEngine(store, enrolled_client(central, comune="piazzola"), page_size=20)
    limena_store = Store(tmp_path / "limena.sqlite3")
    limena = SyncEngine(limena_store, enrolled_client(central, comune="limena"), page_size=20)
    everywhere_store = Store(tmp_path / "network.sqlite3")
    everywhere = SyncEngine(everywhere_store, enrolled_client(central), page_size=20)
    engines = (piazzola, limena, everywhere)
    for engine in engines:
        engine.run_once()

    def where_is_1002() -> list[bool]:
        found = []
        for engine in engines:
            with engine.store.read() as session:
                found.append(session.get(Operator, "1002") is not None)
        return found

    marco = central.platform.records("operators")["1002"]
    assert marco["comuni"] == ["piazzola"] and where_is_1002() == [True, False, True]
    central.platform.publish("operators", {**marco, "comuni": ["limena"]})
    for engine in engines:
        engine.run_once()
    assert where_is_1002() == [False, True, True]
    with store.write() as session:
        rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
        outcome = log_in(session, "1002", "135791", "piazzola", utcnow(), rules)
    assert outcome.manager is None
    central.platform.publish("operators", {**marco, "comuni": None})  # the whole network
    central.platform.publish("operators", {**marco, "comuni": ["piazzola"]})  # and back
    for engine in engines:
        engine.run_once()
    assert where_is_1002() == [True, False, True]
    for engine in engines:
        engine.client.close()
    limena_store.close()
    everywhere_store.close()


def test_an_assisted_session_names_a_welfare_manager_of_the_kiosks_comune(
    central: Central, kiosk: SyncEngine
) -> None:
    """The audit counts assisted sessions per operator: an event naming nobody, or
    another Comune's operator, or one not logged in on the kiosk, was taken as said."""
    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    with kiosk.store.write() as session:
        silvia = log_in(session, "1001", "246810", "piazzola", utcnow(), rules).manager
        assert silvia is not None
        real = record_assisted_session(session, "1001", "kiosk-test", silvia.proof_key)
    kiosk.push()
    results = {s.uuid: s for s in central.platform.submissions()}
    assert results[real].status == "accepted", results[real].message
    made = results[real].payload or {}
    assert made["operator"] == "1001" and made.get("proof")

    def event(device: Device, **fields: str) -> tuple[str, str | None]:
        sent = {"type": "assisted_session", "kiosk": "kiosk-x"} | fields
        answer = device.submit("event", sent)
        return answer["status"], answer.get("code")

    piazzola = Device(central, kiosk_id="kiosk-x", comune="piazzola")
    limena = Device(central, kiosk_id="kiosk-x", comune="limena")
    assert event(piazzola, operator="987654") == ("rejected", "unknown_operator")
    assert event(limena, operator="1002") == ("rejected", "unknown_operator")  # Piazzola's
    forged = {"operator": "1001", "at": made["at"], "proof": "0" * 64}
    assert event(piazzola, **forged) == ("rejected", "unconfirmed_assistance")
    # The kiosk's own proof, sent by another kiosk: it shows a login on that one only.
    copied = {"operator": "1001", "at": made["at"], "proof": made["proof"]}
    assert event(piazzola, **copied) == ("rejected", "unconfirmed_assistance")
    # Events queued by kiosks before they sent a proof: taken, the operator being real.
    assert event(piazzola, operator="1002") == ("accepted", None)
    assert event(limena, operator="1001") == ("accepted", None)  # of every Comune


def test_a_record_whose_vouchers_cannot_be_published_is_refused_not_retried_for_ever(
    central: Central, kiosk: SyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PublishError while an accepted order's records are stored (here a voucher
    record the contract refuses) is the entry's own fault: answered "retry", the order
    came back on every push, for ever."""
    made = platform_wallet.debit_and_vouchers

    def ending_before_they_start(*args: Any) -> tuple[int, list[dict[str, Any]]]:
        debit, vouchers = made(*args)
        return debit, [v | {"valid_until": "2000-01-01"} for v in vouchers]

    monkeypatch.setattr(platform_wallet, "debit_and_vouchers", ending_before_they_start)
    central.platform.set_wallet_pin(CF, PIN)
    kiosk.run_once()
    wallet = opened(kiosk.store, central, CF)
    with kiosk.store.write() as session:
        reference = desk_order(session, Checkout("provider", wallet))
    kiosk.push()
    kiosk.push()
    [order] = [s for s in central.platform.submissions() if s.kind == "purchase"]
    assert order.uuid == reference
    assert (order.status, order.code) == ("rejected", "invalid_payload")
    assert "cannot publish" in (order.message or "")
    assert central.platform.records("vouchers") == {}
    with kiosk.store.read() as session:
        sent = session.scalar(select(OutboxEntry).where(OutboxEntry.uuid == reference))
        assert sent is not None and (sent.state, sent.reject_code) == (
            "rejected",
            "invalid_payload",
        )
    # The wallet's opening, pushed with it, was taken all the same.
    assert {s.status for s in central.platform.submissions() if s.kind == "event"} == {"accepted"}
