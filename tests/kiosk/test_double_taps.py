# SPDX-License-Identifier: EUPL-1.2
"""A double tap never goes past a review: the button that opened it, now "Confirm the
order" or "Send the application" in the same place, drops a double tap's second press.

Two taps 120 ms apart on "Check the order ›" showed the review and placed the order
(with the credit chosen, spent it); on the form's last page they sent the application.
The presses here carry a device's timestamps, as a touchscreen's and a keypad's do.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.core.apply_wizard import Step
from tests.kiosk.people import find_button, prefilled, shown, tap

TAPS_APART_MS = 120  # a double tap
READ_MS = 900  # a press after the review was read


class Presses:
    """Presses as a person makes them: events stamped with the device's time, which
    the guard reads (a test's own clicks carry made-up times)."""

    def __init__(self) -> None:
        self.now_ms = 1_000_000

    def tap(self, button, after_ms: int) -> None:  # type: ignore[no-untyped-def]
        self.now_ms += after_ms
        centre = QPointF(button.rect().center())
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            event = QMouseEvent(
                kind,
                centre,
                button.mapToGlobal(centre),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton
                if kind == QEvent.Type.MouseButtonPress
                else Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )
            event.setTimestamp(self.now_ms)
            QApplication.sendEvent(button, event)
        QApplication.processEvents()

    def key(self, button, key: Qt.Key, after_ms: int) -> None:  # type: ignore[no-untyped-def]
        self.now_ms += after_ms
        button.setFocus(Qt.FocusReason.TabFocusReason)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier)
            event.setTimestamp(self.now_ms)
            QApplication.sendEvent(button, event)
        QApplication.processEvents()


@pytest.fixture
def person() -> Presses:
    return Presses()


def at_checkout_paying_the_provider(qtbot, window):  # type: ignore[no-untyped-def]
    from kiosk.core.purchasing import Cart, cart_line

    window.ctx.citizen.cart = Cart()
    with window.catalog.store.read() as session:
        window.ctx.citizen.cart.add(cart_line(session, "s01", 2))
    window.go("checkout", {})
    screen = window.screens["checkout"]
    screen.show_identified(None)  # the controller's answer
    tap(qtbot, window, "Pago al fornitore quando ricevo il servizio")
    return screen


def test_a_double_tap_on_check_the_order_stops_at_the_review(qtbot, window, person) -> None:  # type: ignore[no-untyped-def]
    screen = at_checkout_paying_the_provider(qtbot, window)
    placing = QSignalSpy(screen.place_requested)
    target = find_button(window, "Controlla l’ordine ›")
    person.tap(target, after_ms=5000)
    assert screen.mode == "review" and target.text() == "Conferma l’ordine"
    person.tap(target, after_ms=TAPS_APART_MS)  # the double tap's second
    assert screen.mode == "review" and placing.count() == 0
    person.tap(target, after_ms=READ_MS)  # the review read: now a tap confirms
    assert screen.mode == "sending" and placing.count() == 1


def test_ok_pressed_twice_on_the_checkout_button_stops_at_the_review(qtbot, window, person) -> None:  # type: ignore[no-untyped-def]
    screen = at_checkout_paying_the_provider(qtbot, window)
    placing = QSignalSpy(screen.place_requested)
    target = screen.confirm_button
    person.key(target, Qt.Key.Key_Return, after_ms=5000)  # "Check the order ›"
    assert screen.mode == "review"
    person.key(target, Qt.Key.Key_Return, after_ms=TAPS_APART_MS)
    assert screen.mode == "review" and placing.count() == 0
    person.key(target, Qt.Key.Key_Return, after_ms=READ_MS)
    assert screen.mode == "sending" and placing.count() == 1


def test_a_double_tap_on_the_saved_order_does_not_finish_the_visit_at_once(
    qtbot, window, person
) -> None:  # type: ignore[no-untyped-def]
    """A tap that lands as the order is saved does not leave its code unread."""
    from kiosk.core.purchasing import Placed

    screen = at_checkout_paying_the_provider(qtbot, window)
    person.tap(screen.confirm_button, after_ms=5000)  # to the review
    person.tap(screen.confirm_button, after_ms=READ_MS)  # placed
    screen.show_placed(Placed("ORD-0001", "u1", "r1", ("v1",), 2600))
    assert screen.confirm_button.text() == "Ho finito"
    finished = QSignalSpy(screen.visit_finished)
    person.tap(screen.confirm_button, after_ms=TAPS_APART_MS)
    assert screen.mode == "done" and finished.count() == 0


