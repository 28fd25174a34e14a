# SPDX-License-Identifier: EUPL-1.2
"""A service as a card button (title, provider, price): the catalog's search results and a
category's list show the same card, so it lives here and not in either screen."""

from __future__ import annotations

from kiosk.ui.texts import price_text
from kiosk.ui.widgets.common import CardButton
from store.catalog import ServiceSummary, pick


def fill_service_card(card: CardButton, service: ServiceSummary, lang: str) -> None:
    card.service_id = service.id
    card.set_lines(
        [
            (pick(service.title, lang), "cardTitle"),
            (service.provider_name, "muted"),
            (price_text(service.price_cents, service.unit, lang), "cardPrice"),
        ]
    )


def service_card(service: ServiceSummary, lang: str) -> CardButton:
    card = CardButton(name=f"service_{service.id}")
    fill_service_card(card, service, lang)
    return card
