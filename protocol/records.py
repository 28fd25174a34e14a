# SPDX-License-Identifier: EUPL-1.2
"""The records the platform publishes, declared once for the platform and the kiosk.

The platform validates a record with these types when an administrator publishes it
(and its OpenAPI document shows them); the kiosk validates every record it pulls with
the same types before anything of it reaches the store. A record one side accepts the
other accepts too (tests/central/test_contract.py).

Unknown fields are ignored (the platform may be newer than the kiosk); the platform's
admin API forbids them (``PUBLISHED``). Missing, mistyped, oversized or out-of-range
values are refused with a ``RecordError`` that names the field, e.g.
``services[3].title.it: longer than 160 characters``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import ErrorDetails

from protocol.states import (
    ApplicationState,
    Booking,
    CallKind,
    OperatorRole,
    Payment,
    ProviderKind,
    RecordKind,
    Stream,
    Unit,
    VoucherState,
)
from protocol.text import UNFIT_TEXT, refuse_unfit_text

if TYPE_CHECKING:
    from forms.definition import FormDefinition

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$"
ID_RE = re.compile(ID_PATTERN[1:-1])
MAX_PRICE_CENTS = 10_000_000  # 100.000 €: beyond any welfare service, surely a data error
MAX_LANGUAGES = 20

# Newline and tab are fine in a text; other control characters are not (a lone surrogate,
# a broken "\ud800" escape, is refused as no text at all: it could not be stored or shown).
# Nor are the controls that force a direction on what follows them (embeddings,
# overrides, isolates): a title ending in U+202E made the kiosk show "€ 26,00" beside it
# as "00,62 €", and an unclosed isolate reorders the amounts after it. The kiosk
# isolates the texts it sets inside its own sentences where the direction needs it.
DIRECTION_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_PLAIN = rf"[^\x00-\x08\x0b-\x1f\x7f{DIRECTION_CONTROLS}]"
SOME_TEXT = rf"^{_PLAIN}*[^\s\x00-\x08\x0b-\x1f\x7f{DIRECTION_CONTROLS}]{_PLAIN}*$"  # not blank
ANY_TEXT = rf"^{_PLAIN}*$"
HEX64 = r"^[0-9a-f]{64}$"

# What a refused value's pattern means, in the words of an error message.
PATTERN_PROBLEMS = {
    SOME_TEXT: "empty, or contains control characters (or direction controls)",
    ANY_TEXT: "contains control characters (or direction controls)",
    ID_PATTERN: "not a valid identifier",
    HEX64: "not a key (64 hex digits)",
}


class RecordError(ValueError):
    """A record from outside is not acceptable; the message names the field."""


def _text(limit: int, *, empty: bool = False) -> Any:
    return Annotated[
        str,
        Field(strict=True),
        StringConstraints(max_length=limit, pattern=ANY_TEXT if empty else SOME_TEXT),
    ]


Id = Annotated[str, Field(strict=True), StringConstraints(pattern=ID_PATTERN)]
HolderKey = Annotated[str, Field(strict=True), StringConstraints(pattern=HEX64)]
Int = Annotated[int, Field(strict=True)]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]

# A closed set arrives as its text: the enum's value, not an instance.
ProviderKindValue = Annotated[ProviderKind, Field(strict=False)]
UnitValue = Annotated[Unit, Field(strict=False)]
BookingValue = Annotated[Booking, Field(strict=False)]
PaymentValue = Annotated[Payment, Field(strict=False)]
CallKindValue = Annotated[CallKind, Field(strict=False)]
OperatorRoleValue = Annotated[OperatorRole, Field(strict=False)]
ApplicationStateValue = Annotated[ApplicationState, Field(strict=False)]
VoucherStateValue = Annotated[VoucherState, Field(strict=False)]


def _iso_text(value: Any) -> Any:
    # JSON has no dates: they come as ISO text, never as numbers of seconds.
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("not an ISO-8601 text")
    return value


# What a published instant may be: a record of this network is not dated before it
# existed or centuries ahead. The bounds also keep every instant convertible to UTC
# ("0001-01-01T00:00+14:00" is valid ISO but falls before year 1 there).
EARLIEST_INSTANT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(2200, 1, 1, tzinfo=UTC)


def network_utc(moment: datetime) -> datetime:
    """``moment`` in UTC (a naive one taken as UTC); ValueError when it lies outside the
    network's time or off the calendar once in UTC."""
    try:
        in_utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except OverflowError:
        in_utc = None
    if in_utc is None or not EARLIEST_INSTANT <= in_utc < LATEST_INSTANT:
        raise ValueError("not an instant between the years 2000 and 2199")
    return in_utc


