# SPDX-License-Identifier: EUPL-1.2
"""What a walk-through of buying on the panel found: double taps, quantities in the
cart, units in the singular and plural, and a credit that can be used only in part."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from kiosk.core.purchasing import MAX_CART_LINES, Cart, CreditView, cart_line
from store.models import Service
from tests.kiosk.people import find_button, shows, tap


def test_a_double_tap_on_add_to_cart_adds_once(qtbot, window, snap) -> None:
    window.go("service", {"service_id": "s01"})
    screen = window.screens["service"]
    add = find_button(window, "Aggiungi al carrello")
    where = add.mapTo(window, add.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=where)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=where, delay=40)
    assert window.ctx.citizen.cart.quantity_of("s01") == 1
    assert shows(window, "✓ Nel carrello: 1 ora.")
    assert not screen.add_button.isVisible()  # it cannot be added a second time by mistake
    snap(window, "service-in-cart")
    tap(qtbot, window, "⌂ Inizio")
    window.go("service", {"service_id": "s01"})  # back on the page: it says so again
    assert shows(window, "✓ Nel carrello: 1 ora.") and not screen.add_button.isVisible()
    tap(qtbot, window, "Apri il carrello")
    assert window.current_route == "cart"


def test_the_cart_changes_quantities_with_minus_and_plus(qtbot, window, snap) -> None:
    window.go("service", {"service_id": "s14"})  # € 22,00 / ora
    tap(qtbot, window, "+")
    tap(qtbot, window, "+")
    assert shows(window, "3 ore")  # units in the plural
    tap(qtbot, window, "Aggiungi al carrello")
    window.go("cart")
    line = window.screens["cart"]
    assert shows(window, "3 ore") and shows(window, "€ 66,00")
    tap(qtbot, window, "+")
    assert window.ctx.citizen.cart.quantity_of("s14") == 4 and shows(window, "€ 88,00")
    assert window.cart_button.text().startswith("Carrello (4)")
    for _ in range(3):
        tap(qtbot, window, "−")
    assert shows(window, "1 ora") and shows(window, "€ 22,00")
    assert not find_button(line, "−").isEnabled()  # one less than one is "Togli"
    snap(window, "cart-quantities")
    tap(qtbot, window, "Togli")
    assert window.ctx.citizen.cart.lines == []


def test_a_credit_usable_in_part_says_why(qtbot, window, snap) -> None:
    window.go("service", {"service_id": "s16"})
    tap(qtbot, window, "Aggiungi al carrello")
    window.go("checkout")
    checkout = window.screens["checkout"]
    checkout.show_identified(
        CreditView(balance_cents=10_000, waiting_cents=0, spendable_cents=5_000)
    )
    assert shows(window, "Uso il mio credito welfare (€ 50,00 disponibili ora)")
    assert shows(window, "Il tuo credito è di € 100,00. Un totem ne spende al massimo € 50,00")
    snap(window, "checkout-pay-credit")
    checkout.show_identified(
        CreditView(balance_cents=3_000, waiting_cents=0, spendable_cents=3_000)
    )
    assert not checkout.credit_note.isVisible()  # all of it usable: nothing to explain


def test_a_credit_too_small_for_the_only_way_to_pay_says_what_to_do(qtbot, window, snap) -> None:
    # A greyed choice alone tells nothing: the citizen reads why, and what to do.
    with window.catalog.store.read() as session:
        meals = replace(cart_line(session, "s16", 3), payments=("credit",))  # € 27,90
    window.ctx.citizen.cart = Cart([meals])
    window.go("checkout")
    checkout = window.screens["checkout"]
    checkout.show_identified(
        CreditView(balance_cents=2_000, waiting_cents=0, spendable_cents=2_000)
    )
    credit = checkout.pay_buttons["credit"]
    assert credit.isVisible() and not credit.isEnabled()
    assert checkout.credit_note.isVisible()
    assert shows(window, "Il credito non basta: disponibili € 20,00.")
    assert shows(window, "I servizi nel carrello si pagano solo con il credito welfare")
    snap(window, "checkout-credit-too-small")
    assert find_button(window, "Apri il carrello").isVisible()
    checkout.show_identified(None)  # no credit at all
    assert shows(window, "Non c’è credito a tuo nome.")
    assert shows(window, "togline qualcuno dal carrello, oppure chiedi aiuto.")
    # Enough credit: nothing to say.
    checkout.show_identified(
        CreditView(balance_cents=5_000, waiting_cents=0, spendable_cents=5_000)
    )
    assert credit.isEnabled() and not checkout.credit_note.isVisible()
    assert not checkout.no_way_button.isVisible()
    # Another way to pay too: the credit's words, not the advice to remove services.
    window.ctx.citizen.cart = Cart([replace(meals, payments=("credit", "provider"))])
    checkout.show_identified(
        CreditView(balance_cents=2_000, waiting_cents=0, spendable_cents=2_000)
    )
    assert shows(window, "Il credito non basta: disponibili € 20,00.")
    assert not shows(window, "si pagano solo con il credito welfare")
    assert not checkout.no_way_button.isVisible()
    window.ctx.citizen.cart = Cart([meals])
    checkout.show_identified(None)
    tap(qtbot, window, "Apri il carrello")  # to take some out
    assert window.current_route == "cart"


def test_units_have_a_singular_and_a_plural(window) -> None:  # the Italian catalog loaded
    from kiosk.ui.texts import quantity_text

    assert (quantity_text(1, "pasto"), quantity_text(2, "pasto")) == ("1 pasto", "2 pasti")
    assert quantity_text(3, None) == "3"


def test_the_order_is_summed_up_with_what_happens_next_before_it_is_confirmed(
    qtbot, window, snap
) -> None:
    window.go("service", {"service_id": "s14"})  # home care, bought by the hour
    tap(qtbot, window, "+")
    tap(qtbot, window, "+")
    tap(qtbot, window, "Aggiungi al carrello")
    window.go("checkout")
    window.screens["checkout"].show_identified(None)
    tap(qtbot, window, "Pago al fornitore quando ricevo il servizio")
    tap(qtbot, window, "Controlla l’ordine ›")  # the summary is a page of its own
    assert shows(
        window, "3 ore · Assistenza domiciliare OSS – igiene e cura della persona · € 66,00"
    )
    assert shows(window, "Cosa succede ora: il fornitore ti telefona")  # the day is agreed later
    assert shows(window, "Paghi il fornitore in quel momento, non adesso.")
    snap(window, "checkout-summary")


def test_a_service_past_what_one_order_carries_is_refused_when_it_is_added(
    qtbot, window, snap
) -> None:
    store = window.catalog.store
    with store.read() as session:
        buyable = list(
            session.scalars(
                select(Service.id)
                .where(Service.booking == "buy_now", Service.price_cents.is_not(None))
                .order_by(Service.id)
            )
        )
        cart = Cart()
        for service_id in buyable[:MAX_CART_LINES]:
            cart.add(cart_line(session, service_id, 1))
    window.ctx.citizen.cart = cart
    one_more = buyable[MAX_CART_LINES]
    window.go("service", {"service_id": one_more})
    tap(qtbot, window, "Aggiungi al carrello")
    assert shows(window, f"Il carrello contiene già {MAX_CART_LINES} servizi, il massimo per un")
    assert len(cart.lines) == MAX_CART_LINES and cart.quantity_of(one_more) == 0
    snap(window, "cart-full-it")
    for lang, words in (("en", "Your cart already holds 20 services"), ("ro", "Coșul are deja")):
        window.ctx.switcher.set_language(lang)
        qtbot.waitUntil(lambda w=words: shows(window, w))
        snap(window, f"cart-full-{lang}")
    window.ctx.switcher.set_language("it")
    qtbot.waitUntil(lambda: shows(window, "Apri il carrello"))
    tap(qtbot, window, "Apri il carrello")
    assert window.current_route == "cart"
    window.go("service", {"service_id": buyable[0]})  # one already in the cart: as before
    assert shows(window, "✓ Nel carrello") and not shows(window, "Il carrello contiene già")
