# SPDX-License-Identifier: EUPL-1.2
"""The printer's answer after a job is about the printer after the job; something that
speaks first is no printer; a device file that stops taking data does not hold the print
worker.

Real bytes over a real loopback socket: ``InOrderPrinter`` answers each DLE EOT when it
reaches it in the stream, with the state at that point, as an Epson printer with
real-time commands on does (inside image data too). The device file is a real FIFO.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from printing import escpos_render, print_queue
from printing.connection import FileConnection, NetworkConnection, PrinterError, State
from printing.escpos_render import PROFILES, fit_logo, render
from printing.print_worker import PrintWorker
from printing.slip import Slip, Text
from store.database import Store
from store.models import OutboxEntry, PrintJob
from tests.printing.fake_printer import HEALTHY, PAPER_OUT, AlienServer
from tests.printing.waits import eventually

# DLE EOT, DLE ENQ and DLE DC4: the real-time commands a printer acts on on arrival.
REAL_TIME = re.compile(rb"\x10[\x04\x05\x14]")


class InOrderPrinter:
    """A TCP printer that reads its stream in order and answers every DLE EOT n (any n)
    as it reaches it: healthy until ``paper_bytes`` other bytes have come, out of paper
    after. ``answers_from``: it ignores the queries before that many other bytes (a
    printer that does not act on real-time commands inside a job's data)."""

    def __init__(self, paper_bytes: int | None = None, answers_from: int = 0) -> None:
        self.paper_bytes, self.answers_from = paper_bytes, answers_from
        self.job = bytearray()
        self.answered: list[tuple[int, int]] = []  # (job bytes before it, reply)
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(4)
        self.host, self.port = self._listener.getsockname()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        pending = bytearray()
        with connection:
            while True:
                try:
                    chunk = connection.recv(65536)
                except OSError:
                    return
                if not chunk:
                    return
                pending += chunk
                at = 0
                while at < len(pending):
                    if pending[at : at + 2] == b"\x10\x04":
                        if at + 2 >= len(pending):
                            break  # its n is still on the way
                        self._answer(connection, pending[at + 2])
                        at += 3
                        continue
                    self.job.append(pending[at])
                    at += 1
                del pending[:at]

    def _answer(self, connection: socket.socket, query: int) -> None:
        if len(self.job) < self.answers_from:
            return
        out = self.paper_bytes is not None and len(self.job) > self.paper_bytes
        reply = (PAPER_OUT if out else HEALTHY).get(query, 0x12)
        self.answered.append((len(self.job), reply))
        with contextlib.suppress(OSError):
            connection.sendall(bytes([reply]))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()


@contextlib.contextmanager
def in_order_printer(
    paper_bytes: int | None = None, answers_from: int = 0
) -> Iterator[InOrderPrinter]:
    printer = InOrderPrinter(paper_bytes, answers_from)
    try:
        yield printer
    finally:
        printer.close()


def grey_logo() -> Image.Image:
    """A grey gradient, dithered: its raster held DLE EOT n before the fix."""
    return fit_logo(Image.linear_gradient("L").resize((384, 120)), 384)


SLIP = Slip("Ricevuta", tuple(Text(f"Riga {i} della ricevuta") for i in range(20)))


def test_a_grey_logo_sends_no_real_time_command_and_paper_out_after_it_is_not_printed() -> None:
    data = render(SLIP, PROFILES["58mm"], logo=grey_logo())
    assert REAL_TIME.findall(data) == []
    # The roll ends on the slip's last lines: the answer after the job says so.
    with in_order_printer(paper_bytes=len(data) - 150) as printer:
        connection = NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=0.5)
        with pytest.raises(PrinterError) as raised:
            connection.send(data)
        assert raised.value.state is State.PAPER_OUT and raised.value.maybe_printed
    # A healthy printer: printed, and no paper alert made up from mid-job answers.
    with in_order_printer() as printer:
        connection = NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=0.5)
        assert connection.send(data).state is State.READY
        assert [before for before, _ in printer.answered] == [len(data)] * 2  # DLE EOT 1, 4


