# SPDX-License-Identifier: EUPL-1.2
"""The signed code a voucher carries in its QR, verifiable offline by a shop.

Text form: ``SP1:`` + Base45(COSE_Sign1), after the EU digital COVID certificate's
"HC1:" but without compression, which does not pay at this size. COSE_Sign1 (RFC 9052)
is the CBOR array [protected header, {}, claims, signature] under tag 18; the protected
header names the algorithm (EdDSA) and the issuer's key id; the signature is Ed25519
over the standard Sig_structure. Claims are a CBOR map with small integer keys and no
personal data:

    1  voucher id, 8 random bytes          4  first valid day  (days since 1970-01-01)
    2  amount in euro cents   (or 3)       5  last valid day   (days since 1970-01-01)
    3  service id             (or 2)       6  issued at (Unix seconds)
    7  units of the service (1 to 99; service vouchers only, so a provider redeems
       them one at a time and nobody can print "x 12" on a voucher for one)

A sample printed to test a printer is signed with ``SAMPLE_SIGNER``, whose private key
is public (it is in this file): every check refuses it and says it is a sample.

The human code is the voucher id in Crockford Base32 plus a check character (Luhn mod
32), so a typo is caught before any look-up; ``normalise_code`` accepts it typed in
lower case, with spaces or dashes, and with I/L for 1 and O for 0.

The whole code is about 175 characters, a version 9 QR at error correction Q: 33 mm on
58 mm paper at 5 dots a module. Verification rejects anything but the exact bytes our
encoder makes, so no byte can be changed without the code failing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

import base45
import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "SP1:"
COSE_SIGN1_TAG = 18
ALG, KID, EDDSA = 1, 4, -8  # COSE header labels and the EdDSA algorithm id
EPOCH = date(1970, 1, 1)
CLAIM_KEYS = {1, 2, 3, 4, 5, 6, 7}
MAX_UNITS = 99
MAX_TEXT = 512  # a real code is ~175 characters; refuse long input before decoding it
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class VoucherClaims:
    voucher_id: bytes
    valid_from: date
    valid_until: date  # the last day it can be spent
    issued_at: datetime  # UTC
    amount_cents: int | None = None
    service_id: str | None = None
    units: int | None = None  # how many of the service; None for an amount voucher

    @property
    def code(self) -> str:
        return human_code(self.voucher_id)


def new_voucher_id() -> bytes:
    return os.urandom(8)


def check_character(digits: str) -> str:
    """Luhn mod 32 over Crockford digits: catches any single wrong character and any
    swap of two neighbours."""
    factor, total = 2, 0
    for char in reversed(digits):
        addend = factor * CROCKFORD.index(char)
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return CROCKFORD[(32 - total % 32) % 32]


def human_code(voucher_id: bytes) -> str:
    """The voucher id for typing by hand: Crockford Base32 (no I, L, O, U) and a check
    character, grouped by four: ``XXXX-XXXX-XXXX-XC``."""
    number, digits = int.from_bytes(voucher_id, "big"), []
    for _ in range((len(voucher_id) * 8 + 4) // 5):
        number, digit = divmod(number, 32)
        digits.append(CROCKFORD[digit])
    text = "".join(reversed(digits))  # 13 characters for the 8-byte id
    text += check_character(text)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


_CONFUSED = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = str.maketrans("", "", " -–—._\t")


def normalise_code(text: str) -> str | None:
    """A human code as typed ("fzzz zzzz-zzzo 1f") in its printed form, or None when it
    is not one (wrong length, a character outside the alphabet, a wrong check)."""
    if len(text) > 40:
        return None
    digits = text.upper().translate(_SEPARATORS).translate(_CONFUSED)
    if len(digits) != 14 or any(char not in CROCKFORD for char in digits):
        return None
    if digits[0] not in "0123456789ABCDEF" or check_character(digits[:13]) != digits[13]:
        return None
    return "-".join(digits[i : i + 4] for i in range(0, 14, 4))


def key_id(public_key: Ed25519PublicKey) -> bytes:
    """4 bytes naming a key: the start of the SHA-256 of its raw public bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).digest()[:4]


