# SPDX-License-Identifier: EUPL-1.2
"""Switch access: one switch with the kiosk scanning, or two switches (move, choose).

A switch interface is a USB keyboard of one or two keys: the test presses those keys
as the interface sends them. The scan's steps are taken by hand (``next``), as the
timer would, so that nothing waits on the clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.boot.config import SwitchSettings
from kiosk.ui.switch_scanning import SwitchScanner


def switch(qtbot, window, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, key)
    QApplication.processEvents()


def focused_name() -> str:
    focus = QApplication.focusWidget()
    return focus.objectName() if focus is not None else ""


def test_one_switch_the_kiosk_scans_and_the_switch_chooses(qtbot, window, snap) -> None:
    window.visits.end()
    scanner = SwitchScanner(window, window.navigator, SwitchSettings("one", 1500))
    window.visit_ended.connect(scanner.stop)
    switch(qtbot, window, Qt.Key.Key_Space)  # the first press starts scanning
    assert scanner.scanning and scanner.timer.isActive()
    assert focused_name() == "servicesTile" and window.navigator.ring.isVisible()
    scanner.timer.timeout.emit()  # the interval passes: the highlight moves on
    assert focused_name() == "callsTile"
    snap(window, "scanning-highlight-on-calls")
    switch(qtbot, window, Qt.Key.Key_Space)  # the switch chooses what is highlighted
    qtbot.waitUntil(lambda: window.current_route == "calls")
    qtbot.waitUntil(lambda: window.stack.currentWidget().isAncestorOf(QApplication.focusWidget()))
    assert scanner.timer.isActive()  # and scanning goes on in the new screen
    window.visits.end()
    assert not scanner.scanning and not scanner.timer.isActive()


def test_two_switches_one_moves_the_other_chooses(qtbot, window) -> None:
    window.visits.end()
    scanner = SwitchScanner(window, window.navigator, SwitchSettings("two", 1500))
    switch(qtbot, window, Qt.Key.Key_Space)
    assert focused_name() == "servicesTile" and not scanner.timer.isActive()
    switch(qtbot, window, Qt.Key.Key_Space)  # move
    assert focused_name() == "callsTile"
    switch(qtbot, window, Qt.Key.Key_Return)  # choose
    qtbot.waitUntil(lambda: window.current_route == "calls")


def test_the_scanning_setting_is_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from kiosk.boot.config import ConfigError
    from tests.conftest import make_config

    config = make_config(tmp_path, '[switches]\nscanning = "one"\ninterval_ms = 2000')
    assert config.switches == SwitchSettings("one", 2000)
    assert make_config(tmp_path).switches.scanning == "off"
    with pytest.raises(ConfigError, match=r"switches\.interval_ms"):
        make_config(tmp_path, "[switches]\ninterval_ms = 50")
