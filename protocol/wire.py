# SPDX-License-Identifier: EUPL-1.2
"""Validation of the platform's replies before anything of them reaches the store.

Each reply is read with a pydantic type of the contract (the same library and field
types the platform validates with); what only the kiosk can judge (the cursor went
back, a result answers an entry that was not sent) is checked after. A reply that
does not have the expected shape raises ``ProtocolError`` with a message that names the
field; the engine then keeps its last good mirror and tries later. Unknown fields are
ignored, so a newer platform can add them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, NamedTuple, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from protocol import sealing
from protocol.messages import CallBack, SealingKey, ServerId
from protocol.records import ID_PATTERN, describe
from protocol.text import plain

CURSOR_RE = re.compile(r"[0-9]{1,18}")
EPOCH_RE = re.compile(r"[0-9A-Za-z_-]{1,64}")
MAX_ITEMS = 5000
MAX_RESULTS = 10_000
MESSAGE_CHARS = 500


class ProtocolError(ValueError):
    """The platform answered something the kiosk cannot accept."""


class Item(NamedTuple):  # a tuple: a page makes thousands of them
    kind: str
    op: str  # "upsert" or "delete"
    id: str
    data: dict[str, Any] | None


class Unreadable(NamedTuple):
    """A change of a well-formed page that is itself malformed: set aside, not applied."""

    kind: str
    op: str
    id: str
    data: dict[str, Any] | None
    reason: str
    position: int = 0  # its place among the page's items: a later version comes after it


@dataclass(frozen=True)
class Page:
    items: list[Item]
    next_cursor: str
    has_more: bool
    unreadable: list[Unreadable] = field(default_factory=list)
    # The platform's epoch and newest change (None from a platform without epochs).
    epoch: str | None = None
    head: int | None = None

    def in_order(self) -> list[Item | Unreadable]:
        """The readable and the unreadable changes in the page's own order: of two
        versions of a record in one page, the later one decides."""
        if not self.unreadable:
            return list(self.items)
        at = {bad.position: bad for bad in self.unreadable}
        readable = iter(self.items)
        total = len(self.items) + len(self.unreadable)
        return [at[index] if index in at else next(readable) for index in range(total)]


@dataclass(frozen=True)
class Result:
    uuid: str
    accepted: bool
    server_id: str | None
    code: str | None
    message: str | None
    retry: bool = False  # the platform could not process it now: it goes again later
    receipt: str | None = None  # an accepted record's receipt (sent again after a restore)
    # A refused sealed record: how to reach its citizen ({"name", "phones"}), checked
    contact: dict[str, Any] | None = None


# The field types of the replies ---------------------------------------------------------


def _matching(pattern: re.Pattern[str], what: str) -> AfterValidator:
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise ValueError(f"not {what}")
        return value

    return AfterValidator(check)


def _chars(limit: int) -> StringConstraints:
    return StringConstraints(max_length=limit)


Cursor = Annotated[str, _chars(18), _matching(CURSOR_RE, "a cursor")]
Epoch = Annotated[str, _chars(64), _matching(EPOCH_RE, "an epoch")]
# A pattern pydantic checks itself (no Python call per change: a page holds thousands).
RecordId = Annotated[str, StringConstraints(max_length=64, pattern=ID_PATTERN)]
Hex64 = Annotated[str, _matching(re.compile(r"[0-9a-f]{64}"), "64 hex digits")]
Token = Annotated[str, _matching(re.compile(r"[A-Za-z0-9_-]{20,200}"), "a token")]
Kid = Annotated[str, _matching(re.compile(r"[0-9a-f]{8}"), "8 hex digits")]


class Reply(BaseModel):
    """What the kiosk reads of a reply: exact JSON types, unknown fields ignored."""

    model_config = ConfigDict(strict=True, extra="ignore")


class ChangeReply(Reply):
    kind: Annotated[str, _chars(32)]
    op: Literal["upsert", "delete"]
    id: RecordId
    # The record, read by its kind later (protocol.records): here only "an object", which
    # is checked in ``_item`` (a dict[str, Any] field would copy every record).
    data: Any = None


_CHANGES = TypeAdapter(list[ChangeReply])


class PageReply(Reply):
    stream: str | None = None
    items: Annotated[list[Any], Field(max_length=MAX_ITEMS)]  # each read on its own
    next_cursor: Cursor
    has_more: bool
    # None from a platform without epochs.
    epoch: Epoch | None = None
    head: Cursor | None = None


class Accepted(Reply):
    uuid: Annotated[str, _chars(36)]
    status: Literal["accepted"]
    # The contract's shape ("PROT-2026-000042"): the kiosk prints it on receipts and
    # sends it back after a restore, where the platform checks that shape.
    server_id: ServerId
    receipt: Hex64 | None = None


class Rejected(Reply):
    uuid: Annotated[str, _chars(36)]
    status: Literal["rejected"]
    code: Annotated[str, _chars(64)]
    message: str | None = None  # cut to MESSAGE_CHARS
    contact: CallBack | None = None  # a refused sealed record: whom the manager calls back


class Retry(Reply):
    """The platform could not process the entry now: whatever it says, it goes again."""

    uuid: Annotated[str, _chars(36)]
    status: Literal["retry"]
    code: Any = None
    message: Any = None


Answer = Annotated[Accepted | Rejected | Retry, Field(discriminator="status")]


class ResultsReply(Reply):
    results: Annotated[list[Answer], Field(max_length=MAX_RESULTS)]


class KnownReply(Reply):
    epoch: Epoch
    known: Annotated[list[str], Field(max_length=MAX_RESULTS)]


class EnrollmentReply(Reply):
    # Both are kept in the device file and sent in every request's header: a token
    # that cannot go in a header stopped the kiosk's sync for good (the code spent).
    device_id: RecordId
    token: Token


class LookupKeyReply(Reply):
    lookup_key: Hex64


class KidReply(Reply):
    kid: Kid


class KeyListReply(Reply):
    keys: Annotated[list[Any], Field(max_length=10_000)]  # each checked by vouchers.keys


class TokenReply(Reply):
    token: Token


R = TypeVar("R", bound=BaseModel)


def explain(error: ValidationError, where: str) -> str:
    """The first problem, named by its place: ``page.items[1].id: not a valid identifier``."""
    return where + describe(error.errors(include_url=False)[0])


def read(reply: type[R], body: Any, where: str) -> R:
    """``body`` as ``reply``, or ProtocolError naming what is wrong."""
    if not isinstance(body, dict):
        raise ProtocolError(f"{where}: not an object")
    try:
        return reply.model_validate(body)
    except ValidationError as error:
        raise ProtocolError(explain(error, where)) from None


# The replies ----------------------------------------------------------------------------


def parse_sealing_key(body: Any) -> str:
    """The platform's sealing key (Base64 of 32 bytes), checked against its kid."""
    reply = read(SealingKey, body, "sealing key")
    try:
        if sealing.check_public_key(reply.public_key) != reply.kid:
            raise ProtocolError("sealing key: the kid does not match the key")
    except sealing.SealError as error:
        raise ProtocolError(f"sealing key: {error}") from None
    return reply.public_key


