# SPDX-License-Identifier: EUPL-1.2
"""What a welfare manager in a hurry found on the dashboard."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import log_in, shows, tap


def test_the_dashboard_keeps_its_scroll_position_on_refresh(qtbot, kiosk, snap) -> None:
    window, _backend = kiosk
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=5_000)
    desk = window.screens["manager"]
    qtbot.waitUntil(lambda: desk.facts is not None, timeout=5_000)
    bar = desk.right.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    where = bar.value()
    assert where > 0
    desk.show_facts(desk.facts)  # what every refresh (each sync, each action) does
    qtbot.wait(50)
    assert bar.value() == where
    snap(window, "dashboard-scrolled")


def test_sync_now_says_how_it_went(qtbot, kiosk) -> None:
    window, _backend = kiosk
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=5_000)
    tap(qtbot, window, "Sincronizza ora")
    qtbot.waitUntil(lambda: shows(window, "Sincronizzazione riuscita"), timeout=15_000)


def test_sync_now_says_when_it_failed(qtbot, qapp, tmp_path: Path) -> None:
    settings = (
        '[sync]\nplatform_url = "http://127.0.0.1:9"\nenrollment_code = "code"\n'
        "interval_s = 3600\nconnect_timeout_s = 1\n"
    )
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path, settings))
    try:
        qtbot.waitUntil(lambda: "Senza rete" in window.sync_badge.text(), timeout=15_000)
        log_in(qtbot, window)
        qtbot.waitUntil(lambda: window.current_route == "manager", timeout=5_000)
        tap(qtbot, window, "Sincronizza ora")
        qtbot.waitUntil(lambda: shows(window, "La sincronizzazione non è riuscita"), timeout=15_000)
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()
