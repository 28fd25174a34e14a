# SPDX-License-Identifier: EUPL-1.2
"""Voucher keys: this kiosk's signing key, and the public keys a verifier trusts.

The signing key is made on the kiosk the first time it signs (never by a check) and
stays in a file readable by its owner only; the kiosk registers its public half with
the platform. Trusted keys come from the platform, which publishes its own key and
every kiosk's with their state (the kiosk saves them at each sync), and optionally
from a JSON file an integrator keeps, in the same form:

    {"keys": [{"kid": "1a2b3c4d", "public_key": "<Base64 of the 32 raw bytes>",
               "issuer": "kiosk-01", "signs": "service", "revoked": false}]}

``signs`` is "any" for the platform's key and "service" for a kiosk's (it may sign
service vouchers only: an amount voucher under it is refused); a revoked key is not
trusted. ``social-point voucher key`` prints this kiosk's entry.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from vouchers.codes import Signer, Verdict, key_id, verify


class KeyFileError(Exception):
    """A key file is missing, unreadable or malformed; the message says which and why."""


def load_signer(path: Path) -> Signer | None:
    """This kiosk's signing key when it has one; a check never makes one."""
    return load_or_create_signer(path) if path.exists() else None


def load_or_create_signer(path: Path) -> Signer:
    """This kiosk's signing key, made the first time. The kiosk's screen (signing a
    voucher) and its sync process (registering the key) may both be first: the key
    that gets into the file is the one both use, never one each."""
    if not path.exists():
        _create_key_file(path)
    elif not path.is_file():  # a FIFO's read waited for ever for a writer
        raise KeyFileError(f"the voucher signing key {path} is not a file")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as error:
        raise KeyFileError(f"the voucher signing key {path} is unreadable: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"the voucher signing key {path} is not an Ed25519 key")
    return Signer(key)


def renew_signer(path: Path, refused: Signer) -> Signer:
    """A new signing key in place of ``refused`` (the platform took it for another
    device's, or revoked it): the refused key is kept beside, named by its kid, and the
    next voucher is signed with the new one. Only the file that still holds ``refused``
    is moved: a process that renewed it first keeps its new key."""
    with contextlib.suppress(KeyFileError):
        if load_or_create_signer(path).kid == refused.kid:
            os.replace(path, path.with_name(f"{path.name}.refused-{refused.kid.hex()}"))
    return load_or_create_signer(path)


def _create_key_file(path: Path) -> None:
    """Writes a new key to a file of its own, then links it in place only if no other
    process did first (a link never replaces a file): each process used to write and
    keep its own key, so a voucher could be signed with a key the platform never saw."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # 0600
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(pem)
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):  # another process's key came first
            try:
                os.link(temporary, path)
            except OSError as error:
                if error.errno not in NO_HARD_LINKS:
                    raise
                _create_exclusive(path, pem)
    finally:
        os.unlink(temporary)


# What link(2) answers on a file system without hard links (FAT on a USB stick, say).
NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}


def _create_exclusive(path: Path, pem: bytes) -> None:
    """Where no link can be made: the file is created only if absent (FileExistsError
    when another process's came first), readable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
        file.flush()
        os.fsync(file.fileno())


FIELD_PRIME = 2**255 - 19


@lru_cache(maxsize=4096)  # the platform asks it of every trusted key at each look-up
def anyone_signs_for(public_key: bytes) -> bool:
    """Whether an Ed25519 public key (its 32 raw bytes) is one of small order (the
    identity, the all-zero key and the other points of order 2, 4 or 8): OpenSSL takes a
    fixed "signature" under such a key as valid for any message, so anyone could make a
    voucher that it verifies. Also true for a key not canonically encoded.

    Checked through the key's Montgomery form (u = (1 + y) / (1 - y)): X25519 multiplies
    by a multiple of 8, which takes a point of small order, and only such a point, to
    the neutral element, and OpenSSL refuses that shared secret."""
    if len(public_key) != 32:
        return True
    y = int.from_bytes(public_key, "little") & ((1 << 255) - 1)  # the top bit is x's sign
    if y >= FIELD_PRIME:
        return True  # not a canonical encoding
    denominator = (1 - y) % FIELD_PRIME
    u = 0 if denominator == 0 else (1 + y) * pow(denominator, -1, FIELD_PRIME) % FIELD_PRIME
    point = X25519PublicKey.from_public_bytes(u.to_bytes(32, "little"))
    try:
        X25519PrivateKey.generate().exchange(point)
    except ValueError:
        return True
    return False


def public_key_text(signer: Signer) -> str:
    raw = signer.private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode("ascii")


def trust_entry(signer: Signer, issuer: str) -> dict[str, str]:
    return {
        "kid": signer.kid.hex(),
        "public_key": public_key_text(signer),
        "issuer": issuer,
        "signs": "service",
    }


@dataclass
class TrustList:
    """The keys a verifier trusts, and those that may sign service vouchers only."""

    keys: dict[bytes, Ed25519PublicKey] = field(default_factory=dict)
    service_only: set[bytes] = field(default_factory=set)
    revoked: set[bytes] = field(default_factory=set)

    def add(self, kid: bytes, key: Ed25519PublicKey, *, service_only: bool) -> None:
        if kid in self.revoked:
            return
        self.keys[kid] = key
        if service_only:
            self.service_only.add(kid)
        else:
            self.service_only.discard(kid)

    def check(self, text: str, today: date) -> Verdict:
        """``verify`` plus each key's scope: a kiosk key never makes an amount voucher."""
        verdict = verify(text, self.keys, today)
        claims = verdict.claims
        if (
            claims is not None
            and claims.amount_cents is not None
            and (verdict.kid in self.service_only)
        ):
            return Verdict(
                "invalid",
                "an amount voucher signed by a kiosk's key: only the platform issues them",
                claims,
                verdict.kid,
            )
        return verdict


def parse_entries(entries: Iterable[Any], where: str, trust: TrustList | None = None) -> TrustList:
    """Adds checked entries to ``trust``; KeyFileError names the first bad one."""
    trust = trust if trust is not None else TrustList()
    entries = list(entries)
    for entry in entries:  # revocations first: a revoked key never comes back
        if isinstance(entry, dict) and entry.get("revoked") is True:
            try:
                trust.revoked.add(bytes.fromhex(entry["kid"]))
                trust.keys.pop(bytes.fromhex(entry["kid"]), None)
            except (KeyError, TypeError, ValueError):
                raise KeyFileError(f"{where}: a revoked key needs a hex kid") from None
    for number, entry in enumerate(entries, start=1):
        try:
            raw = base64.b64decode(entry["public_key"], validate=True)
            public_key = Ed25519PublicKey.from_public_bytes(raw)
            kid = bytes.fromhex(entry["kid"])
            signs = entry.get("signs", "service")
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error):
            raise KeyFileError(
                f"{where}: key {number} needs a hex kid and a Base64 Ed25519 public_key"
            ) from None
        if kid != key_id(public_key):
            raise KeyFileError(f"{where}: key {number}: kid {entry['kid']} does not match its key")
        if anyone_signs_for(raw):
            continue  # never trusted: a code "signed" by it proves nothing
        if signs not in ("any", "service"):
            raise KeyFileError(f'{where}: key {number}: "signs" is "any" or "service"')
        trust.add(kid, public_key, service_only=signs == "service")
    return trust


def load_trust(path: Path, trust: TrustList | None = None) -> TrustList:
    if path.exists() and not path.is_file():  # a FIFO's read waited for ever for a writer
        raise KeyFileError(f"the trusted keys file {path} is not a file")
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:  # Recursion: nested too deep
        raise KeyFileError(f"the trusted keys file {path} is unreadable: {error}") from None
    entries = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise KeyFileError(f'{path}: expected {{"keys": [...]}}')
    return parse_entries(entries, str(path), trust)


def load_trusted(path: Path) -> dict[bytes, Ed25519PublicKey]:
    return load_trust(path).keys


PUBLISHED_FIELDS = ("kid", "public_key", "issuer", "signs", "revoked")


def save_published(path: Path, entries: list[Any]) -> int:
    """Checks the platform's published keys and keeps them for offline checks (written
    atomically); how many are trusted. KeyFileError leaves the old file in place."""
    trust = parse_entries(entries, "the platform's voucher keys")
    # Only the fields read back are kept: an unknown one nested a thousand deep made
    # writing the file recurse past Python's limit, and that stopped every sync.
    kept = [
        {name: entry[name] for name in PUBLISHED_FIELDS if name in entry}
        for entry in entries
        if isinstance(entry, dict)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    try:
        text = json.dumps({"keys": kept})
    except (RecursionError, TypeError, ValueError):
        raise KeyFileError("the platform's voucher keys: a key's fields are not plain") from None
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return len(trust.keys)
