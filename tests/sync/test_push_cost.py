# SPDX-License-Identifier: EUPL-1.2
"""A kiosk's push costs the platform a fixed number of database round trips, however
many entries it carries: with 200 kiosks pushing at once, a query per entry (the epoch
read again, each server id written on its own) made every push wait on the others. On
PostgreSQL the entries go in one INSERT of one array per column (a statement of the same
text whatever the batch's length); their ids and server ids are given before it, so no
UPDATE follows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event

from protocol.messages import SubmissionEntry
from tests.sync.conftest import Central


def _events(count: int) -> list[SubmissionEntry]:
    moment = datetime.now(UTC)
    return [
        SubmissionEntry(
            uuid=str(uuid.uuid4()), kind="event", created_at=moment, payload={"n": number}
        )
        for number in range(count)
    ]


def test_a_push_costs_the_same_statements_for_5_or_40_entries(central: Central) -> None:
    platform = central.platform
    device_id, _token = platform.enroll(platform.new_enrollment_code(), "kiosk-push")
    platform.submit(device_id, _events(3))  # the first batch fills the caches
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(platform.engine, "before_cursor_execute", count)
    try:
        costs = []
        for size in (5, 40):
            statements.clear()
            answers = platform.submit(device_id, _events(size))
            assert [a.status for a in answers] == ["accepted"] * size
            assert len({a.server_id for a in answers}) == size
            verbs = [s.lstrip().split(None, 1)[0].upper() for s in statements]
            # Ids and server ids are given before the rows are written: one INSERT for
            # the whole batch and no UPDATE after it.
            assert verbs.count("INSERT") == 1, statements
            assert "UPDATE" not in verbs, statements
            costs.append(len(statements))
    finally:
        event.remove(platform.engine, "before_cursor_execute", count)
    assert costs[0] == costs[1] <= 12, costs


def test_a_batch_stores_every_payload_exactly_as_sent(central: Central) -> None:
    """The rows travel to PostgreSQL as one JSON text: nested values, text that needs
    escaping, and an integer wider than 64 bits come back as they were sent."""
    platform = central.platform
    device_id, _token = platform.enroll(platform.new_enrollment_code(), "kiosk-payloads")
    payloads: list[dict[str, Any]] = [
        {"n": 2**70, "note": 'quote " backslash \\ newline \n é 中'},
        {"nested": {"list": [1, 2.5, None, True, "x"]}, "empty": {}},
    ]
    entries = [
        SubmissionEntry(
            uuid=str(uuid.uuid4()), kind="event", created_at=datetime.now(UTC), payload=payload
        )
        for payload in payloads
    ]
    answers = platform.submit(device_id, entries)
    assert [answer.status for answer in answers] == ["accepted", "accepted"]
    stored = {row.uuid: row.payload for row in platform.submissions()}
    assert [stored[entry.uuid] for entry in entries] == payloads
