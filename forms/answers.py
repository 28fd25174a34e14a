# SPDX-License-Identifier: EUPL-1.2
"""Checking a citizen's answers against a form definition, on the kiosk (page by page, as
they type) and again on the platform (the whole application), with the same code.

``check`` returns the cleaned answers (normalised codes, hidden answers removed,
calculated values filled in) and the problems, each tied to the answer it concerns and
readable in every language of the catalogs. It never decides admission: ``eligibility`` only says
what the call's rules make of the answers, for a provisional hint.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from forms.definition import FormDefinition
from forms.expressions import Budget, ExpressionError, compile_expression
from forms.patterns import full_match
from forms.validators import VALIDATORS, AnswerError
from forms.validators import message as validator_message
from languages import pick
from languages.catalog import QT_TRANSLATE_NOOP, translate
from languages.money import format_euro

VALIDATED_TYPES = {
    "codice_fiscale": "codice_fiscale",
    "iban": "iban_it",
    "phone": "phone",
    "email": "email",
}
TEXT_LIMIT = 4000
# What an application's answers may take as JSON, leaving room for the rest of its
# payload within the contract's 64 KiB (protocol.messages.MAX_PAYLOAD_BYTES).
ANSWERS_MAX_BYTES = 56 * 1024
LONG_ANSWER_BYTES = 1000  # an answer long enough to be told to shorten
# The largest amount a form takes when it says none (€ 100.000.000): a few zeros held
# down too long passed, and overflowed the form's calculations on a later page, where
# the citizen was told of a problem with no answer marked.
MONEY_MAX = 10_000_000_000
# The earliest date a form takes when it says none: one before it is a slip ("0019" for
# "2019"); nobody applying now was born, or did anything, before 1900.
EARLIEST_DATE = date(1900, 1, 1)

MESSAGES: dict[str, str] = {
    "required": QT_TRANSLATE_NOOP("Answers", "This answer is required."),
    "not_text": QT_TRANSLATE_NOOP("Answers", "Please type some text."),
    "too_much_text": QT_TRANSLATE_NOOP(
        "Answers", "The answers are too long altogether: please shorten this one."
    ),
    "pattern": QT_TRANSLATE_NOOP("Answers", "This is not in the required format."),
    "not_a_number": QT_TRANSLATE_NOOP("Answers", "Type a whole number."),
    "not_an_amount": QT_TRANSLATE_NOOP("Answers", "Type an amount in euro, like 150 or 150.50."),
    "too_small": QT_TRANSLATE_NOOP("Answers", "The smallest value allowed is {min}."),
    "too_large": QT_TRANSLATE_NOOP("Answers", "The largest value allowed is {max}."),
    "not_a_date": QT_TRANSLATE_NOOP("Answers", "Type a valid date, like 23/01/1941."),
    "date_too_early": QT_TRANSLATE_NOOP("Answers", "The date cannot be before {min}."),
    "date_too_late": QT_TRANSLATE_NOOP("Answers", "The date cannot be after {max}."),
    "choice": QT_TRANSLATE_NOOP("Answers", "Choose one of the answers offered."),
    "exclusive": QT_TRANSLATE_NOOP(
        "Answers", "“{choice}” cannot be chosen together with other answers."
    ),
    "yes_no": QT_TRANSLATE_NOOP("Answers", "Answer yes or no."),
    "declaration": QT_TRANSLATE_NOOP("Answers", "You need to confirm this declaration to go on."),
    "comune": QT_TRANSLATE_NOOP("Answers", "Choose a Comune from the list."),
    "too_few": QT_TRANSLATE_NOOP("Answers", "Add at least {min}."),
    "too_many": QT_TRANSLATE_NOOP("Answers", "You can add at most {max}."),
    "unknown_answer": QT_TRANSLATE_NOOP("Answers", "This answer is not part of the form."),
    "expression": QT_TRANSLATE_NOOP(
        "Answers", "The form cannot check this answer: please ask the welfare manager."
    ),
}


def _counted(code: str, n: int, lang: str) -> str:
    """A message that counts, in the plural form ``n`` takes: "1 character", not "1
    characters". lupdate reads no count here (marked with QT_TRANSLATE_NOOP it would
    turn them back into one form): kiosk/ui/texts.py's ``Answers`` says them for it."""
    if code == "too_short":
        return translate("Answers", "Type at least %n character(s).", lang, n)
    return translate("Answers", "Type at most %n character(s).", lang, n)


