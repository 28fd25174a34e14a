# SPDX-License-Identifier: EUPL-1.2
"""Comune staff on the web desk: accounts scoped to their Comuni, a fleet page showing
only their kiosks (online, late, silent; paper, unsent records, clock, old versions), a
kiosk's log asked for and read, and nothing of other Comuni's kiosks or of the shops'
pages. The platform's real app on a real SQLite file, through FastAPI's TestClient."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from central import fleet as fleet_module
from central.models import KioskHealth, StaffAction
from central.platform import Platform
from tests.central.desk import ADMIN, PASSWORD, browser, csrf_of, log_in, make_merchant, text_of


def make_staff(api: TestClient, username: str, comuni: list[str]) -> Any:
    body = {
        "username": username,
        "password": PASSWORD,
        "display_name": f"Ufficio servizi sociali ({username})",
        "comuni": comuni,
    }
    return api.post("/v1/admin/staff", json=body, headers=ADMIN)


def kiosk(
    api: TestClient, central: Platform, kiosk_id: str, comune: str | None, **beat: Any
) -> str:
    """An enrolled kiosk of ``comune`` that sent one heartbeat; its device id."""
    device_id, token = central.enroll(central.new_enrollment_code(comune=comune), kiosk_id)
    sent = {
        "version": "0.3.0",
        "sent_at": datetime.now(UTC).isoformat(),
        "uptime_s": 3600,
        "printer": "ready",
        "print_queue": 0,
        "oldest_unsent_s": None,
        "rejected": 0,
        "free_disk_bytes": 20 * 1024**3,
        "last_sync": datetime.now(UTC).isoformat(),
        **beat,
    }
    answer = api.post(
        "/v1/device/heartbeat", json=sent, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200, answer.text
    return device_id


def heard(central: Platform, device_id: str, ago: timedelta) -> None:
    moment = datetime.now(UTC).replace(tzinfo=None) - ago
    with central.sessions.begin() as session:
        session.execute(
            update(KioskHealth).where(KioskHealth.device_id == device_id).values(received_at=moment)
        )


@pytest.fixture
def fleet_of_three(
    client: TestClient, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    """Piazzola: one kiosk out of paper with old records, one late with an old version
    and a fast clock; Limena: one, silent; and one kiosk of the whole network. The
    platform's release is 0.3.0, which the others run."""
    monkeypatch.setattr(fleet_module, "RELEASE", "0.3.0")
    ids = {
        "piazzola-1": kiosk(
            client, platform, "piazzola-1", "piazzola", printer="paper_out",
            oldest_unsent_s=2 * 86400,
        ),
        "piazzola-2": kiosk(
            client, platform, "piazzola-2", "piazzola", version="0.2.9",
            sent_at=(datetime.now(UTC) + timedelta(minutes=10)).isoformat(),
        ),
        "limena-1": kiosk(client, platform, "limena-1", "limena"),
        "rete-1": kiosk(client, platform, "rete-1", None),
    }  # fmt: skip
    heard(platform, ids["piazzola-2"], timedelta(minutes=20))
    heard(platform, ids["limena-1"], timedelta(hours=2))
    return ids


def staff_browser(app: Any, username: str) -> TestClient:
    opened = browser(app)
    answer = log_in(opened, username)
    assert answer.status_code == 303 and answer.headers["location"] == "/desk/fleet"
    return opened


def test_staff_see_only_their_comunes_kiosks_with_state_and_alerts(
    app: Any,
    client: TestClient,
    fleet_of_three: dict[str, str],
) -> None:
    assert make_staff(client, "sociale.piazzola", ["piazzola"]).status_code == 201
    with staff_browser(app, "sociale.piazzola") as staff:
        page = staff.get("/desk/fleet")
        assert page.status_code == 200
        text = text_of(page.text)
    assert "piazzola-1" in text and "piazzola-2" in text
    assert "limena-1" not in text and "rete-1" not in text
    assert "Comuni: Piazzola sul Brenta" in text
    assert "1 attivi, 1 in ritardo, 0 silenziosi" in text
    assert "carta finita" in text and "dati non inviati da 48 ore" in text
    assert "versione vecchia 0.2.9 (la più recente è 0.3.0)" in text
    assert "orologio sfasato di +" in text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


def test_staff_of_two_comuni_see_both_in_english(
    app: Any,
    client: TestClient,
    fleet_of_three: dict[str, str],
) -> None:
    assert make_staff(client, "ambito", ["piazzola", "limena"]).status_code == 201
    with staff_browser(app, "ambito") as staff:
        text = text_of(staff.get("/desk/fleet?lang=en").text)
    assert "piazzola-1" in text and "limena-1" in text and "rete-1" not in text
    assert "1 online, 1 late, 1 silent" in text and "out of paper" in text


