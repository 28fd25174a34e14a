# SPDX-License-Identifier: EUPL-1.2
"""`social-point doctor`'s platform and clock check against servers that are not what
they should be: one that redirects elsewhere (not followed, as the sync does not), one
that trickles its answer (an overall deadline, not only a read timeout). Real sockets
on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from kiosk.boot.config import load_config
from kiosk.boot.doctor import Finding, Verdict, check_platform
from tests.operations.conftest import closed_port, write_config

Handler = Callable[[socket.socket], None]


@contextmanager
def raw_server(handler: Handler) -> Iterator[str]:
    """Serves each connection with ``handler`` on a thread; its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def accept() -> None:
        while True:
            try:
                connection, _address = listener.accept()
            except OSError:
                return  # closed: the test is over
            threading.Thread(target=handler, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


def platform_findings(tmp_path: Path, url: str) -> list[Finding]:
    config = load_config(write_config(tmp_path, platform_url=url, printer_port=closed_port()))
    return [f for f in check_platform(config, lambda: datetime.now(UTC)) if f.check == "platform"]


def test_a_platform_that_redirects_elsewhere_is_a_problem_and_is_not_followed(
    tmp_path: Path,
) -> None:
    reached: list[bytes] = []

    def elsewhere(connection: socket.socket) -> None:
        with connection:
            reached.append(connection.recv(65536))
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nDate: Sat, 05 Dec 2026 10:00:00 GMT\r\n"
                b"Content-Length: 2\r\n\r\n{}"
            )

    with raw_server(elsewhere) as other:
        target = other.replace("127.0.0.1", "localhost") + "/v1/health"

        def redirect(connection: socket.socket) -> None:
            with connection:
                connection.recv(65536)
                connection.sendall(
                    f"HTTP/1.1 307 Temporary Redirect\r\nLocation: {target}\r\n"
                    "Content-Length: 0\r\n\r\n".encode()
                )

        with raw_server(redirect) as url:
            [finding] = platform_findings(tmp_path, url)
    assert finding.verdict is Verdict.PROBLEM, finding
    assert finding.message == (
        f"{url} answers with a redirect (307 to {target}), which the kiosk does not follow"
    )
    assert "sync.platform_url" in finding.fix
    assert reached == []  # nothing was asked of the other host


def test_a_platform_that_trickles_its_answer_is_given_up_on_in_time(tmp_path: Path) -> None:
    """A byte every half second never trips the 2 s read timeout: 60 of them take 30 s
    without an overall deadline (three times sync.connect_timeout_s, here 6 s)."""

    def trickle(connection: socket.socket) -> None:
        with connection, suppress(OSError):
            connection.recv(65536)
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nDate: Sat, 05 Dec 2026 10:00:00 GMT\r\n"
                b"Content-Length: 100\r\n\r\n"
            )
            for _ in range(60):
                time.sleep(0.5)
                connection.sendall(b" ")

    with raw_server(trickle) as url:
        started = time.monotonic()
        [finding] = platform_findings(tmp_path, url)
        took = time.monotonic() - started
    assert took < 15, took
    assert finding.verdict is Verdict.PROBLEM, finding
    assert finding.message == f"{url} gave no complete answer within 6 s"
    assert "sync.platform_url" in finding.fix
