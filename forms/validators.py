# SPDX-License-Identifier: EUPL-1.2
"""Validators of Italian identifiers and contacts, with messages a citizen understands.

Check digits come from python-stdnum (never written by hand here). Each validator
takes the text as typed (or as a barcode scanner sent it), returns the normalised value,
or raises ``AnswerError`` with a message code; ``message(code, lang)`` gives the sentence in
the citizen's language, from the shared catalogs (``languages.catalog``). Phone numbers
of any country are parsed by ``phonenumbers`` (Google's libphonenumber metadata).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale

from languages import numbers_left_to_right
from languages.catalog import QT_TRANSLATE_NOOP, translate

MESSAGES = {
    "cf_length": QT_TRANSLATE_NOOP(
        "Validators", "A codice fiscale has 16 characters: check that you typed them all."
    ),
    "cf_format": QT_TRANSLATE_NOOP(
        "Validators", "This codice fiscale is not valid: check its letters and digits."
    ),
    "cf_date": QT_TRANSLATE_NOOP(
        "Validators", "This codice fiscale is not valid: its date of birth does not exist."
    ),
    # The check letter does not match the other fifteen: any one of the sixteen may be
    # the wrong one (a typo in the birth date gives this too), so no one is named.
    "cf_checksum": QT_TRANSLATE_NOOP(
        "Validators",
        "This codice fiscale is not valid: a letter or digit is wrong,"
        " compare it with the health card.",
    ),
    "iban_format": QT_TRANSLATE_NOOP(
        "Validators", "An Italian IBAN has 27 characters and starts with IT."
    ),
    "iban_checksum": QT_TRANSLATE_NOOP(
        "Validators", "This IBAN is not valid: check the digits, one may be wrong."
    ),
    "iban_cin": QT_TRANSLATE_NOOP(
        "Validators",
        "This IBAN is not valid: check the letter after IT and its two digits (the CIN).",
    ),
    "phone": QT_TRANSLATE_NOOP(
        "Validators", "Type a whole phone number, like 347 123 4567 or +40 721 234 567."
    ),
    "email": QT_TRANSLATE_NOOP(
        "Validators", "This e-mail address is not valid: it should look like name@example.it."
    ),
    "cap": QT_TRANSLATE_NOOP("Validators", "A postcode (CAP) has 5 digits, for example 35016."),
}


class AnswerError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def message(code: str, lang: str) -> str:
    # Examples written in groups ("347 123 4567") stay as typed in Arabic sentences.
    return numbers_left_to_right(translate("Validators", MESSAGES[code], lang), lang)


def compact(text: str) -> str:
    """A code as typed or scanned, without what is no part of it (shared with the
    barcode scanner, so a scan and a typed code agree)."""
    # Scanners may wrap Code 39 in "*"; people type spaces, dashes and lower case.
    return re.sub(r"[\s\-.*]", "", text).upper()


def codice_fiscale(text: str) -> str:
    """A person's 16-character code (omocodia accepted); 11-digit codes are not a person's."""
    number = compact(text)
    if len(number) != 16:
        raise AnswerError("cf_length")
    try:
        return codicefiscale.validate(number)
    except InvalidChecksum:
        raise AnswerError("cf_checksum") from None
    except InvalidComponent:
        raise AnswerError("cf_date") from None
    except (InvalidFormat, InvalidLength, StdnumError):
        raise AnswerError("cf_format") from None


def iban_it(text: str) -> str:
    """An Italian IBAN: ISO 13616 check digits and the Italian CIN letter."""
    number = compact(text)
    if not re.fullmatch(r"IT[0-9]{2}[A-Z][0-9]{10}[0-9A-Z]{12}", number):
        raise AnswerError("iban_format")
    try:
        stdnum_iban.validate(number)
    except StdnumError:
        raise AnswerError("iban_checksum") from None
    # The CIN is computed with the codice fiscale's odd/even tables over ABI+CAB+account;
    # python-stdnum's IBAN check does not look at it.
    if codicefiscale.calc_check_digit(number[5:]) != number[4]:
        raise AnswerError("iban_cin")
    return number


def phone(text: str) -> str:
    """A phone number of any country, in E.164 (``+393471234567``).

    Without a country prefix a number is read as Italian (the kiosk is in Italy); with
    ``+`` or ``00`` any country's numbering plan applies.
    """
    typed = text.strip()
    if typed.startswith("00"):
        typed = "+" + typed[2:]
    if len(typed) > 40:
        raise AnswerError("phone")
    try:
        number = phonenumbers.parse(typed, "IT")
    except phonenumbers.NumberParseException:
        raise AnswerError("phone") from None
    if not phonenumbers.is_valid_number(number):
        raise AnswerError("phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(text: str) -> str:
    address = text.strip()
    if len(address) > 254 or not re.fullmatch(
        r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+",
        address,
    ):
        raise AnswerError("email")
    return address


def cap(text: str) -> str:
    number = text.strip()
    if not re.fullmatch(r"[0-9]{5}", number):
        raise AnswerError("cap")
    return number


VALIDATORS: dict[str, Callable[[str], str]] = {
    "codice_fiscale": codice_fiscale,
    "iban_it": iban_it,
    "phone": phone,
    "email": email,
    "cap": cap,
}