def _plausible(moment: datetime) -> datetime:
    network_utc(moment)
    return moment  # as published: what a kiosk stores stays as it was


def _distinct(items: list[Any] | None) -> list[Any] | None:
    if items is not None and len(set(items)) != len(items):
        raise ValueError("the same item twice")
    return items


# A list that names each item once (a Comune twice would be a row twice in the kiosk).
Distinct = AfterValidator(_distinct)

# An instant needs its offset: without one, a deadline is an hour or two off.
Timestamp = Annotated[
    AwareDatetime, BeforeValidator(_iso_text), Field(strict=False), AfterValidator(_plausible)
]
Day = Annotated[date, BeforeValidator(_iso_text), Field(strict=False)]


def _italian(texts: dict[str, str]) -> dict[str, str]:
    if "it" not in texts:
        raise ValueError("the Italian text is missing")
    return texts


def _i18n(limit: int, *, empty: bool = False) -> Any:
    """A text in several languages, by two-letter code; Italian is required."""
    return Annotated[
        dict[Language, _text(limit, empty=empty)],  # type: ignore[misc]
        Field(strict=True, max_length=MAX_LANGUAGES),
        AfterValidator(_italian),
    ]


def _texts(limit: int, items: int) -> Any:
    return Annotated[list[_text(limit)], Field(strict=True, max_length=items)]  # type: ignore[misc]


def _items(limit: int, items: int) -> Any:
    """A list a citizen reads (who can apply, what to bring): each item a text in
    several languages (Italian required) or, as first published, in Italian only."""
    item = _text(limit) | _i18n(limit)
    return Annotated[list[item], Field(strict=True, max_length=items)]  # type: ignore[valid-type]


class Record(BaseModel):
    """A published record: every kind has an ``id``."""

    model_config = ConfigDict(strict=True, extra="ignore", use_enum_values=True, frozen=True)

    id: str


class ComuneRecord(Record):
    id: Id
    name: _text(80)  # type: ignore[valid-type]
    catastale: Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]{3}$")]
    province: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    cap: Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")]


class CategoryRecord(Record):
    id: Id
    label: _i18n(80)  # type: ignore[valid-type]
    icon: Id
    position: Int = Field(ge=0, le=1000)


class ProviderRecord(Record):
    id: Id
    kind: ProviderKindValue
    name: _text(120)  # type: ignore[valid-type]
    phone: _text(30, empty=True) | None = ""  # type: ignore[valid-type]
    email: _text(120, empty=True) | None = ""  # type: ignore[valid-type]
    address: _text(160, empty=True) | None = ""  # type: ignore[valid-type]
    website: _text(200, empty=True) | None = ""  # type: ignore[valid-type]


