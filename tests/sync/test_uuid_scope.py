# SPDX-License-Identifier: EUPL-1.2
"""A client UUID names one record of one device: the same UUID from another device is
another record, and the same UUID with a different payload is a conflict kept apart,
never answered with another record's id. Against the real platform over loopback."""

from __future__ import annotations

from typing import Any

import requests
from sqlalchemy import select

from central.models import SubmissionConflict
from tests.sync.conftest import Central, enrolled_client

UUID = "3f2b8c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b"


def send(central: Central, token: str, *entries: dict[str, Any]) -> list[dict[str, Any]]:
    reply = requests.post(
        central.url + "/v1/submissions",
        json={"entries": list(entries)},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert reply.status_code == 200, reply.text
    return reply.json()["results"]  # type: ignore[no-any-return]


def event(payload: dict[str, Any]) -> dict[str, Any]:
    return {"uuid": UUID, "kind": "event", "created_at": "2026-11-24T10:00:00Z", "payload": payload}


def token(central: Central) -> str:
    return enrolled_client(central)._token or ""


def test_the_same_uuid_from_two_devices_is_two_records(central: Central) -> None:
    [first] = send(central, token(central), event({"from": "kiosk A"}))
    [second] = send(central, token(central), event({"from": "kiosk B"}))
    assert first["status"] == second["status"] == "accepted"
    assert first["server_id"] != second["server_id"]
    stored = central.platform.submissions()
    assert sorted(s.payload["from"] for s in stored) == ["kiosk A", "kiosk B"]  # type: ignore[index]


def test_the_same_uuid_with_another_payload_is_a_conflict_kept_apart(central: Central) -> None:
    device = token(central)
    [first] = send(central, device, event({"n": 1}))
    [again] = send(central, device, event({"n": 1}))
    assert again == first  # a repeat: the same answer
    [other] = send(central, device, event({"n": 2}))
    assert other["status"] == "rejected" and other["code"] == "uuid_conflict"
    assert other.get("server_id") is None
    [in_one_batch_a, in_one_batch_b] = send(central, device, event({"n": 1}), event({"n": 3}))
    assert in_one_batch_a == first and in_one_batch_b["code"] == "uuid_conflict"
    [other_again] = send(central, device, event({"n": 2}))
    assert other_again == other
    with central.platform.sessions() as session:
        kept = sorted(c.payload["n"] for c in session.scalars(select(SubmissionConflict)))  # type: ignore[index]
    assert kept == [2, 3]  # each conflicting record once, for a person to look at
    assert [s.payload for s in central.platform.submissions()] == [{"n": 1}]