def parse_enrollment(body: Any) -> tuple[str, str]:
    """The device id and token the platform gives an enrolling kiosk."""
    reply = read(EnrollmentReply, body, "enrollment")
    return reply.device_id, reply.token


def parse_lookup_key(body: Any) -> str:
    """The key of the application status records (64 hex digits)."""
    return read(LookupKeyReply, body, "lookup key").lookup_key


def parse_kid(body: Any) -> str:
    return read(KidReply, body, "signing key").kid


def parse_key_list(body: Any) -> list[Any]:
    return read(KeyListReply, body, "voucher keys").keys


def parse_token(body: Any) -> str:
    return read(TokenReply, body, "device token").token


def parse_page(body: Any, *, stream: str, since: str) -> Page:
    page = read(PageReply, body, "page")
    if page.stream is not None and page.stream != stream:
        raise ProtocolError(f"change page: for stream {page.stream[:32]!r}")
    next_cursor = page.next_cursor
    if int(next_cursor) < int(since):
        raise ProtocolError(f"page.next_cursor: went backwards ({since} to {next_cursor})")
    if page.items and int(next_cursor) == int(since):
        raise ProtocolError("page.next_cursor: items came without the cursor moving on")
    if page.has_more and not page.items:
        raise ProtocolError("page.has_more: true on an empty page")
    changes: list[ChangeReply | ProtocolError]
    try:  # all at once: the usual case, and the fast one
        changes = list(_CHANGES.validate_python(page.items))
    except ValidationError:  # one by one, to tell the good from the bad
        changes = [_change(raw, f"page.items[{i}]") for i, raw in enumerate(page.items)]
    items, unreadable = [], []
    for index, (raw, change) in enumerate(zip(page.items, changes, strict=True)):
        try:
            items.append(_item(change, f"page.items[{index}]"))
        except ProtocolError as error:
            # One malformed change is set aside like any record the kiosk cannot apply;
            # only a malformed page (above) stops the stream.
            unreadable.append(_unreadable(raw, str(error), next_cursor, index))
    return Page(
        items=items,
        next_cursor=next_cursor,
        has_more=page.has_more,
        unreadable=unreadable,
        epoch=page.epoch,
        head=int(page.head) if page.head is not None else None,
    )


