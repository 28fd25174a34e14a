# SPDX-License-Identifier: EUPL-1.2
"""POST /v1/admin/vouchers creates money: an integrator whose reply was lost sends the
request again, and the citizen must get one buono, not two. The caller's request id
makes the call safe to repeat, as a merchant's redemption id does for redemptions; on
SQLite and PostgreSQL, over loopback HTTP."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import pytest
import requests
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from central.models import IssuedVoucher, Record
from central.platform import Platform
from tests.sync.conftest import ADMIN, Central, first_call_held, someone_waits_on_a_lock
from tests.sync.faults import FaultProxy

CF = "FRRNNA41A63E592W"
OTHER_CF = "BNCMTT15B19G224I"
HEADERS = {"Authorization": f"Bearer {ADMIN}"}


def decision(programme: str = "Buoni #1", **changes: Any) -> dict[str, Any]:
    """One buono of 25 EUR, as an integrator sends it, under a request id of its own."""
    body = {
        "cf": CF,
        "comune": "piazzola",
        "programme": programme,
        "amount_cents": 2_500,
        "valid_days": 60,
        "request_id": str(uuid.uuid4()),
    }
    return {**body, **changes}


def issue(url: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(f"{url}/v1/admin/vouchers", json=body, headers=HEADERS, timeout=30)


def buoni_of(platform: Platform, programme: str) -> tuple[int, int]:
    """(vouchers the ledger holds, vouchers published) of ``programme``."""
    with platform.sessions() as session:
        issued = session.scalar(select(func.count()).where(IssuedVoucher.programme == programme))
        published = [
            row
            for row in session.scalars(select(Record).where(Record.kind == "vouchers"))
            if row.data.get("programme") == programme
        ]
        return int(issued or 0), len(published)


def test_a_buono_whose_reply_was_lost_is_issued_once_when_sent_again(
    central: Central,
) -> None:
    proxy = FaultProxy((central.server.host, central.server.port), rates={"drop_after_commit": 1})
    body = decision()
    with pytest.raises(requests.ConnectionError):  # the platform issued it; no reply came
        issue(proxy.url, body)
    proxy.close()
    assert buoni_of(central.platform, "Buoni #1") == (1, 1)
    again = issue(central.url, body)
    assert again.status_code == 200, again.text
    with central.platform.sessions() as session:
        stored = session.scalar(select(IssuedVoucher).where(IssuedVoucher.programme == "Buoni #1"))
        assert stored is not None
        assert again.json() == {"id": stored.id, "code": stored.code}  # the one first issued
    assert issue(central.url, body).json() == again.json()  # and every time after
    assert buoni_of(central.platform, "Buoni #1") == (1, 1)


def test_the_same_request_sent_twice_at_once_issues_one_buono(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first request holds its transaction open once it has issued the buono; the
    same request arrives meanwhile, waits for its turn, and finds the first's."""
    wallet = central.platform.wallet
    issued, release = threading.Event(), threading.Event()
    monkeypatch.setattr(
        wallet, "issue_voucher_in", first_call_held(wallet.issue_voucher_in, issued, release)
    )
    body = decision()
    answers: list[requests.Response] = []
    first = threading.Thread(target=lambda: answers.append(issue(central.url, body)))
    second = threading.Thread(target=lambda: answers.append(issue(central.url, body)))
    first.start()
    assert issued.wait(30)
    second.start()
    deadline = time.monotonic() + 5  # PostgreSQL: until the second waits for the lock
    while "postgresql" in central.platform.engine.url.drivername and time.monotonic() < deadline:
        if someone_waits_on_a_lock(central):
            break
        time.sleep(0.05)
    time.sleep(0.3)
    release.set()
    first.join(30)
    second.join(30)
    assert [answer.status_code for answer in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
    assert buoni_of(central.platform, "Buoni #1") == (1, 1)


@pytest.mark.parametrize(
    "changes",
    [
        {"amount_cents": 5_000},
        {"cf": OTHER_CF},
        {"comune": "limena"},
        {"programme": "Buoni #2"},
        {"valid_days": 30},
    ],
)
def test_a_request_id_sent_again_for_another_buono_is_refused(
    central: Central, changes: dict[str, Any]
) -> None:
    body = decision()
    first = issue(central.url, body)
    assert first.status_code == 200, first.text
    reused = issue(central.url, {**body, **changes})
    assert reused.status_code == 409, reused.text
    assert reused.json()["detail"].startswith("request_id_reused: ")
    with central.platform.sessions() as session:
        assert session.scalar(select(func.count()).select_from(IssuedVoucher)) == 1
    assert issue(central.url, body).json() == first.json()  # the first still answers


def test_a_buono_asked_for_without_a_request_id_is_refused_and_not_issued(
    central: Central,
) -> None:
    """Without an id, a request sent again after a lost reply would issue a second
    buono that nobody could tell from the first: the id is required."""
    body = decision()
    del body["request_id"]
    refused = issue(central.url, body)
    assert refused.status_code == 422
    assert "request_id" in refused.text
    assert buoni_of(central.platform, "Buoni #1") == (0, 0)


def test_a_platform_made_before_request_ids_gains_them_at_start(
    central: Central, platform_database: str
) -> None:
    """``create_all`` makes missing tables only: a database of an earlier version gets
    the column and its unique index when the platform starts, and retries are safe."""
    with central.platform.engine.begin() as connection:  # as an earlier version made it
        connection.execute(text("DROP INDEX ix_issued_vouchers_request_id"))
        connection.execute(text("ALTER TABLE issued_vouchers DROP COLUMN request_id"))
        connection.execute(text("ALTER TABLE issued_vouchers DROP COLUMN request_sha256"))
    restarted = Platform(platform_database)
    try:
        body = decision()
        terms = (body["cf"], "piazzola", "Buoni #1", 2_500, 60, body["request_id"])
        first = restarted.issue_voucher(*terms)
        assert restarted.issue_voucher(*terms) == {"id": first["id"], "code": first["code"]}
        assert buoni_of(restarted, "Buoni #1") == (1, 1)
        with restarted.engine.connect() as connection:  # unique, whoever writes the row
            stored = {"id": "0" * 16, "code": "X", "request_id": body["request_id"]}
            with pytest.raises(IntegrityError):
                connection.execute(
                    text(
                        "INSERT INTO issued_vouchers (id, code, kid, device_id, programme,"
                        " valid_from, valid_until, issued_at, request_id) VALUES (:id, :code,"
                        " 'k', 'platform', 'p', '2026-01-01', '2026-01-02', '2026-01-01',"
                        " :request_id)"
                    ),
                    stored,
                )
    finally:
        restarted.engine.dispose()
