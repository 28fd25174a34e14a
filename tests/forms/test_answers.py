# SPDX-License-Identifier: EUPL-1.2
"""Answers checked against the demo buoni spesa form, as the kiosk and the platform do."""

from __future__ import annotations

import copy
import json
import time
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.it import codicefiscale as stdnum_cf

from forms.answers import check, eligibility
from forms.definition import DefinitionError, load_definition
from tests.forms.samples import GOOD, demo, form_of

FORM = load_definition(demo())
TODAY = date(2026, 11, 24)
COMUNI = {"piazzola", "campodoro", "limena", "campo-san-martino", "villafranca"}


def problems_of(answers: dict[str, Any], **options: Any) -> dict[str, str]:
    _cleaned, found = check(FORM, answers, today=TODAY, comuni=COMUNI, **options)
    return {p.path: p.message("it") for p in found}


def changed(**values: Any) -> dict[str, Any]:
    answers = copy.deepcopy(GOOD)
    answers.update(values)
    return answers


def test_a_complete_application_passes_cleaned_and_calculated() -> None:
    cleaned, found = check(FORM, GOOD, today=TODAY, comuni=COMUNI)
    assert found == []
    assert cleaned["cf"] == "FRRNNA41A63E592W" and cleaned["telefono"] == "+393471234567"
    assert cleaned["n_componenti"] == 2 and cleaned["n_minori"] == 1
    assert json.loads(json.dumps(cleaned)) == cleaned  # ready for the outbox as it is


@pytest.mark.parametrize("blank", ["", "   ", "\u200b", "\ufeff \u2060", "\t\u200b\n"])
def test_a_required_text_of_only_blanks_visible_or_not_is_no_answer(blank: str) -> None:
    """A zero-width space (a paste, a keyboard's slip) passed as a surname."""
    assert problems_of(changed(cognome=blank))["cognome"] == "Questa risposta è obbligatoria."


def test_invisible_blanks_at_an_answers_ends_are_taken_away() -> None:
    cleaned, found = check(FORM, changed(cognome="\u200bFerraro\ufeff"), today=TODAY, comuni=COMUNI)
    assert found == [] and cleaned["cognome"] == "Ferraro"


def test_a_wrong_codice_fiscale_says_what_to_check() -> None:
    found = problems_of(changed(cf="FRRNNA41A63E592X"))
    assert found == {
        "cf": "Il codice fiscale non è valido: una lettera o una cifra è sbagliata,"
        " confrontalo con la tessera sanitaria.",
        "membri": "Aggiungi anche te stesso tra i componenti.",
    }
    _c, english = check(FORM, changed(cf="FRRNNA41A63E592X"), today=TODAY, comuni=COMUNI)
    assert english[0].message("en") == (
        "This codice fiscale is not valid: a letter or digit is wrong,"
        " compare it with the health card."
    )


def test_a_page_is_checked_alone_while_the_citizen_moves_through_the_wizard() -> None:
    assert problems_of({"cf": "FRRNNA41A63E592W"}, pages={"richiedente"}) == {
        "cognome": "Questa risposta è obbligatoria.",
        "nome": "Questa risposta è obbligatoria.",
    }


@pytest.mark.parametrize("typed", ["FRRNNA 41A63 E592W", "frr-nna-41a63-e592w"])
def test_a_page_compares_another_pages_answer_as_cleaned_not_as_typed(typed: str) -> None:
    """The codice fiscale typed on page 1 grouped as on a document passed there; on the
    household page, the applicant (person 1, their code cleaned) was not found among the
    members, and "add yourself too" kept the citizen from going on."""
    members = copy.deepcopy(GOOD["membri"])
    members[0]["cf_membro"] = typed  # as the first member is filled from page 1
    answers = changed(cf=typed, membri=members)
    assert problems_of(answers, pages={"nucleo"}) == {}
    assert problems_of(answers) == {}
    # A wrong code on page 1 is still told there, and only there.
    wrong = changed(cf="FRRNNA41A63E592X")
    assert "cf" not in problems_of(wrong, pages={"nucleo"})
    assert "cf" in problems_of(wrong, pages={"richiedente"})


def test_hidden_answers_are_dropped_and_conditional_ones_required() -> None:
    cleaned, found = check(FORM, changed(sostegni=["nessuno"]), today=TODAY, comuni=COMUNI)
    assert found == [] and "sostegni_importo" not in cleaned
    answers = changed()
    del answers["sostegni_importo"]
    assert problems_of(answers) == {"sostegni_importo": "Questa risposta è obbligatoria."}