def parse_known(body: Any, *, asked: list[str]) -> tuple[str, set[str]]:
    """The platform's epoch and which of the ``asked`` UUIDs it still holds."""
    reply = read(KnownReply, body, "known")
    if not set(reply.known) <= set(asked):
        raise ProtocolError("known.known: not UUIDs that were asked about")
    return reply.epoch, set(reply.known)


def _change(raw: Any, where: str) -> ChangeReply | ProtocolError:
    try:
        return read(ChangeReply, raw, where)
    except ProtocolError as error:
        return error


def _item(change: ChangeReply | ProtocolError, where: str) -> Item:
    """One change as the store applies it, or ProtocolError saying what is wrong."""
    if isinstance(change, ProtocolError):
        raise change
    if change.op == "delete":
        return Item(change.kind, change.op, change.id, None)  # its data is not read
    if change.data is None:
        raise ProtocolError(f"{where}.data: missing")
    if not isinstance(change.data, dict):
        raise ProtocolError(f"{where}.data: wrong type {type(change.data).__name__}")
    if change.data.get("id") != change.id:
        raise ProtocolError(f"{where}.data.id: does not match the item id")
    return Item(change.kind, change.op, change.id, change.data)


def _unreadable(raw: Any, reason: str, cursor: str, index: int) -> Unreadable:
    """What can be told of a malformed change, to name it to a manager."""
    raw = raw if isinstance(raw, dict) else {}
    kind, op, record_id, data = raw.get("kind"), raw.get("op"), raw.get("id"), raw.get("data")
    return Unreadable(
        _storable(kind, 32) or "?",
        _storable(op, 8) or "?",
        _storable(record_id, 64) or f"#{cursor}.{index}",
        data if isinstance(data, dict) else None,
        reason,
        index,
    )


def _storable(value: Any, limit: int) -> str | None:
    """``value`` cut to ``limit``, when it is a text the store can hold as a key: a lone
    surrogate ("\\ud800", which a JSON escape can carry) cannot be written to SQLite, and
    the set-aside record named by it failed its page, every pass, for good."""
    if not isinstance(value, str) or not value:
        return None
    text = value[:limit]
    return text if text.isprintable() else None  # a surrogate is not printable


def parse_results(body: Any, *, sent: list[str]) -> list[Result]:
    """The per-entry answers to a batch; entries not answered simply stay pending."""
    reply = read(ResultsReply, body, "results")
    expected = set(sent)
    seen: set[str] = set()
    results = []
    for index, answer in enumerate(reply.results):
        where = f"results[{index}]"
        if answer.uuid not in expected:
            raise ProtocolError(f"{where}.uuid: was not in the batch")
        if answer.uuid in seen:
            raise ProtocolError(f"{where}.uuid: answered twice")
        seen.add(answer.uuid)
        if isinstance(answer, Accepted):
            results.append(
                Result(answer.uuid, True, answer.server_id, None, None, receipt=answer.receipt)
            )
        elif isinstance(answer, Rejected):
            message = _whole(answer.message or "")[:MESSAGE_CHARS]
            contact = _call_back(answer.contact)
            # The code is stored, shown, and sent back in the manager's refusal_dealt_with.
            code = _whole(answer.code)
            results.append(Result(answer.uuid, False, None, code, message, contact=contact))
        else:
            # Typed loosely so an odd retry never fails the batch's answers; only texts
            # are kept (the text of a list nested a thousand deep raised RecursionError).
            said, told = answer.code, answer.message
            code = _whole(said)[:64] if isinstance(said, str) and said else "retry"
            message = _whole(told)[:MESSAGE_CHARS] if isinstance(told, str) else ""
            results.append(Result(answer.uuid, False, None, code, message, retry=True))
    return results


def _call_back(contact: CallBack | None) -> dict[str, Any] | None:
    """How to reach the citizen, its texts made plain as a message's (``_whole``)."""
    if contact is None:
        return None
    return {"name": _whole(contact.name), "phones": [_whole(p) for p in contact.phones]}


def _whole(text: str) -> str:
    """``text`` with any lone surrogate ("\ud800", which a JSON escape can carry) made
    "?": the store cannot write one, and one answer's text failed recording every answer
    of its batch, which then went again on every pass. A NUL or another control
    character goes the same way (protocol/text.py): a message is shown to a manager,
    and refusing it would leave the batch's answers unrecorded, sent again for ever."""
    return plain(text)
