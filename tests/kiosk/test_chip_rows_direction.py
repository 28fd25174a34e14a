# SPDX-License-Identifier: EUPL-1.2
"""Rows of chips that go on to new lines (FlowLayout) start on the reading side: in
Arabic the search screen's "For residents of:" stood at the far left of the Comuni's
chips, after the chips it names, as the row was always laid out from the left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QFrame, QWidget

from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.widgets.flow import FlowLayout
from tests.conftest import SCREENSHOT_DIR


@pytest.mark.parametrize("lang", list(LANGUAGE_NAMES))
def test_the_label_before_the_comuni_chips_is_on_the_reading_side(  # type: ignore[no-untyped-def]
    qtbot, qapp, window, lang: str
) -> None:
    window.ctx.switcher.set_language(lang)
    window.go("catalog", {})
    qtbot.wait(10)
    screen = window.stack.currentWidget()
    row, label = screen.comune_row, screen.comune_label
    chips = [chip for chip in screen.comune_chips.values() if chip.isVisible()]
    first_line = [
        chip for chip in chips if chip.geometry().center().y() == label.geometry().center().y()
    ]
    rtl = row.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert rtl == (lang == "ar")
    if rtl:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SCREENSHOT_DIR / f"chip-row-{lang}.png"))
        assert label.geometry().right() == row.contentsRect().right(), label.geometry()
        assert all(chip.geometry().right() < label.geometry().left() for chip in first_line)
    else:
        assert label.geometry().left() == row.contentsRect().left(), label.geometry()
        assert all(chip.geometry().left() > label.geometry().right() for chip in first_line)
    assert first_line, "no chip on the label's line"


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_a_flow_of_chips_follows_the_layout_direction_on_every_line(qtbot, direction) -> None:  # type: ignore[no-untyped-def]
    row = QWidget()
    qtbot.addWidget(row)
    row.setLayoutDirection(direction)
    flow = FlowLayout(row, spacing=10)
    chips = [QFrame() for _ in range(6)]  # of a size no style sheet changes
    for chip in chips:
        chip.setFixedSize(100, 40)
        flow.addWidget(chip)
    flow.setGeometry(QRect(0, 0, 340, flow.heightForWidth(340)))  # three chips a line
    lines = [chips[:3], chips[3:]]
    for line in lines:
        xs = [chip.geometry().x() for chip in line]
        if direction == Qt.LayoutDirection.RightToLeft:
            assert line[0].geometry().right() == 339
            assert xs == sorted(xs, reverse=True)  # each chip to the left of the one before
        else:
            assert line[0].geometry().left() == 0
            assert xs == sorted(xs)