def test_household_members_are_checked_one_by_one_and_together() -> None:
    members = copy.deepcopy(GOOD["membri"])
    members[1]["nome_cognome"] = ""
    members[1]["data_nascita"] = "2030-01-01"
    members[1]["relazione"] = "dich"
    found = problems_of(changed(membri=members))
    assert found["membri.2.nome_cognome"] == "Questa risposta è obbligatoria."
    assert found["membri.2.data_nascita"] == "La data non può essere dopo il 24/11/2026."
    assert found["membri"] == "Indica una sola persona come dichiarante."
    twice = copy.deepcopy(GOOD["membri"])
    twice[1]["cf_membro"] = twice[0]["cf_membro"]
    assert problems_of(changed(membri=twice))["membri"] == (
        "Lo stesso codice fiscale compare due volte."
    )
    assert problems_of(changed(membri=[]))["membri"] == "Aggiungi almeno 1."


def test_constraints_declarations_and_strangers_in_the_answers() -> None:
    found = problems_of(changed(residenza="limena", dich_445=False, colore="blu"))
    assert found == {
        "residenza": "La domanda è riservata a chi abita a Piazzola sul Brenta.",
        "dich_445": "Per andare avanti devi confermare questa dichiarazione.",
        "colore": "Questa risposta non fa parte del modulo.",
    }
    assert problems_of(changed(residenza="atlantide"))["residenza"] == (
        "Scegli un Comune dall'elenco."
    )
    assert problems_of(changed(patrimonio=-5))["patrimonio"] == "Il valore minimo è € 0."
    assert problems_of(changed(patrimonio="tanti"))["patrimonio"] == (
        "Scrivi un importo in euro, come 150 o 150,50."
    )


def test_eligibility_is_a_hint_not_a_decision() -> None:
    rich = changed(patrimonio=900000)
    assert problems_of(rich) == {}  # the application can still be submitted
    hints = eligibility(FORM, check(FORM, rich, today=TODAY)[0], TODAY)
    assert [(kind, met) for kind, met, _message in hints] == [("hard", False), ("soft", False)]


values = (
    st.none()
    | st.booleans()
    | st.integers(-(10**9), 10**9)
    | st.text(max_size=30)
    | st.lists(st.text(max_size=10), max_size=4)
)
members = st.lists(
    st.dictionaries(
        st.sampled_from(
            ["cf_membro", "nome_cognome", "data_nascita", "relazione", "disabilita", "x"]
        ),
        values | st.sampled_from(["dich", "1990-09-08", "PPSLNE90P48Z129E"]),
    ),
    max_size=4,
)


@pytest.mark.slow  # 300 generated answer sets
@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([*sorted(GOOD), "membri", "zzz"]), values | members))
def test_random_answers_never_crash_and_nothing_invalid_passes(answers: dict[str, Any]) -> None:
    cleaned, found = check(FORM, {**GOOD, **answers}, today=TODAY, comuni=COMUNI)
    if found:
        return
    assert stdnum_cf.is_valid(cleaned["cf"])
    assert all(stdnum_cf.is_valid(m["cf_membro"]) for m in cleaned["membri"])
    assert isinstance(cleaned["patrimonio"], int) and cleaned["patrimonio"] >= 0
    assert cleaned["dich_445"] is True and cleaned["privacy"] is True
    assert cleaned["residenza"] == "piazzola"


def test_an_exclusive_answer_cannot_come_with_others() -> None:
    # "Nessuno" (no public support) with "Pensione" contradicts itself; alone, each is fine.
    found = problems_of(changed(sostegni=["pensione", "nessuno"]))
    assert found == {"sostegni": "«Nessuno» non si può scegliere insieme ad altre risposte."}
    _c, english = check(FORM, changed(sostegni=["nessuno", "adi"]), today=TODAY, comuni=COMUNI)
    assert english[0].message("en") == "“None” cannot be chosen together with other answers."
    assert problems_of(changed(sostegni=["nessuno"], sostegni_importo=None)) == {}
    assert problems_of(changed(sostegni=["pensione", "adi"])) == {}