def test_a_double_tap_on_the_last_page_of_a_form_stops_at_the_review(qtbot, window, person) -> None:  # type: ignore[no-untyped-def]
    screen = prefilled(window, page=4)
    screen.draft.notice_read = True
    screen.wizard.go_to_page(4)
    screen._render()
    assert screen.step == Step.PAGE and screen.next_button.text() == "Avanti ›"
    sending = QSignalSpy(screen.submit_requested)
    person.tap(screen.next_button, after_ms=5000)
    assert screen.step == Step.REVIEW and screen.next_button.text() == "Invia la domanda"
    person.tap(screen.next_button, after_ms=TAPS_APART_MS)
    person.key(screen.next_button, Qt.Key.Key_Return, after_ms=TAPS_APART_MS)
    assert screen.step == Step.REVIEW and sending.count() == 0
    person.tap(screen.next_button, after_ms=READ_MS)
    assert screen.step == Step.SENDING and sending.count() == 1


def test_a_test_s_quick_clicks_and_a_program_s_click_are_never_held_back(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Presses without a device's time (a program's) go through: only a person's double
    tap is dropped."""
    screen = at_checkout_paying_the_provider(qtbot, window)
    placing = QSignalSpy(screen.place_requested)
    screen.confirm_button.click()
    screen.confirm_button.click()
    assert screen.mode == "sending" and placing.count() == 1


def maintenance_exit(window):  # type: ignore[no-untyped-def]
    """The desk's button as drawn now (each drawing of the desk makes a new one)."""
    return shown(window, QPushButton, "maintenanceExit")


def test_a_double_tap_on_leave_for_maintenance_does_not_close_the_kiosk(
    qtbot, window, person
) -> None:  # type: ignore[no-untyped-def]
    """The confirming "Touch again to close the kiosk" is drawn where the first tap
    landed: a touch reported twice closed the kiosk."""
    window.go("manager")
    desk = window.screens["manager"]
    closing = QSignalSpy(desk.maintenance_exit)
    person.tap(maintenance_exit(window), after_ms=5000)
    assert maintenance_exit(window).text() == "Tocca di nuovo per chiudere il totem"
    person.tap(maintenance_exit(window), after_ms=TAPS_APART_MS)
    person.key(maintenance_exit(window), Qt.Key.Key_Return, after_ms=TAPS_APART_MS)
    assert closing.count() == 0
    person.tap(maintenance_exit(window), after_ms=READ_MS)  # meant: now it closes
    assert closing.count() == 1


def test_ok_pressed_twice_on_leave_for_maintenance_does_not_close_the_kiosk(
    qtbot, window, person
) -> None:  # type: ignore[no-untyped-def]
    window.go("manager")
    closing = QSignalSpy(window.screens["manager"].maintenance_exit)
    person.key(maintenance_exit(window), Qt.Key.Key_Return, after_ms=5000)
    person.key(maintenance_exit(window), Qt.Key.Key_Return, after_ms=TAPS_APART_MS)
    assert closing.count() == 0
    person.key(maintenance_exit(window), Qt.Key.Key_Return, after_ms=READ_MS)
    assert closing.count() == 1


def test_a_double_tap_on_remove_does_not_remove_the_person(qtbot, window, person) -> None:  # type: ignore[no-untyped-def]
    """ "Remove" asks for a second tap as "Tap again to remove", on the same button."""
    screen = prefilled(window, page=2)
    count = len(screen.draft.answers["membri"])
    remove = shown(window, QPushButton, "remove_membri_1")
    person.tap(remove, after_ms=5000)
    assert remove.text() == "Tocca ancora per togliere"
    person.tap(remove, after_ms=TAPS_APART_MS)
    person.key(remove, Qt.Key.Key_Return, after_ms=TAPS_APART_MS)
    assert len(screen.draft.answers["membri"]) == count
    person.tap(remove, after_ms=READ_MS)  # meant: now the person goes
    assert len(screen.draft.answers["membri"]) == count - 1
