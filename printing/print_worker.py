# SPDX-License-Identifier: EUPL-1.2
"""The printer worker: one plain thread that drains the print queue, never the UI thread.

Before each job it asks the printer how it is (a short status query). Out of paper,
cover open, offline, unreachable, silent or not a printer at all: the job stays pending
with that reason, an alert for the welfare managers goes to the platform through the
outbox (once per problem), and the worker asks again every few seconds, printing as soon
as the printer is back. Paper near its end is an alert too, but the job prints.

A job is drawn before it is marked "sending": a slip that cannot be drawn ends "failed"
with its reason and the queue goes on. After the job the printer is asked again on the
same connection (printing.connection): only its answer makes the slip "printed". A job
that fails before any byte left is retried; one that may have put paper out (bytes
left, or a transport that cannot tell) is uncertain and waits for a person to ask for a
copy.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from printing import print_queue
from printing.connection import PrinterError, State, Status
from printing.escpos_render import render
from printing.layout import PaperProfile
from store import outbox
from store.database import STORAGE_ERRORS, Store, storage_problem

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

# Slips in a row after which the paper sensor said "not near its end" for the roll to
# count as a new one (see PrintWorker._paper_news): a sensor that only flickers reads
# "near" again well before that, and a new roll (tens of metres) is far from its end.
FINE_SLIPS_NEW_ROLL = 50


class Connection(Protocol):
    def describe(self) -> str: ...
    def status(self) -> Status: ...
    def send(self, data: bytes) -> Status: ...


@dataclass(frozen=True)
class PrintUpdate:
    printer: State
    job_uuid: str | None = None  # the job this update is about
    job_state: str | None = None  # pending, sending, printed, uncertain
    waiting: int = 0  # jobs pending, including this one


def _alert_event(state: State, kind: str | None) -> dict[str, object]:
    event: dict[str, object] = {"type": "printer_alert", "state": state.value}
    if kind is not None:
        event["waiting_kind"] = kind
    return event


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
        logo: Image.Image | None = None,
    ) -> None:
        self.store, self.connection, self.profile = store, connection, profile
        self.logo = logo  # printed at the top of every slip (escpos_render.fit_logo)
        self.expire_after, self.retry_s, self.idle_s = expire_after, retry_s, idle_s
        self._on_update = on_update
        self._wake = threading.Event()
        self._stop = threading.Event()
        # A long slip's answer is awaited as long as the printer takes to read it: the
        # connection stops waiting when the worker stops (printing.connection).
        stop_with: Callable[[threading.Event], None] | None = getattr(connection, "stop_with", None)
        if stop_with is not None:
            stop_with(self._stop)
        self._thread = threading.Thread(target=self._loop, name="kiosk-printer", daemon=True)
        # The faults the managers have heard of since the printer last printed: one
        # flipping between two (unreachable, not answering) was news at every retry.
        self._alerted: set[State] = set()
        self._paper_low_told = False
        # Slips printed in a row with the paper sensor then saying "not near its end".
        self._fine_slips = 0
        # The last job may have been cut off mid-command: the next one starts by
        # completing it (printing.escpos_render), so nothing is swallowed as image data.
        # Known again at start from the store (_recover): the printer, never power-cycled,
        # still waits for the rest of a job cut off before the kiosk restarted.
        self._resync = False
        self._storage_failing = False
        self.last = PrintUpdate(State.NO_ANSWER)
        self.rounds = 0  # how often it has looked at the queue (tests wait on it, not on time)
        # Read aloud before printing (EN 301 549 5.1.3.16): while set, a job queued since
        # then waits until the kiosk has read it to the citizen and lets it go.
        self._gate = threading.Lock()
        self._read_first_since: datetime | None = None
        self._told_waiting: str | None = None  # the job last said to wait for its reading

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

    def read_first(self, on: bool) -> None:
        """On: a job queued from now on waits before it prints, until ``let_go_queued``
        (the citizen hears what they are about to get first). Off: nothing waits."""
        with self._gate:
            self._read_first_since = outbox.utcnow() if on else None
        self.wake()

    @property
    def reading_first(self) -> bool:
        with self._gate:
            return self._read_first_since is not None

    def let_go_queued(self) -> None:
        """What was queued until now has been read aloud (or need not be): it prints.
        Jobs queued in the same transaction (a receipt and its vouchers) go together."""
        with self._gate:
            if self._read_first_since is not None:
                self._read_first_since = outbox.utcnow()
        self.wake()

    def _waits_to_be_read(self, job: print_queue.QueuedJob) -> bool:
        with self._gate:
            since = self._read_first_since
        return since is not None and job.created_at >= since

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
            self.rounds += 1
            if outcome == "printed":
                continue
            self._wake.wait(self.retry_s if outcome == "waiting" else self._idle_wait())
            self._wake.clear()

    def _recover(self) -> None:
        with self.store.write() as session:
            if found := print_queue.recover(session):
                log.warning("printer: %d job(s) interrupted mid-print are uncertain", found)
                self._resync = True
            elif print_queue.last_sent_uncertain(session):
                self._resync = True

    def _idle_wait(self) -> float:
        """Seconds to sleep with nothing to print: less when a held job becomes due."""
        with self.store.read() as session:
            due = print_queue.next_hold_end(session)
        if due is None:
            return self.idle_s
        return max(0.05, min(self.idle_s, (due - outbox.utcnow()).total_seconds() + 0.05))

    def step(self) -> str:
        """Prints at most one job: "printed" (or ended), "waiting" (printer not ready) or
        "idle"."""
        with self.store.write() as session:
            if expired := print_queue.expire(session, self.expire_after):
                log.warning("printer: %d job(s) waited too long and expired", expired)
            job = print_queue.next_pending(session)
            waiting = print_queue.counts(session).get("pending", 0)
        if job is not None and self._waits_to_be_read(job):
            if self._told_waiting != job.uuid:  # the kiosk shows it, and reads it aloud
                self._told_waiting = job.uuid
                self._publish(PrintUpdate(self.last.printer, job.uuid, "pending", waiting))
            return "waiting"  # woken by let_go_queued
        status = self.connection.status()
        self._paper_news(status.state)
        if job is None:
            if status.state.can_print:
                self._alerted.clear()  # a fault after this one is news again
            self._publish(PrintUpdate(status.state, waiting=0))
            return "idle"
        if not status.state.can_print:
            self._hold(job, status, waiting)
            return "waiting"
        try:
            data = render(job.slip, self.profile, logo=self.logo, resync=self._resync)
        except Exception as error:  # a slip that cannot be drawn must not stop the queue
            return self._unprintable(job, error, waiting)
        digest = hashlib.sha256(data).hexdigest()
        with self.store.write() as session:
            # Committed before the first byte: a crash from here on leaves "sending",
            # which the next start turns into "uncertain".
            if not print_queue.mark_sending(session, job.id):
                return "printed"  # cancelled meanwhile: look for the next one
        self._publish(PrintUpdate(status.state, job.uuid, "sending", waiting))
        try:
            after = self.connection.send(data)
        except PrinterError as error:
            return self._failed(job, error, digest, waiting)
        except Exception as error:  # a transport's own failure, past its first byte maybe
            log.exception("printer: job %s failed while sending", job.uuid)
            failure = PrinterError(f"{type(error).__name__}: {error}", 0, maybe_printed=True)
            return self._failed(job, failure, digest, waiting)
        self._resync = False
        with self.store.write() as session:
            print_queue.mark_printed(session, job.id, digest, len(data))
        log.info(
            "printer: %s job %s printed (%d bytes, sha256 %s; printer then %s)",
            job.kind,
            job.uuid,
            len(data),
            digest[:16],
            after.state.value,
        )
        self._alerted.clear()
        self._paper_news(after.state, after_slip=True)
        self._publish(PrintUpdate(after.state, job.uuid, "printed", waiting - 1))
        return "printed"

    def _alert(self, state: State, kind: str | None) -> None:
        """An event for the welfare managers, through the platform."""
        with self.store.write() as session:
            outbox.add_event(session, _alert_event(state, kind))

    def _paper_news(self, state: State, *, after_slip: bool = False) -> None:
        """Paper near its end: told once per roll. The near-end sensor flickers back to
        "fine" on the same roll (as the roll turns), so one "fine" is no new roll. A new
        roll is known by the old one running out (paper out), or by FINE_SLIPS_NEW_ROLL
        slips in a row printed with the sensor saying "fine" after each: a roll changed
        before it ran out (what managers do when told). Slips, not time: an idle roll
        near its end can read "fine" all night."""
        if state is State.PAPER_LOW:
            self._fine_slips = 0
            if not self._paper_low_told:
                self._alert(State.PAPER_LOW, None)
                log.warning("printer: the paper roll is near its end")
                self._paper_low_told = True
        elif state is State.PAPER_OUT:
            self._paper_low_told, self._fine_slips = False, 0
        elif state is State.READY and after_slip:
            self._fine_slips += 1
            if self._fine_slips >= FINE_SLIPS_NEW_ROLL:
                self._paper_low_told = False

    def _hold(self, job: print_queue.QueuedJob, status: Status, waiting: int) -> None:
        tell = status.state not in self._alerted
        with self.store.write() as session:
            print_queue.mark_waiting(session, job.id, status.state.value)
            if tell:  # the managers hear of it through the platform, once per problem
                outbox.add_event(session, _alert_event(status.state, job.kind))
        if tell:
            log.warning(
                "printer: %s; job %s waits (%s)", status.state.value, job.uuid, status.detail
            )
            self._alerted.add(status.state)
        self._publish(PrintUpdate(status.state, job.uuid, "pending", waiting))

    def _unprintable(self, job: print_queue.QueuedJob, error: Exception, waiting: int) -> str:
        reason = f"the slip could not be drawn for the printer: {error}"
        log.error("printer: job %s failed: %s", job.uuid, reason, exc_info=error)
        with self.store.write() as session:
            print_queue.mark_failed(session, job.id, reason)
        self._publish(PrintUpdate(self.last.printer, job.uuid, "failed", waiting - 1))
        return "printed"  # nothing was sent: straight on to the next job

    def _failed(
        self, job: print_queue.QueuedJob, error: PrinterError, digest: str, waiting: int
    ) -> str:
        state = error.state or State.UNREACHABLE
        # Paper ran out or the cover opened mid-slip: the managers hear of it with the
        # job's new state, in the same transaction.
        tell = error.maybe_printed and state not in (State.UNREACHABLE, State.NO_ANSWER)
        tell = tell and state not in self._alerted
        with self.store.write() as session:
            if not error.maybe_printed:
                print_queue.mark_not_sent(session, job.id, state.value, str(error))
            else:
                print_queue.mark_uncertain(session, job.id, digest, error.sent, str(error))
            if tell:
                outbox.add_event(session, _alert_event(state, job.kind))
        if tell:
            self._alerted.add(state)
        if not error.maybe_printed:
            log.warning("printer: job %s not sent, will retry: %s", job.uuid, error)
            self._publish(PrintUpdate(state, job.uuid, "pending", waiting))
            return "waiting"
        log.error("printer: job %s uncertain after %d bytes: %s", job.uuid, error.sent, error)
        self._resync = True
        self._publish(PrintUpdate(state, job.uuid, "uncertain", waiting - 1))
        return "waiting"

    def _publish(self, update: PrintUpdate) -> None:
        self.last = update
        try:
            self._on_update(update)
        except Exception:
            log.exception("printer: a status listener failed")
