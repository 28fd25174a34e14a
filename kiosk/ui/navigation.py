# SPDX-License-Identifier: EUPL-1.2
"""Which screen shows, and the way back to the one before.

The screens sit in one ``QStackedWidget``; ``history`` is the back stack of
``(route, params)``. A screen is built the first time it is asked for; the screens that
read the catalog only once the store is open (``attach``): a tap made before that waits
and is carried out then. Screens never import each other: they emit
``navigate_requested(route, params)``, which lands in ``go``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from kiosk.ui.screens.base import DataScreen, Screen, UiContext

if TYPE_CHECKING:
    from store.catalog import CatalogReader

HOME = "home"


def data_screens() -> dict[str, type[DataScreen]]:
    """The screens that read the catalog, imported when the store is open (see attach)."""
    from kiosk.ui.screens.application_status import ApplicationStatusScreen
    from kiosk.ui.screens.apply import ApplyScreen
    from kiosk.ui.screens.calls import CallsScreen
    from kiosk.ui.screens.cart import CartScreen
    from kiosk.ui.screens.catalog import CatalogScreen
    from kiosk.ui.screens.checkout import CheckoutScreen
    from kiosk.ui.screens.manager_desk import ManagerDeskScreen
    from kiosk.ui.screens.manager_login import ManagerLoginScreen
    from kiosk.ui.screens.service_detail import ServiceDetailScreen
    from kiosk.ui.screens.service_list import ServiceListScreen
    from kiosk.ui.screens.wallet import WalletScreen
    from kiosk.ui.screens.wallet_pin import WalletPinScreen

    classes = (
        CatalogScreen,
        ServiceListScreen,
        ServiceDetailScreen,
        CallsScreen,
        ApplyScreen,
        ApplicationStatusScreen,
        ManagerLoginScreen,
        ManagerDeskScreen,
        CartScreen,
        CheckoutScreen,
        WalletScreen,
        WalletPinScreen,
    )
    return {screen.route: screen for screen in classes}


class Navigation(QObject):
    """The routes of one window: going to a screen, back, and home."""

    screen_added = Signal(object)  # a screen was built: the window wires it
    shown = Signal(str)  # route: that screen is now the one on show
    refreshed = Signal(str)  # route: the screen on show has read the changed mirror

    def __init__(self, ctx: UiContext, stack: QStackedWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stack = stack
        self.screens: dict[str, Screen] = {}
        self.history: list[tuple[str, dict[str, Any]]] = []
        self.catalog: CatalogReader | None = None
        self._data_screens: dict[str, type[DataScreen]] = {}
        self._pending: tuple[str, dict[str, Any]] | None = None

    def add(self, screen: Screen) -> Screen:
        screen.navigate_requested.connect(self.go)
        self.screens[screen.route] = screen
        self.stack.addWidget(screen)
        self.screen_added.emit(screen)
        return screen

    def attach(self, catalog: CatalogReader) -> None:
        """The store is open: data screens can be built, a waiting tap is carried out."""
        self.catalog = catalog
        if self._pending:
            route, params = self._pending
            self._pending = None
            self.go(route, params)

    def forget_waiting_tap(self) -> None:
        """A tap made before the store opened is not carried out (the kiosk went out of
        service meanwhile: by the time it works again, that citizen has gone)."""
        self._pending = None

    def screen_for(self, route: str) -> Screen:
        """The screen of ``route``, built on first use."""
        if route not in self.screens:
            assert self.catalog is not None
            if not self._data_screens:  # at the first tap: the kiosk loads them on a worker
                self._data_screens = data_screens()
            self.add(self._data_screens[route](self.ctx, self.catalog))
        return self.screens[route]

    @property
    def current_screen(self) -> QWidget:
        """The screen on show (the home screen from the start)."""
        screen = self.stack.currentWidget()
        assert screen is not None
        return screen

    @property
    def current_route(self) -> str:
        return self.history[-1][0] if self.history else ""

    def go(self, route: str, params: dict[str, Any] | None = None) -> None:
        if route != HOME and self.catalog is None:
            # Only in the first moment after start, while the store opens.
            self._pending = (route, dict(params or {}))
            return
        self.history.append((route, dict(params or {})))
        self._show(route, params or {})

    def back(self) -> None:
        """One step back inside the screen when it has steps, else the screen before."""
        if self.history and self.screen_for(self.current_route).step_back():
            return
        if len(self.history) > 1:
            self.history.pop()
            route, params = self.history[-1]
            self._show(route, params)

    def go_home(self) -> None:
        """Home, with nothing to go back to."""
        self.history = [(HOME, {})]
        self._show(HOME, {})

    def refresh(self) -> None:
        """The mirror changed: show the current screen again with fresh data."""
        if self.catalog is None or not self.history:
            return
        route, params = self.history[-1]
        for other in self.screens.values():
            if other.route != route:
                other.mirror_changed_elsewhere()
        if route != HOME:
            # Not shown anew: the focus stays where the citizen is typing, and spoken
            # mode does not read the screen out again.
            screen = self.screen_for(route)
            focus = QApplication.focusWidget()
            had = focus.objectName() if focus is not None and screen.isAncestorOf(focus) else ""
            screen.mirror_changed(**params)
            if had:
                self._focus_again(screen, had)
            self.refreshed.emit(route)

    @staticmethod
    def _focus_again(screen: Screen, name: str) -> None:
        """A screen that rebuilt its cards (the calls, the cart) deleted the control
        with the focus, and Qt gave it to the header: the control of the same name, as
        rebuilt, takes it back."""
        focus = QApplication.focusWidget()
        if focus is not None and screen.isAncestorOf(focus):
            return
        again = [w for w in screen.findChildren(QWidget, name) if w.isVisible()]
        if again:
            # Imported here: this module loads before the first frame, and with no Qt enum.
            from PySide6.QtCore import Qt

            from kiosk.ui.key_navigation import give_focus_back

            # Not said again in spoken mode: the citizen never moved.
            give_focus_back(again[0], Qt.FocusReason.OtherFocusReason)

    def _show(self, route: str, params: dict[str, Any]) -> None:
        screen = self.screen_for(route)
        screen.enter(**params)
        focus = QApplication.focusWidget()
        if focus is not None and self.stack.isAncestorOf(focus):
            # Else Qt hands the focus of the screen that goes to the next control in its
            # chain (the header's, the footer's), which spoken mode would read out; the
            # keys put it in the new screen once it is shown.
            focus.clearFocus()
        self.stack.setCurrentWidget(screen)
        self.shown.emit(route)
