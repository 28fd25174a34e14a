# SPDX-License-Identifier: EUPL-1.2
"""A platform (or a proxy before it) may take smaller request bodies than the kiosk's
batches (512 KiB): its 413 made the same batch go again every pass, and nothing behind
it ever left. The kiosk now sends the same entries again in halves; one refused alone
waits, named, and the others go on. Real platform over loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from central.app import create_app
from central.dataset import seed_if_empty
from central.limits import MIN_MAX_BODY, ServerLimits
from central.platform import Platform
from central.server import EmbeddedServer
from kiosk.boot.paths import DEMO_DATASET
from store import outbox
from store.database import Store
from store.models import OutboxEntry
from sync.client import PlatformClient
from sync.engine import SyncEngine


@pytest.fixture
def small_platform(tmp_path: Path) -> Iterator[tuple[Platform, str]]:
    """The reference platform at the smallest body limit it may be given."""
    platform = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    seed_if_empty(platform, DEMO_DATASET)
    limits = ServerLimits(max_body_bytes=MIN_MAX_BODY)
    server = EmbeddedServer(
        create_app(platform, admin_token="a" * 40, limits=limits), limits=limits
    )
    server.start()
    yield platform, server.url
    server.stop()
    platform.engine.dispose()


def kiosk(url: str, platform: Platform, store: Store) -> SyncEngine:
    client = PlatformClient(url)
    _device, token = client.enroll(platform.new_enrollment_code("kiosk", None), "kiosk-test")
    client.set_token(token)
    return SyncEngine(store, client)


def test_every_record_leaves_in_one_pass_under_the_smallest_body_limit(
    small_platform: tuple[Platform, str], store: Store
) -> None:
    platform, url = small_platform
    with store.write() as session:
        made = [
            outbox.add(session, "event", {"type": "note", "n": n, "text": "x" * 2_000})
            for n in range(40)
        ]
    report = kiosk(url, platform, store).run_once()
    assert "push" not in report.problems, report.problems
    assert report.accepted == len(made)
    assert {s.uuid for s in platform.submissions()} >= set(made)


def test_a_record_too_large_alone_waits_and_the_others_go_on(
    small_platform: tuple[Platform, str], store: Store
) -> None:
    """In JSON's ASCII escapes an "è" is six bytes: 30,000 of them are over 64 KiB."""
    platform, url = small_platform
    with store.write() as session:
        before = outbox.add(session, "event", {"type": "note", "text": "a"})
        huge = outbox.add(session, "event", {"type": "note", "text": "è" * 30_000})
        after = [outbox.add(session, "event", {"type": "note", "n": n}) for n in range(3)]
    report = kiosk(url, platform, store).run_once()
    assert "push" not in report.problems, report.problems
    with store.read() as session:
        rows = {e.uuid: e for e in session.scalars(select(OutboxEntry))}
    assert [rows[u].state for u in (before, *after)] == ["accepted"] * 4
    assert rows[huge].state not in ("accepted", "rejected")  # it waits for a person
    assert "413" in (rows[huge].last_error or "")
    assert huge not in {s.uuid for s in platform.submissions()}
