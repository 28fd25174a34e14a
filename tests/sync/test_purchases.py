# SPDX-License-Identifier: EUPL-1.2
"""Purchases, credits and vouchers between the kiosk's store and the reference platform
over loopback HTTP (the screens are in tests/kiosk/test_buying_on_screen.py)."""

from __future__ import annotations

import re
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update

from central import purchases, voucher_authority
from central.platform import database as central_database
from central.platform import submissions as central_platform
from central.voucher_authority import RedeemRequest, VoucherRefusedError
from kiosk.core import local_time
from kiosk.core.manager_desk import day_report, desk_facts
from kiosk.core.purchasing import Cart, Checkout, CheckoutError, cart_line, credit_of, place_order
from kiosk.core.wallet import print_voucher
from printing import documents, print_queue
from printing.connection import NetworkConnection
from printing.escpos_render import render
from printing.layout import PROFILES
from printing.print_worker import PrintWorker
from printing.slip import Qr, SlipContext
from protocol.messages import SubmissionEntry
from store import outbox
from store.database import Store
from store.models import OutboxEntry, PrintedSlip, PrintJob, Service, SyncCursor
from store.retention import RetentionRule, housekeep
from sync.client import PlatformClient, Submission
from sync.engine import SyncEngine
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.waits import eventually
from tests.sync.conftest import (
    ADMIN,
    KIOSK_SIGNER,
    Central,
    enrolled_client,
    enrolled_merchant,
    first_call_held,
    someone_waits_on_a_lock,
)
from tests.sync.faults import FaultProxy
from tests.sync.wallets import PIN, key_of, opened
from vouchers.codes import Signer, VoucherClaims, encode, new_voucher_id
from vouchers.wallet_key import purchase_proof

ROME = "Europe/Rome"  # the kiosk's default time zone

CF = "FRRNNA41A63E592W"
OTHER_CF = "BNCMTT15B19G224I"
SIGNER = KIOSK_SIGNER


def context() -> SlipContext:
    return SlipContext("Social Point", "Piazzola sul Brenta", "kiosk-test", datetime.now())


def order(
    store: Store, services: dict[str, int], checkout: Checkout, signer: Signer = SIGNER
) -> str:
    with store.write() as session:
        cart = Cart()
        for service, quantity in services.items():
            cart.add(cart_line(session, service, quantity))
        return place_order(session, cart, checkout, context(), signer, datetime.now(UTC)).reference


@pytest.fixture
def flaky(central: Central, store: Store) -> Iterator[tuple[SyncEngine, FaultProxy]]:
    proxy = FaultProxy((central.server.host, central.server.port))
    client = enrolled_client(central, proxy.url, signer=SIGNER, read_timeout=5)
    yield SyncEngine(store, client, page_size=50, push_batch=10), proxy
    client.close()
    proxy.close()


def test_an_order_reaches_the_platform_once_though_the_first_two_pushes_fail(
    flaky: tuple[SyncEngine, FaultProxy], central: Central
) -> None:
    engine, proxy = flaky
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    wallet = opened(engine.store, central, CF)
    reference = order(engine.store, {"s01": 2, "s02": 1}, Checkout("provider", wallet))
    proxy.next_push_faults = ["drop_after_commit", "http_503"]
    failures = 0
    while True:
        try:
            engine.run_once()
            break
        except Exception:  # the engine says why; here we only count
            failures += 1
            assert failures < 5
    assert failures == 2
    purchases = [s for s in central.platform.submissions() if s.kind == "purchase"]
    assert [p.payload["order"] for p in purchases] == [reference]  # exactly once
    lines = purchases[0].payload["lines"]
    assert [(ln["service"], ln["quantity"], ln["unit_price_cents"]) for ln in lines] == [
        ("s01", 2, 1300),
        ("s02", 1, central.platform.records("services")["s02"]["price_cents"]),
    ]
    engine.run_once()  # the vouchers come back through the wallet stream, sealed
    mine = opened(engine.store, central, CF).usable(datetime.now().date())
    with engine.store.read() as session:
        jobs = [
            (j.kind, j.reference)
            for j in map(print_queue.QueuedJob.of, session.scalars(select(print_queue.PrintJob)))
        ]
    assert sorted(str(v.service) for v in mine) == ["s01", "s02"]
    assert ("receipt", reference) in jobs and sum(kind == "voucher" for kind, _ in jobs) == 2
    with engine.store.read() as session:
        report = day_report(session, local_time.today(ROME), None, ROME)
    assert (report.bookings, report.purchases, report.vouchers) == (1, 0, 2)

    [two] = [v for v in mine if v.service == "s01"]  # 2 units, signed in the code
    shop, _token = enrolled_merchant(central, services=["s01"])
    assert central.platform.voucher_standing(shop, two.code).units_left == 2
    first = central.platform.redeem(shop, two.code, RedeemRequest(str(uuid.uuid4())))
    assert (first.state, first.units_left) == ("issued", 1)  # one unit at a time
    second = central.platform.redeem(shop, two.code, RedeemRequest(str(uuid.uuid4())))
    assert (second.state, second.units_left) == ("redeemed", 0)
    engine.run_once()  # a redeemed voucher leaves the wallet
    assert two.id not in {v.id for v in opened(engine.store, central, CF).vouchers}


def test_the_platform_refuses_a_price_that_changed_and_the_order_is_kept(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()
    reference = order(engine.store, {"s01": 1}, Checkout("provider", None, phone="3471234567"))
    service = dict(central.platform.records("services")["s01"])
    central.platform.publish("services", {**service, "price_cents": 1500})
    engine.push()
    with engine.store.read() as session:
        row = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "purchase")).one()
    assert row.state == "rejected" and row.reject_code == "price_changed"
    assert "€ 15,00, not € 13,00" in (row.reject_message or "")
    assert row.payload["order"] == reference  # kept for the manager, never dropped
    with engine.store.read() as session:
        [refused] = desk_facts(
            session, datetime.now(UTC).replace(tzinfo=None), RetentionRule(7, 7)
        ).refused
    assert (refused.reference, refused.code, refused.phones) == (
        reference,
        "price_changed",
        ("3471234567",),
    )  # the manager can call the citizen back


