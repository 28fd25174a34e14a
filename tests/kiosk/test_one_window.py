# SPDX-License-Identifier: EUPL-1.2
"""The kiosk is one window: no widget of it ever shows as a window of its own.

A parentless widget made visible before a layout takes it becomes a top-level window
for a moment; the window system activates it, and the kiosk's window loses the
activation and, with it, every key of a keyboard or keypad (the on-screen keyboard's
shift key did this whenever a form screen was built).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.i18n import LANGUAGE_NAMES
from tests.kiosk.views import VIEWS


class WindowWatch(QObject):
    """Notes every widget other than the kiosk's window that is shown as a window."""

    def __init__(self, main: QWidget) -> None:
        super().__init__()
        self.main = main
        self.strays: list[str] = []
        self.deactivations = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt)
        if not isinstance(watched, QWidget):
            return False
        if event.type() == QEvent.Type.Show and watched.isWindow() and watched is not self.main:
            self.strays.append(f"{type(watched).__name__} {watched.objectName()!r}")
        if event.type() == QEvent.Type.WindowDeactivate and watched is self.main:
            self.deactivations += 1
        return False


def test_no_widget_shows_as_a_window_of_its_own_on_any_screen(qtbot, window) -> None:
    app = QApplication.instance()
    watch = WindowWatch(window)
    app.installEventFilter(watch)
    try:
        for lang in LANGUAGE_NAMES:  # a new language lays the keyboards out again
            window.ctx.switcher.set_language(lang)
            for show in VIEWS.values():
                show(window)
                qtbot.wait(1)
    finally:
        app.removeEventFilter(watch)
    assert watch.strays == [], watch.strays
    assert watch.deactivations == 0
    assert app.activeWindow() is window
