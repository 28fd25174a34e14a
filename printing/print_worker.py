"""The printer worker: one plain thread that drains the print queue, never the UI thread.

Before each job it asks the printer how it is (a short status query). Out of paper,
cover open, offline or unreachable: the job stays pending with that reason, an alert
for the welfare managers goes to the platform through the outbox (once per problem),
and the worker asks again every few seconds, printing as soon as the printer is back.
A job that fails before its first byte is retried; one that fails after bytes left is
uncertain and waits for a person to ask for a copy.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from printing import print_queue
from printing.connection import PrinterError, State, Status
from printing.escpos_render import render
from printing.layout import PaperProfile
from store import outbox
from store.database import STORAGE_ERRORS, Store, storage_problem

log = logging.getLogger(__name__)


class Connection(Protocol):
    def describe(self) -> str: ...
    def status(self) -> Status: ...
    def send(self, data: bytes) -> None: ...


@dataclass(frozen=True)
class PrintUpdate:
    printer: State
    job_uuid: str | None = None  # the job this update is about
    job_state: str | None = None  # pending, sending, printed, uncertain
    waiting: int = 0  # jobs pending, including this one


class PrintWorker:
    def __init__(
        self,
        store: Store,
        connection: Connection,
        profile: PaperProfile,
        *,
        expire_after: timedelta,
        retry_s: float = 3.0,
        idle_s: float = 30.0,
        on_update: Callable[[PrintUpdate], None] = lambda update: None,
    ) -> None:
        self.store, self.connection, self.profile = store, connection, profile
        self.expire_after, self.retry_s, self.idle_s = expire_after, retry_s, idle_s
        self._on_update = on_update
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kiosk-printer", daemon=True)
        self._alerted: State | None = None
        self._storage_failing = False
        self.last = PrintUpdate(State.NO_ANSWER)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def wake(self) -> None:
        """A job was added, or someone wants the printer's state now."""
        self._wake.set()

    def _loop(self) -> None:
        recovered = False
        while not self._stop.is_set():
            try:
                if not recovered:  # in here: a disk that refuses writes must not end the thread
                    self._recover()
                    recovered = True
                outcome = self.step()
                self._storage_failing = False
            except STORAGE_ERRORS as error:  # the job stays; said once, not every retry
                if not self._storage_failing:
                    log.warning("printer: the kiosk's storage: %s", storage_problem(error))
                self._storage_failing = True
                # A job sent whose "printed" could not be written is uncertain, as after
                # a crash: recovered once the disk takes writes again.
                recovered = False
                outcome = "waiting"
            except Exception:  # the worker must outlive any one failure; the job stays
                log.exception("printer: unexpected error")
                outcome = "waiting"
            if outcome == "printed":
                continue
            self._wake.wait(self.retry_s if outcome == "waiting" else self._idle_wait())
            self._wake.clear()

    def _recover(self) -> None:
        with self.store.write() as session:
            if found := print_queue.recover(session):
                log.warning("printer: %d job(s) interrupted mid-print are uncertain", found)

    def _idle_wait(self) -> float:
        """Seconds to sleep with nothing to print: less when a held job becomes due."""
        with self.store.read() as session:
            due = print_queue.next_hold_end(session)
        if due is None:
            return self.idle_s
        return max(0.05, min(self.idle_s, (due - outbox.utcnow()).total_seconds() + 0.05))

    def step(self) -> str:
        """Prints at most one job: "printed", "waiting" (printer not ready) or "idle"."""
        with self.store.write() as session:
            if expired := print_queue.expire(session, self.expire_after):
                log.warning("printer: %d job(s) waited too long and expired", expired)
            job = print_queue.next_pending(session)
            waiting = print_queue.counts(session).get("pending", 0)
        status = self.connection.status()
        if job is None:
            self._publish(PrintUpdate(status.state, waiting=0))
            return "idle"
        if not status.state.worth_trying:
            self._hold(job, status, waiting)
            return "waiting"
        with self.store.write() as session:
            # Committed before the first byte: a crash from here on leaves "sending",
            # which the next start turns into "uncertain".
            if not print_queue.mark_sending(session, job.id):
                return "printed"  # cancelled meanwhile: look for the next one
        self._publish(PrintUpdate(status.state, job.uuid, "sending", waiting))
        data = render(job.slip, self.profile)
        digest = hashlib.sha256(data).hexdigest()
        try:
            self.connection.send(data)
        except PrinterError as error:
            return self._failed(job, error, digest, waiting)
        with self.store.write() as session:
            print_queue.mark_printed(session, job.id, digest, len(data))
        log.info("printer: %s job %s printed (%d bytes, sha256 %s)", job.kind, job.uuid,
                 len(data), digest[:16])  # fmt: skip
        self._alerted = None
        self._publish(PrintUpdate(status.state, job.uuid, "printed", waiting - 1))
        return "printed"

    def _hold(self, job: print_queue.QueuedJob, status: Status, waiting: int) -> None:
        with self.store.write() as session:
            print_queue.mark_waiting(session, job.id, status.state.value)
            if self._alerted != status.state:
                # The managers hear of it through the platform, once per problem.
                outbox.add(session, "event", {"type": "printer_alert",
                                              "state": status.state.value,
                                              "waiting_kind": job.kind})  # fmt: skip
        if self._alerted != status.state:
            log.warning("printer: %s; job %s waits (%s)", status.state.value, job.uuid,
                        status.detail)  # fmt: skip
            self._alerted = status.state
        self._publish(PrintUpdate(status.state, job.uuid, "pending", waiting))

    def _failed(
        self, job: print_queue.QueuedJob, error: PrinterError, digest: str, waiting: int
    ) -> str:
        with self.store.write() as session:
            if error.sent == 0:
                print_queue.mark_not_sent(session, job.id, State.UNREACHABLE.value, str(error))
            else:
                print_queue.mark_uncertain(session, job.id, digest, error.sent, str(error))
        if error.sent == 0:
            log.warning("printer: job %s not sent, will retry: %s", job.uuid, error)
            self._publish(PrintUpdate(State.UNREACHABLE, job.uuid, "pending", waiting))
            return "waiting"
        log.error("printer: job %s uncertain after %d bytes: %s", job.uuid, error.sent, error)
        self._publish(PrintUpdate(State.UNREACHABLE, job.uuid, "uncertain", waiting - 1))
        return "waiting"

    def _publish(self, update: PrintUpdate) -> None:
        self.last = update
        try:
            self._on_update(update)
        except Exception:
            log.exception("printer: a status listener failed")
