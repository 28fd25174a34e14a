# SPDX-License-Identifier: EUPL-1.2
"""A sync changes a service while it sits in the citizen's cart, between "Check the
order" and "Confirm the order": the checkout says what changed and offers what is
still allowed, nothing is queued or printed, and the cart the kiosk shows everywhere
(the header's button included) is the refreshed one, changed on the UI thread only.

The mirror is changed here without the sync's "mirror changed" news, as a sync pass
that lands while the order is being placed does."""

from __future__ import annotations

import json
import threading
from typing import Any

from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from sqlalchemy import select

from kiosk.boot.paths import DEMO_DATASET
from kiosk.core.purchasing import Cart, CreditView
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.checkout import CheckoutMode, CheckoutScreen
from store import mirror
from store.models import OutboxEntry, PrintJob
from tests.kiosk.people import shown, shows, tap
from tests.kiosk.shopping import add_to_cart


def demo_service(service_id: str, **changes: Any) -> dict[str, Any]:
    services = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))["services"]
    return {**next(s for s in services if s["id"] == service_id), **changes}


def reviewed(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, way: str, credit: CreditView | None = None
) -> CheckoutScreen:
    """At checkout, the citizen identified (with ``credit``), ``way`` chosen, on the
    order's summary."""
    window.go("checkout", {})
    screen = window.screens["checkout"]
    assert isinstance(screen, CheckoutScreen)
    screen.show_identified(credit)
    tap(qtbot, window, way)
    tap(qtbot, window, "Controlla l’ordine ›")
    assert screen.mode == CheckoutMode.REVIEW
    return screen


def changed_meanwhile(backend, *services: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    # No news of a pass lands after the change: the kiosk takes the news of one in
    # (the cart follows it at once, tests/kiosk/test_cart_follows_sync.py).
    backend.sync.worker.stop()
    QApplication.processEvents()
    with backend.store.write() as session:
        mirror.upsert(session, "services", list(services))


def confirmed(qtbot, window: MainWindow, screen: CheckoutScreen) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(400)  # "Confirm the order" takes taps once its words can have been read
    tap(qtbot, window, "Conferma l’ordine")
    qtbot.waitUntil(lambda: screen.mode != CheckoutMode.SENDING, timeout=10_000)


def nothing_queued(backend) -> bool:  # type: ignore[no-untyped-def]
    with backend.store.read() as session:
        orders = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "purchase"))
        return not list(orders) and not list(session.scalars(select(PrintJob)))


PROVIDER = "Pago al fornitore quando ricevo il servizio"


def test_a_way_to_pay_no_longer_allowed_is_said_with_the_ways_left(qtbot, kiosk, snap) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    add_to_cart(qtbot, window, "s01")
    screen = reviewed(qtbot, window, PROVIDER, CreditView(20000, 0, 5000))
    changed_meanwhile(backend, demo_service("s01", payments=["credit"]))
    confirmed(qtbot, window, screen)

    assert screen.mode == CheckoutMode.REFUSED
    assert screen.refusal[0] == "payment_not_allowed"
    said = shown(window, QLabel, "checkoutProblem").text()
    assert "I modi di pagare il tuo carrello sono cambiati" in said
    assert "Scegli uno dei modi indicati" in said
    assert not shows(window, PROVIDER)  # the way gone is no longer offered
    assert screen.pay_buttons["credit"].isVisible()  # the way still allowed is
    assert screen.pay_buttons["credit"].isEnabled()
    assert nothing_queued(backend)
    cart = window.ctx.citizen.cart
    assert cart is not None and cart.lines[0].payments == ("credit",)
    snap(window, "payment_changed")


