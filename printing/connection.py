# SPDX-License-Identifier: EUPL-1.2
"""Getting bytes to a printer, and asking it how it is, always with a timeout.

Status comes from the real-time queries DLE EOT 1 (online?), 2 (why offline) and 4
(paper sensor), which printers answer even while offline. A printer that does not
answer is reported as such, never assumed healthy.
"""

from __future__ import annotations

import errno
import os
import select
import socket
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Protocol


class State(Enum):
    READY = "ready"
    PAPER_LOW = "paper_low"  # prints, but the roll is nearly finished
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"  # offline for another reason (error, feed button)
    NO_ANSWER = "no_answer"  # connected, but the status query got no reply in time
    NOT_A_PRINTER = "not_a_printer"  # something answered, but not as a printer does
    UNREACHABLE = "unreachable"  # no connection at all
    NO_STATUS = "no_status"  # reachable; configured as a printer that cannot answer
    NO_PRINTER = "no_printer"  # configured without a printer: preview only

    @property
    def can_print(self) -> bool:
        return self in (State.READY, State.PAPER_LOW, State.NO_STATUS)


@dataclass(frozen=True)
class Status:
    state: State
    detail: str = ""


class PrinterError(Exception):
    """A job was not confirmed printed. ``sent`` bytes had left; ``maybe_printed`` says
    whether any paper may have come out (then the job is uncertain, never sent again by
    itself); ``state`` is what the printer said, when it said something."""

    def __init__(
        self,
        message: str,
        sent: int,
        *,
        maybe_printed: bool | None = None,
        state: State | None = None,
    ) -> None:
        super().__init__(message)
        self.sent = sent
        self.maybe_printed = sent > 0 if maybe_printed is None else maybe_printed
        self.state = state


# Every reply to DLE EOT n has bits 1 and 4 set and bits 0 and 7 clear (Epson ESC/POS
# reference; the clones copy it). Anything else came from something that is not a printer.
FIXED_MASK, FIXED_BITS = 0x93, 0x12


def is_status_byte(reply: int) -> bool:
    return reply & FIXED_MASK == FIXED_BITS


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


class _NotAPrinterError(Exception):
    def __init__(self, reply: int) -> None:
        super().__init__(reply)
        self.reply = reply


class _NoAnswerError(Exception):
    def __init__(self, waited: float) -> None:
        super().__init__(waited)
        self.waited = waited


class _OutOfStepError(Exception):
    """A byte no question was waiting for: more than the one a printer sends a query."""

    def __init__(self, reply: int) -> None:
        super().__init__(reply)
        self.reply = reply


class _StalledError(TimeoutError):
    """The device stopped taking data (a usblp printer out of paper or offline)."""


class _StoppedError(OSError):
    """The print worker is stopping: a job still going out, or still awaiting its answer,
    is left there (uncertain: it may print whole, or part of it)."""


def real_time_queries(data: bytes) -> int:
    """How many DLE EOT status queries a printer with real-time commands on finds in
    ``data``, whatever their n (it answers wherever they are, even inside image data)."""
    found, at = 0, data.find(b"\x10\x04")
    while at != -1:
        found += 1
        at = data.find(b"\x10\x04", at + 3)
    return found


class Link(Protocol):
    """An open two-way connection to a printer."""

    # True when a failed write means none of that call's bytes left (a socket, os.write);
    # False when part of them may have (a USB or serial transfer that timed out).
    exact_errors: bool

    def write(self, data: bytes) -> int: ...  # bytes taken, at least one, or OSError
    def read_byte(self, timeout: float) -> int | None: ...  # None: no answer in time
    def close(self) -> None: ...


