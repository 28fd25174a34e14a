# SPDX-License-Identifier: EUPL-1.2
"""A kiosk's log travels with its heartbeat and is kept by the platform, on SQLite and
PostgreSQL alike: a NUL in it (a log file cut by a power loss) made PostgreSQL refuse the
heartbeat with 500, every five minutes, until the NUL left the log's last 64 KiB."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from central import fleet
from central.models import KioskHealth
from kiosk.boot.logs import recent_log
from tests.sync.conftest import Central


def heartbeat(**changes: Any) -> dict[str, Any]:
    """A healthy kiosk's heartbeat, sent now."""
    return {
        "version": "0.1.0",
        "sent_at": datetime.now(UTC).isoformat(),
        "uptime_s": 300,
        "printer": "ready",
        "print_queue": 0,
        "rejected": 0,
        "free_disk_bytes": 10**9,
        **changes,
    }


def test_a_log_with_a_nul_is_kept(central: Central, tmp_path: Path) -> None:
    platform = central.platform
    device_id, token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-1")
    beat = heartbeat()
    auth = {"Authorization": f"Bearer {token}"}
    url = f"{central.url}/v1/device/heartbeat"
    assert requests.post(url, json=beat, headers=auth, timeout=10).status_code == 200
    assert fleet.request_log(platform, device_id)
    sent = "printer said \x00\x01 then \ufffd\n"
    answer = requests.post(url, json={**beat, "log": sent}, headers=auth, timeout=10)
    assert answer.status_code == 200, answer.text
    with platform.sessions() as session:
        row = session.get(KioskHealth, device_id)
        assert row is not None and row.log_text == "printer said \x01 then \ufffd\n"
    # The kiosk leaves the zeros of a damaged file out before it sends its log.
    (tmp_path / "kiosk.log").write_bytes(b"06:00 INFO sync\n\x00\x00\x0006:01 INFO sync\n")
    assert "\x00" not in recent_log(tmp_path)


def test_a_kiosk_whose_clock_went_back_to_1970_shows_a_clock_alert(central: Central) -> None:
    """A clock reset with no battery says 1970: refused as no instant of the network's,
    its heartbeat left the kiosk shown as silent, without the alert that is for it."""
    platform = central.platform
    device_id, token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-2")
    beat = heartbeat(sent_at=datetime(1970, 1, 1, 0, 5, tzinfo=UTC).isoformat())
    answer = requests.post(
        f"{central.url}/v1/device/heartbeat",
        json=beat,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    [row] = [kiosk for kiosk in fleet.fleet(platform) if kiosk["device_id"] == device_id]
    assert row["state"] == "online"
    assert [code for code, _facts in row["alert_facts"]] == ["clock"]
