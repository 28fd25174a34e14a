# SPDX-License-Identifier: EUPL-1.2
"""The sync API's requests and replies, and the payloads a kiosk submits, as pydantic
types: the platform validates with them and its OpenAPI document comes from them; the
kiosk builds its submissions with them. Records are in protocol/records.py."""

from __future__ import annotations

import hashlib
import json
import math
import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from protocol import sealing
from protocol.records import (
    ApplicationStateValue,
    ApplicationStatusRecord,
    CallRecord,
    CategoryRecord,
    ComuneRecord,
    CreditRecord,
    FormRecord,
    HolderKey,
    Id,
    Int,
    Note,
    OperatorRecord,
    PaymentValue,
    ProviderRecord,
    ServiceRecord,
    Timestamp,
    VoucherRecord,
    VoucherStateValue,
    WalletRecord,
    describe,
)
from protocol.states import (
    ChangeOp,
    SubmissionKind,
    SubmissionStatus,
)
from protocol.text import lone_surrogate_in, refuse_unfit_text, unfit_place

Short = Annotated[str, StringConstraints(max_length=200)]
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
CODICE_FISCALE = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{16}$")]


class Contract(BaseModel):
    """A message sent to the platform: no text in it (a field, an item of a list, a key,
    however deep) holds a NUL, another control character but tab and newline, or half
    a character (protocol/text.py). SQLite took a NUL and PostgreSQL refused it, so one
    request was taken or a 500 by the database; the refusal names the field."""

    @model_validator(mode="before")
    @classmethod
    def _fit_texts(cls, data: Any) -> Any:
        return refuse_unfit_text(data)


class Strict(Contract):
    model_config = ConfigDict(extra="forbid", strict=True)


AnyRecord = (
    ComuneRecord
    | CategoryRecord
    | ProviderRecord
    | ServiceRecord
    | FormRecord
    | CallRecord
    | OperatorRecord
    | ApplicationStatusRecord
    | CreditRecord
    | VoucherRecord
    | WalletRecord
)


class Change(BaseModel):
    kind: str
    op: ChangeOp
    id: str
    data: AnyRecord | None = None  # the record of ``kind`` (None for a delete)


class ChangePage(BaseModel):
    stream: str
    items: list[Change]
    next_cursor: str = Field(description="Opaque to clients; a decimal that only grows.")
    has_more: bool
    epoch: str = Field(
        description="The platform database's identity; a new one after a restore from a "
        "backup (or on demand): cursors of another epoch mean nothing, take a snapshot."
    )
    head: str = Field(
        description="The newest change of the platform: a cursor beyond it was given by a "
        "platform since restored from an older copy; take a snapshot."
    )


CLAIM_PATTERN = r"^[A-Za-z0-9_-]+$"  # URL-safe base64, as secrets.token_urlsafe makes


class EnrollRequest(Strict):
    code: Annotated[str, StringConstraints(min_length=4, max_length=64)]
    kiosk_id: Id
    claim: (
        Annotated[str, StringConstraints(min_length=32, max_length=128, pattern=CLAIM_PATTERN)]
        | None
    ) = Field(
        default=None,
        description="A secret the device makes for this enrollment and keeps until it has its"
        " token. A reply lost on the way is asked for again, within 10 minutes, with the same"
        " code, kiosk id and claim; without it a used code is refused, so whoever else saw"
        " the code cannot take the device's place.",
    )


class EnrollResponse(BaseModel):
    device_id: str
    token: str


class LookupKey(BaseModel):
    lookup_key: str  # 64 hex digits


class VoucherTerms(Strict):
    """What a subsidy voucher is: whose, of which Comune and programme, how much."""

    cf: CODICE_FISCALE
    comune: Id
    programme: Short
    amount_cents: int = Field(gt=0, le=10_000_000)
    valid_days: int = Field(default=60, ge=1, le=730)


class VoucherIssue(VoucherTerms):
    """The Comune approved a subsidy: a voucher for this citizen (admin API)."""

    request_id: Annotated[str, StringConstraints(pattern=UUID_PATTERN)] = Field(
        description="The caller's own id for this decision (a UUID), kept with it before the"
        " request is sent. Sent again with the same id (a reply lost), the voucher it first"
        " issued is answered, never a second one; the same id with other terms is refused,"
        " 409 request_id_reused. Required: a buono issued twice is money paid twice."
    )


