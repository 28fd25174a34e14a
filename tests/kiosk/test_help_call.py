# SPDX-License-Identifier: EUPL-1.2
"""'Ask for help' calls this Social Point's welfare managers (the dashboard of this
kiosk, the platform, the desk's bell where there is one) and tells the citizen honestly
whether anybody could be reached."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import log_in, shows, tap
from tests.sync.conftest import Central

CALLED = "I welfare manager di questo Social Point sono stati chiamati"
NOBODY = "In questo momento da qui non è stato possibile chiamare nessuno"


def ask_for_help(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.help_button, Qt.MouseButton.LeftButton)


def test_online_the_call_reaches_the_platform_and_this_kiosks_dashboard(
    qtbot, kiosk, central: Central, snap
) -> None:
    window, _backend = kiosk
    ask_for_help(qtbot, window)
    qtbot.waitUntil(lambda: shows(window, CALLED), timeout=10_000)
    snap(window, "help-called")

    def on_the_platform() -> bool:
        return any(
            s.kind == "event" and (s.payload or {}).get("type") == "help_requested"
            for s in central.platform.submissions()
        )

    qtbot.waitUntil(on_the_platform, timeout=15_000)
    tap(qtbot, window, "Ho capito")
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: shows(window, "⚠ Un cittadino chiede aiuto"), timeout=5_000)
    snap(window, "dashboard-help")
    tap(qtbot, window, "Arrivo io")
    qtbot.waitUntil(lambda: not shows(window, "⚠ Un cittadino chiede aiuto"), timeout=5_000)


def test_offline_without_a_bell_nobody_is_said_to_be_called(
    qtbot, qapp, tmp_path: Path, snap
) -> None:
    settings = (
        '[sync]\nplatform_url = "http://127.0.0.1:9"\nenrollment_code = "code"\n'
        "interval_s = 3600\nconnect_timeout_s = 1\n"
    )
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path, settings))
    try:
        qtbot.waitUntil(lambda: "Senza rete" in window.sync_badge.text(), timeout=15_000)
        ask_for_help(qtbot, window)
        qtbot.waitUntil(lambda: shows(window, NOBODY), timeout=10_000)
        assert not shows(window, "sono stati chiamati")
        snap(window, "help-nobody")
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()


def test_the_desk_bell_rings_where_there_is_one(qtbot, qapp, tmp_path: Path) -> None:
    rung = tmp_path / "bell-rang"
    command = f"{sys.executable} -c \"open(r'{rung}', 'w').close()\""
    settings = (
        '[sync]\nplatform_url = "http://127.0.0.1:9"\nenrollment_code = "code"\n'
        "interval_s = 3600\nconnect_timeout_s = 1\n"
        f"[manager]\ndesk_bell_command = '''{command}'''\n"
    )
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path, settings))
    try:
        qtbot.waitUntil(lambda: "Senza rete" in window.sync_badge.text(), timeout=15_000)
        ask_for_help(qtbot, window)
        qtbot.waitUntil(lambda: shows(window, CALLED), timeout=10_000)  # the bell, offline
        assert rung.exists()
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()
