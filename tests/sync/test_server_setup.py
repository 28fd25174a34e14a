# SPDX-License-Identifier: EUPL-1.2
"""How many requests a platform process handles at once: its threads, each with a
database connection of its own from a pool as large. A fleet syncing at once waits its
turn in order; no request waits for a connection (and fails after the pool's timeout)."""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from central.admission import PriorityAdmission
from central.app import create_app
from central.limits import ServerLimits, threads_from_environment
from central.platform import Platform, database
from central.server import EmbeddedServer
from protocol.messages import SubmissionEntry


def test_a_process_handles_its_threads_at_once_and_answers_every_other_in_turn(
    platform_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads, kiosks = 2, 6
    platform = Platform(platform_database, pool_size=threads)
    limits = ServerLimits(threads=threads)
    server = EmbeddedServer(create_app(platform, limits=limits), limits=limits).start()
    tokens = [
        platform.enroll(platform.new_enrollment_code(), f"kiosk-{n}")[1] for n in range(kiosks)
    ]
    submit, busy, most = platform.submit, [0], [0]
    guard = threading.Lock()

    def counted(*args: Any) -> Any:
        with guard:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        try:
            time.sleep(0.15)  # long enough for the other requests to arrive meanwhile
            return submit(*args)
        finally:
            with guard:
                busy[0] -= 1

    monkeypatch.setattr(platform, "submit", counted)

    def push(token: str) -> int:
        entry: dict[str, Any] = {
            "uuid": str(uuid.uuid4()),
            "kind": "event",
            "created_at": datetime.now(UTC).isoformat(),
            "payload": {"type": "benchmark"},
        }
        reply = requests.post(
            f"{server.url}/v1/submissions",
            json={"entries": [entry]},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        return reply.status_code

    try:
        with ThreadPoolExecutor(kiosks) as pool:
            answers = list(pool.map(push, tokens))
    finally:
        server.stop()
        platform.engine.dispose()
    assert answers == [200] * kiosks
    assert most[0] == threads  # never more at once (anyio's default would run all six)
    assert platform.engine.pool.size() == threads  # type: ignore[attr-defined]


def test_the_threads_of_worker_processes_come_from_the_environment() -> None:
    assert threads_from_environment({}) == ServerLimits().threads
    assert threads_from_environment({"SOCIAL_POINT_THREADS": "8"}) == 8
    for wrong in ("0", "-3", "many", "201"):
        with pytest.raises(ValueError, match="SOCIAL_POINT_THREADS"):
            threads_from_environment({"SOCIAL_POINT_THREADS": wrong})


def test_a_processs_sqlite_writers_take_turns_without_running_out_of_patience(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's busy handler polls with growing sleeps: many threads of one process
    polling for its one write lock waited past their timeout. They now queue in the
    process first; only the time the others write counts, never a missed release."""
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 100)
    platform = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    device_id, _token = platform.enroll(platform.new_enrollment_code(), "kiosk-busy")
    slow_follow_up = platform.intake.accepted["event"]

    def slowly(*args: Any) -> None:  # a writer holding the lock for a while
        time.sleep(0.03)
        slow_follow_up(*args)

    monkeypatch.setitem(platform.intake.accepted, "event", slowly)

    def push(number: int) -> str:
        entry = SubmissionEntry(
            uuid=str(uuid.uuid4()),
            kind="event",
            created_at=datetime.now(UTC),
            payload={"n": number},
        )
        [answer] = platform.submit(device_id, [entry])
        return answer.status

    try:
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(push, range(16)))  # 16 x 30 ms: far past 100 ms
    finally:
        platform.engine.dispose()
    assert statuses == ["accepted"] * 16


def test_a_busy_process_serves_a_citizen_s_submission_before_the_fleet_s_pulls(
    platform_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One request at a time: while a submission holds it, three kiosks ask for changes
    and then a fourth sends a submission. The submission, which a citizen's slip may
    wait for, is served before the pulls that came first."""
    limits = ServerLimits(threads=1)
    platform = Platform(platform_database, pool_size=1)
    app = create_app(platform, limits=limits)
    server = EmbeddedServer(app, limits=limits).start()
    tokens = [platform.enroll(platform.new_enrollment_code(), f"kiosk-{n}")[1] for n in range(5)]
    submit, pull = platform.submit, platform.pull
    release, served = threading.Event(), []
    guard = threading.Lock()

    def held_submit(device_id: str, entries: list[SubmissionEntry]) -> Any:
        with guard:
            served.append("push")
        if len(served) == 1:
            assert release.wait(30)  # the first one holds the only slot until told
        return submit(device_id, entries)

    def counted_pull(*args: Any) -> Any:
        with guard:
            served.append("pull")
        return pull(*args)

    monkeypatch.setattr(platform, "submit", held_submit)
    monkeypatch.setattr(platform, "pull", counted_pull)

    def push(token: str) -> int:
        entry = {
            "uuid": str(uuid.uuid4()),
            "kind": "event",
            "created_at": datetime.now(UTC).isoformat(),
            "payload": {"type": "benchmark"},
        }
        return requests.post(
            f"{server.url}/v1/submissions",
            json={"entries": [entry]},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).status_code

    def changes(token: str) -> int:
        return requests.get(
            f"{server.url}/v1/changes/catalog",
            params={"since": "0", "limit": "10"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).status_code

    def waiting(count: int) -> None:  # until the server has read that many requests
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if _admission(app).waiting() >= count:
                return
            time.sleep(0.01)
        raise AssertionError(f"{count} requests never waited")

    try:
        with ThreadPoolExecutor(5) as pool:
            first = pool.submit(push, tokens[0])
            while not served:
                time.sleep(0.01)
            pulls = [pool.submit(changes, token) for token in tokens[1:4]]
            waiting(3)
            last = pool.submit(push, tokens[4])
            waiting(4)
            release.set()
            answers = [first.result(), *(p.result() for p in pulls), last.result()]
    finally:
        release.set()
        server.stop()
        platform.engine.dispose()
    assert answers == [200] * 5
    assert served == ["push", "push", "pull", "pull", "pull"]


def _admission(app: Any) -> PriorityAdmission:
    """The app's admission layer (its middleware stack is built at the first request)."""
    layer = app.middleware_stack
    while not isinstance(layer, PriorityAdmission):
        layer = layer.app
    return layer
