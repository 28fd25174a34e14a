# SPDX-License-Identifier: EUPL-1.2
"""A new record wakes the sync worker: at once while all is well, at the backoff's pass
while the platform cannot be reached or asked to wait. Offline kiosks woken by every
record each asked the platform again at once, skipping the backoff: 16 of them made
1,812 failed requests in a fleet test. Real timing, kept short by small backoffs."""

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


def test_wakes_while_the_platform_cannot_be_reached_wait_for_the_backoff(store: Store) -> None:
    passes = Passes()
    worker = offline_worker(store, passes, BACKOFF_S)
    worker.start()
    try:
        first = passes.wait_for(1)
        assert passes.seen[0][1].problem == "offline"
        made = records_arrive(store, worker, 10)
        time.sleep(max(0.0, first + BACKOFF_S / 2 - time.monotonic()))
        assert len(passes) == 1  # not one pass per record
        second = passes.wait_for(2)
        assert second - first >= BACKOFF_S * 0.9  # the backoff's pass, not a wake's
        assert len(passes) == 2
        with store.read() as session:  # the records wait, safe, for the next pass
            assert outbox.counts(session)["pending"] == len(made)
        worker.connectivity_returned()  # forgets the backoff: a pass now
        third = passes.wait_for(3, timeout=BACKOFF_S / 2)
        assert third - second < BACKOFF_S
    finally:
        worker.stop()


def test_stop_ends_a_wait_that_holds_wakes_at_once(store: Store) -> None:
    passes = Passes()
    worker = offline_worker(store, passes, 3600)
    worker.start()
    passes.wait_for(1)
    records_arrive(store, worker, 3)
    asked = time.monotonic()
    worker.stop(timeout=10)
    assert not worker._thread.is_alive()
    assert time.monotonic() - asked < 1.0
    assert len(passes) == 1


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


def test_wakes_while_a_proxy_answers_bad_gateway_wait_for_the_backoff(store: Store) -> None:
    """A reverse proxy in front of a platform that is down: 502, and no Retry-After."""
    proxy = ScriptedPlatform()
    proxy.reply = lambda path, body: (502, b"<html>502 Bad Gateway</html>")
    passes = Passes()
    worker = SyncWorker(
        store,
        lambda: SyncEngine(store, PlatformClient(proxy.url, token="t", connect_timeout=0.5)),
        interval=3600,
        backoff_base=BACKOFF_S,
        backoff_cap=BACKOFF_S,
        rng=lambda: 1.0,
        on_status=passes,
    )
    worker.start()
    try:
        first = passes.wait_for(1)
        assert passes.seen[0][1].problem == "platform_busy" and worker.retry_after_s is None
        asked = len(proxy.paths)
        records_arrive(store, worker, 10)
        time.sleep(max(0.0, first + BACKOFF_S / 2 - time.monotonic()))
        assert len(passes) == 1 and len(proxy.paths) == asked  # no request per record
        second = passes.wait_for(2)
        assert second - first >= BACKOFF_S * 0.9
        worker.connectivity_returned()  # "sync now" still asks at once
        passes.wait_for(3, timeout=BACKOFF_S / 2)
    finally:
        worker.stop()
        proxy.close()
