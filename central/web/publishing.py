# SPDX-License-Identifier: EUPL-1.2
"""Comune staff publish and withdraw their own services and calls on the web desk.

A form's fields become a record of the wire contract (protocol/records.py), checked
field by field with the contract's own types (``field_problems``, the types the admin
API and every kiosk apply) and then published through the platform's catalog, which
validates it once more and checks its references, in the transaction that writes the
audit row: a record is never published without its row, nor refused with one.

Whose record is it: a call is a Comune's when its ``comune`` is one of the member's; a
service when it is offered only to residents of the member's Comuni (``residents_of``).
Network-wide records, and services shared with other Comuni, are the network's and stay
with its administrators. A new record may not take an identifier already in use (it
would overwrite someone else's), nor one ever published before, withdrawn since
(``ever_published``): kiosks work offline, so an application to a withdrawn call can
still arrive, and under a reused identifier it went to the new call and its Comune (a
shop scoped to a service id would take the new service's buoni). Fields a form does
not show (other languages, the privacy notice, payments) are kept from the published
record when it is edited.

Withdrawing a service publishes its tombstone: kiosks drop it at their next pull. A call
that has received applications is closed now rather than deleted, so its applications
and the citizens' look-ups keep its title; a call without any is deleted.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from central.models import Change, Record
from central.platform import Platform, PublishError
from central.web import audit
from central.web.accounts import Merchant
from protocol import records
from protocol.states import Booking, CallKind, Unit

KINDS = ("services", "calls")
LANGUAGES = ("it", "en")  # the languages the forms edit; others are kept as they are
MAX_LINES = 30  # eligibility, documents: the contract's limit of items


@dataclass(frozen=True)
class Problem:
    """A field of the form (None: the whole record) and what is wrong, by code (the
    desk's strings say it in words: ``problem_<code>``)."""

    field: str | None
    code: str
    limit: int | None = None
    text: str = ""


class PublishRefusedError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


# The form's field for a place in the record (the record's field, or field and language).
SERVICE_FIELDS = (
    "id",
    "title_it",
    "title_en",
    "description_it",
    "description_en",
    "category",
    "provider",
    "booking",
    "price",
    "unit",
    "residents_of",
    "keywords",
)
CALL_FIELDS = (
    "id",
    "comune",
    "kind",
    "title_it",
    "title_en",
    "description_it",
    "description_en",
    "opens_at",
    "closes_at",
    "budget",
    "form",
    "eligibility",
    "documents",
)
FIELDS = {"services": SERVICE_FIELDS, "calls": CALL_FIELDS}
RENAMED = {"price_cents": "price", "budget_cents": "budget"}
CHOICES = {
    "booking": [b.value for b in Booking],
    "unit": [u.value for u in Unit],
    "kind": [k.value for k in CallKind],
}


def field_of(kind: str, loc: tuple[int | str, ...]) -> str | None:
    """The form field showing a place of the record; None when no field shows it."""
    if not loc or not isinstance(loc[0], str):
        return None
    name = RENAMED.get(loc[0], loc[0])
    if name in ("title", "description"):
        language = loc[1] if len(loc) > 1 else "it"  # the Italian text is the one missing
        name = f"{name}_{language}"
    return name if name in FIELDS[kind] else None


def is_theirs(kind: str, record: Mapping[str, Any], comuni: list[str]) -> bool:
    if kind == "calls":
        return record.get("comune") in comuni
    residents = record.get("residents_of") or []
    return bool(residents) and all(comune in comuni for comune in residents)


def own_records(platform: Platform, kind: str, comuni: list[str]) -> list[dict[str, Any]]:
    """The member's records of a kind, by Italian title."""
    mine = [r for r in platform.records(kind).values() if is_theirs(kind, r, comuni)]
    return sorted(mine, key=lambda r: (str(r.get("title", {}).get("it", "")).lower(), r["id"]))


def own_record(
    platform: Platform, kind: str, record_id: str, comuni: list[str]
) -> dict[str, Any] | None:
    found = platform.records(kind).get(record_id)  # one kind: tens to thousands of rows
    return found if found is not None and is_theirs(kind, found, comuni) else None


def form_values(platform: Platform, kind: str, record: Mapping[str, Any]) -> dict[str, str]:
    """What the form shows for a published record."""
    values = {name: "" for name in FIELDS[kind]}
    values["id"] = str(record.get("id", ""))
    for name in ("title", "description"):
        for language in LANGUAGES:
            values[f"{name}_{language}"] = str((record.get(name) or {}).get(language, ""))
    for name in ("category", "provider", "booking", "unit", "comune", "kind", "form"):
        if name in values:
            values[name] = str(record.get(name) or "")
    for name, key in (("price", "price_cents"), ("budget", "budget_cents")):
        cents = record.get(key)
        if name in values and isinstance(cents, int):
            values[name] = f"{cents // 100},{cents % 100:02d}"
    if kind == "services":
        values["residents_of"] = "|".join(record.get("residents_of") or [])
        values["keywords"] = ", ".join(record.get("keywords") or [])
    else:
        for name in ("opens_at", "closes_at"):
            if record.get(name):
                moment = datetime.fromisoformat(str(record[name])).astimezone(platform.time_zone)
                values[name] = f"{moment:%Y-%m-%dT%H:%M}"
        for name in ("eligibility", "documents"):
            values[name] = "\n".join(_italian(item) for item in record.get(name) or [])
    return values


def _texts(
    fields: Mapping[str, list[str]], name: str, current: Mapping[str, Any]
) -> dict[str, str]:
    """A text in several languages: the form's, over the published record's others. An
    empty English text is no English text; an empty Italian one stays (the contract
    says whether it may be empty)."""
    texts = {k: v for k, v in (current.get(name) or {}).items() if k not in LANGUAGES}
    for language in LANGUAGES:
        value = _one(fields, f"{name}_{language}").strip()
        if value or language == "it":
            texts[language] = value
    return texts


def _one(fields: Mapping[str, list[str]], name: str) -> str:
    values = fields.get(name) or [""]
    return values[0].replace("\r\n", "\n")


# Euros as an Italian office types them: "40.000,00", "40000", "6,5"; also "40000.00".
EUROS = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d{1,10})(?:[.,](\d{1,2}))?$")


