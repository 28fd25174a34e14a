# SPDX-License-Identifier: EUPL-1.2
"""Validation of the platform's replies before anything of them reaches the store.

A reply that does not have the expected shape raises ``ProtocolError`` with a message
that names the field; the engine then keeps its last good mirror and tries later.
Unknown fields are ignored, so a newer platform can add them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from protocol import sealing
from protocol.records import ID_RE

CURSOR_RE = re.compile(r"[0-9]{1,18}")
EPOCH_RE = re.compile(r"[0-9A-Za-z_-]{1,64}")
MAX_ITEMS = 5000


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


@dataclass(frozen=True)
class Page:
    items: list[Item]
    next_cursor: str
    has_more: bool
    unreadable: list[Unreadable] = field(default_factory=list)
    # The platform's epoch and newest change (None from a platform without epochs).
    epoch: str | None = None
    head: int | None = None


@dataclass(frozen=True)
class Result:
    uuid: str
    accepted: bool
    server_id: str | None
    code: str | None
    message: str | None
    retry: bool = False  # the platform could not process it now: it goes again later
    # A refused sealed record: how to reach its citizen ({"name", "phones"}), checked
    contact: dict[str, Any] | None = None


def _field(obj: dict[str, Any], name: str, kind: type, where: str) -> Any:
    if name not in obj:
        raise ProtocolError(f"{where}.{name}: missing")
    value = obj[name]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ProtocolError(f"{where}.{name}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def _short(obj: dict[str, Any], name: str, where: str, limit: int) -> str:
    value = _field(obj, name, str, where)
    if len(value) > limit:
        raise ProtocolError(f"{where}.{name}: longer than {limit} characters")
    return str(value)  # a str already (checked by _field)


def _call_back(raw: Any, where: str) -> dict[str, Any] | None:
    """A refusal's call-back details: a name and at most five phone numbers, as text."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ProtocolError(f"{where}: not an object")
    name = raw.get("name") or ""
    phones = raw.get("phones") or []
    if not isinstance(name, str) or len(name) > 200:
        raise ProtocolError(f"{where}.name: not a name")
    if not isinstance(phones, list) or len(phones) > 5:
        raise ProtocolError(f"{where}.phones: not a list of at most 5")
    if not all(isinstance(phone, str) and len(phone) <= 40 for phone in phones):
        raise ProtocolError(f"{where}.phones: not phone numbers")
    return {"name": name, "phones": list(phones)}


def parse_sealing_key(body: Any) -> str:
    """The platform's sealing key (Base64 of 32 bytes), checked against its kid."""
    if not isinstance(body, dict):
        raise ProtocolError("sealing key: not a JSON object")
    public_key = _short(body, "public_key", "sealing key", 64)
    kid = _short(body, "kid", "sealing key", 8)
    try:
        if sealing.check_public_key(public_key) != kid:
            raise ProtocolError("sealing key: the kid does not match the key")
    except sealing.SealError as error:
        raise ProtocolError(f"sealing key: {error}") from None
    return public_key


def parse_enrollment(body: Any) -> tuple[str, str]:
    """The device id and token the platform gives an enrolling kiosk."""
    if not isinstance(body, dict):
        raise ProtocolError("enrollment: not a JSON object")
    return _short(body, "device_id", "enrollment", 64), _short(body, "token", "enrollment", 200)


def parse_lookup_key(body: Any) -> str:
    """The key of the application status records (64 hex digits)."""
    if not isinstance(body, dict):
        raise ProtocolError("lookup key: not a JSON object")
    key = _short(body, "lookup_key", "lookup key", 64)
    if not re.fullmatch(r"[0-9a-f]{64}", key):
        raise ProtocolError("lookup key: not 64 hex digits")
    return key


def parse_kid(body: Any) -> str:
    kid = _short(body, "kid", "signing key", 8) if isinstance(body, dict) else ""
    if not re.fullmatch(r"[0-9a-f]{8}", kid):
        raise ProtocolError("signing key: the kid is not 8 hex digits")
    return kid


def parse_key_list(body: Any) -> list[Any]:
    keys = body.get("keys") if isinstance(body, dict) else None
    if not isinstance(keys, list) or len(keys) > 10_000:
        raise ProtocolError('voucher keys: expected {"keys": [...]}')
    return keys


def parse_token(body: Any) -> str:
    token = _short(body, "token", "device token", 200) if isinstance(body, dict) else ""
    if not re.fullmatch(r"[A-Za-z0-9_-]{20,200}", token):
        raise ProtocolError("device token: not a token")
    return token


