# SPDX-License-Identifier: EUPL-1.2
"""Back to a category after a sync pass that ran while a service was on show: every
page the citizen had loaded is read again, not only the first."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from kiosk.ui.screens.service_list import PAGE
from store import mirror
from tests.records import service_record


def test_back_to_a_category_after_a_sync_shows_the_second_page_as_it_is_now(  # type: ignore[no-untyped-def]
    qtbot, window, backend
) -> None:
    with backend.store.write() as session:  # "Z..." titles: after the first page
        extra = [service_record(f"z{n:02}", f"Zz servizio {n:02}") for n in range(PAGE + 5)]
        mirror.upsert(session, "services", extra)
    window.go("category", {"category_id": "silvercare"})
    screen = window.screens["category"]
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QPushButton, "showMore"))
    )
    screen._more.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(screen._services) > PAGE)  # type: ignore[attr-defined]
    last = screen._services[-1]  # type: ignore[attr-defined]  # on the second page
    first = screen._services[0]  # type: ignore[attr-defined]
    window.go("service", {"service_id": first.id})
    with backend.store.write() as session:  # a sync pass while the service is on show
        mirror.remove(session, "services", [last.id])
        mirror.upsert(session, "services", [service_record("z99", "Zz servizio nuovo")])
    window.refresh()  # what the sync bridge calls after a pass that changed the mirror
    window.back()

    def shown_ids() -> list[str]:
        return [card.service_id for card in screen._cards if card.isVisible()]  # type: ignore[attr-defined]

    qtbot.waitUntil(lambda: last.id not in shown_ids() and "z99" in shown_ids())
    assert shown_ids()[0] == first.id  # the first page as it was
