# SPDX-License-Identifier: EUPL-1.2
"""Voucher keys: this kiosk's signing key, and the public keys a verifier trusts.

The signing key is made on the kiosk the first time it is needed and stays in a file
readable by its owner only. Trusted keys come from a JSON file an integrator keeps:

    {"keys": [{"kid": "1a2b3c4d", "public_key": "<Base64 of the 32 raw bytes>",
               "issuer": "kiosk-01"}]}

``social-point voucher key`` prints this kiosk's entry for that file.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vouchers.codes import Signer, key_id


class KeyFileError(Exception):
    """A key file is missing, unreadable or malformed; the message says which and why."""


def load_or_create_signer(path: Path) -> Signer:
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError) as error:
            raise KeyFileError(f"the voucher signing key {path} is unreadable: {error}") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyFileError(f"the voucher signing key {path} is not an Ed25519 key")
        return Signer(key)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    return Signer(key)


def trust_entry(signer: Signer, issuer: str) -> dict[str, str]:
    raw = signer.private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return {
        "kid": signer.kid.hex(),
        "public_key": base64.b64encode(raw).decode("ascii"),
        "issuer": issuer,
    }


def load_trusted(path: Path) -> dict[bytes, Ed25519PublicKey]:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise KeyFileError(f"the trusted keys file {path} is unreadable: {error}") from None
    entries = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise KeyFileError(f'{path}: expected {{"keys": [...]}}')
    trusted: dict[bytes, Ed25519PublicKey] = {}
    for number, entry in enumerate(entries, start=1):
        try:
            raw = base64.b64decode(entry["public_key"], validate=True)
            public_key = Ed25519PublicKey.from_public_bytes(raw)
            kid = bytes.fromhex(entry["kid"])
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise KeyFileError(
                f"{path}: key {number} needs a hex kid and a Base64 Ed25519 public_key"
            ) from None
        if kid != key_id(public_key):
            raise KeyFileError(f"{path}: key {number}: kid {entry['kid']} does not match its key")
        trusted[kid] = public_key
    return trusted