class CreditGrant(Strict):
    """Sets a citizen's credit balance (admin API)."""

    cf: CODICE_FISCALE
    programme: Short
    balance_cents: int = Field(ge=0, le=100_000_000)
    comune: Id | None = None  # whose kiosks receive it; None: every kiosk
    request_id: Annotated[str, StringConstraints(pattern=UUID_PATTERN)] | None = Field(
        default=None,
        description="The caller's own id for this grant (a UUID). Sent again with the same"
        " id (a reply lost), the credit is not set again: a retry after the citizen spent"
        " part of it would give that back. The same id with other terms is refused, 409"
        " request_id_reused.",
    )


class VoucherStatus(BaseModel):
    """A voucher as a merchant within its scope sees it: no holder, no personal data."""

    code: str
    state: VoucherStateValue
    programme: str
    amount_cents: int | None
    service: str | None
    valid_from: date
    valid_until: date
    units: int | None = None  # a service voucher's units, as signed
    units_left: int | None = None
    amount_left_cents: int | None = None
    # Whether a redemption would be taken now, on the platform's calendar day: ``state``
    # stays "issued" on a voucher past its last day. ``refusal``: the code a redemption
    # would get (expired, not_yet_valid, cancelled, redeemed), or None.
    usable_today: bool = False
    refusal: str | None = None


class RedeemBody(Strict):
    """A merchant takes a voucher: its own id for this redemption (sent again, the same
    answer), and how many units (service voucher, default 1) or how much (amount)."""

    redemption_id: Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
    units: int | None = Field(default=None, ge=1, le=99)
    amount_cents: int | None = Field(default=None, ge=1, le=10_000_000)


class VoucherLookup(Strict):
    """A merchant asks about a voucher it scanned (the QR's SP1: text) or typed, the code
    in the body: a Base45 code holds "%", "/" and ".", which an HTTP client rewrites in
    an unescaped URL path ("%41" read as "A", a "/./" step dropped)."""

    code: Annotated[str, StringConstraints(min_length=1, max_length=512)]


class Redemption(RedeemBody):
    voucher: Annotated[str, StringConstraints(min_length=1, max_length=512)]  # code or QR


class EnrollmentGrant(Strict):
    """What the device enrolled with a new code may do (admin API)."""

    role: Literal["kiosk", "merchant", "admin"] = "kiosk"
    comune: Id | None = None
    scope: dict[Literal["services", "programmes", "comuni"], list[Short]] | None = None


WalletPin = Annotated[str, StringConstraints(pattern=r"^[0-9]{6,8}$")]


class WalletPinGrant(Strict):
    """The Comune sets a citizen's wallet PIN (the approval letter; admin API)."""

    cf: CODICE_FISCALE
    pin: WalletPin
    comune: Id | None = None


class WalletPinRequest(Strict):
    """A kiosk sets a citizen's wallet PIN in an assisted session: the welfare manager
    checked an identity document (``document``: which, never its number in full) and
    proves a login on this kiosk (vouchers/wallet_key.py pin_set_proof)."""

    codice_fiscale: CODICE_FISCALE
    pin: WalletPin
    operator: Id
    document: Annotated[str, StringConstraints(min_length=2, max_length=200)]
    # ISO text with its offset: the proof's age is measured against the platform's clock.
    issued_at: Timestamp
    login_proof: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class WalletPinSet(BaseModel):
    wallet: str  # the wallet's locator; its sealed record follows on the wallet stream


class Revocation(Strict):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=300)]


class SigningKeyBody(Strict):
    public_key: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{43}=$")]


class PublishedKey(BaseModel):
    kid: str
    public_key: str
    issuer: str
    signs: Literal["any", "service"]
    revoked: bool


class PublishedKeys(BaseModel):
    keys: list[PublishedKey]


class StatusChange(Strict):
    state: ApplicationStateValue
    note: Note | None = None


# What a kiosk submits -------------------------------------------------------------------

Channel = Literal["kiosk", "kiosk_assisted"]
OperatorId = Annotated[str, StringConstraints(pattern=r"^[0-9]{4,8}$")]


# The code a kiosk gives each application (kiosk/core/applying.py), which the citizen
# keeps to ask about it: "DOM-8QR2-XE45", in forms.lookup.TRACKING_ALPHABET (no 0/O,
# 1/I/L, U). With the codice fiscale it names the application's published status, so
# nothing else is taken on the wire.
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
TRACKING_CODE_PATTERN = f"^DOM-[{TRACKING_ALPHABET}]{{4}}-[{TRACKING_ALPHABET}]{{4}}$"
TrackingCode = Annotated[str, StringConstraints(pattern=TRACKING_CODE_PATTERN)]


