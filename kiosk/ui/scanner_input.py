# SPDX-License-Identifier: EUPL-1.2
"""Barcode-scanner input for the whole window (see kiosk.core.scanner for how bursts are told
from typing).

Key presses are watched on the application, not on one field: the citizen may have
tapped "Cognome" and then pass the card over the reader. The characters of a burst
land wherever the focus is, and the focus may move on meanwhile (a date's boxes pass it
on once full, so a code's digits end up in the year). When the burst ends, every text
input its keys reached gets its text back, the focus goes back where it was, and
``scanned`` says what was read, for the form to put where it belongs.

Each key is counted where Qt delivers it first, the control with the focus, before
that control's own filters and before the application's other filters (the reader is
kept in front of them): a keypad or switch user's focus may be on a button or an
on-screen key, whose key navigation presses it on Enter. The scanner's Enter (on a
control, also that of a burst too short to be a code), and every key of a burst after
its first, are kept from all of them, so a reading is data and acts on nothing: no
Space presses a button or is a switch's press, no "+" or "-" is spoken mode's volume,
no Tab or Escape moves the focus or goes back. Text of a burst reaching a text input
is typed there by the reader itself (and taken back at the end).
The first key of a burst cannot be told from a person's until the second comes: it
goes on as any key does (spoken mode's "+" and "-", which may begin a reading, wait
for ``burst_went_on`` not to come).
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from kiosk.core.scanner import BurstDetector, cleaned_scan
from kiosk.ui.event_filters import forget_in_front, keep_in_front, never_raises

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TextInput = QLineEdit | QPlainTextEdit  # the kiosk has no rich-text input


def _contents(widget: TextInput) -> tuple[str, int]:
    """A text input's text and cursor."""
    if isinstance(widget, QLineEdit):
        return widget.text(), widget.cursorPosition()
    return widget.toPlainText(), widget.textCursor().position()


def _put_back(widget: TextInput, text: str, cursor: int) -> None:
    if _contents(widget)[0] == text:
        return  # untouched (a key a validator refused): no edit signal for nothing
    if isinstance(widget, QLineEdit):
        widget.setText(text)
        widget.setCursorPosition(cursor)
        return
    widget.setPlainText(text)
    place = widget.textCursor()
    place.setPosition(min(cursor, len(widget.toPlainText())))
    widget.setTextCursor(place)


def _first_stop(widget: QWidget) -> bool:
    """Whether a key at ``widget`` is where Qt delivers it first: the control with the
    focus in its window, or the window when nothing in it has the focus. A key its
    receiver ignores reaches the application's filters again at each parent."""
    window = widget.window()
    return widget is (window.focusWidget() or window)


class ScannerInput(QObject):
    scanned = Signal(str)
    # A key came at a scanner's pace after another: the one before began a burst, and
    # was no person's key (spoken mode's "+" waits for this not to come).
    burst_went_on = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The window it reads for (none: every window). Another window's keys are not
        # its own: one left over from a visit must not keep a key of the kiosk's.
        self._window = parent.window() if isinstance(parent, QWidget) else None
        self.detector = BurstDetector()
        self._focus: QWidget | None = None  # where the focus was when the burst began
        self._before: list[tuple[TextInput, str, int]] = []  # each input the burst reached
        # In front of every other filter of the application, also those installed later
        # (a screen's double-tap guard, spoken mode, switch access): a reading's keys are
        # seen, and kept, before any of them takes one for a press or a shortcut.
        keep_in_front(self)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if self._window is not None and watched.window() is not self._window:
            return False
        if not _first_stop(watched):
            return False  # the same key again, on its way up to the parents: counted once
        assert isinstance(event, QKeyEvent)
        enter = event.key() in ENTER_KEYS
        char = "\r" if enter else event.text()
        if not char:
            return False
        now = time.monotonic()
        ends_burst = enter and not self.detector.starts_burst(now)
        if self.detector.starts_burst(now):
            if not enter:
                self._focus, self._before = None if watched.isWindow() else watched, []
        else:
            self.burst_went_on.emit()
            if not (enter or event.isAutoRepeat()):
                return self._burst_key(watched, event, char, now)
        if isinstance(watched, TextInput) and not enter:
            self._remember(watched)
        burst = self.detector.feed(char, now)
        if burst is None:
            # Too short for a code, but a scanner's all the same: its Enter presses no
            # control (a text input's Enter is a person's quick word, a search's).
            return ends_burst and not isinstance(watched, TextInput)
        # Kept here, before the key navigation's filter on a focused button sees the
        # Enter and presses it ("Conferma l'ordine", an on-screen key).
        self._undo_burst()
        self.scanned.emit(cleaned_scan(burst))
        return True

    def _burst_key(self, widget: QWidget, event: QKeyEvent, char: str, now: float) -> bool:
        """A key within a burst is data, never a shortcut: no other filter sees it (a
        switch's Space, spoken mode's "+" and "-", a Tab or Escape that would move the
        focus or go back). Text reaching a text input is typed there by the reader
        itself (it gets it back when the burst is a reading: a person's quick keys must
        not be lost); any other key is kept (a control's Space would press it)."""
        if isinstance(widget, TextInput) and char.isprintable():
            self._remember(widget)
            widget.event(event)
        self.detector.feed(char, now)
        return True

    def _remember(self, widget: TextInput) -> None:
        """Seen before the key lands: the input's text as it was before the burst."""
        if all(w is not widget for w, _, _ in self._before):
            self._before.append((widget, *_contents(widget)))

    def _undo_burst(self) -> None:
        """The burst was not typed by a person: what it changed goes back as it was."""
        # Texts first: putting a full date box back may pass the focus on by itself.
        # Any input may be gone by now (a language switch rebuilds a form).
        for widget, text, cursor in self._before:
            if shiboken6.isValid(widget):
                _put_back(widget, text, cursor)
        focus = self._focus
        if focus is not None and shiboken6.isValid(focus) and not focus.hasFocus():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus, self._before = None, []

    def detach(self) -> None:
        forget_in_front(self)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
