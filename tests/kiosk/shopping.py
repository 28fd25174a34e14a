# SPDX-License-Identifier: EUPL-1.2
"""Buying on the touchscreen as a citizen does: the steps several tests share."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.ui.main_window import MainWindow
from tests.kiosk.people import fill, shows, tap

CF = "FRRNNA41A63E592W"


def add_to_cart(qtbot, window: MainWindow, service_id: str, more: int = 0) -> None:  # type: ignore[no-untyped-def]
    window.go("service", {"service_id": service_id})
    for _ in range(more):
        tap(qtbot, window, "+")
    tap(qtbot, window, "Aggiungi al carrello")
    assert shows(window, "✓ Nel carrello")


def identify(qtbot, window: MainWindow, cf: str, pin: str = "") -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, window, "checkout_cf", cf)
    if pin:  # only to pay with the credit
        fill(qtbot, window, "checkout_cf_pin", pin)
    tap(qtbot, window, "Avanti ›")
    qtbot.waitUntil(lambda: shows(window, "Come paghi?"), timeout=5_000)


def type_on_keypad(qtbot, keypad, digits: str) -> None:  # type: ignore[no-untyped-def]
    for digit in digits:
        qtbot.mouseClick(keypad.keys[digit], Qt.MouseButton.LeftButton)