@pytest.mark.parametrize("pattern", ["(a+)+b", "(a|aa)+b", "(a*)*b", "([a-z]+)*[0-9]"])
def test_a_platforms_pattern_never_backtracks_on_a_citizens_answer(pattern: str) -> None:
    """Python's re took 0.27 s on 22 letters against "(a+)+b", doubling with each one
    more, on the kiosk's UI thread: the patterns are matched by RE2, in linear time."""
    data = demo()
    data["pages"][1]["fields"][1]["pattern"] = pattern  # the address
    form = load_definition(data)
    started = time.perf_counter()
    _cleaned, found = check(form, changed(indirizzo="a" * 110), today=TODAY, comuni=COMUNI)
    assert time.perf_counter() - started < 0.5
    assert [p.code for p in found if p.path == "indirizzo"] == ["pattern"]


def test_a_pattern_re2_cannot_match_makes_the_definition_unacceptable() -> None:
    data = demo()
    data["pages"][1]["fields"][1]["pattern"] = r"(a)\1"  # a back-reference
    with pytest.raises(DefinitionError, match=r"contatti/indirizzo: the pattern is not accepted"):
        load_definition(data)


def test_answers_that_pass_pass_again_as_cleaned_as_the_platform_reads_them() -> None:
    """A constraint met only thanks to a later page's answer that the cleaning drops
    (hidden by then) passed at the kiosk and failed at the platform, after the citizen
    was told the application was saved: checked as cleaned, it fails at the kiosk."""
    text = {"it": "x"}
    form = load_definition(
        {
            "wfd": 1,
            "id": "ordine",
            "version": "1",
            "title": text,
            "pages": [
                {
                    "id": "p1",
                    "title": text,
                    "fields": [
                        {
                            "name": "z",
                            "type": "integer",
                            "label": text,
                            "constraint": {"expr": "z > 0 or y == 1", "message": text},
                        }
                    ],
                },
                {
                    "id": "p2",
                    "title": text,
                    "fields": [
                        {"name": "a", "type": "yes_no", "label": text},
                        {"name": "y", "type": "integer", "label": text, "visible_if": "a"},
                    ],
                },
            ],
        }
    )
    cleaned, found = check(form, {"z": 0, "a": False, "y": 1}, today=TODAY)
    assert [(p.path, p.code) for p in found] == [("z", "constraint")]
    assert "y" not in cleaned
    good, none = check(form, {"z": 2, "a": False, "y": 1}, today=TODAY)
    assert none == [] and check(form, good, today=TODAY) == (good, [])


def test_an_answer_re2_cannot_read_fails_its_pattern_and_raises_nothing() -> None:
    """A lone surrogate (a JSON escape can carry one): RE2 raised on it, and the
    platform answered the record "retry" for ever."""
    data = demo()
    data["pages"][1]["fields"][1]["pattern"] = "[a-z ]+"
    form = load_definition(data)
    _cleaned, found = check(form, changed(indirizzo="via \ud800"), today=TODAY, comuni=COMUNI)
    assert [p.code for p in found if p.path == "indirizzo"] == ["pattern"]


PYTHON_PATTERNS = [
    r"[\w' -]+",
    r"\w+",
    r"\d{5}",
    r"[A-Z]{2}\d{2}",
    r"\S+@\S+",
    r"\s*x\s*",
    r"[\d.,]+",
    r"[\]a]+",
    r"[^\]]+",
    r"\W+",
    r"(\w+\s)*\w+",
    r"\\w+",
    r"[^\d\s]+",
]
TEXTS = [
    "Nicolò",
    "Dumitrescu-Ţurcanu",
    "città 35010",
    "٣٤٥٦٧",
    "a\u00a0x",
    "\\w",
    " x ",
    "AB12",
    "a]b",
    "aa]",
    "è",
    "...",
    "anna@example.it",
    "Олександр Шевченко",
    "王芳",
]


@pytest.mark.parametrize("pattern", PYTHON_PATTERNS)
def test_patterns_match_as_python_reads_them_in_every_script(pattern: str) -> None:
    """A form's author writes Python's dialect: \\w, \\d and \\s match any script's
    letters, digits and spaces there ("Nicolò" is a name), ASCII ones only in RE2."""
    import re

    from forms.patterns import full_match

    for text in TEXTS:
        assert full_match(pattern, text) == (re.fullmatch(pattern, text) is not None), text


def test_a_count_python_and_re2_read_differently_is_refused_with_what_to_write() -> None:
    data = demo()
    data["pages"][1]["fields"][1]["pattern"] = "[0-9]{,3}"
    with pytest.raises(DefinitionError, match=r"write \{0,n\}"):
        load_definition(data)


