# SPDX-License-Identifier: EUPL-1.2
"""The wire format of the sync API, as pydantic models (they also make the OpenAPI
document). Records are what the platform publishes; the kiosk validates them again."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from forms.definition import load_definition

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")]
Short = Annotated[str, StringConstraints(max_length=200)]
Long = Annotated[str, StringConstraints(max_length=4000)]


def _italian_required(texts: dict[str, str]) -> dict[str, str]:
    if not texts.get("it", "").strip():
        raise ValueError("the Italian text is required")
    return texts


I18nShort = Annotated[
    dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], Short],
    AfterValidator(_italian_required),
]
I18nLong = dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], Long]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ComuneRecord(Strict):
    id: Id
    name: Short
    catastale: Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]{3}$")]
    province: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    cap: Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")]


class CategoryRecord(Strict):
    id: Id
    label: I18nShort
    icon: Id
    position: int = Field(ge=0, le=1000)


class ProviderRecord(Strict):
    id: Id
    kind: Literal[
        "cooperativa", "comune", "associazione", "esercizio_commerciale", "consorzio", "ente"
    ]
    name: Short
    phone: Annotated[str, StringConstraints(max_length=30)] = ""
    email: Annotated[str, StringConstraints(max_length=120)] = ""
    address: Annotated[str, StringConstraints(max_length=160)] = ""
    website: Short = ""


class ServiceRecord(Strict):
    id: Id
    category: Id
    provider: Id
    title: I18nShort
    description: I18nLong
    price_cents: int | None = Field(default=None, ge=0, le=10_000_000)
    unit: Literal[
        "ora", "giorno", "settimana", "mese", "pasto", "seduta", "pacchetto",
        "corsa", "consegna", "kg", "accesso",
    ] | None = None  # fmt: skip
    booking: Literal["buy_now", "request_quote", "book_slot", "info_only"]
    # How a citizen may pay for it; None: every way (pay the provider, a welfare credit,
    # at the desk in an assisted session). The kiosk itself never takes money.
    payments: list[Literal["provider", "credit", "desk"]] | None = Field(default=None, min_length=1)
    residents_of: list[Id] | None = Field(default=None, min_length=1)
    keywords: list[Annotated[str, StringConstraints(max_length=40)]] = Field(
        default=[], max_length=30
    )


class CallRecord(Strict):
    model_config = ConfigDict(extra="forbid", strict=False)

    id: Id
    comune: Id | None
    kind: Literal["voucher", "contributo", "sussidio"]
    title: I18nShort
    description: I18nLong
    opens_at: datetime
    closes_at: datetime
    budget_cents: int | None = Field(default=None, ge=0)
    form: Short | None = None
    eligibility: list[Annotated[str, StringConstraints(max_length=300)]] = Field(max_length=30)
    documents: list[Annotated[str, StringConstraints(max_length=300)]] = Field(max_length=30)


class FormRecord(Strict):
    """An application form, immutable per "id@version" (see forms/definition.py)."""

    id: Id
    definition: dict[str, Any]

    @model_validator(mode="after")
    def _definition_is_valid(self) -> FormRecord:
        form = load_definition(self.definition)  # DefinitionError is a ValueError
        if form.ref != self.id:
            raise ValueError(f"the id must be the definition's reference {form.ref!r}")
        return self


class OperatorRecord(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[0-9]{4,8}$")]  # typed on a keypad
    name: Short
    organization: Short
    role: Literal["welfare_manager", "comune_staff", "admin"]
    pin_hash: Annotated[str, StringConstraints(max_length=200)]
    comuni: list[Id] | None = None  # None: every Comune of the network


class ApplicationStatusRecord(Strict):
    """Where an application stands, under a key only its tracking code and the
    applicant's codice fiscale open (see forms/lookup.py); no personal data."""

    model_config = ConfigDict(extra="forbid", strict=False)  # dates arrive as ISO text

    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    state: Literal["received", "in_review", "needs_documents", "admitted", "not_admitted"]
    protocol: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9-]{1,32}$")]
    call: Id
    updated_at: datetime
    note: I18nLong | None = None  # what the citizen should know or do, in plain words


