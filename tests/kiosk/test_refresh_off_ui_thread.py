# SPDX-License-Identifier: EUPL-1.2
"""After a sync changed the mirror, the screen on show is drawn again from answers the
sync worker read: the UI thread runs no catalog query (at 100,000 services one took
50 to 100 ms, with the screen frozen)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine, event

from kiosk.boot.paths import DEMO_DATASET
from tests.kiosk.kiosks import embedded_platform
from tests.kiosk.people import shows
from tests.kiosk.shopping import add_to_cart
from tests.records import service_record


@contextmanager
def statements_on_ui_thread() -> Iterator[list[str]]:
    """Every SQL statement any store runs on the UI thread while the block runs."""
    seen: list[str] = []
    ui_thread = threading.main_thread()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.current_thread() is ui_thread:
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


@pytest.mark.parametrize(
    ("route", "params"),
    [
        ("catalog", {}),
        ("category", {"category_id": "silvercare", "comune_id": "piazzola"}),
        ("category", {"category_id": "silvercare", "comune_id": ""}),
        ("calls", {}),
    ],
)
def test_a_sync_leaves_no_catalog_query_to_the_ui_thread(
    qtbot,
    synced,
    route: str,
    params: dict[str, str],
) -> None:
    window, backend = synced
    worker = backend.sync.worker
    qtbot.waitUntil(lambda: "●" in window.sync_badge.text(), timeout=15_000)
    worker.stop()  # the first pass is over; the next one runs below, on its own thread
    QApplication.processEvents()  # the refresh the first pass asked for
    window.go(route, params)
    refreshed = []
    window.screen_refreshed.connect(refreshed.append)
    title = "Pranzo della domenica in compagnia"
    embedded_platform(backend).publish(
        "services", service_record("s50", title, category="silvercare")
    )
    with statements_on_ui_thread() as seen:
        sync = threading.Thread(target=worker.run_pass)  # as the sync worker runs it
        sync.start()
        qtbot.waitUntil(lambda: bool(refreshed), timeout=15_000)
        sync.join()
    assert seen == []
    if route == "category":
        assert shows(window, title)


def demo_service(service_id: str, **changes: Any) -> dict[str, Any]:
    services = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))["services"]
    return {**next(s for s in services if s["id"] == service_id), **changes}


@pytest.mark.parametrize(
    ("route", "params"),
    [("cart", {}), ("service", {"service_id": "s02"}), ("catalog", {})],
)
def test_a_cart_follows_a_sync_with_no_query_on_the_ui_thread(
    qtbot,
    synced,
    route: str,
    params: dict[str, str],
) -> None:
    """The cart's services are read again with the screen's questions, on the sync's side,
    however many other questions (searches typed) came between two passes."""
    window, backend = synced
    worker = backend.sync.worker
    qtbot.waitUntil(lambda: "●" in window.sync_badge.text(), timeout=15_000)
    worker.stop()
    QApplication.processEvents()
    add_to_cart(qtbot, window, "s01")
    catalog = window.catalog
    assert catalog is not None
    for typed in range(catalog.RECENT + 1):  # the cart's question is the oldest by far
        catalog.find(f"parola{typed}", None)
    window.go(route, params)
    refreshed = []
    window.screen_refreshed.connect(refreshed.append)
    embedded_platform(backend).publish("services", demo_service("s01", price_cents=1700))
    with statements_on_ui_thread() as seen:
        sync = threading.Thread(target=worker.run_pass)
        sync.start()
        qtbot.waitUntil(lambda: bool(refreshed), timeout=15_000)
        sync.join()
    assert seen == [], seen
    assert "€ 17,00" in window.cart_button.text()


def test_a_category_with_pages_shown_by_show_more_is_drawn_again_from_warm_answers(
    qtbot, synced
) -> None:  # type: ignore[no-untyped-def]
    """The pages asked for with "Show more" are kept after a sync pass, and read again
    as they were asked, one by one: each is a warm answer, none a new question for the
    UI thread (read in one, all of them was a question never asked before)."""
    window, backend = synced
    worker = backend.sync.worker
    qtbot.waitUntil(lambda: "●" in window.sync_badge.text(), timeout=15_000)
    worker.stop()
    platform = embedded_platform(backend)
    for n in range(45):
        platform.publish(
            "services", service_record(f"s{100 + n}", f"Visita {n:02d}", category="silvercare")
        )
    worker.run_pass()
    QApplication.processEvents()
    window.go("category", {"category_id": "silvercare", "comune_id": ""})
    screen = window.screens["category"]
    for _ in range(2):  # two more pages
        qtbot.waitUntil(lambda: screen._more is not None and screen._more.isVisible())
        loaded = len(screen._services)
        screen._more.click()
        qtbot.waitUntil(lambda n=loaded: len(screen._services) > n)
    loaded = len(screen._services)
    assert loaded > 40
    refreshed = []
    window.screen_refreshed.connect(refreshed.append)
    platform.publish("services", service_record("s99", "Pranzo insieme", category="silvercare"))
    with statements_on_ui_thread() as seen:
        sync = threading.Thread(target=worker.run_pass)
        sync.start()
        qtbot.waitUntil(lambda: bool(refreshed), timeout=15_000)
        sync.join()
    assert seen == []
    assert len(screen._services) >= loaded
    # Back from a service, nothing new at the top: one page read on the tap, not all.
    window.go("service", {"service_id": screen._services[-1].id})
    with statements_on_ui_thread() as seen:
        window.back()
    assert sum("OFFSET" in statement for statement in seen) == 1, seen
    assert len(screen._services) >= loaded
