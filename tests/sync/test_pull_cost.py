# SPDX-License-Identifier: EUPL-1.2
"""Most of a fleet's requests are pulls that find nothing new. Each one costs the
platform one statement: the caller's device, the epoch and the newest change read
together; while the newest change is the same, the change table is not read again.
Nothing of this is kept across the platform's processes: a change published, a device
revoked or a token rotated by another process holds for the very next request."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import requests
from sqlalchemy import Engine, event, inspect, text

from benchmarks.catalog import generated_services
from central.platform import Platform
from tests.sync.conftest import Central


@contextmanager
def statements_of(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _kiosk(central: Central, comune: str | None = "piazzola") -> tuple[str, requests.Session]:
    platform = central.platform
    device_id, token = platform.enroll(platform.new_enrollment_code("kiosk", comune), "kiosk-p")
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    return device_id, http


def _pull(central: Central, http: requests.Session, stream: str, since: str) -> dict[str, Any]:
    reply = http.get(f"{central.url}/v1/changes/{stream}", params={"since": since}, timeout=10)
    assert reply.status_code == 200, reply.text
    page: dict[str, Any] = reply.json()
    return page


def _up_to_date(central: Central, http: requests.Session, stream: str) -> str:
    cursor = "0"
    while True:
        page = _pull(central, http, stream, cursor)
        cursor = str(page["next_cursor"])
        if not page["has_more"]:
            return cursor


def test_a_pull_that_finds_nothing_new_costs_one_statement(central: Central) -> None:
    _device, http = _kiosk(central)
    for stream in ("catalog", "calls", "operators", "statuses", "wallet"):
        cursor = _up_to_date(central, http, stream)
        first = _pull(central, http, stream, cursor)  # notes that nothing follows
        with statements_of(central.platform.engine) as seen:
            again = _pull(central, http, stream, cursor)
        assert again == first and again["items"] == [] and again["next_cursor"] == cursor
        reads = [s for s in seen if s.split(None, 1)[0].upper() != "BEGIN"]  # SQLite's
        assert len(reads) == 1, seen  # device, epoch and head together
        assert "devices" in reads[0] and "max(changes.seq)" in reads[0].lower()
    http.close()


def test_a_change_published_by_another_process_reaches_the_next_pull(
    central: Central, platform_database: str
) -> None:
    _device, http = _kiosk(central)
    cursor = _up_to_date(central, http, "catalog")
    assert _pull(central, http, "catalog", cursor)["items"] == []
    other = Platform(platform_database)  # another platform process on the same database
    try:
        changed = {**generated_services(1, seed=77)[0], "price_cents": 1234}
        other.publish("services", changed)
        page = _pull(central, http, "catalog", cursor)
        assert [item["id"] for item in page["items"]] == [changed["id"]]
        assert int(page["head"]) == int(page["next_cursor"]) > int(cursor)
        # Another stream's nothing new moves its head with the platform's.
        calls = _up_to_date(central, http, "calls")
        assert _pull(central, http, "calls", calls)["head"] == page["head"]
    finally:
        other.engine.dispose()
        http.close()


def _push(central: Central, http: requests.Session) -> requests.Response:
    entry: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "kind": "event",
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {"type": "test"},
    }
    return http.post(f"{central.url}/v1/submissions", json={"entries": [entry]}, timeout=10)


def test_a_device_revoked_by_another_process_is_refused_on_its_very_next_request(
    central: Central, platform_database: str
) -> None:
    device_id, http = _kiosk(central)
    cursor = _up_to_date(central, http, "calls")
    for _ in range(3):  # the quiet pull, answered without reading the changes
        _pull(central, http, "calls", cursor)
    assert _push(central, http).status_code == 200
    other = Platform(platform_database)
    try:
        assert other.revoke_device(device_id, "rubato")
    finally:
        other.engine.dispose()
    refused = http.get(f"{central.url}/v1/changes/calls", params={"since": cursor}, timeout=10)
    assert refused.status_code == 403 and "rubato" in refused.json()["detail"]
    pushed = _push(central, http)
    assert pushed.status_code == 403 and "device_revoked" in pushed.json()["detail"]
    http.close()


def test_a_rotated_token_retires_the_old_one_in_every_process(
    central: Central, platform_database: str
) -> None:
    _device, http = _kiosk(central)
    cursor = _up_to_date(central, http, "calls")
    old = http.headers["Authorization"]
    reply = http.post(f"{central.url}/v1/device/token", timeout=10)
    assert reply.status_code == 200
    new = f"Bearer {reply.json()['token']}"
    _pull(central, http, "calls", cursor)  # the old token still works until the new is used
    http.headers["Authorization"] = new
    _pull(central, http, "calls", cursor)  # the new one, first used: the old one retires
    http.headers["Authorization"] = old
    refused = http.get(f"{central.url}/v1/changes/calls", params={"since": cursor}, timeout=10)
    assert refused.status_code == 401
    other = Platform(platform_database)
    try:
        assert other.device_for(old.removeprefix("Bearer ")) is None
        assert other.device_for(new.removeprefix("Bearer ")) is not None
    finally:
        other.engine.dispose()
    http.close()


def test_a_pull_without_a_known_token_reads_no_page(central: Central) -> None:
    with statements_of(central.platform.engine) as seen:
        nobody = requests.get(f"{central.url}/v1/changes/catalog", timeout=10)
        wrong = requests.get(
            f"{central.url}/v1/changes/catalog",
            headers={"Authorization": "Bearer not-a-token"},
            timeout=10,
        )
    assert nobody.status_code == wrong.status_code == 401
    assert all("FROM changes" not in statement or "devices" in statement for statement in seen)


def test_a_database_made_before_the_token_index_gets_it_at_start(platform_database: str) -> None:
    first = Platform(platform_database)
    with first.engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_devices_previous_token_hash"))
    first.engine.dispose()
    again = Platform(platform_database)
    try:
        indexes = {index["name"] for index in inspect(again.engine).get_indexes("devices")}
        assert "ix_devices_previous_token_hash" in indexes
    finally:
        again.engine.dispose()


def test_a_pulls_query_is_checked_after_its_caller_and_never_echoed(central: Central) -> None:
    _device, http = _kiosk(central)
    url = f"{central.url}/v1/changes/calls"
    for since, limit, wrong in (
        ("abc", "10", "since"),
        ("1" * 19, "10", "since"),
        ("-1", "10", "since"),
        ("0", "0", "limit"),
        ("0", "1001", "limit"),
        ("0", "9" * 5000, "limit"),
        ("0", "١٢", "limit"),  # digits, but not ASCII ones
    ):
        reply = http.get(url, params={"since": since, "limit": limit}, timeout=10)
        assert reply.status_code == 422, (since, limit, reply.text)
        assert [problem["loc"] for problem in reply.json()["detail"]] == [["query", wrong]]
        given = since if wrong == "since" else limit
        assert len(given) < 3 or given not in reply.text  # what was sent is not repeated
    nobody = requests.get(url, params={"since": "abc"}, timeout=10)
    assert nobody.status_code == 401  # who asks is checked first, as for every call
    made_up = "no-such-stream-" + "x" * 200
    unknown = http.get(f"{central.url}/v1/changes/{made_up}", timeout=10)
    assert unknown.status_code == 404 and made_up not in unknown.text
    fine = http.get(url, params={"since": "0", "limit": "1000"}, timeout=10)
    assert fine.status_code == 200 and fine.json()["stream"] == "calls"
    document = requests.get(f"{central.url}/openapi.json", timeout=10).json()
    parameters = document["paths"]["/v1/changes/{stream}"]["get"]["parameters"]
    assert {"stream", "since", "limit"} <= {parameter["name"] for parameter in parameters}
    http.close()
