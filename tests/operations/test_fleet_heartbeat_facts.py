# SPDX-License-Identifier: EUPL-1.2
"""What the fleet makes of a heartbeat (issue 27): a kiosk is late and silent by the
interval it beats at, not by the default five minutes, and the platform records it set
aside travel in the heartbeat to an alert on the fleet page. A real kiosk store, the
reference platform over loopback HTTP."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import update

from central import fleet as fleet_module
from central.models import KioskHealth
from central.platform import now
from store import set_aside
from store.database import Store
from store.set_aside import Poison
from sync.client import PlatformClient
from sync.heartbeat import HeartbeatSender, KioskFacts
from tests.operations.conftest import ADMIN, Central


def fleet_page(central: Central) -> str:
    login = base64.b64encode(f"staff:{ADMIN}".encode()).decode()
    page = requests.get(
        f"{central.url}/fleet", headers={"Authorization": f"Basic {login}"}, timeout=10
    )
    assert page.status_code == 200
    return page.text


def kiosk_client(central: Central, kiosk_id: str) -> PlatformClient:
    client = PlatformClient(central.url)
    _device, token = client.enroll(central.platform.new_enrollment_code(), kiosk_id)
    client.set_token(token)
    return client


def facts() -> KioskFacts:
    return KioskFacts("0.1.0", lambda: "ready", lambda: datetime.now(UTC), lambda: "")


@pytest.fixture
def kiosk_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "kiosk.sqlite3")
    yield store
    store.close()


def states_after(central: Central, kiosk_id: str, *minutes: int) -> list[str]:
    """The fleet's state of the kiosk had its last heartbeat come so many minutes ago."""
    with central.platform.sessions() as session:
        row = session.query(KioskHealth).filter_by(kiosk_id=kiosk_id).one()
    at = now()
    found = []
    for ago in minutes:
        row.received_at = at - timedelta(minutes=ago)
        found.append(fleet_module.state_of(row, at))
    return found


def test_a_kiosk_beating_every_half_hour_is_late_only_after_two_missed_heartbeats(
    central: Central, kiosk_store: Store
) -> None:
    # sync.heartbeat_interval_s = 1800, as the configuration allows (60 to 3600 s).
    slow = HeartbeatSender(kiosk_store, kiosk_client(central, "kiosk-slow"), facts(), every_s=1800)
    default = HeartbeatSender(kiosk_store, kiosk_client(central, "kiosk-std"), facts())
    assert slow.maybe_send() and default.maybe_send()
    with central.platform.sessions() as session:
        beats = {row.kiosk_id: row.beat for row in session.query(KioskHealth)}
    assert beats["kiosk-slow"]["interval_s"] == 1800 and beats["kiosk-std"]["interval_s"] == 300
    # Beating after sync passes, two heartbeats may be up to an hour apart: still online.
    # Late after 2.4 x 30 = 72 minutes, silent after 12 x 30 minutes = 6 hours.
    assert states_after(central, "kiosk-slow", 29, 59, 71, 73, 359, 361) == [
        "online",
        "online",
        "online",
        "late",
        "late",
        "silent",
    ]
    # The default 300 s keeps today's 12 minutes and one hour.
    assert states_after(central, "kiosk-std", 11, 13, 59, 61) == [
        "online",
        "late",
        "late",
        "silent",
    ]
    with central.platform.sessions.begin() as session:
        session.execute(
            update(KioskHealth)
            .where(KioskHealth.kiosk_id == "kiosk-slow")
            .values(received_at=datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=40))
        )
    page = fleet_page(central)
    assert "2 online, 0 late, 0 silent" in page
    assert "beats every 30 min" in page
    assert "2.4 times the kiosk's heartbeat interval" in page


def test_a_heartbeat_from_an_older_kiosk_is_judged_by_the_default_interval(
    central: Central,
) -> None:
    """A kiosk of an earlier release sends neither interval_s nor set_aside: its
    heartbeat is still taken, and it counts as beating every five minutes."""
    client = PlatformClient(central.url)
    _device, token = client.enroll(central.platform.new_enrollment_code(), "kiosk-old")
    beat: dict[str, Any] = {
        "version": "0.1.0",
        "sent_at": datetime.now(UTC).isoformat(),
        "uptime_s": 60,
        "printer": "ready",
        "print_queue": 0,
        "oldest_unsent_s": None,
        "rejected": 0,
        "free_disk_bytes": 10 * 1024**3,
        "last_sync": None,
    }
    answer = requests.post(
        f"{central.url}/v1/device/heartbeat",
        json=beat,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    assert states_after(central, "kiosk-old", 11, 13, 61) == ["online", "late", "silent"]
    assert "records set aside" not in fleet_page(central)
    # A kiosk claiming to beat less often than any configuration allows is refused: it
    # could never be shown as silent.
    answer = requests.post(
        f"{central.url}/v1/device/heartbeat",
        json={**beat, "interval_s": 86400},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 422


def test_records_set_aside_on_the_kiosk_raise_an_alert_on_the_fleet_page(
    central: Central, kiosk_store: Store
) -> None:
    with kiosk_store.write() as session:
        for n in range(3):
            poison = Poison("services", "upsert", f"bad-{n}", {"id": f"bad-{n}"}, "no price")
            set_aside.set_aside(session, "catalog", poison)
    sender = HeartbeatSender(kiosk_store, kiosk_client(central, "kiosk-lim"), facts(), every_s=0)
    assert sender.maybe_send()
    with central.platform.sessions() as session:
        [row] = session.query(KioskHealth).all()
    assert row.beat["set_aside"] == 3
    assert "3 platform records set aside" in fleet_page(central)
    # Once the platform's next version of them applies, the alert goes.
    with kiosk_store.write() as session:
        set_aside.release(session, "services", ["bad-0", "bad-1", "bad-2"])
    assert sender.maybe_send()
    page = fleet_page(central)
    assert "records set aside" not in page and "<td>0</td>" in page