def test_credit_spent_offline_is_bounded_and_reconciled_at_sync(
    engine: SyncEngine, central: Central
) -> None:
    key = central.platform.set_credit(CF, "Credito welfare 2026", 10_000)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    wallet = opened(engine.store, central, CF)
    limit = Checkout("credit", wallet, credit_limit_cents=5000)
    with engine.store.read() as session:
        view = credit_of(session, wallet, 5000)
        assert view is not None and (view.balance_cents, view.spendable_cents) == (10_000, 5000)
    with pytest.raises(CheckoutError) as refused:
        order(engine.store, {"s01": 4}, limit)  # € 52,00: above what may wait unsent
    assert refused.value.reason == "credit_limit"
    order(engine.store, {"s01": 2}, limit)  # € 26,00, not yet sent (offline)
    with pytest.raises(CheckoutError) as again:
        order(engine.store, {"s01": 2}, limit)  # another € 26,00 would make € 52,00 waiting
    assert again.value.reason == "credit_limit"
    with engine.store.read() as session:
        assert credit_of(session, wallet, 5000).spendable_cents == 2400  # type: ignore[union-attr]

    engine.run_once()  # back online: accepted, debited, the new balance comes back
    wallet = opened(engine.store, central, CF)
    with engine.store.read() as session:
        view = credit_of(session, wallet, 5000)
    assert view is not None and (view.balance_cents, view.waiting_cents) == (7400, 0)
    assert central.platform.records("credits")[key]["balance_cents"] == 7400
    central.platform.set_wallet_pin(OTHER_CF, PIN)
    engine.run_once()
    with pytest.raises(CheckoutError) as nothing:
        order(engine.store, {"s01": 1}, Checkout("credit", opened(engine.store, central, OTHER_CF)))
    assert nothing.value.reason == "no_credit"


def test_a_service_added_again_after_its_price_changed_takes_the_price_now_shown(
    demo_store: Store,
) -> None:
    """A sync changed a service's price between two taps of "add": the cart kept the
    first price for both, one the citizen was never shown, which the platform refuses."""
    with demo_store.read() as session:
        first = cart_line(session, "s01", 1)
    cart = Cart()
    cart.add(first)
    cart.add(replace(first, unit_price_cents=first.unit_price_cents + 200, quantity=2))
    [line] = cart.lines
    assert (line.quantity, line.unit_price_cents) == (3, first.unit_price_cents + 200)


def test_a_price_changed_since_the_cart_showed_it_is_shown_before_the_order_is_placed(
    demo_store: Store,
) -> None:
    """A sync changed a service's price while it sat in the cart (or its quantity was
    changed with + and -): the order went out at the old price, and the platform
    refused it after its vouchers had printed. The refusal brings the new price, which
    the cart (the UI thread's) takes, and the citizen confirms the new total first."""
    with demo_store.read() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 2))
    before = cart.total_cents
    with demo_store.write() as session:
        service = session.get(Service, "s01")
        assert service is not None and service.price_cents is not None
        service.price_cents += 100
    paying = Checkout("provider", None, phone="3471234567")  # paid to the provider
    with demo_store.write() as session, pytest.raises(CheckoutError) as refused:
        place_order(session, cart, paying, context(), SIGNER, datetime.now(UTC))
    assert refused.value.reason == "price_changed"
    assert cart.total_cents == before  # place_order only reads the cart (a worker's copy)
    assert refused.value.update is not None
    cart.take(refused.value.update)
    assert cart.total_cents == before + 200  # shown to the citizen now
    with demo_store.write() as session:
        placed = place_order(session, cart, paying, context(), SIGNER, datetime.now(UTC))
    assert placed.total_cents == before + 200


def nothing_written(store: Store) -> bool:
    with store.read() as session:
        queued = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "purchase"))
        return not list(queued) and not list(session.scalars(select(PrintJob)))


def test_a_way_to_pay_withdrawn_while_in_the_cart_is_refused_before_anything_is_written(
    engine: SyncEngine, central: Central
) -> None:
    """A sync changed how a service in the cart may be paid: the kiosk took the way of
    the cart's copy, printed the receipt and voucher, and the platform refused the order
    (payment_not_allowed). Each line is read again whole first; the refusal brings the
    ways still allowed, and the new title, for the cart."""
    engine.run_once()
    with engine.store.read() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 2))
        cart.add(cart_line(session, "s02", 1))
    assert "provider" in cart.payments(assisted=False)
    service = dict(central.platform.records("services")["s01"])
    title = {**service["title"], "it": "Baby sitter (nuovo nome)"}
    central.platform.publish("services", {**service, "payments": ["credit"], "title": title})
    engine.run_once()
    paying = Checkout("provider", None, phone="3471234567")
    with engine.store.write() as session, pytest.raises(CheckoutError) as refused:
        place_order(session, cart, paying, context(), SIGNER, datetime.now(UTC))
    assert refused.value.reason == "payment_not_allowed"
    assert nothing_written(engine.store)
    update = refused.value.update
    assert update is not None and not update.withdrawn
    assert cart.lines[0].payments != ("credit",)  # the cart is the caller's to change
    cart.take(update)
    assert [(ln.service_id, ln.quantity) for ln in cart.lines] == [("s01", 2), ("s02", 1)]
    assert cart.lines[0].payments == ("credit",)
    assert cart.lines[0].title["it"] == "Baby sitter (nuovo nome)"
    assert cart.payments(assisted=False) == ("credit",)  # what checkout offers now


def test_ways_to_pay_changed_but_still_allowing_the_chosen_one_place_the_order(
    engine: SyncEngine, central: Central
) -> None:
    """Only a way no longer allowed is refused; the order carries the services as the
    mirror holds them (their new title on the receipt), and the platform accepts it."""
    engine.run_once()
    with engine.store.read() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 1))
    service = dict(central.platform.records("services")["s01"])
    title = {**service["title"], "it": "Baby sitter (nuovo nome)"}
    central.platform.publish("services", {**service, "payments": ["provider"], "title": title})
    engine.run_once()
    paying = Checkout("provider", None, phone="3471234567")
    with engine.store.write() as session:
        placed = place_order(session, cart, paying, context(), SIGNER, datetime.now(UTC))
    with engine.store.read() as session:
        receipt = session.scalars(select(PrintJob).where(PrintJob.uuid == placed.receipt_job))
        assert "Baby sitter (nuovo nome)" in str(receipt.one().slip)
    engine.push()
    [sent] = [s for s in central.platform.submissions() if s.kind == "purchase"]
    assert sent.status == "accepted"


@pytest.mark.parametrize(
    "withdrawal",
    [{"booking": "info_only"}, {"booking": "request_quote"}, {"price_cents": None}],
    ids=["info_only", "quote", "no_price"],
)
def test_a_service_withdrawn_while_in_the_cart_is_named_and_taken_out(
    demo_store: Store, withdrawal: dict[str, Any]
) -> None:
    """A service in the cart stops being sold: the refusal names it, nothing is written,
    and the cart the citizen is shown keeps the other services (their quantities too)."""
    with demo_store.read() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 2))
        cart.add(cart_line(session, "s02", 3))
    with demo_store.write() as session:
        service = session.get(Service, "s01")
        assert service is not None
        for name, value in withdrawal.items():
            setattr(service, name, value)
    paying = Checkout("provider", None, phone="3471234567")
    with demo_store.write() as session, pytest.raises(CheckoutError) as refused:
        place_order(session, cart, paying, context(), SIGNER, datetime.now(UTC))
    assert refused.value.reason == "not_for_sale"
    assert nothing_written(demo_store)
    update = refused.value.update
    assert update is not None
    assert [ln.service_id for ln in update.withdrawn] == ["s01"]
    cart.set_quantity("s02", 4)  # changed on the cart screen meanwhile: kept
    cart.take(update)
    assert [(ln.service_id, ln.quantity) for ln in cart.lines] == [("s02", 4)]


