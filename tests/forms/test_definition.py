# SPDX-License-Identifier: EUPL-1.2
"""Form definitions: the demo buoni spesa form loads; broken ones are refused with every
reason at once, the same on kiosk and platform."""

from __future__ import annotations

import copy
import json
import time
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from forms.definition import DefinitionError, canonical_sha256, load_definition, schema
from forms.patterns import full_match
from tests.forms.samples import demo


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DefinitionError) as refused:
        load_definition(data)
    return refused.value.problems


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(schema())


def test_the_demo_buoni_spesa_form_loads_with_repeats_conditions_and_validators() -> None:
    form = load_definition(demo())
    assert form.ref == "piazzola-buoni-spesa-2025@2025-11-03.1"
    types = {item["type"] for page in form.data["pages"] for item in page["fields"]}
    assert {
        "repeat",
        "codice_fiscale",
        "phone",
        "money",
        "multi_choice",
        "declaration",
        "calculated",
        "comune",
    } <= types
    assert any("visible_if" in item for item in form.fields())


def test_the_hash_ignores_key_order_but_not_content() -> None:
    data = demo()
    reordered = json.loads(json.dumps(data, sort_keys=True))
    assert canonical_sha256(reordered) == load_definition(data).sha256
    changed = demo()
    changed["title"]["it"] += "!"
    assert canonical_sha256(changed) != load_definition(data).sha256


def test_shape_problems_name_where_they_are() -> None:
    data = demo()
    data["pages"][0]["fields"][0]["type"] = "signature_of_blood"
    del data["pages"][2]["fields"][0]["label"]
    data["colour"] = "blue"
    found = problems(data)
    assert any(p.startswith("pages/0/fields/0/type:") for p in found)
    assert "(top): has a property the form format does not know" in found
    assert any(p.startswith("pages/2/fields/0") and "must have label" in p for p in found)


def test_shape_problems_never_repeat_what_was_sent() -> None:
    """An answer to an integrator names the place and the rule, never the value: it may
    be a codice fiscale, or ten thousand characters."""
    data = demo()
    data["title"] = "RSSMRA80A01G224X " + "x" * 10_000
    data["pages"][0]["fields"][0]["type"] = "RSSMRA80A01G224X"
    data["RSSMRA80A01G224X" * 100] = 1
    found = problems(data)
    assert "title: must be of type object" in found
    assert all("RSSMRA80A01G224X" not in problem for problem in found), found
    assert sum(map(len, found)) < 2_000


def test_meaning_problems_are_all_listed() -> None:
    data = demo()
    fields = data["pages"][0]["fields"]
    fields.append(copy.deepcopy(fields[1]))  # "cognome" twice
    data["pages"][3]["fields"][1]["choices"] = "colori"
    data["pages"][3]["fields"][2]["visible_if"] = "not selected(aiuti, 'nessuno')"
    data["pages"][1]["fields"][1]["pattern"] = "(["
    data["pages"][2]["fields"][0]["fields"][2]["max"] = "tomorrow"
    data["eligibility"][0]["expr"] = "__import__('os')"
    found = problems(data)
    assert "fields with the same name: cognome" in found
    assert "situazione/sostegni: no choice list named 'colori'" in found
    assert any("refers to unknown answers aiuti" in p for p in found)
    assert any(p.startswith("contatti/indirizzo: the pattern is not accepted (") for p in found)
    assert any("max 'tomorrow' is not a date limit" in p for p in found)
    assert any(p.startswith("eligibility 1:") for p in found)


@pytest.mark.parametrize("bad", [None, [], "form", {"wfd": 2}, {"wfd": 1, "pages": []}])
def test_anything_else_is_refused_not_crashed_on(bad: Any) -> None:
    assert problems(bad)


def test_limits_that_look_right_but_are_not_are_refused_at_load() -> None:
    """Each passed the format and then broke checking the citizen's answers (a
    ValueError or TypeError: on the kiosk, Next did nothing; on the platform, the
    application was tried again for ever)."""
    cases = {
        "max": ("2026-02-30", "is not a date limit"),  # the shape of a day, no such day
        "min": (5, "is not a date limit"),  # a number on a date
    }
    for limit, (value, said) in cases.items():
        data = demo()
        data["pages"][2]["fields"][0]["fields"][2][limit] = value  # the birth date
        with pytest.raises(DefinitionError) as refused:
            load_definition(data)
        assert any(said in problem for problem in refused.value.problems), refused.value


def test_a_repeat_inside_a_repeat_is_refused_with_its_fields_checked() -> None:
    data = demo()
    members = data["pages"][2]["fields"][0]
    members["fields"].append(
        {
            "name": "figli",
            "type": "repeat",
            "label": {"it": "Figli"},
            "fields": [{"name": "nome_figlio", "type": "text", "label": {"it": "Nome"}}],
        }
    )
    with pytest.raises(DefinitionError) as refused:
        load_definition(data)
    assert any("a repeat cannot hold another repeat" in p for p in refused.value.problems)