WRITE_CHUNK = 4096
# How fast a slow thermal printer takes a job's bytes (it reads about as fast as it
# prints: 58 mm at 50 mm/s of image rows): the answer after a job waits this long more
# per byte than after nothing, with no cap. A 136 KB slip (a privacy notice in Chinese,
# drawn) waits 9 s, where a fixed second called a healthy printer's long slip
# uncertain; a cap of 10 s did the same to any slip longer than 160 KB. A printer that
# died mid-job holds the print worker that long, but never its stop (STOP_CHECK_S).
DRAIN_BYTES_PER_S = 16 * 1024
# While a job goes out and its answer is awaited, the print worker's stop is looked at
# this often: a kiosk shutting down never waits for a long slip to drain.
STOP_CHECK_S = 0.2
# A printer never speaks first: whatever arrives this soon after connecting, before any
# question, is a greeting (SMTP and FTP servers say "220 ...", whose "2" has a status
# byte's fixed bits and read as paper out).
GREETING_WAIT_S = 0.1
# Once it stayed quiet, it is listened to again only after this long: every job and
# status question opens its own connection, and a tenth of a second each made a busy
# queue slower for nothing (what answers on the printer's port changes rarely).
GREETING_RECHECK_S = 60.0
# A printer sends exactly one byte per status query. After the last answer the link is
# listened to this long more: a byte then means the answers were not one per question
# (a text server's "220 ..." banner coming after the greeting window, its "22" read as
# online and paper out; or on USB or serial an earlier question's late answer, which
# shifted every answer by one). Before each later question, what already waits is
# looked at without waiting (EARLY_CHECK_S). Ten milliseconds: a banner's bytes are
# there already, and a printer answers within a millisecond or two; every slip's status
# checks pay this wait (50 ms made the killed-worker test four times slower).
EXTRA_BYTE_WAIT_S = 0.01
EARLY_CHECK_S = 0.001


