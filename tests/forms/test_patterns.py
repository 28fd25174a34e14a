# SPDX-License-Identifier: EUPL-1.2
"""What a form's pattern tells of the characters its answers are made of: the keys a
kiosk can offer for them, when the pattern says so plainly, and nothing when it does
not."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from forms.patterns import PatternError, characters_of, compiled, full_match, repetitions


@pytest.mark.parametrize(
    ("pattern", "characters"),
    [
        (r"\d{5}", "0123456789"),  # a postcode (CAP)
        (r"[0-9]{3}-[0-9]{4}", "0123456789-"),
        (r"^\+?\d+$", "+0123456789"),
        (r"(?:\d{2}/){2}\d{4}", "0123456789/"),
        (r"[\d.,]+", "0123456789.,"),
        (r"[0-9 ]{4,}", "0123456789 "),
        (r"[A-F0-9]{8}|-", "ABCDEF0123456789-"),
        (r"[a-]", "a-"),
        (r"[]x]", "]x"),
    ],
)
def test_a_plain_pattern_tells_its_characters(pattern: str, characters: str) -> None:
    assert characters_of(pattern) == characters


@pytest.mark.parametrize(
    "pattern",
    [
        r".{5}",  # any character
        r"\w+",  # any script's letters
        r"\s*\d+",
        r"[^0-9]+",  # all but some
        r"[[:digit:]]+",
        r"[!-~]+",  # a range of signs
        r"[0-9\p{L}]",
        r"(?i)ab",  # a flag: capitals too
        r"(?P<cap>\d{5})",
        r"\d{5}\b",
        r"^$",  # no character at all
    ],
)
def test_a_pattern_too_general_to_tell_tells_nothing(pattern: str) -> None:
    compiled(pattern)  # one a form can have
    assert characters_of(pattern) is None


META = "0123456789aAzZ-./[]^$\\d{},()|?*+: "


# Most texts of these signs are no pattern RE2 takes, or one too general to tell its
# characters: filtered out by design, and with some seeds too many for the health check.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.text(alphabet=META, max_size=14), st.data())
def test_each_answer_a_pattern_takes_is_typed_with_the_characters_it_tells(
    pattern: str, data: st.DataObject
) -> None:
    """Any answer the pattern takes is made of the characters told (a digit of another
    script stands for an ASCII one), and typed with them it is taken still."""
    keys = characters_of(pattern)
    try:
        compiled(pattern)
        with warnings.catch_warnings():  # "possible nested set": read as RE2 reads it
            warnings.simplefilter("ignore", FutureWarning)
            re.compile(pattern)
    except (PatternError, re.error):
        assume(False)
    assume(keys is not None)
    assert keys is not None
    answer = data.draw(st.from_regex(pattern, fullmatch=True).filter(lambda t: len(t) < 40))
    typed = "".join(str(int(c)) if c.isdecimal() else c for c in answer)
    assert set(typed) <= set(keys), (answer, keys)
    assert full_match(pattern, typed)


@pytest.mark.parametrize(
    ("pattern", "pieces"),
    [
        (r"\d{5}", 5),
        (r"[A-Z]{2}\d{2}[A-Z0-9]{1,30}", 34),  # an IBAN
        (r"(?:\d{2}/)?\d{4}", 7),
        (r"(\w+ ?){1,100}", 200),
        (r"((a{10}){10}){10}", 1000),  # a count of counts multiplies
        (r"(?i)ab{3}", 4),  # flags alone open no group
        (r"(?P<n>ab){2}", 4),
        (r"[]{]{3}\{2}", 6),  # a class's "{" and an escaped one are characters
        (r"\p{Greek}{3}", 3),
        (r"a{2,}|b*", 3),
    ],
)
def test_repetitions_count_the_pieces_a_pattern_spells_out(pattern: str, pieces: int) -> None:
    assert repetitions(pattern) == pieces


def test_a_pattern_spelling_out_more_than_a_thousand_pieces_is_refused() -> None:
    compiled(r"(.?){1000}")
    with pytest.raises(PatternError, match="1,001 times in all"):
        compiled(r"(.?){1000}a")
