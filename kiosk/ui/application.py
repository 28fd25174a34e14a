"""Creates the QApplication with the kiosk's style and language, and the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import Backend
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.base import UiContext
from kiosk.ui.theme import style_sheet


def build_window(backend: Backend, app: QApplication) -> MainWindow:
    app.setStyleSheet(style_sheet())
    app.setCursorFlashTime(0)
    switcher = LanguageSwitcher(backend.config.paths.cache_dir)
    switcher.set_language(backend.config.language)
    ctx = UiContext(
        catalog=backend.catalog, social_point=backend.config.social_point, switcher=switcher
    )
    return MainWindow(ctx)


def build_application(backend: Backend) -> tuple[QApplication, MainWindow]:
    app = QApplication.instance() or QApplication(["social-point"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Social Point Kiosk")
    return app, build_window(backend, app)


def quit_when_drawn(app: QApplication, window: QWidget, on_drawn: Callable[[], None]) -> None:
    """Quits once the event loop has drawn the first frame of ``window``."""

    def finish() -> None:
        window.repaint()
        on_drawn()
        app.quit()

    QTimer.singleShot(0, finish)
