# SPDX-License-Identifier: EUPL-1.2
"""How a pull's pages reach the disk: without waiting for it (each page can be fetched
again, its cursor goes with it), while a citizen's record still waits for the disk."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from central.app import create_app
from central.platform import Platform
from central.server import EmbeddedServer
from store import outbox
from store.database import Store
from sync.client import PlatformClient
from sync.engine import SyncEngine
from tests.sync.helpers import pragma_at_commits, rows_in_file_alone

FULL, NORMAL = 2, 1  # PRAGMA synchronous


def commit_levels(store: Store) -> list[int]:
    """The safety level each write transaction of ``store`` commits with, in order."""
    return pragma_at_commits(store, "synchronous")


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


@pytest.fixture
def client(platform_url: tuple[Platform, str]) -> Iterator[PlatformClient]:
    """A kiosk enrolled on the platform above."""
    platform, url = platform_url
    enrolled = PlatformClient(url)
    _device, token = enrolled.enroll(platform.new_enrollment_code("kiosk", "piazzola"), "k")
    enrolled.set_token(token)
    yield enrolled
    enrolled.close()


def test_pulled_pages_do_not_wait_for_the_disk_and_a_citizens_record_does(
    client: PlatformClient, store: Store
) -> None:
    levels = commit_levels(store)
    pulled = SyncEngine(store, client, page_size=25).pull_stream("catalog")
    pages = len(levels)
    with store.write() as session:  # a citizen's record, on the same connection
        outbox.add(session, "event", {"note": "after the pull"})

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


def test_pulled_pages_leave_copying_the_wal_to_a_thread_beside_them(
    client: PlatformClient, store: Store, tmp_path: Path
) -> None:
    """Their commits never stop to copy the WAL into the database file; the pull
    returns once it is copied (store/checkpointer.py)."""
    pages = pragma_at_commits(store, "wal_autocheckpoint")
    pulled = SyncEngine(store, client, page_size=25).pull_stream("catalog")

    assert len(pages) >= 2 and set(pages) == {0}
    # All of it copied into the database file, although far from 1,000 WAL pages: the
    # file alone, without its WAL, holds every service.
    assert rows_in_file_alone(store, tmp_path, "services") == 40 < pulled
    assert not [t for t in threading.enumerate() if t.name == "store-checkpoint"]


def test_a_pull_with_nothing_new_starts_no_thread_to_copy_the_wal(
    client: PlatformClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = SyncEngine(store, client, page_size=25)
    engine.pull_stream("catalog")
    started = threading.Thread.start
    names: list[str] = []

    def start(thread: threading.Thread) -> None:
        names.append(thread.name)
        started(thread)

    monkeypatch.setattr(threading.Thread, "start", start)
    assert engine.pull_stream("catalog") == 0
    assert "store-checkpoint" not in names