@dataclass(frozen=True)
class Signer:
    private_key: Ed25519PrivateKey

    @property
    def kid(self) -> bytes:
        return key_id(self.private_key.public_key())


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def _claims_map(claims: VoucherClaims) -> dict[int, Any]:
    if (claims.amount_cents is None) == (claims.service_id is None):
        raise ValueError("a voucher is either for an amount or for a service")
    if claims.amount_cents is not None and claims.amount_cents <= 0:
        raise ValueError("a voucher's amount must be positive")
    if (claims.units is None) != (claims.service_id is None):
        raise ValueError("a service voucher, and only one, says how many units it is for")
    if claims.units is not None and not 1 <= claims.units <= MAX_UNITS:
        raise ValueError(f"a service voucher is for 1 to {MAX_UNITS} units")
    if claims.valid_until < claims.valid_from:
        raise ValueError("a voucher cannot end before it starts")
    data: dict[int, Any] = {
        1: claims.voucher_id,
        4: (claims.valid_from - EPOCH).days,
        5: (claims.valid_until - EPOCH).days,
        6: int(claims.issued_at.timestamp()),
    }
    if claims.amount_cents is not None:
        data[2] = claims.amount_cents
    else:
        data[3] = claims.service_id
        data[7] = claims.units
    return data


def encode(claims: VoucherClaims, signer: Signer) -> str:
    protected = cbor2.dumps({ALG: EDDSA, KID: signer.kid}, canonical=True)
    payload = cbor2.dumps(_claims_map(claims), canonical=True)
    signature = signer.private_key.sign(_sig_structure(protected, payload))
    message = cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))
    encoded: bytes = base45.b45encode(message)
    return PREFIX + encoded.decode("ascii")


# The sample key: its private half is derived from a public text, so anyone can make
# a sample and nobody can make one pass for a voucher.
SAMPLE_SIGNER = Signer(
    Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(b"Social Point sample voucher - CAMPIONE NON VALIDO").digest()
    )
)
SAMPLE_KID = SAMPLE_SIGNER.kid
SAMPLE_MARK = "CAMPIONE – NON VALIDO"

Outcome = Literal["valid", "invalid", "expired"]


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str
    claims: VoucherClaims | None = None
    kid: bytes | None = None


def scanned(text: str) -> str:
    """A signed code as a scanner typed it: without the spaces and line ends around it,
    and in capitals when it came in small letters (a scanner typing with Caps Lock on
    swaps their case). Base45 has no small letters, so the capitals are the code itself."""
    text = text.strip()
    return text.upper() if text.upper().startswith(PREFIX) else text


class _BadCodeError(Exception):
    pass


def verify(text: str, trusted: Mapping[bytes, Ed25519PublicKey], today: date) -> Verdict:
    """Checks a code's form, issuer, signature and dates; never raises on bad input."""
    try:
        kid, claims = _verified_claims(scanned(text), trusted)
    except _BadCodeError as problem:
        return Verdict("invalid", str(problem))
    if today < claims.valid_from:
        return Verdict("invalid", f"not valid before {claims.valid_from:%d/%m/%Y}", claims, kid)
    if today > claims.valid_until:
        return Verdict("expired", f"expired on {claims.valid_until:%d/%m/%Y}", claims, kid)
    return Verdict("valid", f"valid until {claims.valid_until:%d/%m/%Y}", claims, kid)


