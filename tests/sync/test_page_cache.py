# SPDX-License-Identifier: EUPL-1.2
"""Many kiosks pulling the same catalog: the platform makes and compresses each full
change page once, serves the kept copy to the others, and never serves a stale tail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.catalog import generated_services
from central.app import create_app
from central.dataset import seed_if_empty
from central.page_cache import PageCache
from central.platform import Platform
from central.server import EmbeddedServer
from kiosk.boot.paths import DEMO_DATASET
from store.database import Store
from sync.engine import SyncEngine
from tests.sync.conftest import Central, enrolled_client, mirror_snapshot, server_snapshot


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    """On SQLite only: what is kept does not depend on the platform's database."""
    platform = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    seed_if_empty(platform, DEMO_DATASET)
    server = EmbeddedServer(create_app(platform)).start()
    yield Central(platform, server)
    server.stop()
    platform.engine.dispose()


def same_catalog(store: Store, platform: Platform) -> bool:
    kiosk, served = mirror_snapshot(store), server_snapshot(platform)
    return all(kiosk[kind] == served[kind] for kind in ("categories", "providers", "services"))


def test_a_full_page_is_made_once_for_every_kiosk_of_a_scope(
    central: Central, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    central.platform.publish_many(("services", record) for record in generated_services(120))
    catalog = central.platform.catalog
    made: list[tuple[Any, ...]] = []
    read = catalog._read

    def counted(session: Any, stream: str, since: int, *args: Any) -> tuple[list[Any], bool]:
        found = read(session, stream, since, *args)
        made.append((stream, since, found[1]))  # a page read from the database; full?
        return found

    monkeypatch.setattr(catalog, "_read", counted)
    kiosks = []
    for number in range(2):
        store = Store(tmp_path / f"kiosk-{number}.sqlite3")
        client = enrolled_client(central, comune="piazzola")
        SyncEngine(store, client, page_size=40).pull_stream("catalog")
        assert same_catalog(store, central.platform)
        kiosks.append((store, client))

    full = [(stream, since) for stream, since, is_full in made if is_full]
    assert len(full) >= 3  # the catalog alone is several full pages
    assert len(set(full)) == len(full)  # none made twice
    tails = [(stream, since) for stream, since, is_full in made if not is_full]
    assert len(tails) == 2  # the catalog's last page, made for each kiosk

    # A change published now reaches a kiosk that pulled everything before.
    changed = {**generated_services(1)[0], "price_cents": 4321}
    central.platform.publish("services", changed)
    store, client = kiosks[0]
    assert SyncEngine(store, client, page_size=40).pull_stream("catalog") == 1
    assert same_catalog(store, central.platform)
    for store, client in kiosks:
        client.close()
        store.close()


def test_the_kept_pages_stay_within_their_bytes_least_recently_used_first() -> None:
    pages = PageCache(max_bytes=10)
    pages.put("a", b"aaaa")
    pages.put("b", b"bbbb")
    assert pages.get("a") == b"aaaa"  # now the most recently used
    pages.put("c", b"cccc")  # 12 bytes: "b" goes
    assert pages.get("b") is None
    assert (pages.get("a"), pages.get("c")) == (b"aaaa", b"cccc")
    pages.put("huge", b"x" * 11)  # larger than the whole cache: not kept
    assert pages.get("huge") is None and len(pages) == 2
