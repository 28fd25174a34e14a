# SPDX-License-Identifier: EUPL-1.2
"""Validators of Italian identifiers: the codes citizens really have, the mistakes they
really make, and any text at all."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum.it import codicefiscale as stdnum_cf

from forms.validators import (
    VALIDATORS,
    AnswerError,
    cap,
    codice_fiscale,
    email,
    iban_it,
    message,
    phone,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("FRRNNA41A63E592W", "FRRNNA41A63E592W"),  # Anna Ferraro, Limena
        ("ppslne90p48z129e", "PPSLNE90P48Z129E"),  # typed in lower case, born in Romania
        ("LMR YSF 85D30 Z330G", "LMRYSF85D30Z330G"),  # with spaces
        ("*BNCMTT15B19G224I*", "BNCMTT15B19G224I"),  # Code 39 from the Tessera Sanitaria
    ],
)
def test_real_codici_fiscali_are_accepted_and_normalised(typed: str, expected: str) -> None:
    assert codice_fiscale(typed) == expected


def test_an_omocodic_code_is_accepted() -> None:
    # The last digit of the place code replaced by its letter (2 -> N), check recomputed.
    base = "FRRNNA41A63E59N"
    omocodic = base + stdnum_cf.calc_check_digit(base)
    assert codice_fiscale(omocodic) == omocodic


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("FRRNNA41A63E592X", "cf_checksum"),
        ("FRRNNA41A63E592", "cf_length"),
        ("12345678903", "cf_length"),  # a company's number is not a person's code
        ("FRRNNA41Z63E592W", "cf_format"),  # no month Z
        ("FRRNNA41A72E592" + stdnum_cf.calc_check_digit("FRRNNA41A72E592"), "cf_date"),
    ],
)
def test_wrong_codici_fiscali_say_what_to_check(typed: str, code: str) -> None:
    with pytest.raises(AnswerError) as refused:
        codice_fiscale(typed)
    assert refused.value.code == code


def test_a_wrong_check_letter_blames_no_one_character() -> None:
    # "FRRNNA41A63E592W" with the birth day's digits typed wrong ("36" for "63") fails the
    # same check as a wrong 16th letter: the message must not send the citizen to it.
    for typed in ("FRRNNA41A36E592W", "FRRNNA41A63E592X"):
        with pytest.raises(AnswerError) as refused:
            codice_fiscale(typed)
        assert refused.value.code == "cf_checksum"
    assert "16" not in message("cf_checksum", "it") and "16" not in message("cf_checksum", "en")
    assert "tessera sanitaria" in message("cf_checksum", "it")


def test_italian_ibans_check_digits_and_cin() -> None:
    assert iban_it("it60 x054 2811 1010 0000 0123 456") == "IT60X0542811101000000123456"
    with pytest.raises(AnswerError, match="iban_checksum"):
        iban_it("IT60X0542811101000000123457")
    # A wrong CIN with recomputed check digits passes the ISO check, not ours.
    bban = "Y0542811101000000123456"
    forged = "IT" + stdnum_iban.calc_check_digits("IT00" + bban) + bban
    assert stdnum_iban.is_valid(forged)
    with pytest.raises(AnswerError, match="iban_cin"):
        iban_it(forged)
    with pytest.raises(AnswerError, match="iban_format"):
        iban_it("DE89370400440532013000")


def test_phones_emails_and_caps() -> None:
    assert phone("347 123 4567") == "+393471234567"
    assert phone("+39 049 123 4567") == "+390491234567"
    assert phone("0039 049-8765432") == "+390498765432"
    for wrong in ("12345", "+33 1 23 45", "347 12", "telefono", "+40 000 000 000"):
        with pytest.raises(AnswerError):
            phone(wrong)
    assert email(" maria.rossi@comune.limena.pd.it ") == "maria.rossi@comune.limena.pd.it"
    for wrong in ("maria", "maria@", "@comune.it", "maria rossi@comune.it", "a@b"):
        with pytest.raises(AnswerError):
            email(wrong)
    assert cap("35016") == "35016"
    with pytest.raises(AnswerError):
        cap("3501")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("+40 721 234 567", "+40721234567"),  # a Romanian mobile
        ("0040 21 312 3456", "+40213123456"),  # a Bucharest landline, with 00
        ("+373 69 123 456", "+37369123456"),  # Moldova
        ("+212 6 12 34 56 78", "+212612345678"),  # Morocco
        ("+355 69 123 4567", "+355691234567"),  # Albania
        ("+380 67 123 4567", "+380671234567"),  # Ukraine
        ("+86 139 1234 5678", "+8613912345678"),  # China
        ("+33 1 23 45 67 89", "+33123456789"),  # France
    ],
)
def test_phone_numbers_of_any_country_are_accepted_in_e164(typed: str, expected: str) -> None:
    assert phone(typed) == expected


@pytest.mark.parametrize("lang", ["it", "en", "ro", "ar", "sq", "uk", "zh"])
def test_validator_messages_come_in_every_language(lang: str) -> None:
    english = message("cf_checksum", "en")
    shown = message("cf_checksum", lang)
    assert shown and (shown != english) == (lang != "en")


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(VALIDATORS)), st.text(max_size=40))
def test_any_text_is_accepted_only_when_valid(name: str, text: str) -> None:
    try:
        value = VALIDATORS[name](text)
    except AnswerError as refused:
        assert message(refused.code, "it") and message(refused.code, "en")
        return
    if name == "codice_fiscale":
        assert stdnum_cf.is_valid(value) and len(value) == 16
    if name == "iban_it":
        assert stdnum_iban.is_valid(value)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 14), st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
def test_any_single_changed_character_of_a_code_is_caught(position: int, char: str) -> None:
    real = "FRRNNA41A63E592W"
    changed = real[:position] + char + real[position + 1 :]
    if changed == real:
        return
    with pytest.raises(AnswerError):
        codice_fiscale(changed)
