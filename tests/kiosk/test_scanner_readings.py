# SPDX-License-Identifier: EUPL-1.2
"""A barcode scanner's reading is data, wherever it lands (README, "Barcode scanner"):
never lost to a guard meant for a person's presses, never a shortcut.

The keys here carry a device's timestamps, as a keypad's and a scanner's do (the
double-tap guard reads them), and come at a scanner's pace: no pause between them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.apply_wizard import Step
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.apply import ApplyScreen
from kiosk.ui.tasks import TaskRunner
from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import opened, prefilled

CF = "FRRNNA41A63E592W"


@pytest.fixture
def offline(qtbot, qapp, tmp_path: Path) -> Iterator[tuple[MainWindow, Any, TaskRunner]]:  # type: ignore[no-untyped-def]
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path))
    yield window, backend, tasks
    tasks.shutdown()
    backend.close()
    window.ctx.switcher.detach()


def now_ms() -> int:
    return int(time.monotonic() * 1000)


def send_key(key: int, text: str = "") -> None:
    """One key pressed and let go where the focus is, stamped with the time as a
    device stamps it."""
    target = QApplication.focusWidget()
    assert target is not None
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(now_ms())
        QApplication.sendEvent(target, event)


def scan(text: str) -> None:
    """A keyboard-wedge scanner: each character at once after the last, then Enter."""
    for char in text:
        send_key(ord(char.upper()), char)
    send_key(Qt.Key.Key_Return, "\r")
    QApplication.processEvents()


def keypad_ok(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    """A keypad user's OK on ``button``."""
    qtbot.wait(150)  # a person: well after any key before
    button.setFocus(Qt.FocusReason.TabFocusReason)
    send_key(Qt.Key.Key_Return, "\r")
    QApplication.processEvents()


def test_a_card_read_right_after_ok_changed_the_button_fills_the_field(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    """OK on "I have read it" shows the first page, the button now "Next ›" under the
    focus; the card passed over the reader at once is read into the codice fiscale,
    not dropped as the second press of a double tap."""
    window, _backend, _tasks = offline
    window.navigator.used = True
    window.go("calls")
    window.go("apply", {"call_id": "bs-piazzola"})
    screen = opened(window)
    assert isinstance(screen, ApplyScreen) and screen.step == Step.NOTICE
    keypad_ok(qtbot, screen.next_button)
    assert screen.step == Step.PAGE and screen.next_button.hasFocus()
    scan(CF)  # within the double tap’s 400 ms
    field = screen.widgets["cf"]
    assert field.value() == CF


def test_a_double_ok_is_still_held_back_with_the_reader_in_front(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    """The reader goes before the double-tap guard, and leaves a person's keys to it."""
    window, _backend, _tasks = offline
    window.navigator.used = True
    screen = prefilled(window, page=4)
    screen.draft.notice_read = True
    screen.wizard.go_to_page(4)
    screen._render()
    keypad_ok(qtbot, screen.next_button)
    assert screen.step == Step.REVIEW and screen.next_button.text() == "Invia la domanda"
    qtbot.wait(120)  # OK pressed twice
    screen.next_button.setFocus(Qt.FocusReason.TabFocusReason)
    send_key(Qt.Key.Key_Return, "\r")
    assert screen.step == Step.REVIEW
