# SPDX-License-Identifier: EUPL-1.2
"""The catalog: categories for the chosen Comune, and search as you type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.event_filters import never_raises
from kiosk.ui.key_navigation import focus_through
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.widgets.common import (
    CardButton,
    ScrollList,
    button,
    citizen_field,
    enable_kinetic_scrolling,
    forget_text,
    label,
)
from kiosk.ui.widgets.flow import FlowLayout
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.service_card import service_card
from kiosk.ui.widgets.sliced import SlicedFill
from store.catalog import CatalogReader, CategoryInfo, SearchResult, ServiceSummary, pick

SEARCH_DELAY_MS = 120  # wait for a pause in typing, so each key does not query
FIRST_RESULTS = 7  # about what the results panel shows: drawn at once, the rest in slices
ALL_COMUNI = ""
CATEGORY_ICON_PX = 64


class CatalogScreen(DataScreen):
    route = "catalog"

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.comune_id: str = ctx.social_point.comune
        self._categories: list[CategoryInfo] = []
        self._tiles: list[CardButton] = []
        self._tile_filling = SlicedFill(self, self._add_tile)
        self._results: list[ServiceSummary] = []
        self._found = SearchResult([])
        self._found_in = ""  # the language its corrections were made in
        self._result_filling = SlicedFill(self, self._add_result)

        self.title = label(role="title", name="catalogTitle")
        self.body.addWidget(self.title)

        search_row = QHBoxLayout()
        self.search = citizen_field(QLineEdit())
        self.search.setObjectName("searchField")
        self.search.setMaxLength(80)
        self.search.installEventFilter(self)
        self.clear_button = button(name="clearSearch")
        self.clear_button.clicked.connect(self.search.clear)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.clear_button)
        self.body.addLayout(search_row)

        self.comune_row = QWidget()
        comune_row = FlowLayout(self.comune_row)  # as many lines as the chips need
        self.comune_label = label(name="comuneLabel")
        self.comune_label.setWordWrap(False)
        comune_row.addWidget(self.comune_label)
        self.comune_group = QButtonGroup(self)
        self.comune_group.setExclusive(True)
        self.comune_chips: dict[str, QPushButton] = {}
        self._comune_names: dict[str, str] = {}
        for comune_id, name in [(ALL_COMUNI, ""), *((c.id, c.name) for c in catalog.comuni())]:
            self._comune_names[comune_id] = name
            chip = button(name, name=f"comune_{comune_id or 'all'}", role="chip")
            chip.setCheckable(True)
            chip.clicked.connect(lambda _=False, cid=comune_id: self._choose_comune(cid))
            self.comune_group.addButton(chip)
            self.comune_chips[comune_id] = chip
            comune_row.addWidget(chip)
        # Whichever way a chip gets chosen (a tap, a key, the screen's own choice).
        self.comune_group.buttonToggled.connect(lambda *_: self._mark_comune())
        self.body.addWidget(self.comune_row)

        self.stack = QStackedWidget()
        # In a scroll area, so the grid never forces the screen taller than the panel.
        self.category_page = QScrollArea()
        self.category_page.setObjectName("categoryPage")
        self.category_page.setWidgetResizable(True)
        self.category_page.setFrameShape(QFrame.Shape.NoFrame)
        grid_widget = QWidget()
        grid_widget.setObjectName("scrollContent")
        self.category_grid = QGridLayout(grid_widget)
        self.category_grid.setSpacing(20)
        self.category_grid.setContentsMargins(0, 8, 0, 0)
        self.category_page.setWidget(grid_widget)
        enable_kinetic_scrolling(self.category_page)
        self.results_page = QWidget()
        results_layout = QVBoxLayout(self.results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        self.results_summary = label(role="heading", name="resultsSummary")
        self.results = ScrollList(name="searchResults")
        # When nothing is found, the ways on that the text names, right under it (the
        # Comune chips are hidden while the keyboard is open).
        self.nothing_actions = QWidget()
        actions = QHBoxLayout(self.nothing_actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(16)  # the style's 6 px is under the 8 px between targets
        self.all_comuni_button = button(name="searchAllComuni")
        self.all_comuni_button.clicked.connect(self._search_everywhere)
        self.search_help_button = button(name="searchHelp")
        self.search_help_button.clicked.connect(self.help_requested)
        actions.addWidget(self.all_comuni_button)
        actions.addWidget(self.search_help_button)
        actions.addStretch(1)
        self.nothing_actions.hide()
        results_layout.addWidget(self.results_summary)
        results_layout.addWidget(self.nothing_actions)
        results_layout.addWidget(self.results, 1)
        self.stack.addWidget(self.category_page)
        self.stack.addWidget(self.results_page)
        self.body.addWidget(self.stack, 1)

        self.keyboard = OnScreenKeyboard(language_of=lambda: self.ctx.lang)
        self.keyboard.bind(self.search)
        self.keyboard.closed.connect(lambda: self._show_keyboard(False))
        self.keyboard.hide()
        self.dock_keyboard(self.keyboard)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.retranslate()

    def forget(self) -> None:
        forget_text(self.search)  # and what Ctrl+Z would give back of it
        self._search_timer.stop()
        self._run_search()  # back to the categories
        self._results = []
        self._result_filling.cancel()
        self.results.clear()  # no results of the last person left behind
        self.results_summary.clear()  # it names what they searched for
        self.comune_id = self.ctx.social_point.comune
        self._show_keyboard(False)
        super().forget()

    def enter(self, **params: Any) -> None:
        self._show_keyboard(False)
        self.comune_chips.get(self.comune_id, self.comune_chips[ALL_COMUNI]).setChecked(True)
        self._load_categories()

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass while the citizen looks or types: the counts and the results are
        # read again; the search, its keyboard and a list that did not change (and its
        # scroll position) stay as they were.
        self._load_categories()
        text = self.search.text().strip()
        if text and self.stack.currentWidget() is self.results_page:
            found = self.catalog.find(text, self._scope(), self.ctx.lang)
            if found != self._found:
                self._found, self._results = found, found.services
                self._render_results()

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.FocusIn,
        ):
            self._show_keyboard(True)
        return False

    def _show_keyboard(self, visible: bool) -> None:
        # The keyboard takes the room of the title and the Comune choice, so the
        # results stay in view on a 1080-pixel-high panel.
        self.keyboard.setVisible(visible)
        self.title.setVisible(not visible)
        self.comune_row.setVisible(not visible)

    def _mark_comune(self) -> None:
        """The chosen Comune shows by a tick, not by its colour alone (WCAG 1.4.1); its
        spoken name stays the Comune's, the voice says "selected"."""
        for comune_id, chip in self.comune_chips.items():
            name = self._comune_names[comune_id] or self.tr("All Comuni")
            chip.setText(f"✓ {name}" if chip.isChecked() else name)
            chip.setAccessibleName(name)

    def _choose_comune(self, comune_id: str) -> None:
        self.comune_id = comune_id
        self.comune_chips[comune_id].setChecked(True)
        self._load_categories()
        if self.search.text().strip():
            self._run_search()

    def _search_everywhere(self) -> None:
        """The search in every Comune. By keys, the focus goes to the first service
        found (found nowhere, to "Ask for help"), not left on the list around them."""
        focus_through(
            self.results_page,
            lambda: self._choose_comune(ALL_COMUNI),
            lambda: [*self._shown_results()[:1], self.search_help_button],
        )

    def _shown_results(self) -> list[QAbstractButton]:
        # The last search's cards wait for deleteLater, hidden.
        cards = self.results.content.findChildren(QAbstractButton)
        return [card for card in cards if card.isVisible()]

    def _scope(self) -> str | None:
        return self.comune_id or None

    def _load_categories(self) -> None:
        self._categories = self.catalog.categories(self._scope())
        self._render_categories()

    def _render_categories(self) -> None:
        """Tiles are reused and only retexted (a sync mostly changes counts); new ones
        come at once when the screen opens, in slices when it is refreshed on screen."""
        for tile in self._tiles[len(self._categories) :]:
            tile.hide()  # at once: deleteLater waits for the event loop
            tile.deleteLater()
        del self._tiles[len(self._categories) :]
        for index, tile in enumerate(self._tiles):
            self._fill_tile(tile, index)
        missing = range(len(self._tiles), len(self._categories))
        self._tile_filling.start(missing, at_once=0 if self.isVisible() else len(missing))

    def _add_tile(self, index: int) -> None:
        tile = CardButton(name="categoryTile")
        tile.setMinimumHeight(120)
        tile.clicked.connect(lambda _=False, i=index: self._open_category(i))
        self._fill_tile(tile, index)
        self._tiles.append(tile)
        self.category_grid.addWidget(tile, index // 2, index % 2)
        tile.show()

    def _fill_tile(self, tile: CardButton, index: int) -> None:
        category = self._categories[index]
        count = category.service_count
        tile.set_lines(
            [
                (pick(category.label, self.ctx.lang), "cardTitle"),
                (self.tr("%n service(s)", "", count), "muted"),
            ]
        )
        tile.set_icon(category.icon, size=CATEGORY_ICON_PX, role="cardTitle")
        tile.setEnabled(count > 0)

    def _open_category(self, index: int) -> None:
        category_id = self._categories[index].id
        self.go("category", category_id=category_id, comune_id=self.comune_id)

    def _run_search(self) -> None:
        # Run now (a Comune chosen, "Search all the Comuni"): the search waiting for a
        # pause in typing would only find the same and draw the list again.
        self._search_timer.stop()
        text = self.search.text().strip()
        if not text:
            self.stack.setCurrentWidget(self.category_page)
            return
        self._found = self.catalog.find(text, self._scope(), self.ctx.lang)
        self._found_in = self.ctx.lang
        self._results = self._found.services
        self._render_results()
        self.stack.setCurrentWidget(self.results_page)

    def _render_results(self) -> None:
        """The list drawn again (a search, a sync pass that changed what is found). By
        keys, the focus stays on the same service's card, else goes to the first one
        (found nothing, to the ways on): when the old cards hide, the new ones are not
        drawn yet, and the navigator's safety net would find only a Comune chip."""
        focus = QApplication.focusWidget()
        kept = focus.service_id if isinstance(focus, CardButton) else ""
        ids = [service.id for service in self._results]
        # That card drawn at once, even when it is further down than the first slice.
        at_once = max(FIRST_RESULTS, ids.index(kept) + 1 if kept in ids else 0)
        focus_through(
            self.results_page,
            lambda: self._draw_results(at_once),
            lambda: self._focus_after_redraw(kept),
        )

    def _focus_after_redraw(self, service_id: str) -> list[QWidget]:
        cards = self._shown_results()
        same = [c for c in cards if isinstance(c, CardButton) and c.service_id == service_id]
        return [*same, *cards[:1], self.all_comuni_button, self.search_help_button]

    def _draw_results(self, at_once: int) -> None:
        self.results.clear()
        text = self.search.text().strip()
        found = self._found
        count = len(self._results)
        if count and found.some_words:
            summary = self.tr(
                "No service has all the words “{text}”. %n service(s) have some of them.",
                "",
                count,
            ).format(text=found.suggestion or text)
        elif count and found.suggestion:
            summary = self.tr("Did you mean “{words}”? %n service(s) found.", "", count)
            summary = summary.format(words=found.suggestion)
        elif count:
            summary = self.tr("%n service(s) found for “{text}”", "", count).format(text=text)
        elif self._scope() is not None:
            summary = self.tr(
                "Nothing found for “{text}”. Try another word, search all the Comuni,"
                " or ask for help:"
            ).format(text=text)
        else:
            summary = self.tr(
                "Nothing found for “{text}”. Try another word or ask for help:"
            ).format(text=text)
        if count and found.ignored:
            summary += " " + self.tr("No service mentions: {words}.").format(
                words=", ".join(found.ignored)
            )
        self.results_summary.setText(summary)
        self.nothing_actions.setVisible(count == 0)
        self.all_comuni_button.setVisible(self._scope() is not None)
        self._result_filling.start(self._results, at_once=at_once)

    def _add_result(self, service: ServiceSummary) -> None:
        card = service_card(service, self.ctx.lang)
        card.clicked.connect(lambda _=False, sid=service.id: self.go("service", service_id=sid))
        self.results.add(card)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Services"))
        self.search.setPlaceholderText(self.tr("Search, for example: elderly, meals, babysitter"))
        self.search.setAccessibleName(self.tr("Search services"))
        self.clear_button.setText(self.tr("Clear"))
        self.comune_label.setText(self.tr("For residents of:"))
        self._mark_comune()
        self.all_comuni_button.setText(self.tr("Search all the Comuni"))
        self.search_help_button.setText(self.tr("Ask for help"))
        if self._categories:
            self._render_categories()
        if self.stack.currentWidget() is self.results_page:
            if self._found_in != self.ctx.lang:  # "Did you mean" in the language now shown
                self._run_search()
            else:
                self._render_results()
