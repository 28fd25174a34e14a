# SPDX-License-Identifier: EUPL-1.2
"""The review step of an application, without Qt: what the citizen reads back before
"Send", in their language.

Which answers are shown (the pages their answers lead through; never values the form
calculates, notes or questions left aside), each as "question: answer" with choices as
their labels and dates and amounts the Italian way; the household, one line a person;
what is still missing, under the part to complete; the call's requirements these answers
seem not to meet; and the amount the call's form computes from them. The view
(kiosk/ui/screens/apply.py) only lays this out (tests/kiosk/test_apply_review.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from forms.answers import Problem
from forms.expressions import ExpressionError, amount_cents, compile_expression
from kiosk.core.answer_input import amount_text, date_text
from kiosk.core.apply_wizard import ApplyWizard
from languages import left_to_right, pick
from languages.catalog import QT_TRANSLATE_NOOP, translate
from languages.money import format_euro

Option = tuple[Any, Mapping[str, str]]  # an answer value and its label in each language

# The answer words share the form fields' context: the same words the questions offer.
FIELDS = "FormFields"
NO_ANSWER = QT_TRANSLATE_NOOP("FormFields", "(no answer)")
YES, NO = QT_TRANSLATE_NOOP("FormFields", "Yes"), QT_TRANSLATE_NOOP("FormFields", "No")
CONFIRMED = QT_TRANSLATE_NOOP("FormFields", "Confirmed")
NOT_CONFIRMED = QT_TRANSLATE_NOOP("FormFields", "Not confirmed")

REVIEW = "ApplicationReview"
PERSON = QT_TRANSLATE_NOOP("ApplicationReview", "Person {n}: {who}")
NOBODY_YET = QT_TRANSLATE_NOOP("ApplicationReview", "(no answers yet)")
UNMET = QT_TRANSLATE_NOOP("ApplicationReview", "Please note: {reasons}")
MET = QT_TRANSLATE_NOOP(
    "ApplicationReview",
    "From your answers you seem to meet the requirements. The Comune will decide.",
)
AMOUNT = QT_TRANSLATE_NOOP(
    "ApplicationReview",
    "From your answers the amount would be {amount}. The Comune decides the amount it grants.",
)

# Values the form keeps for itself: never read back to the citizen as answers.
NOT_SHOWN = ("calculated", "note")


# A question's own ending signs, as every language of the kiosk writes them: Chinese
# full-width ones, the Arabic question mark.
ASKING = "?？؟!！"
CLOSING = ".。"
COLONS = ":："


def review_line(question: str, answer: str) -> str:
    """A question and its answer on one line: "Nome: Anna", "Hai figli? Sì" (never a
    stray "?:", ".:", "？:", "。:" or "؟:" after a question that ends in its own sign)."""
    question = question.rstrip().rstrip(COLONS).rstrip()
    if question.endswith(tuple(ASKING)):
        return f"{question} {answer}"
    return f"{question.rstrip(CLOSING).rstrip()}: {answer}"


def answer_text(
    item: Mapping[str, Any],
    value: Any,
    choices: Mapping[str, Sequence[Mapping[str, Any]]],
    comuni: Sequence[Option],
    lang: str,
) -> str:
    """An answer as the citizen reads it back: labels for choices, dates and amounts the
    Italian way, "Sì"/"No"."""
    kind = item["type"]
    if value is None or value == [] or value == "":
        return translate(FIELDS, NO_ANSWER, lang)
    if kind in ("choice", "multi_choice", "comune"):
        options = (
            comuni
            if kind == "comune"
            else [(c["value"], c["label"]) for c in choices[item["choices"]]]
        )
        labels = {v: pick(text, lang) for v, text in options}
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, str(v)) for v in chosen)
    if kind == "declaration":
        return translate(FIELDS, CONFIRMED if value is True else NOT_CONFIRMED, lang)
    if kind == "yes_no":
        return translate(FIELDS, YES if value is True else NO, lang)
    # Codes, numbers, dates and amounts stay left to right inside Arabic text.
    if kind == "money" and type(value) is int:
        # As typed in Italian ("€ 1.200"); in another language as it reads money, the
        # same way as every other amount on the page (a dot is a decimal point in English).
        if lang == "it":
            return f"€ {amount_text(value)}"
        return format_euro(value, lang)
    if kind == "date":
        return left_to_right(date_text(value), lang)
    return str(value) if kind in ("text", "long_text") else left_to_right(str(value), lang)


def describe_member(
    repeat: Mapping[str, Any],
    member: Mapping[str, Any],
    choices: Mapping[str, Sequence[Mapping[str, Any]]],
    comuni: Sequence[Option],
    lang: str,
) -> str:
    """One line about a person: the first few answers given about them."""
    parts = [
        answer_text(item, member[item["name"]], choices, comuni, lang)
        for item in repeat["fields"]
        if item["name"] in member and item["type"] not in ("yes_no", "declaration")
    ]
    return " · ".join(parts[:4]) or translate(REVIEW, NOBODY_YET, lang)


@dataclass(frozen=True)
class ReviewLine:
    text: str
    heading: bool = False  # a household's question, over one line per person


@dataclass(frozen=True)
class ReviewSection:
    """One page of the form as the review shows it; "Change" goes back to ``page``."""

    page: int
    page_id: str
    title: str
    lines: tuple[ReviewLine, ...]
    missing: tuple[str, ...]  # what to complete on this page, in the citizen's words


@dataclass(frozen=True)
class Review:
    sections: tuple[ReviewSection, ...]
    problems: tuple[Problem, ...]  # while any is left, Send waits
    elsewhere: tuple[str, ...]  # problems of the whole form, on no page of their own
    hint: str  # the call's requirements against these answers ("": nothing to say)
    amount_cents: int | None  # what the call's form computes (None: no formula, or not yet)
    amount_line: str  # the amount as the citizen reads it ("" with no amount)

    @property
    def complete(self) -> bool:
        return not self.problems


def review(wizard: ApplyWizard, comuni: Sequence[Option], lang: str) -> Review:
    """The review of the wizard's draft in ``lang``; it also leaves what is missing in
    ``wizard.problems``, where Send looks for it."""
    draft = wizard.draft
    assert draft is not None
    choices = draft.form.data.get("choices", {})
    cleaned = wizard.review()
    problems = tuple(wizard.problems)
    page_of = {item["name"]: i for i, page in enumerate(draft.pages) for item in page["fields"]}
    shown = wizard.visible_indexes()
    missing: dict[int, list[str]] = {}
    elsewhere: list[str] = []
    for problem in problems:
        index = page_of.get(problem.path.split(".")[0])
        if index in shown:
            missing.setdefault(index, []).append(_problem_line(draft.pages[index], problem, lang))
        else:
            elsewhere.append(problem.message(lang))
    sections = []
    for index in shown:
        page = draft.pages[index]
        lines: list[ReviewLine] = []
        for item in page["fields"]:
            if item["type"] in NOT_SHOWN or item["name"] not in cleaned:
                continue
            value = cleaned[item["name"]]
            question = pick(item["label"], lang)
            if item["type"] == "repeat":
                lines.append(ReviewLine(question, heading=True))
                lines += [
                    ReviewLine(
                        translate(REVIEW, PERSON, lang).format(
                            n=n, who=describe_member(item, member, choices, comuni, lang)
                        )
                    )
                    for n, member in enumerate(value, start=1)
                ]
                continue
            shown_value = answer_text(item, value, choices, comuni, lang)
            lines.append(ReviewLine(review_line(question, shown_value)))
        sections.append(
            ReviewSection(
                index,
                str(page["id"]),
                pick(page["title"], lang),
                tuple(lines),
                tuple(missing.get(index, [])),
            )
        )
    amount = _amount(wizard, cleaned)
    unmet = wizard.eligibility(cleaned)
    return Review(
        tuple(sections),
        problems,
        tuple(elsewhere),
        _hint(unmet, lang),
        amount,
        ""
        if amount is None
        else translate(REVIEW, AMOUNT, lang).format(amount=format_euro(amount, lang)),
    )


def _problem_line(page: Mapping[str, Any], problem: Problem, lang: str) -> str:
    """ "Nome: this answer is needed"; a person's problem names the question about them."""
    parts = problem.path.split(".")
    item = next(f for f in page["fields"] if f["name"] == parts[0])
    if len(parts) == 3 and item["type"] == "repeat":
        sub = next((f for f in item["fields"] if f["name"] == parts[2]), None)
        if sub is not None and "label" in sub:  # a calculated value has none
            person = translate(REVIEW, PERSON, lang).format(
                n=parts[1], who=pick(sub["label"], lang)
            )
            return review_line(person, problem.message(lang))
    return review_line(pick(item.get("label") or {"it": item["name"]}, lang), problem.message(lang))


def _hint(unmet: list[Mapping[str, str]] | None, lang: str) -> str:
    if unmet is None:
        return ""
    if unmet:
        reasons = " ".join(pick(message, lang) for message in unmet)
        return translate(REVIEW, UNMET, lang).format(reasons=reasons)
    return translate(REVIEW, MET, lang)


def _amount(wizard: ApplyWizard, cleaned: Mapping[str, Any]) -> int | None:
    """The amount in cents the call's form computes from complete answers that meet its
    requirements: a hint, as for the Comune's staff; the Comune decides."""
    draft = wizard.draft
    assert draft is not None
    formula = draft.form.data.get("amount")
    unmet = wizard.eligibility(dict(cleaned))
    if not formula or wizard.problems or unmet:
        return None
    try:
        value = compile_expression(formula["expr"]).evaluate(cleaned, wizard.today())
    except ExpressionError:
        return None
    return amount_cents(value)
