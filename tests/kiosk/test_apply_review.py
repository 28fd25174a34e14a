# SPDX-License-Identifier: EUPL-1.2
"""The application's review, the texts of each step and where problems show, all without
Qt (kiosk/core/apply_review.py, apply_heading.py, apply_problems.py); and the call read
for the screen from a real SQLite store in one transaction (kiosk.core.applying.read_call)."""

from __future__ import annotations

from datetime import UTC, datetime

from forms.answers import Problem
from forms.expressions import amount_cents
from kiosk.core.apply_heading import heading
from kiosk.core.apply_problems import place_problems
from kiosk.core.apply_review import answer_text, review
from kiosk.core.apply_wizard import Step
from kiosk.core.applying import Submitted, read_call
from store.database import Store
from tests.forms.samples import GOOD, demo, form_of
from tests.kiosk.drafts import draft, wizard

COMUNI = [("piazzola", {"it": "Piazzola sul Brenta"}), ("limena", {"it": "Limena"})]


def test_the_review_reads_back_every_answer_in_the_citizens_words() -> None:
    shown = review(wizard(draft(answers=GOOD, page=5)), COMUNI, "it")
    pages = ["richiedente", "contatti", "nucleo", "situazione", "dichiarazioni"]
    assert [s.page_id for s in shown.sections] == pages
    assert shown.sections[1].title == "Dove abiti e come contattarti"
    lines = [line.text for s in shown.sections for line in s.lines]
    assert "Codice fiscale: FRRNNA41A63E592W" in lines  # as the form cleaned it
    assert "Comune di residenza: Piazzola sul Brenta" in lines  # a Comune by its name
    assert "Saldo di tutti i conti del nucleo al 31 dicembre: € 1.200" in lines
    assert "Quali aiuti pubblici ricevete? Pensione" in lines  # a choice by its label
    household = shown.sections[2].lines
    assert household[0].heading and household[0].text == "Componenti del nucleo familiare"
    assert household[2].text == (
        "Persona 2: BNCMTT15B19G224I · Matteo Bianchi · 19/02/2015 · Altro familiare"
    )
    # Values the form calculates for itself are never read back as answers.
    assert not any("n_componenti" in line or "n_minori" in line for line in lines)
    assert all(s.missing == () for s in shown.sections) and shown.complete
    english = review(wizard(draft(answers=GOOD, page=5)), COMUNI, "en")
    assert english.sections[0].title == "Who is applying"
    assert "Which public support do you receive? Pension" in [
        line.text for line in english.sections[3].lines
    ]


def test_the_amount_the_call_computes_is_shown_only_for_complete_answers_that_qualify() -> None:
    # min(100 € a person + 50 € a minor, 600 €): Anna and Matteo (11 on the day).
    shown = review(wizard(draft(answers=GOOD, page=5)), COMUNI, "it")
    assert shown.amount_cents == 25_000
    assert "€ 250,00" in shown.amount_line and "Comune" in shown.amount_line
    assert shown.hint.startswith("In base alle tue risposte sembri avere i requisiti")
    assert "€250.00" in review(wizard(draft(answers=GOOD, page=5)), COMUNI, "en").amount_line
    capped = demo()
    capped["amount"]["expr"] = "min(10000 * n_componenti, 15000)"
    assert review(wizard(draft(answers=GOOD, page=5, form=capped)), COMUNI, "it").amount_cents == (
        15_000
    )
    # A share of it: 29% of 250 € is 7249.999... cents in floating point, shown 72,50 €.
    share = demo()
    share["amount"]["expr"] = "min(10000 * n_componenti + 5000 * n_minori, 60000) * 0.29"
    assert review(wizard(draft(answers=GOOD, page=5, form=share)), COMUNI, "it").amount_cents == (
        7_250
    )
    # A requirement not met: the reason, and no amount.
    rich = review(wizard(draft(answers={**GOOD, "patrimonio": 600_000}, page=5)), COMUNI, "it")
    assert rich.hint.startswith("Attenzione: Il saldo dei conti supera 5.000 €")
    assert rich.amount_cents is None and rich.amount_line == ""
    # A form without a formula says nothing of an amount.
    form = demo()
    del form["amount"]
    plain = review(wizard(draft(answers=GOOD, page=5, form=form)), COMUNI, "it")
    assert plain.amount_cents is None and plain.amount_line == "" and plain.hint


def test_what_is_missing_shows_under_the_part_to_complete_and_holds_send() -> None:
    answers = {k: v for k, v in GOOD.items() if k != "telefono"}
    answers["membri"] = [GOOD["membri"][0], {"nome_cognome": "Luca Verdi"}]
    it = wizard(draft(answers=answers, page=5))
    shown = review(it, COMUNI, "it")
    missing = {s.page_id: s.missing for s in shown.sections}
    assert missing["richiedente"] == () and missing["situazione"] == ()
    assert missing["contatti"] == ("Telefono: Questa risposta è obbligatoria.",)
    assert "Persona 2: Codice fiscale: Questa risposta è obbligatoria." in missing["nucleo"]
    assert not shown.complete and shown.hint == "" and shown.amount_cents is None
    assert [p.path for p in it.problems] == [p.path for p in shown.problems]  # Send waits
    assert heading(it, "it").button_enabled is False
    assert heading(it, "it").banner.startswith("Alcune risposte mancano")