class PrivacyNotice(BaseModel):
    """The data controller's notice (GDPR art. 13) for a call or a paid service: shown
    to the citizen before any personal data is typed, and printable."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    controller: _text(200)  # type: ignore[valid-type]  # who decides: the Comune, the provider
    purposes: _i18n(2000)  # type: ignore[valid-type]
    legal_basis: _i18n(600)  # type: ignore[valid-type]
    retention: _i18n(600)  # type: ignore[valid-type]
    rights: _i18n(1000)  # type: ignore[valid-type]
    dpo_contact: _text(200)  # type: ignore[valid-type]  # the data protection officer


class ServiceRecord(Record):
    id: Id
    category: Id
    provider: Id
    title: _i18n(160)  # type: ignore[valid-type]
    description: _i18n(4000, empty=True)  # type: ignore[valid-type]
    price_cents: Int | None = Field(default=None, ge=0, le=MAX_PRICE_CENTS)
    unit: UnitValue | None = None
    booking: BookingValue
    # How a citizen may pay for it; None: every way (see protocol.states.Payment).
    payments: Annotated[list[PaymentValue] | None, Distinct] = Field(
        default=None, min_length=1, max_length=3
    )
    # None: open to everyone; else only to residents of these Comuni.
    residents_of: Annotated[list[Id] | None, Distinct] = Field(
        default=None, min_length=1, max_length=200
    )
    keywords: _texts(40, 30) = []  # type: ignore[valid-type]
    privacy_notice: PrivacyNotice | None = None  # the provider's, for what is bought

    @model_validator(mode="after")
    def _buyable_has_a_price(self) -> ServiceRecord:
        if self.booking != Booking.INFO_ONLY and (self.price_cents is None or self.unit is None):
            raise ValueError("price_cents: a service that can be bought needs a price and a unit")
        return self


class CallRecord(Record):
    id: Id
    comune: Id | None = None  # None: every Comune of the network
    kind: CallKindValue
    title: _i18n(200)  # type: ignore[valid-type]
    description: _i18n(4000, empty=True)  # type: ignore[valid-type]
    opens_at: Timestamp
    closes_at: Timestamp
    budget_cents: Int | None = Field(default=None, ge=0, le=10**12)
    form: _text(200) | None = None  # type: ignore[valid-type]  # "form-id@version"
    eligibility: _items(300, 30)  # type: ignore[valid-type]
    documents: _items(300, 30)  # type: ignore[valid-type]
    privacy_notice: PrivacyNotice | None = None  # the Comune's, for the applications

    @model_validator(mode="after")
    def _closes_after_it_opens(self) -> CallRecord:
        if self.closes_at <= self.opens_at:
            raise ValueError("closes_at: not after opens_at")
        return self


# Validation context of a record being published (``validate_published``): held to the
# checks added since records were first published, which a record read back is not.
PUBLISHING = "publishing"


class FormRecord(Record):
    """An application form, immutable per "id@version" (see forms/definition.py), checked
    by the same code on both sides."""

    id: Id
    definition: dict[str, Any]
    _form: FormDefinition = PrivateAttr()

    @model_validator(mode="after")
    def _definition_is_valid(self, info: ValidationInfo) -> FormRecord:
        from forms.definition import DefinitionError, load_definition

        publishing = bool(info.context and info.context.get(PUBLISHING))
        # Its texts are free (labels, messages, choices): none with a NUL or another
        # control character reaches a kiosk's screen, speech or printer.
        refuse_unfit_text({"definition": self.definition})
        try:
            form = load_definition(self.definition, new=publishing)
        except DefinitionError as error:
            raise ValueError(f"definition: {error.problems[0]}") from None
        if form.ref != self.id:
            raise ValueError(f"id: {self.id!r} is not the definition's reference {form.ref!r}")
        self._form = form
        return self

    @property
    def form(self) -> FormDefinition:
        return self._form


class OperatorRecord(Record):
    id: Annotated[str, StringConstraints(pattern=r"^[0-9]{4,8}$")]  # typed on a keypad
    name: _text(120)  # type: ignore[valid-type]
    organization: _text(200)  # type: ignore[valid-type]
    role: OperatorRoleValue
    pin_hash: _text(200)  # type: ignore[valid-type]
    comuni: Annotated[list[Id] | None, Distinct] = Field(
        default=None, max_length=200
    )  # None: every Comune


Note = _i18n(1000)


class ApplicationStatusRecord(Record):
    """Where an application stands, under a key only its tracking code and the
    applicant's codice fiscale open (see forms/lookup.py); no personal data."""

    id: HolderKey
    state: ApplicationStateValue
    protocol: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9-]{1,32}$")]
    call: Id
    updated_at: Timestamp
    note: Note | None = None  # type: ignore[valid-type]  # what the citizen should know or do


class CreditRecord(Record):
    """A citizen's municipal or welfare credit, under a keyed hash of their codice fiscale
    (forms/lookup.py holder_key): the mirror holds no codice fiscale."""

    id: HolderKey
    programme: _text(200)  # type: ignore[valid-type]
    balance_cents: Int = Field(ge=0, le=100_000_000)
    updated_at: Timestamp


VOUCHER_CODE = r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$"


class VoucherRecord(Record):
    """A voucher the citizen can print at any kiosk once identified: issued by the
    platform (buoni spesa, after the Comune's decision) or made by a kiosk at checkout."""

    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]  # the 8-byte voucher id
    holder: HolderKey
    comune: Id | None = None
    programme: _text(200)  # type: ignore[valid-type]
    issuer: _text(200)  # type: ignore[valid-type]
    amount_cents: Int | None = Field(default=None, ge=1, le=MAX_PRICE_CENTS)
    service: Id | None = None
    valid_from: Day
    valid_until: Day
    # The human code: 13 Crockford digits of the id and a check character (vouchers/).
    code: Annotated[str, StringConstraints(pattern=VOUCHER_CODE)]
    signed_code: Annotated[str, StringConstraints(pattern=r"^SP1:[0-9A-Z $%*+./:-]{1,508}$")]
    state: VoucherStateValue

    @model_validator(mode="after")
    def _one_value(self) -> VoucherRecord:
        if (self.amount_cents is None) == (self.service is None):
            raise ValueError("amount_cents: a voucher is for an amount or for a service")
        if self.valid_until < self.valid_from:
            raise ValueError("valid_until: before valid_from")
        return self


