# SPDX-License-Identifier: EUPL-1.2
"""A welfare manager's login at the kiosk (Qt-free): operator code and PIN.

Operators come down from the platform in the mirror with a slow hash of their PIN
(scrypt, ``scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`` in URL-safe base64), never the PIN.
A PIN has 6 to 8 digits and the hash costs N = 2^16, r = 8 (64 MiB): an offline search
of the whole 6-digit space costs days of one core (``benchmarks/pins.py`` measures it).
Wrong PINs are counted per operator code in the store, so a restart does not reset
them; after ``pin_attempts`` within ``lockout_s`` of each other the code is locked out
for ``lockout_s``. A failure older than that window no longer counts, and its row (an
operator's, or a code that is no operator's) is deleted at the next login, or by the
store's housekeeping (store/retention.py). An operator whose Comuni do not include this
Social Point's cannot log in here.

The hash an administrator makes (``social-point pin-hash``) is 64 bytes long: the
platform publishes only its first half and keeps the second, which only the PIN
recomputes. A login here recomputes all 64 (scrypt's output is PBKDF2 blocks: the first
half is the same either way) and keeps the second half as the session's *proof key*:
a desk payment the manager confirms carries an HMAC under it (``desk_proof``), so the
platform knows that operator logged in on this kiosk.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Protocol

from sqlalchemy.orm import Session

from store.models import Operator, OperatorLockout
from store.retention import forget_login_failures

# Bounds on the parameters a mirrored hash may ask for: a hostile or broken record must
# not make the kiosk spend seconds or gigabytes on one login.
MAX_MEMORY = 128 * 1024 * 1024
LOG2_N_RANGE = range(10, 18)
R_RANGE = range(1, 17)
P_RANGE = range(1, 5)
CODE = re.compile(r"[0-9]{4,8}")  # operator codes are typed on a numeric keypad
PIN = re.compile(r"[0-9]{6,8}")
PROOF_BYTES = 32


class LockoutRules(Protocol):
    """How many wrong PINs lock an operator out, and for how long (the [manager] config)."""

    @property
    def pin_attempts(self) -> int: ...

    @property
    def lockout_s(self) -> int: ...


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_pin(pin: str, *, log2_n: int = 16, r: int = 8, p: int = 1) -> str:
    """The administrator's form of a PIN: 64 bytes, the second half the proof key
    (about 0.2 s of work and 64 MiB by default)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        pin.encode(), salt=salt, n=2**log2_n, r=r, p=p, maxmem=MAX_MEMORY, dklen=64
    )
    return f"scrypt${log2_n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, encoded: str) -> bool:
    """Whether ``pin`` matches; False as well for a hash this kiosk cannot check."""
    return pin_key(pin, encoded) is not None


def pin_key(pin: str, encoded: str) -> bytes | None:
    """The proof key when ``pin`` matches the published half (b"" when the hash has no
    room for one); None when it does not match or cannot be checked."""
    try:
        scheme, log2_n, r, p, salt, expected = encoded.split("$")
        n_exp, r_val, p_val = int(log2_n), int(r), int(p)
        salt_bytes, expected_bytes = _unb64(salt), _unb64(expected)
    except ValueError:
        return None
    if scheme != "scrypt" or n_exp not in LOG2_N_RANGE or r_val not in R_RANGE:
        return None
    if p_val not in P_RANGE or 128 * r_val * 2**n_exp > MAX_MEMORY / 2:
        return None
    if not 8 <= len(salt_bytes) <= 64 or not 16 <= len(expected_bytes) <= 64:
        return None
    digest = hashlib.scrypt(
        pin.encode(),
        salt=salt_bytes,
        n=2**n_exp,
        r=r_val,
        p=p_val,
        maxmem=MAX_MEMORY,
        dklen=len(expected_bytes) + PROOF_BYTES,
    )
    if not hmac.compare_digest(digest[: len(expected_bytes)], expected_bytes):
        return None
    return digest[len(expected_bytes) :] if len(expected_bytes) == 32 else b""


def desk_proof(key: bytes, order: str, total_cents: int, operator: str, kiosk_id: str) -> str:
    """What a desk payment carries to show the operator logged in on this kiosk."""
    message = f"desk|{order}|{total_cents}|{operator}|{kiosk_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@cache
def _dummy_hash() -> str:
    """Checked when the code is unknown, so a wrong code takes as long as a wrong PIN."""
    return hash_pin(secrets.token_hex(8))


@dataclass(frozen=True)
class Manager:
    id: str
    name: str
    organization: str
    role: str
    proof_key: bytes = field(default=b"", repr=False)  # for desk payments; in memory only


@dataclass(frozen=True)
class LoginOutcome:
    manager: Manager | None = None
    problem: str | None = None  # "wrong", "locked", "not_here"
    attempts_left: int = 0
    locked_until: datetime | None = None  # naive UTC


def log_in(
    session: Session, code: str, pin: str, comune: str, now: datetime, rules: LockoutRules
) -> LoginOutcome:
    """Checks a login in the caller's (write) transaction; ``now`` is aware UTC, as the
    store reads its instants back (``store.outbox.utcnow``)."""
    if not CODE.fullmatch(code):
        return LoginOutcome(problem="wrong", attempts_left=rules.pin_attempts)
    forget_login_failures(session, now, rules.lockout_s)
    lockout = session.get(OperatorLockout, code)
    if lockout is not None and lockout.locked_until is not None and lockout.locked_until > now:
        return LoginOutcome(problem="locked", locked_until=lockout.locked_until)
    operator = session.get(Operator, code)
    # A PIN too short is wrong: counted, and checked against a hash all the same.
    key = pin_key(
        pin if PIN.fullmatch(pin) else "", operator.pin_hash if operator else _dummy_hash()
    )
    if operator is not None and key is not None:
        if lockout is not None:
            session.delete(lockout)
        if operator.comuni is not None and comune not in operator.comuni:
            return LoginOutcome(problem="not_here")
        return LoginOutcome(
            Manager(operator.id, operator.name, operator.organization, operator.role, key)
        )
    if lockout is None:
        lockout = OperatorLockout(operator_id=code, failures=0, updated_at=now)
        session.add(lockout)
    lockout.failures, lockout.locked_until, lockout.updated_at = lockout.failures + 1, None, now
    if lockout.failures >= rules.pin_attempts:
        lockout.failures, lockout.locked_until = 0, now + timedelta(seconds=rules.lockout_s)
        return LoginOutcome(problem="locked", locked_until=lockout.locked_until)
    return LoginOutcome(problem="wrong", attempts_left=rules.pin_attempts - lockout.failures)
