# SPDX-License-Identifier: EUPL-1.2
"""The last successful sync is kept in the store: after a restart the dashboard and the
day report still say when the kiosk last reached the platform (over loopback HTTP)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from store import kiosk_facts, outbox
from store.database import Store
from sync.engine import SyncEngine
from sync.worker import SyncWorker
from tests.sync.conftest import Central
from tests.sync.helpers import application, busy


def test_the_last_successful_sync_outlives_a_restart(
    engine: SyncEngine,
) -> None:
    store = engine.store
    worker = SyncWorker(store, lambda: engine, interval=3600)
    assert worker.status.last_success is None
    worker.run_pass()
    assert worker.status.problem is None and worker.last_success is not None
    synced = worker.last_success
    assert datetime.now(UTC) >= synced and synced.tzinfo == UTC  # aware UTC, as stored
    reopened = Store(store.path)
    try:
        after_restart = SyncWorker(reopened, lambda: engine, interval=3600)
        assert after_restart.last_success == synced
        assert after_restart.status.last_success == synced  # before any pass
    finally:
        reopened.close()


def test_a_platform_that_answers_busy_is_online_and_a_pass_that_got_nothing_is_no_sync(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The badge says online when the platform answers, even 503 to every page; "synced
    at" moves only when some part of the pass went through."""
    worker = SyncWorker(engine.store, lambda: engine, interval=3600)
    worker.run_pass()
    first = worker.last_success
    monkeypatch.setattr(central.platform, "pull", busy)

    worker.run_pass()  # nothing to send, every page refused: nothing synced
    assert worker.status.online is True and worker.status.problem == "platform_busy"
    assert worker.last_success == first
    with engine.store.read() as session:
        assert kiosk_facts.last_sync(session) == first

    with engine.store.write() as session:  # a citizen's application goes out
        outbox.add(session, "application", application(engine))
    report = worker.run_pass()
    assert report is not None and report.accepted == 1 and not report.pulled
    assert worker.status.online is True and worker.last_success != first  # it was sent
