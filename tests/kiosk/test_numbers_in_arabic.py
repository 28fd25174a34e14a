# SPDX-License-Identifier: EUPL-1.2
"""Numbers written in groups ("347 123 4567") read as typed inside Arabic sentences: on
their own, Qt lays each group out apart and their order reverses ("4567 123 347")."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextLine, QTextOption
from PySide6.QtWidgets import QApplication, QLabel

from forms.validators import MESSAGES, message
from kiosk.core.wallet import WalletVoucher
from languages import CODES, LEFT_TO_RIGHT_ISOLATE, numbers_left_to_right
from vouchers.codes import human_code


def groups_on_screen(text: str, pattern: str = r"\d+") -> list[str]:
    """The digit groups (or ``pattern``'s runs) of ``text`` from left to right, as Qt
    lays out a right-to-left paragraph (each placed by its first character's trailing
    edge)."""
    layout = QTextLayout(text, QFont("Noto Sans Arabic", 20))
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(5000)
    layout.endLayout()
    placed = [(_x_of(line, m.start() + 1), m.group()) for m in re.finditer(pattern, text)]
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


def test_a_voucher_s_code_and_date_read_as_printed_in_arabic(qtbot, qapp, window, snap) -> None:  # type: ignore[no-untyped-def]
    """My vouchers in Arabic: the code and the date are kept left to right. A code whose
    first group is all digits showed "9255-CRYV-D1BQ-K6" as "CRYV-D1BQ-K6-9255"."""
    code = human_code(bytes.fromhex("9114acc7b6d0aef3"))
    assert code == "9255-CRYV-D1BQ-K6"
    day = dt.date(2026, 12, 31)
    voucher = WalletVoucher(
        "v1", "Buoni spesa 2026", "Comune", 15_000, None, day, day, code, "", None
    )
    window.ctx.switcher.set_language("ar")
    window.go("wallet")
    screen = window.screens["wallet"]
    screen.show_vouchers([voucher])
    line = next(t for t in screen.findChildren(QLabel) if t.isVisible() and code in t.text())
    shown = groups_on_screen(line.text(), r"[0-9A-Z]+")
    start = shown.index("9255")
    assert shown[start : start + 4] == ["9255", "CRYV", "D1BQ", "K6"], (line.text(), shown)
    start = shown.index("31")
    assert shown[start : start + 3] == ["31", "12", "2026"], (line.text(), shown)
    snap(window, "wallet-ar")
