# SPDX-License-Identifier: EUPL-1.2
"""A citizen's wallet key: what opens their credit and vouchers at a kiosk.

A codice fiscale can be computed from a name, a birth date and a place, so it only says
*whose* wallet; the wallet PIN (6 to 8 digits, from the Comune's letter or set at the
desk after a welfare manager checked an identity document) says it is them. scrypt of
the PIN, salted with the codice fiscale (N = 2^16, r = 8: 64 MiB, as the operators'
PINs), gives 64 bytes, from which three keys follow:

- the *locator*: the id of the citizen's sealed wallet record on the kiosks of their
  Comune and the ``holder`` of their purchases;
- the *seal key*: AES-256-GCM key of that record (credit balance, voucher codes);
- the *proof key*: a purchase paid with the credit, or a wallet opened, carries an HMAC
  under it, which the platform checks.

The platform keeps the three keys (never the PIN) and seals each wallet itself. A
kiosk's disk holds only locators and sealed blobs: for one citizen whose codice fiscale
an attacker computed, every PIN guessed costs one scrypt, about 10^6 of them (days of
one core) for the whole 6-digit space; without the codice fiscale the search has no
start at all.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

LOG2_N, R, P = 16, 8, 1
PIN = re.compile(r"[0-9]{6,8}")
SALT = b"social-point wallet|"
_MAXMEM = 256 * 1024 * 1024


class WalletSealError(ValueError):
    """A sealed wallet that this key does not open (wrong PIN, or not this wallet)."""


@dataclass(frozen=True)
class WalletKey:
    locator: str  # 64 hex digits
    seal_key: bytes = field(repr=False)
    proof_key: bytes = field(repr=False)

    @classmethod
    def from_secret(cls, secret: bytes) -> WalletKey:
        def part(label: bytes) -> bytes:
            return hmac.new(secret, label, hashlib.sha256).digest()

        return cls(part(b"locator").hex(), part(b"seal"), part(b"proof"))


def valid_pin(pin: str) -> bool:
    return PIN.fullmatch(pin) is not None


def wallet_secret(codice_fiscale: str, pin: str) -> bytes:
    """The memory-hard 64 bytes behind a wallet (about 0.4 s and 64 MiB)."""
    if not valid_pin(pin):
        raise ValueError("a wallet PIN has 6 to 8 digits")
    return hashlib.scrypt(
        pin.encode(),
        salt=SALT + codice_fiscale.strip().upper().encode(),
        n=2**LOG2_N,
        r=R,
        p=P,
        maxmem=_MAXMEM,
        dklen=64,
    )


def wallet_key(codice_fiscale: str, pin: str) -> WalletKey:
    return WalletKey.from_secret(wallet_secret(codice_fiscale, pin))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def seal(key: WalletKey, content: dict[str, Any]) -> str:
    """The wallet's content, encrypted and bound to its locator."""
    nonce = os.urandom(12)
    plain = json.dumps(content, separators=(",", ":"), sort_keys=True).encode()
    return _b64(nonce + AESGCM(key.seal_key).encrypt(nonce, plain, key.locator.encode()))


def open_sealed(key: WalletKey, sealed: str) -> dict[str, Any]:
    try:
        blob = _unb64(sealed)
        plain = AESGCM(key.seal_key).decrypt(blob[:12], blob[12:], key.locator.encode())
        content = json.loads(plain)
    except (InvalidTag, ValueError, binascii.Error):
        raise WalletSealError("this key does not open the wallet") from None
    if not isinstance(content, dict):
        raise WalletSealError("a wallet holds an object")
    return content


def purchase_proof(proof_key: bytes, order: str, total_cents: int, kiosk_id: str) -> str:
    """What a purchase in the citizen's name carries: they typed the PIN on this kiosk."""
    message = f"wallet|{order}|{total_cents}|{kiosk_id}".encode()
    return hmac.new(proof_key, message, hashlib.sha256).hexdigest()


def opened_proof(proof_key: bytes, kiosk_id: str, moment: str) -> str:
    """What a 'wallet opened' event carries, so only the citizen's PIN clears failures."""
    message = f"opened|{kiosk_id}|{moment}".encode()
    return hmac.new(proof_key, message, hashlib.sha256).hexdigest()


def pin_set_proof(
    operator_key: bytes,
    kiosk_id: str,
    operator_id: str,
    codice_fiscale: str,
    pin: str,
    issued_at: str,
) -> str:
    """What a wallet PIN set at a kiosk carries: the operator who checked the citizen's
    identity document logged in on this kiosk (``operator_key``: their login's proof key),
    for this citizen and this PIN, at ``issued_at``."""
    pin_digest = hashlib.sha256(pin.encode()).hexdigest()
    message = f"wallet-pin|{kiosk_id}|{operator_id}|{codice_fiscale}|{pin_digest}|{issued_at}"
    return hmac.new(operator_key, message.encode(), hashlib.sha256).hexdigest()


def assisted_proof(operator_key: bytes, reference: str, operator_id: str, kiosk_id: str) -> str:
    """What an assisted submission carries: the operator named in ``assisted_by`` logged
    in on this kiosk (``reference``: the order or the application's tracking code)."""
    message = f"assisted|{reference}|{operator_id}|{kiosk_id}".encode()
    return hmac.new(operator_key, message, hashlib.sha256).hexdigest()