COUNTED = {"too_short": "min", "too_long": "max"}  # each code's counted parameter


def _whole(limit: Any) -> Any:
    """A form's count as a whole number: JSON Schema's "integer" takes 2.0, and a
    length limit written so was said "2.0 characters", and in Arabic (whose plural
    rule gives back the count itself) raised on its message."""
    return int(limit) if isinstance(limit, float) and limit.is_integer() else limit


def number_limit(item: Mapping[str, Any], name: str) -> int | None:
    """A whole number's or an amount's limit ("min", "max"), or None: JSON Schema's
    "integer" takes 100.0 too, which a check for an int alone passed over, so a form's
    limit written so was never applied."""
    limit = _whole(item.get(name))
    return limit if type(limit) is int else None


@dataclass(frozen=True)
class Problem:
    path: str  # "cf", "membri", "membri.2.cf_membro", or "" for the whole form
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    text: Mapping[str, str] | None = None  # the form's own message (constraints, rules)

    def message(self, lang: str) -> str:
        if self.text is not None:
            return pick(self.text, lang)
        if self.code in COUNTED:  # "%n" messages: the count takes the plural form
            return _counted(self.code, self.params[COUNTED[self.code]], lang)
        if self.code in MESSAGES:
            params = {key: _param_text(value, lang) for key, value in self.params.items()}
            return translate("Answers", MESSAGES[self.code], lang).format(**params)
        return validator_message(self.code, lang)


@dataclass
class _Check:
    form: FormDefinition
    today: date
    comuni: Collection[str] | None
    problems: list[Problem] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)  # shared by all its evaluations

    def evaluate(self, expression: str, scope: Mapping[str, Any], path: str) -> Any:
        try:
            return compile_expression(expression).evaluate(scope, self.today, self.budget)
        except ExpressionError:
            self.problems.append(Problem(path, "expression"))
            return None


