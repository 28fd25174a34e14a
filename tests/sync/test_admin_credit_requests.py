# SPDX-License-Identifier: EUPL-1.2
"""POST /v1/admin/credits sets a balance, so the same request sent again leaves the same
balance, unless the citizen spent some in between: a late retry (a reply lost, an
integrator's queue trying again later) gave that back. Under its request id it is set
once; on SQLite and PostgreSQL, over loopback HTTP, with a purchase a kiosk made."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from central.models import Record
from central.platform.statuses import holder_key_in
from kiosk.core.purchasing import Cart, Checkout, cart_line, place_order
from printing.slip import SlipContext
from sync.engine import SyncEngine
from tests.sync.conftest import ADMIN, KIOSK_SIGNER, Central
from tests.sync.faults import FaultProxy
from tests.sync.wallets import PIN, opened

CF = "FRRNNA41A63E592W"
HEADERS = {"Authorization": f"Bearer {ADMIN}"}
PROGRAMME = "Credito welfare 2026"


def grant(**changes: Any) -> dict[str, Any]:
    body = {
        "cf": CF,
        "programme": PROGRAMME,
        "balance_cents": 10_000,
        "request_id": str(uuid.uuid4()),
    }
    return {**body, **changes}


def set_credit(url: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(f"{url}/v1/admin/credits", json=body, headers=HEADERS, timeout=30)


def credit_of(central: Central) -> dict[str, Any]:
    """The citizen's credit as the platform publishes it."""
    with central.platform.sessions() as session:
        credit = session.get(Record, ("credits", holder_key_in(session, CF)))
        assert credit is not None
        return dict(credit.data)


def spend_two_of_s01(engine: SyncEngine, central: Central) -> None:
    """The citizen buys € 26,00 on credit at the kiosk, and the platform accepts it."""
    wallet = opened(engine.store, central, CF)
    context = SlipContext("Social Point", "Piazzola sul Brenta", "kiosk-test", datetime.now())
    with engine.store.write() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 2))
        checkout = Checkout("credit", wallet, credit_limit_cents=10_000)
        place_order(session, cart, checkout, context, KIOSK_SIGNER, datetime.now(UTC))
    engine.run_once()


def test_a_credit_sent_again_after_the_citizen_spent_gives_nothing_back(
    engine: SyncEngine, central: Central
) -> None:
    proxy = FaultProxy((central.server.host, central.server.port), rates={"drop_after_commit": 1})
    body = grant()
    with pytest.raises(requests.ConnectionError):  # set on the platform; no reply came
        set_credit(proxy.url, body)
    proxy.close()
    central.platform.set_wallet_pin(CF, PIN)
    engine.run_once()
    spend_two_of_s01(engine, central)
    assert credit_of(central)["balance_cents"] == 7_400
    again = set_credit(central.url, body)  # the integrator's retry, later
    assert again.status_code == 200, again.text
    assert credit_of(central)["balance_cents"] == 7_400  # what was spent stays spent


def test_a_credit_request_id_sent_again_for_another_grant_is_refused(central: Central) -> None:
    body = grant()
    assert set_credit(central.url, body).status_code == 200
    for changes in ({"balance_cents": 20_000}, {"programme": "Altro"}, {"comune": "limena"}):
        reused = set_credit(central.url, {**body, **changes})
        assert reused.status_code == 409, reused.text
        assert reused.json()["detail"].startswith("request_id_reused: ")
    assert set_credit(central.url, body).status_code == 200  # the first one still answers
    assert credit_of(central)["balance_cents"] == 10_000


def test_a_credit_without_a_request_id_is_set_as_before(central: Central) -> None:
    body = grant(balance_cents=3_000)
    del body["request_id"]
    assert set_credit(central.url, body).status_code == 200
    assert credit_of(central)["balance_cents"] == 3_000