def _verified_claims(
    text: str, trusted: Mapping[bytes, Ed25519PublicKey]
) -> tuple[bytes, VoucherClaims]:
    if not text.startswith(PREFIX):
        raise _BadCodeError(f"not a voucher code: it does not start with {PREFIX}")
    if len(text) > MAX_TEXT:
        raise _BadCodeError("too long for a voucher code")
    try:
        message = base45.b45decode(text[len(PREFIX) :])
        decoded = cbor2.loads(message)
    except Exception:  # base45 and cbor2 raise several types for malformed input
        raise _BadCodeError("damaged code: it cannot be decoded") from None
    if not (
        isinstance(decoded, cbor2.CBORTag)
        and decoded.tag == COSE_SIGN1_TAG
        and isinstance(decoded.value, list | tuple)
        and len(decoded.value) == 4
    ):
        raise _BadCodeError("damaged code: not a signed message")
    protected, unprotected, payload, signature = decoded.value
    if not (
        isinstance(protected, bytes)
        and unprotected == {}
        and isinstance(payload, bytes)
        and isinstance(signature, bytes)
    ):
        raise _BadCodeError("damaged code: unexpected message parts")
    # Only the exact bytes our encoder makes are accepted: a changed byte that decodes
    # to the same values (another CBOR spelling) is as invalid as any other change.
    rebuilt = [protected, {}, payload, signature]
    if cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, rebuilt)) != message:
        raise _BadCodeError("damaged code: not in the canonical form")
    try:
        header = cbor2.loads(protected)
    except Exception:
        raise _BadCodeError("damaged code: unreadable header") from None
    if not isinstance(header, dict) or header.get(ALG) != EDDSA or set(header) != {ALG, KID}:
        raise _BadCodeError("unsupported signature algorithm")
    kid = header[KID]
    if kid == SAMPLE_KID:
        raise _BadCodeError(f"{SAMPLE_MARK}: a sample printed to test a printer")
    public_key = trusted.get(kid) if isinstance(kid, bytes) else None
    if public_key is None:
        shown = kid.hex() if isinstance(kid, bytes) else "?"
        raise _BadCodeError(f"issued by an unknown key ({shown})")
    try:
        public_key.verify(signature, _sig_structure(protected, payload))
    except InvalidSignature:
        raise _BadCodeError(
            "the signature does not match: the code was altered or forged"
        ) from None
    return kid, _claims(payload)


def _claims(payload: bytes) -> VoucherClaims:
    # Signed by a trusted key, but still checked: a key is trusted, not its every use.
    try:
        data = cbor2.loads(payload)
        if not isinstance(data, dict) or not set(data) <= CLAIM_KEYS:
            raise ValueError
        voucher_id, first, last, issued = data[1], data[4], data[5], data[6]
        amount, service, units = data.get(2), data.get(3), data.get(7)
        if not isinstance(voucher_id, bytes) or not all(
            type(n) is int for n in (first, last, issued)
        ):
            raise ValueError
        if (amount is None) == (service is None):
            raise ValueError
        if amount is not None and (type(amount) is not int or amount <= 0):
            raise ValueError
        if service is not None and not (isinstance(service, str) and 0 < len(service) <= 64):
            raise ValueError
        if (units is None) != (service is None):
            raise ValueError
        if units is not None and not (type(units) is int and 1 <= units <= MAX_UNITS):
            raise ValueError
        if len(voucher_id) != 8:
            raise ValueError
        if last < first:  # ends before it starts: no day it could be spent
            raise ValueError
        return VoucherClaims(
            voucher_id=voucher_id,
            valid_from=EPOCH + timedelta(days=first),
            valid_until=EPOCH + timedelta(days=last),
            issued_at=datetime.fromtimestamp(issued, UTC),
            amount_cents=amount,
            service_id=service,
            units=units,
        )
    # OSError too: fromtimestamp() of a second far before 1970 (-2**63) fails in the C
    # library (EOVERFLOW), not with OverflowError as a second far after it does.
    except (ValueError, KeyError, TypeError, OverflowError, OSError, cbor2.CBORDecodeError):
        raise _BadCodeError("signed, but its contents are not a voucher") from None
