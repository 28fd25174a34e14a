# SPDX-License-Identifier: EUPL-1.2
"""The kiosk's heartbeat: every few minutes, how it is, for the platform's fleet page.

Sent from the sync worker's thread after a pass (never from the UI thread), at most once
per ``every_s``; a heartbeat that cannot be sent is simply skipped, the next one follows.
It holds no personal data: counts, ages, states and versions, and its own interval, so
the fleet knows when this kiosk is late. When a manager on the platform asked for this
kiosk's recent log, the reply says so and the masked tail of the log file goes up with
the next heartbeat.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from protocol.states import OutboxState
from protocol.wire import ProtocolError
from store import kiosk_facts, outbox, set_aside
from store.database import Store
from store.models import OutboxEntry, PrintJob, as_utc
from sync.client import HeartbeatReply, PlatformClient, RefusedError, UnreachableError

log = logging.getLogger(__name__)

DEFAULT_EVERY_S = 300
MAX_EVERY_S = 3600  # sync.heartbeat_interval_s's bound, and the platform's
LOG_TAIL_BYTES = 64 * 1024
# The log tails tried, longest first, when the platform refuses a heartbeat with its log.
LOG_TAILS = (LOG_TAIL_BYTES, 16 * 1024, 4 * 1024, 0)
PRINT_QUEUE_STATES = ("pending", "sending")


@dataclass(frozen=True)
class KioskFacts:
    """What the store does not know: supplied by the kiosk's wiring."""

    version: str
    printer_state: Callable[[], str]  # printing.connection.State value, e.g. "paper_out"
    last_sync: Callable[[], datetime | None]  # when the last pass succeeded (UTC)
    recent_log: Callable[[], str]  # the masked end of the kiosk's log


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment else None


def collect(
    store: Store,
    facts: KioskFacts,
    *,
    started: float,
    now: datetime,
    every_s: float = DEFAULT_EVERY_S,
) -> dict[str, Any]:
    """One heartbeat's payload; ``now`` is UTC (naive taken as UTC), ``started``
    monotonic, ``every_s`` how often this kiosk beats."""
    now = as_utc(now)  # compared with the store's instants (aware UTC)
    with store.read() as session:
        queue = session.scalar(
            select(func.count()).select_from(PrintJob).where(PrintJob.state.in_(PRINT_QUEUE_STATES))
        )
        oldest = session.scalar(
            select(func.min(OutboxEntry.created_at)).where(
                OutboxEntry.state.in_(("pending", "sending"))
            )
        )
        # Refused and not yet dealt with by a manager, as the manager's desk lists them.
        rejected = outbox.counts(session)[OutboxState.REJECTED.value]
        skew = kiosk_facts.clock_skew(session)
        waiting = set_aside.count(session)  # as the manager's dashboard lists them
    return {
        "version": facts.version,
        "sent_at": _iso(now),
        "uptime_s": int(time.monotonic() - started),
        "printer": facts.printer_state(),
        "print_queue": queue or 0,
        # Never negative: after the clock went back the oldest record seems made in the
        # future, and the platform took the whole heartbeat for wrong (the kiosk silent).
        "oldest_unsent_s": max(0, int((now - oldest).total_seconds())) if oldest else None,
        "rejected": rejected or 0,
        "set_aside": waiting,
        "interval_s": max(0, min(MAX_EVERY_S, round(every_s))),
        "free_disk_bytes": shutil.disk_usage(store.path.parent).free,
        "last_sync": _iso(facts.last_sync()),
        "clock_skew_s": skew,
    }


class HeartbeatSender:
    """Sends a heartbeat when one is due; called after every sync pass."""

    def __init__(
        self,
        store: Store,
        client: PlatformClient,
        facts: KioskFacts,
        *,
        every_s: float = DEFAULT_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store, self.client, self.facts = store, client, facts
        self.every_s, self._clock = every_s, clock
        self.started = clock()
        self._last_sent: float | None = None
        self._log_wanted = False
        self._log_chars = LOG_TAIL_BYTES  # the longest tail the platform took (or may take)

    def due(self) -> bool:
        return self._last_sent is None or self._clock() - self._last_sent >= self.every_s

    def maybe_send(self, now: datetime | None = None) -> bool:
        """True when a heartbeat reached the platform."""
        if not self.due():
            return False
        moment = now or datetime.now(UTC)
        beat = collect(
            self.store, self.facts, started=self.started, now=moment, every_s=self.every_s
        )
        reply = self._send(beat)
        if reply is None:
            return False
        self._last_sent = self._clock()
        self._log_wanted = reply.log_requested
        return True

    def _send(self, beat: dict[str, Any]) -> HeartbeatReply | None:
        """Sends ``beat``, with the log's tail when asked for. A heartbeat refused with
        the log (a platform with a small body limit answers 413) goes again with a shorter
        tail, then without: refused with it every time, the kiosk showed silent for good."""
        text = self.facts.recent_log() if self._log_wanted else ""
        refused = False
        for chars in self._tails(len(text)):
            if chars:
                beat["log"] = text[-chars:]
            else:
                beat.pop("log", None)
            try:
                reply = self.client.heartbeat(beat)
            except RefusedError as error:
                if not chars:
                    log.info("heartbeat not sent: %s", error)
                    return None
                shorter = max(size for size in LOG_TAILS if size < chars)
                log.warning(
                    "heartbeat with the last %d characters of the log refused (%s): sent "
                    "again with %s",
                    chars,
                    error,
                    f"the last {shorter}" if shorter else "no log",
                )
                refused = True
                continue
            except (UnreachableError, ProtocolError) as error:
                log.info("heartbeat not sent: %s", error)
                return None
            if refused:  # the longest tail this platform took: later beats start there
                self._log_chars = chars
            return reply
        return None

    def _tails(self, length: int) -> list[int]:
        """The tails of a log of ``length`` characters to try, each shorter than the one
        before (0: none); a log shorter than a tail is tried once, whole."""
        tails: list[int] = []
        for size in LOG_TAILS:
            if size <= self._log_chars and (not tails or min(size, length) < tails[-1]):
                tails.append(min(size, length))
        return tails