def test_a_service_gone_from_the_mirror_is_taken_out_too(demo_store: Store) -> None:
    with demo_store.read() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 1))
        cart.add(cart_line(session, "s02", 1))
    with demo_store.write() as session:
        session.delete(session.get(Service, "s02"))
    paying = Checkout("provider", None, phone="3471234567")
    with demo_store.write() as session, pytest.raises(CheckoutError) as refused:
        place_order(session, cart, paying, context(), SIGNER, datetime.now(UTC))
    update = refused.value.update
    assert update is not None and [ln.service_id for ln in update.withdrawn] == ["s02"]


def test_a_wallet_opened_before_a_sync_does_not_spend_the_credit_again(
    engine: SyncEngine, central: Central
) -> None:
    """The checkout screen holds the wallet opened at the start of the visit. A sync
    meanwhile (the order accepted, the debited wallet pulled) takes the first order out
    of those waiting: checked against the balance as opened, a second order spent the
    same credit again. The order is checked against the wallet the mirror holds now."""
    central.platform.set_credit(CF, "Credito welfare 2026", 10_000)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    wallet = opened(engine.store, central, CF)  # € 100,00, held for the visit
    order(engine.store, {"s01": 2}, Checkout("credit", wallet, credit_limit_cents=10_000))
    engine.run_once()  # € 26,00 accepted, the wallet pulled with € 74,00
    assert opened(engine.store, central, CF).balance_cents == 7_400
    with pytest.raises(CheckoutError) as refused:  # € 78,00 with the wallet as opened
        order(engine.store, {"s01": 6}, Checkout("credit", wallet, credit_limit_cents=10_000))
    assert refused.value.reason == "credit_too_low"
    # What is left is still spent as it should: € 65,00 of the € 74,00.
    assert order(engine.store, {"s01": 5}, Checkout("credit", wallet, credit_limit_cents=10_000))


def test_credit_accepted_before_the_wallet_came_back_is_still_counted_as_spent(
    engine: SyncEngine, central: Central
) -> None:
    """A sync pushes first, then pulls: a purchase the platform accepted leaves the
    outbox's waiting ones before its debited wallet comes down. Until it does (the
    pull failed, the network went in between), the kiosk counts it spent: the wallet
    it holds still shows the credit from before."""
    central.platform.set_credit(CF, "Credito welfare 2026", 10_000)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    checkout = Checkout("credit", opened(engine.store, central, CF), credit_limit_cents=10_000)
    order(engine.store, {"s01": 2}, checkout)  # € 26,00
    # Accepted and debited (with the wallet's opening event); the wallet not pulled yet.
    assert engine.push() == (2, 0)
    # Housekeeping after that pass, keeping nothing whole (keep_sent_days = 0): the
    # purchase keeps what counts its credit until the wallets come.
    with engine.store.write() as session:  # the other streams were pulled; not the wallets
        session.execute(
            update(SyncCursor)
            .where(SyncCursor.stream != "wallet")
            .values(updated_at=outbox.utcnow())
        )
    housekeep(engine.store, RetentionRule(7, 7, keep_sent_days=0))
    wallet = opened(engine.store, central, CF)
    with engine.store.read() as session:
        view = credit_of(session, wallet, 10_000)
    assert view is not None
    assert (view.balance_cents, view.waiting_cents, view.spendable_cents) == (10_000, 2600, 7400)
    with pytest.raises(CheckoutError) as refused:  # € 78,00 more: past what is left
        order(engine.store, {"s01": 6}, Checkout("credit", wallet, credit_limit_cents=10_000))
    assert refused.value.reason == "credit_too_low"

    engine.pull_stream("wallet")  # the debited wallet comes: counted once, not twice
    housekeep(engine.store, RetentionRule(7, 7, keep_sent_days=0))  # now it may go
    wallet = opened(engine.store, central, CF)
    with engine.store.read() as session:
        view = credit_of(session, wallet, 10_000)
    assert view is not None
    assert (view.balance_cents, view.waiting_cents, view.spendable_cents) == (7400, 0, 7400)


def test_a_subsidy_voucher_prints_only_for_its_codice_fiscale(
    engine: SyncEngine, central: Central
) -> None:
    issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 15_000)
    central.platform.set_wallet_pin(CF, PIN)
    central.platform.set_wallet_pin(OTHER_CF, PIN)
    engine.run_once()
    today = local_time.today(ROME)
    other, mine = opened(engine.store, central, OTHER_CF), opened(engine.store, central, CF)
    with engine.store.write() as session:
        assert other.usable(today) == []
        with pytest.raises(KeyError):
            print_voucher(session, other, issued["id"], context())
        [found] = mine.usable(today)
        job = print_voucher(session, mine, found.id, context())
        printed = print_queue.get(session, job)
    assert found.amount_cents == 15_000 and found.code == issued["code"]
    assert printed is not None
    qr = [e for e in printed.slip.elements if isinstance(e, Qr)]
    assert [q.payload for q in qr] == [issued["signed_code"]]  # the platform's signed code
    with engine.store.read() as session:
        report = day_report(session, today, None, ROME)
    assert (report.vouchers, report.vouchers_cents) == (1, 15_000)


def test_providers_check_and_redeem_a_voucher_over_http(
    engine: SyncEngine, central: Central
) -> None:
    issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
    client = PlatformClient(central.url)  # a shop's device, enrolled as a merchant
    code = central.platform.new_enrollment_code(
        "merchant", None, {"programmes": ["Buoni spesa 2026"]}
    )
    _device, token = client.enroll(code, "shop-01")
    headers = {"Authorization": f"Bearer {token}"}
    url = f"{central.url}/v1/vouchers/{issued['code']}"
    checked = requests.get(url, headers=headers, timeout=5)
    assert checked.status_code == 200 and checked.json()["state"] == "issued"
    assert checked.json()["amount_left_cents"] == 5_000
    assert requests.get(url, timeout=5).status_code == 401  # not without a token

    def take(cents: int, redemption: str) -> requests.Response:
        body = {
            "voucher": issued["signed_code"],
            "redemption_id": redemption,
            "amount_cents": cents,
        }
        return requests.post(f"{central.url}/v1/redemptions", json=body, headers=headers, timeout=5)

    first = str(uuid.uuid4())
    part = take(3_000, first)  # spent in part: the rest is kept
    assert part.status_code == 200 and part.json()["state"] == "issued"
    assert part.json()["amount_left_cents"] == 2_000
    assert take(3_000, first).json()["amount_left_cents"] == 2_000  # sent again: once
    too_much = take(2_500, str(uuid.uuid4()))
    assert too_much.status_code == 409 and "2000 cents left" in too_much.json()["detail"]
    rest = requests.post(
        f"{url}/redeem",
        json={"redemption_id": str(uuid.uuid4()), "amount_cents": 2_000},
        headers=headers,
        timeout=5,
    )
    assert rest.status_code == 200 and rest.json()["state"] == "redeemed"
    again = take(100, str(uuid.uuid4()))
    assert again.status_code == 409 and "used in full" in again.json()["detail"]
    unknown = requests.get(
        f"{central.url}/v1/vouchers/0000-0000-0000-00", headers=headers, timeout=5
    )
    assert unknown.status_code == 404
    client.close()


