# SPDX-License-Identifier: EUPL-1.2
"""How many requests a platform process handles at once: its threads, each with a
database connection of its own from a pool as large. A fleet syncing at once waits its
turn in order; no request waits for a connection (and fails after the pool's timeout)."""

from __future__ import annotations

import socket
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

    def held_submit(device_id: str, entries: list[SubmissionEntry], *sender: Any) -> Any:
        with guard:
            served.append("push")
        if len(served) == 1:
            assert release.wait(30)  # the first one holds the only slot until told
        return submit(device_id, entries, *sender)

    def counted_pull(*args: Any) -> Any:
        with guard:
            served.append("pull")
        return pull(*args)

    monkeypatch.setattr(platform, "submit", held_submit)
    monkeypatch.setattr(platform, "pull", counted_pull)

    def push(token: str) -> int:
        return _push(server.url, token, timeout=30)

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


def _push(url: str, token: str, timeout: float = 10) -> int:
    entry = {
        "uuid": str(uuid.uuid4()),
        "kind": "event",
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {"type": "benchmark"},
    }
    return requests.post(
        f"{url}/v1/submissions",
        json={"entries": [entry]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=timeout,
    ).status_code


def test_clients_that_never_read_their_answers_hold_no_slot(platform_database: str) -> None:
    """Connections that pipeline requests and never read the answers: once their
    buffers are full, the server waits to write to them. That wait holds no slot, so
    kiosks are still answered at once."""
    limits = ServerLimits(threads=2)
    platform = Platform(platform_database, pool_size=2)
    server = EmbeddedServer(create_app(platform, limits=limits), limits=limits).start()
    token = platform.enroll(platform.new_enrollment_code(), "kiosk-0")[1]
    stuck = []
    try:
        for _ in range(4):
            connection = socket.socket()
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            connection.connect((server.host, server.port))
            connection.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n" * 60)
            stuck.append(connection)
        time.sleep(1.5)  # their first answers fill the buffers; later ones wait to be written
        begin = time.monotonic()
        assert _push(server.url, token, timeout=5) == 200
        assert time.monotonic() - begin < 2
    finally:
        for connection in stuck:
            connection.close()
        server.stop()
        platform.engine.dispose()


def test_a_submission_whose_client_went_away_while_it_waited_is_never_worked_on(
    platform_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kiosk that stopped waiting sends its batch again later; the copy it left in the
    queue would take a slot for nobody (and, with many, hold the fleet up)."""
    limits = ServerLimits(threads=1)
    platform = Platform(platform_database, pool_size=1)
    app = create_app(platform, limits=limits)
    server = EmbeddedServer(app, limits=limits).start()
    token = platform.enroll(platform.new_enrollment_code(), "kiosk-0")[1]
    submit, release, calls = platform.submit, threading.Event(), [0]

    def held_submit(device_id: str, entries: list[SubmissionEntry], *sender: Any) -> Any:
        calls[0] += 1
        if calls[0] == 1:
            assert release.wait(30)
        return submit(device_id, entries, *sender)

    monkeypatch.setattr(platform, "submit", held_submit)
    try:
        with ThreadPoolExecutor(1) as pool:
            holder = pool.submit(_push, server.url, token)
            while not calls[0]:
                time.sleep(0.01)
            for _ in range(5):  # each gives up after a moment
                with pytest.raises(requests.Timeout):
                    _push(server.url, token, timeout=0.3)
            deadline = time.monotonic() + 5
            while _admission(app).waiting() and time.monotonic() < deadline:
                time.sleep(0.01)
            assert _admission(app).waiting() == 0  # each left its place as it went
            release.set()
            assert holder.result() == 200
        assert _push(server.url, token) == 200
        assert calls[0] == 2  # the first and the last: none of the five abandoned
        assert _admission(app).running == 0
    finally:
        release.set()
        server.stop()
        platform.engine.dispose()
