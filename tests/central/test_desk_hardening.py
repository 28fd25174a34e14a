# SPDX-License-Identifier: EUPL-1.2
"""The web desk where a review found it wanting: a withdrawn record's identifier never
published again (a kiosk's late application stayed with the Comune it was made for), a
voucher used up or expired while its page was open refused plainly whatever was typed,
every read of a kiosk's log and of the applications list in the audit log, admin bodies
with text no database stores refused with 422, and a shop's scope naming only Comuni and
services that exist. The platform's real app on a real SQLite file, driven over HTTPS by
FastAPI's TestClient, as tests/central/test_desk.py and test_catalog_desk.py do."""

from __future__ import annotations

import copy
import json
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.fleet import Heartbeat, record_heartbeat
from central.models import MerchantAccount, StaffAction
from central.platform import Platform
from central.web.desk import templates
from central.web.strings import translator
from forms.definition import load_definition
from kiosk.core.applying import tracking_code
from protocol.messages import SubmissionEntry
from tests.central.desk import (
    ADMIN,
    IBAN,
    PASSWORD,
    PROGRAMME,
    browser,
    check,
    csrf_of,
    form_of,
    issue,
    log_in,
    logged_in,
    make_merchant,
    text_of,
)
from tests.central.helpers import REF, send_application
from tests.forms.samples import GOOD

TAKEN = "Questo codice è già usato: ne scelga un altro."


def make_staff(client: TestClient, username: str, comuni: list[str]) -> None:
    body = {
        "username": username,
        "password": PASSWORD,
        "display_name": f"Ufficio {username}",
        "comuni": comuni,
    }
    answer = client.post("/v1/admin/staff", json=body, headers=ADMIN)
    assert answer.status_code == 201, answer.text


def post_form(client: TestClient, page_url: str, action: str, fields: dict[str, str]) -> Any:
    page = client.get(page_url)
    assert page.status_code == 200, page.text
    return client.post(action, data={"csrf": csrf_of(page.text), **fields})


def withdraw(client: TestClient, kind: str, record_id: str) -> Any:
    page = client.get(f"/desk/catalog/{kind}/{record_id}/edit")
    assert page.status_code == 200, page.text
    return client.post(
        f"/desk/catalog/{kind}/{record_id}/withdraw",
        data={"csrf": csrf_of(page.text), "confirm": "yes"},
    )


def call_fields(comune: str) -> dict[str, str]:
    opens = datetime.now() - timedelta(days=1)
    return {
        "id": "buoni-natale",
        "comune": comune,
        "kind": "voucher",
        "title_it": f"Buoni di Natale {comune}",
        "title_en": "",
        "description_it": "",
        "description_en": "",
        "opens_at": f"{opens:%Y-%m-%dT%H:%M}",
        "closes_at": f"{opens + timedelta(days=60):%Y-%m-%dT%H:%M}",
        "budget": "",
        "form": REF,
        "eligibility": "",
        "documents": "",
    }


def service_fields(comune: str) -> dict[str, str]:
    return {
        "id": "pasti-a-domicilio",
        "title_it": f"Pasti a domicilio {comune}",
        "title_en": "",
        "description_it": "Un pasto caldo a casa.",
        "description_en": "",
        "category": "silvercare",
        "provider": "comune-piazzola-ss",
        "booking": "buy_now",
        "price": "6,50",
        "unit": "pasto",
        "residents_of": comune,
        "keywords": "pasti",
    }


def problems_of(html: str) -> list[str]:
    found = re.findall(r'<p class="field-error" id="[\w]+-error">(.*?)</p>', html, re.S)
    return [re.sub(r"\s+", " ", text_of(text)).strip() for text in found]


# 1. A withdrawn record's identifier is never published again ---------------------------


def test_a_withdrawn_calls_id_is_never_reused_so_a_late_application_stays_out_of_other_hands(
    app: Any, client: TestClient, platform: Platform
) -> None:
    """Kiosks work offline: an application made before its call was withdrawn can arrive
    after. Under a reused identifier it went to the new call, and the new call's Comune
    read the citizen's answers; now the identifier stays taken and the application is
    refused as it is for any withdrawn call (no such call)."""
    make_staff(client, "sociale.piazzola", ["piazzola"])
    make_staff(client, "sociale.limena", ["limena"])
    piazzola = logged_in(app, "sociale.piazzola")
    limena = logged_in(app, "sociale.limena")
    new_call = ("/desk/catalog/calls/new", "/desk/catalog/calls")
    published = post_form(piazzola, *new_call, call_fields("piazzola"))
    assert published.status_code == 303, text_of(published.text)
    # A Piazzola kiosk takes an application offline: made now, sent later.
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-1")
    form = load_definition(platform.records("forms")[REF]["definition"])
    payload = {
        "call": "buoni-natale",
        "form": REF,
        "form_sha256": form.sha256,
        "answers": copy.deepcopy(GOOD),
        "tracking_code": tracking_code(),
    }
    entry = SubmissionEntry(
        uuid=str(uuid.uuid4()), kind="application", created_at=datetime.now(UTC), payload=payload
    )
    gone = withdraw(piazzola, "calls", "buoni-natale")
    assert gone.headers["location"] == "/desk/catalog?done=withdrawn&id=buoni-natale"

    reused = post_form(limena, *new_call, call_fields("limena"))
    assert reused.status_code == 422, reused.headers.get("location")
    assert problems_of(reused.text) == [TAKEN]
    assert "buoni-natale" not in platform.records("calls")
    again = post_form(piazzola, *new_call, call_fields("piazzola"))  # the Comune's own too
    assert problems_of(again.text) == [TAKEN]

    [result] = platform.submit(device_id, [entry])
    assert (result.status, result.server_id) == ("rejected", None)  # as before: no such call
    assert "Ferraro" not in text_of(limena.get("/desk/applications").text)


