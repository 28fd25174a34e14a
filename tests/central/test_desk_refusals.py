# SPDX-License-Identifier: EUPL-1.2
"""A refusal on the web desk is a page of the desk: in the person's language (Italian
first), with the desk's security headers, never the API's JSON in English. The API keeps
its JSON. The platform's real app served over loopback HTTP, on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import func, select

from central.app import create_app
from central.dataset import seed_if_empty
from central.models import DeskSession, MerchantAccount
from central.platform import Platform
from central.server import EmbeddedServer
from central.web.staff import StaffGrant, create_staff
from kiosk.boot.paths import DEMO_DATASET
from tests.central.desk import ADMIN, ADMIN_TOKEN, IBAN, PASSWORD, PROGRAMME, csrf_of, text_of
from tests.central.helpers import send_application
from tests.postgresql import PostgresUnavailableError, ThrowawayPostgres


def _staff(platform: Platform, url: str, username: str, comune: str) -> requests.Session:
    grant = StaffGrant(
        username=username, password=PASSWORD, display_name="Ufficio", comuni=[comune]
    )
    create_staff(platform, grant)
    opened = requests.Session()
    page = opened.get(f"{url}/desk/login", timeout=10)
    fields = {"csrf": csrf_of(page.text), "username": username, "password": PASSWORD}
    answer = opened.post(f"{url}/desk/login", data=fields, allow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text
    return opened


def _is_desk_page(answer: requests.Response) -> None:
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert not answer.text.lstrip().startswith("{")


def test_another_comunes_application_is_refused_with_a_page_in_italian_first(
    platform: Platform, desk_url: str
) -> None:
    kiosk, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-1")
    protocol, _code = send_application(platform, kiosk)
    limena = _staff(platform, desk_url, "sociale.limena", "limena")
    other = limena.get(f"{desk_url}/desk/applications/{protocol}", timeout=10)
    assert other.status_code == 404
    _is_desk_page(other)
    assert "non esiste" in text_of(other.text) and "detail" not in other.text
    english = limena.get(f"{desk_url}/desk/applications/{protocol}?lang=en", timeout=10)
    assert english.status_code == 404 and "does not exist" in text_of(english.text)
    # A form of another site (no token of this session) on a kiosk: the desk's words.
    forged = limena.post(
        f"{desk_url}/desk/fleet/anything/log-request", data={"csrf": "0" * 64}, timeout=10
    )
    assert forged.status_code == 403
    _is_desk_page(forged)
    # A POST-only address opened in the browser: its method told, as HTTP says.
    opened = limena.get(f"{desk_url}/desk/redeem", timeout=10)
    assert (opened.status_code, opened.headers["allow"]) == (405, "POST")
    _is_desk_page(opened)


def test_the_api_still_answers_its_refusals_in_json(platform: Platform, desk_url: str) -> None:
    answer = requests.get(f"{desk_url}/v1/no-such-route", timeout=10)
    assert (answer.status_code, answer.json()) == (404, {"detail": "Not Found"})


def test_a_switched_off_shop_is_told_so_at_login_and_given_no_session(
    platform: Platform, admin_url: str
) -> None:
    body = {
        "username": "alimentari",
        "password": PASSWORD,
        "display_name": "Alimentari Rossi",
        "iban": IBAN,
        "programmes": [PROGRAMME],
    }
    made = requests.post(f"{admin_url}/v1/admin/merchants", json=body, headers=ADMIN, timeout=10)
    assert made.status_code == 201, made.text
    with platform.sessions() as session:
        device_id = session.scalar(select(MerchantAccount.device_id))
    revoked = requests.post(
        f"{admin_url}/v1/admin/devices/{device_id}/revoke",
        json={"reason": "negozio chiuso"},
        headers=ADMIN,
        timeout=10,
    )
    assert revoked.status_code == 200, revoked.text
    opened = requests.Session()
    page = opened.get(f"{admin_url}/desk/login", timeout=10)
    fields = {"csrf": csrf_of(page.text), "username": "alimentari", "password": PASSWORD}
    answer = opened.post(f"{admin_url}/desk/login", data=fields, allow_redirects=False, timeout=10)
    assert answer.status_code == 403
    assert "disattivato" in text_of(answer.text)
    assert "sp_desk" not in opened.cookies
    with platform.sessions() as session:
        assert session.scalar(select(func.count()).select_from(DeskSession)) == 0
    # A wrong password still says only that: the account's state is not for guessers.
    fields["password"] = "not the password"
    wrong = opened.post(f"{admin_url}/desk/login", data=fields, allow_redirects=False, timeout=10)
    assert wrong.status_code == 401 and "disattivato" not in text_of(wrong.text)


@pytest.fixture
def admin_url(platform: Platform) -> Iterator[str]:
    """The app with the admin API, served over loopback HTTP."""
    served = EmbeddedServer(create_app(platform, admin_token=ADMIN_TOKEN)).start()
    yield served.url
    served.stop()


@pytest.fixture(scope="module")
def postgres_desk() -> Iterator[str]:
    """The desk served over loopback HTTP on a throw-away PostgreSQL database, which
    refuses what SQLite stores (a NUL in a text)."""
    try:
        server = ThrowawayPostgres()
    except PostgresUnavailableError as error:
        pytest.skip(f"PostgreSQL: {error}")
    platform = Platform(server.new_database())
    seed_if_empty(platform, DEMO_DATASET)
    served = EmbeddedServer(create_app(platform)).start()
    yield served.url
    served.stop()
    platform.engine.dispose()
    server.stop()


def test_a_value_the_database_refuses_is_a_desk_page_too(postgres_desk: str) -> None:
    opened = requests.Session()
    page = opened.get(f"{postgres_desk}/desk/login", timeout=10)
    fields = {"csrf": csrf_of(page.text), "username": "alimentari\x00", "password": "x" * 12}
    answer = opened.post(f"{postgres_desk}/desk/login", data=fields, timeout=10)
    assert answer.status_code == 422
    _is_desk_page(answer)
    assert "non è leggibile" in text_of(answer.text)
    api = requests.get(f"{postgres_desk}/v1/vouchers/x", timeout=10)
    assert api.status_code == 401 and "detail" in api.json()  # the API's JSON, as before
