# SPDX-License-Identifier: EUPL-1.2
"""Serial printers through a real pseudo-terminal; USB printers through a fake port.

USB is the one edge faked here: no USB printer is attached to the test machine, so
``UsbPort`` (the printer's two bulk endpoints) is replaced by an object that records
what pyusb would have been asked, in particular the timeouts in milliseconds.
"""

from __future__ import annotations

import os
import threading
import time
import tty
from collections.abc import Iterator
from datetime import datetime

import pytest

from kiosk.boot.printer_setup import connection_for
from printing.connection import (
    PrinterError,
    SerialConnection,
    State,
    UsbConnection,
)
from printing.escpos_render import PROFILES, render
from printing.slip import SlipContext, printer_test_page
from tests.conftest import make_config
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import HEALTHY, PAPER_OUT

CONTEXT = SlipContext(
    "Social Point Campodoro", "Campodoro", "kiosk-03", datetime(2026, 11, 24, 12, 0)
)


class SerialPrinter:
    """The far end of a pseudo-terminal, playing a serial printer."""

    def __init__(self) -> None:
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.device = os.ttyname(slave)
        self._slave = slave
        self.replies: dict[int, int] | None = {1: 0x16, 2: 0x12, 4: 0x12}
        self.received = bytearray()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                return
            self.received += chunk
            while (at := self.received.find(b"\x10\x04")) != -1 and at + 2 < len(self.received):
                query = self.received[at + 2]
                del self.received[at : at + 3]
                if self.replies is not None:
                    os.write(self.master, bytes([self.replies[query]]))

    def close(self) -> None:
        os.close(self._slave)
        os.close(self.master)


@pytest.fixture
def serial_printer() -> Iterator[SerialPrinter]:
    printer = SerialPrinter()
    yield printer
    printer.close()


def test_a_serial_printer_reports_status_and_prints(serial_printer: SerialPrinter) -> None:
    connection = SerialConnection(serial_printer.device, 19200, timeout=2, status_timeout=0.5)
    assert connection.status().state is State.READY
    serial_printer.replies = PAPER_OUT
    assert connection.status().state is State.PAPER_OUT
    serial_printer.replies = {1: 0x16, 2: 0x12, 4: 0x12}
    connection.send(render(printer_test_page(CONTEXT, "seriale"), PROFILES["58mm"]))
    job = decode(bytes(serial_printer.received))
    assert "Accenti: àèéìòù ÀÈÉÌÒÙ" in job.texts and job.cuts == 1


def test_a_silent_or_missing_serial_printer_is_reported(serial_printer: SerialPrinter) -> None:
    serial_printer.replies = None
    connection = SerialConnection(serial_printer.device, timeout=2, status_timeout=0.2)
    assert connection.status().state is State.NO_ANSWER
    missing = SerialConnection("/dev/ttyNOPE", timeout=1, status_timeout=0.2)
    assert missing.status().state is State.UNREACHABLE
    with pytest.raises(PrinterError) as raised:
        missing.send(b"x")
    assert raised.value.sent == 0


class FakeUsbPort:
    def __init__(self, replies: dict[int, int], fail_after: int | None = None) -> None:
        self.replies, self.fail_after = replies, fail_after
        self.written = bytearray()
        self.timeouts: list[tuple[str, int]] = []
        self.pending = b""
        self.closed = False

    def write(self, data: bytes, timeout_ms: int) -> int:
        self.timeouts.append(("write", timeout_ms))
        if self.fail_after is not None and len(self.written) >= self.fail_after:
            raise OSError("USB write failed: [Errno 110] Operation timed out")
        if data[:2] == b"\x10\x04":
            self.pending = bytes([self.replies[data[2]]])
        else:
            self.written += data
        return len(data)

    def read(self, size: int, timeout_ms: int) -> bytes:
        self.timeouts.append(("read", timeout_ms))
        reply, self.pending = self.pending, b""
        return reply

    def close(self) -> None:
        self.closed = True


class QueuingUsbPrinter:
    """A USB printer's bulk endpoints whose IN endpoint keeps what the printer sent until
    the host reads it, across connections, as a real device does. It answers every DLE
    EOT in order: one inside a job's data at once, a status query after ``delays``' next
    value in seconds (0.01 once they are used up); a read returns all that has come."""

    def __init__(self) -> None:
        self.replies = HEALTHY
        self.delays: list[float] = []
        self.written = bytearray()
        self._sent: list[tuple[float, int]] = []  # (when it is readable, byte)
        self._last = 0.0
        self._lock = threading.Lock()

    def _answer(self, query: int, delay: float) -> None:
        with self._lock:  # one answer after the other, never overtaking
            self._last = max(time.monotonic(), self._last) + delay
            self._sent.append((self._last, self.replies[query]))

    def write(self, data: bytes, timeout_ms: int) -> int:
        if len(data) == 3 and data[:2] == b"\x10\x04":
            self._answer(data[2], self.delays.pop(0) if self.delays else 0.01)
            return 3
        self.written += data
        at = data.find(b"\x10\x04")
        while at != -1:
            self._answer(data[at + 2], 0.0)
            at = data.find(b"\x10\x04", at + 3)
        return len(data)

    def arrived(self) -> int:
        with self._lock:
            return sum(1 for when, _ in self._sent if when <= time.monotonic())

    def read(self, size: int, timeout_ms: int) -> bytes:
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            with self._lock:
                ready = [reply for when, reply in self._sent if when <= time.monotonic()][:size]
                if ready:
                    del self._sent[: len(ready)]
                    return bytes(ready)
            if time.monotonic() >= deadline:
                return b""
            time.sleep(0.002)

    def close(self) -> None:
        pass


