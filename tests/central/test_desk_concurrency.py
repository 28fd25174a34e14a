# SPDX-License-Identifier: EUPL-1.2
"""Several desks and kiosks at work at once: shops and offices opening pages together,
kiosks sending their heartbeats together, are each answered, never "busy". The
platform's real app served over loopback HTTP, on a real SQLite file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError

from central.app import create_app
from central.dataset import seed_if_empty
from central.models import DeskSession, KioskHealth
from central.platform import Platform
from central.server import EmbeddedServer
from kiosk.boot.paths import DEMO_DATASET
from tests.central.desk import ADMIN, ADMIN_TOKEN, IBAN, PASSWORD, PROGRAMME, csrf_of
from tests.conftest import sqlite_platform_url
from tests.postgresql import PostgresUnavailableError, ThrowawayPostgres

DESKS = 8


@pytest.fixture
def served(platform: Platform) -> Iterator[str]:
    server = EmbeddedServer(create_app(platform, admin_token=ADMIN_TOKEN)).start()
    yield server.url
    server.stop()


def _shop(url: str, number: int) -> requests.Session:
    body = {
        "username": f"negozio{number}",
        "password": PASSWORD,
        "display_name": f"Negozio {number}",
        "iban": IBAN,
        "programmes": [PROGRAMME],
    }
    made = requests.post(f"{url}/v1/admin/merchants", json=body, headers=ADMIN, timeout=10)
    assert made.status_code == 201, made.text
    opened = requests.Session()
    page = opened.get(f"{url}/desk/login", timeout=10)
    fields = {"csrf": csrf_of(page.text), "username": body["username"], "password": PASSWORD}
    answer = opened.post(f"{url}/desk/login", data=fields, allow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text
    return opened


def _open_history(
    url: str, shop: requests.Session, together: threading.Barrier, answers: list[int]
) -> None:
    together.wait()  # every desk's request at the same moment
    page = shop.get(f"{url}/desk/history", allow_redirects=False, timeout=30)
    answers.append(page.status_code)


def test_desks_whose_sessions_move_on_together_are_all_answered(
    platform: Platform, served: str
) -> None:
    shops = [_shop(served, number) for number in range(DESKS)]
    answers: list[int] = []
    for _round in range(5):
        # Each session's idle deadline is due to move on (it does at most once a minute).
        earlier = datetime.now(UTC) + timedelta(minutes=25)
        with platform.sessions.begin() as session:
            session.execute(update(DeskSession).values(expires_at=earlier))
        together = threading.Barrier(DESKS)
        threads = [
            threading.Thread(target=_open_history, args=(served, shop, together, answers))
            for shop in shops
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert answers == [200] * DESKS * 5
    with platform.sessions() as session:  # and each deadline moved on
        deadlines = session.scalars(select(DeskSession.expires_at)).all()
    assert all(deadline > earlier + timedelta(minutes=4) for deadline in deadlines)


def _beat(url: str, token: str, together: threading.Barrier, answers: list[int]) -> None:
    heartbeat = {
        "version": "1.0.0",
        "sent_at": datetime.now(UTC).isoformat(),
        "uptime_s": 60,
        "printer": "ok",
        "print_queue": 0,
        "rejected": 0,
        "free_disk_bytes": 10**10,
    }
    together.wait()  # every kiosk's heartbeat at the same moment
    sent = requests.post(
        f"{url}/v1/device/heartbeat",
        json=heartbeat,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    answers.append(sent.status_code)


def test_kiosks_beating_together_are_all_heard(platform: Platform, served: str) -> None:
    tokens = [
        platform.enroll(platform.new_enrollment_code(comune="piazzola"), f"totem-{n}")[1]
        for n in range(DESKS)
    ]
    answers: list[int] = []
    for _round in range(5):
        together = threading.Barrier(DESKS)
        threads = [
            threading.Thread(target=_beat, args=(served, token, together, answers))
            for token in tokens
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert answers == [200] * DESKS * 5
    with platform.sessions() as session:
        assert session.scalar(select(func.count()).select_from(KioskHealth)) == DESKS


def _make(url: str, kind: str, together: threading.Barrier, answers: list[int]) -> None:
    body: dict[str, object] = {"username": "sportello", "password": PASSWORD}
    if kind == "merchants":
        body |= {"display_name": "Negozio", "iban": IBAN, "programmes": [PROGRAMME]}
    else:
        body |= {"display_name": "Ufficio", "comuni": ["piazzola"]}
    together.wait()  # every administrator's request at the same moment
    made = requests.post(f"{url}/v1/admin/{kind}", json=body, headers=ADMIN, timeout=30)
    answers.append(made.status_code)


@pytest.fixture(params=["sqlite", "postgresql"])
def served_on(request: pytest.FixtureRequest, platform: Platform) -> Iterator[str]:
    """The app with the admin API over loopback HTTP, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("served")
        return
    try:
        server = ThrowawayPostgres()
    except PostgresUnavailableError as error:
        pytest.skip(f"PostgreSQL: {error}")
    on_postgres = Platform(server.new_database())
    seed_if_empty(on_postgres, DEMO_DATASET)
    app = EmbeddedServer(create_app(on_postgres, admin_token=ADMIN_TOKEN)).start()
    yield app.url
    app.stop()
    on_postgres.engine.dispose()
    server.stop()


