"""The kiosk shell: header (name, Comune, language), screens, and Back/Home always visible."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.screens.base import DataScreen, Screen, UiContext
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.overlay import Overlay
from kiosk.ui.widgets.sync_badge import SyncBadge

if TYPE_CHECKING:
    from kiosk.ui.idle import IdleWatcher
    from kiosk.ui.widgets.still_there import StillTherePanel
    from sync.catalog import CatalogReader


def data_screens() -> dict[str, type[DataScreen]]:
    """The screens that read the catalog, imported when the store is open (see attach)."""
    from kiosk.ui.screens.application_status import ApplicationStatusScreen
    from kiosk.ui.screens.apply import ApplyScreen
    from kiosk.ui.screens.calls import CallsScreen
    from kiosk.ui.screens.catalog import CatalogScreen
    from kiosk.ui.screens.service_detail import ServiceDetailScreen
    from kiosk.ui.screens.service_list import ServiceListScreen

    classes = (CatalogScreen, ServiceListScreen, ServiceDetailScreen, CallsScreen, ApplyScreen,
               ApplicationStatusScreen)  # fmt: skip
    return {screen.route: screen for screen in classes}


class MainWindow(QMainWindow):
    """Shows the home screen at once; the other screens come with the catalog (attach)."""

    print_requested = Signal(str, object, str)  # relayed from the screens
    screen_added = Signal(object)  # a screen was built: controllers may connect to it
    visit_ended = Signal()  # everything of the last citizen has been forgotten

    def __init__(self, ctx: UiContext, *, countdown_s: int = 20) -> None:
        super().__init__()
        self.ctx = ctx
        self.countdown_s = countdown_s
        self.idle: IdleWatcher | None = None  # set by build_window
        self._still_there: StillTherePanel | None = None
        self.catalog: CatalogReader | None = None
        self._data_screens: dict[str, type[DataScreen]] = {}
        self._pending: tuple[str, dict[str, Any]] | None = None
        self.setObjectName("mainWindow")
        self.history: list[tuple[str, dict[str, Any]]] = []
        root = QWidget()
        root.setObjectName("body")
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_header())
        self.stack = QStackedWidget()
        self.screens: dict[str, Screen] = {}
        self._add_screen(HomeScreen(ctx))
        column.addWidget(self.stack, 1)
        column.addWidget(self._build_footer())
        self.setCentralWidget(root)
        self._overlay: Overlay | None = None  # built on first use, not at start-up
        ctx.switcher.changed.connect(self._on_language_changed)
        self.retranslate()
        self.go_home()

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("header")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(header)
        row.setContentsMargins(48, 16, 48, 16)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.name_label = label(self.ctx.social_point.name, name="socialPointName")
        self.comune_label = label(name="comuneName")
        names.addWidget(self.name_label)
        names.addWidget(self.comune_label)
        row.addLayout(names, 1)
        self.sync_badge = SyncBadge()
        row.addWidget(self.sync_badge)
        row.addSpacing(24)
        self.language_group = QButtonGroup(self)
        self.language_buttons = {}
        for code, native_name in LANGUAGE_NAMES.items():
            choice = button(native_name, name=f"language_{code}", role="lang")
            choice.setCheckable(True)
            choice.setChecked(code == self.ctx.lang)
            choice.clicked.connect(lambda _=False, c=code: self.ctx.switcher.set_language(c))
            self.language_group.addButton(choice)
            self.language_buttons[code] = choice
            row.addWidget(choice)
        return header

    def _build_footer(self) -> QWidget:
        footer = QWidget()
        footer.setObjectName("footer")
        footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(footer)
        row.setContentsMargins(48, 12, 48, 12)
        row.setSpacing(24)
        self.back_button = button(name="backButton")
        self.home_button = button(name="homeButton")
        self.help_button = button(name="helpButton", role="help")
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self.go_home)
        self.help_button.clicked.connect(self.show_help)
        for widget in (self.back_button, self.home_button):
            widget.setMinimumWidth(240)
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.help_button)
        return footer

    # Screens and navigation -------------------------------------------------------------

    def attach(self, catalog: CatalogReader) -> None:
        """The store is open: data screens can be built, a waiting tap is carried out."""
        self.catalog = catalog
        self._data_screens = data_screens()
        self.retranslate()
        if self._pending:
            route, params = self._pending
            self._pending = None
            self.go(route, params)

    def refresh(self) -> None:
        """The mirror changed: show the current screen again with fresh data."""
        if self.catalog is None or not self.history:
            return
        self.retranslate()
        route, params = self.history[-1]
        if route != "home":
            self._show(route, params)

    def _add_screen(self, screen: Screen) -> Screen:
        screen.navigate_requested.connect(self.go)
        screen.help_requested.connect(self.show_help)
        screen.print_requested.connect(self.print_requested)
        self.screens[screen.route] = screen
        self.stack.addWidget(screen)
        self.screen_added.emit(screen)
        return screen

    def screen(self, route: str) -> Screen:
        if route not in self.screens:
            assert self.catalog is not None
            self._add_screen(self._data_screens[route](self.ctx, self.catalog))
        return self.screens[route]

    @property
    def current_route(self) -> str:
        return self.history[-1][0] if self.history else ""

    def go(self, route: str, params: dict[str, Any] | None = None) -> None:
        if route != "home" and self.catalog is None:
            # Only in the first moment after start, while the store opens.
            self._pending = (route, dict(params or {}))
            return
        self.history.append((route, dict(params or {})))
        self._show(route, params or {})

    def back(self) -> None:
        if self.history and self.screen(self.current_route).step_back():
            return
        if len(self.history) > 1:
            self.history.pop()
            route, params = self.history[-1]
            self._show(route, params)

    @property
    def still_there(self) -> StillTherePanel:
        if self._still_there is None:
            from kiosk.ui.widgets.still_there import StillTherePanel

            self._still_there = StillTherePanel(self.centralWidget())
            self._still_there.expired.connect(self.end_visit)
            self._still_there.more_time.connect(self._more_time)
        return self._still_there

    def ask_still_there(self) -> None:
        """The kiosk was left alone: ask before forgetting (nothing to ask at a clean
        home screen)."""
        at_rest = (self.current_route == "home" and not self.ctx.citizen.active
                   and self.ctx.lang == self.ctx.citizen.language)  # fmt: skip
        if not at_rest:
            self.still_there.ask(self.countdown_s)

    def _more_time(self) -> None:
        self.ctx.citizen.more_time = True
        if self.idle is not None:
            self.idle.longer(True)

    def end_visit(self) -> None:
        """The citizen has left: forget what their visit held, back to the home screen
        in the kiosk's language, with nothing left on the clipboard."""
        self.ctx.citizen.end()
        for screen in self.screens.values():
            screen.forget()
        for layer in (self._overlay, self._still_there):
            if layer is not None:
                layer.hide()
        QApplication.clipboard().clear()
        if self.ctx.lang != self.ctx.citizen.language:
            self.ctx.switcher.set_language(self.ctx.citizen.language)
        if self.idle is not None:
            self.idle.longer(False)
        self.visit_ended.emit()
        self.go_home()

    def go_home(self) -> None:
        self.history = [("home", {})]
        self._show("home", {})

    def _show(self, route: str, params: dict[str, Any]) -> None:
        screen = self.screen(route)
        screen.enter(**params)
        self.stack.setCurrentWidget(screen)
        at_home = route == "home"
        self.back_button.setEnabled(not at_home)
        self.home_button.setEnabled(not at_home)

    # Help and language -------------------------------------------------------------------

    @property
    def overlay(self) -> Overlay:
        if self._overlay is None:
            self._overlay = Overlay(self.centralWidget())
        return self._overlay

    def show_help(self) -> None:
        sp = self.ctx.social_point
        lines = [self.tr("Tell the welfare manager at the desk that you need help.")]
        if sp.opening_hours:
            lines.append(self.tr("The desk is staffed: {hours}").format(hours=sp.opening_hours))
        if sp.address:
            lines.append(self.tr("Where: {address}").format(address=sp.address))
        if sp.phone:
            lines.append(self.tr("If nobody is here, call {phone}").format(phone=sp.phone))
        self.overlay.show_message(self.tr("We are here to help"), "\n\n".join(lines), self.tr("OK"))

    def _on_language_changed(self, code: str) -> None:
        self.language_buttons[code].setChecked(True)

    def retranslate(self) -> None:
        comune = self.catalog.comune_name(self.ctx.social_point.comune) if self.catalog else None
        self.comune_label.setText(self.tr("Comune of {name}").format(name=comune) if comune else "")
        self.back_button.setText(self.tr("‹ Back"))
        self.home_button.setText(self.tr("⌂ Home"))
        self.help_button.setText(self.tr("Ask for help"))
        if self._overlay is not None and self._overlay.isVisible():
            self.show_help()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
