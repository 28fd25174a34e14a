# SPDX-License-Identifier: EUPL-1.2
"""A fault-injecting TCP proxy in front of the reference platform (loopback only).

Per request it either relays the answer, or: drops the connection after the platform
has answered (so the platform committed and the kiosk never hears it), answers 503
without reaching the platform, drops the connection before forwarding, or stalls past
the client's read timeout. It can also delay every answer, so that a test can kill the
kiosk's sync process while a request is in flight.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections import Counter

FAULTS = ("drop_after_commit", "http_503", "drop_before_forward", "stall")


def _read_request(connection: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        body += chunk
    # One request per connection: ask the platform to close after answering.
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body


def _forward(request: bytes, upstream: tuple[str, int]) -> bytes:
    with socket.create_connection(upstream, timeout=30) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


class FaultProxy:
    def __init__(
        self,
        upstream: tuple[str, int],
        *,
        rates: dict[str, float] | None = None,
        stall_seconds: float = 1.0,
        seed: int = 1,
    ) -> None:
        self.upstream = upstream
        self.rates = dict(rates or {})
        self.stall_seconds = stall_seconds
        self.delay: tuple[float, float] = (0.0, 0.0)  # extra wait before each answer
        self.next_push_faults: list[str] = []  # taken in order by the next pushes
        self.failing_paths: tuple[bytes, ...] = ()  # requests for these always get a 503
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.in_flight: Counter[str] = Counter()  # "push"/"pull" requests being served
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def faults(self) -> int:
        with self._lock:
            return sum(self.counts[name] for name in FAULTS)

    def _choose(self) -> str:
        with self._lock:
            roll = self._random.random()
            for name in FAULTS:
                roll -= self.rates.get(name, 0.0)
                if roll < 0:
                    return name
            return "relayed"

    def _accept(self) -> None:
        while not self._closed:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        kind = "other"
        try:
            request = _read_request(connection)
            if request is None:
                return
            kind = "push" if b"/v1/submissions" in request.split(b"\r\n", 1)[0] else "pull"
            with self._lock:
                self.in_flight[kind] += 1
            with self._lock:
                scripted = (
                    self.next_push_faults.pop(0)
                    if kind == "push" and self.next_push_faults
                    else None
                )
            line = request.split(b"\r\n", 1)[0]
            failing = "http_503" if any(path in line for path in self.failing_paths) else None
            fault = scripted or failing or self._choose()
            with self._lock:
                self.counts[fault] += 1
                self.counts[f"{kind} requests"] += 1
            if fault == "drop_before_forward":
                return
            if fault == "http_503":
                connection.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                    b"Connection: close\r\n\r\n"
                )
                return
            answer = _forward(request, self.upstream)
            if fault == "drop_after_commit":
                return
            if fault == "stall":
                time.sleep(self.stall_seconds)
                return
            low, high = self.delay
            if high:
                time.sleep(self._random.uniform(low, high))
            connection.sendall(answer)
        except OSError:
            pass
        finally:
            with self._lock:
                if kind in self.in_flight:
                    self.in_flight[kind] -= 1
            connection.close()

    def close(self) -> None:
        self._closed = True
        self._listener.close()