@pytest.mark.parametrize(
    ("field", "why"),
    [
        ({"type": "text", "min_length": 10, "max_length": 5}, "min_length is above max_length"),
        ({"type": "integer", "min": 9, "max": 2}, "min is above max"),
        ({"type": "money", "min": 50_000, "max": 100}, "min is above max"),
        ({"type": "date", "min": "today", "max": "-18y"}, "min is above max"),
        ({"type": "date", "min": "2026-05-01", "max": "2026-04-30"}, "min is above max"),
    ],
)
def test_limits_no_answer_can_meet_make_the_definition_unacceptable(
    field: dict[str, Any], why: str
) -> None:
    """The citizen would be told to fix what cannot be fixed. Refused when published;
    one published before the check is read as ever (refused when read, the call's
    applications, some queued on kiosks, were refused for good)."""
    data = demo()
    data["pages"][0]["fields"].append({"name": "impossibile", "label": {"it": "X"}, **field})
    with pytest.raises(DefinitionError, match=why):
        load_definition(data, new=True)
    load_definition(data)
    # A day against a span from today depends on the day: left to the answers' check.
    data["pages"][0]["fields"][-1] = {
        "name": "impossibile",
        "label": {"it": "X"},
        "type": "date",
        "min": "2020-01-01",
        "max": "today",
    }
    load_definition(data, new=True)


def test_a_household_that_must_be_larger_than_it_may_be_or_twin_answers_are_refused() -> None:
    from protocol.records import RecordError, validate_batch, validate_published

    data = demo()
    household = next(f for p in data["pages"] for f in p["fields"] if f["type"] == "repeat")
    household["min"], household["max"] = 5, 2
    with pytest.raises(DefinitionError, match="min 5 is above max 2"):
        load_definition(data, new=True)
    data = demo()
    name, options = next(iter(data["choices"].items()))
    options.append(dict(options[0]))
    with pytest.raises(DefinitionError, match=f"choices/{name}: two answers have the same value"):
        load_definition(data, new=True)
    # The same through the contract: refused as published, read back as ever.
    record = {"id": f"{data['id']}@{data['version']}", "definition": data}
    with pytest.raises(RecordError, match="two answers have the same value"):
        validate_published("forms", record)
    assert len(validate_batch("forms", [record])) == 1


def test_an_amount_with_zeros_held_down_too_long_is_told_where_it_was_typed() -> None:
    """No maximum in the form: 150 billion euro passed its field and overflowed a
    calculation on a later page, whose problem (told twice) named no answer on screen."""
    data = form_of(
        [{"name": "reddito", "type": "money", "label": {"it": "Reddito"}}],
        [{"name": "annuo", "type": "calculated", "expr": "reddito * 12"}],
    )
    form = load_definition(data)
    _cleaned, found = check(form, {"reddito": 15_000_000_000_000}, today=TODAY, pages={"p1"})
    assert [(p.path, p.message("it")) for p in found] == [
        ("reddito", "Il valore massimo è € 100.000.000.")
    ]
    _cleaned, found = check(form, {"reddito": 9_000_000_000}, today=TODAY)
    assert found == []


def test_a_calculation_that_fails_is_told_once() -> None:
    data = demo()
    data["pages"][-1]["fields"].append(
        {"name": "enorme", "type": "calculated", "expr": "patrimonio * 1000000000"}
    )
    _cleaned, found = check(load_definition(data), changed(patrimonio=9_000_000), today=TODAY)
    assert [(p.path, p.code) for p in found if p.path == "enorme"] == [("enorme", "expression")]


def test_answers_too_long_together_are_told_before_the_application_fails_to_be_saved() -> None:
    """Twelve notes of 4000 characters in Ukrainian each passed, and together exceeded
    what an application carries: saving it failed with "try again", every time."""
    from protocol.messages import ApplicationPayload, SubmissionKind, check_submission

    data = demo()
    notes = [f"nota_{n}" for n in range(12)]
    data["pages"].insert(
        1,
        {
            "id": "note",
            "title": {"it": "Note"},
            "fields": [{"name": n, "type": "long_text", "label": {"it": n}} for n in notes],
        },
    )
    form = load_definition(data)
    answers = changed(**{n: "Привіт " * 571 + "ab" for n in notes})  # 4000 characters
    _cleaned, on_its_page = check(form, answers, today=TODAY, pages={"note"})
    assert on_its_page and {p.code for p in on_its_page} == {"too_much_text"}
    assert on_its_page[0].message("it") == (
        "Le risposte sono troppo lunghe nel loro insieme: accorcia questa."
    )
    assert check(form, answers, today=TODAY, pages={"richiedente"})[1] == []
    for problem in on_its_page:  # shortened as asked
        answers[problem.path] = "Коротко."
    cleaned, problems = check(form, answers, today=TODAY)
    assert problems == []
    payload = ApplicationPayload(
        call="c",
        form=form.ref,
        form_sha256=form.sha256,
        tracking_code="DOM-7KQ2-XE47",
        answers=cleaned,
        channel="kiosk",
    )
    check_submission(SubmissionKind.APPLICATION, payload.model_dump(mode="json"))


