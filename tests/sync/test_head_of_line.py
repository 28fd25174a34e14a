# SPDX-License-Identifier: EUPL-1.2
"""A submission entry the platform cannot process is answered for that entry alone:
the other entries, the later batches and the pulls go on, and the kiosk stays online.
Against the real platform over loopback (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from sqlalchemy import select

from central.platform import submissions as central_submissions
from store import outbox
from store.models import OutboxEntry
from sync.engine import SyncEngine
from sync.worker import SyncWorker
from tests.sync.conftest import Central, enrolled_client
from tests.sync.helpers import application, inject


def states(engine: SyncEngine) -> dict[str, OutboxEntry]:
    with engine.store.read() as session:
        return {row.uuid: row for row in session.scalars(select(OutboxEntry))}


def test_an_application_to_a_call_closing_without_an_offset_blocks_nothing(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()
    call = central.platform.records("calls")["bs-piazzola"]
    inject(central.platform, "calls", "bs-piazzola", {**call, "closes_at": call["closes_at"][:19]})
    with engine.store.write() as session:
        first = outbox.add(session, "application", application(engine))
        events = [outbox.add(session, "event", {"n": n}) for n in range(25)]
    central.platform.publish(
        "operators", {**central.platform.records("operators")["1002"], "name": "Dopo"}
    )
    worker = SyncWorker(engine.store, lambda: engine)
    report = worker.run_pass()
    assert report is not None and report.problems == {}
    rows = states(engine)
    assert rows[first].state == "accepted" and rows[first].server_id.startswith("PROT-")
    assert all(rows[e].state == "accepted" for e in events)
    assert worker.status.online and worker.status.problem is None
    assert report.pulled["operators"] == 1


def test_an_entry_the_platform_fails_on_waits_alone_and_the_rest_goes_on(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = central_submissions.SUBMISSION_CHECKS["event"]

    def failing(*args: Any) -> Any:  # (session, device, entry)
        entry = args[-1]
        if isinstance(entry.payload, dict) and entry.payload.get("boom"):
            raise RuntimeError("a platform bug")
        return check(*args)

    monkeypatch.setitem(central_submissions.SUBMISSION_CHECKS, "event", failing)
    with engine.store.write() as session:
        bad = outbox.add(session, "event", {"boom": True})
        good = [outbox.add(session, "event", {"n": n}) for n in range(35)]  # 4 batches
    worker = SyncWorker(engine.store, lambda: engine)
    report = worker.run_pass()
    assert report is not None and report.problems == {}
    rows = states(engine)
    assert all(rows[u].state == "accepted" for u in good)
    assert rows[bad].state == "sending" and "cannot_process_now" in (rows[bad].last_error or "")
    assert worker.status.online and worker.status.problem is None and worker.status.waiting == 1
    assert set(report.pulled) == {"catalog", "calls", "operators", "statuses", "wallet"}

    monkeypatch.setitem(central_submissions.SUBMISSION_CHECKS, "event", check)  # fixed
    worker.run_pass()
    assert states(engine)[bad].state == "accepted"
    assert [s.uuid for s in central.platform.submissions()].count(bad) == 1


def post(central: Central, token: str, body: Any) -> requests.Response:
    return requests.post(
        central.url + "/v1/submissions",
        json=body,
        timeout=10,
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_malformed_entry_is_refused_by_itself_without_echoing_it(central: Central) -> None:
    client = enrolled_client(central)
    token = client._token
    assert token
    good, bad, secret = str(uuid.uuid4()), str(uuid.uuid4()), "RSSMRA80A01G224K-secret"
    reply = post(
        central,
        token,
        {
            "entries": [
                {
                    "uuid": bad,
                    "kind": "application",
                    "created_at": secret,
                    "payload": {"cf": secret},
                },
                {
                    "uuid": good,
                    "kind": "event",
                    "created_at": datetime.now(UTC).isoformat(),
                    "payload": {},
                },
                {"uuid": "not-a-uuid", "kind": "event", "created_at": secret, "payload": {}},
            ]
        },
    )
    assert reply.status_code == 200, reply.text
    results = {r["uuid"]: r for r in reply.json()["results"]}
    assert set(results) == {good, bad}
    assert results[good]["status"] == "accepted"
    assert results[bad]["status"] == "rejected" and results[bad]["code"] == "invalid_entry"
    assert secret not in reply.text
    whole = post(central, token, {"entries": secret})
    assert whole.status_code == 422 and secret not in whole.text


def test_an_entry_carrying_what_may_be_a_citizen_s_data_is_refused_and_never_repeated(
    central: Central,
) -> None:
    """A codice fiscale where a kind, a payment or a form belongs, a kind with a NUL (which
    PostgreSQL cannot store) and a number JSON does not have: each entry is refused for
    good (never "retry later" for ever), the good one beside them is accepted, and no
    reply says back what was sent."""
    client = enrolled_client(central)
    assert client._token
    cf, now = "RSSMRA80A01G224K", datetime.now(UTC).isoformat()
    purchase = {
        "order": "ORD-1",
        "total_cents": 650,
        "payment": cf,
        "lines": [{"service": "s01", "quantity": 1, "unit_price_cents": 650}],
    }
    spoiled = {
        "kind": {"kind": cf, "payload": {}},
        "kind with NUL": {"kind": "event\x00" + cf.lower(), "payload": {}},
        "payment": {"kind": "purchase", "payload": purchase},
        "not a number": {"kind": "event", "payload": {"type": "x", "value": float("nan")}},
    }
    entries = {str(uuid.uuid4()): entry for entry in spoiled.values()}
    good = str(uuid.uuid4())
    body = [{"uuid": key, "created_at": now, **entry} for key, entry in entries.items()]
    body.append({"uuid": good, "kind": "event", "created_at": now, "payload": {"type": "ok"}})
    for _ in range(2):  # sent again: the same answers, never "retry"
        reply = requests.post(
            central.url + "/v1/submissions",
            data=json.dumps({"entries": body}),  # Python's JSON writes NaN as NaN
            timeout=10,
            headers={
                "Authorization": f"Bearer {client._token}",
                "Content-Type": "application/json",
            },
        )
        assert reply.status_code == 200, reply.text
        results = {r["uuid"]: r for r in reply.json()["results"]}
        assert results[good]["status"] == "accepted"
        for key, name in zip(entries, spoiled, strict=True):
            assert results[key]["status"] == "rejected", (name, results[key])
        assert cf not in reply.text and cf.lower() not in reply.text
    stored = [s for s in central.platform.submissions() if s.uuid in entries]
    assert all(s.payload is None or "value" not in s.payload for s in stored)


def test_a_writer_kept_waiting_is_told_to_try_again_not_that_the_platform_failed(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many kiosks at once, SQLite's one writer can make a batch wait past its busy
    timeout: the batch rolled back whole, so the answer is 503 with Retry-After (a kiosk
    retries it) rather than 500, and the same batch then goes through exactly once."""
    import sqlite3

    from central.platform import database

    if central.platform.engine.dialect.name != "sqlite":
        pytest.skip("only SQLite has a single writer whose wait can run out")
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 200)
    central.platform.engine.dispose()  # new connections take the shorter wait
    token = enrolled_client(central)._token
    assert token
    entry = str(uuid.uuid4())
    body = {
        "entries": [
            {"uuid": entry, "kind": "event", "created_at": "2026-01-05T10:00:00Z", "payload": {}}
        ]
    }
    other = sqlite3.connect(str(central.platform.engine.url.database), isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another writer holds the database
        reply = post(central, token, body)
        assert reply.status_code == 503, reply.text
        assert reply.headers["Retry-After"] == "2" and "locked" not in reply.text
    finally:
        other.execute("ROLLBACK")
        other.close()
    again = post(central, token, body)
    assert again.status_code == 200 and again.json()["results"][0]["status"] == "accepted"
    assert [s.uuid for s in central.platform.submissions()].count(entry) == 1