def test_the_admin_sees_every_kiosk(
    client: TestClient,
    fleet_of_three: dict[str, str],
) -> None:
    page = client.get("/fleet", headers=ADMIN)
    text = text_of(page.text)
    for kiosk_id in fleet_of_three:
        assert kiosk_id in text
    # Never framed by another site, no script: as the desk's pages.
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "script-src" not in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    # Any other credential is asked again, text outside ASCII included (it was a 500).
    basic = base64.b64encode("admin:café".encode()).decode()
    for wrong in ("Bearer café", f"Basic {basic}", "Bearer ", "Basic %%%"):
        for path in ("/fleet", "/fleet/kiosks/x/log"):
            answer = client.get(path, headers={"Authorization": wrong.encode("latin-1")})
            assert answer.status_code == 401, (wrong, path)


def test_staff_ask_their_kiosk_for_its_log_and_never_another_comunes(
    app: Any,
    client: TestClient,
    platform: Platform,
    fleet_of_three: dict[str, str],
) -> None:
    make_staff(client, "sociale.piazzola", ["piazzola"])
    own, other = fleet_of_three["piazzola-1"], fleet_of_three["limena-1"]
    with staff_browser(app, "sociale.piazzola") as staff:
        csrf = csrf_of(staff.get("/desk/fleet").text)
        forged = staff.post(f"/desk/fleet/{own}/log-request", data={"csrf": "0" * 64})
        assert forged.status_code == 403
        elsewhere = staff.post(f"/desk/fleet/{other}/log-request", data={"csrf": csrf})
        assert elsewhere.status_code == 404
        asked = staff.post(f"/desk/fleet/{own}/log-request", data={"csrf": csrf})
        assert asked.status_code == 303
        assert "Chiesto: arriva con la prossima sincronizzazione." in text_of(
            staff.get("/desk/fleet").text
        )
        # The kiosk's next heartbeat carries its (masked) log.
        from central.fleet import Heartbeat, record_heartbeat

        beat = Heartbeat(
            version="0.3.0", sent_at=datetime.now(UTC), uptime_s=1, printer="ready",
            print_queue=0, rejected=0, free_disk_bytes=1, log="sync ok\nprinter: paper_out\n",
        )  # fmt: skip
        assert record_heartbeat(platform, own, beat) is False
        log = staff.get(f"/desk/fleet/{own}/log")
        assert log.status_code == 200 and "printer: paper_out" in log.text
        assert staff.get(f"/desk/fleet/{other}/log").status_code == 404
    assert platform_log_requested(platform, other) is False


def test_asking_a_kiosk_for_its_log_is_in_the_audit_log(
    app: Any,
    client: TestClient,
    platform: Platform,
    fleet_of_three: dict[str, str],
) -> None:
    """Like every other change staff make on the desk: who asked which kiosk, when."""
    make_staff(client, "sociale.registro", ["piazzola"])
    own, other = fleet_of_three["piazzola-1"], fleet_of_three["limena-1"]
    with staff_browser(app, "sociale.registro") as staff:
        csrf = csrf_of(staff.get("/desk/fleet").text)
        assert (
            staff.post(f"/desk/fleet/{own}/log-request", data={"csrf": "0" * 64}).status_code == 403
        )
        assert (
            staff.post(f"/desk/fleet/{other}/log-request", data={"csrf": csrf}).status_code == 404
        )
        asked = staff.post(f"/desk/fleet/{own}/log-request", data={"csrf": csrf})
        assert asked.status_code == 303
        log = text_of(staff.get("/desk/audit").text)
    assert "sociale.registro ha chiesto il registro del totem piazzola-1" in log
    with platform.sessions() as session:
        rows = session.scalars(
            select(StaffAction).where(StaffAction.action == "log_requested")
        ).all()
    mine = [row for row in rows if row.username == "sociale.registro"]
    assert [(row.target, row.comune, row.detail) for row in mine] == [
        ("piazzola-1", "piazzola", own)
    ]
    assert datetime.now(UTC) - mine[0].at.replace(tzinfo=UTC) < timedelta(minutes=1)  # when


def platform_log_requested(central: Platform, device_id: str) -> bool:
    with central.sessions() as session:
        row = session.get(KioskHealth, device_id)
    return row is not None and row.log_requested_at is not None


def test_shops_and_staff_keep_to_their_own_pages(
    app: Any,
    client: TestClient,
    fleet_of_three: dict[str, str],
) -> None:
    make_merchant(client)
    make_staff(client, "sociale.piazzola", ["piazzola"])
    shop = browser(app)
    assert log_in(shop).headers["location"] == "/desk/voucher"
    assert shop.get("/desk/fleet").headers["location"] == "/desk/login"
    with staff_browser(app, "sociale.piazzola") as staff:
        for page in ("/desk/voucher", "/desk/history", "/desk/statement"):
            assert staff.get(page).headers["location"] == "/desk/login", page
        assert staff.get("/desk/login").headers["location"] == "/desk/fleet"
    anonymous = browser(app)
    assert anonymous.get("/desk/fleet").headers["location"] == "/desk/login"


@pytest.mark.parametrize(
    ("comuni", "reason"),
    [([], "comuni"), (["atlantide"], "unknown comune 'atlantide'")],
)
def test_a_staff_account_needs_known_comuni(
    client: TestClient,
    comuni: list[str],
    reason: str,
) -> None:
    answer = make_staff(client, "sociale.x", comuni)
    assert answer.status_code == 422 and reason in answer.text
    assert client.post("/v1/admin/staff", json={}).status_code == 401
