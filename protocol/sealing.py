# SPDX-License-Identifier: EUPL-1.2
"""Submissions sealed to the platform (after ODK Central's encrypted forms).

A kiosk seals the personal part of a record (an application's answers, an order in a
citizen's name) to the platform's public key before it stores it: HPKE (RFC 9180,
DHKEM-X25519, HKDF-SHA256, AES-256-GCM) from ``cryptography``. Only the platform's
private key opens it, so a kiosk's stolen disk shows no answers, whatever else the
thief knows. The envelope is bound to the record's kind and UUID: it cannot be moved
onto another record.

Envelope text: ``SPS1.<kid>.<Base64 of HPKE's enc || ciphertext>``; the kid (8 hex
digits of the public key's SHA-256) says which platform key opens it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

PREFIX = "SPS1"
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
MAX_SEALED_CHARS = 200_000  # a payload is at most 64 KiB (protocol/messages.py MAX_PAYLOAD_BYTES)


class SealError(ValueError):
    """An envelope that is malformed, for an unknown key, or does not open."""


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


def _info(kind: str, uuid: str) -> bytes:
    return f"social-point/submission/1|{kind}|{uuid}".encode()


def seal(public_key: str, kind: str, uuid: str, payload: Mapping[str, Any]) -> str:
    recipient = X25519PublicKey.from_public_bytes(_public_bytes(public_key))
    plain = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    sealed = SUITE.encrypt(plain, recipient, _info(kind, uuid))
    return f"{PREFIX}.{key_id(public_key)}.{base64.b64encode(sealed).decode()}"


def open_sealed(
    keys: Mapping[str, X25519PrivateKey], kind: str, uuid: str, sealed: str
) -> dict[str, Any]:
    """The payload; ``keys`` by kid. Raises SealError (never says more than why)."""
    parts = sealed.split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise SealError("not a sealed payload")
    key = keys.get(parts[1])
    if key is None:
        raise SealError(f"sealed under an unknown key {parts[1][:8]!r}")
    try:
        plain = SUITE.decrypt(base64.b64decode(parts[2], validate=True), key, _info(kind, uuid))
        payload = json.loads(plain)
    except Exception:  # a wrong key, another record's envelope, damage: one answer
        raise SealError("the sealed payload does not open") from None
    if not isinstance(payload, dict):
        raise SealError("the sealed payload is not an object")
    return payload
