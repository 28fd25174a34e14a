# SPDX-License-Identifier: EUPL-1.2
"""The sync badge and live mirror updates, with the reference platform embedded."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from tests.kiosk.kiosks import embedded_platform
from tests.kiosk.people import choose_language, find_button, shows, tap
from tests.records import service_record


@contextmanager
def catalog_reads_on_the_ui_thread(backend) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """The statements on the catalog's tables the UI thread runs meanwhile."""
    found: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        on_ui_thread = threading.current_thread() is threading.main_thread()
        if on_ui_thread and ("services" in statement or "categories" in statement):
            found.append(statement)

    reader_engine = backend.store._reader
    event.listen(reader_engine, "before_cursor_execute", seen)
    try:
        yield found
    finally:
        event.remove(reader_engine, "before_cursor_execute", seen)


def test_badge_shows_online_and_the_last_sync(qtbot, synced, snap) -> None:
    window, _backend = synced
    qtbot.waitUntil(lambda: "● In linea" in window.sync_badge.text())
    assert "aggiornato alle" in window.sync_badge.text()
    snap(window, "badge-online")
    choose_language(qtbot, window, "English")
    qtbot.waitUntil(lambda: "● Online" in window.sync_badge.text())
    assert "synced at" in window.sync_badge.text()


def test_a_published_change_appears_on_screen(qtbot, synced, snap) -> None:
    window, backend = synced
    tap(qtbot, window, "Servizi")
    tap(qtbot, window, "Anziani")
    assert not shows(window, "Pranzo della domenica in compagnia")
    platform = embedded_platform(backend)
    platform.publish(
        "services",
        service_record("s50", "Pranzo della domenica in compagnia", category="silvercare"),
    )
    backend.sync.worker.wake()
    qtbot.waitUntil(lambda: shows(window, "Pranzo della domenica in compagnia"), timeout=10_000)
    assert window.current_route == "category"
    snap(window, "published-change")
    tap(qtbot, window, "Pranzo della domenica in compagnia")
    assert shows(window, "€ 10,00 / ora")


def test_records_waiting_show_on_the_badge_when_offline(qtbot, synced) -> None:
    window, backend = synced
    from store import outbox

    backend.sync.stop()  # the platform is gone: nobody answers at its address
    with backend.store.write() as session:
        outbox.add(session, "event", {"n": 1})
        outbox.add(session, "event", {"n": 2})
    worker = backend.sync.worker
    worker.run_pass()
    qtbot.waitUntil(lambda: "○ Senza rete" in window.sync_badge.text())
    assert "2 pratiche in attesa di invio" in window.sync_badge.text()
    find_button(window, "Chiedi aiuto")


def test_a_sync_updates_the_category_counts_in_the_same_tiles(qtbot, synced) -> None:
    window, backend = synced
    tap(qtbot, window, "Servizi")
    screen = window.screens["catalog"]
    tiles = list(screen._tiles)
    elderly = find_button(window, "Anziani")
    assert elderly in tiles
    count = int(elderly.lines()[1].split()[0])
    embedded_platform(backend).publish(
        "services", service_record("s51", "Ginnastica dolce", category="silvercare")
    )
    backend.sync.worker.wake()
    qtbot.waitUntil(lambda: elderly.lines()[1] == f"{count + 1} servizi", timeout=10_000)
    # Retexted, not rebuilt: a sync costs the screen no new widgets.
    assert all(now is before for now, before in zip(screen._tiles, tiles, strict=True))
    tap(qtbot, window, "Anziani")
    assert shows(window, "Ginnastica dolce")


def test_the_refresh_after_a_sync_reads_nothing_on_the_ui_thread(qtbot, synced) -> None:
    # At 100,000 services a category's counts and first page take 50-100 ms to read;
    # the sync worker reads them again before the screen refreshes, not the UI thread.
    window, backend = synced
    # The first sync's refresh comes first (nothing on show was asked before it).
    qtbot.waitUntil(lambda: backend.catalog._warmed_at > 0, timeout=10_000)
    qtbot.wait(100)
    tap(qtbot, window, "Servizi")
    tap(qtbot, window, "Anziani")
    with catalog_reads_on_the_ui_thread(backend) as reads:
        embedded_platform(backend).publish(
            "services", service_record("s52", "Lettura ad alta voce", category="silvercare")
        )
        backend.sync.worker.wake()
        qtbot.waitUntil(lambda: shows(window, "Lettura ad alta voce"), timeout=10_000)
    # The sync badge reads the outbox counts; the catalog screen reads nothing.
    assert reads == []
    # Once used, a warmed answer is not served again: the next visit reads afresh.
    tap(qtbot, window, "‹ Indietro")
    tap(qtbot, window, "Anziani")
    assert shows(window, "Lettura ad alta voce")


def test_the_search_read_again_after_a_sync_is_read_off_the_ui_thread(qtbot, synced) -> None:
    """The results of what the citizen typed are read again by the sync worker, with the
    rest of the screen's questions: the refresh takes the answer, the UI thread reads
    nothing."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    from tests.kiosk.people import shown

    window, backend = synced
    qtbot.waitUntil(lambda: backend.catalog._warmed_at > 0, timeout=10_000)
    qtbot.wait(100)
    tap(qtbot, window, "Servizi")
    field = shown(window, QLineEdit, "searchField")
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    QTest.keyClicks(field, "lettura")
    screen = window.screens["catalog"]
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.results_page)
    with catalog_reads_on_the_ui_thread(backend) as reads:
        embedded_platform(backend).publish(
            "services", service_record("s53", "Lettura dei giornali", category="silvercare")
        )
        backend.sync.worker.wake()
        qtbot.waitUntil(lambda: shows(window, "Lettura dei giornali"), timeout=10_000)
    assert reads == []
    assert screen.keyboard.isVisible() and field.text() == "lettura"
