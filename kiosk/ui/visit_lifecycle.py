# SPDX-License-Identifier: EUPL-1.2
"""A citizen's visit, from the first tap to its end.

A visit ends when the citizen taps "Finish", or when the kiosk was left alone and
nobody answered "Sei ancora lì?". Ending it forgets everything it held: the session
(``CitizenSession.end``), what every screen still shows, the clipboard, the language
and the longer wait the citizen chose; then ``ended`` tells everyone else who keeps a
visit's data (the window's chrome, the controllers, keys and speech) to drop theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.navigation import HOME, Navigation
from kiosk.ui.screens.base import UiContext

if TYPE_CHECKING:
    from kiosk.ui.idle import IdleWatcher
    from kiosk.ui.widgets.still_there import StillTherePanel


class VisitLifecycle(QObject):
    ended = Signal()  # everything of the last citizen has been forgotten
    left_alone = Signal()  # the visit ended with nobody at the kiosk (a manager too leaves)
    assisted_finished = Signal()  # an assisted citizen is done: back to the manager
    abandoned = Signal()  # the kiosk was left alone: nobody took the visit's end

    def __init__(
        self, ctx: UiContext, navigation: Navigation, host: QWidget, countdown_s: int
    ) -> None:
        super().__init__(host)
        self.ctx = ctx
        self.navigation = navigation
        self.host = host  # the still-there question is a layer over it
        self.countdown_s = countdown_s
        self.idle: IdleWatcher | None = None  # set with the window's
        # Whether each layer of a visit (help, say) is on screen: the window adds them.
        self.visit_layers: list[Callable[[], bool]] = []
        self._still_there: StillTherePanel | None = None

    @property
    def still_there(self) -> StillTherePanel:
        """“Sei ancora lì?”, built on first use (not at start-up)."""
        if self._still_there is None:
            from kiosk.ui.widgets.still_there import StillTherePanel

            self._still_there = StillTherePanel(self.host)
            self._still_there.expired.connect(self._nobody_answered)
            self._still_there.more_time.connect(self._more_time)
        return self._still_there

    def at_rest(self) -> bool:
        """A clean home screen in the kiosk's language and look, nobody assisted: nothing
        anybody would miss. Larger text, high contrast and a layer left open (help) are
        choices of the visit: left on, the next citizen found them. An assisted session
        left at home lent the manager's name to whoever came next (a desk payment
        confirmed in it)."""
        citizen = self.ctx.citizen
        return (
            self.navigation.current_route == HOME
            and citizen.assisted_by is None
            and not citizen.active
            and self.ctx.lang == citizen.language
            and not citizen.large_text
            and not citizen.high_contrast
            and not any(showing() for showing in self.visit_layers)
        )

    def ask_still_there(self) -> None:
        """The kiosk was left alone: ask before forgetting. At rest nothing is asked, and
        the visit is forgotten at once: a citizen who went home by "⌂" and walked away
        left nothing on screen, but what the screens and controllers still held for
        them (an opened wallet, an order's confirmation, a receipt on its way, the words
        searched) must not wait for the next visit's end."""
        if self.at_rest():
            self.forget()
            self.abandoned.emit()
            if self.idle is not None:  # once: the next wait starts with the next touch
                self.idle.timer.stop()
        else:
            self.still_there.ask(self.countdown_s)

    def _nobody_answered(self) -> None:
        self.end()
        self.abandoned.emit()

    def _more_time(self) -> None:
        self.ctx.citizen.more_time = True
        if self.idle is not None:
            self.idle.longer(True)

    def finish(self) -> None:
        """The citizen tapped "Finish": their visit ends (an assisted one goes back to
        the manager, by ``assisted_finished``: to the login, since the tap may be the
        citizen's alone; the dashboard waits for the manager's PIN, ManagerMode)."""
        if self.ctx.citizen.assisted_by is not None:
            self.assisted_finished.emit()
        else:
            self.end()

    def end(self) -> None:
        """The citizen has left: forget what their visit held, back to the home screen
        in the kiosk's language. A manager who was assisting leaves too (``left_alone``):
        the kiosk was left alone."""
        self.forget()
        self.left_alone.emit()
        self.navigation.go_home()

    def forget(self) -> None:
        """Everything of this visit goes; the next one starts clean (the screen shown
        stays until the caller goes somewhere)."""
        self.ctx.citizen.end()
        for screen in self.navigation.screens.values():
            screen.forget()
        if self._still_there is not None:
            self._still_there.hide()
        QApplication.clipboard().clear()
        if self.ctx.lang != self.ctx.citizen.language:
            self.ctx.switcher.set_language(self.ctx.citizen.language)
        if self.idle is not None:
            self.idle.longer(False)
        self.ended.emit()
