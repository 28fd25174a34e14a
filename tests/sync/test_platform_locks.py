# SPDX-License-Identifier: EUPL-1.2
"""Kiosks do not wait for each other's checks (PostgreSQL): a batch takes its device's
lock and the row locks of the credits it debits; the platform-wide lock is taken only
from its first change to its commit, so changes still become visible in cursor order.
On SQLite a writing transaction holds the database's write lock (BEGIN IMMEDIATE)."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from central.platform import submissions as central_platform
from sync.client import PlatformClient, Submission
from sync.engine import SyncEngine
from tests.sync.conftest import Central, enrolled_client, someone_waits_on_a_lock
from tests.sync.helpers import application


def event(payload: dict[str, Any]) -> Submission:
    return Submission(str(uuid.uuid4()), "event", datetime.now(UTC).isoformat(), payload)


def test_a_kiosk_whose_checks_are_slow_holds_back_no_other_kiosk(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    if central.platform.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: BEGIN IMMEDIATE")
    engine.run_once()
    check = central_platform.SUBMISSION_CHECKS["event"]
    checking, release = threading.Event(), threading.Event()

    def slow(*args: Any) -> Any:  # (session, device, entry)
        if isinstance(args[-1].payload, dict) and args[-1].payload.get("slow"):
            checking.set()
            release.wait(30)
        return check(*args)

    monkeypatch.setitem(central_platform.SUBMISSION_CHECKS, "event", slow)
    other: PlatformClient = enrolled_client(central)
    answers: list[Any] = []
    slow_kiosk = threading.Thread(
        target=lambda: answers.extend(other.submit([event({"slow": True})]))
    )
    slow_kiosk.start()
    try:
        assert checking.wait(10)
        # Meanwhile this kiosk's application is stored and its status published.
        [result] = engine.client.submit(
            [
                Submission(
                    str(uuid.uuid4()),
                    "application",
                    datetime.now(UTC).isoformat(),
                    application(engine),
                )
            ]
        )
        assert result.accepted and not answers  # the slow kiosk is still being checked
    finally:
        release.set()
        slow_kiosk.join(30)
        other.close()
    assert [a.accepted for a in answers] == [True]
    assert engine.run_once().problems == {}


def test_two_kiosks_sending_one_tracking_code_at_once_get_one_application_accepted(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two batches that find a status key free at the same moment would both be
    accepted, and the second status would replace the first's (the Comune's decision on
    it lost): the key is locked before it is checked."""
    if central.platform.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: BEGIN IMMEDIATE")
    engine.run_once()
    holder = central_platform.status_holder
    first_checked, release = threading.Event(), threading.Event()

    def slow_holder(session: Any, key: str) -> str | None:
        found = holder(session, key)
        if not first_checked.is_set():  # the first batch: found free, not yet stored
            first_checked.set()
            release.wait(30)
        return found

    monkeypatch.setattr(central_platform, "status_holder", slow_holder)
    payload = application(engine)
    other: PlatformClient = enrolled_client(central)
    answers: list[Any] = []

    def send(client: PlatformClient) -> None:
        entry = Submission(str(uuid.uuid4()), "application", datetime.now(UTC).isoformat(), payload)
        answers.extend(client.submit([entry]))

    first = threading.Thread(target=send, args=(engine.client,))
    first.start()
    second = threading.Thread(target=send, args=(other,))
    try:
        assert first_checked.wait(10)
        second.start()
        deadline = time.monotonic() + 3
        while not someone_waits_on_a_lock(central) and time.monotonic() < deadline:
            time.sleep(0.02)  # the second batch waits for the key, or (unlocked) is done
    finally:
        release.set()
        first.join(30)
        if second.ident is not None:
            second.join(30)
        other.close()
    assert sorted(answer.accepted for answer in answers) == [False, True]
    [refused] = [answer for answer in answers if not answer.accepted]
    assert refused.code == "tracking_code_taken"
