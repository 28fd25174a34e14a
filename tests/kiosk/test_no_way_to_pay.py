# SPDX-License-Identifier: EUPL-1.2
"""A cart with no way to pay says so, and what to do, on the cart and at checkout.

Two services whose ways to pay have nothing in common (one only with the credit, one
only to the provider), or a service paid only at the desk outside an assisted session:
the checkout asked "Come paghi?" with no answers and a greyed "Controlla l'ordine ›",
and the cart warned of nothing.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.core.purchasing import Cart, CartLine
from kiosk.ui.screens.checkout import CheckoutScreen
from store import mirror
from tests.kiosk.people import shown, tap, tap_named
from tests.kiosk.shopping import add_to_cart
from tests.kiosk.views import as_manager
from tests.records import service_record


def line(service_id: str, *payments: str) -> CartLine:
    return CartLine(service_id, {"it": service_id}, "ora", 1000, 1, "Coop", "", payments)


def test_a_cart_knows_when_it_has_no_way_to_pay() -> None:
    assert Cart().no_way_to_pay(assisted=False) is None  # empty: nothing to say
    fine = Cart([line("a", "provider", "credit"), line("b", "credit")])
    assert fine.no_way_to_pay(assisted=False) is None
    apart = Cart([line("a", "credit"), line("b", "provider")])
    for assisted in (False, True):  # a welfare manager at hand changes nothing
        no_way = apart.no_way_to_pay(assisted=assisted)
        assert no_way is not None and not no_way.desk_only
    desk = Cart([line("a", "desk"), line("b", "desk", "provider")])
    no_way = desk.no_way_to_pay(assisted=False)
    assert no_way is not None and no_way.desk_only
    assert desk.no_way_to_pay(assisted=True) is None  # the manager takes the payment


def test_the_words_name_each_service_and_its_ways(qapp) -> None:  # type: ignore[no-untyped-def]
    no_way = Cart([line("Pasti", "credit"), line("Trasporto", "provider", "desk")]).no_way_to_pay(
        assisted=False
    )
    assert no_way is not None
    words = no_way.words("it")
    assert "• Pasti: con il tuo credito welfare" in words
    assert "• Trasporto: al fornitore / allo sportello, con il welfare manager" in words
    assert "ordini separati" in words
    for lang in ("en", "ro", "sq", "uk", "ar", "zh"):
        assert no_way.words(lang) != words, lang  # each language has its own


def two_apart(qtbot, window, backend) -> None:  # type: ignore[no-untyped-def]
    with backend.store.write() as session:
        mirror.upsert(
            session,
            "services",
            [
                service_record("s981", "Solo credito", payments=["credit"]),
                service_record("s982", "Solo fornitore", payments=["provider"]),
            ],
        )
    for service_id in ("s981", "s982"):
        add_to_cart(qtbot, window, service_id)


def test_the_cart_and_the_checkout_say_which_services_cannot_go_together(
    qtbot, window, backend, snap
) -> None:  # type: ignore[no-untyped-def]
    two_apart(qtbot, window, backend)
    window.go("cart", {})
    warning = shown(window, QLabel, "cartNoWayToPay").text()
    assert "• Solo credito: con il tuo credito welfare" in warning
    assert "• Solo fornitore: al fornitore" in warning
    snap(window, "cart")

    tap(qtbot, window, "Vai al pagamento ›")
    qtbot.waitUntil(lambda: window.current_route == "checkout")
    checkout = window.screens["checkout"]
    assert isinstance(checkout, CheckoutScreen)
    # Nobody is asked who they are for an order that cannot be paid as it is.
    assert not checkout.identify.isVisible()
    assert not checkout.confirm_button.isVisible()
    said = shown(window, QLabel, "checkoutNoWayToPay").text()
    assert "non si possono comprare in un solo ordine" in said and "Solo fornitore" in said
    snap(window, "checkout")
    # Also after the codice fiscale (an assisted session's manager may go that far).
    checkout.show_identified(None)
    assert shown(window, QLabel, "checkoutNoWayToPay").isVisible()
    assert not checkout.confirm_button.isVisible()

    tap(qtbot, window, "Apri il carrello")
    qtbot.waitUntil(lambda: window.current_route == "cart")
    tap_named(qtbot, window, "remove_s982")  # one of them goes: the other can be paid
    assert not window.findChild(QLabel, "cartNoWayToPay").isVisible()
    tap(qtbot, window, "Vai al pagamento ›")
    qtbot.waitUntil(lambda: window.current_route == "checkout")
    assert checkout.identify.isVisible()
    assert not window.findChild(QLabel, "checkoutNoWayToPay").isVisible()


def test_a_desk_only_service_calls_the_welfare_manager(qtbot, window, backend, snap) -> None:  # type: ignore[no-untyped-def]
    with backend.store.write() as session:
        mirror.upsert(
            session, "services", [service_record("s983", "Solo allo sportello", payments=["desk"])]
        )
    add_to_cart(qtbot, window, "s983")
    window.go("cart", {})
    assert "solo allo sportello" in shown(window, QLabel, "cartNoWayToPay").text()
    window.go("checkout", {})
    said = shown(window, QLabel, "checkoutNoWayToPay").text()
    assert "solo allo sportello, con il welfare manager" in said
    snap(window, "checkout")
    way_out = shown(window, QPushButton, "checkoutNoWayOut")
    assert way_out.text() == "Chiedi aiuto"
    with qtbot.waitSignal(window.help_asked, timeout=2_000):
        way_out.click()


def test_in_an_assisted_session_the_desk_is_the_way(qtbot, window, backend) -> None:  # type: ignore[no-untyped-def]
    with backend.store.write() as session:
        mirror.upsert(
            session, "services", [service_record("s983", "Solo allo sportello", payments=["desk"])]
        )
    as_manager(window)
    window.manager_mode.start_assisted_session()
    add_to_cart(qtbot, window, "s983")
    window.go("checkout", {})
    checkout = window.screens["checkout"]
    assert not window.findChild(QLabel, "checkoutNoWayToPay").isVisible()
    checkout.show_identified(None)
    assert checkout.pay_buttons["desk"].isVisible()


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_the_message_in_other_scripts(qtbot, window, backend, snap, lang: str) -> None:  # type: ignore[no-untyped-def]
    two_apart(qtbot, window, backend)
    window.ctx.switcher.set_language(lang)
    window.go("checkout", {})
    said = shown(window, QLabel, "checkoutNoWayToPay").text()
    assert "Solo credito" in said and "Solo fornitore" in said
    assert "separate" not in said  # in the citizen's language, not English
    snap(window, f"checkout-{lang}")