class WalletRecord(Record):
    """A citizen's wallet as a kiosk of their Comune holds it: sealed under a key only
    their codice fiscale and wallet PIN give (vouchers/wallet_key.py). ``id`` is the
    wallet's locator; ``sealed`` holds their credit and vouchers; a wallet locked after
    too many wrong PINs arrives without it."""

    id: HolderKey
    comune: Id | None = None
    sealed: (
        Annotated[
            str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+$", min_length=40, max_length=400_000)
        ]
        | None
    ) = None
    locked: bool = False
    updated_at: Timestamp


RECORD_TYPES: dict[str, type[Record]] = {
    RecordKind.COMUNI: ComuneRecord,
    RecordKind.CATEGORIES: CategoryRecord,
    RecordKind.PROVIDERS: ProviderRecord,
    RecordKind.SERVICES: ServiceRecord,
    RecordKind.FORMS: FormRecord,
    RecordKind.CALLS: CallRecord,
    RecordKind.APPLICATION_STATUSES: ApplicationStatusRecord,
    RecordKind.OPERATORS: OperatorRecord,
    RecordKind.CREDITS: CreditRecord,
    RecordKind.VOUCHERS: VoucherRecord,
    RecordKind.WALLETS: WalletRecord,
}
# Which stream carries which kinds, in the order a kiosk must apply them.
STREAMS: dict[str, tuple[str, ...]] = {
    Stream.CATALOG: (
        RecordKind.COMUNI,
        RecordKind.CATEGORIES,
        RecordKind.PROVIDERS,
        RecordKind.SERVICES,
    ),
    Stream.CALLS: (RecordKind.FORMS, RecordKind.CALLS),
    Stream.OPERATORS: (RecordKind.OPERATORS,),
    Stream.STATUSES: (RecordKind.APPLICATION_STATUSES,),
    Stream.WALLET: (RecordKind.WALLETS,),
}
# Credits and vouchers in clear are the platform's own ledger: no stream serves them
# (a kiosk gets each citizen's sealed wallet instead).
LEDGER = "ledger"
STREAM_OF = {
    **{kind: stream for stream, kinds in STREAMS.items() for kind in kinds},
    RecordKind.CREDITS: LEDGER,
    RecordKind.VOUCHERS: LEDGER,
}


def _strict(model: type[Record]) -> type[Record]:
    """The same record type refusing unknown fields: what an administrator publishes."""
    config = ConfigDict(**{**model.model_config, "extra": "forbid"})
    return type(model.__name__, (model,), {"model_config": config, "__doc__": model.__doc__})


PUBLISHED: dict[str, type[Record]] = {kind: _strict(model) for kind, model in RECORD_TYPES.items()}

_R = TypeVar("_R", bound=Record)
_BATCHES: dict[type[Record], TypeAdapter[list[Any]]] = {}


