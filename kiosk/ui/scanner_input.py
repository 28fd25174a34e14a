# SPDX-License-Identifier: EUPL-1.2
"""Barcode-scanner input for the whole window (see kiosk.core.scanner for how bursts are told
from typing).

Key presses are watched on the application, not on one field: the citizen may have
tapped "Cognome" and then pass the card over the reader. The characters of a burst
land in whatever field had the focus; when the burst ends, that field gets its text
back and ``scanned`` says what was read, for the form to put where it belongs. The
scanner's Enter is swallowed so it does not act on the screen.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from kiosk.core.scanner import BurstDetector
from kiosk.ui.event_filters import never_raises

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ScannerInput(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.detector = BurstDetector()
        self._field: QLineEdit | None = None
        self._text_before = ""
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A key event reaches the filter again for each parent it propagates to: count it
        # at a text field or at the window only. (An Enter a field ignores may be counted
        # twice; the second ends an empty burst and is dropped.)
        if event.type() != QEvent.Type.KeyPress:
            return False
        if not (
            isinstance(watched, QLineEdit | QPlainTextEdit)
            or (isinstance(watched, QWidget) and watched.isWindow())
        ):
            return False
        assert isinstance(event, QKeyEvent)
        enter = event.key() in ENTER_KEYS
        char = "\r" if enter else event.text()
        if not char:
            return False
        now = time.monotonic()
        if not enter and self.detector.starts_burst(now):
            focus = watched if isinstance(watched, QLineEdit) else QApplication.focusWidget()
            self._field = focus if isinstance(focus, QLineEdit) else None
            self._text_before = self._field.text() if self._field else ""
        burst = self.detector.feed(char, now)
        if burst is None:
            return False
        # The field the burst went into may be gone (a language switch rebuilds a form).
        if self._field is not None and shiboken6.isValid(self._field):
            self._field.setText(self._text_before)  # the burst was not typed by a person
        self._field = None
        self.scanned.emit(burst.strip().upper())
        return True

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
