# SPDX-License-Identifier: EUPL-1.2
"""The application wizard's steps and rules, without Qt: the demo buoni spesa form."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from forms.answers import check
from forms.definition import load_definition
from kiosk.core.apply_wizard import ApplyWizard, Outcome, Step
from kiosk.core.applying import Draft, Submitted
from tests.forms.samples import GOOD, demo
from tests.kiosk.drafts import draft, wizard


def test_the_privacy_notice_comes_first_and_is_read_once() -> None:
    it = wizard(draft(notice=True))
    assert it.step == Step.NOTICE and not it.page_back()
    assert it.next() == Outcome.MOVED
    assert it.step == Step.PAGE and it.draft is not None and it.draft.page == 0
    assert it.draft.notice_read
    it.opened(it.draft)  # the citizen comes back to the call
    assert it.step == Step.PAGE


def test_next_checks_the_page_and_moves_only_when_it_is_complete() -> None:
    it = wizard(draft())
    assert it.next() == Outcome.PROBLEMS
    assert {p.path for p in it.problems} >= {"cf", "cognome", "nome"}
    assert it.step == Step.PAGE and it.draft is not None and it.draft.page == 0
    it.take({"cf": GOOD["cf"], "cognome": "Ferraro", "nome": "Anna"})
    assert it.next() == Outcome.MOVED
    assert it.draft.page == 1 and it.problems == []
    assert it.progress() == (2, 6)  # five pages and the review
    assert it.page_back() and it.draft.page == 0
    assert not it.page_back()  # the first page: the view goes back to the calls


def test_an_empty_answer_is_taken_away() -> None:
    it = wizard(draft(answers={"cf": GOOD["cf"], "cognome": "Ferraro"}))
    it.take({"cognome": None, "nome": "Anna"})
    assert it.draft is not None and it.draft.answers == {"cf": GOOD["cf"], "nome": "Anna"}


def test_the_household_starts_with_the_applicant_and_a_removal_stays() -> None:
    answers = {k: v for k, v in GOOD.items() if k != "membri"}
    it = wizard(draft(answers=answers, page=2))
    it.start_repeats_with_first_item()
    [applicant] = it.members()
    assert applicant["cf_membro"].upper() == GOOD["cf"].upper()
    it.remove_member(0)
    it.start_repeats_with_first_item()
    assert it.members() == []


def test_the_first_person_holds_only_answers_to_the_persons_own_questions() -> None:
    # A first_item naming no question of the household ("zzz") put an answer on the
    # applicant that the form refused as not its own: no question on screen to correct,
    # the page never went on.
    form = demo()
    form["pages"][2]["fields"][0]["first_item"]["zzz"] = {"value": "x"}
    answers = {k: v for k, v in GOOD.items() if k != "membri"}
    it = wizard(draft(answers=answers, page=2, form=form))
    it.start_repeats_with_first_item()
    [applicant] = it.members()
    assert "zzz" not in applicant and applicant["cf_membro"].upper() == GOOD["cf"].upper()
    it.edit_member(0)
    it.take({"data_nascita": "1941-01-23", "relazione": "dich", "disabilita": False})
    assert it.next() == Outcome.MOVED, [(p.path, p.code) for p in it.problems]


def test_the_applicant_in_the_household_follows_their_corrected_codice_fiscale() -> None:
    """The applicant's row was filled in once: a codice fiscale corrected afterwards on
    the first page stayed old there, and the review asked them to add themselves."""
    answers = {k: v for k, v in GOOD.items() if k != "membri"}
    answers["cf"] = "BNCMTT15B19G224I"  # a slip that is still a valid code
    it = wizard(draft(answers=answers, page=2))
    it.start_repeats_with_first_item()
    assert it.members()[0]["cf_membro"] == "BNCMTT15B19G224I"
    it.go_to_page(0)
    it.take({"cf": GOOD["cf"]})  # corrected
    assert it.next() == Outcome.MOVED
    it.go_to_page(2)
    it.start_repeats_with_first_item()
    assert it.members()[0]["cf_membro"].upper() == GOOD["cf"].upper()
    # Once the citizen has edited that person, their row is theirs.
    it.edit_member(0)
    it.take({"nome_cognome": "Anna Maria Ferraro"})
    assert it.next() == Outcome.MOVED
    it.go_to_page(0)
    it.take({"cf": "BNCMTT15B19G224I"})
    it.go_to_page(2)
    it.start_repeats_with_first_item()
    assert it.members()[0]["nome_cognome"] == "Anna Maria Ferraro"
    assert it.members()[0]["cf_membro"].upper() == GOOD["cf"].upper()


def test_a_person_is_kept_only_when_their_answers_pass() -> None:
    it = wizard(draft(answers=GOOD, page=2))
    before = it.members()
    it.edit_member(None)
    assert it.step == Step.MEMBER and it.person_number() == len(before) + 1
    assert not it.member_changed()
    it.take({"nome_cognome": "Luca Verdi"})
    assert it.member_changed()
    assert it.next() == Outcome.PROBLEMS
    assert "cf_membro" in {p.path for p in it.problems}  # by the question's own name
    assert it.members() == before and it.step == Step.MEMBER
    it.leave_member()
    assert it.step == Step.PAGE and it.member == {} and it.member_before == {}
    it.edit_member(0)
    it.take({"nome_cognome": "Anna Maria Ferraro"})
    assert it.next() == Outcome.MOVED and it.step == Step.PAGE
    assert it.members()[0]["nome_cognome"] == "Anna Maria Ferraro"


def test_a_question_shows_only_when_the_answers_so_far_call_for_it() -> None:
    it = wizard(draft(answers={**GOOD, "sostegni": ["nessuno"]}, page=3))
    amount = next(item for item in it.fields() if item["name"] == "sostegni_importo")
    assert not it.is_shown(amount)
    it.take({"sostegni": ["naspi"]})
    assert it.is_shown(amount)


def test_send_waits_for_every_answer_then_the_confirmation_ends_the_visit() -> None:
    it = wizard(draft(answers={k: v for k, v in GOOD.items() if k != "telefono"}, page=5))
    assert it.step == Step.REVIEW
    it.review()
    assert [p.path for p in it.problems] == ["telefono"]
    assert it.eligibility({}) is None  # nothing to say while answers are missing
    assert it.next() == Outcome.NOTHING and it.step == Step.REVIEW
    it = wizard(draft(answers=GOOD, page=5))
    cleaned = it.review()
    assert it.problems == [] and it.eligibility(cleaned) == []  # every requirement met
    assert it.next() == Outcome.SUBMIT and it.step == Step.SENDING
    assert it.next() == Outcome.NOTHING  # a second tap sends nothing twice
    it.send_failed()
    assert it.step == Step.REVIEW and it.draft is not None  # nothing typed is lost
    assert it.next() == Outcome.SUBMIT
    it.sent(Submitted("u1", "DOM-ABCD-EFGH", "job1"))
    assert it.step == Step.DONE and it.next() == Outcome.FINISHED


def test_an_unmet_requirement_is_named() -> None:
    it = wizard(draft(answers={**GOOD, "patrimonio": 600_000}, page=5))
    [message] = it.eligibility(it.review()) or [None]
    assert message is not None and "5.000" in message["it"]


def test_a_call_that_cannot_be_applied_for_leads_back_to_the_calls() -> None:
    it = wizard(None)
    assert it.step == Step.UNAVAILABLE and it.next() == Outcome.LEAVE


def test_nothing_of_a_visit_is_kept_after_it_ends_or_after_a_confirmation() -> None:
    it = wizard(draft(answers=GOOD, page=2))
    it.edit_member(0)
    it.protocol = "PROT-2026-000001"
    it.forget()
    assert it.draft is None and it.member == {} and it.member_before == {}
    assert it.member_index is None and it.problems == [] and it.protocol is None
    it = wizard(draft(answers=GOOD, page=5))
    it.next()
    it.sent(Submitted("u1", "DOM-ABCD-EFGH", "job1"))
    it.loading()  # the next person opens a call
    assert it.submitted is None and it.draft is None and it.step == Step.LOADING


def test_a_page_an_answer_hid_since_is_no_longer_asked() -> None:
    """Children: yes, 2; back, then no. Their number, now hidden, still led the citizen
    through the page about their school (counted in the steps too), and what was typed
    there was dropped unseen: the check reads the answers without hidden ones."""
    it = ApplyWizard(today=lambda: date(2026, 3, 2))
    it.loading()
    it.opened(Draft("c", {"it": "Bando"}, load_definition(CHILDREN_FORM), frozenset()))
    it.take({"ha_figli": True, "n_figli": 2})
    assert it.next() == Outcome.MOVED and it.draft is not None and it.draft.page == 1
    assert it.progress() == (2, 4)
    assert it.page_back()
    it.take({"ha_figli": False})  # the number stays in the draft, hidden
    assert it.progress() == (1, 3)
    assert not it.is_shown(it.fields()[1])
    assert it.next() == Outcome.MOVED and it.draft.page == 2  # past the school's page


def _text(text: str) -> dict[str, str]:
    return {"it": text}


CHILDREN_FORM = {
    "wfd": 1,
    "id": "figli",
    "version": "1",
    "title": _text("Contributo"),
    "pages": [
        {
            "id": "famiglia",
            "title": _text("Famiglia"),
            "fields": [
                {"name": "ha_figli", "type": "yes_no", "label": _text("Hai figli?")},
                {
                    "name": "n_figli",
                    "type": "integer",
                    "label": _text("Quanti?"),
                    "visible_if": "ha_figli",
                    "required_if": "ha_figli",
                },
            ],
        },
        {
            "id": "scuola",
            "title": _text("Scuola dei figli"),
            "visible_if": "n_figli > 0",
            "fields": [
                {"name": "scuola", "type": "text", "label": _text("Scuola?"), "required": True}
            ],
        },
        {
            "id": "fine",
            "title": _text("Fine"),
            "fields": [
                {"name": "ok", "type": "declaration", "label": _text("Confermo"), "required": True}
            ],
        },
    ],
}


HEAVY = "count_where(membri, count_where(membri, count_where(membri, true)) > 0) > 0"


def test_a_form_of_many_heavy_rules_is_checked_in_bounded_time() -> None:
    """Forty questions on a page, each shown by a rule within an expression's own limit,
    over a household of 14: every keystroke evaluated them all, and held the kiosk's
    screen for a second (a whole check of such a form, half a minute). The steps of one
    check are now shared: past them, the form's rules are "ones it cannot check"."""
    pages: list[dict[str, Any]] = [
        {
            "id": "p1",
            "title": _text("Famiglia"),
            "fields": [
                {
                    "name": "membri",
                    "type": "repeat",
                    "label": _text("Famiglia"),
                    "max": 15,
                    "fields": [{"name": "nome", "type": "text", "label": _text("Nome")}],
                }
            ],
        }
    ]
    for n in range(2, 12):
        questions = [
            {"name": f"q{n}_{i}", "type": "text", "label": _text("?"), "visible_if": HEAVY}
            for i in range(40)
        ]
        pages.append({"id": f"p{n}", "title": _text("Domande"), "fields": questions})
    form = load_definition(
        {"wfd": 1, "id": "f", "version": "1", "title": _text("T"), "pages": pages}
    )
    it = ApplyWizard(today=lambda: date(2026, 3, 2))
    it.loading()
    it.opened(Draft("c", _text("Bando"), form, frozenset()))
    it.take({"membri": [{"nome": f"Persona {n}"} for n in range(14)]})
    it.go_to_page(1)
    start = time.process_time()
    it.are_shown(it.fields())  # a keystroke's work
    keystroke = time.process_time() - start
    start = time.process_time()
    _cleaned, problems = check(form, it.draft.answers, today=date(2026, 3, 2))
    whole = time.process_time() - start
    assert keystroke < 0.5 and whole < 0.5, (keystroke, whole)
    assert {p.code for p in problems} == {"expression"}
    assert problems[0].message("it").startswith("Il modulo non può controllare")


def test_the_answers_kept_to_decide_what_shows_go_with_the_visit() -> None:
    """They were kept after the visit ended (the last citizen's answers in memory), and
    a new draft of another form, with the same answers so far, got the other form's."""
    it = wizard(draft(answers={"cf": GOOD["cf"], "cognome": "Rossi"}))
    it.visible_indexes()
    it.forget()
    assert "Rossi" not in repr(vars(it))
    other = ApplyWizard(today=lambda: date(2026, 3, 2))
    other.loading()
    first = Draft("c", _text("Bando"), load_definition(CHILDREN_FORM), frozenset())
    other.opened(first)
    assert len(other.visible_indexes()) == 2  # the school's page waits for children
    second = Draft("c", _text("Bando"), load_definition(demo()), frozenset())
    other.opened(second)
    assert len(other.visible_indexes()) == len(second.pages)
