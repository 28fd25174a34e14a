# SPDX-License-Identifier: EUPL-1.2
"""The last successful sync is kept in the store: after a restart the dashboard and the
day report still say when the kiosk last reached the platform (over loopback HTTP)."""

from __future__ import annotations

from datetime import UTC, datetime

from store.database import Store
from sync.engine import SyncEngine
from sync.worker import SyncWorker


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
