"""The services of one category, for the chosen Comune."""

from __future__ import annotations

from typing import Any

from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.screens.catalog import service_card
from kiosk.ui.widgets.common import ScrollList, label
from sync.catalog import CatalogReader, CategoryInfo, ServiceSummary, pick


class ServiceListScreen(DataScreen):
    route = "category"

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.category_id = ""
        self.comune_id = ""
        self._category: CategoryInfo | None = None
        self._services: list[ServiceSummary] = []
        self.title = label(role="title", name="categoryTitle")
        self.scope = label(role="muted", name="categoryScope")
        self.list = ScrollList(name="serviceList")
        self.body.addWidget(self.title)
        self.body.addWidget(self.scope)
        self.body.addWidget(self.list, 1)

    def enter(self, **params: Any) -> None:
        self.category_id = params["category_id"]
        self.comune_id = params.get("comune_id", "")
        scope = self.comune_id or None
        self._category = next(
            (c for c in self.catalog.categories(scope) if c.id == self.category_id), None
        )
        self._services = self.catalog.services_in_category(self.category_id, scope)
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.ctx.lang
        self.title.setText(pick(self._category.label, lang) if self._category else "")
        comune = self.catalog.comune_name(self.comune_id) if self.comune_id else None
        if comune:
            self.scope.setText(self.tr("Services for residents of {comune}").format(comune=comune))
        else:
            self.scope.setText(self.tr("Services for residents of every Comune of the network"))
        self.list.clear()
        for service in self._services:
            card = service_card(service, lang)
            card.clicked.connect(lambda _=False, sid=service.id: self.go("service", service_id=sid))
            self.list.add(card)
