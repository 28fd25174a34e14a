# SPDX-License-Identifier: EUPL-1.2
"""A button whose meaning just changed drops the second press of a double tap.

"Check the order ›" becomes "Confirm the order" in the same place, and the last page's
"Next ›" becomes "Send the application": a double tap (or a touch reported twice, or OK
pressed twice) went past the review the first press opened, and placed the order or
sent the application unseen. A press that comes within DOUBLE_TAP_MS of the press that
changed what the button says is dropped.

The gap is read from the events' own timestamps (the touchscreen's, the keypad's), not
from when Python gets round to them: a busy kiosk delivering two taps late and together
still tells a double tap from two deliberate presses, and nothing is held back for a
person who reads the review and then confirms. Presses without a timestamp (0: made by
a program, not a person) are never dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent

from kiosk.ui.event_filters import install_on_application, never_raises
from kiosk.ui.key_navigation import ACTIVATE_KEYS

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QAbstractButton

# A double tap's second tap comes 100 to 300 ms after the first (an unsteady hand, or a
# touchscreen that reports one touch twice); a person reads a new label in no less than
# about half a second: 400 ms holds back the one and never the other.
DOUBLE_TAP_MS = 400
PRESS_KEYS = {*ACTIVATE_KEYS, Qt.Key.Key_Space}  # OK, and Space as a button takes it


class Settling(QObject):
    """``target``'s presses go to ``action``, except the second of a double tap after
    its text, set through ``set_text``, said something else.

    A screen that draws the button anew (the manager desk's "Leave the kiosk for
    maintenance", then "Touch again to close the kiosk") makes one without a target,
    with ``parent``, and hands it each new button with ``follow``: the press on the
    old one still counts, and the new one's first press may be a double tap's second."""

    def __init__(
        self,
        target: QAbstractButton | None,
        action: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else target)
        self.target: QAbstractButton | None = None
        self._action = action
        self._meaning = target.text() if target is not None else ""
        self._changed = False  # what it says changed since the last press taken
        self._last_press_ms = 0  # that press's timestamp (0: none, or without one)
        if target is not None:
            self.follow(target)
        # On the application: the key navigation (an application filter installed
        # before) clicks the focused button on OK before the button sees the key. Behind
        # the scanner's reader: a card read at once after a press is no double tap.
        install_on_application(self)

    def follow(self, target: QAbstractButton) -> None:
        """``target`` in place of the button drawn before: its presses go to the action
        (its words are set with ``set_text``)."""
        self.target = target
        target.clicked.connect(self._action)

    def set_text(self, text: str) -> None:
        """The button's text; a new one makes a quick second press a double tap's."""
        if text != self._meaning:
            self._meaning = text
            self._changed = True
        if self.target is not None:
            self.target.setText(text)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.target:
            return False
        kind = event.type()
        if (kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent)) or (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in PRESS_KEYS
            and not event.isAutoRepeat()
        ):
            stamp = event.timestamp()
        else:
            return False
        previous = self._last_press_ms
        if self._changed and stamp and previous and 0 <= stamp - previous < DOUBLE_TAP_MS:
            return True  # the second press of a double tap: dropped
        self._changed, self._last_press_ms = False, stamp
        return False
