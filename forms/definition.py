# SPDX-License-Identifier: EUPL-1.2
"""Form definitions (WFD 1): checked against the JSON Schema, then for meaning.

The JSON Schema (``forms/schema/wfd-1.schema.json``) says what a definition looks like;
this module adds what a schema cannot: names unique, choice lists and answers that exist,
expressions that compile in the form language, patterns that compile, date limits that
read. Kiosk and platform load every definition through ``load_definition``, so both
refuse the same bad forms with the same reasons. A definition is immutable per
``id@version``; its SHA-256 over canonical JSON goes with every application.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from forms.expressions import FUNCTIONS, ExpressionError, compile_expression
from forms.patterns import PatternError, compiled

SCHEMA_PATH = Path(__file__).parent / "schema" / "wfd-1.schema.json"
# Levels of lists and objects in a definition: the format needs 8 (a rule's text in a
# field of a repeat); the schema's own check recurses, and died past about 300.
MAX_NESTING = 16
DATE_LIMIT = re.compile(r"today|[+-][0-9]{1,3}y|[0-9]{4}-[0-9]{2}-[0-9]{2}")
EXPRESSION_KEYS = ("visible_if", "required_if", "expr")
_SURROGATE = re.compile("[\ud800-\udfff]")


class DefinitionError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("the form definition has problems:\n  " + "\n  ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class FormDefinition:
    data: dict[str, Any] = field(repr=False)
    sha256: str

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def version(self) -> str:
        return str(self.data["version"])

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def fields(self) -> Iterator[dict[str, Any]]:
        """Every top-level field, page by page."""
        for page in self.data["pages"]:
            yield from page["fields"]


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def canonical_sha256(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


MAX_REF = 64  # "id@version" is the record id on the wire and in the mirror


def definition_records(folder: Path) -> list[dict[str, Any]]:
    """The form files of a folder as published records: {"id": "id@version", ...}."""
    records = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        records.append({"id": f"{data['id']}@{data['version']}", "definition": data})
    return records


def _where(path: Iterable[Any]) -> str:
    """The place of a problem; a name the sender chose is cut short, never repeated whole."""
    parts = [str(part) if len(str(part)) <= 40 else f"{str(part)[:40]}…" for part in path]
    return "/".join(parts) or "(top)"


def _what_is_wrong(error: Any) -> str:
    """A schema rule broken, in words from the schema alone: jsonschema's own message
    quotes the value sent (a codice fiscale, ten thousand characters), which an answer
    must never repeat."""
    rule, wanted = error.validator, error.validator_value
    if rule == "type":
        kinds = wanted if isinstance(wanted, list) else [wanted]
        return f"must be of type {' or '.join(map(str, kinds))}"
    if rule == "required":  # the names missing, as the schema spells them
        given = error.instance if isinstance(error.instance, dict) else {}
        return f"must have {', '.join(str(name) for name in wanted if name not in given)}"
    if rule == "additionalProperties":
        return "has a property the form format does not know"
    if rule in ("enum", "const"):
        allowed = wanted if isinstance(wanted, list) else [wanted]
        return f"must be one of {', '.join(map(repr, allowed))}"[:200]
    if rule in ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"):
        return f"breaks {rule} {wanted}"
    said = error.schema.get("$comment") if isinstance(error.schema, dict) else None
    if rule == "pattern" and isinstance(said, str):  # the schema says what its pattern means
        return f"is not valid: {said}"
    return f"is not valid ({rule})"


def load_definition(data: Any, *, new: bool = False, published: bool = False) -> FormDefinition:
    """A checked definition, or DefinitionError listing every problem found; ``new``:
    one being published, held to the checks added since forms were first published.
    ``published``: one the platform published already, read to take its applications
    and show them, without the checks of the order its questions are shown in (a kiosk
    refuses such a form, but what citizens sent on one is still theirs: refused when
    read, its call's applications, some queued on kiosks, were refused for good)."""
    from jsonschema import Draft202012Validator  # imported here: off the kiosk's start-up

    if _nested_deeper_than(data, MAX_NESTING):
        raise DefinitionError([f"nested more than {MAX_NESTING} levels deep"])
    if too_long := _lists_too_long(data):
        raise DefinitionError(too_long[:20])
    if (half := _half_character(data)) is not None:
        raise DefinitionError([f"{_where(half)}: holds half a character (a lone surrogate)"])
    validator = Draft202012Validator(schema())
    problems = list(
        dict.fromkeys(  # in order, each once
            f"{_where(error.absolute_path)}: {_what_is_wrong(error)}"
            for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
        )
    )
    if problems:
        raise DefinitionError(problems[:20])
    problems = _meaning_problems(data)
    if not published:
        problems += _order_problems(data)
    if new:
        problems += _new_definition_problems(data)
    if len(f"{data['id']}@{data['version']}") > MAX_REF:
        problems.append(f"id@version: longer than {MAX_REF} characters")
    if problems:
        raise DefinitionError(problems)
    return FormDefinition(data=data, sha256=canonical_sha256(data))


def _meaning_problems(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    choices = set(data.get("choices", {}))
    top_level: list[str] = []
    inner: set[str] = set()
    page_ids = [page["id"] for page in data["pages"]]
    if len(set(page_ids)) != len(page_ids):
        problems.append("pages: two pages have the same id")
    for page in data["pages"]:
        if sum(item["type"] == "repeat" for item in page["fields"]) > 1:
            # The kiosk edits one list of people (or things) per page.
            problems.append(f"{page['id']}: a page holds at most one repeat")
        for item in page["fields"]:
            top_level.append(item["name"])
            sub = [f["name"] for f in item.get("fields", [])]
            if len(set(sub)) != len(sub):
                problems.append(f"{item['name']}: two fields of the repeat have the same name")
            inner.update(sub)
    duplicates = sorted({n for n in top_level if top_level.count(n) > 1})
    if duplicates:
        problems.append(f"fields with the same name: {', '.join(duplicates)}")
    known = set(top_level) | inner
    for where, expression in _expressions(data):
        try:
            compiled_expression = compile_expression(expression)
            names = compiled_expression.names()
        except ExpressionError as error:
            problems.append(f"{where}: {error}")
            continue
        for pattern in _regex_patterns(compiled_expression.tree):
            try:
                compiled(pattern)
            except PatternError as error:
                problems.append(f"{where}: the regex pattern is not accepted ({error})")
        unknown = sorted(names - known - FUNCTIONS.keys())
        if unknown:
            problems.append(f"{where}: refers to unknown answers {', '.join(unknown)}")
    for where, item in _all_fields(data):
        if "choices" in item and item["choices"] not in choices:
            problems.append(f"{where}: no choice list named {item['choices']!r}")
        if "pattern" in item:
            try:
                compiled(item["pattern"])
            except PatternError as error:
                problems.append(f"{where}: the pattern is not accepted ({error})")
        for limit in ("min", "max"):
            value = item.get(limit)
            if value is None:
                continue
            if item["type"] == "date" and not _date_limit(value):
                problems.append(f"{where}: {limit} {value!r} is not a date limit")
            elif item["type"] != "date" and isinstance(value, str):
                problems.append(f"{where}: {limit} {value!r} is a date limit of a non-date")
        if item["type"] == "repeat" and where.count("/") > 1:
            problems.append(f"{where}: a repeat cannot hold another repeat")
    return problems


def _order_problems(data: dict[str, Any]) -> list[str]:
    """Questions that cannot be shown in the form's order: one shown only once it is
    answered, or by an answer asked after it."""
    problems = [f"{name}: shown only once it is answered" for name in _waiting_on_itself(data)]
    return problems + _shown_by_later_answers(data)


# Where a question stands in the form: (page, field, field of a repeat; -1 for none).
Place = tuple[int, int, int]


def _shown_by_later_answers(data: dict[str, Any]) -> list[str]:
    """Conditions that read an answer asked after them: pages and questions are shown
    (and their answers kept) in order, each deciding with the answers before it, so a
    question shown by a later page's answer was never asked on its own page, and one
    shown by a later answer of its page, hidden by another, was then required unseen."""
    places = _places(data)
    settled = _settled_places(data, places)
    problems = []
    for where, place, expression in _conditions(data):
        late = sorted(
            name
            for name in _names_in(expression)
            if name in settled and settled[name] >= place and places[name] != place
        )
        if late:
            problems.append(f"{where}: depends on answers asked after it ({', '.join(late)})")
    return problems


def _places(data: dict[str, Any]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for at, page in enumerate(data["pages"]):
        for number, item in enumerate(page["fields"]):
            places.setdefault(item["name"], (at, number, -1))
            for inner, sub in enumerate(item.get("fields", [])):
                places.setdefault(sub["name"], (at, number, inner))
    return places


def _settled_places(data: dict[str, Any], places: dict[str, Place]) -> dict[str, Place]:
    """Where each answer is known: a calculated one (worked out, in the form's order,
    before any page is shown) once the last answer it reads is."""
    settled = dict(places)
    for page in data["pages"]:
        for item in page["fields"]:
            if item["type"] == "calculated" and places[item["name"]] == settled[item["name"]]:
                reads = _names_in(item.get("expr")) & places.keys()
                settled[item["name"]] = max((settled[n] for n in reads), default=(-1, -1, -1))
    return settled


def _conditions(data: dict[str, Any]) -> Iterator[tuple[str, Place, Any]]:
    """Every ``visible_if``, where it is written and the place it decides for."""
    for at, page in enumerate(data["pages"]):
        if "visible_if" in page:
            yield f"{page['id']} visible_if", (at, -1, -1), page["visible_if"]
        for number, item in enumerate(page["fields"]):
            where = f"{page['id']}/{item['name']}"
            if "visible_if" in item:
                yield f"{where} visible_if", (at, number, -1), item["visible_if"]
            for inner, sub in enumerate(item.get("fields", [])):
                if "visible_if" in sub:
                    place = (at, number, inner)
                    yield f"{where}/{sub['name']} visible_if", place, sub["visible_if"]


def _waiting_on_itself(data: dict[str, Any]) -> list[str]:
    """Fields whose ``visible_if`` (or their page's) waits, through others or directly,
    on their own answer: a hidden field is never answered, so it is never shown (the
    applicant's codice fiscale was never asked, the page shown empty)."""
    waits: dict[str, set[str]] = {}
    for page in data["pages"]:
        on_page = _names_in(page.get("visible_if"))
        for item in page["fields"]:
            outer = on_page | _names_in(item.get("visible_if"))
            waits.setdefault(item["name"], set()).update(outer)
            for sub in item.get("fields", []):
                waits.setdefault(sub["name"], set()).update(outer, _names_in(sub.get("visible_if")))
    looping = []
    for name in waits:  # a few hundred fields at most (the schema's limits)
        seen, pending = set(), list(waits[name])
        while pending:
            other = pending.pop()
            if other == name:
                looping.append(name)
                break
            if other not in seen:
                seen.add(other)
                pending += waits.get(other, ())
    return looping


def _names_in(expression: Any) -> set[str]:
    """The answers an expression reads; none for one that does not compile (reported
    on its own)."""
    if not isinstance(expression, str):
        return set()
    try:
        return set(compile_expression(expression).names())
    except ExpressionError:
        return set()


def _new_definition_problems(data: dict[str, Any]) -> list[str]:
    """What a definition being published may no longer say, though one published before
    these checks may (it is read as ever: refused when read, its call's applications,
    some queued on kiosks, were refused for good): limits no answer can meet, and two
    answers of a choice list with the same value."""
    problems = [
        problem for where, item in _all_fields(data) for problem in _contradictions(where, item)
    ]
    for name, options in data.get("choices", {}).items():
        values = [option["value"] for option in options]
        if len(set(values)) != len(values):
            problems.append(f"choices/{name}: two answers have the same value")
    return problems


def _contradictions(where: str, item: dict[str, Any]) -> list[str]:
    """Limits no answer can meet (at least 10 characters and at most 5): the citizen
    would be told to fix what cannot be fixed."""
    pairs = [("min_length", "max_length")]
    if item["type"] == "repeat":
        low, high = item.get("min", 0), item.get("max", 50)  # forms.answers' default
        return [f"{where}: min {low} is above max {high}"] if low > high else []
    pairs.append(("min", "max"))
    problems = []
    for low_name, high_name in pairs:
        low, high = item.get(low_name), item.get(high_name)
        if item["type"] == "date" and low_name == "min":
            low, high = _comparable_day(low), _comparable_day(high)
            if low is None or high is None or isinstance(low, str) != isinstance(high, str):
                continue  # a day against a span from today: that depends on the day
        if _above(low, high):
            problems.append(f"{where}: {low_name} is above {high_name}")
    return problems


def _above(low: object, high: object) -> bool:
    """``low > high`` for two limits of one kind (numbers, days, spans); False else."""
    if isinstance(low, bool) or isinstance(high, bool):
        return False
    if isinstance(low, int | float) and isinstance(high, int | float):
        return low > high
    if isinstance(low, str) and isinstance(high, str):
        return low > high
    return isinstance(low, date) and isinstance(high, date) and low > high


def _comparable_day(limit: object) -> date | str | None:
    """A date limit put where limits of its kind compare: a calendar day as it is, a
    span from today ("today", "-18y") as the day it gives from a fixed day (as text,
    so a span and a calendar day never compare)."""
    if not isinstance(limit, str) or not _date_limit(limit):
        return None
    if limit[0].isdigit():
        return date.fromisoformat(limit)
    years = 0 if limit == "today" else int(limit[:-1])
    return f"{2000 + years:04d}"


def _regex_patterns(tree: ast.expr) -> Iterator[str]:
    """The patterns written in an expression's ``regex(text, "pattern")`` calls."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "regex"
            and len(node.args) == 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            yield node.args[1].value


def _date_limit(value: object) -> bool:
    """ "today", "-18y", "+1y" or a calendar day ("2026-02-30" is none)."""
    if not isinstance(value, str) or not DATE_LIMIT.fullmatch(value):
        return False
    if value[0].isdigit():
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
    return True


def _lists_too_long(data: Any) -> list[str]:
    """The lists of pages, fields and choices longer than the schema allows, found
    before the schema's whole check: that check looks at every item of a list already
    too long (a platform's form of 3,000 fields on a page took 4 s to refuse, a page
    of such forms minutes of the sync's processor time)."""
    if not isinstance(data, dict):
        return []  # the schema's check says what is wrong
    rules, fields_rule = schema()["properties"], schema()["$defs"]["field"]["properties"]
    most_fields = rules["pages"]["items"]["properties"]["fields"]["maxItems"]
    found: list[tuple[str, Any, int]] = [
        ("pages", data.get("pages"), rules["pages"]["maxItems"]),
        ("eligibility", data.get("eligibility"), rules["eligibility"]["maxItems"]),
    ]
    choices = data.get("choices")
    if isinstance(choices, dict):
        most = rules["choices"]["additionalProperties"]["maxItems"]
        found += [(f"choices/{name}", listed, most) for name, listed in choices.items()]
    pages = data.get("pages")
    pages = pages[: rules["pages"]["maxItems"]] if isinstance(pages, list) else []
    for at, page in enumerate(pages):
        fields = page.get("fields") if isinstance(page, dict) else None
        found.append((f"pages/{at}/fields", fields, most_fields))
        for number, item in enumerate(fields[:most_fields] if isinstance(fields, list) else []):
            inner = item.get("fields") if isinstance(item, dict) else None
            where = f"pages/{at}/fields/{number}/fields"
            found.append((where, inner, fields_rule["fields"]["maxItems"]))
    return [
        f"{_where(where.split('/'))}: breaks maxItems {most}"
        for where, listed, most in found
        if isinstance(listed, list) and len(listed) > most
    ]


def _half_character(data: Any) -> list[Any] | None:
    """The place of the first text (or name) holding a lone surrogate, which a JSON
    escape ("\\ud800") carries: no UTF-8 holds it, and the definition's hash, or its
    pattern given to RE2, raised UnicodeEncodeError instead of refusing it."""
    pending: list[tuple[Any, list[Any]]] = [(data, [])]
    while pending:
        value, path = pending.pop()
        if isinstance(value, str) and not value.isprintable() and _SURROGATE.search(value):
            return path
        if isinstance(value, dict):
            for key, child in value.items():
                pending += [(key, path), (child, [*path, key])]
        elif isinstance(value, list):
            pending.extend((child, [*path, at]) for at, child in enumerate(value))
    return None


def _nested_deeper_than(data: Any, limit: int) -> bool:
    """Whether lists and objects in ``data`` nest more than ``limit`` deep (walked
    without recursion: a definition nested thousands deep is refused, not a crash)."""
    pending: list[tuple[Any, int]] = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth >= limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
    return False


def _all_fields(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for page in data["pages"]:
        for item in page["fields"]:
            yield f"{page['id']}/{item['name']}", item
            for sub in item.get("fields", []):
                yield f"{page['id']}/{item['name']}/{sub['name']}", sub


def _expressions(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for page in data["pages"]:
        if "visible_if" in page:
            yield f"{page['id']} visible_if", page["visible_if"]
    for where, item in _all_fields(data):
        for key in EXPRESSION_KEYS:
            if key in item:
                yield f"{where} {key}", item[key]
        if "constraint" in item:
            yield f"{where} constraint", item["constraint"]["expr"]
        for number, rule in enumerate(item.get("rules", []), start=1):
            yield f"{where} rule {number}", rule["expr"]
    for number, rule in enumerate(data.get("eligibility", []), start=1):
        yield f"eligibility {number}", rule["expr"]
    if "amount" in data:
        yield "amount", data["amount"]["expr"]
