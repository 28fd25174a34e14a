# SPDX-License-Identifier: EUPL-1.2
"""How a pull's pages reach the disk: without waiting for it (each page can be fetched
again, its cursor goes with it), while a citizen's record still waits for the disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from central.app import create_app
from central.platform import Platform
from central.server import EmbeddedServer
from store import outbox
from store.database import Store
from sync.client import PlatformClient
from sync.engine import SyncEngine

FULL, NORMAL = 2, 1  # PRAGMA synchronous


def commit_levels(store: Store) -> list[int]:
    """The safety level each write transaction of ``store`` commits with, in order."""
    levels: list[int] = []

    @event.listens_for(store._writer, "commit")
    def seen(connection: Any) -> None:
        levels.append(connection.exec_driver_sql("PRAGMA synchronous").scalar())

    return levels


@pytest.fixture
def platform_url(tmp_path: Path) -> Iterator[tuple[Platform, str]]:
    platform = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    platform.publish_many(
        [
            (
                "comuni",
                {
                    "id": "piazzola",
                    "name": "Piazzola",
                    "catastale": "G587",
                    "province": "PD",
                    "cap": "35016",
                },
            ),
            ("categories", {"id": "care", "label": {"it": "Cura"}, "icon": "care", "position": 1}),
            ("providers", {"id": "coop", "kind": "cooperativa", "name": "Coop"}),
            *(
                (
                    "services",
                    {
                        "id": f"svc-{n}",
                        "category": "care",
                        "provider": "coop",
                        "title": {"it": f"Servizio {n}"},
                        "description": {"it": "Pasti"},
                        "booking": "info_only",
                    },
                )
                for n in range(40)
            ),
        ]
    )
    server = EmbeddedServer(create_app(platform)).start()
    yield platform, server.url
    server.stop()
    platform.engine.dispose()


def test_pulled_pages_do_not_wait_for_the_disk_and_a_citizens_record_does(
    platform_url: tuple[Platform, str], store: Store
) -> None:
    platform, url = platform_url
    client = PlatformClient(url)
    _device, token = client.enroll(platform.new_enrollment_code("kiosk", "piazzola"), "k")
    client.set_token(token)
    levels = commit_levels(store)
    pulled = SyncEngine(store, client, page_size=25).pull_stream("catalog")
    pages = len(levels)
    with store.write() as session:  # a citizen's record, on the same connection
        outbox.add(session, "event", {"note": "after the pull"})
    client.close()

    assert pulled > 25 and pages >= 2
    assert levels[:pages] == [NORMAL] * pages
    assert levels[pages:] == [FULL]


def test_a_write_that_may_be_lost_leaves_the_next_one_durable(store: Store) -> None:
    levels = commit_levels(store)
    with store.write(durable=False) as session:
        outbox.add(session, "event", {"note": "may be lost"})
    with store.write() as session:
        outbox.add(session, "event", {"note": "kept"})
    with store.write(durable=False) as session:
        outbox.add(session, "event", {"note": "again"})
    assert levels == [NORMAL, FULL, NORMAL]