def _rewritten_in_a_path(code: str) -> bool:
    """Whether an HTTP client changes ``code`` written unescaped in a URL's path (an
    escape, a dot segment)."""
    escape = re.search("%[0-9A-Fa-f]{2}", code) is not None
    return escape or any(step in (".", "..") for step in code.split("/")[1:])


def test_a_scanned_code_holding_a_slash_is_looked_up_and_redeemed_by_its_url(
    central: Central,
) -> None:
    """A QR's Base45 text often holds "/": the voucher URLs take the whole code, escaped
    or not, instead of answering 404 for a voucher that exists. (Unescaped only when the
    code holds no "%" and two hex digits, nor a "/./" or "/../" step: an HTTP client
    rewrites those before sending, and the README asks for the code escaped.)"""
    for _ in range(200):
        issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
        if "/" in issued["signed_code"] and not _rewritten_in_a_path(issued["signed_code"]):
            break
    assert "/" in issued["signed_code"] and not _rewritten_in_a_path(issued["signed_code"])
    client = PlatformClient(central.url)
    enrollment = central.platform.new_enrollment_code(
        "merchant", None, {"programmes": ["Buoni spesa 2026"]}
    )
    _device, token = client.enroll(enrollment, "shop-02")
    headers = {"Authorization": f"Bearer {token}"}
    code = issued["signed_code"]
    for written in (code, urllib.parse.quote(code, safe="")):
        checked = requests.get(f"{central.url}/v1/vouchers/{written}", headers=headers, timeout=5)
        assert checked.status_code == 200, checked.text
        assert checked.json()["amount_left_cents"] == 5_000
    taken = requests.post(
        f"{central.url}/v1/vouchers/{urllib.parse.quote(code, safe='')}/redeem",
        json={"redemption_id": str(uuid.uuid4()), "amount_cents": 1_000},
        headers=headers,
        timeout=5,
    )
    assert taken.status_code == 200 and taken.json()["amount_left_cents"] == 4_000
    client.close()


def test_a_code_an_http_client_rewrites_is_looked_up_by_the_body_as_by_its_escaped_url(
    central: Central,
) -> None:
    """Written unescaped in a URL's path, "%41" reaches the platform as "A" and a "/./"
    step is dropped: ``POST /v1/vouchers/lookup {code}`` takes the code as it is, with
    the same answers, authentication and scope as ``GET /v1/vouchers/{escaped code}``."""
    for _ in range(300):  # a QR's Base45 text holding "%" and two hex digits
        issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
        if re.search("%[0-9A-F]{2}", issued["signed_code"]):
            break
    code = issued["signed_code"]
    assert re.search("%[0-9A-F]{2}", code), code
    _shop, token = enrolled_merchant(central, programmes=["Buoni spesa 2026"])
    _other, elsewhere = enrolled_merchant(central, programmes=["Buoni libri"])
    kiosk = central.platform.enroll(central.platform.new_enrollment_code(), "kiosk-l")[1]

    def by_url(text: str, token: str | None, escaped: bool = True) -> requests.Response:
        written = urllib.parse.quote(text, safe="") if escaped else text
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.get(f"{central.url}/v1/vouchers/{written}", headers=headers, timeout=5)

    def by_body(text: str, token: str | None) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = f"{central.url}/v1/vouchers/lookup"
        return requests.post(url, json={"code": text}, headers=headers, timeout=5)

    found = by_body(code, token)
    assert found.status_code == 200, found.text
    assert found.json() == by_url(code, token).json()
    assert found.json()["amount_left_cents"] == 5_000 and found.json()["usable_today"]
    human = issued["code"].replace("-", ".")  # typed with dots: one more path step
    assert by_body(human, token).json() == found.json()
    # Texts holding "%41" and "/./" (no real code does): the same answer either way.
    for text in (code[:12] + "%41/./" + code[12:], "ABCD/./%41-EFGH"):
        said, told = by_body(text, token), by_url(text, token)
        assert (said.status_code, said.json()) == (told.status_code, told.json()), text
        assert said.status_code in (404, 409, 422), said.text
    # Who may ask: as for the look-up by URL.
    for who in (elsewhere, kiosk, None, "not-a-token-at-all-0123456789"):
        said, told = by_body(code, who), by_url(code, who)
        assert said.status_code in (401, 403), (who, said.text)
        assert (said.status_code, said.json()) == (told.status_code, told.json()), who
    refused = by_body("SP1:AB\x00CD", token)
    assert refused.status_code == 422 and "code: contains a NUL character" in refused.text


def at_the_same_moment(*actions: Callable[[], object]) -> list[object]:
    """Runs each action on its own thread, a tenth of a second apart; their outcomes (a
    result, or the exception raised), in the order the actions were given."""
    outcomes: list[object] = [None] * len(actions)

    def run(index: int) -> None:
        try:
            outcomes[index] = actions[index]()
        except Exception as error:  # the outcome under test
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(actions))]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join(30)
    return outcomes


