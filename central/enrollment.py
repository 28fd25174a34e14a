# SPDX-License-Identifier: EUPL-1.2
"""Guarding enrollment: codes that expire, guesses that cost little and are limited per
client, and a lost enrollment reply that can be asked for again.

* A code is good for ``CODE_TTL`` (24 h) from when it was made.
* ``known_code`` checks a code with a plain read, before the writing transaction: a
  wrong guess never waits for, or holds, the platform's write lock.
* ``AttemptLimiter`` counts failed enrollment attempts per client address in memory (a
  sliding window); past the limit the answer is 429 with ``Retry-After``.
* The kiosk that used a code may ask again with the same code, kiosk id and claim (a
  secret it made for this enrollment) within ``RETRY_WINDOW`` (its first reply was lost
  on the way): it gets its device id again with a new token, which replaces the one it
  never received. The kiosk id is no secret (every device reads it in ``/v1/keys``): a
  code used without a claim is never given again, and a wrong claim is refused, so
  whoever else saw the code cannot take the device's place with it.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import deque
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from central.constant_time import same_secret
from central.models import Device, EnrollmentClaim, EnrollmentCode

CODE_TTL = timedelta(hours=24)
RETRY_WINDOW = timedelta(minutes=10)


class CodeRefusedError(ValueError):
    """The code cannot enroll this kiosk; the message says why, in general terms."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def known_code(sessions: sessionmaker[Session], code: str, now: datetime) -> bool:
    """Whether ``code`` exists and has not expired (used or not): a read, no lock."""
    with sessions() as session:
        entry = session.get(EnrollmentCode, _digest(code))
        return entry is not None and now - entry.created_at <= CODE_TTL


def check_code(
    session: Session,
    entry: EnrollmentCode | None,
    kiosk_id: str,
    claim: str | None,
    token_hash: str,
    now: datetime,
) -> str | None:
    """Refuses an unknown, expired or used code (CodeRefusedError). For the same kiosk
    asking again with the same claim within the retry window, gives its device a new
    token and returns the device id; None when the code is fresh (the caller enrolls a
    new device and keeps the claim: ``keep_claim``)."""
    if entry is None or now - entry.created_at > CODE_TTL:
        raise CodeRefusedError("unknown, expired or already used enrollment code")
    if entry.used_at is None:
        return None
    device = session.get(Device, entry.device_id) if entry.device_id else None
    kept = session.get(EnrollmentClaim, entry.code_hash)
    if (
        device is None
        or device.kiosk_id != kiosk_id
        or now - entry.used_at > RETRY_WINDOW
        or getattr(device, "revoked_at", None) is not None
        or kept is None
        or claim is None
        or not same_secret(kept.claim_hash, _digest(claim))
    ):
        raise CodeRefusedError("unknown, expired or already used enrollment code")
    device.token_hash = token_hash
    return device.id


def keep_claim(session: Session, entry: EnrollmentCode, claim: str | None) -> None:
    """The claim a fresh code was used with, hashed: what asks for its reply again."""
    if claim is not None:
        session.add(EnrollmentClaim(code_hash=entry.code_hash, claim_hash=_digest(claim)))


class AttemptLimiter:
    """At most ``limit`` failed attempts per client within ``window_s`` seconds (a
    kiosk that enrolls does not count against its neighbours behind the same address)."""

    def __init__(self, limit: int = 10, window_s: float = 60.0) -> None:
        self.limit, self.window_s = limit, window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int | None:
        """None when ``client`` may try now, else the seconds to wait."""
        moment = time.monotonic()
        with self._lock:
            failures = self._failures.get(client)
            while failures and moment - failures[0] >= self.window_s:
                failures.popleft()
            if failures and len(failures) >= self.limit:
                return max(1, math.ceil(self.window_s - (moment - failures[0])))
            return None

    def failed(self, client: str) -> None:
        moment = time.monotonic()
        with self._lock:
            if len(self._failures) > 10_000:  # many clients: forget the quiet ones
                self._failures = {
                    k: v for k, v in self._failures.items() if v and moment - v[-1] < self.window_s
                }
            self._failures.setdefault(client, deque()).append(moment)
