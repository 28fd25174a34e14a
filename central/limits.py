# SPDX-License-Identifier: EUPL-1.2
"""What one client may cost the platform: the size of a request body, the time to send
a request, and how many connections are open at once.

* ``BodyLimit`` (ASGI middleware) reads a request body before anything else runs
  (parsing, authentication): past ``max_bytes`` the answer is 413, whatever the client
  claims in Content-Length; a body that does not arrive within ``timeout_s`` is
  answered 408.
* ``GuardedProtocol`` (uvicorn's HTTP/1.1 protocol on httptools) closes a connection
  whose request headers have not arrived within ``request_timeout_s`` of the
  connection or of the end of its keep-alive after an answer: half-sent requests
  cannot hold connections open for ever; it refuses request headers over
  ``max_header_bytes`` (431); and it sends answers at once (TCP_NODELAY), not 40 ms
  later. httptools, not uvicorn's pure-Python h11: a push of 100 entries cost the
  platform 24 ms of processor time on h11 and 19 ms on httptools, a pull that finds
  nothing new 2.5 ms and 1.9 ms (one process, PostgreSQL, sequential requests).
* ``ThreadLimit`` (ASGI middleware) gives the process's synchronous endpoints as many
  threads as it handles requests at once (each request holds one database connection,
  and the pool keeps as many open); ``central.admission`` lets the others in, a person's
  request before a sync's, so none waits for a connection or fails after the pool's
  timeout when a whole fleet syncs at once.
* ``ServerLimits`` gathers those figures and uvicorn's own (``limit_concurrency``,
  ``timeout_keep_alive``) for ``central.server``.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from anyio import to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

DEFAULT_MAX_BODY = 1_000_000
# What --max-body-bytes and SOCIAL_POINT_MAX_BODY_BYTES take: below 64 KiB one large
# record may not fit alone (a kiosk sends a refused batch again in halves); above
# 64 MiB one request's body, read whole into memory before anything else, weighs on a
# process (the unit allows 1 GB to all).
MIN_MAX_BODY = 64 * 1024
MAX_MAX_BODY = 64 * 1024 * 1024
MAX_BODY_VARIABLE = "SOCIAL_POINT_MAX_BODY_BYTES"  # the same for the processes of --workers
# Requests a process handles at once (the others wait, a person's first: central/
# admission.py). Four keep the database busy while Python works; twenty took longer for
# every request (they share Python's lock): at 200 kiosks syncing at once, push p95
# 6.6 s with twenty, 2.3-3.3 s with four (./dev bench platform, PostgreSQL, 2 cores).
DEFAULT_THREADS = 4
THREADS_VARIABLE = "SOCIAL_POINT_THREADS"  # the same for the processes of --workers


def whole_number(given: str) -> bool:
    """Whether int() reads ``given`` as a whole number of ASCII digits. str.isdigit
    alone also takes "²", which int() refuses, and int() refuses more than 4300 digits:
    each ended in int()'s own message instead of the option's."""
    return given.isascii() and given.isdigit() and len(given) <= 18


def threads_from_environment(environ: Mapping[str, str]) -> int:
    """``SOCIAL_POINT_THREADS`` (a whole number from 1 to 200), or the default."""
    given = environ.get(THREADS_VARIABLE, "").strip()
    if not given:
        return DEFAULT_THREADS
    if not whole_number(given) or not 1 <= int(given) <= 200:
        raise ValueError(f"{THREADS_VARIABLE} must be a whole number from 1 to 200")
    return int(given)


def max_body_bytes(given: str, name: str) -> int:
    """A request body's limit in bytes, from ``MIN_MAX_BODY`` to ``MAX_MAX_BODY``;
    ValueError naming ``name`` (the option or the variable) otherwise."""
    given = given.strip()
    if not whole_number(given) or not MIN_MAX_BODY <= int(given) <= MAX_MAX_BODY:
        raise ValueError(
            f"{name} must be a whole number of bytes from {MIN_MAX_BODY} to {MAX_MAX_BODY}"
            f" (default {DEFAULT_MAX_BODY})"
        )
    return int(given)


def max_body_from_environment(environ: Mapping[str, str]) -> int:
    """``SOCIAL_POINT_MAX_BODY_BYTES``, or the default."""
    given = environ.get(MAX_BODY_VARIABLE, "").strip()
    return max_body_bytes(given, MAX_BODY_VARIABLE) if given else DEFAULT_MAX_BODY


@dataclass(frozen=True)
class ServerLimits:
    max_body_bytes: int = DEFAULT_MAX_BODY  # a request body, before parsing and auth
    body_timeout_s: float = 10.0  # to send the whole body once the headers are in
    request_timeout_s: float = 10.0  # to send the request headers
    # An idle connection between requests, counted from when the platform wrote its
    # answer: a kiosk reads a large page and asks for the next within a sync pass, and
    # on a busy platform that took longer than 5 s; a connection closed at the moment
    # the next request arrives fails it unanswered. Kiosks sync every 60 s by default:
    # between passes the connection is closed long before the next (and reopened).
    keep_alive_s: int = 30
    max_connections: int = 500  # more at once are answered 503
    max_header_bytes: int = 16 * 1024
    threads: int = DEFAULT_THREADS  # requests handled at once, one database connection each

    def uvicorn_options(self) -> dict[str, Any]:
        GuardedProtocol.request_timeout_s = self.request_timeout_s
        GuardedProtocol.max_header_bytes = self.max_header_bytes
        return {
            "http": GuardedProtocol,
            "limit_concurrency": self.max_connections,
            "timeout_keep_alive": self.keep_alive_s,
        }


class ThreadLimit:
    """Sets the process's threads for synchronous endpoints (anyio's default limiter,
    40 unless told) once, at the first request its event loop serves."""

    def __init__(self, app: ASGIApp, threads: int = DEFAULT_THREADS) -> None:
        self.app, self.threads, self._set = app, threads, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._set:
            to_thread.current_default_thread_limiter().total_tokens = self.threads
            self._set = True
        await self.app(scope, receive, send)


class BodyLimit:
    def __init__(
        self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY, timeout_s: float = 10.0
    ) -> None:
        self.app, self.max_bytes, self.timeout_s = app, max_bytes, timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _answer(send, 413, f"the request body is larger than {self.max_bytes} bytes")
            return
        chunks: list[bytes] = []
        size, end = 0, time.monotonic() + self.timeout_s
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, end - time.monotonic()))
            except TimeoutError:
                await _answer(send, 408, "the request body did not arrive in time")
                return
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await _answer(send, 413, f"the request body is larger than {self.max_bytes} bytes")
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole: list[Message] = [
            {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        ]

        async def replay() -> Message:
            return whole.pop() if whole else await receive()

        await self.app(scope, replay, send)


async def _answer(send: Send, status: int, detail: str) -> None:
    body = ('{"detail":"' + detail + '"}').encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HeadersTooLargeError(Exception):
    """Raised from a parser callback: the request's headers passed the limit."""


