# SPDX-License-Identifier: EUPL-1.2
"""Guarding enrollment: codes that expire, guesses that cost little and are limited per
client, and a lost enrollment reply that can be asked for again.

* A code is good for ``CODE_TTL`` (24 h) from when it was made.
* ``known_code`` checks a code with a plain read, before the writing transaction: a
  wrong guess never waits for, or holds, the platform's write lock.
* ``AttemptLimiter`` counts failed enrollment attempts per client address in memory (a
  sliding window); past the limit the answer is 429 with ``Retry-After``.
* ``lost_reply`` lets the kiosk that used a code ask again with the same code and the
  same kiosk id within ``RETRY_WINDOW`` (its first reply was lost on the way): it gets
  its device id again with a new token, which replaces the one it never received.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import deque
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from central.models import Device, EnrollmentCode

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
    token_hash: str,
    now: datetime,
) -> str | None:
    """Refuses an unknown, expired or used code (CodeRefusedError). For the same kiosk
    asking again within the retry window, gives its device a new token and returns the
    device id; None when the code is fresh (the caller enrolls a new device)."""
    if entry is None or now - entry.created_at > CODE_TTL:
        raise CodeRefusedError("unknown, expired or already used enrollment code")
    if entry.used_at is None:
        return None
    device = session.get(Device, entry.device_id) if entry.device_id else None
    if (
        device is None
        or device.kiosk_id != kiosk_id
        or now - entry.used_at > RETRY_WINDOW
        or getattr(device, "revoked_at", None) is not None
    ):
        raise CodeRefusedError("unknown, expired or already used enrollment code")
    device.token_hash = token_hash
    return device.id


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
