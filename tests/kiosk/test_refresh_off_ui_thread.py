# SPDX-License-Identifier: EUPL-1.2
"""After a sync changed the mirror, the screen on show is drawn again from answers the
sync worker read: the UI thread runs no catalog query (at 100,000 services one took
50 to 100 ms, with the screen frozen)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine, event

from tests.kiosk.kiosks import embedded_platform
from tests.kiosk.people import shows
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