_TOO_LARGE = b"the request headers are too large"
_REFUSAL = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain\r\n"
    b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(_TOO_LARGE), _TOO_LARGE)
)


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 on httptools, with a deadline for each request's headers, a
    limit on their size, and its answers sent without Nagle's delay."""

    request_timeout_s = 10.0
    max_header_bytes = 16 * 1024

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        # _parsed: bytes of the URL and headers the parser has ended (trailers too);
        # _stray: bytes of reads that brought the unfinished message no body since its
        # last body bytes (a header or trailer never ended, chunk framing);
        # _begun_here, _body_here: what the read being parsed did.
        self._unfinished, self._parsed, self._stray = False, 0, 0
        self._begun_here, self._body_here = False, 0
        super().connection_made(transport)
        _without_nagle(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        # httptools keeps an unfinished header (or trailer) in memory until it ends,
        # and says nothing of it meanwhile: a read that brings an unfinished message no
        # body counts whole. A read in which a message began is not counted (part of
        # it may be the previous message's, pipelined): it holds at most one read,
        # 256 KiB, of the new one. Neither count exceeds what the client really sent
        # outside bodies, so a request within the limit is never refused.
        self._begun_here, self._body_here = False, 0
        super().data_received(data)  # a callback's HeadersTooLargeError: a 400, below
        if self._unfinished and not self._begun_here and not self._body_here:
            self._stray += len(data)
            if self._stray > self.max_header_bytes:
                self._refuse()

    def send_400_response(self, msg: str) -> None:
        if self._parsed > self.max_header_bytes:
            self._refuse()
        else:
            super().send_400_response(msg)

    def on_message_begin(self) -> None:
        self._unfinished, self._parsed, self._stray = True, 0, 0
        self._begun_here = True
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)  # a trailer's too, after the body
        super().on_header(name, value)

    def on_body(self, body: bytes) -> None:
        self._body_here += len(body)
        self._stray = 0
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._unfinished = False
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # An idle connection is uvicorn's keep-alive's to close; this deadline is for a
        # next request begun and never finished, so it runs on from the keep-alive's.
        self._arm(self.timeout_keep_alive + self.request_timeout_s)

    def _count(self, size: int) -> None:
        """Called by the parser: raising stops it, and uvicorn answers 400 (431 here)."""
        self._parsed += size
        if self._parsed > self.max_header_bytes:
            raise HeadersTooLargeError

    def _refuse(self) -> None:
        if not self.transport.is_closing():
            self.transport.write(_REFUSAL)
            self.transport.close()

    def _arm(self, seconds: float | None = None) -> None:
        waiting_after = self.cycle  # the request answered last (None: none yet)
        delay = self.request_timeout_s if seconds is None else seconds
        self.loop.call_later(delay, self._expire, waiting_after)

    def _expire(self, waiting_after: Any) -> None:
        if self.cycle is waiting_after and not self.transport.is_closing():
            self.transport.close()  # no new request came in time


def _without_nagle(transport: asyncio.BaseTransport) -> None:
    """An answer goes out as two writes (its head, then its body). asyncio sets
    TCP_NODELAY only on sockets that say they are TCP (``proto`` 6), and a listening
    socket made with ``socket.socket(AF_INET)`` (``--workers``, the embedded server) says
    0: then the body waited for the client's delayed ACK of the head, 40 ms on Linux,
    on every request."""
    connection = transport.get_extra_info("socket")
    if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


# PostgreSQL's SQLSTATEs for a transaction that lost a race and rolled back whole:
# serialization failure, deadlock detected, lock not available.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def database_busy(error: Exception) -> bool:
    """Whether a database error means "another writer was first; try again" (SQLite's
    busy timeout, or a PostgreSQL conflict) rather than a fault of the platform."""
    original: Any = getattr(error, "orig", None)
    if original is None:
        return False
    sqlstate = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if sqlstate in RETRYABLE_SQLSTATES:
        return True
    message = str(original).lower()
    return "database is locked" in message or "database is busy" in message
