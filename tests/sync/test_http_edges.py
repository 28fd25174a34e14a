# SPDX-License-Identifier: EUPL-1.2
"""The edges of HTTP, from both sides: the kiosk never follows a redirect and gives every
request an overall deadline; the platform bounds bodies before parsing and
authentication, and closes connections whose requests do not arrive."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests
from fastapi import FastAPI, Request

from central.app import create_app
from central.limits import ServerLimits
from central.server import EmbeddedServer
from store import outbox
from store.database import Store
from store.models import OutboxEntry
from sync.client import (
    MAX_RETRY_AFTER_S,
    PlatformClient,
    Submission,
    UnreachableError,
    retry_after_s,
)
from sync.engine import SyncEngine
from sync.worker import SyncWorker
from tests.sync.conftest import Central, enrolled_client


class Recorder(ThreadingHTTPServer):
    """Answers every request with ``status`` and ``headers``; keeps what it was sent."""

    def __init__(self, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.received: list[bytes] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                recorder.received.append(self.rfile.read(length))
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            do_GET = do_POST = _answer  # noqa: N815 (http.server's names)

            def log_message(self, *args: Any) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def elsewhere() -> Iterator[Recorder]:
    server = Recorder()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_never_followed_and_the_record_stays(
    elsewhere: Recorder, store: Store, status: int
) -> None:
    redirecting = Recorder(status, {"Location": elsewhere.url + "/v1/submissions"})
    try:
        with store.write() as session:
            entry = outbox.add(session, "application", {"answers": {"cf": "RSSMRA80A01G224K"}})
        engine = SyncEngine(store, PlatformClient(redirecting.url, token="t"))
        worker = SyncWorker(store, lambda: engine)
        worker.run_pass()
        assert worker.status.problem == "refused" and "redirect" in worker.status.detail
        assert elsewhere.received == []  # the citizen's data went nowhere else
        assert len(redirecting.received) >= 1
        with store.read() as session:
            assert session.get(OutboxEntry, 1).uuid == entry  # type: ignore[union-attr]
    finally:
        redirecting.shutdown()
        redirecting.server_close()


class Trickle:
    """A server that sends its answer one byte at a time, each just inside the read
    timeout: only an overall deadline ends the request."""

    def __init__(self, every_s: float, headers_at_once: bool) -> None:
        self.headers_at_once = headers_at_once
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.every_s = every_s
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._drip, args=(connection,), daemon=True).start()

    def _drip(self, connection: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
        reply = head + b" " * 100_000
        with connection:
            if self.headers_at_once:
                connection.sendall(head)
                reply = reply[len(head) :]
            for byte in reply:
                if self.stop.wait(self.every_s):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


@pytest.mark.parametrize("slow_part", ["headers", "body"])
def test_every_request_has_an_overall_deadline(slow_part: str) -> None:
    trickle = Trickle(every_s=0.2, headers_at_once=slow_part == "body")
    client = PlatformClient(trickle.url, token="t", read_timeout=1.0, total_timeout=1.5)
    started = time.monotonic()
    try:
        with pytest.raises(UnreachableError, match=r"no complete answer within 1\.5 s"):
            client.submit(
                [
                    Submission(
                        "0" * 8 + "-0000-4000-8000-" + "0" * 12, "event", "2026-01-01T00:00:00Z", {}
                    )
                ]
            )
        assert time.monotonic() - started < 1.5 + 1.0  # the deadline, and one read at most
    finally:
        trickle.close()
        client.close()


def test_a_body_over_the_limit_is_refused_before_parsing_and_authentication(
    central: Central,
) -> None:
    big = b'{"entries": [' + b'{"uuid": "x"},' * 200_000 + b"]}"  # 2.8 MB
    started = time.monotonic()
    reply = requests.post(
        central.url + "/v1/submissions",
        data=big,
        timeout=30,
        headers={"Content-Type": "application/json"},
    )
    assert reply.status_code == 413 and "larger than 1000000 bytes" in reply.json()["detail"]
    assert time.monotonic() - started < 5

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(30):
            yield b" " * 100_000

    client = enrolled_client(central)
    reply = requests.post(
        central.url + "/v1/submissions",
        data=chunks(),
        timeout=30,
        headers={"Authorization": f"Bearer {client._token}"},
    )
    assert reply.status_code == 413
    assert requests.get(central.url + "/v1/health", timeout=5).status_code == 200


def test_the_body_limit_is_configurable(platform_database: str) -> None:
    from central.platform import Platform

    platform = Platform(platform_database)
    limits = ServerLimits(max_body_bytes=2_000)
    server = EmbeddedServer(create_app(platform, limits=limits), limits=limits).start()
    try:
        reply = requests.post(server.url + "/v1/enroll", data=b"{" + b" " * 3_000 + b"}", timeout=5)
        assert reply.status_code == 413
        small = requests.post(
            server.url + "/v1/enroll", json={"code": "0000-0000-0000", "kiosk_id": "k"}, timeout=5
        )
        assert small.status_code == 403  # read, parsed, and refused for what it says
    finally:
        server.stop()
        platform.engine.dispose()


def test_a_batch_longer_than_the_limit_is_refused(central: Central) -> None:
    client = enrolled_client(central)
    entries = [
        {
            "uuid": f"00000000-0000-4000-8000-{n:012d}",
            "kind": "event",
            "created_at": "2026-01-01T00:00:00Z",
            "payload": {},
        }
        for n in range(501)
    ]
    reply = requests.post(
        central.url + "/v1/submissions",
        json={"entries": entries},
        timeout=30,
        headers={"Authorization": f"Bearer {client._token}"},
    )
    assert reply.status_code == 422
    assert central.platform.submissions() == []


def test_half_sent_requests_are_closed_and_connections_are_bounded(
    platform_database: str,
) -> None:
    from central.platform import Platform

    platform = Platform(platform_database)
    limits = ServerLimits(request_timeout_s=0.5, max_connections=20)
    server = EmbeddedServer(create_app(platform, limits=limits), limits=limits).start()
    half_sent = []
    try:
        for _ in range(40):
            sock = socket.create_connection((server.host, server.port), timeout=5)
            sock.sendall(b"POST /v1/submissions HTTP/1.1\r\nHost: x\r\n")  # never finished
            half_sent.append(sock)
        for sock in half_sent:  # each is closed by the platform (a TimeoutError if kept)
            with contextlib.suppress(ConnectionResetError):
                assert sock.recv(1024) == b""
        assert requests.get(server.url + "/v1/health", timeout=5).status_code == 200
    finally:
        for sock in half_sent:
            sock.close()
        server.stop()
        platform.engine.dispose()


def test_answers_leave_at_once_not_after_the_clients_delayed_ack() -> None:
    """An answer's head and body are two writes; a listening socket made the way
    ``--workers`` and the embedded server make it left Nagle's algorithm on, so every
    body waited for the client's delayed ACK (40 ms on Linux) on a kept-alive
    connection: 44 ms for a health check that costs 1 ms."""
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict[str, bool]:
        return {"pong": True}

    server = EmbeddedServer(app).start()
    try:
        with socket.create_connection((server.host, server.port), timeout=5) as sock:
            times = []
            for _ in range(10):
                begin = time.perf_counter()
                sock.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")
                received = b""
                while not received.endswith(b'{"pong":true}'):
                    received += sock.recv(4096)
                times.append(time.perf_counter() - begin)
            served = [
                connection.transport.get_extra_info("socket")
                for connection in server._server.server_state.connections
            ]
            assert served, "the connection is kept alive"
            for connection in served:
                assert connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
            # Not one of ten in a row waited for the delayed ACK.
            assert min(times) < 0.035, times
    finally:
        server.stop()


def test_a_kept_alive_connection_outlasts_the_header_deadline_while_idle(
    platform_database: str,
) -> None:
    """The header deadline is for a request begun and never finished; an idle
    connection is the keep-alive's to close. A kiosk that took longer than the header
    deadline to read a page and ask for the next (a busy platform, a slow line) found
    its connection closed as its request arrived, and got no answer."""
    from central.platform import Platform

    platform = Platform(platform_database)
    limits = ServerLimits(request_timeout_s=0.3, keep_alive_s=5)
    server = EmbeddedServer(create_app(platform, limits=limits), limits=limits).start()
    try:
        with socket.create_connection((server.host, server.port), timeout=5) as sock:
            for idle in (0.9, 0.0):  # the first: three times the header deadline
                sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
                received = b""
                while not received.endswith(b'{"status":"ok"}'):
                    chunk = sock.recv(4096)
                    assert chunk, "the platform closed a connection kept alive"
                    received += chunk
                time.sleep(idle)
    finally:
        server.stop()
        platform.engine.dispose()


def _answered(sock: socket.socket) -> bool:
    """The platform has answered (or closed): the client stops sending, as a real one
    does, so that its unread data does not make the platform reset the connection and
    take the answer away."""
    return bool(select.select([sock], [], [], 0)[0])


def _endless_value(sock: socket.socket) -> tuple[int, float]:
    """Sends one header (or trailer) value a KiB at a time until the platform answers,
    4 MiB went or 20 s passed: the bytes sent and the seconds taken."""
    sent, begin = 0, time.monotonic()
    while not _answered(sock) and sent < 4 * 1024 * 1024 and time.monotonic() - begin < 20:
        sock.sendall(b"a" * 1024)
        sent += 1024
        time.sleep(0.001)
    return sent, time.monotonic() - begin


def _answer_to(sock: socket.socket) -> bytes:
    """Everything the platform sends until it closes the connection."""
    received = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(65536):
            received += chunk
    return received


@contextlib.contextmanager
def _connected(limits: ServerLimits) -> Iterator[socket.socket]:
    """A connection to a server with these limits that answers ``/v1/health``."""
    app = FastAPI()

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    server = EmbeddedServer(app, limits=limits).start()
    try:
        with socket.create_connection((server.host, server.port), timeout=10) as sock:
            yield sock
    finally:
        server.stop()


@pytest.mark.parametrize("pieces", [1, 40])
def test_request_headers_over_the_limit_are_refused_431(pieces: int) -> None:
    """Sent at once or a piece at a time, headers past ``max_header_bytes`` are
    answered 431 and the connection is closed; the request never reaches the app."""
    limits = ServerLimits(max_header_bytes=4096, request_timeout_s=30)
    head = b"GET /v1/health HTTP/1.1\r\nHost: x\r\n" + b"".join(
        b"X-Filler-%d: %s\r\n" % (number, b"a" * 200) for number in range(40)
    )
    with _connected(limits) as sock:
        size = -(-len(head) // pieces)
        for start in [*range(0, len(head), size), len(head)]:
            if _answered(sock):
                break
            sock.sendall(head[start : start + size] or b"\r\n")
            time.sleep(0.01)
        answer = _answer_to(sock)
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert b"ok" not in answer


def test_an_endless_header_is_cut_off_long_before_the_request_deadline() -> None:
    """One header value that never ends: the parser would keep it all in memory until
    the header deadline; the connection is closed once the head passes the limit (give
    or take one read), while the client is still sending."""
    limits = ServerLimits(max_header_bytes=4096, request_timeout_s=60)
    with _connected(limits) as sock:
        sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Endless: ")
        sent, seconds = _endless_value(sock)
        answer = _answer_to(sock)
    assert sent < 1024 * 1024, f"{sent} bytes of one header were taken in"
    assert seconds < 20
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]


def test_headers_under_the_limit_are_served_however_they_are_split() -> None:
    """No false refusal: a head just under the limit, sent a few bytes at a time, on a
    kept-alive connection whose previous answer is already out."""
    limits = ServerLimits(max_header_bytes=4096, request_timeout_s=30)
    head = b"GET /v1/health HTTP/1.1\r\nHost: x\r\n" + b"".join(
        b"X-Filler-%d: %s\r\n" % (number, b"a" * 190) for number in range(19)
    )
    assert 3800 < len(head) + 2 < 4096
    with _connected(limits) as sock:
        for _ in range(2):
            for start in range(0, len(head), 64):
                sock.sendall(head[start : start + 64])
                time.sleep(0.002)
            sock.sendall(b"\r\n")
            received = b""
            while not received.endswith(b'{"status":"ok"}'):
                chunk = sock.recv(4096)
                assert chunk, received
                received += chunk
            assert received.startswith(b"HTTP/1.1 200 ")


@contextlib.contextmanager
def _echoing(limits: ServerLimits) -> Iterator[socket.socket]:
    """A connection to a server with these limits whose ``/v1/echo`` reads the body."""
    app = FastAPI()

    @app.post("/v1/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"n": len(await request.body())}

    server = EmbeddedServer(app, limits=limits).start()
    try:
        with socket.create_connection((server.host, server.port), timeout=10) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            yield sock
    finally:
        server.stop()


def test_an_endless_trailer_after_a_chunked_body_is_cut_off() -> None:
    """The trailer of a chunked body goes through the header parser too, after the
    head: one that never ends is cut off as a head is, not taken in for ever."""
    limits = ServerLimits(max_header_bytes=4096, request_timeout_s=60)
    with _echoing(limits) as sock:
        sock.sendall(
            b"POST /v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"3\r\nabc\r\n0\r\nX-Trailer: "
        )
        sent, _seconds = _endless_value(sock)
        answer = _answer_to(sock)
    assert sent < 1024 * 1024, f"{sent} bytes of one trailer were taken in"
    assert b" 200 " not in answer


def test_a_pipelined_request_after_a_large_body_is_served() -> None:
    """One read that ends a request with a body larger than the header limit and
    begins the next: the next one's head is not charged with the first one's body."""
    with _echoing(ServerLimits(max_header_bytes=16 * 1024)) as sock:
        body = b"x" * 20_000
        first = b"POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body)
        second = b"POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab"
        sock.sendall(first[:20])  # the first head begins
        time.sleep(0.3)
        sock.sendall(first[20:] + body + second[:30])  # it ends; the second begins
        time.sleep(0.3)
        sock.sendall(second[30:])
        received = b""
        while received.count(b'{"n":') < 2:
            chunk = sock.recv(65536)
            assert chunk, received
            received += chunk
    assert received.count(b"HTTP/1.1 200 ") == 2
    assert b'{"n":20000}' in received and b'{"n":2}' in received


@pytest.mark.parametrize(
    ("asked", "waits"),
    [
        ("40", 40.0),  # seconds
        ("99999", 300.0),  # more than the kiosk's backoff cap: the cap
        ("soon", 0.0),  # nothing a kiosk can read: its own backoff only
        ("\u00b2", 0.0),  # a digit that is not ASCII
        (None, 0.0),
    ],
)
def test_a_busy_platform_s_retry_after_is_waited_within_the_backoff_cap(
    store: Store, asked: str | None, waits: float
) -> None:
    """A 503 or 429 with Retry-After: the next pass is no sooner than it asks (the
    backoff's jitter may otherwise pick any moment from 0), never later than the cap."""
    busy = Recorder(503, {"Retry-After": asked} if asked is not None else {})
    try:
        with store.write() as session:
            outbox.add(session, "event", {"type": "visit_ended"})
        engine = SyncEngine(store, PlatformClient(busy.url, token="t"))
        worker = SyncWorker(store, lambda: engine, backoff_cap=300.0, rng=lambda: 0.0)
        worker.run_pass()
        assert worker.status.problem == "platform_busy"
        assert worker.next_delay() == pytest.approx(waits)
    finally:
        busy.shutdown()
        busy.server_close()


def test_retry_after_as_an_http_date_counts_from_now() -> None:
    now = datetime(2026, 12, 4, 21, 0, 0, tzinfo=UTC)
    assert retry_after_s("Fri, 04 Dec 2026 21:01:30 GMT", now) == 90.0
    assert retry_after_s("Fri, 04 Dec 2026 20:00:00 GMT", now) == 0.0  # in the past
    assert retry_after_s("Fri, 04 Dec 2099 21:00:00 GMT", now) == MAX_RETRY_AFTER_S
    assert retry_after_s("Fri, 99 Dec 2026 21:00:00 GMT", now) is None
