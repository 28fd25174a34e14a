# SPDX-License-Identifier: EUPL-1.2
"""What people type into form fields, read as answers; a scanner told from a person."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from kiosk.core.answer_input import amount_cents, amount_text, date_text, iso_date, whole_number
from kiosk.core.scanner import BurstDetector, looks_like_codice_fiscale
from kiosk.ui.scanner_input import ScannerInput
from kiosk.ui.widgets.form_fields import (
    DateField,
    FieldWidget,
    LineField,
    LongTextField,
    field_widget,
)
from languages import CODES


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("150", 15000),
        ("150,5", 15050),
        ("150,50", 15050),
        ("1.250,50", 125050),
        ("€ 1.250", 125000),
        ("1 250", 125000),
        ("0,99", 99),
        ("12.5", 1250),
        ("", None),
        ("  ", None),
        ("tanti", "tanti"),
        ("1,234", "1,234"),
        ("12.34.5", "12.34.5"),
        ("1,250.50", 125050),  # as the kiosk writes money in English, Arabic, Chinese
        ("€1,234,567.5", 123456750),
        ("1,250.5.0", "1,250.5.0"),
    ],
)
def test_amounts_are_read_the_italian_way(typed: str, cents: int | str | None) -> None:
    assert amount_cents(typed) == cents


@given(st.integers(min_value=0, max_value=10**11), st.sampled_from(CODES))
def test_an_amount_shown_again_reads_back_the_same(cents: int, lang: str) -> None:
    assert amount_cents(amount_text(cents, lang)) == cents


def test_an_amount_is_shown_again_as_the_language_writes_money() -> None:
    assert amount_text(125050) == "1.250,50" and amount_text(15000) == "150"
    assert amount_text(125050, "en") == "1,250.50" == amount_text(125050, "zh")
    assert amount_text(125000, "en") == "1,250.00"  # "1,250" alone would not be read
    assert amount_text(125050, "ro") == "1.250,50"
    assert amount_text(125050, "uk") == "1\u00a0250,50"


def test_a_money_field_shows_its_amount_again_in_the_language_chosen(qtbot: QtBot) -> None:
    field = shown_field(qtbot, {"name": "isee", "type": "money", "label": {"it": "ISEE"}})
    assert isinstance(field, LineField)
    field.retranslate("en")
    field.set_value(125050)
    assert field.input.text() == "1,250.50" and field.value() == 125050
    field.retranslate("it")  # shown by the kiosk: shown again the new language's way
    assert field.input.text() == "1.250,50" and field.value() == 125050
    field.input.setText("1250,5")  # typed by the citizen: stays as typed
    field.retranslate("en")
    assert field.input.text() == "1250,5" and field.value() == 125050


def test_dates_and_whole_numbers() -> None:
    assert iso_date("23/01/1941") == "1941-01-23" == iso_date("23.1.1941")
    assert iso_date("31/02/2020") == "31/02/2020"  # no such day: the form says so
    assert iso_date("") is None and iso_date("ieri") == "ieri"
    assert date_text("1941-01-23") == "23/01/1941" and date_text("ieri") == "ieri"
    assert whole_number(" 3 ") == 3 and whole_number("tre") == "tre" and whole_number("") is None


def test_a_fast_burst_ending_in_enter_is_a_scan_and_typing_is_not() -> None:
    scanner = BurstDetector()
    at = 100.0
    for char in "FRRNNA41A63E592W":
        assert scanner.feed(char, at) is None
        at += 0.004
    assert scanner.feed("\r", at) == "FRRNNA41A63E592W"
    person = BurstDetector()
    at = 200.0
    for char in "FRRNNA41A63E592W":
        person.feed(char, at)
        at += 0.15  # a person typing on a keyboard
    assert person.feed("\r", at) is None
    assert scanner.feed("\r", at + 1) is None  # Enter alone is not a scan
    short = BurstDetector()
    for i, char in enumerate("ABC"):
        short.feed(char, 300 + i * 0.004)
    assert short.feed("\n", 300.02) is None  # too short to be a code


def test_only_a_codice_fiscale_shaped_scan_reaches_the_form() -> None:
    assert looks_like_codice_fiscale("FRRNNA41A63E592W")
    assert not looks_like_codice_fiscale("8001234567890")  # a product's EAN
    assert not looks_like_codice_fiscale("FRRNNA41A63E592W1")


def test_a_code_39_scan_keeps_its_start_and_stop_marks_out(qtbot: QtBot, scans: list[str]) -> None:
    """Code 39 wraps the code in "*": the reader may send them too."""
    assert looks_like_codice_fiscale("*FRRNNA41A63E592W*")
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    scan("*FRRNNA41A63E592W*")
    assert scans == ["FRRNNA41A63E592W"] and field.text() == ""


BIRTH = {"name": "data_nascita", "type": "date", "required": True, "label": {"it": "Nato il"}}
REASON = {"name": "motivazione", "type": "long_text", "label": {"it": "Perché chiedi"}}
CF = "BNCMTT15B19G224I"  # its digits would fill a month box and then the year


@pytest.fixture
def scans(qapp: QApplication) -> Iterator[list[str]]:
    scanner = ScannerInput()
    read: list[str] = []
    scanner.scanned.connect(read.append)
    yield read
    scanner.detach()


def scan(text: str) -> None:
    """A keyboard-wedge scanner: no pause between keys, each typed where the focus is
    (which may move on meanwhile), then Enter."""
    for char in [*text, Qt.Key.Key_Return]:
        focus = QApplication.focusWidget()
        assert focus is not None
        QTest.keyClick(focus, char)


def shown_field(qtbot: QtBot, item: dict[str, Any]) -> FieldWidget:
    field = field_widget(item, {}, [], lambda _item, _value: "")
    assert field is not None
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


@pytest.mark.parametrize("box", [0, 1], ids=["day", "month"])
def test_a_scan_in_a_date_leaves_its_boxes_as_they_were(
    qtbot: QtBot, scans: list[str], box: int
) -> None:
    field = shown_field(qtbot, BIRTH)
    assert isinstance(field, DateField)
    day, month, _year = field.boxes
    day.setFocus()
    qtbot.waitUntil(day.hasFocus)
    QTest.keyClicks(day, "19")  # the focus moves on to the month by itself
    qtbot.waitUntil(month.hasFocus)
    field.boxes[box].setFocus()  # the citizen taps a box, then the card is read
    qtbot.waitUntil(field.boxes[box].hasFocus)
    qtbot.wait(80)  # a person's typing, then the card: a burst of its own
    scan(CF)
    assert [b.text() for b in field.boxes] == ["19", "", ""]
    assert field.boxes[box].hasFocus()  # not passed on to the next box
    assert scans == [CF]


def test_a_scan_in_a_long_text_leaves_its_text_as_it_was(qtbot: QtBot, scans: list[str]) -> None:
    """Someone's codice fiscale must not end up in the free text sent with the form."""
    field = shown_field(qtbot, REASON)
    assert isinstance(field, LongTextField)
    text = field.input
    assert isinstance(text, QPlainTextEdit)
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    QTest.keyClicks(text, "Ho perso")
    qtbot.wait(80)
    scan("RSSGPP38C12G224G")
    assert text.toPlainText() == "Ho perso" and field.value() == "Ho perso"
    assert text.hasFocus() and text.textCursor().position() == len("Ho perso")
    assert scans == ["RSSGPP38C12G224G"]
