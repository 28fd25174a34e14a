# SPDX-License-Identifier: EUPL-1.2
"""A field forgotten at the end of a visit keeps nothing to undo, no citizen field has a
context menu, and a double tap sends once.

``QLineEdit.clear()`` is itself an edit that can be undone: the next citizen's Ctrl+Z
(or the field's context menu, "Annulla") gave back the last one's codice fiscale and
search. And Next and Print sent again while the first tap's answer was on its way: a
wallet PIN tried twice (two tries spent), a voucher printed twice (two slips that pay).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QPushButton, QWidget
from sqlalchemy import select

from kiosk.ui.controllers.purchase import PurchaseController
from kiosk.ui.navigation import data_screens
from kiosk.ui.screens.wallet import WalletScreen
from kiosk.ui.widgets.form_fields import field_widget
from store.models import PrintJob, WalletAttempt, WalletEntry
from tests.kiosk.people import fill, find_button, opened, shown, shows, tap
from tests.kiosk.views import voucher
from tests.sync.conftest import Central

CF = "FRRNNA41A63E592W"
PIN = "402718"
SEARCH = "badante rossi"

# The citizen fields of the screens that forget them, with what is typed into each.
TYPED = {
    "input_wallet_cf": CF,
    "input_wallet_cf_phone": "3471234567",
    "input_checkout_cf": CF,
    "input_checkout_cf_phone": "3471234567",
    "searchField": SEARCH,
    "input_walletPinCf": CF,
}
PINS = (
    "input_wallet_cf_pin",
    "input_checkout_cf_pin",
    "input_walletPinNew",
    "input_walletPinAgain",
)


def field(window: QWidget, name: str) -> QLineEdit:
    found = window.findChild(QLineEdit, name)
    assert isinstance(found, QLineEdit), name
    return found


def test_a_visit_that_ended_leaves_nothing_to_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for route in ("wallet", "checkout", "catalog", "wallet_pin"):
        window.screen_for(route)
    # Typed as a person types, on the wallet screen and in the catalog's search.
    window.go("wallet")
    qtbot.waitUntil(lambda: window.current_route == "wallet")
    fill(qtbot, window, "wallet_cf", CF)
    window.go("catalog")
    qtbot.waitUntil(lambda: window.current_route == "catalog")
    search = field(window, "searchField")
    search.setFocus()
    QTest.keyClicks(search, SEARCH)
    for name, text in TYPED.items():
        if not field(window, name).text():
            field(window, name).insert(text)  # an edit that can be undone, as typing is
    for name in PINS:
        field(window, name).insert("482913")
    for name in TYPED:
        assert field(window, name).isUndoAvailable(), name

    window.visits.end()
    qtbot.waitUntil(lambda: window.current_route == "home")

    for name in (*TYPED, *PINS):
        forgotten = field(window, name)
        assert forgotten.text() == "", name
        assert not forgotten.isUndoAvailable(), name
        assert not forgotten.isRedoAvailable(), name
        forgotten.undo()
        assert forgotten.text() == "", name
    # The next citizen presses Ctrl+Z where the last one typed.
    for route, name in (("wallet", "input_wallet_cf"), ("catalog", "searchField")):
        window.go(route)
        qtbot.waitUntil(lambda r=route: window.current_route == r)
        typed_in = field(window, name)
        typed_in.setFocus()
        QTest.keyClick(typed_in, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert typed_in.text() == "", name


def menus() -> list[QMenu]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]


def test_no_citizen_field_has_a_context_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for route in data_screens():  # every screen, built if it was not
        window.screen_for(route)
    window.go("apply", {"call_id": "bs-piazzola"})
    qtbot.waitUntil(lambda: window.current_route == "apply")
    opened(window)
    tap(qtbot, window, "Ho letto, continua")  # the form's first page, with its fields
    qtbot.waitUntil(lambda: window.findChild(QLineEdit, "input_cognome") is not None)
    # Each kind of form field, whether or not the demo's forms ask it.
    made = [
        field_widget({"name": f"k_{kind}", "type": kind, "label": {"it": "?"}}, {}, [], str)
        for kind in ("text", "codice_fiscale", "date", "long_text")
    ]
    fields: list[QLineEdit | QPlainTextEdit] = [
        *window.findChildren(QLineEdit),
        *window.findChildren(QPlainTextEdit),
    ]
    for widget in made:
        assert widget is not None
        qtbot.addWidget(widget)
        fields += [*widget.findChildren(QLineEdit), *widget.findChildren(QPlainTextEdit)]
    assert {"input_wallet_cf", "searchField", "input_cognome", "input_k_long_text"} <= {
        f.objectName() for f in fields
    }
    with_menu = [
        f.objectName() or type(f).__name__
        for f in fields
        if f.contextMenuPolicy() != Qt.ContextMenuPolicy.NoContextMenu
    ]
    assert with_menu == []

    # A right click (or a long press) on the wallet's codice fiscale opens nothing.
    window.go("wallet")
    qtbot.waitUntil(lambda: window.current_route == "wallet")
    cf = field(window, "input_wallet_cf")
    at = QPoint(10, 10)
    QApplication.sendEvent(
        cf, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, cf.mapToGlobal(at))
    )
    opened_menus = menus()
    for menu in opened_menus:
        menu.close()
    assert opened_menus == []


def spy(signal: Any) -> list[tuple[Any, ...]]:
    seen: list[tuple[Any, ...]] = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def test_next_and_print_send_once_until_answered(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Without the controller: the screen alone waits for an answer, and the visit's
    end frees it."""
    window.go("wallet")
    qtbot.waitUntil(lambda: window.current_route == "wallet")
    screen = window.screens["wallet"]
    assert isinstance(screen, WalletScreen)
    sent = spy(screen.identify_requested)
    fill(qtbot, window, "wallet_cf", CF)
    fill(qtbot, window, "wallet_cf_pin", PIN)
    next_button = find_button(window, "Avanti ›")
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    screen.identify.take_scanned(CF)  # a health card passed meanwhile
    assert sent == [(CF, PIN)]
    assert not next_button.isEnabled()
    screen.show_wallet_refused("wrong", 4)  # the answer: Next is free again
    assert next_button.isEnabled()
    fill(qtbot, window, "wallet_cf_pin", PIN)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert len(sent) == 2 and not next_button.isEnabled()
    window.visits.end()  # no answer came: the next citizen still has a Next
    qtbot.waitUntil(lambda: window.current_route == "home")
    window.go("wallet")
    qtbot.waitUntil(lambda: window.current_route == "wallet")
    assert find_button(window, "Avanti ›").isEnabled()

    printed = spy(screen.print_voucher)
    screen.show_vouchers([voucher(1), voucher(2)])
    first = shown(window, QPushButton, "printVoucher_v1")
    prints = [shown(window, QPushButton, f"printVoucher_v{n}") for n in (1, 2)]
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert printed == [("v1",)]
    assert not any(b.isEnabled() for b in prints)
    screen.print_answered()
    assert all(b.isEnabled() for b in prints)
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert printed == [("v1",), ("v1",)]
    window.visits.end()
    assert not screen.printing


