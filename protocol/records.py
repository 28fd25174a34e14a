# SPDX-License-Identifier: EUPL-1.2
"""Validation of mirror records as they cross into the store (platform or demo data).

Each ``parse_*`` turns an untrusted JSON object into a plain dict of column values or
raises ``RecordError`` naming the field. Unknown fields are ignored (the platform may be
newer than the kiosk); missing, mistyped, oversized or out-of-range values are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from string import ascii_lowercase
from typing import Any

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
# Newline and tab are fine. A lone surrogate (a broken "\ud800" escape) is no text
# either: it could not be stored or shown.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
MAX_PRICE_CENTS = 10_000_000  # 100.000 €: beyond any welfare service, surely a data error

UNITS = (
    "ora", "giorno", "settimana", "mese", "pasto", "seduta", "pacchetto",
    "corsa", "consegna", "kg", "accesso",
)  # fmt: skip
BOOKING_MODES = ("buy_now", "request_quote", "book_slot", "info_only")
PROVIDER_KINDS = (
    "cooperativa", "comune", "associazione", "esercizio_commerciale", "consorzio", "ente",
)  # fmt: skip
CALL_KINDS = ("voucher", "contributo", "sussidio")
OPERATOR_ROLES = ("welfare_manager", "comune_staff", "admin")
APPLICATION_STATES = ("received", "in_review", "needs_documents", "admitted", "not_admitted")
STATUS_KEY_RE = re.compile(r"[0-9a-f]{64}")
PROTOCOL_RE = re.compile(r"[A-Z0-9-]{1,32}")


class RecordError(ValueError):
    """A record from outside is not acceptable; the message names the field."""


# Every value passes through these checks, 10,000 services at a time in a pull: each
# check returns what is wrong (None when nothing is) and the caller names the field, so
# a field's name is only formatted when there is something to say about it.


def _type_problem(value: Any, kind: type | tuple[type, ...]) -> str | None:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        return f"wrong type {type(value).__name__}"
    return None


def _text_problem(value: Any, limit: int, empty: bool) -> str | None:
    if not isinstance(value, str):
        return f"wrong type {type(value).__name__}"
    if len(value) > limit:
        return f"longer than {limit} characters"
    if not empty and not value.strip():
        return "empty"
    if CONTROL_CHARACTERS.search(value):
        return "contains control characters or broken text"
    return None


def _identifier_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"wrong type {type(value).__name__}"
    if not ID_RE.fullmatch(value):
        return "not a valid identifier"
    return None


def _choice_problem(value: Any, choices: tuple[str, ...]) -> str | None:
    if not isinstance(value, str):
        return f"wrong type {type(value).__name__}"
    if value not in choices:
        return f"{value[:40]!r} is not one of {', '.join(choices)}"
    return None


def _value(record: Mapping[str, Any], field: str) -> Any:
    if field not in record:
        raise RecordError(f"{field}: missing")
    return record[field]


def _refuse(field: str, problem: str | None) -> None:
    if problem is not None:
        raise RecordError(f"{field}: {problem}")


def _get(record: Mapping[str, Any], field: str, kind: type | tuple[type, ...]) -> Any:
    value = _value(record, field)
    _refuse(field, _type_problem(value, kind))
    return value


def text(record: Mapping[str, Any], field: str, *, limit: int, empty: bool = False) -> str:
    value = _value(record, field)
    _refuse(field, _text_problem(value, limit, empty))
    return value  # type: ignore[no-any-return]


def optional_text(record: Mapping[str, Any], field: str, *, limit: int) -> str:
    if record.get(field) is None:
        return ""
    return text(record, field, limit=limit, empty=True)


def identifier(record: Mapping[str, Any], field: str) -> str:
    value = _value(record, field)
    _refuse(field, _identifier_problem(value))
    return value  # type: ignore[no-any-return]


def optional_identifier(record: Mapping[str, Any], field: str) -> str | None:
    return None if record.get(field) is None else identifier(record, field)


def choice(record: Mapping[str, Any], field: str, choices: tuple[str, ...]) -> str:
    value = _value(record, field)
    _refuse(field, _choice_problem(value, choices))
    return value  # type: ignore[no-any-return]


def integer(record: Mapping[str, Any], field: str, *, low: int, high: int) -> int:
    value: int = _get(record, field, int)
    if not low <= value <= high:
        raise RecordError(f"{field}: {value} is outside {low}..{high}")
    return value


def optional_integer(record: Mapping[str, Any], field: str, *, low: int, high: int) -> int | None:
    return None if record.get(field) is None else integer(record, field, low=low, high=high)


# Two lowercase letters, as a set: a look-up costs less than a match, once per text.
LANGUAGE_CODES = frozenset(a + b for a in ascii_lowercase for b in ascii_lowercase)


def i18n(record: Mapping[str, Any], field: str, *, limit: int) -> dict[str, str]:
    """A text in several languages; Italian is required (it is the binding one)."""
    value = _get(record, field, dict)
    if "it" not in value:
        raise RecordError(f"{field}: the Italian text is missing")
    if len(value) > 20:
        raise RecordError(f"{field}: too many languages")
    empty = field == "description"
    for lang, content in value.items():
        if lang not in LANGUAGE_CODES:
            raise RecordError(f"{field}: {str(lang)[:10]!r} is not a language code")
        problem = _text_problem(content, limit, empty)
        if problem is not None:
            # Named "title.it" in errors, so the message points at the exact text.
            raise RecordError(f"{field}.{lang}: {problem}")
    return dict(value)


def string_list(
    record: Mapping[str, Any],
    field: str,
    *,
    limit: int,
    items: int,
    check: Callable[[Any], str | None] | None = None,
) -> list[str]:
    """A list of texts; ``check`` (what is wrong with an item, or None) replaces the
    plain text check."""
    value = _get(record, field, list)
    if len(value) > items:
        raise RecordError(f"{field}: more than {items} items")
    for index, item in enumerate(value):
        problem = _text_problem(item, limit, False) if check is None else check(item)
        if problem is not None:
            raise RecordError(f"{field}[{index}]: {problem}")
    return list(value)


def timestamp(record: Mapping[str, Any], field: str) -> datetime:
    """An ISO-8601 instant with its offset, returned as naive UTC (the store's convention)."""
    value = text(record, field, limit=40)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{field}: not an ISO-8601 date and time") from None
    if moment.tzinfo is None:
        raise RecordError(f"{field}: the time zone offset is missing")
    return moment.astimezone(UTC).replace(tzinfo=None)


def parse_comune(record: Mapping[str, Any]) -> dict[str, Any]:
    catastale = text(record, "catastale", limit=4)
    if not re.fullmatch(r"[A-Z][0-9]{3}", catastale):
        raise RecordError("catastale: not a codice catastale")
    cap = text(record, "cap", limit=5)
    if not re.fullmatch(r"[0-9]{5}", cap):
        raise RecordError("cap: not a CAP")
    return {
        "id": identifier(record, "id"),
        "name": text(record, "name", limit=80),
        "catastale": catastale,
        "province": text(record, "province", limit=2),
        "cap": cap,
    }


def parse_category(record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": identifier(record, "id"),
        "label": i18n(record, "label", limit=80),
        "icon": identifier(record, "icon"),
        "position": integer(record, "position", low=0, high=1000),
    }


def parse_provider(record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": identifier(record, "id"),
        "kind": choice(record, "kind", PROVIDER_KINDS),
        "name": text(record, "name", limit=120),
        "phone": optional_text(record, "phone", limit=30),
        "email": optional_text(record, "email", limit=120),
        "address": optional_text(record, "address", limit=160),
        "website": optional_text(record, "website", limit=200),
    }


PAYMENTS = ("provider", "credit", "desk")


def _payment_problem(value: Any) -> str | None:
    return _choice_problem(value, PAYMENTS)


def parse_service(record: Mapping[str, Any]) -> dict[str, Any]:
    booking = choice(record, "booking", BOOKING_MODES)
    price = optional_integer(record, "price_cents", low=0, high=MAX_PRICE_CENTS)
    unit = None if record.get("unit") is None else choice(record, "unit", UNITS)
    if booking != "info_only" and (price is None or unit is None):
        raise RecordError("price_cents: a service that can be bought needs a price and a unit")
    residents_of = record.get("residents_of")
    if residents_of is not None:
        residents_of = string_list(
            record, "residents_of", limit=64, items=200, check=_identifier_problem
        )
        if not residents_of:
            raise RecordError("residents_of: empty list (use null for everyone)")
    return {
        "id": identifier(record, "id"),
        "provider_id": identifier(record, "provider"),
        "category_id": identifier(record, "category"),
        "title": i18n(record, "title", limit=160),
        "description": i18n(record, "description", limit=4000),
        "price_cents": price,
        "unit": unit,
        "booking": booking,
        "payments": None
        if record.get("payments") is None
        else string_list(record, "payments", limit=16, items=3, check=_payment_problem),
        "open_to_all": residents_of is None,
        "keywords": string_list(record, "keywords", limit=40, items=30)
        if "keywords" in record
        else [],
        "residents_of": residents_of or [],
    }


def parse_call(record: Mapping[str, Any]) -> dict[str, Any]:
    opens_at, closes_at = timestamp(record, "opens_at"), timestamp(record, "closes_at")
    if closes_at <= opens_at:
        raise RecordError("closes_at: not after opens_at")
    return {
        "id": identifier(record, "id"),
        "comune_id": optional_identifier(record, "comune"),
        "kind": choice(record, "kind", CALL_KINDS),
        "title": i18n(record, "title", limit=200),
        "description": i18n(record, "description", limit=4000),
        "opens_at": opens_at,
        "closes_at": closes_at,
        "budget_cents": optional_integer(record, "budget_cents", low=0, high=10**12),
        "form_ref": None if record.get("form") is None else text(record, "form", limit=200),
        "eligibility": string_list(record, "eligibility", limit=300, items=30),
        "documents": string_list(record, "documents", limit=300, items=30),
    }


def parse_form(record: Mapping[str, Any]) -> dict[str, Any]:
    """A form definition, checked by the same code the platform checked it with."""
    from forms.definition import DefinitionError, load_definition

    reference = identifier(record, "id")
    try:
        form = load_definition(_get(record, "definition", dict))
    except DefinitionError as error:
        raise RecordError(f"definition: {error.problems[0]}") from None
    if form.ref != reference:
        raise RecordError(f"id: {reference!r} is not the definition's {form.ref!r}")
    return {"id": reference, "form_id": form.id, "version": form.version,
            "sha256": form.sha256, "definition": form.data}  # fmt: skip


def parse_operator(record: Mapping[str, Any]) -> dict[str, Any]:
    comuni = record.get("comuni")
    return {
        "id": identifier(record, "id"),
        "name": text(record, "name", limit=120),
        "organization": text(record, "organization", limit=200),
        "role": choice(record, "role", OPERATOR_ROLES),
        "pin_hash": text(record, "pin_hash", limit=200),
        "comuni": None
        if comuni is None
        else string_list(record, "comuni", limit=64, items=200, check=_identifier_problem),
    }


def parse_application_status(record: Mapping[str, Any]) -> dict[str, Any]:
    """Where an application stands, under its lookup key (forms/lookup.py)."""
    key = _get(record, "id", str)
    if not STATUS_KEY_RE.fullmatch(key):
        raise RecordError("id: not a status key (64 hex digits)")
    protocol = _get(record, "protocol", str)
    if not PROTOCOL_RE.fullmatch(protocol):
        raise RecordError("protocol: not a protocol number")
    note = None if record.get("note") is None else i18n(record, "note", limit=1000)
    return {
        "id": key,
        "state": choice(record, "state", APPLICATION_STATES),
        "protocol": protocol,
        "call_id": identifier(record, "call"),
        "updated_at": timestamp(record, "updated_at"),
        "note": note,
    }


VOUCHER_ID_RE = re.compile(r"[0-9a-f]{16}")
VOUCHER_CODE_RE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}")
SIGNED_CODE_RE = re.compile(r"SP1:[0-9A-Z $%*+./:-]{1,508}")
VOUCHER_STATES = ("issued", "redeemed", "cancelled")


