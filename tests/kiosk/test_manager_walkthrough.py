# SPDX-License-Identifier: EUPL-1.2
"""What a welfare manager in a hurry found on the dashboard."""

from __future__ import annotations

from tests.kiosk.test_manager_mode import log_in


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