class _TwoWayConnection:
    """Status queries and confirmed sending over any link that can answer.

    ``answers_status`` False is for printers that never answer status queries (cheap
    clones): the kiosk then only checks it can open the connection, and a job counts as
    printed once every byte was taken, which is all such a printer lets anyone know.
    """

    status_timeout: float
    answers_status: bool = True
    # Seconds to listen after connecting before the first byte goes out (0: not at all;
    # a serial or USB printer may still hold a late answer from an earlier question).
    greeting_wait: float = 0.0
    _quiet_until: float = 0.0  # the monotonic time until which no greeting is awaited
    # True when every connection starts with nothing from before (a new TCP connection):
    # a byte no question was waiting for then comes from something that is not a
    # printer. False on USB and serial, where it can be an earlier question's late answer.
    fresh_links: bool = False
    # Set when the print worker stops (``stop_with``): a job's sending and the wait for
    # its answer end then.
    _stopping: threading.Event | None = None

    def stop_with(self, stopping: threading.Event) -> None:
        """Sending a job ends when ``stopping`` is set (the print worker's stop), however
        long the job: it is then uncertain, as after a crash."""
        self._stopping = stopping

    def _check_stop(self) -> None:
        if self._stopping is not None and self._stopping.is_set():
            raise _StoppedError("the kiosk stopped printing while the printer took the job")

    def describe(self) -> str:
        raise NotImplementedError

    def _open(self) -> Link:
        raise NotImplementedError

    def _problem(self, error: OSError) -> str:
        return f"{self.describe()}: {error.strerror or error}"

    def _not_a_printer(self, reply: int) -> Status:
        shown = chr(reply) if 32 <= reply < 127 else f"0x{reply:02x}"
        return Status(
            State.NOT_A_PRINTER,
            f"{self.describe()} answered {shown!r}, which no "
            "ESC/POS printer sends: check the printer's address and port (is it a "
            "web or SSH server?)",
        )

    def _out_of_step(self, extra: int) -> Status:
        if not self.fresh_links:  # a late answer: which byte answered what is unknown
            return Status(
                State.NO_ANSWER,
                "the printer's answers were out of step with the status queries "
                "(a late answer to an earlier one)",
            )
        shown = chr(extra) if 32 <= extra < 127 else f"0x{extra:02x}"
        return Status(
            State.NOT_A_PRINTER,
            f"{self.describe()} sent more than one byte per status query ({shown!r} too), "
            "which no ESC/POS printer does: check the printer's address and port (is it "
            "a mail or file server?)",
        )

    def _greeting(self, link: Link) -> int | None:
        """The first byte of what the other end said unasked, if it said anything."""
        if self.greeting_wait <= 0 or time.monotonic() < self._quiet_until:
            return None
        said = link.read_byte(min(self.greeting_wait, self.status_timeout))
        if said is None:
            self._quiet_until = time.monotonic() + GREETING_RECHECK_S
        return said

    def status(self) -> Status:
        try:
            link = self._open()
        except OSError as error:
            return Status(State.UNREACHABLE, self._problem(error))
        try:
            if (greeting := self._greeting(link)) is not None:
                return self._not_a_printer(greeting)
            if not self.answers_status:
                return Status(State.NO_STATUS, "configured as a printer without status")
            return self._status_on(link)
        except OSError as error:
            return Status(State.UNREACHABLE, self._problem(error))
        finally:
            link.close()

    def _status_on(self, link: Link, behind: int = 0, stale: int = 0) -> Status:
        """DLE EOT 1, 2 and 4 on an open link. A query without an answer ends it: a late
        reply must never be taken for the answer to the next question. ``behind``: the
        bytes of a job just sent, which the first query waits behind (a printer takes
        data about as fast as it prints: a long slip's answer comes seconds later).
        ``stale``: the DLE EOT queries inside that job, which a printer with real-time
        commands on answered first (see ``_ask``). Any byte beyond one per query, before
        a later query or just after the last answer, voids the answers (_out_of_step)."""
        first_wait = self.status_timeout + behind / DRAIN_BYTES_PER_S
        try:
            online = self._ask(link, 1, first_wait, stale, stoppable=behind > 0)
            cause = self._ask(link, 2, early_check=True) if online & 0x08 else None
            paper = self._ask(link, 4, early_check=True)
            if (extra := link.read_byte(EXTRA_BYTE_WAIT_S)) is not None:
                raise _OutOfStepError(extra)
        except _OutOfStepError as extra:
            return self._out_of_step(extra.reply)
        except _NoAnswerError as unanswered:
            return Status(
                State.NO_ANSWER,
                f"the printer did not answer the status query in {unanswered.waited:.3g} s",
            )
        except _NotAPrinterError as wrong:
            return self._not_a_printer(wrong.reply)
        return Status(interpret(online, cause, paper))

    def _ask(
        self,
        link: Link,
        query: int,
        wait: float | None = None,
        stale: int = 0,
        *,
        early_check: bool = False,
        stoppable: bool = False,
    ) -> int:
        """One query's answer, after the ``stale`` answers to queries that came before it
        on the link. A printer answers in the order the queries arrive, so the answer to
        this one is the (stale + 1)th byte; one that ignores queries inside a job's data
        sends fewer, and then which byte answers this one is unknown: no answer (the slip
        is uncertain) rather than an answer about the middle of the job taken for the
        printer's state after it. Draining what has arrived instead would not do: a
        printer reading a long job as it prints answers its middle seconds later.
        ``early_check``: a byte already there, before this query left, answers no query
        of ours (the previous one was answered): _OutOfStepError. ``stoppable``: the
        wait after a job, which the print worker's stop ends (_StoppedError)."""
        if early_check and (early := link.read_byte(EARLY_CHECK_S)) is not None:
            raise _OutOfStepError(early)
        _write_all(link, bytes([0x10, 0x04, query]))
        waited = self.status_timeout if wait is None else wait
        deadline = time.monotonic() + waited
        replies = 0
        while True:
            left = deadline - time.monotonic()
            reply = link.read_byte(max(0.001, min(left, STOP_CHECK_S) if stoppable else left))
            if reply is None:
                if stoppable:
                    self._check_stop()
                if not stoppable or time.monotonic() >= deadline:
                    raise _NoAnswerError(waited)
                continue
            replies += 1
            if replies > stale:
                break
        if not is_status_byte(reply):
            raise _NotAPrinterError(reply)
        return reply

    def send(self, data: bytes) -> Status:
        """Sends a job, then asks the printer how it is on the same connection; returns
        that status when the job is confirmed, else raises PrinterError.

        The operating system takes a whole job into its buffers even when the printer has
        gone away or has not read it yet; only the printer's answer after the job shows
        it received it. Paper out, cover open, offline or no answer in time after the job:
        the slip may be partly printed, so the job is uncertain, never printed again by
        itself. A failed write counts as "nothing left" only when the transport is sure.
        """
        sent = 0
        try:
            link = self._open()
        except OSError as error:
            raise PrinterError(self._problem(error), 0, state=State.UNREACHABLE) from None
        try:
            if (greeting := self._greeting(link)) is not None:
                wrong = self._not_a_printer(greeting)
                raise PrinterError(wrong.detail, 0, maybe_printed=False, state=wrong.state)
            view = memoryview(data)
            while sent < len(data):
                self._check_stop()
                sent += link.write(bytes(view[sent : sent + WRITE_CHUNK]))
            if not self.answers_status:
                return Status(State.NO_STATUS, "sent; this printer cannot confirm it")
            after = self._status_on(link, behind=len(data), stale=real_time_queries(data))
        except OSError as error:
            maybe = sent > 0 or not link.exact_errors
            # A device that stopped taking data is out of paper, open or offline: the
            # managers hear of it (a link that failed is only unreachable).
            state = State.OFFLINE if isinstance(error, _StalledError) else State.UNREACHABLE
            raise PrinterError(
                self._problem(error), sent, maybe_printed=maybe, state=state
            ) from None
        finally:
            link.close()
        if not after.state.can_print:
            said = after.detail or after.state.value
            raise PrinterError(
                f"{self.describe()}: after the job: {said}",
                sent,
                maybe_printed=True,
                state=after.state,
            )
        return after


