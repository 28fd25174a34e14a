# SPDX-License-Identifier: EUPL-1.2
"""The Comune staff's fleet page in a real browser (Debian's chromium through
Playwright, the platform over loopback HTTP): log in with the keyboard, see only the
Comune's kiosks with their alerts, ask one for its log. Screenshots at phone and
desktop size go to artifacts/desk/. Skips, saying why, without chromium or Playwright."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from central.fleet import Heartbeat, record_heartbeat
from central.platform import Platform
from central.web.staff import StaffGrant, create_staff
from tests.central.browser import PHONE, shoot
from tests.central.desk import PASSWORD


def beat(**changes: Any) -> Heartbeat:
    fields: dict[str, Any] = {
        "version": "0.3.0",
        "sent_at": datetime.now(UTC),
        "uptime_s": 7200,
        "printer": "ready",
        "print_queue": 0,
        "oldest_unsent_s": 60,
        "rejected": 0,
        "free_disk_bytes": 30 * 1024**3,
        "last_sync": datetime.now(UTC),
        **changes,
    }
    return Heartbeat(**fields)


def test_comune_staff_watch_their_kiosks_in_a_browser(
    platform: Platform, desk_url: str, chromium: Any
) -> None:
    create_staff(
        platform,
        StaffGrant(
            username="sociale.piazzola",
            password=PASSWORD,
            display_name="Servizi sociali Piazzola",
            comuni=["piazzola"],
        ),
    )
    kiosks = {}
    for kiosk_id, comune, heartbeat in (
        ("piazzola-biblioteca", "piazzola", beat(printer="paper_out", oldest_unsent_s=90_000)),
        ("piazzola-municipio", "piazzola", beat(sent_at=datetime.now(UTC) - timedelta(minutes=5))),
        ("limena-centro", "limena", beat(version="0.2.0")),
    ):
        device_id, _token = platform.enroll(platform.new_enrollment_code(comune=comune), kiosk_id)
        record_heartbeat(platform, device_id, heartbeat)
        kiosks[kiosk_id] = device_id

    context = chromium.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    page.goto(f"{desk_url}/desk")
    page.get_by_label("Nome utente").focus()
    page.keyboard.type("sociale.piazzola")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/fleet")
    page.get_by_role("heading", name="I totem dei Social Point").wait_for()
    main = page.inner_text("main")
    assert "piazzola-biblioteca" in main and "piazzola-municipio" in main
    assert "limena-centro" not in main
    assert "carta finita" in main and "dati non inviati da 25 ore" in main
    assert "orologio sfasato di -" in main
    shoot(page, "9-staff-fleet")

    page.get_by_role("button", name="Chiedi il registro").first.click()
    page.get_by_text("Chiesto: arriva con la prossima sincronizzazione.").wait_for()
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="The Social Points' kiosks").wait_for()
    assert "out of paper" in page.inner_text("main")
    shoot(page, "10-staff-fleet-english")
    context.close()