def parse_euros(text: str) -> int | None:
    """Cents from euros typed with or without thousands dots; None if not an amount."""
    found = EUROS.match(text.replace(" ", "").replace("€", ""))
    if found is None:
        return None
    whole = int(found.group(1).replace(".", ""))
    return whole * 100 + int((found.group(2) or "0").ljust(2, "0"))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _italian(item: Any) -> str:
    """A call's list item as the desk shows it: its Italian text."""
    return str(item.get("it", "")) if isinstance(item, Mapping) else str(item)


def _kept_languages(lines: list[str], published: Any) -> list[Any]:
    """The desk's lines (Italian), each keeping the other languages the published item
    with the same Italian text had: an edit of one line loses no other's translations."""
    translated = {_italian(item): item for item in published or [] if isinstance(item, Mapping)}
    return [translated.get(line, line) for line in lines]


def _moment(platform: Platform, text: str) -> str | None:
    """A date and time as a ``datetime-local`` field sends it, in the platform's time
    zone, as the contract's ISO text with its offset; None when it is not one."""
    try:
        naive = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if naive.tzinfo is not None or len(text.strip()) > 19:
        return None
    return naive.replace(tzinfo=platform.time_zone).isoformat()


def record_from_form(
    platform: Platform,
    kind: str,
    fields: Mapping[str, list[str]],
    current: Mapping[str, Any] | None,
) -> tuple[dict[str, Any], list[Problem]]:
    """The record a form describes (over the published one, when editing), and the
    problems of the fields the contract cannot judge by itself (an amount, a date)."""
    record: dict[str, Any] = dict(current or {})
    problems: list[Problem] = []
    record["id"] = current["id"] if current else _one(fields, "id").strip()
    record["title"] = _texts(fields, "title", current or {})
    record["description"] = _texts(fields, "description", current or {})

    def money(name: str, key: str) -> None:
        text = _one(fields, name).strip()
        cents = parse_euros(text) if text else None
        if text and cents is None:
            problems.append(Problem(name, "amount"))
        record[key] = cents

    def choice(name: str) -> None:
        record[name] = _one(fields, name).strip() or None
        if record[name] is None and name in ("booking", "kind"):
            record.pop(name)  # missing: the contract says so

    if kind == "services":
        for name in ("category", "provider"):
            record[name] = _one(fields, name).strip()
        choice("booking")
        choice("unit")
        money("price", "price_cents")
        record["residents_of"] = sorted({v for v in fields.get("residents_of", []) if v}) or None
        keywords = [w.strip() for w in _one(fields, "keywords").replace("\n", ",").split(",")]
        record["keywords"] = [word for word in keywords if word]
    else:
        record["comune"] = _one(fields, "comune").strip() or None
        choice("kind")
        choice("form")
        money("budget", "budget_cents")
        for name in ("opens_at", "closes_at"):
            text = _one(fields, name).strip()
            moment = _moment(platform, text) if text else None
            if text and moment is None:
                problems.append(Problem(name, "date"))
            if moment is not None:
                record[name] = moment
            elif not text:
                record.pop(name, None)  # missing
        for name in ("eligibility", "documents"):
            record[name] = _kept_languages(_lines(_one(fields, name)), (current or {}).get(name))
    return {k: v for k, v in record.items() if v is not None}, problems


