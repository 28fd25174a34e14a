# SPDX-License-Identifier: EUPL-1.2
"""The web desk as its tests drive it over HTTP (FastAPI's TestClient on HTTPS, so Secure
cookies travel as they would from a browser): accounts, login, CSRF, a voucher's check."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from fastapi.testclient import TestClient

from central.platform import Platform

ADMIN_TOKEN = "desk-admin-token-of-at-least-32-characters"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
CF = "RSSMRA80A01G224X"
PROGRAMME = "Buoni spesa 2026"
IBAN = "IT60 X054 2811 1010 0000 0123 456"
PASSWORD = "correct horse battery"


def browser(app: Any) -> TestClient:
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def make_merchant(client: TestClient, username: str = "alimentari", **scope: Any) -> str:
    body = {
        "username": username,
        "password": PASSWORD,
        "display_name": "Alimentari Rossi",
        "iban": IBAN,
        **(scope or {"programmes": [PROGRAMME]}),
    }
    answer = client.post("/v1/admin/merchants", json=body, headers=ADMIN)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, html
    return found.group(1)


def log_in(client: TestClient, username: str = "alimentari", password: str = PASSWORD) -> Any:
    page = client.get("/desk/login")
    return client.post(
        "/desk/login", data={"csrf": csrf_of(page.text), "username": username, "password": password}
    )


def logged_in(app: Any, username: str = "alimentari") -> TestClient:
    opened = browser(app)
    assert log_in(opened, username).status_code == 303
    return opened


def check(client: TestClient, code: str) -> Any:
    page = client.get("/desk/voucher")
    return client.post("/desk/voucher", data={"csrf": csrf_of(page.text), "code": code})


def form_of(html: str) -> dict[str, str]:
    """The hidden fields of the redeem form on a voucher page."""
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def issue(platform: Platform, cents: int = 5_000, programme: str = PROGRAMME) -> str:
    return str(platform.issue_voucher(CF, "piazzola", programme, cents)["code"])