def test_a_withdrawn_services_id_is_never_reused_by_another_comune(
    app: Any, client: TestClient, platform: Platform
) -> None:
    """Shops are scoped by service id: a reused one took the new service's buoni."""
    make_staff(client, "sociale.piazzola", ["piazzola"])
    make_staff(client, "sociale.limena", ["limena"])
    piazzola = logged_in(app, "sociale.piazzola")
    limena = logged_in(app, "sociale.limena")
    new_service = ("/desk/catalog/services/new", "/desk/catalog/services")
    assert post_form(piazzola, *new_service, service_fields("piazzola")).status_code == 303
    assert withdraw(piazzola, "services", "pasti-a-domicilio").status_code == 303
    assert "pasti-a-domicilio" not in platform.records("services")
    reused = post_form(limena, *new_service, service_fields("limena"))
    assert reused.status_code == 422
    assert problems_of(reused.text) == [TAKEN]
    assert "pasti-a-domicilio" not in platform.records("services")


# 2. A voucher used up or expired since its page was shown is refused plainly ----------


@pytest.fixture
def shop(app: Any, client: TestClient) -> Iterator[TestClient]:
    make_merchant(client)
    with logged_in(app) as opened:
        yield opened


def test_redeeming_all_of_a_voucher_another_tab_used_up_says_it_is_used(
    shop: TestClient, platform: Platform
) -> None:
    code = issue(platform, 5_000)
    first, second = form_of(check(shop, code).text), form_of(check(shop, code).text)
    taken = shop.post("/desk/redeem", data={**first, "all": "1"})
    assert taken.status_code == 200 and "50,00 €" in text_of(taken.text)
    late = shop.post("/desk/redeem", data={**second, "all": "1"})
    assert late.status_code == 409, text_of(late.text)
    assert "già stato usato per intero" in text_of(late.text)
    assert "Valido" not in text_of(late.text) and "Incassa tutto" not in late.text
    for typed in ("10", "dieci"):  # an amount typed, or mistyped, is the same refusal
        answer = shop.post("/desk/redeem", data={**second, "amount": typed})
        assert answer.status_code == 409 and "già stato usato" in text_of(answer.text), typed
        assert "Valido" not in text_of(answer.text)
    # The first tab's form sent again is still its own redemption, with its receipt.
    again = shop.post("/desk/redeem", data={**first, "all": "1"})
    assert again.status_code == 200 and first["receipt"] in again.text


