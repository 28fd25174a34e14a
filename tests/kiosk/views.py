# SPDX-License-Identifier: EUPL-1.2
"""Every view a citizen or a manager can see, screens and the layers over them, each
as a way to show it on a kiosk window: the audits walk them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from kiosk.core.manager_desk import desk_facts
from kiosk.core.manager_login import Manager
from kiosk.core.wallet import WalletVoucher
from kiosk.ui.screens.manager_desk import ManagerDeskScreen
from printing.connection import State
from store.retention import RetentionRule
from tests.kiosk.people import opened, prefilled


def open_search_keyboard(window) -> None:  # type: ignore[no-untyped-def]
    window.go("catalog", {})
    search = window.stack.currentWidget().findChild(QLineEdit, "searchField")
    search.setFocus()
    search.clearFocus()
    search.setFocus()


def nothing_found(window) -> None:  # type: ignore[no-untyped-def]
    """A search in one Comune that finds nothing: its ways on ("Search all the Comuni",
    "Ask for help") under the summary, the keyboard closed."""
    window.go("catalog", {})
    screen = window.stack.currentWidget()
    next(chip for comune, chip in screen.comune_chips.items() if comune).click()
    screen.search.setText("zzqxw")
    screen._run_search()  # the pause in typing, at once
    screen.keyboard.hide_button.click()


def typing_in(field: str, show: Callable) -> Callable:  # type: ignore[type-arg]
    """The view ``show`` gives, with ``field`` tapped: its on-screen keyboard open."""

    def view(window) -> None:  # type: ignore[no-untyped-def]
        show(window)
        box = window.stack.currentWidget().findChild(QLineEdit, field)
        QTest.mouseClick(box, Qt.MouseButton.LeftButton)
        QTest.qWait(5)  # the keyboard's room, then the field scrolled into view

    return view


def add_to_cart(window) -> None:  # type: ignore[no-untyped-def]
    window.go("service", {"service_id": "s01"})
    add = window.stack.currentWidget().findChild(QPushButton, "addToCart")
    if add is not None and add.isEnabled():
        add.click()
    window.go("cart", {})


def as_manager(window) -> None:  # type: ignore[no-untyped-def]
    window.manager_mode.manager = Manager(
        "1001", "Silvia Demo", "Cooperativa Sociale Il Girasole", "welfare_manager"
    )
    window.go("manager", {})


def assisted_desk_payment(window) -> None:  # type: ignore[no-untyped-def]
    """An assisted session's checkout, paying at the desk: the manager's PIN box and
    keypad, and the footer's row of the session (last: it leaves the session on)."""
    citizen = window.ctx.citizen
    large, contrast = citizen.large_text, citizen.high_contrast
    as_manager(window)
    window.manager_mode.start_assisted_session()  # a new visit: its choices start afresh
    window.set_large_text(large)
    window.set_high_contrast(contrast)
    add_to_cart(window)
    window.go("checkout", {})
    checkout = window.stack.currentWidget()
    checkout.show_identified(None)
    checkout.pay_buttons["desk"].click()


# What the citizen and the manager can see: screens and the layers over them.
VIEWS: dict[str, Callable] = {
    "home": lambda w: w.go_home(),
    "catalog": lambda w: w.go("catalog", {}),
    "catalog keyboard": open_search_keyboard,
    "category": lambda w: w.go("category", {"category_id": "silvercare", "comune_id": "piazzola"}),
    "service": lambda w: w.go("service", {"service_id": "s14"}),
    "calls": lambda w: w.go("calls", {}),
    "apply": lambda w: (w.go("apply", {"call_id": "bs-piazzola"}), opened(w)),
    "status": lambda w: w.go("status", {}),
    "wallet": lambda w: w.go("wallet", {}),
    "cart": add_to_cart,
    "checkout": lambda w: (add_to_cart(w), w.go("checkout", {})),
    "nothing found": nothing_found,
    "status keyboard": typing_in("input_status_cf", lambda w: w.go("status", {})),
    "wallet keyboard": typing_in("input_wallet_cf", lambda w: w.go("wallet", {})),
    "checkout keyboard": typing_in(
        "input_checkout_cf", lambda w: (add_to_cart(w), w.go("checkout", {}))
    ),
    "apply keyboard, codice fiscale": typing_in(
        "input_cf", lambda w: (w.go("apply", {"call_id": "bs-piazzola"}), opened(w)._next())
    ),
    "apply keyboard, address": typing_in("input_indirizzo", lambda w: prefilled(w, page=1)),
    "help": lambda w: w.show_help(),
    "still there": lambda w: (w.overlay.hide(), w.go("calls", {}), w.visits.still_there.ask(20)),
    "manager login": lambda w: (w.visits.still_there.close_panel(), w.go("manager_login", {})),
    "manager desk": as_manager,
    "assisted desk payment": assisted_desk_payment,
}


def on_window(widget: QWidget) -> QRect:
    """Where ``widget`` is, in its window's coordinates."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def out_of_view(widget: QWidget, keys_top: int, header_bottom: int) -> str:
    """Why ``widget`` is not wholly in view above the keys, if it is not."""
    if not widget.isVisible():
        return "hidden"
    shown = widget.visibleRegion().boundingRect()
    if shown.height() < widget.height() or shown.width() < widget.width():
        return f"{shown.height()} of {widget.height()} px in view"
    place = on_window(widget)
    if place.bottom() >= keys_top or place.top() < header_bottom:
        return f"at {place.top()}..{place.bottom()}, the page is {header_bottom}..{keys_top}"
    return ""


def voucher(number: int) -> WalletVoucher:
    """A wallet's voucher ``v<number>`` of the demo's buoni spesa, as the wallet shows it."""
    day = dt.date(2026, 1, 1)
    return WalletVoucher(
        f"v{number}", "Buoni spesa 2026", "Comune", 15_000, None, day, day, f"C{number}", ""
    )


def show_desk(window, backend) -> ManagerDeskScreen:  # type: ignore[no-untyped-def]
    """The operator area drawn with the store's figures, the printer unreachable."""
    with backend.store.read() as session:
        facts = desk_facts(
            session, dt.datetime.now(dt.UTC).replace(tzinfo=None), RetentionRule(7, 7)
        )
    window.go("manager")
    desk = window.screens["manager"]
    desk.show_facts(replace(facts, printer=State.UNREACHABLE.value))
    return desk  # type: ignore[no-any-return]
