# SPDX-License-Identifier: EUPL-1.2
"""A form may tag its texts the standard way (BCP 47: "zh-Hans", "ro-MD"), which
its schema accepts: each such text is shown to readers of its language."""

from __future__ import annotations

import json

from forms.definition import load_definition
from kiosk.boot.paths import ROOT
from languages import pick


def test_a_form_tagged_the_standard_way_shows_each_reader_their_language() -> None:
    data = json.loads((ROOT / "assets/demo/forms/piazzola-buoni-spesa-2025.json").read_text())
    data["title"] = {
        "it": "Buoni spesa",
        "zh-Hans": "食品券",
        "ro-MD": "Tichete",
        "uk-UA": "Талони",
    }
    form = load_definition(data, new=True)  # the schema kiosk and platform share
    assert pick(form.data["title"], "zh") == "食品券"
    assert pick(form.data["title"], "ro") == "Tichete"
    assert pick(form.data["title"], "uk") == "Талони"
    assert pick(form.data["title"], "ar") == "Buoni spesa"  # none in Arabic: Italian


def test_an_exact_language_comes_before_a_tagged_one_and_italian_may_be_tagged() -> None:
    assert pick({"zh-Hant": "繁體", "zh": "简体", "it": "x"}, "zh") == "简体"
    assert pick({"it-IT": "Domanda", "en-GB": "Application"}, "sq") == "Domanda"
    assert pick({"EN-gb": "Application", "it": "Domanda"}, "en") == "Application"
    assert pick({"en": "", "it": "Domanda"}, "en") == "Domanda"  # an empty text is none
    assert pick({"de": "Antrag"}, "zh") == "Antrag" and pick({}, "it") == ""
