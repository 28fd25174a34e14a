# SPDX-License-Identifier: EUPL-1.2
"""A sync lands while the citizen is still choosing, services in the cart: the cart, the
service's page and the header's cart button show the services as they are now at once,
with a plain note of what changed, and nothing the citizen chose or typed is lost (the
cart kept the old price and state until the checkout refused the order).

The sync is a real pass of the kiosk's worker against the platform, on a thread of its
own as the worker runs it; the screens learn of it as the application tells them."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk.boot.paths import DEMO_DATASET
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.cart import CartScreen
from kiosk.ui.screens.checkout import CheckoutMode, CheckoutScreen
from tests.kiosk.kiosks import embedded_platform
from tests.kiosk.people import shown, tap
from tests.kiosk.shopping import add_to_cart
from tests.records import service_record

BABYSITTER = "Baby sitter qualificata a domicilio"  # s01, € 13,00 an hour
CAMP = "Centro estivo 6-11 anni"  # s02, € 110,00


def demo_service(service_id: str, **changes: Any) -> dict[str, Any]:
    services = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))["services"]
    return {**next(s for s in services if s["id"] == service_id), **changes}


@pytest.fixture
def shop(qtbot, synced):  # type: ignore[no-untyped-def]
    """The kiosk after its first pass, its worker stopped: each pass runs in the test."""
    window, backend = synced
    qtbot.waitUntil(lambda: "●" in window.sync_badge.text(), timeout=15_000)
    backend.sync.worker.stop()
    QApplication.processEvents()  # the refresh the first pass asked for
    return window, backend


def a_sync_lands(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, backend, *services: dict[str, Any], gone: str = ""
) -> None:
    """The platform publishes ``services`` (deletes ``gone``); a pass brings them and
    the screen refreshes."""
    platform = embedded_platform(backend)
    for service in services:
        platform.publish("services", service)
    if gone:
        assert platform.unpublish("services", gone)
    refreshed: list[str] = []
    window.screen_refreshed.connect(refreshed.append)
    sync = threading.Thread(target=backend.sync.worker.run_pass)
    sync.start()
    qtbot.waitUntil(lambda: bool(refreshed), timeout=15_000)
    sync.join()


def line_texts(window: MainWindow) -> str:
    screen = window.screens["cart"]
    assert isinstance(screen, CartScreen)
    return " | ".join(w.text() for w in screen.list.findChildren(QLabel) if w.isVisible())


def test_a_new_price_shows_in_the_open_cart_with_a_note_and_the_total(qtbot, shop, snap) -> None:  # type: ignore[no-untyped-def]
    window, backend = shop
    add_to_cart(qtbot, window, "s01", more=1)  # 2 hours at € 13,00
    add_to_cart(qtbot, window, "s02")
    window.go("cart", {})
    assert "136,00" in shown(window, QLabel, "cartTotal").text()

    a_sync_lands(qtbot, window, backend, demo_service("s01", price_cents=1500))

    note = shown(window, QLabel, "cartChangesText").text()
    assert f"Il prezzo di “{BABYSITTER}” è cambiato: da € 13,00 a € 15,00." in note
    assert "€ 15,00 / ora" in line_texts(window)
    assert "30,00" in line_texts(window)  # the line's own total, the quantity kept
    assert "Totale: € 140,00" in shown(window, QLabel, "cartTotal").text()
    assert "Carrello (3) · € 140,00" in window.cart_button.text()
    cart = window.ctx.citizen.cart
    assert cart is not None and [ln.quantity for ln in cart.lines] == [2, 1]
    snap(window, "price_changed")
    window.ctx.switcher.set_language("en")  # said in the language the citizen chooses
    english = "The price of “Qualified babysitter at home” has changed from €13.00 to €15.00."
    qtbot.waitUntil(lambda: english in shown(window, QLabel, "cartChangesText").text())
    window.ctx.switcher.set_language("it")
    qtbot.waitUntil(lambda: shown(window, QPushButton, "cartChangesSeen").text() == "Ho capito")

    tap(qtbot, window, "Ho capito")  # read: said no more
    assert not window.screens["cart"].findChild(QLabel, "cartChangesText").isVisible()
    assert "Totale: € 140,00" in shown(window, QLabel, "cartTotal").text()


def test_a_service_no_longer_sold_leaves_the_cart_with_a_note(qtbot, shop, snap) -> None:  # type: ignore[no-untyped-def]
    window, backend = shop
    add_to_cart(qtbot, window, "s01")
    add_to_cart(qtbot, window, "s02")
    window.go("cart", {})

    a_sync_lands(qtbot, window, backend, demo_service("s01", booking="info_only"))

    note = shown(window, QLabel, "cartChangesText").text()
    assert f"“{BABYSITTER}” non è più offerto" in note and "tolto dal tuo carrello" in note
    assert BABYSITTER not in line_texts(window) and CAMP in line_texts(window)
    assert "Totale: € 110,00" in shown(window, QLabel, "cartTotal").text()
    assert "Carrello (1) · € 110,00" in window.cart_button.text()
    snap(window, "withdrawn")


def test_the_service_page_says_what_changed_and_keeps_the_quantity_chosen(qtbot, shop) -> None:  # type: ignore[no-untyped-def]
    window, backend = shop
    add_to_cart(qtbot, window, "s01")
    window.go("service", {"service_id": "s02"})
    tap(qtbot, window, "+")  # chosen, not yet added
    a_sync_lands(qtbot, window, backend, demo_service("s02", price_cents=12000))
    assert "120,00" in shown(window, QLabel, "servicePrice").text()
    assert shown(window, QLabel, "quantity").text().startswith("2")

    window.go("service", {"service_id": "s01"})
    a_sync_lands(qtbot, window, backend, demo_service("s01", booking="info_only"))
    said = shown(window, QLabel, "serviceCartNote").text()
    assert "non è più offerto" in said and "tolto dal tuo carrello" in said
    assert not window.screens["service"].findChild(QLabel, "addedToCart").isVisible()
    assert not window.cart_button.isVisible()  # nothing left in the cart


def test_a_sync_while_the_summary_shows_is_said_before_the_order(qtbot, shop, snap) -> None:  # type: ignore[no-untyped-def]
    """The summary on show, a new price lands: the citizen is told, and confirms the new
    total, never the one they read."""
    window, backend = shop
    add_to_cart(qtbot, window, "s01")
    window.go("checkout", {})
    screen = window.screens["checkout"]
    assert isinstance(screen, CheckoutScreen)
    screen.show_identified(None)
    tap(qtbot, window, "Pago al fornitore quando ricevo il servizio")
    tap(qtbot, window, "Controlla l’ordine ›")
    assert screen.mode == CheckoutMode.REVIEW

    a_sync_lands(qtbot, window, backend, demo_service("s01", price_cents=1500))

    assert screen.mode == CheckoutMode.REFUSED
    said = shown(window, QLabel, "checkoutProblem").text()
    assert "è cambiato: da € 13,00 a € 15,00" in said
    assert "Controlla il nuovo totale" in said
    assert "15,00" in screen.total.text()
    snap(window, "summary_changed")
    tap(qtbot, window, "Controlla l’ordine ›")  # the way chosen is kept
    assert screen.mode == CheckoutMode.REVIEW
    assert "15,00" in shown(window, QLabel, "checkoutSummary").text()
    assert shown(window, QPushButton, "placeOrder").isEnabled()


def test_a_service_deleted_from_the_catalog_shows_nothing_left_to_buy(qtbot, shop, snap) -> None:  # type: ignore[no-untyped-def]
    """Its page said it was gone, under its old price, "In your cart" and the rest."""
    window, backend = shop
    window.go("catalog", {})
    a_sync_lands(qtbot, window, backend, service_record("s50", "Pranzo della domenica"))
    add_to_cart(qtbot, window, "s50")
    snap(window, "before")
    a_sync_lands(qtbot, window, backend, gone="s50")

    assert shown(window, QLabel, "serviceTitle").text() == "Questo servizio non è più nel catalogo."
    said = shown(window, QLabel, "serviceCartNote").text()
    assert "“Pranzo della domenica” non è più offerto" in said
    screen = window.screens["service"]
    for name in ("servicePrice", "addedToCart", "serviceDescription", "serviceProvider"):
        assert not screen.findChild(QLabel, name).isVisible(), name
    assert not screen.findChild(QPushButton, "printCard").isVisible()
    assert not window.cart_button.isVisible()
    snap(window, "deleted")


def test_a_sync_while_the_ways_to_pay_show_is_said_there(qtbot, shop) -> None:  # type: ignore[no-untyped-def]
    window, backend = shop
    add_to_cart(qtbot, window, "s01")
    add_to_cart(qtbot, window, "s02")
    window.go("checkout", {})
    screen = window.screens["checkout"]
    assert isinstance(screen, CheckoutScreen)
    screen.show_identified(None)
    tap(qtbot, window, "Pago al fornitore quando ricevo il servizio")

    a_sync_lands(qtbot, window, backend, demo_service("s01", booking="info_only"))

    assert screen.mode == CheckoutMode.REFUSED
    said = shown(window, QLabel, "checkoutProblem").text()
    assert f"“{BABYSITTER}” non è più offerto" in said
    assert "110,00" in screen.total.text()
    assert screen.pay_buttons["provider"].isChecked()  # the way chosen is kept
    tap(qtbot, window, "Controlla l’ordine ›")
    assert screen.mode == CheckoutMode.REVIEW
    assert BABYSITTER not in shown(window, QLabel, "checkoutSummary").text()


def test_a_sync_that_changes_nothing_in_the_cart_leaves_the_checkout_as_it_was(qtbot, shop) -> None:  # type: ignore[no-untyped-def]
    window, backend = shop
    add_to_cart(qtbot, window, "s01")
    window.go("checkout", {})
    screen = window.screens["checkout"]
    assert isinstance(screen, CheckoutScreen)
    screen.show_identified(None)
    tap(qtbot, window, "Pago al fornitore quando ricevo il servizio")
    tap(qtbot, window, "Controlla l’ordine ›")
    a_sync_lands(qtbot, window, backend, demo_service("s02", price_cents=12000))
    assert screen.mode == CheckoutMode.REVIEW
    assert shown(window, QPushButton, "placeOrder").text() == "Conferma l’ordine"