def test_each_step_says_where_the_citizen_is_and_what_the_button_does() -> None:
    it = wizard(draft(notice=True))
    assert (heading(it, "it").progress, heading(it, "it").button) == (
        "Prima di iniziare",
        "Ho letto, continua",
    )
    it.next()
    first = heading(it, "en")
    assert (first.call_title, first.progress, first.page_title, first.button) == (
        "Food vouchers",
        "Step 1 of 6",
        "Who is applying",
        "Next ›",
    )
    it = wizard(draft(answers=GOOD, page=2))
    it.edit_member(None)
    assert (heading(it, "it").page_title, heading(it, "it").button) == (
        "Persona 3",
        "Salva questa persona",
    )
    it = wizard(draft(answers=GOOD, page=5))
    review(it, COMUNI, "it")
    assert heading(it, "it").button == "Invia la domanda" and heading(it, "it").button_enabled
    it.next()
    assert heading(it, "it").button == "Invio in corso…" and not heading(it, "it").button_enabled
    it.sent(Submitted("u1", "DOM-ABCD-EFGH", "job1"))
    done = heading(it, "it")
    assert (done.page_title, done.button) == ("La tua domanda è stata registrata", "Ho finito")
    gone = heading(wizard(None), "it")
    assert (gone.page_title, gone.button) == (
        "Per questo bando non si può fare domanda qui",
        "Torna ai bandi",
    )
    it.loading()
    assert it.step == Step.LOADING and heading(it, "it").button == ""  # hidden


def test_a_problem_shows_under_its_question_or_the_persons_or_in_the_banner() -> None:
    it = wizard(draft(answers=GOOD, page=2))
    questions = it.fields()
    problems = [
        Problem("membri.2.cf_membro", "required"),
        Problem("membri.2.data_nascita", "required"),
        Problem("membri", "too_few", {"min": 1}),
        Problem("membri", "required"),  # a second one for the same question waits
        Problem("cf", "required"),  # not a question of this page
        Problem("", "rule", text={"it": "Il dichiarante deve essere nel nucleo."}),
    ]
    placed = place_problems(problems, questions, {"membri"}, "it")
    assert placed.members == {
        "membri": {
            2: [
                "Codice fiscale: Questa risposta è obbligatoria.",
                "Data di nascita: Questa risposta è obbligatoria.",
            ]
        }
    }
    assert placed.under == {"membri": Problem("membri", "too_few", {"min": 1}).message("it")}
    assert placed.elsewhere == [
        "Questa risposta è obbligatoria.",
        "Il dichiarante deve essere nel nucleo.",
    ]
    hidden = place_problems([Problem("membri", "required")], questions, set(), "it")
    assert hidden.under == {} and hidden.elsewhere == ["Questa risposta è obbligatoria."]


def test_a_persons_calculated_value_that_cannot_be_worked_out_is_told_without_a_question() -> None:
    # A calculated value has no label: its visible_if failing (a number out of range)
    # raised KeyError on the household's card and on the review, the page never drawn.
    form = form_of(
        [
            {
                "name": "membri",
                "type": "repeat",
                "label": {"it": "Componenti"},
                "fields": [
                    {"name": "eta", "type": "integer", "label": {"it": "Età"}},
                    {
                        "name": "doppio",
                        "type": "calculated",
                        "expr": "eta * 2",
                        "visible_if": "eta * 1000000000000 > 0",
                    },
                ],
            }
        ]
    )
    it = wizard(draft(answers={"membri": [{"eta": 999_999}]}, page=1, form=form))
    shown = review(it, COMUNI, "it")
    [missing] = [s.missing for s in shown.sections]
    assert [p.path for p in it.problems] == ["membri.1.doppio"]
    assert missing == (f"Componenti: {it.problems[0].message('it')}",)
    placed = place_problems(it.problems, form["pages"][0]["fields"], {"membri"}, "it")
    assert placed.members == {"membri": {1: [it.problems[0].message("it")]}}


def test_answers_read_back_as_words_with_no_qt() -> None:
    assert answer_text({"type": "yes_no"}, True, {}, [], "it") == "Sì"
    assert answer_text({"type": "declaration"}, True, {}, [], "en") == "Confirmed"
    assert answer_text({"type": "text"}, "", {}, [], "it") == "(nessuna risposta)"
    assert answer_text({"type": "money"}, 125_050, {}, [], "it") == "€ 1.250,50"
    assert answer_text({"type": "date"}, "1941-01-23", {}, [], "it") == "23/01/1941"


def test_the_call_and_the_comuni_are_read_in_one_go(demo_store: Store) -> None:
    now = datetime.now(UTC)
    opened = read_call(demo_store, "bs-piazzola", now)
    assert opened.draft is not None and opened.draft.call_id == "bs-piazzola"
    assert ("piazzola", {"it": "Piazzola sul Brenta"}) in opened.comuni
    unknown = read_call(demo_store, "no-such-call", now)
    assert unknown.draft is None and unknown.comuni == opened.comuni


def test_a_formulas_result_is_an_amount_in_whole_cents_or_none() -> None:
    noise = (0.3 - 0.1 - 0.2) * 100  # -2.8e-15: zero, in floating point
    assert [amount_cents(v) for v in (7249.999999999999, 0.5, 6172.5, 0, noise, 12, 1e3)] == [
        7250,
        1,  # half a cent up, as money is rounded
        6173,
        0,
        0,
        12,
        1000,
    ]
    for no_amount in (-1, -0.6, float("inf"), float("nan"), True, "12", None):
        assert amount_cents(no_amount) is None, no_amount
