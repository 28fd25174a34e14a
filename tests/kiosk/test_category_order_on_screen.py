# SPDX-License-Identifier: EUPL-1.2
"""A category's services on screen are in the order of their titles in the language
read: switched while the list is shown, it is read again in the new one's order,
with the pages the citizen asked for kept."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from kiosk.ui.screens.service_list import PAGE
from store import mirror
from tests.records import service_record

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXY"  # 25: more than a page


def test_switching_language_orders_a_category_by_the_new_titles(  # type: ignore[no-untyped-def]
    qtbot, window, backend, snap
) -> None:
    with backend.store.write() as session:
        records = [
            # Italian A→Y, English Y→A: the two orders are each other's reverse.
            service_record(f"ord{n:02}", category="silvercare")
            | {"title": {"it": f"Aiuto {letter}", "en": f"Help {LETTERS[-1 - n]}"}}
            for n, letter in enumerate(LETTERS)
        ]
        mirror.upsert(session, "services", records)
    window.go("category", {"category_id": "silvercare"})
    screen = window.screens["category"]
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QPushButton, "showMore"))
    )
    screen._more.click()  # type: ignore[attr-defined]  # a second page asked for
    qtbot.waitUntil(lambda: len(screen._services) > PAGE)  # type: ignore[attr-defined]
    loaded = len(screen._services)  # type: ignore[attr-defined]

    def shown_ids() -> list[str]:
        return [card.service_id for card in screen._cards if card.isVisible()]  # type: ignore[attr-defined]

    def expected(lang: str) -> list[str]:
        found = backend.catalog.services_in_category("silvercare", None, lang=lang)
        return [service.id for service in found][:loaded]

    qtbot.waitUntil(lambda: shown_ids() == expected("it"))
    ours_it = [i for i in shown_ids() if i.startswith("ord")]
    window.ctx.switcher.set_language("en")
    qtbot.waitUntil(lambda: shown_ids() == expected("en"))
    ours_en = [i for i in shown_ids() if i.startswith("ord")]
    assert len(screen._services) == loaded  # type: ignore[attr-defined]  # pages kept
    assert ours_en == sorted(ours_en, reverse=True) and ours_it == sorted(ours_it)
    snap(window, "category-in-english-order")
    window.go("home")  # switched on another screen: read again when next shown
    window.ctx.switcher.set_language("it")
    window.go("category", {"category_id": "silvercare"})
    qtbot.waitUntil(lambda: shown_ids() == expected("it"))