def test_no_raster_byte_pattern_survives_as_a_real_time_command() -> None:
    chooser = random.Random(7)
    for _ in range(200):
        ink = bytes(chooser.choice(b"\x10\x04\x05\x14\x00\xff") for _ in range(64))
        cleaned = escpos_render.without_real_time_commands(ink)
        assert REAL_TIME.search(cleaned) is None and not cleaned.endswith(b"\x10")
        # Only lone DLE dots go: every other byte is left as it was.
        assert all(a == b or (a, b) == (0x10, 0) for a, b in zip(ink, cleaned, strict=True))


def test_the_answer_after_a_job_is_not_one_to_a_query_inside_it() -> None:
    # Bytes from anywhere holding DLE EOT (not our renderer's: it sends none): the
    # printer answers those first, healthy, then runs out of paper before the job's end.
    inside = b"\x1dv0\x00\x02\x00\x03\x00" + b"\x10\x04\x01\x10\x04\x04\x10\x04\x02"
    data = b"\x1b@" + inside + b"\x1b@" * 2000 + b"\x1dVA\x00"
    with in_order_printer(paper_bytes=len(data) - 100) as printer:
        connection = NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=0.5)
        with pytest.raises(PrinterError) as raised:
            connection.send(data)
        assert raised.value.state is State.PAPER_OUT
        assert [reply for _, reply in printer.answered][:3] == [0x16, 0x12, 0x12]
    # A printer that ignored the ones inside: which byte answers is unknown, so the slip
    # is not confirmed (uncertain), never printed on a guess.
    with in_order_printer(answers_from=len(data) - 100) as printer:
        connection = NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=0.3)
        with pytest.raises(PrinterError) as raised:
            connection.send(data)
        assert raised.value.state is State.NO_ANSWER and raised.value.maybe_printed


@pytest.mark.parametrize(
    "greeting",
    [b"220 mail.comune.example ESMTP Postfix (Debian/GNU)\r\n", b"220 (vsFTPd 3.0.3)\r\n"],
    ids=["smtp", "ftp"],
)
def test_a_server_that_speaks_first_is_not_a_printer(greeting: bytes) -> None:
    server = AlienServer(greeting=greeting)
    try:
        connection = NetworkConnection(server.host, server.port, timeout=2, status_timeout=0.5)
        status = connection.status()
        assert status.state is State.NOT_A_PRINTER, status
        assert "'2'" in status.detail
        with pytest.raises(PrinterError) as raised:
            connection.send(render(SLIP, PROFILES["58mm"]))
        assert raised.value.state is State.NOT_A_PRINTER
        assert raised.value.sent == 0 and not raised.value.maybe_printed
        time.sleep(0.1)
        assert bytes(server.received) == b""  # no question, no slip sent to it
    finally:
        server.close()