class ApplicationPayload(Strict):
    """An application for a call, filled on the form ``form`` ("id@version")."""

    call: Id
    form: Annotated[str, StringConstraints(max_length=200)]
    form_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    # The code the citizen keeps to ask about it (DOM-XXXX-XXXX); the kiosk always sends it.
    tracking_code: TrackingCode
    answers: dict[str, Any]  # checked against the form by forms.answers.check
    channel: Channel = "kiosk"
    assisted_by: OperatorId | None = None  # the welfare manager beside the citizen
    # HMAC under that operator's login proof key of the tracking code: they logged in here.
    assisted_proof: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None


class PurchaseLine(Strict):
    service: Id
    quantity: Int = Field(ge=1, le=99)
    unit_price_cents: Int = Field(ge=0, le=10_000_000)


class IssuedVoucher(Strict):
    """A voucher the kiosk signed at checkout, published once the purchase is accepted."""

    model_config = ConfigDict(extra="allow", strict=True)  # the record's other fields


MAX_LINES = 20


class PurchasePayload(Strict):
    """A purchase or booking: its lines at the prices the citizen saw, and how it is paid."""

    order: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    total_cents: Int = Field(ge=0)
    payment: PaymentValue
    lines: list[PurchaseLine] = Field(min_length=1, max_length=MAX_LINES)
    # The citizen's wallet, as its locator (vouchers/wallet_key.py): no codice fiscale;
    # with an HMAC under the wallet's proof key, which only their PIN gives.
    holder: HolderKey | None = None
    wallet_proof: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    vouchers: list[dict[str, Any]] = Field(default=[], max_length=MAX_LINES)
    channel: Channel = "kiosk"
    assisted_by: OperatorId | None = None
    # HMAC under that operator's login proof key: they logged in on this kiosk.
    assisted_proof: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    desk_confirmed_by: OperatorId | None = None
    # HMAC under the confirming operator's login proof key (kiosk/core/manager_login.py)
    desk_proof: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    phone: Annotated[str, StringConstraints(max_length=30)] | None = None


EventText = Annotated[str, StringConstraints(max_length=200)] | None


class EventPayload(Strict):
    """An event a kiosk reports (kiosk/core: help calls, wallets, assisted sessions,
    prints). Any type and any other field is taken, as kiosks of other versions report
    them; the fields the platform reads are text, or absent. A list for ``type`` or a
    number for ``operator`` raised in the checks that look them up, and the entry was
    answered "retry" on every push, for ever."""

    model_config = ConfigDict(extra="allow", strict=True)

    type: EventText = None
    kiosk: EventText = None
    operator: EventText = None  # an assisted session's, a help call's answer
    holder: EventText = None  # a wrong wallet PIN: the kiosk's tag of the citizen
    wallet: EventText = None  # an opened wallet's locator
    at: EventText = None  # the moment ``proof`` binds
    proof: EventText = None
    # A wrong wallet PIN: how far the kiosk had read the wallet stream, in which epoch.
    wallet_cursor: EventText = None
    wallet_epoch: EventText = None


PAYLOADS: dict[str, type[BaseModel]] = {
    SubmissionKind.APPLICATION: ApplicationPayload,
    SubmissionKind.PURCHASE: PurchasePayload,
    SubmissionKind.WALLET_PIN: WalletPinRequest,
    SubmissionKind.EVENT: EventPayload,
}
MAX_PAYLOAD_BYTES = 64 * 1024  # of any entry's payload, as compact JSON in UTF-8
# Levels of objects and lists in a payload (the payload itself is the first): an
# application needs 4 (answers, a repeat, its row, a list of choices). One nested a
# thousand deep passed the reader and then failed to be written (Python's JSON writer
# recursed too deep): answered "retry" on every push, for ever.
MAX_PAYLOAD_DEPTH = 32


def nested_deeper_than(payload: Any, limit: int = MAX_PAYLOAD_DEPTH) -> bool:
    """Whether ``payload`` has objects or lists more than ``limit`` levels deep (read
    without recursion: the payload may be deeper than Python's own limit)."""
    waiting: list[tuple[Any, int]] = [(payload, 1)]
    while waiting:
        item, depth = waiting.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        waiting.extend((child, depth + 1) for child in children)
    return False


