# SPDX-License-Identifier: EUPL-1.2
"""Heartbeats from kiosks to the reference platform over loopback, the fleet page with
its alerts, and a manager asking a kiosk for its recent log."""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import update

from central import fleet as fleet_module
from central.models import KioskHealth
from kiosk.boot.config import parse_config
from kiosk.boot.logs import recent_log
from kiosk.boot.syncing import make_sync
from kiosk.core.about import about
from store import outbox
from store.database import Store
from store.models import OutboxEntry
from sync.client import PlatformClient
from sync.heartbeat import HeartbeatSender, KioskFacts, collect
from tests.operations.conftest import ADMIN, Central
from tests.sync.faults import FaultProxy

CODICE_FISCALE = "RSSMRA80A01H501U"


def basic(token: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"staff:{token}".encode()).decode()}


def fleet_page(central: Central) -> str:
    page = requests.get(f"{central.url}/fleet", headers=basic(ADMIN), timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    return page.text


def kiosk_client(central: Central, kiosk_id: str) -> PlatformClient:
    client = PlatformClient(central.url)
    _device, token = client.enroll(central.platform.new_enrollment_code(), kiosk_id)
    client.set_token(token)
    return client


@pytest.fixture
def kiosk_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "kiosk.sqlite3")
    yield store
    store.close()


def last_heard(central: Central, kiosk_id: str, ago: timedelta) -> None:
    moment = datetime.now(UTC).replace(tzinfo=None) - ago
    with central.platform.sessions.begin() as session:
        session.execute(
            update(KioskHealth).where(KioskHealth.kiosk_id == kiosk_id).values(received_at=moment)
        )


def facts(version: str = "0.1.0", printer: str = "ready", log: str = "") -> KioskFacts:
    return KioskFacts(
        version=version,
        printer_state=lambda: printer,
        last_sync=lambda: datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=3),
        recent_log=lambda: log,
    )


def test_a_heartbeat_shows_on_the_fleet_page_with_its_alerts(
    central: Central, kiosk_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fleet_module, "RELEASE", "0.2.0")  # the platform's release
    with kiosk_store.write() as session:
        outbox.add(session, "application", {"answers": {}})
        session.execute(
            update(OutboxEntry).values(
                created_at=datetime.now(UTC).replace(tzinfo=None) - timedelta(days=2)
            )
        )
    fast_clock = datetime.now(UTC).replace(tzinfo=None) + timedelta(minutes=5)
    sender = HeartbeatSender(
        kiosk_store, kiosk_client(central, "kiosk-lim"), facts(printer="paper_out")
    )
    assert sender.maybe_send(now=fast_clock)
    assert not sender.maybe_send()  # not due again for five minutes
    newer = HeartbeatSender(kiosk_store, kiosk_client(central, "kiosk-cdr"), facts("0.2.0"))
    assert newer.maybe_send()

    page = fleet_page(central)
    assert "2 online, 0 late, 0 silent" in page
    assert "kiosk-lim" in page and "kiosk-cdr" in page
    assert "out of paper" in page
    assert "records unsent for 48 hours" in page
    # Five minutes fast, less the time the heartbeat took to arrive (seconds on a busy machine).
    skew = re.search(r"clock off by \+(\d+) s", page)
    assert skew is not None and 270 <= int(skew[1]) <= 300, skew
    assert "old version 0.1.0 (newest 0.2.0)" in page
    assert "unknown" not in page
    last_heard(central, "kiosk-lim", timedelta(minutes=30))
    last_heard(central, "kiosk-cdr", timedelta(hours=3))
    assert "0 online, 1 late, 1 silent" in fleet_page(central)