def test_one_username_asked_for_at_once_is_given_once_and_refused_plainly_after(
    served_on: str,
) -> None:
    served = served_on  # PostgreSQL refused the second insert: a 500 for each
    answers: list[int] = []
    together = threading.Barrier(DESKS)
    threads = [
        threading.Thread(target=_make, args=(served, kind, together, answers))
        for kind in ("merchants", "staff") * (DESKS // 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [201] + [422] * (DESKS - 1)  # "taken", never "busy"


def _ask_log(url: str, device_id: str, together: threading.Barrier, answers: list[int]) -> None:
    together.wait()  # every request at the same moment
    asked = requests.post(
        f"{url}/fleet/kiosks/{device_id}/log-request",
        headers=ADMIN,
        allow_redirects=False,
        timeout=30,
    )
    answers.append(asked.status_code)


def test_logs_asked_of_many_kiosks_at_once_are_all_asked(platform: Platform, served: str) -> None:
    kiosks = [
        platform.enroll(platform.new_enrollment_code(comune="piazzola"), f"totem-{n}")
        for n in range(DESKS)
    ]
    beats: list[int] = []
    together = threading.Barrier(1)
    for _device_id, token in kiosks:
        _beat(served, token, together, beats)
    answers: list[int] = []
    for _round in range(5):
        together = threading.Barrier(DESKS)
        threads = [
            threading.Thread(target=_ask_log, args=(served, device_id, together, answers))
            for device_id, _token in kiosks
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert beats == [200] * DESKS
    assert answers == [303] * DESKS * 5


def _start(url: str, together: threading.Barrier, apps: list[Any], failed: list[str]) -> None:
    platform = Platform(url)
    together.wait()  # every process of the platform starting at the same moment
    try:
        apps.append(create_app(platform))
    except OperationalError as error:
        failed.append(str(error.orig))


def test_the_processes_of_a_new_platform_starting_together_all_start(tmp_path: Path) -> None:
    url = sqlite_platform_url(tmp_path)
    Platform(url)  # its tables, before the processes start (as --workers does)
    apps: list[Any] = []
    failed: list[str] = []
    together = threading.Barrier(4)
    threads = [
        threading.Thread(target=_start, args=(url, together, apps, failed)) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    # One secret for all: a login form one process made is taken by another.
    first, second = (EmbeddedServer(app).start() for app in apps[:2])
    try:
        browser = requests.Session()
        page = browser.get(f"{first.url}/desk/login", timeout=10)
        fields = {"csrf": csrf_of(page.text), "username": "nessuno", "password": "x" * 12}
        answer = browser.post(f"{second.url}/desk/login", data=fields, timeout=10)
        assert answer.status_code == 401  # the user is unknown; the form was good
    finally:
        first.stop()
        second.stop()
