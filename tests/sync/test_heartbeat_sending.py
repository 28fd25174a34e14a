# SPDX-License-Identifier: EUPL-1.2
"""What the kiosk's heartbeat says, and that it gets through: a clock gone back, a log
larger than the platform takes, refused records a manager already dealt with."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import update

from central.app import create_app
from central.fleet import fleet, request_log
from central.limits import ServerLimits
from central.models import KioskHealth
from central.platform import Platform
from central.server import EmbeddedServer
from store import outbox
from store.database import Store
from store.models import OutboxEntry
from sync.heartbeat import HeartbeatSender, KioskFacts, collect
from tests.conftest import sqlite_platform_url
from tests.sync.conftest import ADMIN, Central, enrolled_client


def facts(log_text: str = "") -> KioskFacts:
    return KioskFacts("0.1.0", lambda: "ready", lambda: None, lambda: log_text)


def row_of(platform: Platform) -> dict[str, object]:
    [row] = fleet(platform)
    return row


def test_a_kiosk_whose_clock_went_back_while_records_wait_is_not_silent(
    central: Central, tmp_path: Path
) -> None:
    # Records made before the clock went back an hour look made in the future.
    store = Store(tmp_path / "kiosk.sqlite3")
    with store.write() as session:
        outbox.add(session, "event", {"type": "help_requested"})
        session.execute(update(OutboxEntry).values(created_at=outbox.utcnow() + timedelta(hours=1)))
    sender = HeartbeatSender(store, enrolled_client(central), facts())
    assert collect(store, facts(), started=0, now=datetime.now(UTC))["oldest_unsent_s"] == 0
    assert sender.maybe_send()
    row = row_of(central.platform)
    assert row["state"] == "online"
    store.close()


def test_the_platform_takes_a_heartbeat_with_an_age_below_zero(central: Central) -> None:
    # An older kiosk still sends it: the field is taken as 0, the heartbeat kept.
    platform = central.platform
    device_id, token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-1")
    beat = {
        "version": "0.1.0",
        "sent_at": datetime.now(UTC).isoformat(),
        "uptime_s": 300,
        "printer": "ready",
        "print_queue": 0,
        "oldest_unsent_s": -3600,
        "rejected": 0,
        "free_disk_bytes": 10**9,
    }
    answer = requests.post(
        f"{central.url}/v1/device/heartbeat",
        json=beat,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    with platform.sessions() as session:
        health = session.get(KioskHealth, device_id)
        assert health is not None
    [row] = [kiosk for kiosk in fleet(platform) if kiosk["device_id"] == device_id]
    assert row["state"] == "online" and row["beat"]["oldest_unsent_s"] == 0  # type: ignore[index]


@pytest.fixture
def small_platform(tmp_path: Path) -> Iterator[Central]:
    """A platform run with the least body limit it takes (--max-body-bytes 65536)."""
    platform = Platform(sqlite_platform_url(tmp_path))
    app = create_app(platform, admin_token=ADMIN, limits=ServerLimits(max_body_bytes=65536))
    server = EmbeddedServer(app).start()
    yield Central(platform, server)
    server.stop()


def test_a_log_larger_than_the_platform_takes_goes_shorter_and_the_kiosk_is_not_silent(
    small_platform: Central, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # 64 Ki characters of log made every later heartbeat refused with 413, for good.
    store = Store(tmp_path / "kiosk.sqlite3")
    log_text = "".join(f"10:{n % 60:02d}:00 INFO sync: pass done é\n" for n in range(4000))
    clock = [0.0]
    sender = HeartbeatSender(
        store, enrolled_client(small_platform), facts(log_text), clock=lambda: clock[0]
    )
    assert sender.maybe_send()
    platform = small_platform.platform
    assert request_log(platform, str(row_of(platform)["device_id"]))
    for _beat in range(3):
        clock[0] += 300
        with caplog.at_level(logging.INFO, logger="sync.heartbeat"):
            assert sender.maybe_send()
    row = row_of(platform)
    assert row["state"] == "online" and row["log_requested"] is False
    with platform.sessions() as session:
        health = session.get(KioskHealth, str(row["device_id"]))
        assert health is not None and health.log_text and log_text.endswith(health.log_text)
    said = [r.getMessage() for r in caplog.records if "log refused" in r.getMessage()]
    assert len(said) == 1 and "413" in said[0]  # said once; later beats send the shorter tail
    store.close()


def test_refused_records_a_manager_dealt_with_are_not_counted(tmp_path: Path) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    with store.write() as session:
        refused = [outbox.add(session, "event", {"type": "help_requested"}) for _ in range(3)]
        session.execute(
            update(OutboxEntry).where(OutboxEntry.uuid.in_(refused)).values(state="rejected")
        )
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.uuid.in_(refused[:2]))
            .values(handled_at=outbox.utcnow(), handled_by="m1", handled_outcome="citizen_told")
        )
    assert collect(store, facts(), started=0, now=datetime.now(UTC))["rejected"] == 1
    store.close()


def test_the_sync_status_counts_only_refusals_no_manager_dealt_with(tmp_path: Path) -> None:
    # "rejected and kept for a manager" (social-point sync --once, the sync badge).
    store = Store(tmp_path / "kiosk.sqlite3")
    with store.write() as session:
        refused = [outbox.add(session, "event", {"type": "help_requested"}) for _ in range(2)]
        session.execute(
            update(OutboxEntry).where(OutboxEntry.uuid.in_(refused)).values(state="rejected")
        )
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.uuid == refused[0])
            .values(handled_at=outbox.utcnow(), handled_by="m1", handled_outcome="citizen_told")
        )
    with store.read() as session:
        assert outbox.counts(session)["rejected"] == 1
    store.close()
