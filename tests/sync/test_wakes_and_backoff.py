# SPDX-License-Identifier: EUPL-1.2
"""A new record wakes the sync worker: a pass at once while all is well, and also during
a backoff after no answer (the platform may be back: the record goes at once). After a
platform asked to wait (Retry-After) or said it has too much to do (429, 503), the
record waits, safe in the outbox, for the backoff's pass: every record of every kiosk
asked an overloaded platform again at once. Real timing, kept short by small backoffs."""

from __future__ import annotations

import threading
import time

import pytest

from store import outbox
from store.database import Store
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.worker import SyncStatus, SyncWorker
from tests.sync.conftest import Central
from tests.sync.helpers import busy, unreachable_url
from tests.sync.scripted_platform import ScriptedPlatform

BACKOFF_S = 1.5


class Passes:
    """Each pass's status and when it was published (monotonic seconds)."""

    def __init__(self) -> None:
        self.seen: list[tuple[float, SyncStatus]] = []
        self._changed = threading.Condition()

    def __call__(self, status: SyncStatus) -> None:
        with self._changed:
            self.seen.append((time.monotonic(), status))
            self._changed.notify_all()

    def __len__(self) -> int:
        return len(self.seen)

    def wait_for(self, count: int, timeout: float = 10.0) -> float:
        """When the ``count``-th pass ended."""
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.seen) >= count, timeout), len(self)
            return self.seen[count - 1][0]


def records_arrive(store: Store, worker: SyncWorker, count: int) -> list[str]:
    """Citizens' records saved one after another, each waking the worker as the screens
    do (kiosk/ui/controllers)."""
    made = []
    for n in range(count):
        with store.write() as session:
            made.append(outbox.add(session, "event", {"type": "note", "n": n}))
        worker.wake()
        time.sleep(0.02)
    return made


def offline_worker(store: Store, passes: Passes, backoff_s: float) -> SyncWorker:
    """A worker whose platform is a loopback port nobody listens on; its backoff is
    ``backoff_s`` after every failure (no jitter)."""
    url = unreachable_url()
    return SyncWorker(
        store,
        lambda: SyncEngine(store, PlatformClient(url, token="t", connect_timeout=0.5)),
        interval=3600,
        backoff_base=backoff_s,
        backoff_cap=backoff_s,
        rng=lambda: 1.0,
        on_status=passes,
    )


def test_a_wake_while_the_platform_cannot_be_reached_tries_again_at_once(store: Store) -> None:
    passes = Passes()
    worker = offline_worker(store, passes, 3600)
    worker.start()
    try:
        passes.wait_for(1)
        assert passes.seen[0][1].problem == "offline"
        records_arrive(store, worker, 1)
        passes.wait_for(2, timeout=5)  # not an hour later: the platform may be back
        worker.connectivity_returned()
        passes.wait_for(3, timeout=5)
    finally:
        worker.stop()


def overloaded_worker(
    store: Store, passes: Passes, backoff_s: float, status: int = 503
) -> tuple[SyncWorker, ScriptedPlatform]:
    """A worker whose platform answers ``status`` without a Retry-After; its backoff is
    ``backoff_s`` after every failure (no jitter)."""
    platform = ScriptedPlatform()
    platform.reply = lambda path, body: (status, b'{"detail": "busy"}')
    worker = SyncWorker(
        store,
        lambda: SyncEngine(store, PlatformClient(platform.url, token="t", connect_timeout=0.5)),
        interval=3600,
        backoff_base=backoff_s,
        backoff_cap=backoff_s,
        rng=lambda: 1.0,
        on_status=passes,
    )
    return worker, platform


def test_stop_ends_a_wait_that_holds_wakes_at_once(store: Store) -> None:
    passes = Passes()
    worker, platform = overloaded_worker(store, passes, 3600)
    worker.start()
    try:
        passes.wait_for(1)
        records_arrive(store, worker, 3)
        asked = time.monotonic()
        worker.stop(timeout=10)
        assert not worker._thread.is_alive()
        assert time.monotonic() - asked < 1.0
        assert len(passes) == 1
    finally:
        platform.close()


def test_wakes_while_the_platform_asks_to_wait_wait_for_its_retry_after(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reference platform answers 503 with ``Retry-After: 2`` while its database
    is busy; the worker's own backoff is shorter (0.01 s): the platform's wait stands."""
    store = engine.store
    passes = Passes()
    worker = SyncWorker(
        store, lambda: engine, interval=3600, backoff_base=0.01, backoff_cap=5, on_status=passes
    )
    worker.start()
    try:
        passes.wait_for(1)
        assert passes.seen[0][1].problem is None
        pulls: list[float] = []

        def busy_pull(*args: object, **kwargs: object) -> object:
            pulls.append(time.monotonic())
            return busy()

        monkeypatch.setattr(central.platform, "pull", busy_pull)
        worker.wake()  # all was well: a pass now, which finds the platform busy
        first = passes.wait_for(2)
        assert passes.seen[1][1].problem == "platform_busy" and worker.retry_after_s == 2
        asked = len(pulls)
        assert asked >= 1
        records_arrive(store, worker, 10)
        time.sleep(max(0.0, first + 1.0 - time.monotonic()))
        assert len(passes) == 2 and len(pulls) == asked  # nothing asked of it meanwhile
        second = passes.wait_for(3)
        assert second - first >= 1.8  # as the platform asked
        assert len(pulls) == 2 * asked
        worker.connectivity_returned()  # "sync now": at once, whatever was asked
        third = passes.wait_for(4, timeout=1.5)
        assert third - second < 1.5
    finally:
        worker.stop()


def test_a_wake_while_all_is_well_sends_the_record_at_once(
    engine: SyncEngine, central: Central
) -> None:
    store = engine.store
    passes = Passes()
    worker = SyncWorker(store, lambda: engine, interval=3600, on_status=passes)
    worker.start()
    try:
        passes.wait_for(1)
        for count in (2, 3):
            with store.write() as session:
                made = outbox.add(session, "event", {"type": "note", "n": count})
            worker.wake()
            passes.wait_for(count, timeout=5)
            assert made in {s.uuid for s in central.platform.submissions()}
        assert len(passes) == 3
    finally:
        worker.stop()


@pytest.mark.parametrize(
    ("status", "held"),
    [(503, True), (429, True), (502, False)],
    ids=["unavailable", "too-many", "bad-gateway"],
)
def test_wakes_after_an_overloaded_platform_wait_for_the_backoff(
    store: Store, status: int, held: bool
) -> None:
    """429 and 503 without a Retry-After: the platform has too much to do, and a request
    per record of every kiosk would add to it. A proxy's 502 (the platform behind it
    down) is tried again at once, as no answer is."""
    passes = Passes()
    worker, platform = overloaded_worker(store, passes, BACKOFF_S, status)
    worker.start()
    try:
        first = passes.wait_for(1)
        assert passes.seen[0][1].problem == "platform_busy" and worker.retry_after_s is None
        asked = len(platform.paths)
        records_arrive(store, worker, 10)
        time.sleep(max(0.0, first + BACKOFF_S / 2 - time.monotonic()))
        if held:
            assert len(passes) == 1 and len(platform.paths) == asked  # no request per record
            second = passes.wait_for(2)
            assert second - first >= BACKOFF_S * 0.9
        else:
            assert len(passes) >= 2 and len(platform.paths) > asked
        count = len(passes)
        worker.connectivity_returned()  # "sync now" still asks at once
        passes.wait_for(count + 1, timeout=BACKOFF_S / 2)
    finally:
        worker.stop()
        platform.close()