def _matching(record: Mapping[str, Any], field: str, pattern: re.Pattern[str]) -> str:
    value = _get(record, field, str)
    if not pattern.fullmatch(value):
        raise RecordError(f"{field}: not in the expected form")
    return value


def day(record: Mapping[str, Any], field: str) -> date:
    value = _get(record, field, str)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{field}: not a date (YYYY-MM-DD)") from None


def parse_credit(record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": _matching(record, "id", STATUS_KEY_RE),
        "programme": text(record, "programme", limit=200),
        "balance_cents": integer(record, "balance_cents", low=0, high=100_000_000),
        "updated_at": timestamp(record, "updated_at"),
    }


def parse_voucher(record: Mapping[str, Any]) -> dict[str, Any]:
    amount = optional_integer(record, "amount_cents", low=1, high=10_000_000)
    service = optional_identifier(record, "service")
    if (amount is None) == (service is None):
        raise RecordError("amount_cents: a voucher is for an amount or for a service")
    valid_from, valid_until = day(record, "valid_from"), day(record, "valid_until")
    if valid_until < valid_from:
        raise RecordError("valid_until: before valid_from")
    return {
        "id": _matching(record, "id", VOUCHER_ID_RE),
        "holder": _matching(record, "holder", STATUS_KEY_RE),
        "comune_id": optional_identifier(record, "comune"),
        "programme": text(record, "programme", limit=200),
        "issuer": text(record, "issuer", limit=200),
        "amount_cents": amount,
        "service_id": service,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "code": _matching(record, "code", VOUCHER_CODE_RE),
        "signed_code": _matching(record, "signed_code", SIGNED_CODE_RE),
        "state": choice(record, "state", VOUCHER_STATES),
    }