def _write_all(link: Link, data: bytes) -> None:
    done = 0
    while done < len(data):
        done += link.write(data[done:])


class _SocketLink:
    exact_errors = True  # send() either takes bytes and says how many, or raises

    def __init__(self, connection: socket.socket, timeout: float) -> None:
        self.connection, self.timeout = connection, timeout

    def write(self, data: bytes) -> int:
        self.connection.settimeout(self.timeout)
        return self.connection.send(data)

    def read_byte(self, timeout: float) -> int | None:
        self.connection.settimeout(timeout)
        try:
            reply = self.connection.recv(1)
        except TimeoutError:
            return None
        if reply == b"":
            raise ConnectionResetError("the printer closed the connection")
        return reply[0]

    def close(self) -> None:
        self.connection.close()


class NetworkConnection(_TwoWayConnection):
    """A printer on TCP port 9100 (or another); timeouts in seconds."""

    greeting_wait = GREETING_WAIT_S
    fresh_links = True

    def __init__(
        self,
        host: str,
        port: int = 9100,
        *,
        timeout: float = 5.0,
        status_timeout: float = 1.0,
        answers_status: bool = True,
    ) -> None:
        self.host, self.port = host, port
        self.timeout, self.status_timeout = timeout, status_timeout
        self.answers_status = answers_status

    def describe(self) -> str:
        return f"network {self.host}:{self.port}"

    def _open(self) -> Link:
        connection = socket.create_connection((self.host, self.port), timeout=self.timeout)
        return _SocketLink(connection, self.timeout)


class _SerialLink:
    exact_errors = False  # pyserial's write timeout may strike after part of the data

    def __init__(self, port: Any) -> None:
        self.port = port

    def write(self, data: bytes) -> int:
        import serial

        try:
            written = self.port.write(data)
            # A device unplugged meanwhile fails here with termios.error, which is no
            # OSError: the job would have stayed "sending" until the kiosk restarted.
            self.port.flush()
        except serial.SerialTimeoutException:
            raise TimeoutError("the serial printer did not take the data in time") from None
        except (serial.SerialException, termios.error) as error:
            raise OSError(str(error)) from None
        return int(written or 0) or len(data)

    def read_byte(self, timeout: float) -> int | None:
        import serial

        try:
            self.port.timeout = timeout
            reply = self.port.read(1)
        except (serial.SerialException, termios.error) as error:
            raise OSError(str(error)) from None
        return reply[0] if reply else None

    def close(self) -> None:
        self.port.close()


