# SPDX-License-Identifier: EUPL-1.2
"""What every screen shares: the UI context, navigation intents and retranslation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.boot.config import SocialPoint
from kiosk.core.local_time import DEFAULT_ZONE
from kiosk.core.session import CitizenSession
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.widgets.common import enable_kinetic_scrolling, set_enum

if TYPE_CHECKING:
    from kiosk.ui.widgets.keyboard import OnScreenKeyboard
    from store.catalog import CatalogReader


class UiContext(NamedTuple):
    """What every screen may use; the catalog comes separately, once the store is open."""

    social_point: SocialPoint
    switcher: LanguageSwitcher
    citizen: CitizenSession
    # The zone of every date and time shown ([vouchers] time_zone): the screens never
    # read the operating system's zone.
    time_zone: str = DEFAULT_ZONE

    @property
    def lang(self) -> str:
        return self.switcher.language


class Screen(QWidget):
    """A full-body screen. Builds its widgets once, sets every text in ``retranslate``.

    Screens never import each other: they ask the main window to go somewhere with
    ``navigate_requested(route, params)``.

    Its widgets go in ``body``, which scrolls when they need more height than the
    panel leaves (an error under a field while the keyboard is open, say): else they
    would push the window past the panel and cut off the way back and help. An
    on-screen keyboard goes in ``dock`` (``dock_keyboard``), under the body, where it
    never scrolls away, and the field it types in stays wholly in view above it, the
    button that goes on from it just above the keys while they are open.
    """

    route = ""
    navigate_requested = Signal(str, dict)
    help_requested = Signal()
    # kind, a function SlipContext -> Slip, reference (see kiosk.ui.controllers.printer)
    print_requested = Signal(str, object, str)
    cart_changed = Signal()  # the citizen's cart gained or lost a service
    # The citizen said they are done ("Finish"): the visit ends, so the next person
    # never sees what this one left on screen (a tracking code, a protocol number).
    visit_finished = Signal()
    # A new page within the screen (a form's next step): keys and speech take it as a
    # new screen, so a blind citizen hears where they are and the keys start on it.
    page_changed = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName(f"screen_{self.route}")
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        frame.setSpacing(0)
        self.page = QScrollArea()
        self.page.setObjectName(f"page_{self.route}")
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QFrame.Shape.NoFrame)
        set_enum(self.page, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        set_enum(self.page, "focusPolicy", "NoFocus")  # keys go to its controls, not to it
        content = QWidget()
        content.setObjectName("scrollContent")
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(48, 24, 48, 16)
        self.body.setSpacing(14)
        self.page.setWidget(content)
        frame.addWidget(self.page, 1)
        self.dock = QVBoxLayout()
        self.dock.setContentsMargins(48, 0, 48, 12)
        frame.addLayout(self.dock)

    def enter(self, **params: Any) -> None:
        """Called each time the screen is shown, with the navigation parameters."""

    def mirror_changed(self, **params: Any) -> None:
        """The mirror changed while the screen is on show (a sync pass): shown again
        with fresh data. A screen holding what the citizen typed or was shown for them
        (who is paying, their vouchers, their application's state) keeps it."""
        self.enter(**params)

    def mirror_changed_elsewhere(self) -> None:
        """The mirror changed while another screen was on show: this one is shown again
        by ``enter`` later. A screen that keeps what it read across visits marks it to
        be read again then."""

    def step_back(self) -> bool:
        """Back was tapped: a screen with steps of its own goes one step back and says
        True; False lets the window go back to the previous screen."""
        return False

    def forget(self) -> None:
        """The visit ended: drop anything personal the screen still shows or holds.

        A screen that holds more overrides this and calls it too: where the last person
        had scrolled to goes with them, and the next one finds every list at its top
        (a category scrolled to its end looked empty to the next citizen)."""
        self.scroll_to_top()

    def scroll_to_top(self) -> None:
        """Every scrolling area of the screen back to its start, a fling stopped first
        (else it carries on and scrolls the next person's list away again)."""
        for area in self.findChildren(QAbstractScrollArea):  # the body among them
            if QScroller.hasScroller(area.viewport()):
                QScroller.scroller(area.viewport()).stop()
            for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
                bar.setValue(bar.minimum())

    def retranslate(self) -> None:
        """Sets every visible text in the current language (static and data-driven)."""

    def reveal(self, widget: QWidget) -> None:
        """Scrolls the body so ``widget`` is in view, once the layout has settled (the
        keyboard that just opened takes its room first)."""
        QTimer.singleShot(0, self, lambda: self.page.ensureWidgetVisible(widget, 0, 24))

    def dock_keyboard(
        self,
        keyboard: OnScreenKeyboard,
        companion_of: Callable[[QWidget], QWidget | None] = lambda _field: None,
    ) -> None:
        """``keyboard`` under the body; the field it types in kept wholly in view, with
        its message, ``companion_of(field)`` (the button that sends it) and its label
        when they fit; the button just above the keys when it cannot be in view."""
        # Here, not at the top: the keys' module builds Qt's enum namespace, which the
        # home screen's first frame does without.
        from kiosk.ui.widgets.in_view import GoOnAboveKeys, TypedFieldInView

        strip = QHBoxLayout()  # empty, it takes no room
        strip.setContentsMargins(0, 8, 0, 0)  # 8 px from the page's last control too
        strip.addStretch(1)
        self.dock.setSpacing(8)  # the least room between neighbouring targets
        self.dock.addLayout(strip)
        self.dock.addWidget(keyboard)
        keeper = TypedFieldInView(keyboard, companion_of)
        keeper.above_keys = GoOnAboveKeys(keyboard, strip)

    def go(self, route: str, **params: Any) -> None:
        self.navigate_requested.emit(route, params)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DataScreen(Screen):
    """A screen that reads the mirror; built only once the store is open."""

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx)
        self.catalog = catalog
        # Here, not for every screen: the scroller builds Qt's enum namespace, which
        # the home screen's first frame does without (a tenth of a cold start).
        enable_kinetic_scrolling(self.page)