def parse_page(body: Any, *, stream: str, since: str) -> Page:
    if not isinstance(body, dict):
        raise ProtocolError("change page: not a JSON object")
    if body.get("stream", stream) != stream:
        raise ProtocolError(f"change page: for stream {str(body.get('stream'))[:32]!r}")
    raw_items = _field(body, "items", list, "page")
    if len(raw_items) > MAX_ITEMS:
        raise ProtocolError(f"page.items: more than {MAX_ITEMS}")
    next_cursor = _short(body, "next_cursor", "page", 18)
    if not CURSOR_RE.fullmatch(next_cursor):
        raise ProtocolError("page.next_cursor: not a cursor")
    has_more = _field(body, "has_more", bool, "page")
    epoch = body.get("epoch")
    if epoch is not None and not (isinstance(epoch, str) and EPOCH_RE.fullmatch(epoch)):
        raise ProtocolError("page.epoch: not an epoch")
    head = body.get("head")
    if head is not None and not (isinstance(head, str) and CURSOR_RE.fullmatch(head)):
        raise ProtocolError("page.head: not a cursor")
    if int(next_cursor) < int(since):
        raise ProtocolError(f"page.next_cursor: went backwards ({since} to {next_cursor})")
    if raw_items and int(next_cursor) == int(since):
        raise ProtocolError("page.next_cursor: items came without the cursor moving on")
    if has_more and not raw_items:
        raise ProtocolError("page.has_more: true on an empty page")
    items, unreadable = [], []
    for index, raw in enumerate(raw_items):
        try:
            items.append(_item(raw))
        except ProtocolError as error:
            # One malformed change is set aside like any record the kiosk cannot apply;
            # only a malformed page (above) stops the stream.
            unreadable.append(_unreadable(raw, f"page.items[{index}]{error}", next_cursor, index))
    return Page(
        items=items,
        next_cursor=next_cursor,
        has_more=has_more,
        unreadable=unreadable,
        epoch=epoch,
        head=int(head) if head is not None else None,
    )


def parse_known(body: Any, *, asked: list[str]) -> tuple[str, set[str]]:
    """The platform's epoch and which of the ``asked`` UUIDs it still holds."""
    if not isinstance(body, dict):
        raise ProtocolError("known records: not a JSON object")
    epoch = _short(body, "epoch", "known", 64)
    if not EPOCH_RE.fullmatch(epoch):
        raise ProtocolError("known.epoch: not an epoch")
    known = _field(body, "known", list, "known")
    if not all(isinstance(uuid, str) for uuid in known) or not set(known) <= set(asked):
        raise ProtocolError("known.known: not UUIDs that were asked about")
    return epoch, set(known)


def _unreadable(raw: Any, reason: str, cursor: str, index: int) -> Unreadable:
    """What can be told of a malformed change, to name it to a manager."""
    raw = raw if isinstance(raw, dict) else {}
    kind, op, record_id, data = raw.get("kind"), raw.get("op"), raw.get("id"), raw.get("data")
    return Unreadable(
        kind[:32] if isinstance(kind, str) and kind else "?",
        op[:8] if isinstance(op, str) else "?",
        record_id[:64] if isinstance(record_id, str) and record_id else f"#{cursor}.{index}",
        data if isinstance(data, dict) else None,
        reason,
    )


def _item(raw: Any) -> Item:
    """One change; the error message goes on from the item's place in the page."""
    if not isinstance(raw, dict):
        raise ProtocolError(": not an object")
    kind = _short(raw, "kind", "", 32)
    op = _short(raw, "op", "", 8)
    if op != "upsert" and op != "delete":
        raise ProtocolError(f".op: {op!r} is neither upsert nor delete")
    record_id = _short(raw, "id", "", 64)
    if not ID_RE.fullmatch(record_id):
        raise ProtocolError(".id: not a valid identifier")
    if op == "delete":
        return Item(kind, op, record_id, None)
    data = _field(raw, "data", dict, "")
    if data.get("id") != record_id:
        raise ProtocolError(".data.id: does not match the item id")
    return Item(kind, op, record_id, data)


def parse_results(body: Any, *, sent: list[str]) -> list[Result]:
    """The per-entry answers to a batch; entries not answered simply stay pending."""
    if not isinstance(body, dict):
        raise ProtocolError("submission results: not a JSON object")
    raw_results = _field(body, "results", list, "results")
    expected = set(sent)
    seen: set[str] = set()
    results = []
    for index, raw in enumerate(raw_results):
        where = f"results[{index}]"
        if not isinstance(raw, dict):
            raise ProtocolError(f"{where}: not an object")
        uuid = _short(raw, "uuid", where, 36)
        if uuid not in expected:
            raise ProtocolError(f"{where}.uuid: was not in the batch")
        if uuid in seen:
            raise ProtocolError(f"{where}.uuid: answered twice")
        seen.add(uuid)
        status = _short(raw, "status", where, 16)
        if status == "accepted":
            server_id = _short(raw, "server_id", where, 64)
            if not server_id.strip():
                raise ProtocolError(f"{where}.server_id: empty")
            results.append(Result(uuid, True, server_id, None, None))
        elif status == "rejected":
            code = _short(raw, "code", where, 64)
            message = raw.get("message") or ""
            if not isinstance(message, str):
                raise ProtocolError(f"{where}.message: expected str")
            contact = _call_back(raw.get("contact"), f"{where}.contact")
            results.append(Result(uuid, False, None, code, message[:500], contact=contact))
        elif status == "retry":
            said, told = raw.get("code"), raw.get("message")
            results.append(
                Result(
                    uuid,
                    False,
                    None,
                    str(said)[:64] if said else "retry",
                    str(told)[:500] if told else "",
                    retry=True,
                )
            )
        else:
            raise ProtocolError(f"{where}.status: {status!r} is not accepted, rejected or retry")
    return results
