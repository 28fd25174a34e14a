# SPDX-License-Identifier: EUPL-1.2
"""The services of one category, for the chosen Comune."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.ui.key_navigation import focus_through
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.widgets.common import CardButton, ScrollList, button, label
from kiosk.ui.widgets.service_card import fill_service_card
from kiosk.ui.widgets.sliced import SlicedFill
from store.catalog import CatalogReader, CategoryInfo, ServiceSummary, pick

PAGE = 20  # services read and shown at a time: a category can hold thousands
FIRST_CARDS = 7  # about what a 1080-pixel screen shows: drawn at once on opening


class ServiceListScreen(DataScreen):
    route = "category"

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.category_id = ""
        self.comune_id = ""
        self._category: CategoryInfo | None = None
        self._services: list[ServiceSummary] = []
        self._cards: list[CardButton] = []
        self._filling = SlicedFill(self, self._add_card, self._offer_more)
        self._more: QPushButton | None = None
        self._stale = False  # the mirror changed since the pages shown were read
        self.title = label(role="title", name="categoryTitle")
        self.scope = label(role="muted", name="categoryScope")
        self.list = ScrollList(name="serviceList")
        self.body.addWidget(self.title)
        self.body.addWidget(self.scope)
        self.body.addWidget(self.list, 1)

    def enter(self, **params: Any) -> None:
        # Back from a service after a sync: the pages below the first may have changed
        # too (a service gone from the second page stayed there, to be tapped).
        self._list(params, every_page=self._stale)

    def mirror_changed(self, **params: Any) -> None:
        self._list(params, every_page=True)  # every page shown is read again

    def mirror_changed_elsewhere(self) -> None:
        self._stale = True

    def _list(self, params: dict[str, Any], *, every_page: bool) -> None:
        category_id, comune_id = params["category_id"], params.get("comune_id", "")
        self._stale = False
        scope = comune_id or None
        category = self.catalog.category(category_id, scope)
        same = (category_id, comune_id) == (self.category_id, self.comune_id)
        first = self._page(category_id, scope, 0)
        unchanged = same and category == self._category and bool(first)
        if unchanged and first == self._services[:PAGE] and not every_page:
            return  # back from a service, nothing new at the top: the list as it was
        # The same category again keeps the pages the citizen asked for with "Show
        # more": they were reading down there. Page by page, as they were asked: after a
        # sync pass each is a warm answer (CatalogReader.warm), not a new question read
        # on this thread.
        loaded = self._loaded() if same else PAGE
        shown = first + [
            s for at in range(PAGE, loaded, PAGE) for s in self._page(category_id, scope, at)
        ]
        if unchanged and shown == self._services:
            return  # a refresh with nothing new keeps the list and its scroll position
        # Opening the screen shows a screenful at once; a refresh while it is on screen
        # (a sync) draws in slices only, as the person may be scrolling meanwhile.
        opening = not self.isVisible()
        self.category_id, self.comune_id = category_id, comune_id
        self._category, self._services = category, shown
        if opening:
            self._fill(at_once=FIRST_CARDS)
        else:
            self._redraw()

    def _loaded(self) -> int:
        """How many services to read again: as many pages as the citizen had loaded."""
        pages = -(-len(self._services) // PAGE)
        return max(pages, 1) * PAGE

    def forget(self) -> None:
        """The next person opens the category afresh: the pages the last one asked for
        with "Show more" go, and the list starts at its top (else ``enter`` found it
        unchanged and kept it as it was, scrolled to the end)."""
        self._filling.cancel()
        self._drop_more()
        self.category_id = self.comune_id = ""
        self._category, self._services = None, []
        super().forget()

    def retranslate(self) -> None:
        """Services are listed in the order of their titles in the language on screen:
        a list on screen is read again in the new one's, the pages shown kept."""
        if self._category is None or not self.isVisible():
            self._redraw()  # read again when it is next shown (``enter``)
            return
        before = self._services
        self._list({"category_id": self.category_id, "comune_id": self.comune_id}, every_page=True)
        if self._services is before:  # the same order: only the texts change
            self._redraw()

    def _redraw(self) -> None:
        """The list drawn again on screen (a sync pass, a language), scrolled to show the
        same service where it was. By keys, the focus stays on "Show more" if it is still
        offered, else on the same service's card, else (on "Show more", now gone) on the
        last card, where the citizen was reading, else on the first: "Show more" hides
        before the cards are drawn again, and the navigator's safety net would leave the
        focus on a card that now shows another service."""
        focus = QApplication.focusWidget()
        keys = focus is not None and self.list.isAncestorOf(focus)
        on_more = keys and focus is self._more
        kept = focus.service_id if isinstance(focus, CardButton) else ""
        anchor = self._card_at_top()
        focus_through(
            self.list,
            # By keys every card and the button are drawn now, for the focus to go to.
            lambda: self._fill_in_place(len(self._services) if keys else 0, anchor),
            lambda: self._focus_after_redraw(on_more, kept),
        )

    def _focus_after_redraw(self, on_more: bool, service_id: str) -> list[QWidget | None]:
        same = [c for c in self._cards if service_id and c.service_id == service_id]
        last = self._cards[-1:] if on_more else []
        return [self._more if on_more else None, *same, *last, *self._cards[:1]]

    def _card_at_top(self) -> tuple[str, int] | None:
        """The service whose card is at the top of the list's view, and how far below
        the view's top that card starts (above it, when scrolled partly out)."""
        top = self.list.verticalScrollBar().value()
        card = next((c for c in self._cards if c.geometry().bottom() >= top), None)
        return (card.service_id, card.y() - top) if card is not None else None

    def _fill_in_place(self, at_once: int, anchor: tuple[str, int] | None) -> None:
        """Draws the list again and scrolls it back to ``anchor``'s service: a service
        new or gone above it moves its card, and the citizen would lose their place."""
        self._fill(at_once=at_once)
        card = next((c for c in self._cards if anchor and c.service_id == anchor[0]), None)
        if anchor is None or card is None:
            return  # that service gone (or not drawn yet): the list stays where it was
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # cards placed
        self.list.verticalScrollBar().setValue(card.y() - anchor[1])

    def _page(self, category_id: str, scope: str | None, offset: int) -> list[ServiceSummary]:
        # Only what is drawn is read: a category can hold thousands of services.
        return self.catalog.services_in_category(
            category_id, scope, limit=PAGE, offset=offset, lang=self.ctx.lang
        )

    @property
    def total(self) -> int:
        return self._category.service_count if self._category else len(self._services)

    def _fill(self, *, at_once: int) -> None:
        lang = self.ctx.lang
        self.title.setText(pick(self._category.label, lang) if self._category else "")
        comune = self.catalog.comune_name(self.comune_id) if self.comune_id else None
        if comune:
            self.scope.setText(self.tr("Services for residents of {comune}").format(comune=comune))
        else:
            self.scope.setText(self.tr("Services for residents of every Comune of the network"))
        self._drop_more()
        # Cards are reused and only retexted: a refresh then costs no new widgets.
        for card in self._cards[len(self._services) :]:
            card.hide()
            card.deleteLater()
        del self._cards[len(self._services) :]
        for card, service in zip(self._cards, self._services, strict=False):
            fill_service_card(card, service, lang)
        self._filling.start(self._services[len(self._cards) :], at_once=at_once)

    def _add_card(self, service: ServiceSummary) -> None:
        card = CardButton(name="serviceCard")
        fill_service_card(card, service, self.ctx.lang)
        card.clicked.connect(lambda _=False, c=card: self.go("service", service_id=c.service_id))
        self._cards.append(card)
        self.list.add(card)

    def _drop_more(self) -> None:
        if self._more is not None:
            self._more.hide()
            self._more.deleteLater()
            self._more = None

    def _offer_more(self) -> None:
        left = self.total - len(self._services)
        if left > 0:
            self._more = button(self.tr("Show more services (%n more)", "", left), name="showMore")
            self._more.clicked.connect(self._show_more)
            self.list.add(self._more)

    def _show_more(self) -> None:
        # By keys: the focus goes to the first of the services just shown, not (with
        # the button gone) to the header's first control.
        first_new = len(self._cards)
        focus_through(
            self.list,
            self._more_services,
            lambda: self._cards[first_new : first_new + 1] or self._cards[-1:],
        )

    def _more_services(self) -> None:
        self._drop_more()
        page = self._page(self.category_id, self.comune_id or None, len(self._services))
        self._services += page
        self._filling.start(page, at_once=FIRST_CARDS)
