# SPDX-License-Identifier: EUPL-1.2
"""'Ask for help' calls this Social Point's welfare managers (the dashboard of this
kiosk, the platform, the desk's bell where there is one) and tells the citizen honestly
whether anybody could be reached."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from kiosk.core.help_call import HelpCall
from kiosk.ui import main_window
from store.models import OutboxEntry
from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import listen, log_in, shows, tap
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


def held(window: QWidget, key: Qt.Key, repeats: int = 30) -> None:
    """A key held down about a second, as a keypad sends it: one press, then the
    keyboard's auto-repeat (30 a second), then the release."""
    target = QApplication.focusWidget() or window
    QApplication.sendEvent(
        target, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
    )
    for _ in range(repeats):
        repeat = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, "", True)
        QApplication.sendEvent(QApplication.focusWidget() or window, repeat)
        QApplication.processEvents()
    release = QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(QApplication.focusWidget() or window, release)
    QApplication.processEvents()


def calls_of(window) -> list[None]:  # type: ignore[no-untyped-def]
    calls: list[None] = []
    window.help_asked.connect(lambda: calls.append(None))
    return calls


def test_the_help_key_held_down_calls_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Held for a second, the help key called the managers thirty times (one
    help_requested event and one ring of the bell for each repeat of the key)."""
    listen(window)
    window.spoken.start()  # spoken mode on: the help key asks for help
    calls = calls_of(window)
    held(window, Qt.Key.Key_F1)
    assert len(calls) == 1 and window.overlay.isVisible()


def test_the_help_key_held_down_first_starts_spoken_mode_only(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    listen(window)
    calls = calls_of(window)
    held(window, Qt.Key.Key_F1)
    assert window.spoken.on and not calls  # its repeats are not the "next" press


def test_asked_again_while_the_help_shows_or_just_after_nobody_is_called_again(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    speaker = listen(window)
    window.spoken.start()  # spoken mode on: the help key asks for help
    calls = calls_of(window)
    window.show_help()
    window.show_help_outcome(HelpCall(True, True, False))
    assert len(calls) == 1
    qtbot.wait(400)  # the message is said once it shows
    said = len(speaker.texts())
    qtbot.keyClick(window, Qt.Key.Key_F1)  # again, while the message shows
    assert len(calls) == 1 and window.overlay.isVisible()
    assert shows(window, CALLED)  # the call made, not "Calling…" again
    assert any("sono stati chiamati" in t for t in speaker.texts()[said:])  # heard again
    tap(qtbot, window, "Ho capito")
    qtbot.mouseClick(window.help_button, Qt.MouseButton.LeftButton)  # just after
    assert len(calls) == 1 and shows(window, CALLED)
    tap(qtbot, window, "Ho capito")
    monkeypatch.setattr(main_window, "HELP_AGAIN_S", 0.0)  # a while later: a new call
    ask_for_help(qtbot, window)
    assert len(calls) == 2


def test_a_call_that_failed_or_the_next_visit_calls_again(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    calls = calls_of(window)
    window.show_help()
    window.show_help_outcome(HelpCall(False, False, False))  # not even recorded
    ask_for_help(qtbot, window)
    assert len(calls) == 2
    window.show_help_outcome(HelpCall(True, False, True))
    tap(qtbot, window, "Ho capito")
    window.visits.end()  # the citizen left: the next one's call is their own
    ask_for_help(qtbot, window)
    assert len(calls) == 3


def test_the_back_key_held_down_goes_back_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for route in ("catalog", "calls", "wallet"):
        window.go(route, {})
    held(window, Qt.Key.Key_Escape)
    assert window.current_route == "calls"


def test_held_on_a_real_kiosk_one_event_and_one_ring(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rings = tmp_path / "rings"
    command = f"{sys.executable} -c \"open(r'{rings}', 'a').write('ring\\n')\""
    settings = (
        '[sync]\nplatform_url = "http://127.0.0.1:9"\nenrollment_code = "code"\n'
        "interval_s = 3600\nconnect_timeout_s = 1\n"
        f"[manager]\ndesk_bell_command = '''{command}'''\n"
    )
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path, settings))
    try:
        listen(window)
        window.spoken.start()
        held(window, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: shows(window, CALLED), timeout=10_000)  # the bell, offline
        held(window, Qt.Key.Key_Help)  # and again while the message shows
        qtbot.wait(500)
        with backend.store.read() as session:
            events = session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == "event"))
            asked = [p for p in events if p.get("type") == "help_requested"]
        assert len(asked) == 1
        assert rings.read_text().splitlines() == ["ring"]
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()
