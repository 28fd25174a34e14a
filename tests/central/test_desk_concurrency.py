# SPDX-License-Identifier: EUPL-1.2
"""Several desks at work at once: shops and offices opening pages together are each
answered, never "busy". The platform's real app served over loopback HTTP, on a real
SQLite file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
from sqlalchemy import select, update

from central.app import create_app
from central.models import DeskSession
from central.platform import Platform
from central.server import EmbeddedServer
from tests.central.desk import ADMIN, ADMIN_TOKEN, IBAN, PASSWORD, PROGRAMME, csrf_of

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