@pytest.mark.parametrize(
    ("greeting", "delay"),
    [(b"220 mail.comune.example ESMTP Postfix\r\n", 0.3), (b"220 (vsFTPd 3.0.3)\r\n", 0.5)],
    ids=["smtp-greet-pause", "ftp-reverse-dns"],
)
def test_a_server_greeting_after_the_greeting_window_is_not_a_printer(
    store: Store, greeting: bytes, delay: float
) -> None:
    """Its "220" came while the kiosk asked: "2" and "2" have a status byte's fixed bits
    (online, then paper out), but a printer sends one byte per query, never a third."""
    server = AlienServer(greeting=greeting, greeting_delay=delay)
    try:
        connection = NetworkConnection(server.host, server.port, timeout=2, status_timeout=1.0)
        status = connection.status()
        assert status.state is State.NOT_A_PRINTER, status
        assert "more than one byte" in status.detail and "address and port" in status.detail
        with store.write() as session:
            job_uuid = print_queue.add(session, SLIP, "receipt", "PR-0001")
        worker = PrintWorker(
            store,
            NetworkConnection(server.host, server.port, timeout=2, status_timeout=1.0),
            PROFILES["58mm"],
            expire_after=timedelta(minutes=10),
            retry_s=0.05,
            idle_s=0.05,
        )
        worker.start()

        def job() -> PrintJob:
            with store.read() as session:
                return session.scalars(select(PrintJob).where(PrintJob.uuid == job_uuid)).one()

        try:
            eventually(lambda: job().waiting_reason is not None)
        finally:
            worker.stop()
        assert job().waiting_reason == "not_a_printer" and job().state == "pending"
        with store.read() as session:
            events = [e.payload for e in session.scalars(select(OutboxEntry)) if e.kind == "event"]
        assert [e["state"] for e in events] == ["not_a_printer"]  # never paper out
        assert b"Riga" not in server.received  # no slip sent to it
    finally:
        server.close()


class StallingDevice:
    """A FIFO standing for /dev/usb/lp0: its reader takes ``takes`` bytes, then stops
    reading (usblp blocks write() while the printer is out of paper)."""

    def __init__(self, folder: Path, takes: int = 8192) -> None:
        self.path = folder / "lp0"
        os.mkfifo(self.path)
        # Read and write: the pipe always has a reader, and reading it never sees an end
        # when a job's writer closes (as a device node stays there).
        self._descriptor = os.open(self.path, os.O_RDWR)
        self.takes, self.taken = takes, 0
        self.resume = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while self.taken < self.takes:
            self.taken += len(os.read(self._descriptor, self.takes - self.taken))
        self.resume.wait()  # stuck; then empties the pipe and goes
        os.set_blocking(self._descriptor, False)
        with contextlib.suppress(BlockingIOError):
            while os.read(self._descriptor, 65536):
                pass
        os.close(self._descriptor)


def test_a_device_file_that_stops_taking_data_leaves_the_job_uncertain(
    store: Store, tmp_path: Path
) -> None:
    device = StallingDevice(tmp_path)
    big = Slip("Avviso", tuple(Text(f"Riga {i} " + "x" * 20) for i in range(3000)))  # > pipe
    with store.write() as session:
        job_uuid = print_queue.add(session, big, "receipt", "PR-0001")
    worker = PrintWorker(
        store,
        FileConnection(device.path),  # the default write timeout, as configured
        PROFILES["58mm"],
        expire_after=timedelta(minutes=10),
        retry_s=0.05,
        idle_s=0.05,
    )
    worker.start()

    def job() -> PrintJob:
        with store.read() as session:
            return session.scalars(select(PrintJob).where(PrintJob.uuid == job_uuid)).one()

    try:
        eventually(lambda: job().state == "uncertain", timeout=20)
        assert "took no data" in (job().last_error or "")
        with store.read() as session:
            events = [e.payload for e in session.scalars(select(OutboxEntry)) if e.kind == "event"]
        assert {"type": "printer_alert", "state": "offline", "waiting_kind": "receipt"} in events
        eventually(lambda: worker.last.printer is State.OFFLINE)  # it still takes nothing
    finally:
        started = time.monotonic()
        worker.stop(timeout=3)
        stopped_in = time.monotonic() - started
        alive = worker._thread.is_alive()
        device.resume.set()
    assert not alive and stopped_in < 3


def test_a_device_file_nobody_reads_is_unreachable_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)  # no reader: a blocking open() waits for one for ever
    found: list[State] = []
    asking = threading.Thread(
        target=lambda: found.append(FileConnection(fifo).status().state), daemon=True
    )
    asking.start()
    asking.join(5)
    if asking.is_alive():  # let the blocked open() go before failing
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
    assert found == [State.UNREACHABLE]
