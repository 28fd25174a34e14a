# SPDX-License-Identifier: EUPL-1.2
"""The kiosk shell: header (name, Comune, language), screens, and Back/Home always visible.

The window is the view and the wiring. Which screen shows and the way back are
``Navigation``'s (kiosk/ui/navigation.py); a citizen's visit and its end are
``VisitLifecycle``'s (kiosk/ui/visit_lifecycle.py); who of the managers is logged in,
and assisted sessions, are ``ManagerMode``'s (kiosk/ui/manager_mode.py).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.boot.config import SpeechSettings, SwitchSettings
from kiosk.core.about import about
from kiosk.ui.event_filters import never_raises
from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.manager_mode import ManagerMode
from kiosk.ui.navigation import HOME, Navigation
from kiosk.ui.screens.base import Screen, UiContext
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.theme import style_sheet, theme
from kiosk.ui.visit_lifecycle import VisitLifecycle
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.reflow import ReflowRow
from kiosk.ui.widgets.sync_badge import SyncBadge
from languages import left_to_right

if TYPE_CHECKING:
    from kiosk.core.help_call import HelpCall
    from kiosk.core.manager_login import Manager
    from kiosk.core.purchasing import Cart
    from kiosk.ui.collector import UiThreadCollector
    from kiosk.ui.idle import IdleWatcher
    from kiosk.ui.key_navigation import KeyNavigator
    from kiosk.ui.spoken_mode import SpokenMode
    from kiosk.ui.widgets.overlay import Confirm, Overlay
    from kiosk.ui.widgets.scan_notice import ScanNotice
    from store.catalog import CatalogReader


# Below this width (a 1280-pixel panel) the footer's buttons take their own width.
WIDE_FOOTER = 1600
# "Ask for help" again this soon after a call (or while its message shows) shows the
# message again: the welfare managers are already on their way, and each call is an
# event on the platform and a ring of the desk's bell.
HELP_AGAIN_S = 30.0


class CurrentPageStack(QStackedWidget):
    """The screens' stack, as large as the screen on show needs: a QStackedWidget asks
    for the largest minimum of all its pages, so once the catalog's search keyboard had
    been shown, the home screen (its header taller with every language's button, in
    larger text on a 1280-pixel panel) pushed the window past the panel."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        current = self.currentWidget()
        return current.minimumSizeHint() if current is not None else super().minimumSizeHint()

    def sizeHint(self) -> QSize:
        current = self.currentWidget()
        return current.sizeHint() if current is not None else super().sizeHint()