class SerialConnection(_TwoWayConnection):
    """A printer on a serial port (pyserial); timeouts in seconds."""

    def __init__(
        self,
        device: str,
        baudrate: int = 19200,
        *,
        timeout: float = 5.0,
        status_timeout: float = 1.0,
        answers_status: bool = True,
    ) -> None:
        self.device, self.baudrate = device, baudrate
        self.timeout, self.status_timeout = timeout, status_timeout
        self.answers_status = answers_status

    def describe(self) -> str:
        return f"serial {self.device} at {self.baudrate} baud"

    def _open(self) -> Link:
        import serial

        try:
            port = serial.Serial(
                self.device, self.baudrate, timeout=self.status_timeout, write_timeout=self.timeout
            )
        except (serial.SerialException, termios.error) as error:  # unplugged while opened
            raise OSError(str(error)) from None
        return _SerialLink(port)


class UsbPort(Protocol):
    """A printer's bulk endpoints (the edge faked in tests); timeouts in milliseconds."""

    def write(self, data: bytes, timeout_ms: int) -> int: ...
    def read(self, size: int, timeout_ms: int) -> bytes: ...
    def close(self) -> None: ...


# A bulk read has room for a whole full-speed packet: libusb fails a read smaller than
# the packet the device sends (an overflow).
USB_READ_SIZE = 64
# Reads that find something, at most, when emptying the input endpoint on opening: a
# device that never stops sending is not drained for ever (its answers then are out of
# step, and so no answer).
USB_DRAIN_READS = 32


class _UsbLink:
    """The device keeps what it sent until the host reads it, across connections: an
    answer that came after its query's timeout is still there at the next connection.
    So the input endpoint is emptied on opening, and every byte of a read is kept, in
    order, for the next read_byte (one read may bring a late answer and the next)."""

    exact_errors = False  # a timed-out bulk transfer may have moved part of its data

    def __init__(self, port: UsbPort, timeout_ms: int) -> None:
        self.port, self.timeout_ms = port, timeout_ms
        self._received = bytearray()
        for _ in range(USB_DRAIN_READS):
            if not self.port.read(USB_READ_SIZE, 1):
                break

    def write(self, data: bytes) -> int:
        return self.port.write(data, self.timeout_ms)

    def read_byte(self, timeout: float) -> int | None:
        if not self._received:
            self._received += self.port.read(USB_READ_SIZE, max(1, round(timeout * 1000)))
        if not self._received:
            return None
        return self._received.pop(0)

    def close(self) -> None:
        self.port.close()


class UsbConnection(_TwoWayConnection):
    """A USB printer by vendor and product id. USB counts timeouts in milliseconds, and
    0 would mean waiting for ever: both are given here in milliseconds, never 0."""

    def __init__(
        self,
        vendor_id: int,
        product_id: int,
        *,
        timeout_ms: int = 5000,
        status_timeout_ms: int = 1000,
        answers_status: bool = True,
        open_port: Callable[[int, int], UsbPort] | None = None,
    ) -> None:
        if timeout_ms <= 0 or status_timeout_ms <= 0:
            raise ValueError("USB timeouts must be positive milliseconds (0 waits for ever)")
        self.answers_status = answers_status
        self.vendor_id, self.product_id = vendor_id, product_id
        self.timeout_ms = timeout_ms
        self.status_timeout = status_timeout_ms / 1000
        self._open_port = open_port or open_usb_port

    def describe(self) -> str:
        return f"usb {self.vendor_id:04x}:{self.product_id:04x}"

    def _open(self) -> Link:
        return _UsbLink(self._open_port(self.vendor_id, self.product_id), self.timeout_ms)


