# SPDX-License-Identifier: EUPL-1.2
"""The start-up work that waits for the first frame waits for a real paint."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.ui.application import FirstPaint


def test_the_first_paint_calls_once_after_painting(qtbot) -> None:
    shown = QLabel("Social Point")
    qtbot.addWidget(shown)
    painted: list[bool] = []
    FirstPaint(shown, lambda: painted.append(shown.windowHandle().isExposed()), fallback_ms=60_000)
    assert painted == []  # not before show()
    shown.show()
    qtbot.waitUntil(lambda: painted == [True])
    shown.repaint()
    qtbot.wait(50)
    assert painted == [True]  # once


def test_a_window_never_painted_still_gets_its_start_up(qtbot) -> None:
    hidden = QLabel("never shown")
    qtbot.addWidget(hidden)
    called: list[bool] = []
    FirstPaint(hidden, lambda: called.append(True), fallback_ms=100)
    qtbot.waitUntil(lambda: called == [True], timeout=2000)