def test_a_mistyped_amount_on_a_voucher_expired_meanwhile_says_it_expired(
    shop: TestClient, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = issue(platform, 5_000)
    fields = form_of(check(shop, code).text)
    later = platform.today() + timedelta(days=400)
    monkeypatch.setattr(platform.database, "today", lambda: later)
    for typed in ("12,5O", "0", ""):
        answer = shop.post("/desk/redeem", data={**fields, "amount": typed})
        assert answer.status_code == 409, (typed, text_of(answer.text))
        assert "è scaduto" in text_of(answer.text) and "Valido" not in text_of(answer.text)


def test_the_voucher_page_never_says_valid_beside_a_problem() -> None:
    voucher = {
        "code": "BA20-2YKM-TZ15-Z5",
        "programme": PROGRAMME,
        "comune": "Piazzola sul Brenta",
        "valid_from": "01/12/2026",
        "valid_until": "31/12/2026",
        "amount_cents": 5_000,
        "amount_left_cents": 0,
        "units": None,
        "units_left": None,
    }

    def shown(problem: str | None) -> str:
        return text_of(
            templates.get_template("voucher.html").render(
                t=translator("it"),
                lang="it",
                other_lang="en",
                money=lambda cents: f"{cents / 100:.2f} €",
                merchant=None,
                csrf="0" * 64,
                path="/desk/redeem",
                switch="/desk/voucher",
                voucher={**voucher, "problem": problem},
                receipt="AAAAA-BBBBB",
            )
        )

    assert "Valido: si può accettare" in shown(None) and "Incassa tutto" in shown(None)
    used = shown("redeemed")
    assert "Valido" not in used and "Incassa" not in used
    assert "già stato usato per intero" in used


# 3. Reading a kiosk's log and the applications list leave audit rows -------------------


def rows_of(platform: Platform, username: str) -> list[tuple[str, str, str | None, str]]:
    with platform.sessions() as session:
        rows = session.scalars(
            select(StaffAction).where(StaffAction.username == username).order_by(StaffAction.id)
        )
        return [(row.action, row.target, row.comune, row.detail) for row in rows]


def test_reading_a_kiosks_log_and_the_applications_list_is_in_the_audit_log(
    app: Any, client: TestClient, platform: Platform
) -> None:
    make_staff(client, "sociale.piazzola", ["piazzola"])
    staff = logged_in(app, "sociale.piazzola")
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-1")
    send_application(platform, device_id, nome="Maria", cognome="Bianchi")
    beat = {
        "version": "0.1.0",
        "sent_at": datetime.now(UTC),
        "uptime_s": 10,
        "printer": "ready",
        "print_queue": 0,
        "rejected": 0,
        "free_disk_bytes": 10**9,
    }
    record_heartbeat(platform, device_id, Heartbeat(**beat))
    csrf = csrf_of(staff.get("/desk/fleet").text)
    asked = staff.post(f"/desk/fleet/{device_id}/log-request", data={"csrf": csrf})
    assert asked.status_code == 303
    record_heartbeat(platform, device_id, Heartbeat(**beat, log="sync ok\n"))
    before = rows_of(platform, "sociale.piazzola")

    log = staff.get(f"/desk/fleet/{device_id}/log")
    assert log.status_code == 200 and "sync ok" in log.text
    listed = staff.get("/desk/applications")
    assert "Bianchi Maria" in text_of(listed.text)
    filtered = staff.get("/desk/applications", params={"state": "received", "call": "bs-piazzola"})
    assert filtered.status_code == 200

    added = rows_of(platform, "sociale.piazzola")[len(before) :]
    assert [(action, target, comune) for action, target, comune, _d in added] == [
        ("viewed", "k-1", "piazzola"),
        ("viewed", "applications", "piazzola"),
        ("viewed", "applications", "piazzola"),
    ]
    assert device_id in added[0][3]
    assert "1 righe" in added[1][3]
    assert "call=bs-piazzola" in added[2][3] and "state=received" in added[2][3]


# 4. Text no database stores is refused with 422 ---------------------------------------


def test_a_lone_surrogate_in_an_admin_bodys_lists_is_refused_with_422(
    client: TestClient, platform: Platform
) -> None:
    lone = "x\ud800"  # json.dumps writes it as the escape "\\ud800"
    staff = {"username": "ufficio", "password": PASSWORD, "display_name": "U"}
    shop = {**staff, "username": "negozio", "iban": IBAN}
    bodies = [
        ("/v1/admin/staff", json.dumps({**staff, "comuni": [lone]})),
        *(
            ("/v1/admin/merchants", json.dumps({**shop, key: [lone]}))
            for key in ("programmes", "comuni", "services")
        ),
    ]
    headers = {**ADMIN, "content-type": "application/json"}
    with TestClient(client.app, base_url="https://testserver", raise_server_exceptions=False) as c:
        for url, body in bodies:
            answer = c.post(url, content=body, headers=headers)
            assert answer.status_code == 422, (url, body, answer.text)
            assert "not UTF-8 text" in answer.text, answer.text
    with platform.sessions() as session:
        assert session.scalars(select(MerchantAccount)).all() == []


# 5. A shop's scope names Comuni and services that exist --------------------------------


def test_a_shops_scope_naming_an_unknown_comune_or_service_is_refused(
    client: TestClient, platform: Platform
) -> None:
    body = {
        "username": "alimentari",
        "password": PASSWORD,
        "display_name": "Alimentari Rossi",
        "iban": IBAN,
        "programmes": [PROGRAMME],
    }
    for scope, message in (
        ({"comuni": ["Piazzola"]}, "unknown comune 'Piazzola' in scope.comuni"),
        ({"services": ["non-esiste"]}, "unknown service 'non-esiste' in scope.services"),
    ):
        answer = client.post("/v1/admin/merchants", json={**body, **scope}, headers=ADMIN)
        assert (answer.status_code, answer.json()) == (422, {"detail": message})
        code = client.post(
            "/v1/admin/enrollment-codes",
            json={"role": "merchant", "scope": scope},
            headers=ADMIN,
        )
        assert (code.status_code, code.json()) == (422, {"detail": message})
    with platform.sessions() as session:
        assert session.scalars(select(MerchantAccount)).all() == []
    # Those that exist are a scope as before, and the shop takes the Comune's buoni.
    make_merchant(client, programmes=[PROGRAMME], comuni=["piazzola"])
    shop = browser(client.app)
    assert log_in(shop).status_code == 303
    assert check(shop, issue(platform)).status_code == 200
    scoped = {"role": "merchant", "scope": {"services": ["s01"], "comuni": ["limena"]}}
    code = client.post("/v1/admin/enrollment-codes", json=scoped, headers=ADMIN)
    assert code.status_code == 200, code.text
