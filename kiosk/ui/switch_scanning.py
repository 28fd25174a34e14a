# SPDX-License-Identifier: EUPL-1.2
"""Switch access: the kiosk for a citizen who can press one or two large switches only.

A switch interface is a USB keyboard with one or two keys (README, "Accessibility"):
Space for the first switch, Enter for the second. With ``switches.scanning = "one"``
the first press starts scanning: the highlight (the focus ring, in two colours) moves
to the next control every ``interval_ms``, and a press chooses the control
highlighted; after a choice the scan starts again from the first control of what
comes. With ``"two"`` the first switch moves the highlight and the second chooses; the
scan waits for the citizen. Scanning ends with the visit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QWidget

from kiosk.boot.config import SwitchSettings
from kiosk.ui.event_filters import install_on_application, never_raises
from kiosk.ui.key_navigation import KeyNavigator

FIRST_SWITCH = {Qt.Key.Key_Space}
SECOND_SWITCH = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select}


class SwitchScanner(QObject):
    def __init__(self, window: QWidget, navigator: KeyNavigator, settings: SwitchSettings) -> None:
        super().__init__(window)
        self.window, self.navigator, self.mode = window, navigator, settings.scanning
        self.scanning = False
        self._choosing = False  # sending a chosen field its Select
        self.timer = QTimer(self)
        self.timer.setInterval(settings.interval_ms)
        self.timer.timeout.connect(self.next)
        # Before any widget: a switch's Space must not type or press by itself. Behind
        # the scanner's reader (a card's Enter is not the second switch) and the idle
        # watch (a switch's press is the citizen's activity all the same).
        install_on_application(self)

    def next(self) -> None:
        """The highlight to the next control (in reading order, round)."""
        self.navigator.used = True
        self.navigator.step(forward=True)

    def choose(self) -> None:
        focus = QApplication.focusWidget()
        usable = focus is not None and focus.isEnabled() and focus.isVisible()
        if isinstance(focus, QAbstractButton) and usable:
            focus.click()
        elif isinstance(focus, QLineEdit | QPlainTextEdit) and usable:
            # A text field is chosen as the keypad's OK chooses it: the on-screen keys
            # then type into it, not into the last field the scan passed.
            self._choosing = True  # the Select is the field's, not a second switch's press
            select = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_Select, Qt.KeyboardModifier.NoModifier
            )
            try:
                QApplication.sendEvent(focus, select)
            finally:
                self._choosing = False
        if self.mode == "one":
            self.timer.start()  # a full interval on what comes, from its first control

    def start(self) -> None:
        self.scanning = True
        self.navigator.begin()  # the first control, highlighted
        if self.mode == "one":
            self.timer.start()

    def stop(self) -> None:
        """The visit ended."""
        self.scanning = False
        self.timer.stop()

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if self._choosing:
            return False
        if watched.window() is not self.window or not isinstance(event, QKeyEvent):
            return False
        key = Qt.Key(event.key())
        first, second = key in FIRST_SWITCH, key in SECOND_SWITCH
        if not (first or (second and self.mode == "two")):
            return False
        if event.isAutoRepeat():
            return True  # a switch held down is one press
        if not self.scanning:
            self.start()
        elif self.mode == "one" or second:
            self.choose()
        else:
            self.next()
        return True
