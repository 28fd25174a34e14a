"""Getting bytes to a printer, and asking it how it is, always with a timeout.

Status comes from the real-time queries DLE EOT 1 (online?), 2 (why offline) and 4
(paper sensor), which printers answer even while offline. A printer that does not
answer is reported as such, never assumed healthy.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class State(Enum):
    READY = "ready"
    PAPER_LOW = "paper_low"  # prints, but the roll is nearly finished
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"  # offline for another reason (error, feed button)
    NO_ANSWER = "no_answer"  # connected, but the status query got no reply
    UNREACHABLE = "unreachable"  # no connection at all
    NO_PRINTER = "no_printer"  # configured without a printer: preview only

    @property
    def can_print(self) -> bool:
        return self in (State.READY, State.PAPER_LOW)

    @property
    def worth_trying(self) -> bool:
        """Print anyway: many cheap printers never answer status queries."""
        return self.can_print or self is State.NO_ANSWER


@dataclass(frozen=True)
class Status:
    state: State
    detail: str = ""


class PrinterError(Exception):
    """A job did not reach the printer whole; ``sent`` bytes had already left."""

    def __init__(self, message: str, sent: int) -> None:
        super().__init__(message)
        self.sent = sent


def interpret(online: int, cause: int | None, paper: int | None) -> State:
    """Epson's DLE EOT bits: n=1 bit 3 offline; n=2 bit 2 cover open, bit 5 paper end;
    n=4 bits 5-6 paper end, bits 2-3 paper near its end."""
    if paper is not None and paper & 0x60:
        return State.PAPER_OUT
    if online & 0x08:
        if cause is not None and cause & 0x20:
            return State.PAPER_OUT
        if cause is not None and cause & 0x04:
            return State.COVER_OPEN
        return State.OFFLINE
    if paper is not None and paper & 0x0C:
        return State.PAPER_LOW
    return State.READY


class NetworkConnection:
    """A printer on TCP port 9100 (or another); timeouts in seconds."""

    def __init__(self, host: str, port: int = 9100, *, timeout: float = 5.0,
                 status_timeout: float = 1.0) -> None:  # fmt: skip
        self.host, self.port = host, port
        self.timeout, self.status_timeout = timeout, status_timeout

    def describe(self) -> str:
        return f"network {self.host}:{self.port}"

    def _connect(self, timeout: float) -> socket.socket:
        return socket.create_connection((self.host, self.port), timeout=timeout)

    def status(self) -> Status:
        try:
            with self._connect(self.status_timeout) as connection:
                connection.settimeout(self.status_timeout)
                online = self._ask(connection, 1)
                if online is None:
                    return Status(State.NO_ANSWER, "the printer does not answer status queries")
                cause = self._ask(connection, 2) if online & 0x08 else None
                paper = self._ask(connection, 4)
                return Status(interpret(online, cause, paper))
        except OSError as error:
            return Status(State.UNREACHABLE, f"{self.describe()}: {error.strerror or error}")

    @staticmethod
    def _ask(connection: socket.socket, query: int) -> int | None:
        connection.sendall(bytes([0x10, 0x04, query]))
        try:
            reply = connection.recv(1)
        except TimeoutError:
            return None
        return reply[0] if reply else None

    def send(self, data: bytes) -> None:
        """Sends a job, then asks for the printer's status on the same connection.

        The kernel accepts a whole job into its buffers even when the printer has just
        gone away; the status question after it makes a reset or a closed connection
        show, so the job counts as uncertain instead of printed. A printer that never
        answers status queries is given the benefit of the doubt.
        """
        sent = 0
        try:
            with self._connect(self.timeout) as connection:
                connection.settimeout(self.timeout)
                view = memoryview(data)
                while sent < len(data):
                    sent += connection.send(view[sent : sent + 4096])
                connection.settimeout(self.status_timeout)
                connection.sendall(b"\x10\x04\x01")
                try:
                    if connection.recv(1) == b"":
                        raise ConnectionResetError("the printer closed the connection")
                except TimeoutError:
                    pass
        except OSError as error:
            raise PrinterError(f"{self.describe()}: {error.strerror or error}", sent) from None


class FileConnection:
    """A device or file path (for example /dev/usb/lp0); it cannot report status."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def describe(self) -> str:
        return f"file {self.path}"

    def status(self) -> Status:
        try:
            with self.path.open("ab"):
                pass
        except OSError as error:
            return Status(State.UNREACHABLE, f"{self.path}: {error.strerror}")
        return Status(State.READY, "a file or device cannot report paper or cover")

    def send(self, data: bytes) -> None:
        try:
            with self.path.open("ab") as device:
                device.write(data)
        except OSError as error:
            raise PrinterError(f"{self.path}: {error.strerror}", 0) from None


class NoPrinter:
    """No printer configured: slips are only shown on screen."""

    def describe(self) -> str:
        return "none (preview only)"

    def status(self) -> Status:
        return Status(State.NO_PRINTER)

    def send(self, data: bytes) -> None:
        raise PrinterError("no printer is configured", 0)