def usb_on(device: QueuingUsbPrinter) -> UsbConnection:
    return UsbConnection(
        0x0416, 0x5011, timeout_ms=2000, status_timeout_ms=200, open_port=lambda v, p: device
    )


def test_a_late_usb_answer_is_not_read_as_the_next_one() -> None:
    """An answer that came after its query's timeout stayed in the IN endpoint: read as
    the next query's answer, every later one was shifted by one, so a slip on an empty
    roll counted as printed and paper near its end was made up."""
    device = QueuingUsbPrinter()
    device.delays = [0.4]  # busy once: answers after the 0.2 s the kiosk waits
    connection = usb_on(device)
    assert connection.status().state is State.NO_ANSWER
    time.sleep(0.3)
    assert device.arrived() == 1  # the late answer waits in the endpoint
    device.replies = PAPER_OUT  # the roll ended meanwhile
    assert connection.status().state is State.PAPER_OUT
    with pytest.raises(PrinterError) as raised:
        connection.send(render(printer_test_page(CONTEXT, "usb"), PROFILES["58mm"]))
    assert raised.value.state is State.PAPER_OUT and raised.value.maybe_printed


def test_a_usb_answer_arriving_during_the_next_questions_voids_them() -> None:
    """Asked again before the late answer came: it arrives among the new answers, and
    which answers which is unknown: no answer (the job waits), never a state made up."""
    device = QueuingUsbPrinter()
    device.delays = [0.3]
    connection = usb_on(device)
    assert connection.status().state is State.NO_ANSWER
    assert device.arrived() == 0  # still on its way
    status = connection.status()
    assert status.state is State.NO_ANSWER and "out of step" in status.detail
    assert connection.status().state is State.READY  # in step again


def test_every_byte_of_one_usb_read_is_an_answer() -> None:
    """A job holding two DLE EOT queries: the printer answers them at once, and one read
    brings both; keeping only a read's last byte lost one, and a confirmed slip was
    reported as unanswered (uncertain)."""
    device = QueuingUsbPrinter()
    data = b"\x1b@\x10\x04\x01\x10\x04\x04" + render(
        printer_test_page(CONTEXT, "usb"), PROFILES["58mm"]
    )
    assert len(data) < 4096  # one transfer
    assert usb_on(device).send(data).state is State.READY


def test_usb_timeouts_are_milliseconds_and_status_is_read() -> None:
    port = FakeUsbPort({1: 0x16, 2: 0x12, 4: 0x72})
    connection = UsbConnection(
        0x04B8,
        0x0202,
        timeout_ms=5000,
        status_timeout_ms=800,
        open_port=lambda vendor, product: port,
    )
    assert connection.describe() == "usb 04b8:0202"
    assert connection.status().state is State.PAPER_OUT
    assert ("read", 800) in port.timeouts and ("write", 5000) in port.timeouts
    assert port.closed
    with pytest.raises(ValueError, match="milliseconds"):
        UsbConnection(0x04B8, 0x0202, timeout_ms=0)


def test_a_usb_job_failing_mid_way_reports_what_was_sent() -> None:
    port = FakeUsbPort({1: 0x16, 2: 0x12, 4: 0x12}, fail_after=4096)
    connection = UsbConnection(0x04B8, 0x0202, open_port=lambda vendor, product: port)
    data = render(printer_test_page(CONTEXT, "usb"), PROFILES["80mm"]) * 10
    assert len(data) > 4096 * 2
    with pytest.raises(PrinterError) as raised:
        connection.send(data)
    assert raised.value.sent == 4096 and "timed out" in str(raised.value)


def test_a_missing_usb_printer_is_unreachable() -> None:
    def nothing(vendor: int, product: int) -> FakeUsbPort:
        raise OSError(f"no USB device {vendor:04x}:{product:04x} is connected")

    connection = UsbConnection(0x04B8, 0x0202, open_port=nothing)
    status = connection.status()
    assert status.state is State.UNREACHABLE and "04b8:0202" in status.detail


def test_the_configuration_picks_the_transport(tmp_path) -> None:  # type: ignore[no-untyped-def]
    usb = connection_for(
        make_config(
            tmp_path,
            '[printer]\nconnection = "usb"\n'
            'usb_vendor_id = "0x04b8"\nusb_product_id = "0x0e15"\n'
            "usb_timeout_ms = 3000\n",
        )
    )
    assert isinstance(usb, UsbConnection) and usb.timeout_ms == 3000
    assert usb.describe() == "usb 04b8:0e15"
    serial = connection_for(
        make_config(
            tmp_path,
            '[printer]\nconnection = "serial"\ndevice = "/dev/ttyUSB0"\nbaudrate = 38400\n',
        )
    )
    assert serial.describe() == "serial /dev/ttyUSB0 at 38400 baud"