def check(
    platform: Platform,
    kind: str,
    record: dict[str, Any],
    comuni: list[str],
    current: Mapping[str, Any] | None,
) -> list[Problem]:
    """Everything wrong with a record the member would publish, field by field: the
    contract's verdict, then what only the platform knows (references, identifiers in
    use, whose the record is)."""
    problems = []
    for found in records.field_problems(kind, record):
        field = field_of(kind, found.loc)
        code = found.code
        if code in ("identifier", "empty", "pattern", "choice") and _blank(record, found.loc):
            code = "choice" if field in SELECTS else "missing"  # as a person would say it
        problems.append(Problem(field, code, found.limit, found.text))
    failed = {p.field for p in problems}
    if current is None and "id" not in failed:
        with platform.sessions() as session:
            if ever_published(session, kind, str(record.get("id"))):
                problems.append(Problem("id", "taken"))  # in use, or used and withdrawn
    if kind == "services":
        for name in ("category", "provider"):
            target = "categories" if name == "category" else "providers"
            if name not in failed and record.get(name) not in platform.records(target):
                problems.append(Problem(name, "choice"))
        if "residents_of" not in failed and not is_theirs(kind, record, comuni):
            problems.append(Problem("residents_of", "not_yours"))
    else:
        if "comune" not in failed and not is_theirs(kind, record, comuni):
            problems.append(Problem("comune", "not_yours"))
        form = record.get("form")
        if "form" not in failed and form and form not in platform.records("forms"):
            problems.append(Problem("form", "choice"))
    return problems


SELECTS = ("category", "provider", "booking", "comune", "kind", "unit", "form")


def _blank(record: Mapping[str, Any], loc: tuple[int | str, ...]) -> bool:
    """Whether the form left the place empty (the contract then says the value is not
    an identifier, or not a text: to a person, it is missing)."""
    value: Any = record
    for part in loc:
        listed = isinstance(value, list) and isinstance(part, int) and part < len(value)
        if not (listed or (isinstance(value, Mapping) and part in value)):
            return True
        value = value[part]
    return value is None or (isinstance(value, str) and not value.strip())


def _comuni_of(kind: str, record: Mapping[str, Any]) -> list[str]:
    if kind == "calls":
        return [str(record["comune"])] if record.get("comune") else []
    return list(record.get("residents_of") or [])


def version_of(record: Mapping[str, Any]) -> str:
    """What a published record says, as a short digest: the edit form carries the one
    it was opened on, and a save on a record changed since is refused."""
    said = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(said.encode()).hexdigest()[:32]


def _not_changed_since(current: Mapping[str, Any] | None, opened: str | None) -> None:
    """PublishRefusedError when the record is no longer the one the form was opened on
    (a colleague saved it, or withdrew it, meanwhile): saving the form's values over it
    would undo their change without a word."""
    if opened and (current is None or version_of(current) != opened):
        raise PublishRefusedError([Problem(None, "changed_meanwhile")])