def until_answered(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Every task asked so far has run and its answer reached the screen: the runner
    has one worker and answers in order."""
    controller = window.findChild(PurchaseController)
    assert isinstance(controller, PurchaseController)
    done: list[object] = []
    controller.tasks.run(lambda: None, done.append, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)


def double_tap(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QTest.qWait(120)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_double_tap_tries_the_pin_once_and_prints_once(  # type: ignore[no-untyped-def]
    qtbot, kiosk, central: Central, monkeypatch
) -> None:
    import kiosk.ui.controllers.purchase as controller

    window, backend = kiosk
    slow: Callable[..., str] = controller.print_voucher

    def slow_print(*args: Any) -> str:  # a busy disk: the second tap comes before the answer
        time.sleep(0.5)
        return slow(*args)

    monkeypatch.setattr(controller, "print_voucher", slow_print)
    central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 15_000)
    locator = central.platform.set_wallet_pin(CF, PIN)
    backend.sync.worker.connectivity_returned()

    def mirrored() -> bool:
        with backend.store.read() as session:
            return session.get(WalletEntry, locator) is not None

    qtbot.waitUntil(mirrored, timeout=10_000)
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Stampa i miei buoni")
    fill(qtbot, window, "wallet_cf", CF)
    fill(qtbot, window, "wallet_cf_pin", "123987")
    double_tap(qtbot, find_button(window, "Avanti ›"))
    until_answered(qtbot, window)
    with backend.store.read() as session:
        assert [a.failures for a in session.scalars(select(WalletAttempt))] == [1]
    assert shows(window, "tentativi rimasti: 4")
    assert find_button(window, "Avanti ›").isEnabled()  # answered: the PIN again

    fill(qtbot, window, "wallet_cf_pin", PIN)
    tap(qtbot, window, "Avanti ›")
    qtbot.waitUntil(lambda: shows(window, "Buoni spesa 2026"), timeout=10_000)
    double_tap(qtbot, find_button(window, "Stampa"))
    until_answered(qtbot, window)
    with backend.store.read() as session:
        kinds = [j.kind for j in session.scalars(select(PrintJob))]
    assert kinds == ["voucher"]
    assert find_button(window, "Stampa").isEnabled()  # answered: it may be printed again