HolderKey = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class CreditRecord(Strict):
    """A citizen's municipal or welfare credit, under a keyed hash of their codice fiscale
    (forms/lookup.py holder_key): the mirror holds no codice fiscale."""

    model_config = ConfigDict(extra="forbid", strict=False)

    id: HolderKey
    programme: Short
    balance_cents: int = Field(ge=0, le=100_000_000)
    updated_at: datetime


class VoucherRecord(Strict):
    """A voucher the citizen can print at any kiosk once identified: issued by the
    platform (buoni spesa, after the Comune's decision) or made by a kiosk at checkout."""

    model_config = ConfigDict(extra="forbid", strict=False)

    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]  # the 8-byte voucher id
    holder: HolderKey
    comune: Id | None = None
    programme: Short
    issuer: Short
    amount_cents: int | None = Field(default=None, gt=0, le=10_000_000)
    service: Id | None = None
    valid_from: date
    valid_until: date
    code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}$")]
    signed_code: Annotated[str, StringConstraints(pattern=r"^SP1:[0-9A-Z $%*+./:-]{1,508}$")]
    state: Literal["issued", "redeemed", "cancelled"]


RECORD_MODELS: dict[str, type[BaseModel]] = {
    "comuni": ComuneRecord,
    "categories": CategoryRecord,
    "providers": ProviderRecord,
    "services": ServiceRecord,
    "forms": FormRecord,
    "calls": CallRecord,
    "operators": OperatorRecord,
    "application_statuses": ApplicationStatusRecord,
    "credits": CreditRecord,
    "vouchers": VoucherRecord,
}
# Which stream carries which kinds, in the order a kiosk must apply them.
STREAMS: dict[str, tuple[str, ...]] = {
    "catalog": ("comuni", "categories", "providers", "services"),
    "calls": ("forms", "calls"),
    "operators": ("operators",),
    "statuses": ("application_statuses",),
    "wallet": ("credits", "vouchers"),
}
STREAM_OF = {kind: stream for stream, kinds in STREAMS.items() for kind in kinds}


class Change(BaseModel):
    kind: str
    op: Literal["upsert", "delete"]
    id: str
    data: dict[str, Any] | None = None


class ChangePage(BaseModel):
    stream: str
    items: list[Change]
    next_cursor: str = Field(description="Opaque to clients; a decimal that only grows.")
    has_more: bool


class EnrollRequest(Strict):
    code: Annotated[str, StringConstraints(min_length=4, max_length=64)]
    kiosk_id: Id


class EnrollResponse(BaseModel):
    device_id: str
    token: str


class LookupKey(BaseModel):
    lookup_key: str  # 64 hex digits


class VoucherIssue(Strict):
    """The Comune approved a subsidy: a voucher for this citizen (admin API)."""

    cf: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{16}$")]
    comune: Id
    programme: Short
    amount_cents: int = Field(gt=0, le=10_000_000)
    valid_days: int = Field(default=60, ge=1, le=730)


class CreditGrant(Strict):
    """Sets a citizen's credit balance (admin API)."""

    cf: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{16}$")]
    programme: Short
    balance_cents: int = Field(ge=0, le=100_000_000)


class VoucherStatus(BaseModel):
    code: str
    state: str
    programme: str
    amount_cents: int | None
    service: str | None
    valid_from: date
    valid_until: date


class StatusChange(Strict):
    state: Literal["received", "in_review", "needs_documents", "admitted", "not_admitted"]
    note: I18nLong | None = None


UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
UUID_RE = re.compile(UUID_PATTERN)


class SubmissionEntry(BaseModel):
    uuid: Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
    kind: Annotated[str, StringConstraints(max_length=32)]
    created_at: datetime
    payload: Any


MAX_BATCH = 500


class SubmissionBatch(BaseModel):
    """Each entry is checked on its own (``SubmissionEntry``): one malformed entry is
    refused by itself, never the whole batch."""

    entries: list[Any] = Field(min_length=1, max_length=MAX_BATCH)


class SubmissionResult(BaseModel):
    """``retry``: the platform could not process the entry now (its own fault); the
    kiosk sends it again later. The other entries of the batch are answered as usual."""

    uuid: str
    status: Literal["accepted", "rejected", "retry"]
    server_id: str | None = None
    code: str | None = None
    message: str | None = None


class SubmissionResults(BaseModel):
    results: list[SubmissionResult]