def test_a_definition_nested_thousands_deep_is_refused_not_a_crash() -> None:
    data = demo()
    deep: dict[str, Any] = {"it": "x"}
    for _ in range(5_000):
        deep = {"it": deep}
    data["pages"][0]["fields"][0]["help"] = deep
    with pytest.raises(DefinitionError, match="nested more than"):
        load_definition(data)


def test_a_page_with_two_repeats_is_refused() -> None:
    """The wizard edits one list per page: "Add" on a second one edited the first."""
    data = demo()
    members = data["pages"][2]["fields"][0]
    data["pages"][2]["fields"].append({**copy.deepcopy(members), "name": "altri"})
    with pytest.raises(DefinitionError) as refused:
        load_definition(data)
    assert f"{data['pages'][2]['id']}: a page holds at most one repeat" in refused.value.problems


def test_a_regex_pattern_in_an_expression_is_checked_at_load_too() -> None:
    data = demo()
    data["pages"][1]["fields"][1]["constraint"] = {
        "expr": "regex(indirizzo, '(?=via).*')",  # a look-ahead: RE2 has none
        "message": {"it": "x"},
    }
    with pytest.raises(DefinitionError) as refused:
        load_definition(data)
    assert any("the regex pattern is not accepted" in p for p in refused.value.problems)


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u2067", "\u2069"])
def test_a_label_that_forces_a_direction_is_refused(control: str) -> None:
    """A label ending in U+202E made the review line read "Patrimonio … 002.1 € :"
    for € 1.200; an unclosed isolate reorders what follows it the same way."""
    data = demo()
    data["pages"][0]["fields"][0]["label"] = {"it": f"Nome {control}"}
    said = problems(data)
    assert said == [
        "pages/0/fields/0/label/it: is not valid: a text holds no controls that force a"
        " direction on what follows (U+202A-U+202E, U+2066-U+2069)"
    ]


@pytest.mark.parametrize(
    ("place", "where"),
    [
        (["pages", 0, "fields", 0, "label", "it"], "pages/0/fields/0/label/it"),
        (["pages", 1, "fields", 1, "pattern"], "pages/1/fields/1/pattern"),
        (["title", "en"], "title/en"),
    ],
)
def test_half_a_character_is_refused_as_a_problem_not_raised_on(
    place: list[Any], where: str
) -> None:
    """A JSON escape carries a lone surrogate ("\\ud800"): the definition's hash and
    RE2, given its pattern, raised UnicodeEncodeError, not the loader's own error."""
    data = demo()
    holder = data
    for step in place[:-1]:
        holder = holder[step]
    holder[place[-1]] = "Nome \ud800"
    assert problems(data) == [f"{where}: holds half a character (a lone surrogate)"]


@pytest.mark.parametrize(
    ("where", "expressions"),
    [
        # Each of the applicant's fields shown once the next is answered: none ever is,
        # and the kiosk asked nobody's name and codice fiscale.
        ("fields", {"cf": "cognome != ''", "cognome": "nome != ''", "nome": "cf != ''"}),
        ("itself", {"nome": "nome != ''"}),
        ("page", {"page": "nome != ''"}),
    ],
)
def test_a_field_whose_showing_waits_on_itself_is_refused(
    where: str, expressions: dict[str, str]
) -> None:
    data = demo()
    page = data["pages"][0]
    for name, expression in expressions.items():
        if name == "page":
            page["visible_if"] = expression
        else:
            next(f for f in page["fields"] if f["name"] == name)["visible_if"] = expression
    assert any("shown only once it is answered" in p for p in problems(data)), where


def test_a_field_shown_by_an_answer_before_it_loads() -> None:
    data = demo()
    fields = data["pages"][0]["fields"]
    fields[1]["visible_if"] = "cf != ''"
    fields[2]["visible_if"] = "cognome != ''"
    load_definition(data)


def test_lists_longer_than_the_format_allows_are_refused_before_each_item_is_checked() -> None:
    """A platform's form with thousands of fields: the schema's check looked at every
    one of them first (about 1.4 ms each), minutes of the sync's processor time for a
    page of such forms."""
    data = demo()
    page = data["pages"][0]
    page["fields"] = [copy.deepcopy(page["fields"][0]) for _ in range(400)]
    data["pages"] = [copy.deepcopy(page) for _ in range(35)]
    began = time.perf_counter()
    found = problems(data)
    elapsed = time.perf_counter() - began
    assert "pages: breaks maxItems 30" in found
    assert "pages/0/fields: breaks maxItems 40" in found
    assert elapsed < 3, elapsed


