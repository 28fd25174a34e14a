# SPDX-License-Identifier: EUPL-1.2
"""A Comune's staff see, on the web desk's fleet page, the heartbeat's new facts as the
platform's own fleet page does: platform records a kiosk set aside as an alert, and a
kiosk beating every half hour as on time. The platform's real app on a real SQLite
file, through FastAPI's TestClient."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update

from central.models import KioskHealth
from central.platform import Platform
from tests.central.desk import ADMIN, PASSWORD, browser, log_in, text_of


def test_staff_see_a_kiosks_records_set_aside_and_its_own_heartbeat_interval(
    app: Any, client: TestClient, platform: Platform
) -> None:
    grant = {
        "username": "sociale.piazzola",
        "password": PASSWORD,
        "display_name": "Ufficio servizi sociali",
        "comuni": ["piazzola"],
    }
    assert client.post("/v1/admin/staff", json=grant, headers=ADMIN).status_code == 201
    code = platform.new_enrollment_code(comune="piazzola")
    _device, token = platform.enroll(code, "piazzola-1")
    beat = {
        "version": "0.3.0",
        "sent_at": datetime.now(UTC).isoformat(),
        "uptime_s": 3600,
        "printer": "ready",
        "print_queue": 0,
        "oldest_unsent_s": None,
        "rejected": 0,
        "set_aside": 2,
        "interval_s": 1800,
        "free_disk_bytes": 20 * 1024**3,
        "last_sync": datetime.now(UTC).isoformat(),
    }
    answer = client.post(
        "/v1/device/heartbeat", json=beat, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200, answer.text
    # 40 minutes since its heartbeat: on time for a kiosk beating every 30 minutes.
    with platform.sessions.begin() as session:
        session.execute(
            update(KioskHealth).values(
                received_at=datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=40)
            )
        )
    with browser(app) as staff:
        assert log_in(staff, "sociale.piazzola").status_code == 303
        page = staff.get("/desk/fleet")
        assert page.status_code == 200, page.text
        italian = text_of(page.text)
        english = text_of(staff.get("/desk/fleet?lang=en").text)
    assert "1 attivi, 0 in ritardo, 0 silenziosi" in italian
    assert "2 dati della piattaforma messi da parte" in italian
    assert "2 platform records set aside" in english
    assert "2,4 volte" in italian and "2.4 times" in english
