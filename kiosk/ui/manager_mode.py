# SPDX-License-Identifier: EUPL-1.2
"""Manager mode: who of the welfare managers is logged in at this kiosk.

The way in is hidden (README: "Manager mode"): a long press on the Social Point's name
opens the login. A manager keeps the dashboard until they log out, leave it by Back or
Home, or leave the kiosk alone for their own idle time. From the dashboard they may sit
beside a citizen: an assisted session is a fresh visit marked with the manager's name;
ending it forgets the citizen's visit and brings the manager back to the login.

The dashboard is shown only to whoever just typed a manager's PIN. README's model (the
reason a desk payment asks for the PIN again): during an assisted session the manager
may have stepped away, and a tap or a long press says nothing about who is at the
kiosk. So the way back to the dashboard from a citizen's screens (the long press, the
citizen's "Finish", "End assisted session") is the login screen, for the same operator
or another: the manager stays logged in (the session's records carry their name), but
the dashboard waits for their PIN; nobody there, the kiosk's idle time logs them out.
Actions with a lasting effect for other citizens (a wallet PIN, a reprinted slip) also
want a PIN typed within ``FRESH_PIN_S`` (``recent_pin``), else the login asks for it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.ui.event_filters import never_raises
from kiosk.ui.navigation import Navigation
from kiosk.ui.screens.base import UiContext
from kiosk.ui.visit_lifecycle import VisitLifecycle
from kiosk.ui.widgets.common import set_enum

if TYPE_CHECKING:
    from kiosk.core.manager_login import Manager
    from kiosk.ui.idle import IdleWatcher

LOGIN, DASHBOARD = "manager_login", "manager"
MANAGER_ROUTES = (LOGIN, DASHBOARD, "wallet_pin")  # the screens only a manager sees
DESK_ROUTES = (DASHBOARD, "wallet_pin")  # shown only after a PIN typed at the login
FRESH_PIN_S = 300  # a PIN typed this long ago still vouches for who is at the kiosk
LONG_PRESS_MS = 3000  # on the Social Point's name: the way to the manager login


class ManagerMode(QObject):
    changed = Signal()  # a manager logged in or out, or an assisted session began or ended

    def __init__(
        self,
        ctx: UiContext,
        navigation: Navigation,
        visits: VisitLifecycle,
        *,
        idle_s: int,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.navigation = navigation
        self.visits = visits
        self.idle_s = idle_s  # a logged-in manager's own idle time
        self.idle: IdleWatcher | None = None  # set with the window's
        self.manager: Manager | None = None  # logged in at this kiosk
        self.pin_typed_at: float | None = None  # time.monotonic() of their last login
        self._long_press = QTimer(self)
        self._long_press.setSingleShot(True)
        self._long_press.setInterval(LONG_PRESS_MS)
        # Precise: a coarse timer fires up to 5% early or late.
        set_enum(self._long_press, "timerType", "PreciseTimer")
        self._long_press.timeout.connect(self.open_area)
        visits.left_alone.connect(self._kiosk_left_alone)
        visits.assisted_finished.connect(self.end_assisted_session)

    @property
    def assisting(self) -> bool:
        return self.ctx.citizen.assisted_by is not None

    def watch_long_press(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            self._long_press.start()
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self._long_press.stop()
        return False

    def open_area(self) -> None:
        """The hidden way in: the login (on the dashboard already, the dashboard)."""
        self._long_press.stop()
        self.to_desk()

    def to_desk(self) -> None:
        """The dashboard for a manager already at it; from anywhere else (a citizen's
        screens, an assisted session) the login first: the PIN again, not a tap."""
        if self.manager is not None and self.navigation.current_route in DESK_ROUTES:
            self.navigation.go(DASHBOARD)
        else:
            self.navigation.go(LOGIN)

    def logged_in(self, manager: Manager) -> None:
        """A PIN checked at the login: the dashboard. An assisted session goes on for
        the manager assisting; another operator's login ends it (its records would
        carry the name of one who is not there)."""
        assisted_by = self.ctx.citizen.assisted_by
        if assisted_by is not None and assisted_by.id == manager.id:
            self.ctx.citizen.assisted_by = manager
        elif assisted_by is not None:
            self.visits.forget()
        self._set(manager)
        self.pin_typed_at = time.monotonic()
        self.navigation.go(DASHBOARD)

    def recent_pin(self) -> bool:
        """Whether the manager logged in typed their PIN within ``FRESH_PIN_S`` (True:
        an action with a lasting effect for other citizens may go ahead); if not, the
        login asks for it again, as a desk payment does (README: "Operators")."""
        typed = self.pin_typed_at
        age = time.monotonic() - typed if typed is not None else None
        if self.manager is not None and age is not None and age < FRESH_PIN_S:
            return True
        self.navigation.go(LOGIN)
        return False

    def log_out(self) -> None:
        """The manager leaves: nothing of theirs or of a citizen stays on screen."""
        self._set(None)
        self.visits.forget()
        self.navigation.go_home()

    def start_assisted_session(self) -> None:
        """The manager sits beside a citizen: a fresh visit marked as assisted."""
        assert self.manager is not None
        self.visits.forget()
        self.ctx.citizen.assisted_by = self.manager
        self.changed.emit()
        self.navigation.go_home()

    def end_assisted_session(self) -> None:
        """The citizen's visit is forgotten; the manager is back at the login (at the
        dashboard when they ended it there): whoever tapped "Finish" or "End assisted
        session" may be the citizen alone, so the dashboard waits for the PIN."""
        self.visits.forget()
        self.changed.emit()
        if self.manager is not None:
            self.to_desk()
        else:
            self.navigation.go_home()

    def leave_when_idle(self) -> bool:
        """The kiosk was left alone: a manager alone at the dashboard is logged out at
        once (True); anything else is the visit's question (False)."""
        if self.manager is not None and not self.assisting:
            self.log_out()
            return True
        return False

    def back(self) -> bool:
        """Back from the dashboard logs the manager out (True: done), and so does Back
        from the login that asks a logged-in manager for their PIN again (outside an
        assisted session: there, Back is the way back to the citizen's screen)."""
        route = self.navigation.current_route
        asking_again = route == LOGIN and self.manager is not None and not self.assisting
        if route == DASHBOARD or asking_again:
            self.log_out()
            return True
        return False

    def home(self) -> bool:
        """Home from the manager's screens (not during an assisted session) logs the
        manager out (True: done)."""
        if self.navigation.current_route in MANAGER_ROUTES and not self.assisting:
            self.log_out()
            return True
        return False

    def _kiosk_left_alone(self) -> None:
        if self.manager is not None:
            self._set(None)

    def _set(self, manager: Manager | None) -> None:
        self.manager = manager
        if manager is None:
            self.pin_typed_at = None
        if self.idle is not None:
            self.idle.set_timeout(self.idle_s if manager else None)
        self.changed.emit()
