# SPDX-License-Identifier: EUPL-1.2
"""A form's limits on money read as the citizen's language writes money: "€ 1.000.000"
reads as about one euro where a point is the decimal sign."""

from __future__ import annotations

from datetime import date

import pytest

from forms.answers import check
from forms.definition import load_definition
from languages.money import format_euro
from tests.forms.samples import form_of


@pytest.mark.parametrize("lang", ["it", "en", "ro", "ar", "sq", "uk", "zh"])
def test_a_money_limit_is_written_in_the_language_of_the_message(lang: str) -> None:
    field = {"name": "isee", "type": "money", "label": {"it": "ISEE"}, "max": 1_000_000_00}
    form = load_definition(form_of([field]))
    _, problems = check(form, {"isee": 2_000_000_00}, today=date(2026, 12, 5))
    (problem,) = [p for p in problems if p.code == "too_large"]
    assert format_euro(1_000_000_00, lang, cents_if_any=True) in problem.message(lang)
    assert (lang == "it") == ("€ 1.000.000." in problem.message(lang))


@pytest.mark.parametrize(
    ("kind", "low", "high", "answer", "code", "said"),
    [
        ("integer", 1.0, 10.0, 11, "too_large", "10"),
        ("integer", 1.0, 10.0, 0, "too_small", "1"),
        ("money", 5_00.0, 150_00.0, 200_00, "too_large", "€ 150"),
        ("money", 5_00.0, 150_00.0, 1_00, "too_small", "€ 5"),
    ],
)
def test_a_limit_written_as_a_whole_decimal_is_applied(
    kind: str, low: float, high: float, answer: int, code: str, said: str
) -> None:
    """JSON Schema's "integer" takes 10.0: such a limit was passed over, and any
    number went through."""
    field = {"name": "n", "type": kind, "label": {"it": "N"}, "min": low, "max": high}
    form = load_definition(form_of([field]))
    _, problems = check(form, {"n": answer}, today=date(2026, 12, 5))
    (problem,) = [p for p in problems if p.path == "n"]
    assert problem.code == code
    assert said in problem.message("it") and ".0" not in problem.message("it")
    _, problems = check(form, {"n": int(low) + 1}, today=date(2026, 12, 5))
    assert not [p for p in problems if p.path == "n"]
