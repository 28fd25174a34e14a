# SPDX-License-Identifier: EUPL-1.2
"""A network thermal printer on 127.0.0.1 for tests: it records every byte it receives
and answers the real-time status queries (DLE EOT n) as an Epson-compatible printer
does, according to its mode, its paper roll and how slow it is.

Besides the fixed modes, ``paper_left`` is the job bytes its roll still holds: past that
it is out of paper from then on (a roll running out mid-job), and ``reply_delay`` makes
every answer come that many seconds late (a slow printer), and ``bytes_per_s`` reads a
job only as fast as a printer prints it. ``AlienServer`` is something
else listening on a printer's port: an SSH server greeting first, or a web server.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time

# DLE EOT replies (Epson): n=1 printer status, n=2 offline cause, n=4 paper sensor.
# Bits 1 and 4 are always set and bits 0 and 7 always clear.
HEALTHY = {1: 0x16, 2: 0x12, 4: 0x12}
NEAR_END = {1: 0x16, 2: 0x12, 4: 0x1E}
PAPER_OUT = {1: 0x1E, 2: 0x32, 4: 0x72}  # offline because the paper ran out
COVER_OPEN = {1: 0x1E, 2: 0x16, 4: 0x12}
REPLIES = {
    "healthy": HEALTHY,
    "near_end": NEAR_END,
    "paper_out": PAPER_OUT,
    "cover_open": COVER_OPEN,
    "disconnect": HEALTHY,
}


class _Listener:
    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(8)
        self.host, self.port = self._listener.getsockname()
        self._open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self._open:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._open = False
        # shutdown() wakes the accept() blocked on another thread; close() alone would not.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()


class FakePrinter(_Listener):
    def __init__(self) -> None:
        # healthy, near_end, paper_out, cover_open, silent, disconnect, or hang (answers
        # status until a job starts arriving, then never again: a printer that froze)
        self.mode = "healthy"
        self.disconnect_after = 100  # bytes of a job before a "disconnect" printer drops
        self.paper_left: int | None = None  # job bytes the roll holds; None: endless
        self.reply_delay = 0.0  # seconds each status answer comes late
        # Job bytes it takes a second (a real printer reads about as fast as it prints:
        # a status query waits behind the job); None: at once.
        self.bytes_per_s: float | None = None
        self.jobs: list[bytes] = []
        self.arriving = 0  # the most job bytes (status queries aside) one connection brought
        self.queries = 0  # status queries received
        super().__init__()

    def _reply(self, connection: socket.socket, reply: int) -> None:
        def answer() -> None:
            with contextlib.suppress(OSError):
                connection.sendall(bytes([reply]))

        if self.reply_delay:
            threading.Timer(self.reply_delay, answer).start()
        else:
            answer()

    def _serve(self, connection: socket.socket) -> None:
        received = bytearray()
        with connection:
            while True:
                try:
                    chunk = connection.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                received += chunk
                if self.bytes_per_s:
                    time.sleep(len(chunk) / self.bytes_per_s)  # printing what it took
                if self.mode == "disconnect" and len(received) >= self.disconnect_after:
                    # Reset, not a polite close, and no more answers: like a printer
                    # switched off mid-job.
                    del received[self.disconnect_after :]
                    connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    break
                while (at := received.find(b"\x10\x04")) != -1 and at + 2 < len(received):
                    query = received[at + 2]
                    del received[at : at + 3]
                    self.queries += 1
                    used = sum(map(len, self.jobs)) + len(received)
                    if self.paper_left is not None and used > self.paper_left:
                        self.mode = "paper_out"  # the roll ended part-way through the job
                    replies = REPLIES.get(self.mode)
                    if self.mode == "hang":
                        replies = None if received else HEALTHY
                    if replies is not None:
                        self._reply(connection, replies.get(query, 0x12))
                self.arriving = max(self.arriving, len(received))
        if received:
            self.jobs.append(bytes(received))


class AlienServer(_Listener):
    """Something that is not a printer on the configured port: it may greet first (an
    SSH server's banner), ``greeting_delay`` seconds after the connection (a mail
    server's greet pause, an FTP server's reverse DNS look-up), and answers anything it
    receives (a web server's 400)."""

    def __init__(
        self, greeting: bytes = b"", answer: bytes = b"", greeting_delay: float = 0.0
    ) -> None:
        self.greeting, self.answer, self.greeting_delay = greeting, answer, greeting_delay
        self.received = bytearray()
        super().__init__()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            try:
                if self.greeting:
                    time.sleep(self.greeting_delay)
                    connection.sendall(self.greeting)
                while chunk := connection.recv(65536):
                    self.received += chunk
                    if self.answer:
                        connection.sendall(self.answer)
            except OSError:
                return


SSH_BANNER = b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"
HTTP_BAD_REQUEST = (
    b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n"
    b"Content-Length: 11\r\nConnection: close\r\n\r\nBad Request"
)