def test_the_only_way_left_unusable_says_what_to_do_instead(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    """Only the credit is left and there is none: no "choose one of the ways shown" with
    none to choose; the credit's note says what to do, with the way to the cart."""
    window, backend = kiosk
    add_to_cart(qtbot, window, "s01")
    screen = reviewed(qtbot, window, PROVIDER)
    changed_meanwhile(backend, demo_service("s01", payments=["credit"]))
    confirmed(qtbot, window, screen)

    said = shown(window, QLabel, "checkoutProblem").text()
    assert "I modi di pagare il tuo carrello sono cambiati" in said
    assert "Scegli" not in said
    assert "si pagano solo con il credito welfare" in shown(window, QLabel, "creditNote").text()
    assert shown(window, QPushButton, "checkoutNoWayOut").text() == "Apri il carrello"
    assert nothing_queued(backend)


def test_no_way_left_to_pay_says_why_and_leads_to_the_cart(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    add_to_cart(qtbot, window, "s01")
    add_to_cart(qtbot, window, "s02")
    screen = reviewed(qtbot, window, PROVIDER)
    changed_meanwhile(
        backend,
        demo_service("s01", payments=["credit"]),
        demo_service("s02", payments=["provider"]),
    )
    confirmed(qtbot, window, screen)

    assert screen.refusal[0] == "payment_not_allowed"
    assert "non si possono comprare in un solo ordine" in (
        shown(window, QLabel, "checkoutNoWayToPay").text()
    )
    assert not screen.confirm_button.isVisible()
    assert nothing_queued(backend)
    tap(qtbot, window, "Apri il carrello")
    qtbot.waitUntil(lambda: window.current_route == "cart")


class WatchedLines(list):  # type: ignore[type-arg]
    """A cart's lines that note the thread of every change made to them."""

    def __init__(self, lines: list[Any], threads: list[str]) -> None:
        super().__init__(lines)
        self.threads = threads

    def __setitem__(self, index: Any, value: Any) -> None:
        self.threads.append(threading.current_thread().name)
        super().__setitem__(index, value)


class WatchedCart(Cart):
    """A cart that notes the thread of every change of its lines."""

    threads: list[str]

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "lines":
            threads = self.__dict__.setdefault("threads", [])
            threads.append(threading.current_thread().name)
            value = WatchedLines(value, threads)
        super().__setattr__(name, value)


def test_a_new_price_shows_the_same_total_everywhere(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    """The price changed meanwhile: the screen said the new total, the header's cart
    button the old one (the worker had changed the cart, and nobody told the header)."""
    window, backend = kiosk
    add_to_cart(qtbot, window, "s01", more=1)  # 2 hours at € 13,00
    cart = window.ctx.citizen.cart
    assert cart is not None
    watched = WatchedCart(list(cart.lines))
    watched.threads.clear()
    window.ctx.citizen.cart = watched
    screen = reviewed(qtbot, window, PROVIDER)
    changed_meanwhile(backend, demo_service("s01", price_cents=1500))
    confirmed(qtbot, window, screen)

    assert screen.refusal[0] == "price_changed"
    assert "30,00" in screen.total.text()
    assert "30,00" in window.cart_button.text()
    assert watched.threads == [threading.main_thread().name]  # once, on the UI thread
    window.go("cart", {})
    assert "30,00" in shown(window, QLabel, "cartTotal").text()
    assert nothing_queued(backend)


def test_a_service_no_longer_sold_is_named_and_taken_out_of_the_cart(qtbot, kiosk, snap) -> None:  # type: ignore[no-untyped-def]
    """A service in the cart made info-only: the checkout said only "could not be saved,
    ask the welfare manager", at every try, and the cart kept the service."""
    window, backend = kiosk
    add_to_cart(qtbot, window, "s01", more=1)
    add_to_cart(qtbot, window, "s02")
    screen = reviewed(qtbot, window, PROVIDER)
    changed_meanwhile(backend, demo_service("s01", booking="info_only"))
    confirmed(qtbot, window, screen)

    assert screen.refusal[0] == "not_for_sale"
    said = shown(window, QLabel, "checkoutProblem").text()
    assert "Baby sitter qualificata a domicilio" in said and "non è più offerto" in said
    assert "tolto dal tuo carrello" in said and "welfare manager" not in said
    assert nothing_queued(backend)
    cart = window.ctx.citizen.cart
    assert cart is not None and [ln.service_id for ln in cart.lines] == ["s02"]
    assert "Carrello (1) · € 110,00" in window.cart_button.text()
    assert shown(window, QPushButton, "checkoutNoWayOut").text() == "Apri il carrello"
    snap(window, "withdrawn")

    tap(qtbot, window, "Controlla l’ordine ›")  # the rest is ordered as it is now
    confirmed(qtbot, window, screen)
    assert screen.mode == CheckoutMode.DONE


def test_a_cart_left_empty_leads_back_to_the_cart(qtbot, kiosk, snap) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    add_to_cart(qtbot, window, "s01")
    add_to_cart(qtbot, window, "s02")
    window.ctx.switcher.set_language("en")
    window.go("checkout", {})
    screen = window.screens["checkout"]
    assert isinstance(screen, CheckoutScreen)
    screen.show_identified(None)
    tap(qtbot, window, "I pay the provider when the service is done")
    tap(qtbot, window, "Check the order ›")
    changed_meanwhile(
        backend,
        demo_service("s01", booking="info_only"),
        demo_service("s02", booking="request_quote"),
    )
    qtbot.wait(400)
    tap(qtbot, window, "Confirm the order")
    qtbot.waitUntil(lambda: screen.mode == CheckoutMode.REFUSED, timeout=10_000)

    said = shown(window, QLabel, "checkoutProblem").text()
    assert "These services are no longer offered" in said and "Your cart is now empty." in said
    assert "• Qualified babysitter at home\n• Summer camp, ages 6-11" in said
    assert not screen.total.isVisible()  # no "Total: €0.00" to pay
    assert not screen.confirm_button.isVisible()
    assert not any(b.isVisible() for b in screen.pay_buttons.values())
    assert not window.cart_button.isVisible()
    snap(window, "emptied")
    tap(qtbot, window, "Open the cart")
    qtbot.waitUntil(lambda: window.current_route == "cart")


def test_a_desk_payment_left_unconfirmed_is_not_said_to_be_a_change(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """payment_not_allowed also stops a desk payment no PIN confirmed this visit: that
    is no change of the services' ways to pay, and is not told as one."""
    add_to_cart(qtbot, window, "s01")
    window.go("checkout", {})
    screen = window.screens["checkout"]
    assert isinstance(screen, CheckoutScreen)
    screen.show_identified(None)
    screen.show_refused("payment_not_allowed", "a desk payment needs the manager")
    said = shown(window, QLabel, "checkoutProblem").text()
    assert "sono cambiati" not in said and "chiedi al welfare manager" in said
