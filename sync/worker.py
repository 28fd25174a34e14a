# SPDX-License-Identifier: EUPL-1.2
"""The sync worker: a plain thread that runs sync passes, waits, and retries with
capped exponential backoff and full jitter. ``wake`` runs a pass now (a new record in
the outbox, a manager's change) unless the platform asked to wait;
``connectivity_returned`` runs one now whatever the backoff (a manager's "sync now",
the network back)."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from protocol.wire import ProtocolError
from store import kiosk_facts, outbox
from store.database import STORAGE_ERRORS, Store, storage_problem
from sync.client import RefusedError, UnreachableError
from sync.device import NotEnrolledError
from sync.engine import SyncEngine, SyncReport

log = logging.getLogger(__name__)
REVOKED = "device_revoked:"  # how the platform starts its answer to a revoked device
# The answers of a platform with too much to do: wakes wait for the backoff after them.
OVERLOADED = frozenset({429, 503})


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None  # None: not tried yet
    waiting: int  # records not yet accepted or rejected by the platform
    rejected: int
    last_success: datetime | None  # naive UTC
    # None, "offline" (no answer), "platform_busy" (a 5xx or 429 answer), "refused",
    # "revoked" (the platform switched this device off; the
    # detail is its reason), "protocol", "not_enrolled", "storage" (the kiosk's own
    # database cannot be written: disk full, read-only or failing), "error"
    problem: str | None
    detail: str = ""


def classify(error: Exception) -> tuple[bool, str, str]:
    """(online, problem, detail) of what stopped a sync pass, or a part of one."""
    if isinstance(error, UnreachableError) and error.status is not None:
        # The platform answered, busy or failing (5xx, 429): the kiosk is online.
        return True, "platform_busy", str(error)
    if isinstance(error, UnreachableError):
        return False, "offline", str(error)
    if isinstance(error, RefusedError):
        if error.status == 403 and error.detail.startswith(REVOKED):
            return True, "revoked", error.detail.removeprefix(REVOKED).strip()
        return True, "refused", str(error)
    if isinstance(error, ProtocolError):
        return True, "protocol", str(error)
    if isinstance(error, NotEnrolledError):
        return True, "not_enrolled", str(error)
    if isinstance(error, STORAGE_ERRORS):
        # Nothing is lost: what was not written stays as it was, and entries the
        # platform may already hold go again with the same UUIDs once it can write.
        return True, "storage", storage_problem(error)
    # A bug must not stop the kiosk syncing for good.
    log.error("sync failed", exc_info=error)
    return True, "error", type(error).__name__


def backoff_delay(failures: int, *, base: float, cap: float, rng: Callable[[], float]) -> float:
    """Full jitter: anywhere between 0 and the capped exponential step."""
    return rng() * min(cap, base * 2.0 ** min(failures, 30))


def stored_last_success(store: Store) -> datetime | None:
    """When a sync pass last worked, as kept in the store (None when unknown)."""
    try:
        with store.read() as session:
            return kiosk_facts.last_sync(session)
    except STORAGE_ERRORS as error:
        log.warning("the last sync time cannot be read: %s", storage_problem(error))
        return None


class SyncWorker:
    def __init__(
        self,
        store: Store,
        connect: Callable[[], SyncEngine],
        *,
        interval: float = 60.0,
        backoff_base: float = 2.0,
        backoff_cap: float = 300.0,
        on_status: Callable[[SyncStatus], None] = lambda status: None,
        on_mirror_changed: Callable[[], None] = lambda: None,
        housekeeping: Callable[[], object] = lambda: None,
        between: Callable[[], object] = lambda: None,
        between_every_s: float | None = None,
        rng: Callable[[], float] = random.random,
    ) -> None:
        """``housekeeping`` runs after every pass (the retention rule: what the platform
        has just accepted loses its personal data); ``between`` every ``between_every_s``
        while the worker waits for the next pass (the heartbeat of a kiosk that syncs
        less often than it beats)."""
        self.store = store
        self._connect = connect
        self._engine: SyncEngine | None = None
        self.interval, self.backoff_base, self.backoff_cap = interval, backoff_base, backoff_cap
        self._on_status, self._on_mirror_changed, self._rng = on_status, on_mirror_changed, rng
        self._housekeeping = housekeeping
        self._between, self.between_every_s = between, between_every_s
        self._wake = threading.Event()
        self._now = threading.Event()  # a pass now, whatever the backoff
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kiosk-sync", daemon=True)
        self.failures = 0
        # Whether the platform answered during the last pass, even if some part of it
        # failed (for the housekeeping that talks to it: the heartbeat, the keys).
        self.answered = False
        # What the platform's Retry-After asked after the last pass (seconds, or None):
        # the next pass waits at least that long, within ``backoff_cap``.
        self.retry_after_s: float | None = None
        # Whether the last pass met a platform that said it has too much to do (429 or
        # 503), with or without a Retry-After.
        self.overloaded = False
        # Kept in the store: after a restart the dashboard still knows when it last worked.
        self.last_success: datetime | None = self._stored_last_success()
        self.status = SyncStatus(None, 0, 0, self.last_success, None)

    def _stored_last_success(self) -> datetime | None:
        return stored_last_success(self.store)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def wake(self) -> None:
        """Something new to send: a pass now, also during a backoff (the platform may be
        back, and the record goes at once). Not while the platform asked to wait
        (``holds_wakes``): the record is safe in the outbox and goes with the next pass
        (every record of every kiosk asked an overloaded platform again at once)."""
        self._wake.set()

    def connectivity_returned(self) -> None:
        """The network is back: forget the backoff and sync now."""
        self.failures = 0
        self._now.set()  # before the wake: the wait reads it once woken (see _wait)
        self._wake.set()

    def holds_wakes(self) -> bool:
        """Whether a wake waits for the backoff: the last pass failed because the
        platform asked to wait (a Retry-After) or said it has too much to do (429, 503).
        With no answer at all, or another failure, a wake tries again at once: a cheap
        try of the kiosk's own, and its record goes as soon as the platform is back."""
        return self.failures > 0 and (self.retry_after_s is not None or self.overloaded)

    def run_pass(self) -> SyncReport | None:
        """One pass, with its outcome recorded in ``status``; never raises."""
        report, online, problem, detail = None, True, None, ""
        errors: list[Exception] = []
        try:
            if self._engine is None:
                self._engine = self._connect()
            report = self._engine.run_once()
            # "Synced at" only when some part went through: a pass whose every stream
            # was refused or failed did not bring the kiosk up to date.
            if report.pulled or report.accepted or report.rejected:
                self.last_success = outbox.utcnow()
                with self.store.write() as session:
                    kiosk_facts.set_last_sync(session, self.last_success)
            if report.accepted or report.rejected or report.mirror_changed:
                log.info(
                    "sync: %d accepted, %d rejected, pulled %s",
                    report.accepted,
                    report.rejected,
                    ", ".join(f"{stream} {count}" for stream, count in report.pulled.items()),
                )
            if report.problems:
                # The first part that failed is what a manager sees (the log has each
                # of them). Online when any part got through or had a real answer.
                errors = list(report.problems.values())
                part, error = next(iter(report.problems.items()))
                _online, problem, detail = classify(error)
                detail = f"{part}: {detail}"
                online = bool(report.pulled or report.accepted or report.rejected) or any(
                    _answered(e) for e in report.problems.values()
                )
        except Exception as error:
            errors = [error]
            online, problem, detail = classify(error)
        self.answered = online
        asked = [e.retry_after_s for e in errors if isinstance(e, UnreachableError)]
        self.retry_after_s = max((s for s in asked if s is not None), default=None)
        self.overloaded = any(
            isinstance(e, UnreachableError) and e.status in OVERLOADED for e in errors
        )
        if problem is None:
            self.failures = 0
        if problem:
            self.failures += 1
            log.warning("sync: %s (%s)", problem, detail)
        try:
            self._housekeeping()
        except STORAGE_ERRORS as error:
            log.warning("housekeeping after the sync pass: storage: %s", storage_problem(error))
        except Exception:
            log.exception("housekeeping after the sync pass failed")
        try:  # what follows a pass never ends the worker's thread (see _loop)
            self._publish(online, problem, detail)
            if report is not None and report.mirror_changed:
                self._on_mirror_changed()
        except Exception:
            log.exception("sync: the pass's news could not be passed on")
        return report

    def _publish(self, online: bool, problem: str | None, detail: str) -> None:
        try:
            with self.store.read() as session:
                counts = outbox.counts(session)
        except STORAGE_ERRORS as error:  # a failing disk: the status goes out all the same
            log.warning("sync: the outbox cannot be counted: %s", storage_problem(error))
            waiting, rejected = self.status.waiting, self.status.rejected
            counts = {"pending": waiting, "sending": 0, "rejected": rejected}
        self.status = SyncStatus(
            online=online,
            waiting=counts["pending"] + counts["sending"],
            rejected=counts["rejected"],
            last_success=self.last_success,
            problem=problem,
            detail=detail,
        )
        self._on_status(self.status)

    def next_delay(self) -> float:
        """The interval after a pass that worked; after a failure the backoff, but never
        sooner than the platform's Retry-After asked (a busy platform, a rate limit),
        within the backoff's cap: a platform cannot stop a kiosk for longer."""
        if self.failures == 0:
            return self.interval
        delay = backoff_delay(
            self.failures, base=self.backoff_base, cap=self.backoff_cap, rng=self._rng
        )
        if self.retry_after_s is not None:
            delay = max(delay, min(self.retry_after_s, self.backoff_cap))
        return delay

    def _loop(self) -> None:
        """Passes until stopped. Whatever escapes one is logged and counted as a failure:
        a thread that ended here stopped the kiosk's sync for good, unseen (the badge
        kept its last news, the heartbeats stopped, nothing restarted it)."""
        while not self._stop.is_set():
            try:
                self.run_pass()
            except Exception:
                self.failures += 1
                log.exception("sync: a pass failed unexpectedly; the next comes after the wait")
            self._wait(self.next_delay())

    def _wait(self, delay: float) -> None:
        """Until the next pass is due, or a wake (while ``holds_wakes``, only
        ``connectivity_returned`` or ``stop``); ``between`` runs every
        ``between_every_s`` meanwhile, and nothing it raises ends the wait."""
        due = time.monotonic() + delay
        held = self.holds_wakes()
        while not self._stop.is_set():
            left = due - time.monotonic()
            if left <= 0:
                break
            step = left if self.between_every_s is None else min(left, self.between_every_s)
            if self._wake.wait(step):
                if not held:
                    break
                # Cleared before the flags are read: one set meanwhile wakes the next wait.
                self._wake.clear()
                if self._now.is_set() or self._stop.is_set():
                    break
                continue
            if due - time.monotonic() > 0:  # woken for ``between``, not for the pass
                try:
                    self._between()
                except Exception:
                    log.exception("sync: the task between passes failed")
        self._wake.clear()
        self._now.clear()


def _answered(error: Exception) -> bool:
    """Whether the platform answered (a refusal, a 5xx, a 429): the kiosk is online,
    the platform has a problem."""
    return not isinstance(error, UnreachableError) or error.status is not None
