"""A network thermal printer on 127.0.0.1 for tests: it records every byte it receives
and answers the real-time status queries (DLE EOT n) according to its mode."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading

# DLE EOT replies (Epson): n=1 printer status, n=2 offline cause, n=4 paper sensor.
HEALTHY = {1: 0x16, 2: 0x12, 4: 0x12}
PAPER_OUT = {1: 0x1E, 2: 0x32, 4: 0x72}  # offline because the paper ran out
COVER_OPEN = {1: 0x1E, 2: 0x16, 4: 0x12}
REPLIES = {"healthy": HEALTHY, "paper_out": PAPER_OUT, "cover_open": COVER_OPEN,
           "disconnect": HEALTHY}  # fmt: skip


class FakePrinter:
    def __init__(self) -> None:
        # healthy, paper_out, cover_open, silent, disconnect, or hang (answers status until
        # a job starts arriving, then never again: a printer that froze mid-job)
        self.mode = "healthy"
        self.disconnect_after = 100  # bytes of a job before a "disconnect" printer drops
        self.jobs: list[bytes] = []
        self.arriving = 0  # the most job bytes (status queries aside) one connection brought
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
                    replies = REPLIES.get(self.mode)
                    if self.mode == "hang":
                        replies = None if received else HEALTHY
                    if replies is not None:
                        connection.sendall(bytes([replies.get(query, 0x12)]))
                self.arriving = max(self.arriving, len(received))
        if received:
            self.jobs.append(bytes(received))

    def close(self) -> None:
        self._open = False
        # shutdown() wakes the accept() blocked on another thread; close() alone would not.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
