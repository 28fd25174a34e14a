# SPDX-License-Identifier: EUPL-1.2
"""Submissions sealed to the platform (after ODK Central's encrypted forms).

A kiosk seals the personal part of a record (an application's answers, an order in a
citizen's name) to the platform's public key before it stores it: HPKE (RFC 9180,
DHKEM-X25519, HKDF-SHA256, AES-256-GCM) from ``cryptography``. Only the platform's
private key opens it, so a kiosk's stolen disk shows no answers, whatever else the
thief knows. The envelope is bound to the record's kind and UUID, and to when it was
made (``created_at`` and the kiosk's clock skew, which travel beside it): it cannot be
moved onto another record, nor sent again with another date. A date changed by whoever
holds a stolen disk made the platform refuse the record (``impossible_timestamp``) and
send back, as it does with every refused sealed record, the citizen's name and phones.

Envelope text: ``SPS2.<kid>.<Base64 of HPKE's enc || ciphertext>``; the kid (8 hex
digits of the public key's SHA-256) says which platform key opens it. ``SPS1`` envelopes
(bound to kind and UUID only, made by earlier kiosks) still open.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from protocol.text import lone_surrogate_in

PREFIX = "SPS2"
LEGACY_PREFIX = "SPS1"  # bound to the record's kind and UUID only
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
MAX_SEALED_CHARS = 200_000  # a payload is at most 64 KiB (protocol/messages.py MAX_PAYLOAD_BYTES)


class SealError(ValueError):
    """An envelope that is malformed, for an unknown key, or does not open."""


class UnfitPayloadError(SealError):
    """An envelope that opens on JSON the open wire does not take: NaN, Infinity, a
    number beyond a double's range, or a text with half a character (a lone surrogate).
    Python's reader takes them all, and a sealed record carried them past the checks an
    open one gets."""


def new_private_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def private_from_hex(text: str) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(bytes.fromhex(text))


def private_hex(key: X25519PrivateKey) -> str:
    raw = key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return raw.hex()


def public_text(key: X25519PrivateKey) -> str:
    """Base64 of the 32 raw bytes of the public key."""
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def key_id(public_key: str) -> str:
    return hashlib.sha256(_public_bytes(public_key)).hexdigest()[:8]


def check_public_key(public_key: str) -> str:
    """The key's kid; raises SealError for anything but 32 raw bytes in Base64 of a key
    that can be sealed to (the all-zero key and the other points of small order give
    no shared secret: learnt, every personal record of the kiosk failed to seal)."""
    raw = _public_bytes(public_key)
    try:
        X25519PrivateKey.generate().exchange(X25519PublicKey.from_public_bytes(raw))
    except ValueError:
        raise SealError("the sealing key is of small order: nothing can be sealed to it") from None
    return key_id(public_key)


def _public_bytes(public_key: str) -> bytes:
    try:
        raw = base64.b64decode(public_key, validate=True)
    except (binascii.Error, ValueError):
        raise SealError("the sealing key is not Base64") from None
    if len(raw) != 32:
        raise SealError("the sealing key is not 32 bytes")
    return raw


def _legacy_info(kind: str, uuid: str) -> bytes:
    return f"social-point/submission/1|{kind}|{uuid}".encode()


def _info(kind: str, uuid: str, created_at: datetime, clock_skew_s: int | None) -> bytes:
    # The instant as one text on both sides, whatever form it travelled in: aware UTC
    # to the microsecond (a naive one is UTC, as the platform reads it).
    moment = created_at if created_at.tzinfo else created_at.replace(tzinfo=UTC)
    made = moment.astimezone(UTC).isoformat(timespec="microseconds")
    skew = "" if clock_skew_s is None else str(clock_skew_s)
    return f"social-point/submission/2|{kind}|{uuid}|{made}|{skew}".encode()


def seal(
    public_key: str,
    kind: str,
    uuid: str,
    payload: Mapping[str, Any],
    *,
    created_at: datetime,
    clock_skew_s: int | None,
) -> str:
    recipient = X25519PublicKey.from_public_bytes(_public_bytes(public_key))
    plain = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    sealed = SUITE.encrypt(plain, recipient, _info(kind, uuid, created_at, clock_skew_s))
    return f"{PREFIX}.{key_id(public_key)}.{base64.b64encode(sealed).decode()}"


def bound_to_when_made(sealed: str) -> bool:
    """Whether the envelope also binds when its record was made (not an ``SPS1``)."""
    return sealed.startswith(f"{PREFIX}.")


def open_sealed(
    keys: Mapping[str, X25519PrivateKey],
    kind: str,
    uuid: str,
    sealed: str,
    *,
    created_at: datetime,
    clock_skew_s: int | None,
) -> dict[str, Any]:
    """The payload; ``keys`` by kid. Raises SealError (never says more than why)."""
    parts = sealed.split(".")
    if len(parts) != 3 or parts[0] not in (PREFIX, LEGACY_PREFIX):
        raise SealError("not a sealed payload")
    info = (
        _info(kind, uuid, created_at, clock_skew_s)
        if parts[0] == PREFIX
        else _legacy_info(kind, uuid)
    )
    key = keys.get(parts[1])
    if key is None:
        raise SealError(f"sealed under an unknown key {parts[1][:8]!r}")
    try:
        plain = SUITE.decrypt(base64.b64decode(parts[2], validate=True), key, info)
    except Exception:  # a wrong key, another record's envelope, damage: one answer
        raise SealError("the sealed payload does not open") from None
    payload = _plain_json(plain)
    if not isinstance(payload, dict):
        raise SealError("the sealed payload is not an object")
    return payload


def _plain_json(plain: bytes) -> Any:
    """The opened bytes as JSON, by the open wire's rules (UnfitPayloadError)."""
    try:
        text = plain.decode("utf-8")  # strictly: an encoded surrogate is no UTF-8
    except UnicodeDecodeError:
        raise UnfitPayloadError("the sealed payload is not UTF-8 text") from None
    try:
        payload = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except UnfitPayloadError:
        raise
    except (ValueError, RecursionError):
        raise SealError("the sealed payload does not open") from None
    if _holds_lone_surrogate(payload):  # a "\\ud800" escape, which the reader takes
        raise UnfitPayloadError("a text with half a character (a lone surrogate)")
    return payload


def _holds_lone_surrogate(payload: Any) -> bool:
    """In a text or a key, however deep (read without recursion)."""
    waiting = [payload]
    while waiting:
        item = waiting.pop()
        if isinstance(item, str):
            if lone_surrogate_in(item):
                return True
        elif isinstance(item, dict):
            waiting.extend(item)
            waiting.extend(item.values())
        elif isinstance(item, list):
            waiting.extend(item)
    return False


def _no_constant(name: str) -> Any:
    raise UnfitPayloadError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e400
        raise UnfitPayloadError("a number beyond the range of JSON's numbers")
    return number
