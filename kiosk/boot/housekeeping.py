# SPDX-License-Identifier: EUPL-1.2
"""Retention on a kiosk that does not sync.

A syncing kiosk applies the retention rule after every sync pass. One that does not
(``[sync] platform_url`` empty) applied it only as it started: a kiosk runs for weeks
without a restart, and its printed slips, names on them, outlived ``reprint_days``
until then. ``Housekeeper`` applies it every ten minutes on a thread of its own (a printed
voucher's slip is kept ten minutes: store/retention.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from store.database import STORAGE_ERRORS, Store, storage_problem
from store.outbox import utcnow
from store.retention import RetentionRule, housekeep

log = logging.getLogger(__name__)

EVERY_S = 600.0


class Housekeeper:
    def __init__(
        self,
        store: Store,
        rule: RetentionRule,
        *,
        every_s: float = EVERY_S,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._store, self._rule, self._every_s, self._now = store, rule, every_s, now
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kiosk-housekeeping", daemon=True)
        self.passes = 0  # retention passes made (tests wait on it, not on time)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self._every_s):
            housekeep_logged(self._store, self._rule, self._now())
            self.passes += 1


def housekeep_logged(store: Store, rule: RetentionRule, now: datetime | None = None) -> bool:
    """One retention pass; a failure is logged, never raised: retention is not worth a
    kiosk out of service (at its start), nor a thread that stops. Whether it ran."""
    try:
        housekeep(store, rule, now=now)
    except STORAGE_ERRORS as error:
        log.warning("retention: storage: %s", storage_problem(error))
    except Exception:
        log.exception("retention pass failed")
    else:
        return True
    return False