class _PyUsbPort:
    """The printer's first interface through pyusb and libusb."""

    def __init__(self, vendor_id: int, product_id: int) -> None:
        import usb.core
        import usb.util

        self._errors = usb.core.USBError
        try:
            device = usb.core.find(idVendor=vendor_id, idProduct=product_id)
        except usb.core.NoBackendError:
            raise OSError("libusb is not installed (Debian: libusb-1.0-0)") from None
        if device is None:
            raise OSError(f"no USB device {vendor_id:04x}:{product_id:04x} is connected")
        try:
            if device.is_kernel_driver_active(0):
                device.detach_kernel_driver(0)  # usblp holds the printer otherwise
            interface = device.get_active_configuration()[(0, 0)]
        except usb.core.USBError as error:
            raise OSError(f"cannot use the USB printer: {error}") from None

        def endpoint(direction: int) -> Any:
            return usb.util.find_descriptor(
                interface,
                custom_match=lambda e: usb.util.endpoint_direction(e.bEndpointAddress) == direction,
            )

        self.device = device
        self.out_endpoint = endpoint(usb.util.ENDPOINT_OUT)
        self.in_endpoint = endpoint(usb.util.ENDPOINT_IN)
        if self.out_endpoint is None:
            raise OSError("the USB device has no output endpoint: is it a printer?")

    def write(self, data: bytes, timeout_ms: int) -> int:
        try:
            return int(self.out_endpoint.write(data, timeout_ms))
        except self._errors as error:
            raise OSError(f"USB write failed: {error}") from None

    def read(self, size: int, timeout_ms: int) -> bytes:
        if self.in_endpoint is None:
            return b""
        try:
            return bytes(self.in_endpoint.read(size, timeout_ms))
        except self._errors:
            return b""  # pyusb reports a read timeout as an error: no answer

    def close(self) -> None:
        import usb.util

        usb.util.dispose_resources(self.device)


def open_usb_port(vendor_id: int, product_id: int) -> UsbPort:
    return _PyUsbPort(vendor_id, product_id)


class _FileLink:
    """A descriptor opened non-blocking: a device that stops taking data (usblp blocks
    write() for as long as the printer is out of paper or offline) fails the write once
    ``timeout`` seconds have passed without it taking any, instead of holding the print
    worker, and its stop, for ever."""

    exact_errors = True  # os.write() says how much it wrote, or fails having written none

    def __init__(self, descriptor: int, timeout: float) -> None:
        self.descriptor, self.timeout = descriptor, timeout

    def write(self, data: bytes) -> int:
        deadline = time.monotonic() + self.timeout
        poller = select.poll()
        poller.register(self.descriptor, select.POLLOUT)
        while (left := deadline - time.monotonic()) > 0:
            if not poller.poll(max(1, round(left * 1000))):
                break
            try:
                written = os.write(self.descriptor, data)
            except BlockingIOError:  # writable by poll's measure, not for this write yet
                time.sleep(min(0.05, max(0.0, left)))
                continue
            if written <= 0:
                raise OSError(errno.EIO, "the device took no data")
            return written
        raise _StalledError(errno.ETIMEDOUT, f"the device took no data in {self.timeout:g} s")

    def writable(self, timeout: float) -> bool:
        poller = select.poll()
        poller.register(self.descriptor, select.POLLOUT)
        return bool(poller.poll(max(0, round(timeout * 1000))))

    def read_byte(self, timeout: float) -> int | None:
        return None

    def close(self) -> None:
        os.close(self.descriptor)


class FileConnection(_TwoWayConnection):
    """A device or file path (for example /dev/usb/lp0); it cannot report status."""

    answers_status = False
    status_timeout = 0.0

    def __init__(self, path: Path, *, timeout: float = 5.0) -> None:
        self.path, self.timeout = path, timeout

    def describe(self) -> str:
        return f"file {self.path}"

    def status(self) -> Status:
        """Whether it opens and takes data now; nothing more can be known."""
        try:
            link = self._open()
        except OSError as error:
            return Status(State.UNREACHABLE, self._problem(error))
        try:
            if not link.writable(min(self.timeout, 0.1)):
                return Status(State.OFFLINE, f"{self.path}: the device takes no data")
            return Status(State.NO_STATUS, "configured as a printer without status")
        finally:
            link.close()

    def _open(self) -> _FileLink:
        # Non-blocking: opening a device (or a pipe) must not wait for ever either.
        flags = os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK
        if not str(self.path).startswith("/dev/"):  # a device that is gone is not a file
            flags |= os.O_CREAT
        return _FileLink(os.open(self.path, flags, 0o644), self.timeout)

    def _problem(self, error: OSError) -> str:
        return f"{self.path}: {error.strerror or error}"


class NoPrinter:
    """No printer configured: slips are only shown on screen."""

    def describe(self) -> str:
        return "none (preview only)"

    def status(self) -> Status:
        return Status(State.NO_PRINTER)

    def send(self, data: bytes) -> Status:
        raise PrinterError("no printer is configured", 0)
