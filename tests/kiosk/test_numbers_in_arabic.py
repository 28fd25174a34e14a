# SPDX-License-Identifier: EUPL-1.2
"""Numbers written in groups ("347 123 4567") read as typed inside Arabic sentences: on
their own, Qt lays each group out apart and their order reverses ("4567 123 347")."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextLine, QTextOption
from PySide6.QtWidgets import QApplication

from forms.validators import MESSAGES, message
from languages import CODES, LEFT_TO_RIGHT_ISOLATE, numbers_left_to_right


def groups_on_screen(text: str) -> list[str]:
    """The digit groups of ``text`` from left to right, as Qt lays out a right-to-left
    paragraph (each group placed by its first digit's trailing edge)."""
    layout = QTextLayout(text, QFont("Noto Sans Arabic", 20))
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(5000)
    layout.endLayout()
    placed = [(_x_of(line, m.start() + 1), m.group()) for m in re.finditer(r"\d+", text)]
    return [group for _x, group in sorted(placed)]


def _x_of(line: QTextLine, cursor: int) -> float:
    placed: tuple[float, int] = line.cursorToX(cursor)  # type: ignore[assignment]
    return placed[0]  # PySide6 answers (x, cursor)


def test_every_validator_message_keeps_its_grouped_numbers_in_order_in_arabic(
    qapp: QApplication,
) -> None:
    for code in MESSAGES:
        text = message(code, "ar")
        for number in re.findall(r"\+?\d+(?:[ \u00a0]\d+)+", text):
            groups = re.findall(r"\d+", number)
            shown = groups_on_screen(text)
            start = shown.index(groups[0])
            assert shown[start : start + len(groups)] == groups, (code, text, shown)


@pytest.mark.parametrize("lang", CODES)
def test_only_right_to_left_languages_get_isolates(lang: str) -> None:
    text = "come 347 123 4567 o +40 721 234 567, CAP 35016"
    made = numbers_left_to_right(text, lang)
    if lang == "ar":
        assert made.count(LEFT_TO_RIGHT_ISOLATE) == 2 and "35016" in made
    else:
        assert made == text


def test_the_phone_field_s_hint_reads_as_typed_in_arabic(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.widgets.form_fields import LineField, field_widget

    window.ctx.switcher.set_language("ar")
    field = field_widget(
        {"name": "telefono", "type": "phone", "label": {"it": "Telefono"}}, {}, [], lambda *_: ""
    )
    assert isinstance(field, LineField)
    qtbot.addWidget(field)
    field.retranslate("ar")
    hint = field.hint.text()
    assert re.search(r"\d+ \d+", hint), hint
    for number in re.findall(r"\+?\d+(?: \d+)+", hint):
        groups = re.findall(r"\d+", number)
        shown = groups_on_screen(hint)
        start = shown.index(groups[0])
        assert shown[start : start + len(groups)] == groups, (hint, shown)
