"""Ending a citizen's visit when the kiosk is left alone.

Every touch, click or key press anywhere in the application restarts the countdown;
when it runs out, the window forgets the visit (drafts of applications, screens' state)
and shows the home screen, so the next person starts clean.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

ACTIVITY = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
)


class IdleWatcher(QObject):
    def __init__(self, timeout_s: float, on_idle: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.on_idle = on_idle
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(timeout_s * 1000))
        self.timer.timeout.connect(self._expired)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.timer.start()  # restarts the countdown
        return False

    def _expired(self) -> None:
        self.on_idle()

    def detach(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