def test_a_voucher_redeemed_twice_at_the_same_moment_is_redeemed_once(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    platform = central.platform
    issued = platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
    shop, _token = enrolled_merchant(central, programmes=["Buoni spesa 2026"])
    publish = platform.catalog.publish_in

    def slowly(*args: Any) -> None:  # between reading the voucher's state and writing it
        time.sleep(0.3)
        publish(*args)

    monkeypatch.setattr(platform.catalog, "publish_in", slowly)
    first, second = at_the_same_moment(
        lambda: platform.redeem(
            shop, issued["code"], RedeemRequest(str(uuid.uuid4()), None, 5_000)
        ),
        lambda: platform.redeem(
            shop, issued["code"], RedeemRequest(str(uuid.uuid4()), None, 5_000)
        ),
    )
    # Whichever thread reaches the voucher first (a loaded machine decides) redeems it.
    [redeemed] = [outcome for outcome in (first, second) if getattr(outcome, "state", None)]
    [refused] = [outcome for outcome in (first, second) if outcome is not redeemed]
    assert getattr(redeemed, "state", None) == "redeemed"
    assert isinstance(refused, VoucherRefusedError) and "used in full" in str(refused)


def test_one_redemption_id_sent_for_two_vouchers_at_once_is_refused_as_reused(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A redemption id is stored once: sent again for another voucher it is refused as
    reused, also at the same moment, when each voucher's row lock lets both go on (the
    second failed on the table's key, an internal error)."""
    if central.platform.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: BEGIN IMMEDIATE")
    platform = central.platform
    first, second = (
        platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 1_000) for _ in range(2)
    )
    shop, _token = enrolled_merchant(central, programmes=["Buoni spesa 2026"])
    taken, release = threading.Event(), threading.Event()
    # the first redemption stored, not yet committed
    held = first_call_held(voucher_authority.redeem, taken, release)
    monkeypatch.setattr(voucher_authority, "redeem", held)
    request = RedeemRequest(str(uuid.uuid4()), None, 500)
    outcomes: dict[str, Any] = {}

    def take(name: str, code: str) -> None:
        try:
            outcomes[name] = platform.redeem(shop, code, request)
        except Exception as error:  # the outcome under test
            outcomes[name] = error

    one = threading.Thread(target=take, args=("first", first["code"]))
    one.start()
    other = threading.Thread(target=take, args=("second", second["code"]))
    try:
        assert taken.wait(10)
        other.start()
        eventually(lambda: someone_waits_on_a_lock(central))
    finally:
        release.set()
        one.join(30)
        other.join(30)
    assert getattr(outcomes["first"], "amount_left_cents", None) == 500
    refused = outcomes["second"]
    assert isinstance(refused, VoucherRefusedError), refused
    assert refused.code == "redemption_id_reused"
    assert platform.voucher_standing(shop, second["code"]).amount_left_cents == 1_000


def test_a_voucher_cancelled_while_its_last_part_is_taken_stays_cancelled(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A redemption locks its voucher's row, which a cancel (admin API, desk) does not
    wait for: the cancel may commit between the redemption's reading of the voucher and
    its publishing of "redeemed", which must not put the cancelled voucher back."""
    if central.platform.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: BEGIN IMMEDIATE")
    platform = central.platform
    issued = platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
    shop, _token = enrolled_merchant(central, programmes=["Buoni spesa 2026"])
    redeem = voucher_authority.redeem
    taken, release = threading.Event(), threading.Event()

    def held(*args: Any) -> Any:  # the redemption stored, the voucher's state not yet
        answer = redeem(*args)
        taken.set()
        release.wait(30)
        return answer

    monkeypatch.setattr(voucher_authority, "redeem", held)
    outcomes: list[Any] = []
    request = RedeemRequest(str(uuid.uuid4()), None, 5_000)
    redeeming = threading.Thread(
        target=lambda: outcomes.append(platform.redeem(shop, issued["code"], request))
    )
    redeeming.start()
    try:
        assert taken.wait(10)
        platform.publish("vouchers", {**issued, "state": "cancelled"})  # meanwhile
    finally:
        release.set()
        redeeming.join(30)
    assert [outcome.state for outcome in outcomes] == ["redeemed"]  # taken before the cancel
    assert platform.records("vouchers")[issued["id"]]["state"] == "cancelled"
    refused = central.platform.voucher_standing(shop, issued["code"])
    assert refused.state == "cancelled"


def two_kiosks_with_an_order_each_on_one_credit(
    central: Central, store: Store, tmp_path: Path
) -> tuple[str, list[SyncEngine]]:
    """€ 50,00 of credit, and on each of two kiosks an order of € 26,00 paid with it."""
    key = central.platform.set_credit(CF, "Credito welfare 2026", 5_000)
    central.platform.set_wallet_pin(CF, PIN)
    other = Store(tmp_path / "other-kiosk.sqlite3")
    signers = [SIGNER, Signer(Ed25519PrivateKey.generate())]  # each kiosk has its own key
    engines = [
        SyncEngine(kiosk, enrolled_client(central, signer=signer))
        for kiosk, signer in zip((store, other), signers, strict=True)
    ]
    for engine, signer in zip(engines, signers, strict=True):
        engine.run_once()
        wallet = opened(engine.store, central, CF)
        order(
            engine.store, {"s01": 2}, Checkout("credit", wallet, credit_limit_cents=5_000), signer
        )
    return key, engines


def test_two_kiosks_spending_one_credit_at_the_same_moment_cannot_overspend_it(
    central: Central, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, engines = two_kiosks_with_an_order_each_on_one_credit(central, store, tmp_path)
    checked = purchases.check_purchase

    def slowly(*args: Any) -> Any:  # between checking the balance and debiting it
        answer = checked(*args)
        time.sleep(0.3)
        return answer

    monkeypatch.setattr(purchases, "check_purchase", slowly)
    outcomes = at_the_same_moment(*(engine.push for engine in engines))
    # Each kiosk also tells the platform the wallet opened (accepted); whichever order is
    # checked second (a loaded machine decides which) would overspend: refused.
    assert sorted(outcomes) == [(1, 1), (2, 0)]
    loser = engines[outcomes.index((1, 1))]
    with loser.store.read() as session:
        [refused] = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "purchase"))
    assert refused.reject_code == "insufficient_credit"
    assert central.platform.records("credits")[key]["balance_cents"] == 2_400
    engines[1].store.close()


def credit_purchase(client: PlatformClient, locator: str, kiosk_id: str) -> Submission:
    """€ 26,00 of s01 paid with the citizen's credit, as a kiosk that opened their
    wallet sends it (the proof of their PIN, under this kiosk's id)."""
    order, total = f"ORD-{uuid.uuid4().hex[:8]}", 2_600
    payload = {
        "order": order,
        "total_cents": total,
        "payment": "credit",
        "lines": [{"service": "s01", "quantity": 2, "unit_price_cents": 1_300}],
        "holder": locator,
        "wallet_proof": purchase_proof(key_of(CF).proof_key, order, total, kiosk_id),
        "channel": "kiosk",
    }
    return Submission(str(uuid.uuid4()), "purchase", datetime.now(UTC).isoformat(), payload)


def test_a_credit_granted_while_two_kiosks_spend_it_is_spent_once(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL: the credit of a citizen who has none yet has no row to lock; granted
    while two kiosks' purchases on it wait for their checks, both read its balance and
    both were accepted, the second debit writing over the first."""
    if central.platform.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: BEGIN IMMEDIATE")
    locator = central.platform.set_wallet_pin(CF, PIN)
    check = central_platform.SUBMISSION_CHECKS["purchase"]
    arrived, release = threading.Semaphore(0), threading.Event()

    def held(*args: Any) -> Any:  # the batch's locks taken, the balance not yet read
        arrived.release()
        release.wait(30)
        return check(*args)

    monkeypatch.setitem(central_platform.SUBMISSION_CHECKS, "purchase", held)
    clients = [enrolled_client(central) for _ in range(2)]  # each enrolled as "kiosk-test"
    answers: list[Any] = []
    kiosks = [
        threading.Thread(
            target=lambda c=client: answers.extend(
                c.submit([credit_purchase(c, locator, "kiosk-test")])
            )
        )
        for client in clients
    ]
    for kiosk in kiosks:
        kiosk.start()
    try:
        assert arrived.acquire(timeout=10)
        # The other one is being checked too, or waits for this one's turn on the credit.
        eventually(lambda: arrived.acquire(blocking=False) or someone_waits_on_a_lock(central))
        key = central.platform.set_credit(CF, "Credito welfare 2026", 5_000)  # granted now
    finally:
        release.set()
        for kiosk in kiosks:
            kiosk.join(30)
        for client in clients:
            client.close()
    assert sorted((a.accepted, a.code or "") for a in answers) == [
        (False, "insufficient_credit"),
        (True, ""),
    ]
    assert central.platform.records("credits")[key]["balance_cents"] == 2_400


def test_two_purchases_on_one_credit_in_one_batch_are_checked_one_after_the_other(
    central: Central, store: Store, tmp_path: Path
) -> None:
    key, engines = two_kiosks_with_an_order_each_on_one_credit(central, store, tmp_path)
    entries = []
    for engine in engines:
        with engine.store.read() as session:
            [row] = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "purchase"))
        # Without their vouchers: each kiosk's are signed with its own key, and here one
        # sender brings both orders (opened as the platform opens them: they are sealed).
        from protocol import sealing

        private = central.platform.seal.private_key()
        keys = {sealing.key_id(sealing.public_text(private)): private}
        assert row.sealed is not None
        whole = sealing.open_sealed(
            keys,
            row.kind,
            row.uuid,
            row.sealed,
            created_at=row.created_at,
            clock_skew_s=row.clock_skew_s,
        )
        entries.append(
            SubmissionEntry(
                uuid=row.uuid,
                kind=row.kind,
                created_at=row.created_at,
                payload={**whole, "vouchers": []},
            )
        )
    sender = central.platform.devices()[0].id  # a kiosk: the wallet's proof names its id
    first, second = central.platform.submit(sender, entries)
    assert (first.status, second.status, second.code) == (
        "accepted",
        "rejected",
        "insufficient_credit",
    )
    assert central.platform.records("credits")[key]["balance_cents"] == 2_400
    engines[1].store.close()


def test_a_credit_granted_again_while_a_kiosk_spends_it_takes_its_turn(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kiosk's purchase holds its credit from the balance check to its commit; the
    Comune setting that credit meanwhile (admin API, the desk's grants) waits for it,
    and both succeed: they never wait for each other (a deadlock, one of them failed)."""
    if central.platform.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: BEGIN IMMEDIATE")
    key = central.platform.set_credit(CF, "Credito welfare 2026", 5_000)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    order(engine.store, {"s01": 2}, Checkout("credit", opened(engine.store, central, CF)))
    check = central_platform.SUBMISSION_CHECKS["purchase"]
    checked, release = threading.Event(), threading.Event()

    def held(*args: Any) -> Any:  # (session, device, entry): the credit's row is locked
        answer = check(*args)
        checked.set()
        release.wait(30)
        return answer

    monkeypatch.setitem(central_platform.SUBMISSION_CHECKS, "purchase", held)
    outcomes: dict[str, Any] = {}
    pushing = threading.Thread(target=lambda: outcomes.update(pushed=engine.push()))
    pushing.start()
    assert checked.wait(10)
    grant = {"cf": CF, "programme": "Credito welfare 2026", "balance_cents": 8_000}
    granting = threading.Thread(
        target=lambda: outcomes.update(
            granted=requests.post(
                f"{central.url}/v1/admin/credits",
                json=grant,
                headers={"Authorization": f"Bearer {ADMIN}"},
                timeout=30,
            ).status_code
        )
    )
    granting.start()
    try:
        eventually(lambda: someone_waits_on_a_lock(central))  # the grant, for the credit
    finally:
        release.set()
        pushing.join(30)
        granting.join(30)
    assert outcomes == {"pushed": (2, 0), "granted": 200}  # the order, the wallet event
    # The purchase debited the € 50,00 it was checked against; the grant came after it.
    assert central.platform.records("credits")[key]["balance_cents"] == 8_000
    [purchase] = [s for s in central.platform.submissions() if s.kind == "purchase"]
    assert purchase.status == "accepted"


def test_the_day_report_keeps_the_value_of_vouchers_once_their_records_are_reduced(
    engine: SyncEngine, central: Central
) -> None:
    """Retention drops what an accepted record no longer needs (store/retention.py): a
    kiosk set to keep nothing whole still reports the day's voucher value to the end."""
    issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 12_345)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    today = local_time.today(ROME)
    mine = opened(engine.store, central, CF)
    with engine.store.write() as session:
        [found] = mine.usable(today)
        print_voucher(session, mine, found.id, context())  # the original
        print_voucher(session, mine, found.id, context())  # a copy: no value of its own
    assert found.amount_cents == 12_345 and found.code == issued["code"]
    engine.run_once()  # the events are accepted
    purged = housekeep(engine.store, RetentionRule(7, 7, keep_sent_days=0))
    assert purged.records >= 2
    with engine.store.read() as session:
        events = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "event")).all()
        assert events and all(event.purged_at is not None for event in events)
        report = day_report(session, today, None, ROME)
    assert (report.vouchers, report.vouchers_cents) == (1, 12_345)


def test_the_day_report_totals_the_orders_per_way_of_paying_to_the_end(
    engine: SyncEngine, central: Central
) -> None:
    """Counts and totals per kind: what the credit and the providers are to receive,
    kept once the orders' records are reduced, and printed on the report."""
    central.platform.set_credit(CF, "Credito welfare", 20_000)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    wallet = opened(engine.store, central, CF)
    credit = Checkout("credit", wallet, credit_limit_cents=20_000)
    order(engine.store, {"s01": 3}, credit)  # 3 x € 13,00
    order(engine.store, {"s04": 1}, credit)  # € 15,00
    order(engine.store, {"s02": 1}, Checkout("provider", wallet))  # € 110,00, later
    today = local_time.today(ROME)
    engine.run_once()
    housekeep(engine.store, RetentionRule(7, 7, keep_sent_days=0))  # reduced, once sent
    with engine.store.read() as session:
        report = day_report(session, today, None, ROME)
    assert (report.purchases, report.bookings) == (2, 1)
    assert list(report.by_payment) == [("credit", 2, 5_400), ("provider", 1, 11_000)]
    printed = decode(render(documents.day_report(context(), report), PROFILES["80mm"]))
    text = "\n".join(printed.texts)
    assert "€ 54,00" in text and "€ 110,00" in text and "€ 164,00" in text


def print_all(store: Store) -> None:
    """Every slip waiting is printed (the printer itself is in tests/printing)."""
    with store.write() as session:
        for job in session.scalars(select(PrintJob.id).where(PrintJob.state == "pending")):
            print_queue.mark_printed(session, job, "0" * 64, 100)


def test_a_voucher_printed_again_after_its_slip_was_deleted_is_still_a_copy(
    engine: SyncEngine, central: Central
) -> None:
    """Retention deletes finished slips (store/retention.py), but not the fact that they
    were printed: the citizen's second print is marked as a copy, and the day report
    still counts one voucher, one copy and one reprinted receipt."""
    issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 7_500)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    today = local_time.today(ROME)
    mine = opened(engine.store, central, CF)
    [found] = mine.usable(today)
    with engine.store.write() as session:
        original = print_queue.get(session, print_voucher(session, mine, found.id, context()))
    assert original is not None and original.kind == "voucher"
    assert not [e for e in original.slip.elements if "COPIA" in str(e)]
    receipt = order(engine.store, {"s01": 1}, Checkout("provider", mine))  # and its voucher
    print_all(engine.store)
    with engine.store.write() as session:  # a manager reprints the receipt
        [slip] = session.scalars(
            select(PrintJob.uuid).where(PrintJob.reference == receipt, PrintJob.kind == "receipt")
        )
        print_queue.reprint(session, slip, ROME)
    print_all(engine.store)
    engine.run_once()
    rule = RetentionRule(reprint_days=0, unsent_alert_days=7, keep_sent_days=0)
    assert housekeep(engine.store, rule).slips == 4
    path = engine.store.path
    with engine.store.read() as session:
        left = session.execute(select(PrintJob.kind, PrintJob.state, PrintJob.reference)).all()
        assert left == []
        traces = session.scalars(select(PrintedSlip)).all()
    assert sorted((t.kind, t.copy_no) for t in traces) == [
        ("receipt", 0),
        ("receipt", 1),
        ("voucher", 0),  # the wallet's
        ("voucher", 0),  # the order's
    ]
    assert issued["code"].encode() not in path.read_bytes()  # only its digest is kept

    with engine.store.write() as session:  # the citizen comes back for another print
        second = print_voucher(session, opened(engine.store, central, CF), found.id, context())
        again = print_queue.get(session, second)
    assert again is not None and again.kind == "voucher_copy"
    assert [e for e in again.slip.elements if "COPIA n. 1" in str(e)]
    with engine.store.read() as session:
        events = [
            p
            for p in session.scalars(select(OutboxEntry.payload))
            if p.get("type") == "voucher_printed"
        ]
        report = day_report(session, today, None, ROME)
    assert sorted(p["copy"] for p in events) == [0, 1]
    assert (report.vouchers, report.vouchers_cents) == (2, 7_500)  # a service has no value
    assert (report.voucher_copies, report.slip_reprints) == (1, 1)


