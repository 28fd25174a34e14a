# SPDX-License-Identifier: EUPL-1.2
"""A card read while the keys' focus is on a control, not a text field (README,
"Barcode scanner"): a keypad or switch user's focus is on an on-screen key or on
"Conferma l'ordine". The scanner's reading still goes where it belongs, and neither its
Enter nor the keys of its burst press the control; a person's own OK still does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import func, select

from kiosk.core.purchasing import Cart, cart_line
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.checkout import CheckoutMode, CheckoutScreen
from kiosk.ui.widgets.scan_notice import ScanNotice
from store.models import OutboxEntry
from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import shown, tap

CF = "FRRNNA41A63E592W"
ONE = f"key_{ord('1')}"  # the on-screen keyboard's first key


def scan(text: str) -> None:
    """A keyboard-wedge scanner: no pause between keys, each sent where the focus is."""
    for char in [*text, Qt.Key.Key_Return]:
        focus = QApplication.focusWidget()
        assert focus is not None
        QTest.keyClick(focus, char)


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A person's key: well after the last one, as no hand types at a scanner's pace."""
    qtbot.wait(120)
    QTest.keyClick(QApplication.focusWidget() or window, key)
    QApplication.processEvents()


def focused_name() -> str:
    focus = QApplication.focusWidget()
    return focus.objectName() if focus is not None else ""


def checkout(window: MainWindow) -> CheckoutScreen:
    window.ctx.citizen.cart = Cart()
    with window.catalog.store.read() as session:
        window.ctx.citizen.cart.add(cart_line(session, "s01", 1))
    window.go("checkout", {})
    screen = window.screens["checkout"]
    assert isinstance(screen, CheckoutScreen)
    return screen


def keys_on_the_codice_fiscale(qtbot, window: MainWindow) -> QLineEdit:  # type: ignore[no-untyped-def]
    """A keypad user's OK on the codice fiscale: the focus goes to the on-screen keys."""
    field = shown(window, QLineEdit, "input_checkout_cf")
    assert isinstance(field, QLineEdit)
    field.setFocus(Qt.FocusReason.TabFocusReason)
    window.navigator.used = True
    press(qtbot, window, Qt.Key.Key_Return)
    assert focused_name() == ONE
    return field


def told(window: MainWindow) -> bool:
    """The passing line "Code read: it is not needed on this page" shows."""
    return any(notice.isVisible() for notice in window.findChildren(ScanNotice))


def orders(backend: Any) -> int:
    with backend.store.read() as session:
        kind = OutboxEntry.kind == "purchase"
        return int(session.scalar(select(func.count()).select_from(OutboxEntry).where(kind)))


def test_a_card_read_with_the_focus_on_an_on_screen_key_is_the_codice_fiscale(
    qtbot, offline
) -> None:  # type: ignore[no-untyped-def]
    window, _backend, _tasks = offline
    screen = checkout(window)
    keys_on_the_codice_fiscale(qtbot, window)
    scan(CF)
    # Read and taken: the code, not the key's "1", and the order goes on to paying.
    qtbot.waitUntil(lambda: screen.mode == CheckoutMode.PAY, timeout=5_000)
    assert screen.identify.field.text() == CF
    assert not told(window)  # the card was wanted: nothing to tell


def test_a_space_in_a_barcode_does_not_press_the_key_with_the_focus(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    """Code 39 has a space: in a burst it must not press the on-screen key (Space presses
    a button). The reading is no codice fiscale, so nothing else happens."""
    window, _backend, _tasks = offline
    screen = checkout(window)
    field = keys_on_the_codice_fiscale(qtbot, window)
    scan("TESSERA 1234")
    qtbot.wait(100)
    assert field.text() == "" and screen.mode == CheckoutMode.IDENTIFY
    assert focused_name() == ONE
    assert told(window)  # the citizen saw the scanner light up: it is no card
    press(qtbot, window, Qt.Key.Key_Return)  # the person's own OK on the key types its digit
    assert field.text() == "1"


@pytest.mark.parametrize(
    "reading", [CF, "4006381", "A1"], ids=["card", "short-code", "two-characters"]
)
def test_a_card_read_with_the_focus_on_confirm_places_no_order(
    qtbot, offline, reading: str
) -> None:  # type: ignore[no-untyped-def]
    """Nor does a barcode too short to be a code: its Enter comes at a scanner's pace
    all the same, and is no press of "Confirm the order"."""
    window, backend, _tasks = offline
    screen = checkout(window)
    screen.show_identified(None)
    tap(qtbot, window, "Pago al fornitore quando ricevo il servizio")
    tap(qtbot, window, "Controlla l’ordine ›")
    assert screen.mode == CheckoutMode.REVIEW
    window.navigator.used = True
    screen.confirm_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait(500)  # well after the tap that showed it: no double tap
    scan(reading)
    qtbot.wait(200)
    assert screen.mode == CheckoutMode.REVIEW and orders(backend) == 0
    assert screen.confirm_button.hasFocus()
    # A card is read, and not needed at this step: said so, nothing taken. Under eight
    # characters no reading is told apart from typing, so nothing is said of one.
    assert told(window) == (reading == CF)
    press(qtbot, window, Qt.Key.Key_Return)  # the citizen's own OK confirms
    qtbot.waitUntil(lambda: orders(backend) == 1, timeout=10_000)


@pytest.mark.parametrize("late", [False, True], ids=["configured", "attached-later"])
def test_a_card_read_by_a_switch_user_presses_nothing(
    qtbot, qapp, tmp_path: Path, late: bool
) -> None:  # type: ignore[no-untyped-def]
    """Two switches: Enter is the second, "choose". The scanner's Enter is not, whether
    switch access came with the kiosk's settings or was attached after the scanner."""
    from kiosk.boot.config import SwitchSettings
    from kiosk.ui.switch_scanning import SwitchScanner

    config = make_config(tmp_path, "" if late else '[switches]\nscanning = "two"\n')
    window, backend, tasks = kiosk_window(qtbot, qapp, config)
    if late:
        SwitchScanner(window, window.navigator, SwitchSettings("two", 1500))
    try:
        screen = checkout(window)
        press(qtbot, window, Qt.Key.Key_Space)  # the first switch starts scanning
        shown(window, QLineEdit, "input_checkout_cf").setFocus(Qt.FocusReason.TabFocusReason)
        press(qtbot, window, Qt.Key.Key_Return)  # the second chooses the field: the keys type there
        assert focused_name() == ONE
        scan(CF)
        qtbot.waitUntil(lambda: screen.mode == CheckoutMode.PAY, timeout=5_000)
        assert screen.identify.field.text() == CF
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()
