# SPDX-License-Identifier: EUPL-1.2
"""Where a citizen scrolled to ends with their visit.

A list left scrolled to its end showed the next person a category's last services (or
an empty-looking page) when they opened the same one: ``enter`` found nothing new and
kept the list as it was. Ending the visit scrolls every screen's areas back to the top,
and the category list drops the pages the last person asked for with "Show more".
"""

from __future__ import annotations

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QPushButton

from kiosk.ui.navigation import data_screens
from kiosk.ui.screens.service_list import PAGE
from store import mirror
from tests.records import service_record

MORE = 5  # services beyond the first page, so "Show more" is offered


def scrolled(window) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Where each scrolling area on show stands (those that can scroll at all)."""
    return {
        area.objectName() or type(area).__name__: area.verticalScrollBar().value()
        for area in window.findChildren(QAbstractScrollArea)
        if area.isVisible() and area.verticalScrollBar().maximum() > 0
    }


def scroll_to_the_end(window) -> None:  # type: ignore[no-untyped-def]
    for area in window.findChildren(QAbstractScrollArea):
        if area.isVisible():
            area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())


def test_the_next_citizen_finds_a_category_at_its_top_and_first_page(
    qtbot, window, backend
) -> None:  # type: ignore[no-untyped-def]
    count = backend.catalog.category("silvercare", None).service_count
    extra = PAGE + MORE - count
    with backend.store.write() as session:
        mirror.upsert(
            session,
            "services",
            [service_record(f"s9{n:02}", f"Servizio lungo {n}") for n in range(max(extra, 0))],
        )
    window.go("category", {"category_id": "silvercare"})
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "showMore") is not None)
    window.findChild(QPushButton, "showMore").click()
    screen = window.screen_for("category")
    qtbot.waitUntil(lambda: len(screen._cards) > PAGE)
    QTest.qWait(100)  # the layout takes the new cards: the list can scroll further
    scroll_to_the_end(window)
    assert scrolled(window)["serviceList"] > 0, "the first citizen must have scrolled"

    window.visits.end()  # as when "Sei ancora lì?" runs out
    qtbot.waitUntil(lambda: window.current_route == "home")

    window.go("category", {"category_id": "silvercare"})
    QTest.qWait(300)
    assert set(scrolled(window).values()) <= {0}, scrolled(window)
    # Only the first page again, and "Show more" offered again.
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "showMore") is not None)
    assert len(screen._services) == PAGE


def test_a_long_service_page_opens_at_its_top_for_the_next_citizen(qtbot, window, backend) -> None:  # type: ignore[no-untyped-def]
    long = " ".join(["Descrizione lunga del servizio, riga di prova."] * 80)
    with backend.store.write() as session:
        mirror.upsert(session, "services", [service_record("s970", description={"it": long})])
    window.go("service", {"service_id": "s970"})
    QTest.qWait(300)
    scroll_to_the_end(window)
    assert any(scrolled(window).values()), "the page must scroll for this test"

    window.visits.end()
    qtbot.waitUntil(lambda: window.current_route == "home")
    window.go("service", {"service_id": "s970"})
    QTest.qWait(300)
    assert set(scrolled(window).values()) <= {0}, scrolled(window)


def test_every_screen_forgets_where_it_was_scrolled(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Whichever screen it is, and whichever scrolling area (a list, the body, a text
    box): a screen whose own ``forget`` does not call the shared one fails here."""
    for route in data_screens():
        window.screen_for(route)
    areas = [
        (route, area)
        for route, screen in window.navigation.screens.items()
        for area in screen.findChildren(QAbstractScrollArea)
    ]
    assert len(areas) > len(window.navigation.screens)
    for _, area in areas:
        bar = area.verticalScrollBar()
        bar.setRange(0, 500)  # as if its content were long; no layout pass runs meanwhile
        bar.setValue(400)

    window.visits.forget()

    left = [
        f"{route}: {area.objectName() or type(area).__name__}"
        for route, area in areas
        if area.verticalScrollBar().value() != 0
    ]
    assert left == []