def payload_size(payload: Any) -> int:
    """Bytes of ``payload`` as compact JSON in UTF-8, as it is sealed and sent. (Counted
    with JSON's ASCII escapes, an "è" took 6 bytes: three long answers with accents
    passed the form and were over the limit, and the citizen could never send them.)
    TypeError for what JSON cannot hold."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # A lone surrogate ("\\ud800", which a JSON escape carries) is counted, not raised on:
    # the record is judged by its content, never left to be tried again for ever.
    return len(text.encode("utf-8", "surrogatepass"))


class SubmissionRefusedError(ValueError):
    """A submission the platform would refuse on its form alone: it is not queued."""


def check_submission(kind: str, payload: Any) -> None:
    """Raises SubmissionRefusedError, naming the field, when the platform would refuse
    ``payload`` before it reads a record of its own: not a JSON object, larger than
    MAX_PAYLOAD_BYTES, a text or a key holding a NUL or another control character
    (protocol/text.py), or (an application, a purchase) not of its type in PAYLOADS as
    the platform reads it, from JSON. A kiosk checks every entry with this before it
    queues it: once sealed (protocol/sealing.py) only the platform can read it, and a
    refusal would come after the citizen left with a receipt."""
    if not isinstance(payload, dict):
        raise SubmissionRefusedError(f"{kind}: the payload is not an object")
    if nested_deeper_than(payload):
        limit = MAX_PAYLOAD_DEPTH
        raise SubmissionRefusedError(f"{kind}: the payload is nested more than {limit} deep")
    text = json.dumps(payload)  # TypeError for what JSON cannot hold, as the store would
    unfit = unfit_place(payload)  # the platform refuses it on either database
    if unfit is not None:
        place, problem = unfit
        raise SubmissionRefusedError(f"{kind} payload{'.' if place else ''}{place}: {problem}")
    if payload_size(payload) > MAX_PAYLOAD_BYTES:
        limit = MAX_PAYLOAD_BYTES
        raise SubmissionRefusedError(f"{kind}: the payload is larger than {limit} bytes")
    shape = PAYLOADS.get(kind)
    if shape is None:
        return
    try:
        shape.model_validate(json.loads(text))
    except ValidationError as error:
        raise SubmissionRefusedError(f"{kind} payload{describe(error.errors()[0])}") from None


# The most a kiosk's clock is taken to be off from the platform's (about 31 years): a
# PostgreSQL integer holds it, and a Date header further off is not believed.
MAX_CLOCK_SKEW_S = 10**9
# Nothing of this network was made before its kiosks existed: the platform refuses a
# record dated earlier, and a kiosk does not believe a platform's Date header earlier
# (a proxy or a front server whose clock was reset would date every record so).
NETWORK_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)

ServerId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,5}-[0-9A-Z-]{1,40}$")]

_INSTANT_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")


def _instant_text(value: Any) -> Any:
    """JSON has no instants: a kiosk sends ISO text with the time of day. A number (or
    text of digits) would otherwise be read as seconds since 1970, and a bare date as
    its midnight: neither is what a kiosk sends, so neither is taken."""
    if isinstance(value, datetime):  # built in Python, not read from JSON
        return value
    if not isinstance(value, str) or len(value) > 40 or not _INSTANT_TEXT.match(value):
        raise ValueError("not an ISO-8601 date and time")
    return value


class SubmissionEntry(BaseModel):
    uuid: Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
    # A kind the platform does not know is answered ``unknown_kind``; one that is not
    # even a name (control characters, NUL) is an invalid entry.
    kind: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_-]{0,31}$")]
    created_at: Annotated[datetime, BeforeValidator(_instant_text)]
    payload: Any = None  # ApplicationPayload, PurchasePayload or an event's object
    # The payload sealed to the platform's key (protocol/sealing.py) instead of ``payload``:
    # the platform opens it before any check.
    sealed: Annotated[str, StringConstraints(max_length=sealing.MAX_SEALED_CHARS)] | None = None
    # The id the platform gave this record before it was restored from an older copy
    # and lost it: printed on the citizen's receipt, so it is given again if still free.
    server_id: ServerId | None = None
    # The platform's receipt of that earlier acceptance (central/acceptance.py): with it,
    # the record is taken back as it was accepted, not judged again against older data.
    receipt: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    # The kiosk's clock minus the platform's (HTTP Date header) as last measured when
    # the record was made: the platform places it in its own time with it.
    clock_skew_s: int | None = Field(
        default=None, ge=-MAX_CLOCK_SKEW_S, le=MAX_CLOCK_SKEW_S, strict=True
    )
    # For a record sealed before its boot's clock was measured (its envelope binds no
    # skew): the skew measured later in that boot, moved by any jump of the clock since
    # the record was made. Only with no ``clock_skew_s``; it can place the record
    # earlier than it arrived, never refuse it (central/clock.py).
    placed_skew_s: int | None = Field(
        default=None, ge=-MAX_CLOCK_SKEW_S, le=MAX_CLOCK_SKEW_S, strict=True
    )

    @model_validator(mode="after")
    def _one_skew(self) -> SubmissionEntry:
        if self.clock_skew_s is not None and self.placed_skew_s is not None:
            raise ValueError("clock_skew_s and placed_skew_s cannot both be given")
        return self

    @field_validator("payload")
    @classmethod
    def _plain_json(cls, payload: Any) -> Any:
        """JSON has no NaN or Infinity, though Python's reader takes them: a database
        would store them as null or refuse them, so the entry is refused here. Nor is a
        payload nested deeper than MAX_PAYLOAD_DEPTH taken (it could not be written),
        nor one with a lone surrogate in a text or a key ("\\ud800", half a character,
        which a JSON escape carries): the checks that look a text up raised on it, and
        the entry was answered "retry" for ever. (A NUL or another control character is
        whole text, refused by the payload's own type: ``Contract``.)"""
        waiting: list[tuple[Any, int]] = [(payload, 1)]
        while waiting:
            item, depth = waiting.pop()
            if isinstance(item, float) and not math.isfinite(item):
                raise ValueError("a number that is not finite")
            if isinstance(item, str) and lone_surrogate_in(item):
                raise ValueError("a text with half a character (a lone surrogate)")
            if isinstance(item, dict | list) and depth > MAX_PAYLOAD_DEPTH:
                raise ValueError(f"nested more than {MAX_PAYLOAD_DEPTH} levels deep")
            if isinstance(item, dict):
                waiting.extend((key, depth) for key in item)  # keys are texts too
                waiting.extend((child, depth + 1) for child in item.values())
            elif isinstance(item, list):
                waiting.extend((child, depth + 1) for child in item)
        return payload


MAX_BATCH = 500


class SubmissionBatch(BaseModel):
    """Each entry is read on its own (``SubmissionEntry``, central/submission_entries.py):
    one malformed entry is refused by itself, never the whole batch."""

    entries: list[Any] = Field(min_length=1, max_length=MAX_BATCH)


class CallBack(BaseModel):
    """How to reach the citizen of a refused sealed record: the kiosk cannot read its
    sealed copy, and its welfare manager calls the citizen back (forms/contact.py)."""

    name: Annotated[str, StringConstraints(max_length=200)] = ""
    phones: list[Annotated[str, StringConstraints(max_length=40)]] = Field(
        default_factory=list, max_length=5
    )


class SubmissionResult(BaseModel):
    uuid: str
    status: SubmissionStatus
    server_id: str | None = None
    receipt: str | None = None  # an accepted record's: sent back with it after a restore
    code: str | None = None
    message: str | None = None
    contact: CallBack | None = None  # a refused sealed record only


class SealingKey(BaseModel):
    """The platform's key kiosks seal personal records to (protocol/sealing.py)."""

    kid: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]
    public_key: Annotated[str, StringConstraints(max_length=64)]


class SubmissionResults(BaseModel):
    results: list[SubmissionResult]


Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class SentRecord(Strict):
    """A record a kiosk had sent and got accepted: its UUID and ``submission_hash``."""

    uuid: Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
    sha256: Sha256


class KnownQuery(Strict):
    """Which of these accepted records does the platform still hold? (after a restore)"""

    entries: list[SentRecord] = Field(min_length=1, max_length=MAX_BATCH)


class KnownRecords(BaseModel):
    epoch: str
    known: list[str]  # the UUIDs the platform holds with that very payload


def submission_hash(kind: str, payload: Any) -> str:
    """SHA-256 of what an entry carries, whatever order its keys came in: the platform
    keeps it with the record, a kiosk asks with it whether the platform still has it."""
    canonical = json.dumps(
        [kind, payload], sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