def check(
    form: FormDefinition,
    answers: Any,  # what a platform or an old draft holds: a Mapping is checked below
    *,
    today: date,
    pages: Collection[str] | None = None,
    comuni: Collection[str] | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """Cleaned answers and problems for ``pages`` (all pages when None).

    Answers that pass are checked once more as cleaned, which is how the platform reads
    them: a constraint met only thanks to an answer that the cleaning then dropped as
    hidden (a later page's, no longer shown) passed here and failed there, after the
    citizen had been told the application was saved."""
    cleaned, problems = _check_once(form, answers, today, pages, comuni)
    if problems:
        return cleaned, problems
    cleaned, problems = _check_once(form, cleaned, today, pages, comuni)
    return cleaned, problems or _too_long_altogether(form, cleaned, pages)


def _utf8_size(text: str) -> int:
    """Bytes of ``text`` in UTF-8, as the contract counts a payload: a lone surrogate
    ("\\ud800", which a JSON escape carries) is counted, not raised on (raised, the
    platform answered "retry" to that record for ever, and its staff page failed)."""
    return len(text.encode("utf-8", "surrogatepass"))


def _too_long_altogether(
    form: FormDefinition, cleaned: Mapping[str, Any], pages: Collection[str] | None
) -> list[Problem]:
    """When the answers together are more than an application carries: the longest
    texts on the pages checked, each told to be shortened (every answer passed on its
    own, and the application then failed to be saved, again and again, with no answer
    to blame)."""
    size = _utf8_size(json.dumps(cleaned, ensure_ascii=False, separators=(",", ":")))
    if size <= ANSWERS_MAX_BYTES:
        return []
    texts = sorted(
        (
            (_utf8_size(cleaned[item["name"]]), item["name"])
            for page in form.data["pages"]
            if pages is None or page["id"] in pages
            for item in page["fields"]
            if item["type"] in ("text", "long_text") and isinstance(cleaned.get(item["name"]), str)
        ),
        reverse=True,
    )
    told, excess = [], size - ANSWERS_MAX_BYTES
    for length, name in texts:
        if length < LONG_ANSWER_BYTES:  # a name or an address is never the one to shorten
            break
        told.append(Problem(name, "too_much_text"))
        excess -= length
        if excess <= 0:
            break
    if not told and pages is None:  # no text to shorten: the review says so
        told.append(Problem("", "too_much_text"))
    return told


def _check_once(
    form: FormDefinition,
    answers: Any,
    today: date,
    pages: Collection[str] | None,
    comuni: Collection[str] | None,
) -> tuple[dict[str, Any], list[Problem]]:
    state = _Check(form, today, comuni)
    if not isinstance(answers, Mapping):
        return {}, [Problem("", "unknown_answer")]
    known = {item["name"] for item in form.fields()}
    cleaned: dict[str, Any] = {k: v for k, v in answers.items() if k in known}
    for name in answers:
        if name not in known:
            state.problems.append(Problem(str(name)[:48], "unknown_answer"))
    _calculate(state, cleaned)
    for page in form.data["pages"]:
        visible = "visible_if" not in page or state.evaluate(page["visible_if"], cleaned, "")
        for item in page["fields"]:
            if not visible or not _visible(state, item, cleaned, item["name"]):
                cleaned.pop(item["name"], None)  # hidden answers are not kept
                continue
            if pages is None or page["id"] in pages:
                _field(state, item, cleaned, cleaned, item["name"])
            else:
                # Another page's answer is cleaned all the same ("FRRNNA 41A63 E592W" as
                # "FRRNNA41A63E592W"), its problems told on its own page: a rule on this
                # page compared the household's cleaned codice fiscale with it as typed,
                # and the citizen could not go on.
                told = len(state.problems)
                _field(state, item, cleaned, cleaned, item["name"])
                del state.problems[told:]
    _calculate(state, cleaned)  # again: cleaning may have changed what they count
    # Each once: a calculation failing in both passes told the citizen twice.
    each_once = {repr(problem): problem for problem in state.problems}
    return cleaned, list(each_once.values())


def shown_answers(form: FormDefinition, answers: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The answers without those of pages and questions they hide, page after page as
    ``check`` drops them: what decides which pages and questions show. ("Children?"
    answered yes, their number typed, then no: the number is hidden, and the page
    about their school, shown when it is above 0, is not asked.)"""
    state = _Check(form, today, None)
    kept = dict(answers)
    _calculate(state, kept)
    for page in form.data["pages"]:
        visible = "visible_if" not in page or state.evaluate(page["visible_if"], kept, "")
        for item in page["fields"]:
            if not visible or not _visible(state, item, kept, item["name"]):
                kept.pop(item["name"], None)
    _calculate(state, kept)
    return kept


def visible_pages(
    form: FormDefinition, answers: Mapping[str, Any], today: date
) -> list[dict[str, Any]]:
    """The pages a citizen goes through with these answers (a page may depend on them)."""
    state = _Check(form, today, None)
    return [p for p in form.data["pages"] if _visible(state, p, answers, "")]


def visible_items(
    form: FormDefinition,
    items: Sequence[Mapping[str, Any]],
    scope: Mapping[str, Any],
    today: date,
) -> list[bool]:
    """Whether each question shows with these answers (``scope`` holds a member's own
    answers over the form's, inside a repeat): together, within one check's steps."""
    state = _Check(form, today, None)
    return [_visible(state, item, scope, "") for item in items]


def eligibility(
    form: FormDefinition, answers: Mapping[str, Any], today: date
) -> list[tuple[str, bool, Mapping[str, str]]]:
    """(hard or soft, met, message) per rule of the call: a hint, never a decision."""
    results = []
    budget = Budget()
    for rule in form.data.get("eligibility", []):
        try:
            met = bool(compile_expression(rule["expr"]).evaluate(answers, today, budget))
        except ExpressionError:
            met = False
        results.append((rule["kind"], met, rule["message"]))
    return results


def _calculate(state: _Check, answers: dict[str, Any]) -> None:
    for item in state.form.fields():
        if item["type"] == "calculated":
            answers[item["name"]] = state.evaluate(item["expr"], answers, item["name"])


def _visible(state: _Check, item: Mapping[str, Any], scope: Mapping[str, Any], path: str) -> bool:
    return "visible_if" not in item or bool(state.evaluate(item["visible_if"], scope, path))


def _bare(text: str) -> str:
    """``text`` without the blanks at its ends, invisible ones too: a zero-width space
    (or a byte-order mark, a word joiner) is no answer, and a required field took one."""
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or unicodedata.category(text[start]) == "Cf"):
        start += 1
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) == "Cf"):
        end -= 1
    return text[start:end]


def _without_controls(text: str, *, lines: bool) -> str:
    """A typed or pasted text without control characters (a NUL, an escape): a line
    break or a tab is a space on one line, and kept in a long text."""
    if text.isprintable():  # the usual case, in C
        return text
    kept = "\n\t" if lines else ""
    return "".join(
        c if c in kept or unicodedata.category(c) != "Cc" else (" " if c.isspace() else "")
        for c in text
    )


def _empty(value: Any) -> bool:
    if isinstance(value, str):
        return _bare(value) == ""
    return value is None or value == [] or value is False


def _field(
    state: _Check,
    item: Mapping[str, Any],
    target: dict[str, Any],
    scope: Mapping[str, Any],
    path: str,
) -> None:
    kind, name = item["type"], item["name"]
    if kind in ("calculated", "note"):
        return
    value = target.get(name)
    if kind == "repeat" and value is None:
        value = []  # no members yet: the repeat's minimum decides
    required = item.get("required", False) or (
        "required_if" in item and bool(state.evaluate(item["required_if"], scope, path))
    )
    if _empty(value) and kind != "yes_no" and kind != "repeat":
        if required:
            state.problems.append(
                Problem(path, "declaration" if kind == "declaration" else "required")
            )
        target.pop(name, None)
        return
    if value is None:
        if required:
            state.problems.append(Problem(path, "required"))
        return
    before = len(state.problems)
    normalised = _typed(state, item, value, scope, path)
    if len(state.problems) > before:
        return
    target[name] = normalised
    constraint = item.get("constraint")
    if constraint and not state.evaluate(constraint["expr"], {**scope, name: normalised}, path):
        state.problems.append(Problem(path, "constraint", text=constraint["message"]))


def _typed(
    state: _Check, item: Mapping[str, Any], value: Any, scope: Mapping[str, Any], path: str
) -> Any:
    kind = item["type"]
    problems = state.problems
    if kind in ("text", "long_text"):
        if not isinstance(value, str) or len(value) > TEXT_LIMIT:
            problems.append(
                Problem(
                    path,
                    "not_text" if not isinstance(value, str) else "too_long",
                    {"max": TEXT_LIMIT},
                )
            )
            return value
        text = _bare(_without_controls(value, lines=kind == "long_text"))
        if len(text) < item.get("min_length", 0):
            problems.append(Problem(path, "too_short", {"min": _whole(item["min_length"])}))
        elif len(text) > item.get("max_length", TEXT_LIMIT):
            problems.append(Problem(path, "too_long", {"max": _whole(item["max_length"])}))
        elif "pattern" in item and not full_match(item["pattern"], text):
            problems.append(Problem(path, "pattern"))
        return text
    if kind in ("integer", "money"):
        low, high = number_limit(item, "min"), number_limit(item, "max")
        if kind == "money" and "max" not in item:
            high = MONEY_MAX
        if type(value) is not int:
            problems.append(Problem(path, "not_an_amount" if kind == "money" else "not_a_number"))
        elif low is not None and value < low:
            problems.append(Problem(path, "too_small", {"min": _shown(kind, low)}))
        elif high is not None and value > high:
            problems.append(Problem(path, "too_large", {"max": _shown(kind, high)}))
        return value
    if kind == "date":
        return _date(state, item, value, path)
    if kind in ("choice", "multi_choice"):
        options = state.form.data["choices"][item["choices"]]
        allowed = {c["value"] for c in options}
        if kind == "choice" and not (isinstance(value, str) and value in allowed):
            problems.append(Problem(path, "choice"))
        if kind == "multi_choice" and not (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) for v in value)
            and len(set(value)) == len(value)
            and all(v in allowed for v in value)
        ):
            problems.append(Problem(path, "choice"))
        elif kind == "multi_choice" and len(value) > 1:
            # "Nessuno" with "Pensione" contradicts itself: an exclusive answer stands alone.
            alone = [c for c in options if c.get("exclusive") and c["value"] in value]
            if alone:
                problems.append(Problem(path, "exclusive", {"choice": alone[0]["label"]}))
        return value
    if kind in ("yes_no", "declaration"):
        if not isinstance(value, bool):
            problems.append(Problem(path, "yes_no"))
        return value
    if kind in VALIDATED_TYPES:
        if not isinstance(value, str) or len(value) > 300:
            problems.append(Problem(path, "not_text"))
            return value
        try:
            return VALIDATORS[VALIDATED_TYPES[kind]](value)
        except AnswerError as error:
            problems.append(Problem(path, error.code))
            return value
    if kind == "comune":
        if not isinstance(value, str) or (state.comuni is not None and value not in state.comuni):
            problems.append(Problem(path, "comune"))
        return value
    if kind == "repeat":
        return _repeat(state, item, value, scope, path)
    return value


@dataclass(frozen=True)
class Amount:
    """A sum of money in a message: written as the reader's language writes money."""

    cents: int


def _shown(kind: str, number: int) -> str | Amount:
    return Amount(number) if kind == "money" else str(number)


def _param_text(value: Any, lang: str) -> Any:
    # A parameter may be the form's own text in several languages (a label), or money.
    if isinstance(value, Mapping):
        return pick(value, lang)
    if isinstance(value, Amount):
        return format_euro(value.cents, lang, cents_if_any=True)
    return value


def _date_limit(limit: str, today: date) -> date:
    if limit == "today":
        return today
    if limit[0] in "+-":
        years = int(limit[1:-1]) * (1 if limit[0] == "+" else -1)
        try:
            return today.replace(year=today.year + years)
        except ValueError:  # 29 February
            return today.replace(year=today.year + years, day=28)
    return date.fromisoformat(limit)


def _date(state: _Check, item: Mapping[str, Any], value: Any, path: str) -> Any:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        state.problems.append(Problem(path, "not_a_date"))
        return value
    low = _date_limit(item["min"], state.today) if "min" in item else EARLIEST_DATE
    if day < low:
        state.problems.append(Problem(path, "date_too_early", {"min": _day_text(low)}))
    elif "max" in item and day > (high := _date_limit(item["max"], state.today)):
        state.problems.append(Problem(path, "date_too_late", {"max": _day_text(high)}))
    return day.isoformat()


def _day_text(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _repeat(
    state: _Check, item: Mapping[str, Any], value: Any, scope: Mapping[str, Any], path: str
) -> Any:
    if not isinstance(value, list) or not all(isinstance(m, Mapping) for m in value):
        state.problems.append(Problem(path, "too_few", {"min": _whole(item.get("min", 1))}))
        return value
    count_ok = False
    if len(value) < item.get("min", 0):
        state.problems.append(Problem(path, "too_few", {"min": _whole(item["min"])}))
    elif len(value) > item.get("max", 50):
        state.problems.append(Problem(path, "too_many", {"max": _whole(item.get("max", 50))}))
    else:
        count_ok = True
    names = {sub["name"] for sub in item["fields"]}
    members = []
    for index, member in enumerate(value, start=1):
        cleaned = {k: v for k, v in member.items() if k in names}
        for extra in set(member) - names:
            state.problems.append(Problem(f"{path}.{index}.{str(extra)[:48]}", "unknown_answer"))
        member_scope = {**scope, **cleaned}
        for sub in item["fields"]:
            sub_path = f"{path}.{index}.{sub['name']}"
            if _visible(state, sub, member_scope, sub_path):
                _field(state, sub, cleaned, member_scope, sub_path)
            else:
                cleaned.pop(sub["name"], None)
        members.append(cleaned)
    if not count_ok:
        return members  # rules about the members wait until there are enough of them
    rule_scope = {**scope, item["name"]: members}
    for rule in item.get("rules", []):
        if not state.evaluate(rule["expr"], rule_scope, path):
            state.problems.append(Problem(path, "rule", text=rule["message"]))
    return members