def test_too_many_choices_or_fields_in_a_repeat_are_named() -> None:
    data = demo()
    name, listed = next(iter(data["choices"].items()))
    data["choices"][name] = [dict(listed[0], value=f"v{n}") for n in range(201)]
    repeat = next(
        (at, number, item)
        for at, page in enumerate(data["pages"])
        for number, item in enumerate(page["fields"])
        if item["type"] == "repeat"
    )
    at, number, item = repeat
    item["fields"] = [dict(item["fields"][0], name=f"f{n}") for n in range(21)]
    found = problems(data)
    assert f"choices/{name}: breaks maxItems 200" in found
    assert f"pages/{at}/fields/{number}/fields: breaks maxItems 20" in found


def _shown_if(data: dict[str, Any], conditions: dict[str, str]) -> dict[str, Any]:
    """``data`` with each named page or question (a member's too) shown by a condition."""
    for page in data["pages"]:
        if page["id"] in conditions:
            page["visible_if"] = conditions[page["id"]]
        for item in page["fields"]:
            for field in [item, *item.get("fields", [])]:
                if field["name"] in conditions:
                    field["visible_if"] = conditions[field["name"]]
    return data


@pytest.mark.parametrize(
    ("conditions", "told"),
    [
        # On the first page, shown by the balance asked on the fourth: never asked there,
        # and the review then asked for a question the citizen had passed unseen.
        (
            {"nome": "patrimonio > 0"},
            "richiedente/nome visible_if: depends on answers asked after it (patrimonio)",
        ),
        # A whole page shown by a later page's answer: skipped before it could be given.
        (
            {"contatti": "sostegni_importo > 0"},
            "contatti visible_if: depends on answers asked after it (sostegni_importo)",
        ),
        # A later answer of the same page: hidden by another, its old answer kept the
        # question required by the check while the screen hid it.
        (
            {"cognome": "nome != ''"},
            "richiedente/cognome visible_if: depends on answers asked after it (nome)",
        ),
        # A member's question shown by one asked after it about the same person.
        (
            {"cf_membro": "disabilita"},
            "nucleo/membri/cf_membro visible_if: depends on answers asked after it (disabilita)",
        ),
        # A count worked out from the household, read a page before the household.
        (
            {"email": "n_minori > 0"},
            "contatti/email visible_if: depends on answers asked after it (n_minori)",
        ),
    ],
)
def test_a_condition_on_an_answer_asked_after_it_is_refused(
    conditions: dict[str, str], told: str
) -> None:
    assert told in problems(_shown_if(demo(), conditions))


def test_conditions_on_answers_asked_before_them_load() -> None:
    data = demo()
    # Worked out from the first page's answer, though written on the last page.
    data["pages"][4]["fields"].append({"name": "ha_cf", "type": "calculated", "expr": "cf != ''"})
    _shown_if(
        data,
        {
            "email": "ha_cf and telefono != ''",  # an earlier page's, and the same page's
            "situazione": "n_componenti > 0",  # a count of an earlier page's household
            "disabilita": "data_nascita != '' and cf != ''",  # the same person's, the form's
            "motivazione": "count_where(membri, disabilita) > 0",
        },
    )
    load_definition(data)


SLOW = r"(.?){1000}" * 8  # linear in the text, but 2 s on a 4,000-character answer


@pytest.mark.parametrize("place", ["field", "expression"])
def test_a_pattern_that_repeats_too_much_to_match_quickly_is_refused(place: str) -> None:
    """Matched on the kiosk's UI thread at each "Next", it froze the screen for seconds;
    the loader names the field and why."""
    data = demo()
    field = data["pages"][1]["fields"][1]
    if place == "field":
        field["pattern"] = SLOW
    else:
        field["constraint"] = {"expr": f"regex(indirizzo, '{SLOW}')", "message": {"it": "x"}}
    with pytest.raises(DefinitionError) as refused:
        load_definition(data)
    [said] = [p for p in refused.value.problems if "repeats" in p]
    assert "indirizzo" in said and "8,000 times in all, at most 1,000" in said


def test_a_pattern_repeating_as_much_as_allowed_matches_the_longest_answer_quickly() -> None:
    data = demo()
    data["pages"][1]["fields"][1]["pattern"] = r"(.?){1000}(.?){0}"
    form = load_definition(data)
    started = time.perf_counter()
    assert full_match(form.data["pages"][1]["fields"][1]["pattern"], "a" * 1000)
    assert not full_match(form.data["pages"][1]["fields"][1]["pattern"], "a" * 4000)
    assert time.perf_counter() - started < 0.5  # about 50 ms; the margin is the machine's