def test_once_sent_and_its_slip_deleted_a_printed_voucher_leaves_nothing_that_spends_it(
    engine: SyncEngine, central: Central
) -> None:
    """The human code follows from a voucher's id, and a shop takes a typed code: the
    event that tells the platform (and the day report) of a print keeps a digest of the
    id, so a disk taken later holds neither, and the day report still adds it up."""
    issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 6_400)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    today = local_time.today(ROME)
    mine = opened(engine.store, central, CF)
    [found] = mine.usable(today)
    with engine.store.write() as session:
        print_voucher(session, mine, found.id, context())
    print_all(engine.store)
    engine.run_once()  # the event is accepted
    housekeep(engine.store, RetentionRule(reprint_days=0, unsent_alert_days=7, keep_sent_days=0))
    engine.store.checkpoint()
    folder = Path(engine.store.path).parent
    name = Path(engine.store.path).name  # the platform's files are beside the kiosk's
    disk = b"".join(p.read_bytes() for p in sorted(folder.glob(f"{name}*")) if p.is_file())
    assert issued["id"].encode() not in disk and issued["code"].encode() not in disk
    assert issued["signed_code"].encode() not in disk
    with engine.store.read() as session:
        report = day_report(session, today, None, ROME)
    assert (report.vouchers, report.vouchers_cents) == (1, 6_400)


