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
