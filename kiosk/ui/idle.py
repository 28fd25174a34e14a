# SPDX-License-Identifier: EUPL-1.2
"""Noticing that the kiosk has been left alone.

Every touch, click or key press anywhere in the application restarts the wait, also one
that another filter keeps for itself (a switch's key, the repeat and volume keys of
spoken mode: the watch is kept in front of them); when it runs out, ``on_idle`` is
called (the window asks "Sei ancora lì?" and, with no answer, forgets the visit).
``longer`` doubles the wait for a citizen who asks for more time.

The application-wide event filter is installed by ``watch``, after the first frame: the
first events it sees make PySide resolve every class it loads lazily (about 20 ms of
enum building), which would otherwise delay the home screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.ui.event_filters import forget_in_front, keep_in_front, never_raises

ACTIVITY = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
)


class IdleWatcher(QObject):
    def __init__(self, timeout_s: float, on_idle: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.timeout_ms = self.citizen_timeout_ms = int(timeout_s * 1000)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(timeout_s * 1000))
        self.timer.timeout.connect(on_idle)
        self.watching = False

    def watch(self) -> None:
        """Starts noticing activity, and the wait."""
        if not self.watching:
            keep_in_front(self)  # sees every key, even one another filter keeps
            self.watching = True
        self.timer.start()

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.timer.start()  # restarts the countdown
        return False

    def longer(self, enabled: bool) -> None:
        self.timer.setInterval(self.timeout_ms * (2 if enabled else 1))
        self.timer.start()

    def set_timeout(self, timeout_s: float | None) -> None:
        """A manager's own wait while they are logged in; None: back to the citizens'."""
        self.timeout_ms = self.citizen_timeout_ms if timeout_s is None else int(timeout_s * 1000)
        self.longer(False)

    def detach(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None and self.watching:
            forget_in_front(self)
            app.removeEventFilter(self)
            self.watching = False