def job_state(store: Store, job_uuid: str) -> str:
    with store.read() as session:
        return session.scalars(select(PrintJob.state).where(PrintJob.uuid == job_uuid)).one()


def test_a_voucher_is_on_paper_unmarked_once_whichever_path_prints_it_again(
    engine: SyncEngine, central: Central
) -> None:
    """A wallet print that never came out (paper out, expired), then one that did, then
    a manager's reprint of the first from the slips to check: the same bearer code must
    not come out unmarked twice. Prints of a voucher count by its code across the
    wallet, orders and reprints, and a print that never put paper out does not count."""
    central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    store = engine.store
    printer = FakePrinter()
    printer.mode = "paper_out"
    connection = NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0)
    worker = PrintWorker(
        store,
        connection,
        PROFILES["58mm"],
        expire_after=timedelta(seconds=1),
        retry_s=0.05,
        idle_s=0.05,
    )
    worker.start()
    try:
        mine = opened(store, central, CF)
        [found] = mine.usable(local_time.today(ROME))
        with store.write() as session:
            lost = print_voucher(session, mine, found.id, context())
        eventually(lambda: job_state(store, lost) == "expired")  # the citizen left
        printer.mode = "healthy"  # a new roll; the citizen comes back
        with store.write() as session:
            again = print_voucher(session, mine, found.id, context())
        eventually(lambda: job_state(store, again) == "printed")
        with store.write() as session:  # the manager sees the lost one and reprints it
            assert [job.uuid for job in print_queue.needing_attention(session)] == [lost]
            reprinted = print_queue.reprint(session, lost, ROME)
        eventually(lambda: job_state(store, reprinted) == "printed")
    finally:
        worker.stop()
        printer.close()
    slips = [decode(job).texts for job in printer.jobs]
    assert len(slips) == 2 and all(found.code in "\n".join(texts) for texts in slips)
    assert not [t for t in slips[0] if "COPIA" in t or "DUPLICATO" in t]  # the original
    assert "DUPLICATO n. 1" in slips[1]
    with store.read() as session:
        report = day_report(session, local_time.today(ROME), None, ROME)
    assert (report.vouchers, report.voucher_copies, report.vouchers_cents) == (1, 1, 5_000)