class TypingWatch(QObject):
    """While an on-screen keyboard is open the header's second line (the Comune) gives
    its room to the keys: on a 1280 x 800 panel in larger text the header took three
    lines for it, and the keys, the field and its button did not fit under it."""

    def __init__(self, comune: QWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.comune = comune
        self.keyboards: list[QWidget] = []

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(watched, QWidget):
            if watched not in self.keyboards:
                self.keyboards.append(watched)
                watched.destroyed.connect(lambda: self.keyboards.remove(watched))
            typing = any(k.isVisible() for k in self.keyboards)
            if self.comune.isHidden() != typing:
                self.comune.setVisible(not typing)
        return False


class MainWindow(QMainWindow):
    """Shows the home screen at once; the other screens come with the catalog (attach).

    During an assisted session the citizen screens show who is assisting.
    """

    print_requested = Signal(str, object, str)  # relayed from the screens
    screen_added = Signal(object)  # a screen was built: controllers may connect to it
    visit_ended = Signal()  # everything of the last citizen has been forgotten
    manager_changed = Signal()  # a manager logged in or out, or an assisted session began
    screen_shown = Signal(str)  # route: a screen came (keys and speech follow it)
    screen_refreshed = Signal(str)  # route: the screen on show read the changed mirror
    help_asked = Signal()  # a citizen tapped "Ask for help": call the welfare managers

    def __init__(self, ctx: UiContext, *, countdown_s: int = 20, manager_idle_s: int = 180) -> None:
        super().__init__()
        self.ctx = ctx
        self.locked = False  # a kiosk in full screen closes only for a manager (maintenance)
        self.collector: UiThreadCollector | None = None  # set by start_watches
        self.navigator: KeyNavigator | None = None  # keys and keypad, set by start_watches
        self.spoken: SpokenMode | None = None  # speech, set by start_watches
        self.speech_settings = SpeechSettings()  # the configured ones, set by build_window
        self.switch_settings = SwitchSettings()  # likewise
        self._idle: IdleWatcher | None = None
        self.setObjectName("mainWindow")
        root = QWidget()
        root.setObjectName("body")
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.stack = CurrentPageStack()
        self.navigation = Navigation(ctx, self.stack, self)
        column.addWidget(self._build_header())
        column.addWidget(self.stack, 1)
        self.footer = self._build_footer()
        column.addWidget(self.footer)
        self.setCentralWidget(root)
        self.body = root  # what the layers cover (the header and footer with the screen)
        self.visits = VisitLifecycle(ctx, self.navigation, root, countdown_s)
        self.manager_mode = ManagerMode(
            ctx, self.navigation, self.visits, idle_s=manager_idle_s, parent=self
        )
        self.manager_mode.watch_long_press(self.name_label, self.comune_label)
        self._typing_watch = TypingWatch(self.comune_label, self)
        self._overlay: Overlay | None = None  # built on first use, not at start-up
        self._scan_notice: ScanNotice | None = None  # likewise
        self.visits.visit_layers.append(
            lambda: self._overlay is not None and self._overlay.isVisible()
        )
        # Spoken mode is a choice of the visit too: someone listening at the home screen
        # is asked (aloud) before it ends, and the next person does not find it on.
        self.visits.visit_layers.append(lambda: self.spoken is not None and self.spoken.on)
        self._end_assisted_question: Confirm | None = None
        self._help_outcome: HelpCall | None = None
        self._help_called_at: float | None = None  # time.monotonic() of the last call
        # The chrome follows first; then everyone else hears of it.
        self.navigation.screen_added.connect(self._wire_screen)
        self.navigation.shown.connect(self._screen_shown)
        self.navigation.refreshed.connect(self.screen_refreshed)
        self.visits.ended.connect(self._visit_forgotten)
        self.visits.ended.connect(self.visit_ended)
        self.manager_mode.changed.connect(self._show_assisted)
        self.manager_mode.changed.connect(self.manager_changed)
        self.navigation.add(HomeScreen(ctx))
        ctx.switcher.changed.connect(self._on_language_changed)
        self.retranslate()
        self.go_home()

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("header")
        # Two rows: the name, the sync badge and the toggles; under them, on the home
        # screen, every language (in one row with the badge they squeezed each other).
        rows = QVBoxLayout(header)
        rows.setContentsMargins(48, 16, 48, 16)
        rows.setSpacing(8)
        # The name, then the toggles: under the name when both do not fit (ReflowRow).
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        rows.addLayout(row)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.name_label = label(self.ctx.social_point.name, name="socialPointName")
        self.comune_label = label(name="comuneName")
        names.addWidget(self.name_label)
        names.addWidget(self.comune_label)
        row.addLayout(names, 1)
        toggles = QHBoxLayout()
        # 8 px between neighbouring buttons (the least for a finger, EN 301 549 audit):
        # the home screen's header holds seven languages and two toggles.
        toggles.setSpacing(8)
        toggles.addStretch(1)  # under the name: at the end of the line
        row.addLayout(toggles)
        self.large_text_button = button(name="largeText", role="lang")
        self.large_text_button.setCheckable(True)
        self.large_text_button.clicked.connect(self.set_large_text)
        toggles.addWidget(self.large_text_button)
        self.contrast_button = button(name="highContrast", role="lang")
        self.contrast_button.setCheckable(True)
        self.contrast_button.clicked.connect(self.set_high_contrast)
        toggles.addWidget(self.contrast_button)
        toggles.addSpacing(16)
        # The picker: every language in its own script on the home screen; elsewhere
        # one button with the language in use, which opens the others (seven buttons
        # beside the name would squeeze it on every screen).
        self.language_toggle = button(name="languageToggle", role="lang")
        self.language_toggle.clicked.connect(lambda: self._show_languages(True))
        toggles.addWidget(self.language_toggle)
        self._header_row = ReflowRow(
            header, row, [self.name_label, self.comune_label], toggles, gap=24, line_gap=8
        )
        # The badge on a line of its own, the header's whole width, wrapping if it must:
        # beside the toggles its long states ("3 records waiting to be sent", "synced on
        # 05/12 at 15:08") squeezed their words off them and pushed the window wider.
        self.sync_badge = SyncBadge(self.ctx.time_zone)
        rows.addWidget(self.sync_badge)
        self.language_group = QButtonGroup(self)
        self.language_buttons = {}
        self.language_row = QWidget()
        languages = QHBoxLayout(self.language_row)
        languages.setContentsMargins(0, 0, 0, 0)
        languages.setSpacing(8)
        languages.addStretch(1)
        for code, native_name in LANGUAGE_NAMES.items():
            choice = button(native_name, name=f"language_{code}", role="lang")
            choice.setCheckable(True)
            choice.setChecked(code == self.ctx.lang)
            choice.clicked.connect(lambda _=False, c=code: self._choose_language(c))
            self.language_group.addButton(choice)
            self.language_buttons[code] = choice
            languages.addWidget(choice)
        rows.addWidget(self.language_row)
        return header

    def _build_footer(self) -> QWidget:
        footer = QWidget()
        footer.setObjectName("footer")
        rows = QVBoxLayout(footer)
        rows.setContentsMargins(48, 12, 48, 12)
        rows.setSpacing(12)
        row = self._footer_row = QHBoxLayout()
        row.setSpacing(24)
        rows.addLayout(row)
        # On a narrow panel an assisted session's name and button take a row of their own.
        self._assisted_row = QHBoxLayout()
        self._assisted_row.setSpacing(24)
        self._assisted_row.addStretch(1)
        rows.addLayout(self._assisted_row)
        self.back_button = button(name="backButton")
        self.home_button = button(name="homeButton")
        self.help_button = button(name="helpButton", role="help")
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self._home_tapped)
        self.help_button.clicked.connect(self.show_help)
        for widget in (self.back_button, self.home_button):
            widget.setMinimumWidth(240)
            row.addWidget(widget)
        self.cart_button = button(name="cartButton", role="chip")
        self.cart_button.clicked.connect(lambda: self.navigation.go("cart"))
        self.cart_button.hide()
        row.addWidget(self.cart_button)
        row.addStretch(1)
        self.assisted_label = label(role="fieldLabel", name="assistedBy")
        self.assisted_label.setWordWrap(False)
        self.end_assisted_button = button(name="endAssisted", role="chip")
        self.end_assisted_button.clicked.connect(self.ask_end_assisted_session)
        for chip in (self.assisted_label, self.end_assisted_button):
            chip.hide()
            row.addWidget(chip)
        row.addWidget(self.help_button)
        return footer

    # Screens and navigation ------------------------------------------------------------

    @property
    def screens(self) -> dict[str, Screen]:
        return self.navigation.screens

    @property
    def catalog(self) -> CatalogReader | None:
        return self.navigation.catalog

    @property
    def current_route(self) -> str:
        return self.navigation.current_route

    def screen_for(self, route: str) -> Screen:
        """The screen of ``route`` (not QWidget.screen(), the display)."""
        return self.navigation.screen_for(route)

    def go(self, route: str, params: dict[str, Any] | None = None) -> None:
        self.navigation.go(route, params)

    def go_home(self) -> None:
        self.navigation.go_home()

    def back(self) -> None:
        if not self.manager_mode.back():
            self.navigation.back()

    def _home_tapped(self) -> None:
        if not self.manager_mode.home():
            self.navigation.go_home()

    def attach(self, catalog: CatalogReader) -> None:
        """The store is open: data screens can be built, a waiting tap is carried out."""
        from store.catalog import comune_name  # loaded with the catalog

        # The header's Comune, asked at every refresh: read on the sync's side however
        # many searches were typed since the last pass.
        catalog.keep_asking("comune", comune_name, self.ctx.social_point.comune)
        self.navigation.attach(catalog)
        self.retranslate()

    def refresh(self) -> None:
        """The mirror changed: the cart as its services are now, then the current screen
        again, with fresh data."""
        if self.catalog is not None:
            self._refresh_cart(self.catalog)
            self.retranslate()
            self.navigation.refresh()

    def _refresh_cart(self, catalog: CatalogReader) -> None:
        """A new price, a service no longer sold: the cart follows at once, with a note
        for the citizen, not only at the checkout. The answer was read off the UI thread
        (``_show_cart`` keeps the question asked, so the sync warms it)."""
        cart = self.ctx.citizen.cart
        if cart is None or not cart.lines:
            return
        from kiosk.core.purchasing import offered_now  # loaded with the cart's first line

        if cart.follow(catalog.ask(offered_now, _ids(cart))):
            self._show_cart()

    def _wire_screen(self, screen: Screen) -> None:
        for keyboard in screen.findChildren(QWidget, "keyboard"):
            keyboard.installEventFilter(self._typing_watch)
        screen.help_requested.connect(self.show_help)
        screen.print_requested.connect(self.print_requested)
        screen.cart_changed.connect(self._show_cart)
        screen.visit_finished.connect(self.visits.finish)
        screen.page_changed.connect(lambda s=screen: self._page_changed(s))
        self.screen_added.emit(screen)

    def _page_changed(self, screen: Screen) -> None:
        if screen is self.stack.currentWidget():
            self.screen_shown.emit(self.current_route)

    def _screen_shown(self, route: str) -> None:
        at_home = route == HOME
        self.back_button.setEnabled(not at_home)
        self.home_button.setEnabled(not at_home)
        self._show_languages(at_home)
        if self._scan_notice is not None:
            self._scan_notice.hide_now()  # it was about the page the citizen left
        self.screen_shown.emit(route)

    # The visit and manager mode ----------------------------------------------------------

    @property
    def idle(self) -> IdleWatcher | None:
        return self._idle

    @idle.setter
    def idle(self, watcher: IdleWatcher | None) -> None:
        self._idle = self.visits.idle = self.manager_mode.idle = watcher

    @property
    def manager(self) -> Manager | None:
        return self.manager_mode.manager

    def ask_still_there(self) -> None:
        """The kiosk was left alone (the idle watcher's call)."""
        if not self.manager_mode.leave_when_idle():
            self.visits.ask_still_there()

    def _visit_forgotten(self) -> None:
        """What the window itself showed of the visit goes too."""
        for layer in (self._overlay, self._end_assisted_question):
            if layer is not None:
                layer.hide()
        if self._scan_notice is not None:
            self._scan_notice.hide_now()
        if self.large_text_button.isChecked() or self.contrast_button.isChecked():
            self.large_text_button.setChecked(False)
            self.contrast_button.setChecked(False)
            self._apply_theme()  # the session has forgotten both choices
        self._show_assisted()
        self._show_cart()
        self._help_called_at = None  # the next citizen's call is a call of its own

    def set_large_text(self, large: bool) -> None:
        """Every text of the kiosk larger, or back to its size, for this visit. Restyling
        every widget holds the screen for about a quarter of a second (measured with
        all screens built), once, when the citizen asks for it."""
        self.ctx.citizen.large_text = large
        self.large_text_button.setChecked(large)
        self._apply_theme()

    def set_high_contrast(self, on: bool) -> None:
        """Light text on black at 7:1 or more, for this visit (with larger text or not)."""
        self.ctx.citizen.high_contrast = on
        self.contrast_button.setChecked(on)
        self._apply_theme()

    def _apply_theme(self) -> None:
        citizen = self.ctx.citizen
        tokens = theme(large=citizen.large_text, contrast=citizen.high_contrast)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setStyleSheet(style_sheet(tokens))
        self._mark_choices()
        if self.navigator is not None:
            self.navigator.ring.set_tokens(tokens)

    def _show_cart(self) -> None:
        cart = self.ctx.citizen.cart
        count = sum(line.quantity for line in cart.lines) if cart else 0
        if self.catalog is not None:  # the cart's services, read again after each sync
            if cart is not None and cart.lines:
                from kiosk.core.purchasing import offered_now

                self.catalog.keep_asking("cart", offered_now, _ids(cart))
            else:
                self.catalog.keep_asking("cart", None)
        self.cart_button.setVisible(count > 0)
        if cart and count:
            from languages.money import format_euro

            total = format_euro(cart.total_cents, self.ctx.lang)
            self.cart_button.setText(self.tr("Cart ({n}) · {total}").format(n=count, total=total))

    @property
    def end_assisted_question(self) -> Confirm:
        if self._end_assisted_question is None:
            from kiosk.ui.widgets.overlay import Confirm

            self._end_assisted_question = Confirm(self.body, "endAssistedQuestion")
            self._end_assisted_question.accepted.connect(self.manager_mode.end_assisted_session)
        return self._end_assisted_question

    def ask_end_assisted_session(self) -> None:
        """Ending forgets everything the citizen gave: one tap too many must not do it."""
        self.end_assisted_question.ask_texts(
            lambda: (
                self.tr("End the assisted session?"),
                self.tr("What the citizen was doing and has not sent is forgotten."),
                self.tr("No, go on"),
                self.tr("Yes, end it"),
            )
        )

    def _show_assisted(self) -> None:
        assisting = self.ctx.citizen.assisted_by
        self.end_assisted_button.setVisible(assisting is not None)
        if assisting is not None:
            self.assisted_label.setText(self.tr("Assisted by {name}").format(name=assisting.name))
        self._fit_footer()

    def _fit_footer(self) -> None:
        """On a wide panel an assisted session's name and button sit in the footer's row;
        on a 1280-pixel one, in one row with the cart, every button of the footer was cut
        off in larger text: there they take a row of their own."""
        wide = self.width() >= WIDE_FOOTER
        row = self._footer_row if wide else self._assisted_row
        if row.indexOf(self.end_assisted_button) < 0:
            for chip in (self.assisted_label, self.end_assisted_button):
                (self._assisted_row if wide else self._footer_row).removeWidget(chip)
                at = row.indexOf(self.help_button) if wide else row.count()
                row.insertWidget(at, chip)
        self.assisted_label.setVisible(self.ctx.citizen.assisted_by is not None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # After the resize, not inside it: the footer's layout is not changed while Qt
        # lays the window out.
        wide = self.width() >= WIDE_FOOTER
        if wide != (self._footer_row.indexOf(self.end_assisted_button) >= 0):
            QTimer.singleShot(0, self, self._fit_footer)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A citizen cannot close a kiosk in full screen (a keyboard's Alt+F4): leaving
        # for maintenance goes through the manager's dashboard.
        if self.locked:
            event.ignore()
        else:
            super().closeEvent(event)

    # Help and language -------------------------------------------------------------------

    @property
    def overlay(self) -> Overlay:
        if self._overlay is None:
            from kiosk.ui.widgets.overlay import Overlay

            self._overlay = Overlay(self.body)
        return self._overlay

    def tell_scan_unused(self) -> None:
        """The scanner read a code this page has no use for: the citizen, who saw it
        light up, is told so in a passing line (and hears it in spoken mode), with the
        focus, a switch's highlight and the next tap left as they were."""
        if self._scan_notice is None:
            from kiosk.ui.widgets.scan_notice import ScanNotice

            self._scan_notice = ScanNotice(self.body, self.stack, self.footer)
        words = self._scan_notice.tell()
        if self.spoken is not None and self.spoken.on:
            self.spoken.say(words)

    def show_help(self) -> None:
        """The citizen asked for help: the welfare managers are called (ManagerController
        says who could be reached, in ``show_help_outcome``), and the desk's details show.
        Asked again while the message shows, or just after a call, the message shows
        again (read again in spoken mode) and nobody is called twice."""
        if self._help_just_called():
            showing = self._help_showing()
            self.overlay.show_texts(self._help_texts)
            if showing and self.spoken is not None and self.spoken.on:
                self.spoken.read_screen()  # already on screen: nothing else says it
            return
        self._help_outcome = None
        self._help_called_at = time.monotonic()
        self.overlay.show_texts(self._help_texts)
        self.help_asked.emit()

    def _help_showing(self) -> bool:
        overlay = self._overlay
        return overlay is not None and overlay.isVisible() and overlay.texts == self._help_texts

    def _help_just_called(self) -> bool:
        """A call is on its way or was made: while its message shows, or for HELP_AGAIN_S
        after it. A call that could not be recorded may be made again at once."""
        call, called_at = self._help_outcome, self._help_called_at
        if called_at is None or (call is not None and not call.recorded):
            return False
        return self._help_showing() or time.monotonic() - called_at < HELP_AGAIN_S

    def show_help_outcome(self, call: HelpCall) -> None:
        self._help_outcome = call
        if self._help_showing():
            self.overlay.retranslate()

    def _help_texts(self) -> tuple[str, str, str]:
        """The help message in the current language (asked again when it changes)."""
        sp = self.ctx.social_point
        call = self._help_outcome
        if call is None:
            lines = [self.tr("Calling the welfare managers of this Social Point…")]
        elif call.anybody_called:
            called = self.tr(
                "The welfare managers of this Social Point have been called:"
                " someone will come to you. You can also go to the desk."
            )
            lines = [called]
        else:
            nobody = self.tr(
                "Nobody could be called from here right now. Please go to the"
                " desk and tell the welfare manager that you need help."
            )
            lines = [nobody]
        if sp.opening_hours:
            lines.append(self.tr("The desk is staffed: {hours}").format(hours=sp.opening_hours))
        if sp.address:
            lines.append(self.tr("Where: {address}").format(address=sp.address))
        if sp.phone:
            lines.append(
                self.tr("If nobody is here, call {phone}").format(
                    phone=left_to_right(sp.phone, self.ctx.lang)
                )
            )
        lines.append(self._about_line())
        return self.tr("We are here to help"), "\n\n".join(lines), self.tr("OK")

    def _about_line(self) -> str:
        # Public software shows where its source is (AgID reuse guidelines).
        facts = about()
        return self.tr("{name} {version}, free software under the {licence} licence: {url}").format(
            name=facts.name, version=facts.version, licence=facts.licence, url=facts.source_url
        )

    def _on_language_changed(self, code: str) -> None:
        self.language_buttons[code].setChecked(True)
        self.language_toggle.setText(LANGUAGE_NAMES[code])
        self._mark_choices()

    def _mark_choices(self) -> None:
        """A chosen toggle or language says so with a tick, not by its colour alone
        (WCAG 1.4.1). A language's spoken name stays its own: the voice says "selected"
        of the chosen one, as of any chosen button."""
        large, contrast = self.tr("A+ Larger text"), self.tr("◐ High contrast")
        self.large_text_button.setText(
            f"✓ {large}" if self.large_text_button.isChecked() else large
        )
        self.contrast_button.setText(
            f"✓ {contrast}" if self.contrast_button.isChecked() else contrast
        )
        for code, choice in self.language_buttons.items():
            name = LANGUAGE_NAMES[code]
            choice.setText(f"✓ {name}" if choice.isChecked() else name)
            choice.setAccessibleName(name)

    def _choose_language(self, code: str) -> None:
        self.ctx.switcher.set_language(code)
        self._show_languages(self.current_route == HOME)

    def _show_languages(self, every: bool) -> None:
        """Every language's button (home, or the citizen asked), or only the one in use."""
        self.language_toggle.setText(LANGUAGE_NAMES[self.ctx.lang])
        toggled_by_keys = every and self.language_toggle.hasFocus()
        chosen_by_keys = not every and any(b.hasFocus() for b in self.language_buttons.values())
        self.language_row.setVisible(every)
        for choice in self.language_buttons.values():
            choice.setVisible(every)
        if toggled_by_keys:
            # Opened from the keyboard or a switch: the choices take the focus. Hidden
            # with it, the toggle sent it on to the footer's Back, and a switch user
            # scanned the whole screen to reach the languages just shown.
            current = self.language_buttons.get(self.ctx.lang)
            if current is not None:
                current.setFocus()
        self.language_toggle.setVisible(not every)
        if chosen_by_keys:
            # And back: the choice hidden with the focus sent it to Back, not to the
            # toggle that now names the language chosen.
            self.language_toggle.setFocus()

    def retranslate(self) -> None:
        comune = self.catalog.comune_name(self.ctx.social_point.comune) if self.catalog else None
        self.comune_label.setText(self.tr("Comune of {name}").format(name=comune) if comune else "")
        self.back_button.setText(self.tr("‹ Back"))
        self.home_button.setText(self.tr("⌂ Home"))
        self.help_button.setText(self.tr("Ask for help"))
        self._mark_choices()
        self.end_assisted_button.setText(self.tr("End assisted session"))
        self._show_assisted()
        self._show_cart()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _ids(cart: Cart) -> tuple[str, ...]:
    """The cart's services, as the question of their lines now names them."""
    return tuple(sorted(line.service_id for line in cart.lines))
