# SPDX-License-Identifier: EUPL-1.2
"""Change-log compaction: a new kiosk's first pull carries each record once, however
often it was republished; a kiosk whose cursor is anywhere in the compacted history
still ends with the platform's data. Real platform over loopback (SQLite, PostgreSQL)."""

from __future__ import annotations

from central.platform import Platform
from store.database import Store
from sync.engine import STREAMS, SyncEngine
from tests.sync.conftest import Central, assert_mirror_equals_server, enrolled_client


def republish(platform: Platform, times: int) -> None:
    services = platform.records("services")
    for n in range(times):
        for service_id in ("s01", "s02", "s03"):
            platform.publish("services", {**services[service_id], "price_cents": 1000 + 10 * n})


def catalog_items(engine: SyncEngine) -> int:
    since, total = "0", 0
    while True:
        page = engine.client.changes("catalog", since, 500)
        total += len(page.items)
        since = page.next_cursor
        if not page.has_more:
            return total


def test_a_new_kiosk_pulls_each_record_once_after_compaction(
    engine: SyncEngine, central: Central, tmp_path: object
) -> None:
    platform = central.platform
    current = sum(len(platform.records(kind)) for kind in STREAMS["catalog"])
    engine.run_once()  # a kiosk whose cursor is in the middle of what gets compacted
    republish(platform, 40)
    before = catalog_items(engine)
    assert before >= current + 120
    assert platform.compact() >= 120
    assert catalog_items(engine) == current  # each record once: a snapshot

    assert engine.run_once().problems == {}
    assert_mirror_equals_server(engine.store, platform)
    from pathlib import Path

    fresh = Store(Path(str(tmp_path)) / "fresh.sqlite3")
    try:
        newcomer = SyncEngine(fresh, enrolled_client(central), page_size=50)
        assert newcomer.run_once().problems == {}
        assert_mirror_equals_server(fresh, platform)
        newcomer.client.close()
    finally:
        fresh.close()


def test_a_withdrawn_record_s_tombstone_stays_after_compaction(
    engine: SyncEngine, central: Central
) -> None:
    platform = central.platform
    engine.run_once()
    services = platform.records("services")
    platform.publish("services", {**services["s01"], "id": "s-gone", "price_cents": 500})
    engine.run_once()
    assert platform.unpublish("services", "s-gone")
    platform.compact()
    assert engine.run_once().problems == {}
    assert_mirror_equals_server(engine.store, platform)  # the kiosk removed it