def test_a_grant_holding_the_credit_while_a_purchase_takes_its_turn_does_not_deadlock(
    central: Central, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """PostgreSQL: a purchase whose citizen had no credit row when its batch took its
    locks, then a first grant, then a second grant holding the new row while it waits
    for the writers' turn: the purchase, checked meanwhile, took the turn and then waited
    for the row (a deadlock; the batch taken again entry by entry, the grant lost)."""
    if central.platform.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: BEGIN IMMEDIATE")
    locator = central.platform.set_wallet_pin(CF, PIN)
    check = central_platform.SUBMISSION_CHECKS["purchase"]
    arrived, release = threading.Event(), threading.Event()

    def held(*args: Any) -> Any:  # the batch's locks taken (no credit row yet)
        arrived.set()
        release.wait(30)
        return check(*args)

    monkeypatch.setitem(central_platform.SUBMISSION_CHECKS, "purchase", held)
    client = enrolled_client(central)
    answers: list[Any] = []
    errors: list[Exception] = []
    kiosk = threading.Thread(
        target=lambda: answers.extend(
            client.submit([credit_purchase(client, locator, "kiosk-test")])
        )
    )
    kiosk.start()
    assert arrived.wait(10)
    key = central.platform.set_credit(CF, "Credito welfare 2026", 5_000)  # the first grant

    lock_credits = central_database.lock_credits
    row_locked, go_on = threading.Event(), threading.Event()

    def slow_lock(session: Any, holders: Any) -> None:
        lock_credits(session, holders)
        if list(holders):
            row_locked.set()
            go_on.wait(30)

    monkeypatch.setattr(central_database, "lock_credits", slow_lock)

    def second_grant() -> None:
        try:
            central.platform.set_credit(CF, "Credito welfare 2026", 8_000)
        except Exception as error:  # the grant failed: the test says so below
            errors.append(error)

    granting = threading.Thread(target=second_grant)
    granting.start()
    try:
        assert row_locked.wait(10)  # the second grant holds the credit's row
        release.set()  # the purchase is checked: it needs the credit's row
        eventually(lambda: someone_waits_on_a_lock(central))  # and waits for it
        go_on.set()  # the grant goes on to the writers' lock
    finally:
        release.set()
        go_on.set()
        kiosk.join(60)
        granting.join(60)
        client.close()
    assert not errors, errors
    assert [a.accepted for a in answers] == [True]
    deadlocks = [
        r for r in caplog.records if "deadlock detected" in (r.exc_text or str(r.exc_info))
    ]
    assert not deadlocks, "the purchase's batch deadlocked with the grant (retried one by one)"
    # the grant of 80,00 first, then the purchase of 26,00 checked against it and debited
    assert central.platform.records("credits")[key]["balance_cents"] == 5_400


def test_a_purchase_taken_back_after_a_restore_debits_what_credit_is_left(
    central: Central, caplog: pytest.LogCaptureFixture
) -> None:
    """A credit purchase accepted before a restore is taken back as accepted (its
    receipt proves it); the older copy's credit may have paid another purchase
    meanwhile. Its debit made the balance negative, outside the contract: refused, the
    batch came back on every sync, for good. The credit now ends at nothing, and the
    shortfall is logged for staff."""
    from central.platform.catalog import PublishError
    from central.platform.database import TAKEN_BACK

    locator = central.platform.set_wallet_pin(CF, PIN)
    key = central.platform.set_credit(CF, "Credito welfare 2026", 1_000)
    sent = credit_purchase(PlatformClient(central.url), locator, "kiosk-test")
    row = SimpleNamespace(payload=sent.payload, uuid=sent.uuid, device_id="gone-device")
    # Not taken back: an overdraft is a fault, and fails as ever.
    with (
        pytest.raises(PublishError, match="balance_cents"),
        central.platform.database.writing() as session,
    ):
        central.platform.wallet.purchase_accepted(session, row)  # type: ignore[arg-type]
    with central.platform.database.writing() as session:
        session.info[TAKEN_BACK] = {sent.uuid}  # as the batch marks one proven by receipt
        central.platform.wallet.purchase_accepted(session, row)  # type: ignore[arg-type]
    assert central.platform.records("credits")[key]["balance_cents"] == 0
    assert f"purchase {sent.uuid} taken back: credit short by 1600 cents" in caplog.text


@pytest.mark.parametrize("wallet_comune", ["limena", None])
def test_a_kiosk_of_another_comune_cannot_spend_a_comunes_credit(
    central: Central, wallet_comune: str | None
) -> None:
    """Limena's credit pays at Limena's Social Points: a Piazzola kiosk that knows the
    citizen's codice fiscale and PIN (the wallet Limena's, or of no Comune) is refused,
    and the credit stays whole; a Limena kiosk still spends it."""
    key = central.platform.set_credit(CF, "Buoni Limena", 5_000, comune="limena")
    locator = central.platform.set_wallet_pin(CF, PIN, comune=wallet_comune)
    piazzola, limena = (enrolled_client(central, comune=c) for c in ("piazzola", "limena"))
    [refused] = piazzola.submit([credit_purchase(piazzola, locator, "kiosk-test")])
    assert (refused.accepted, refused.code) == (False, "other_comune")
    assert central.platform.records("credits")[key]["balance_cents"] == 5_000
    [accepted] = limena.submit([credit_purchase(limena, locator, "kiosk-test")])
    assert accepted.accepted, accepted
    assert central.platform.records("credits")[key]["balance_cents"] == 2_400
    piazzola.close()
    limena.close()


def test_a_code_scanned_in_small_letters_is_checked_and_redeemed_as_printed(
    central: Central,
) -> None:
    """A scanner typing with Caps Lock on swaps the case of the code's letters, and adds
    spaces: the same voucher is found and taken, not refused as no code at all."""
    issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 5_000)
    enrollment = central.platform.new_enrollment_code(
        "merchant", None, {"programmes": ["Buoni spesa 2026"]}
    )
    _device, token = central.platform.enroll(enrollment, "shop-03")
    headers = {"Authorization": f"Bearer {token}"}
    typed = f"  {issued['signed_code'].lower()} "
    body = {"voucher": typed, "redemption_id": str(uuid.uuid4()), "amount_cents": 1_000}
    taken = requests.post(f"{central.url}/v1/redemptions", json=body, headers=headers, timeout=5)
    assert taken.status_code == 200, taken.text
    assert taken.json()["amount_left_cents"] == 4_000
    checked = requests.get(
        f"{central.url}/v1/vouchers/{urllib.parse.quote(typed.strip(), safe='')}",
        headers=headers,
        timeout=5,
    )
    assert checked.status_code == 200, checked.text
    assert checked.json()["amount_left_cents"] == 4_000


def test_a_kiosk_s_voucher_sent_in_small_letters_is_refused_not_published(
    central: Central,
) -> None:
    """The ledger publishes a kiosk's code as sent, for reprints: read in capitals by a
    shop, a code in small letters is still never taken into the ledger that way."""
    client = enrolled_client(central, signer=SIGNER)
    claims = VoucherClaims(
        voucher_id=new_voucher_id(),
        valid_from=date.today(),
        valid_until=date.today() + timedelta(days=30),
        issued_at=datetime.now(UTC),
        service_id="s01",
        units=2,
    )
    signed = encode(claims, SIGNER)
    payload = {
        "order": f"ORD-{uuid.uuid4().hex[:8]}",
        "total_cents": 2_600,
        "payment": "provider",
        "lines": [{"service": "s01", "quantity": 2, "unit_price_cents": 1_300}],
        "vouchers": [{"id": claims.voucher_id.hex(), "signed_code": signed.lower()}],
        "channel": "kiosk",
    }
    now = datetime.now(UTC).isoformat()
    [answer] = client.submit([Submission(str(uuid.uuid4()), "purchase", now, payload)])
    assert (answer.accepted, answer.code) == (False, "invalid_voucher"), answer
    assert central.platform.issued_voucher(claims.voucher_id.hex()) is None
    client.close()
