# SPDX-License-Identifier: EUPL-1.2
"""What people type into form fields, read as answers; a scanner told from a person."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.answer_input import amount_cents, amount_text, date_text, iso_date, whole_number
from kiosk.core.scanner import BurstDetector, looks_like_codice_fiscale


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
    ],
)
def test_amounts_are_read_the_italian_way(typed: str, cents: int | str | None) -> None:
    assert amount_cents(typed) == cents


@given(st.integers(min_value=0, max_value=10**11))
def test_an_amount_shown_again_reads_back_the_same(cents: int) -> None:
    assert amount_cents(amount_text(cents)) == cents


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