def publish(
    platform: Platform,
    member: Merchant,
    comuni: list[str],
    kind: str,
    record: dict[str, Any],
    current: Mapping[str, Any] | None,
    opened: str | None = None,
) -> None:
    """Publishes the member's record to the kiosks, with its audit row (one per Comune
    it is for); PublishRefusedError with every problem, and nothing published.
    ``opened``: the ``version_of`` the record the edit form was opened on."""
    assert kind in KINDS, kind
    if current is not None and not is_theirs(kind, current, comuni):
        raise PublishRefusedError([Problem(None, "not_yours")])
    _not_changed_since(current, opened)
    problems = check(platform, kind, record, comuni, current)
    if problems:
        raise PublishRefusedError(problems)
    title = str(record["title"].get("it", ""))[:200]
    try:
        with platform.writing() as session:
            if current is None and ever_published(session, kind, str(record["id"])):
                raise PublishRefusedError([Problem("id", "taken")])  # published meanwhile
            if current is not None:  # saved meanwhile, since the check above
                now = session.get(Record, (kind, str(record["id"])))
                _not_changed_since(now.data if now is not None else None, opened)
            platform.catalog.publish_in(session, kind, record)
            for comune in _comuni_of(kind, record):
                action = "edited" if current is not None else "published"
                audit.add(session, member, action, f"{kind}/{record['id']}", comune, title)
    except PublishError as error:  # the platform's own check, after the form's
        raise PublishRefusedError([Problem(None, "refused", text=str(error))]) from None


def ever_published(session: Session, kind: str, record_id: str) -> bool:
    """Whether a record of this kind and id is, or ever was, published: its tombstone
    stays in the change log (compaction keeps each record's newest change)."""
    if session.get(Record, (kind, record_id)) is not None:
        return True
    found = exists().where(Change.kind == kind, Change.record_id == record_id)
    return bool(session.scalar(select(found)))


def has_applications(platform: Platform, call_id: str) -> bool:
    """Whether any application to the call was received (each has a status record)."""
    query = select(Record.data).where(Record.kind == "application_statuses")
    with platform.sessions() as session:
        return any(data.get("call") == call_id for data in session.scalars(query))


def _closed_now(current: dict[str, Any]) -> dict[str, Any]:
    """The call closed from now on, or as it was when it closed earlier: its closing
    date moved forward would reopen a closed call's deadline on the kiosks and in its
    record (applications "in time" that were not)."""
    moment = datetime.now(UTC).replace(microsecond=0)
    closes_at = datetime.fromisoformat(str(current["closes_at"]))
    if closes_at <= moment:
        return current
    closed = dict(current, closes_at=moment.isoformat())
    if datetime.fromisoformat(str(current["opens_at"])) >= moment:
        closed["opens_at"] = (moment - timedelta(minutes=1)).isoformat()
    return closed


def withdraw(
    platform: Platform, member: Merchant, comuni: list[str], kind: str, record_id: str
) -> str:
    """Takes the member's record off the kiosks: ``"deleted"``, or ``"closed"`` for a
    call that has applications. LookupError when it is not theirs or not there;
    PublishRefusedError when other records still use it."""
    assert kind in KINDS, kind
    current = own_record(platform, kind, record_id, comuni)
    if current is None:
        raise LookupError(record_id)
    title = str(current.get("title", {}).get("it", ""))[:200]
    close = kind == "calls" and has_applications(platform, record_id)
    try:
        with platform.writing() as session:
            if close:
                closed = _closed_now(current)
                if closed != current:  # one closed long ago stays as it closed
                    platform.catalog.publish_in(session, kind, closed)
            elif not platform.catalog.unpublish_in(session, kind, record_id):
                raise LookupError(record_id)
            for comune in _comuni_of(kind, current):
                action = "closed" if close else "withdrawn"
                audit.add(session, member, action, f"{kind}/{record_id}", comune, title)
    except PublishError as error:
        raise PublishRefusedError([Problem(None, "refused", text=str(error))]) from None
    return "closed" if close else "deleted"