def _batch_adapter(model: type[_R]) -> TypeAdapter[list[_R]]:
    adapter = _BATCHES.get(model)
    if adapter is None:
        adapter = _BATCHES[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return adapter


def validate_batch(kind: str, batch: Sequence[Any]) -> list[Record]:
    """The records of a page, validated in one pass; the error names the kind, the
    record's position and the field: ``services[3].title.it: ...``."""
    model = RECORD_TYPES.get(kind)
    if model is None:
        raise RecordError(f"{kind[:32]!r}: not a kind of record")
    try:
        return _batch_adapter(model).validate_python(batch)
    except ValidationError as error:
        raise RecordError(f"{kind}{describe(error.errors()[0])}") from None


def validate_published(kind: str, record: Mapping[str, Any]) -> Record:
    """A record an administrator publishes: unknown fields refused too."""
    model = PUBLISHED.get(kind)
    if model is None:
        raise RecordError(f"unknown kind (one of {', '.join(PUBLISHED)})")
    try:
        return model.model_validate(record, context={PUBLISHING: True})
    except ValidationError as error:
        raise RecordError(f"{kind}{describe(error.errors()[0])}") from None


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field of a record, for a person filling in a form:
    ``loc`` the field's place (``("title", "it")``), ``code`` what is wrong (missing,
    too_long, too_many, too_few, empty, control, identifier, pattern, type, choice,
    range, date, timezone, rule), ``limit`` the limit it broke where there is one, and
    ``text`` the same in English words as ``describe`` says it (for a rule, the rule)."""

    loc: tuple[int | str, ...]
    code: str
    limit: int | None
    text: str


def field_problems(kind: str, record: Mapping[str, Any]) -> list[FieldProblem]:
    """Every problem of a record an administrator publishes (``validate_published``
    stops at the first), field by field: the same types, so the same verdict."""
    model = PUBLISHED.get(kind)
    if model is None:
        raise RecordError(f"unknown kind (one of {', '.join(PUBLISHED)})")
    try:
        model.model_validate(record, context={PUBLISHING: True})
    except ValidationError as error:
        return [_field_problem(details) for details in error.errors()]
    return []


def _field_problem(error: ErrorDetails) -> FieldProblem:
    kind, ctx = error["type"], error.get("ctx", {})
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and _BRANCH.match(p)))
    text = describe(error)
    said = text.partition(": ")[2]
    limit = ctx.get("max_length")
    if kind == "missing":
        code = "missing"
    elif kind == "string_too_long":
        code = "too_long"
    elif kind == "too_long":
        code = "too_many"
    elif kind == "too_short":
        code = "too_few"
    elif kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        code = {SOME_TEXT: "empty", ANY_TEXT: "control", ID_PATTERN: "identifier"}.get(
            pattern, "pattern"
        )
    elif kind in ("enum", "literal_error"):
        code = "choice"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        code = "range"
        limit = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
    elif kind == "timezone_aware":
        code = "timezone"
    elif kind.startswith(("datetime_", "date_")):
        code = "date"
    elif kind == UNFIT_TEXT:
        code = "control"
    elif kind == "value_error":
        code = "rule"
        said = str(ctx.get("error", error["msg"]))
        field, _, rest = said.partition(": ")
        if rest and re.fullmatch(r"[a-z_]+", field) and not loc:
            loc, said = (field,), rest  # a whole-record check names its field first
    else:
        code = "type"
    return FieldProblem(loc, code, limit if isinstance(limit, int) else None, said)


def where(loc: Sequence[int | str]) -> str:
    """``("title", "it")`` as ``.title.it``, ``(3, "keywords", 2)`` as ``[3].keywords[2]``."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)


def describe(error: ErrorDetails) -> str:
    """One validation error as the field's place and what is wrong with it, in words."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    loc = list(error["loc"])
    # A union (``str | None``) or an enum names its branch in the place: not the field's.
    loc = [part for part in loc if not (isinstance(part, str) and _BRANCH.match(part))]
    if kind == "missing":
        problem = "missing"
    elif kind in ("model_type", "model_attributes_type"):
        problem = "not an object"
    elif kind.endswith("_type") or kind in ("model_type", "dict_type", "list_type"):
        problem = f"wrong type {type(value).__name__}"
    elif kind == "string_too_long":
        problem = f"longer than {ctx['max_length']} characters"
    elif kind == "string_pattern_mismatch":
        problem = PATTERN_PROBLEMS.get(ctx.get("pattern", ""), "not in the expected form")
    elif kind == "string_unicode":
        problem = "contains broken text"
    elif kind == "too_long":
        problem = f"more than {ctx['max_length']} items"
    elif kind == "too_short":
        problem = "empty list (use null instead)"
    # What was sent is never repeated: it may be a citizen's data (a codice fiscale in the
    # wrong field), and errors travel back and into logs.
    elif kind in ("enum", "literal_error"):
        problem = f"not one of {ctx.get('expected', '')}"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        problem = f"out of range ({error['msg'].lower()})"
    elif kind == "timezone_aware":
        problem = "the time zone offset is missing"
    elif kind.startswith(("datetime_", "date_")):
        problem = "not an ISO-8601 date" + (" and time" if kind.startswith("datetime") else "")
    elif kind == UNFIT_TEXT:  # a text deep in a message (protocol/text.py): its place
        place = str(ctx.get("place", ""))
        return f"{where(loc)}{'.' if place else ''}{place}: {ctx.get('problem', '')}"
    elif kind == "value_error":
        problem = str(ctx.get("error", error["msg"]))
        if loc == [] or (len(loc) == 1 and isinstance(loc[0], int)):
            # A whole-record check: its message starts with the field it is about.
            field, _, rest = problem.partition(": ")
            if rest and re.fullmatch(r"[a-z_]+", field):
                return f"{where(loc)}.{field}: {rest}"
            return f"{where(loc)}: {problem}"
    else:
        problem = error["msg"]
    return f"{where(loc)}: {problem}"


_BRANCH = re.compile(
    r"^(?:function-[a-z]+\[.*\]|constrained-str|str|int|list\[.*\]|dict\[.*\]|"
    r"date|datetime|enum\[.*\]|nullable\[.*\]|none)$"
)


def naive_utc(moment: datetime) -> datetime:
    """The store's convention for instants: naive, in UTC."""
    return moment.astimezone(UTC).replace(tzinfo=None)
