# SPDX-License-Identifier: EUPL-1.2
"""systemd's side of the notification protocol, for tests: a datagram socket that a
service finds through NOTIFY_SOCKET, recording each message with the time it came."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path


class NotifySocket:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(str(path))
        os.chmod(path, 0o777)  # the service may run as another user, as under systemd
        self._socket.settimeout(0.2)
        self.messages: list[tuple[float, str]] = []
        self._open = True
        self._thread = threading.Thread(target=self._receive, daemon=True)
        self._thread.start()

    def _receive(self) -> None:
        while self._open:
            try:
                data = self._socket.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            self.messages.append((time.monotonic(), data.decode()))

    def times_of(self, line: str) -> list[float]:
        return [when for when, text in list(self.messages) if line in text.splitlines()]

    def wait_for(self, line: str, timeout: float, count: int = 1) -> None:
        deadline = time.monotonic() + timeout
        while len(self.times_of(line)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"no {line} in time; got {self.messages}")
            time.sleep(0.02)

    def close(self) -> None:
        self._open = False
        self._thread.join(timeout=2)
        self._socket.close()