def test_control_characters_typed_or_pasted_are_not_kept() -> None:
    """A NUL or an escape pasted into a name reached the platform and its staff's files;
    a line break in a one-line answer split it."""
    cleaned, problems = check(
        FORM,
        changed(
            cognome="Fer\x00raro\x1b", indirizzo="Via Roma\n1", motivazione="Riga 1\nRiga\t2\x07"
        ),
        today=TODAY,
        comuni=COMUNI,
    )
    assert problems == []
    assert cleaned["cognome"] == "Ferraro"
    assert cleaned["indirizzo"] == "Via Roma 1"
    assert cleaned["motivazione"] == "Riga 1\nRiga\t2"


def test_a_lone_surrogate_in_an_answer_is_judged_never_raised_on() -> None:
    """A JSON escape can carry half a character ("\\ud800"): measuring the answers'
    size raised UnicodeEncodeError, and the platform answered "retry" for ever."""
    for note in ("\ud800", "\ud800" * 30_000):  # alone, and too long together
        _cleaned, problems = check(FORM, changed(motivazione=note), today=TODAY, comuni=COMUNI)
        assert all(p.code in ("too_much_text", "too_long") for p in problems), problems


@pytest.mark.parametrize(
    ("lang", "least", "few", "one"),
    [
        ("en", 2, "Type at least 2 characters.", "Type at most 1 character."),
        ("it", 2, "Scrivi almeno 2 caratteri.", "Scrivi al massimo 1 carattere."),
        ("uk", 21, "Напишіть щонайменше 21 символ.", "Напишіть не більше 1 символу."),
    ],
)
def test_a_text_s_length_limits_count_characters_in_the_singular_and_the_plural(
    lang: str, least: int, few: str, one: str
) -> None:
    # "Type at most 1 characters.": the count was put into a {max} format string.
    field = {"name": "nota", "type": "text", "label": {"it": "Nota"}}
    at_least = load_definition(form_of([{**field, "min_length": least}]))
    at_most = load_definition(form_of([{**field, "max_length": 1}]))
    _, short = check(at_least, {"nota": "x"}, today=date(2026, 12, 5))
    _, long = check(at_most, {"nota": "xy"}, today=date(2026, 12, 5))
    assert [p.message(lang) for p in short if p.code == "too_short"] == [few]
    assert [p.message(lang) for p in long if p.code == "too_long"] == [one]


@pytest.mark.parametrize("lang", ["it", "en", "ar", "ro", "uk", "sq", "zh"])
def test_a_count_written_with_a_decimal_point_is_said_as_a_whole_number(lang: str) -> None:
    # JSON Schema's "integer" takes 2.0: "Scrivi almeno 2.0 caratteri.", and in Arabic
    # (its plural rule hands the count back as the index of the form) a TypeError.
    field = {"name": "nota", "type": "text", "label": {"it": "Nota"}}
    people = {"name": "membri", "type": "repeat", "label": {"it": "Membri"}, "fields": [field]}
    for limits, answers in (
        ({"min_length": 2.0}, {"nota": "x"}),
        ({"max_length": 1.0}, {"nota": "xy"}),
        ({"min": 2.0}, {"membri": [{"nota": "x"}]}),
        ({"max": 1.0}, {"membri": [{"nota": "x"}, {"nota": "y"}]}),
    ):
        said = []
        for written in (limits, {key: int(value) for key, value in limits.items()}):
            item = {**(people if "membri" in answers else field), **written}
            _, problems = check(load_definition(form_of([item])), answers, today=TODAY)
            said += [problem.message(lang) for problem in problems]
        assert len(said) == 2 and said[0] == said[1], said