def test_a_kiosk_claiming_a_newer_version_makes_no_other_kiosk_old(
    central: Central, kiosk_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any device holding a token sends a heartbeat: the newest version is the
    platform's own release, and a version beyond it is itself the alert."""
    monkeypatch.setattr(fleet_module, "RELEASE", "0.2.0")
    for kiosk_id, version in (("kiosk-lim", "0.2.0"), ("kiosk-cdr", "99.0")):
        sender = HeartbeatSender(kiosk_store, kiosk_client(central, kiosk_id), facts(version))
        assert sender.maybe_send()
    page = fleet_page(central)
    assert "old version" not in page
    assert page.count("unknown to the platform") == 1
    assert "version 99.0 unknown to the platform (newest 0.2.0)" in page


def test_the_fleet_page_needs_the_admin_token(central: Central) -> None:
    bare = requests.get(f"{central.url}/fleet", timeout=10)
    assert bare.status_code == 401 and bare.headers["www-authenticate"].startswith("Basic")
    wrong = requests.get(f"{central.url}/fleet", headers=basic("guess"), timeout=10)
    assert wrong.status_code == 401
    bearer = requests.get(
        f"{central.url}/fleet", headers={"Authorization": f"Bearer {ADMIN}"}, timeout=10
    )
    assert bearer.status_code == 200


def test_a_manager_gets_a_kiosks_masked_log_on_its_next_sync(
    central: Central, kiosk_store: Store, tmp_path: Path
) -> None:
    (tmp_path / "log").mkdir()
    # The file is masked as it is written; a line that slipped through is masked on the way.
    (tmp_path / "log" / "kiosk.log").write_text(
        f"06:00 INFO sync: 3 accepted\n06:01 WARNING looked up {CODICE_FISCALE}\n"
    )
    sender = HeartbeatSender(
        kiosk_store,
        kiosk_client(central, "kiosk-lim"),
        KioskFacts("0.1.0", lambda: "ready", lambda: None, lambda: recent_log(tmp_path / "log")),
        every_s=0,
    )
    assert sender.maybe_send()
    with central.platform.sessions() as session:
        [device_id] = [row.device_id for row in session.query(KioskHealth)]
    asked = requests.post(
        f"{central.url}/fleet/kiosks/{device_id}/log-request",
        headers=basic(ADMIN),
        timeout=10,
        allow_redirects=False,
    )
    assert asked.status_code == 303
    forged = requests.post(
        f"{central.url}/fleet/kiosks/{device_id}/log-request",
        headers={**basic(ADMIN), "Sec-Fetch-Site": "cross-site"},
        timeout=10,
        allow_redirects=False,
    )
    assert forged.status_code == 403
    assert "asked, comes with the next sync" in fleet_page(central)
    assert sender.maybe_send()  # the reply asks for the log...
    assert sender.maybe_send()  # ...which goes up with the next heartbeat
    log = requests.get(
        f"{central.url}/fleet/kiosks/{device_id}/log", headers=basic(ADMIN), timeout=10
    )
    assert log.status_code == 200 and "sync: 3 accepted" in log.text
    assert CODICE_FISCALE not in log.text and "[redacted]" in log.text
    assert "asked, comes with the next sync" not in fleet_page(central)


def test_a_heartbeat_outside_its_contract_is_refused(central: Central, kiosk_store: Store) -> None:
    client = kiosk_client(central, "kiosk-lim")
    sender = HeartbeatSender(kiosk_store, client, facts(version="<script>alert(1)</script>"))
    assert not sender.maybe_send()  # refused (422), logged, tried again later
    anonymous = requests.post(f"{central.url}/v1/device/heartbeat", json={}, timeout=10)
    assert anonymous.status_code == 401
    assert "script" not in fleet_page(central)


def test_the_sync_worker_sends_the_heartbeat(central: Central, tmp_path: Path) -> None:
    config = parse_config(
        f'[paths]\ndata_dir = "{tmp_path / "data"}"\nlog_dir = "{tmp_path / "log"}"\n'
        f'[kiosk]\nid = "kiosk-vil"\n[sync]\nplatform_url = "{central.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\n'
    )
    store = Store(config.paths.database)
    setup = make_sync(config, store, printer_state=lambda: "cover_open")
    assert setup is not None
    try:
        setup.worker.run_pass()
    finally:
        setup.stop()
        store.close()
    page = fleet_page(central)
    assert "kiosk-vil" in page and "printer cover open" in page
    with central.platform.sessions() as session:
        [row] = session.query(KioskHealth).all()
    assert row.beat["version"] == about().version and row.beat["last_sync"]


def test_a_stream_that_keeps_failing_does_not_silence_the_heartbeat(
    central: Central, tmp_path: Path
) -> None:
    """One stream fails at every pass while the rest goes through: the heartbeat still
    goes (it waited for a pass without a fault, and the fleet page lost the kiosk)."""
    proxy = FaultProxy((central.server.host, central.server.port))
    proxy.failing_paths = (b"/v1/changes/statuses",)
    config = parse_config(
        f'[paths]\ndata_dir = "{tmp_path / "data"}"\nlog_dir = "{tmp_path / "log"}"\n'
        f'[kiosk]\nid = "kiosk-cam"\n[sync]\nplatform_url = "{proxy.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\n'
    )
    store = Store(config.paths.database)
    setup = make_sync(config, store)
    assert setup is not None
    try:
        setup.worker.run_pass()
        assert setup.worker.failures == 1 and "statuses" in setup.worker.status.detail
    finally:
        setup.stop()
        store.close()
        proxy.close()
    with central.platform.sessions() as session:
        [row] = session.query(KioskHealth).all()
    assert row.beat["last_sync"]


@pytest.mark.parametrize("field", ["sent_at", "last_sync"], ids=["sent_at", "last_sync"])
@pytest.mark.parametrize(
    "moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2150-01-01T00:00:00"]
)
def test_a_heartbeat_dated_off_the_calendar_is_refused_and_the_fleet_page_stays_up(
    central: Central, kiosk_store: Store, field: str, moment: str
) -> None:
    """Valid ISO texts that fall off the calendar in UTC, or a clock a century off: the
    heartbeat is refused (422), never a 500, and no stored value breaks the fleet page."""
    client = kiosk_client(central, "kiosk-odd")
    assert HeartbeatSender(kiosk_store, client, facts()).maybe_send()  # listed on the page
    beat = collect(kiosk_store, facts(), started=time.monotonic(), now=datetime.now(UTC))
    reply = requests.post(
        f"{central.url}/v1/device/heartbeat",
        json={**beat, field: moment},
        headers={"Authorization": f"Bearer {client._token}"},
        timeout=10,
    )
    fine = moment.startswith("2150")  # plausible, only far off: stored, the skew capped
    assert reply.status_code == (200 if fine else 422), reply.text
    assert "kiosk-odd" in fleet_page(central)


def test_a_nearly_full_disk_and_a_day_without_sync_are_alerts(central: Central) -> None:
    client = kiosk_client(central, "kiosk-vil")
    sent = datetime.now(UTC).replace(microsecond=0)

    def beat(free: int, synced: timedelta) -> None:
        client.heartbeat(
            {
                "version": "0.1.0",
                "sent_at": sent.isoformat(),
                "uptime_s": 60,
                "printer": "ready",
                "print_queue": 0,
                "oldest_unsent_s": None,
                "rejected": 0,
                "free_disk_bytes": free,
                "last_sync": (sent - synced).isoformat(),
                "clock_skew_s": 0,
            }
        )

    beat(4096, timedelta(days=5))
    page = fleet_page(central)
    assert "0 MB of disk left" in page and "no sync for 120 hours" in page
    beat(50 * 1024**3, timedelta(minutes=2))
    page = fleet_page(central)
    assert "of disk left" not in page and "no sync for" not in page
