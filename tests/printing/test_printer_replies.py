# SPDX-License-Identifier: EUPL-1.2
"""Trusting what the printer says: its status after each job, bytes that really left on
every transport, and something that is not a printer on the configured port.

The TCP printer is tests/printing/fake_printer.py. Serial goes through a real
pseudo-terminal; the device-file transport writes to a real file under a real size
limit; USB is faked at its bulk endpoints, the one edge no test machine has.
"""

from __future__ import annotations

import os
import subprocess
import sys
import termios
import textwrap
import threading
import time
import tty
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import serial
import zxingcpp
from sqlalchemy import select

from kiosk.boot.paths import ROOT
from printing import connection as connection_module
from printing import print_queue, print_worker
from printing.connection import (
    NetworkConnection,
    PrinterError,
    SerialConnection,
    State,
    Status,
    UsbConnection,
    is_status_byte,
)
from printing.escpos_render import PROFILES, max_command_bytes, render, resync_bytes
from printing.print_worker import PrintWorker
from printing.slip import NOT_FISCAL, Pair, Qr, Slip, SlipContext, Text, header
from store.database import Store
from store.models import OutboxEntry, PrintJob
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import HTTP_BAD_REQUEST, SSH_BANNER, AlienServer, FakePrinter
from tests.printing.waits import eventually, rounds_later
from tests.printing.workers import working

CONTEXT = SlipContext("Social Point Limena", "Limena", "kiosk-02", datetime(2026, 11, 24, 9, 5))


def receipt(number: int = 1) -> Slip:
    return Slip(
        "Ricevuta",
        (
            *header(CONTEXT, "RICEVUTA"),
            Pair("Codice", f"PR-{number:04d}"),
            Text("Pasti a domicilio"),
            Text(NOT_FISCAL),
        ),
    )


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.close()


def start_worker(store: Store, connection: object) -> PrintWorker:
    worker = PrintWorker(
        store,
        connection,
        PROFILES["58mm"],  # type: ignore[arg-type]
        expire_after=timedelta(minutes=10),
        retry_s=0.05,
        idle_s=0.05,
    )
    worker.start()
    return worker


def queue(store: Store, number: int = 1) -> str:
    with store.write() as session:
        return print_queue.add(session, receipt(number), "receipt", f"PR-{number:04d}")


def job_row(store: Store, job_uuid: str) -> PrintJob:
    with store.read() as session:
        return session.scalars(select(PrintJob).where(PrintJob.uuid == job_uuid)).one()


def alerts(store: Store) -> list[dict[str, object]]:
    with store.read() as session:
        return [e.payload for e in session.scalars(select(OutboxEntry)) if e.kind == "event"]


def test_paper_running_out_during_a_slip_leaves_it_uncertain(
    store: Store, printer: FakePrinter
) -> None:
    printer.paper_left = 300  # healthy before the job, paper end after it
    job_uuid = queue(store, 5)
    worker = start_worker(
        store, NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0)
    )
    try:
        eventually(lambda: job_row(store, job_uuid).state == "uncertain")
        row = job_row(store, job_uuid)
        assert "paper_out" in (row.last_error or "") and row.printed_at is None
        assert {"type": "printer_alert", "state": "paper_out", "waiting_kind": "receipt"} in alerts(
            store
        )
        printer.mode, printer.paper_left = "healthy", None  # a new roll
        rounds_later(worker)
        assert len(printer.jobs) == 1  # never sent again by itself
        with store.read() as session:
            assert [j.uuid for j in print_queue.needing_attention(session)] == [job_uuid]
    finally:
        worker.stop()


def test_a_slow_printer_is_not_counted_printed_before_it_answers(printer: FakePrinter) -> None:
    printer.reply_delay = 0.6  # answers, but after the 0.3 s the kiosk waits
    data = render(receipt(), PROFILES["58mm"])
    connection = NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=0.3)
    assert connection.status().state is State.NO_ANSWER
    with pytest.raises(PrinterError) as raised:
        connection.send(data)
    assert raised.value.maybe_printed and raised.value.sent == len(data)
    assert raised.value.state is State.NO_ANSWER
    printer.reply_delay = 0.0
    assert connection.send(data).state is State.READY  # answered in time: printed


def test_a_slow_printer_holds_the_queue_instead_of_printing_unconfirmed(
    store: Store, printer: FakePrinter
) -> None:
    printer.reply_delay = 1.5  # answers, but after the 1 s the kiosk waits
    job_uuid = queue(store)
    worker = start_worker(
        store, NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0)
    )
    try:
        eventually(lambda: job_row(store, job_uuid).waiting_reason == "no_answer")
        assert job_row(store, job_uuid).state == "pending" and printer.jobs == []
        printer.reply_delay = 0.0
        eventually(lambda: job_row(store, job_uuid).state == "printed")
        assert len(printer.jobs) == 1
    finally:
        worker.stop()


@pytest.mark.parametrize(
    ("greeting", "answer"), [(SSH_BANNER, b""), (b"", HTTP_BAD_REQUEST)], ids=["ssh", "http"]
)
def test_a_server_that_is_not_a_printer_is_never_paper_out(
    store: Store, greeting: bytes, answer: bytes
) -> None:
    server = AlienServer(greeting, answer)
    try:
        connection = NetworkConnection(server.host, server.port, timeout=2, status_timeout=5.0)
        status = connection.status()
        assert status.state is State.NOT_A_PRINTER
        assert "address and port" in status.detail and f":{server.port}" in status.detail
        job_uuid = queue(store)
        worker = start_worker(store, connection)
        try:
            eventually(lambda: job_row(store, job_uuid).waiting_reason == "not_a_printer")
        finally:
            worker.stop()
        assert [a["state"] for a in alerts(store)] == ["not_a_printer"]  # no paper alert
        assert job_row(store, job_uuid).state == "pending"
        assert b"PR-0001" not in server.received  # no slip sent to a web or SSH server
    finally:
        server.close()


def test_only_bytes_with_the_fixed_bits_are_printer_status() -> None:
    valid = [b for b in range(256) if is_status_byte(b)]
    assert len(valid) == 16 and all(b & 0x12 == 0x12 and not b & 0x81 for b in valid)
    for reply in (0x00, 0xFF, ord("H"), ord("S"), 0x08, 0x72 | 0x80, 0x13):
        server = AlienServer(answer=bytes([reply]))
        try:
            connection = NetworkConnection(server.host, server.port, status_timeout=5.0)
            assert connection.status().state is State.NOT_A_PRINTER, hex(reply)
        finally:
            server.close()


def print_one(store: Store, number: int) -> None:
    job_uuid = queue(store, number)
    eventually(lambda: job_row(store, job_uuid).state == "printed")


def test_paper_near_its_end_tells_the_managers_once_per_roll(
    store: Store, printer: FakePrinter
) -> None:
    printer.mode = "near_end"
    first, second = queue(store, 1), queue(store, 2)
    worker = start_worker(
        store, NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0)
    )
    try:
        eventually(lambda: job_row(store, second).state == "printed")
        assert job_row(store, first).state == "printed"  # near-end still prints
        assert alerts(store) == [{"type": "printer_alert", "state": "paper_low"}]
        # The sensor flickers back to "fine" on the same roll, between slips: no news.
        for number, mode in enumerate(["healthy", "near_end", "healthy", "near_end"], 3):
            printer.mode = mode
            print_one(store, number)
        rounds_later(worker)
        assert alerts(store) == [{"type": "printer_alert", "state": "paper_low"}]
        printer.mode = "paper_out"  # the roll ends; a new one goes in
        eventually(lambda: worker.last.printer is State.PAPER_OUT)
        printer.mode = "healthy"
        eventually(lambda: worker.last.printer is State.READY)
        printer.mode = "near_end"  # the new roll nears its end
        eventually(lambda: len(alerts(store)) == 2)
        # The state is published after the alert is written, in the same round.
        eventually(lambda: worker.last.printer is State.PAPER_LOW)
        assert alerts(store) == [{"type": "printer_alert", "state": "paper_low"}] * 2
    finally:
        worker.stop()


def test_a_roll_changed_before_it_ran_out_is_told_of_again_near_its_end(
    store: Store, printer: FakePrinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The managers change the roll when told it is near its end: slips printing with
    the sensor "fine" after each, many in a row, are a new roll."""
    monkeypatch.setattr(print_worker, "FINE_SLIPS_NEW_ROLL", 3)
    printer.mode = "near_end"
    worker = start_worker(
        store, NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0)
    )
    try:
        for number, mode in enumerate(["near_end", *["healthy"] * 3, "near_end"], 1):
            printer.mode = mode
            print_one(store, number)
        eventually(lambda: len(alerts(store)) == 2)
        assert alerts(store) == [{"type": "printer_alert", "state": "paper_low"}] * 2
    finally:
        worker.stop()


class TimingOutUsbPort:
    """A USB printer's bulk endpoints that take ``limit`` bytes, then time out part-way
    through a transfer, as a real stalled printer does."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.written = bytearray()
        self.pending = b""

    def write(self, data: bytes, timeout_ms: int) -> int:
        if data[:2] == b"\x10\x04":
            self.pending = b"\x16" if data[2] == 1 else b"\x12"
            return len(data)
        if self.limit is not None and len(self.written) + len(data) > self.limit:
            self.written += data[: self.limit - len(self.written)]
            raise OSError("USB write failed: [Errno 110] Operation timed out")
        self.written += data
        return len(data)

    def read(self, size: int, timeout_ms: int) -> bytes:
        reply, self.pending = self.pending, b""
        return reply

    def close(self) -> None:
        pass


@pytest.mark.parametrize("limit", [300, 0])
def test_a_usb_transfer_timing_out_part_way_makes_the_slip_uncertain(
    store: Store, limit: int
) -> None:
    port = TimingOutUsbPort(limit)
    connection = UsbConnection(0x04B8, 0x0202, open_port=lambda vendor, product: port)
    job_uuid = queue(store, 3)
    worker = start_worker(store, connection)
    try:
        eventually(lambda: job_row(store, job_uuid).state == "uncertain")
        port.limit = None  # the printer is fine again
        rounds_later(worker)
    finally:
        worker.stop()
    assert len(port.written) == limit  # the cut-off part only: never a second, unmarked copy


class StalledSerialPrinter:
    """A pseudo-terminal whose far end stops reading after answering the status: the
    kernel's buffer fills and pyserial's write timeout strikes part-way through a write."""

    def __init__(self) -> None:
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.device = os.ttyname(slave)
        self._slave = slave
        self.reading = True
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while self.reading:
            try:
                chunk = os.read(self.master, 3)
            except OSError:
                return
            if chunk[:2] == b"\x10\x04":
                os.write(self.master, b"\x16" if chunk[2:] == b"\x01" else b"\x12")
            else:
                self.reading = False  # a job arrives: the printer jams, reads no more

    def close(self) -> None:
        os.close(self._slave)
        os.close(self.master)


def test_a_serial_write_timing_out_part_way_is_uncertain_not_nothing_sent() -> None:
    printer = StalledSerialPrinter()
    try:
        connection = SerialConnection(printer.device, 115200, timeout=1, status_timeout=0.3)
        assert connection.status().state is State.READY
        data = render(receipt(), PROFILES["80mm"]) * 60  # more than the kernel buffers
        with pytest.raises(PrinterError) as raised:
            connection.send(data)
        assert raised.value.maybe_printed
        assert raised.value.sent < len(data)
    finally:
        printer.close()


def test_a_device_file_that_takes_part_of_a_job_reports_what_it_took(tmp_path: Path) -> None:
    # A real short write: the file size limit (RLIMIT_FSIZE) stops the write at 1,000
    # bytes, as a device stops taking data. In a child process, so the limit stays there.
    device = tmp_path / "lp0"
    script = textwrap.dedent(f"""
        import resource, signal, sys
        from pathlib import Path
        from printing.connection import FileConnection, PrinterError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
        try:
            FileConnection(Path({str(device)!r})).send(bytes(5000))
        except PrinterError as error:
            print(error.sent, error.maybe_printed)
            sys.exit(0)
        print("no error")
    """)
    child = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.stdout.split() == ["1000", "True"], child.stdout + child.stderr
    assert device.stat().st_size == 1000


# A paragraph in letters the code page lacks prints as one picture of all its lines.
ARABIC = "مرحبا بكم في مكتب الخدمات الاجتماعية " * 20


@pytest.mark.parametrize("drawn", ["qr", "text"])
def test_a_copy_after_a_raster_cut_off_is_not_swallowed_as_image_data(
    store: Store, printer: FakePrinter, drawn: str
) -> None:
    """The copy's first bytes resynchronise the printer after a job cut off inside an
    image; a text drawn as a picture (Arabic, Chinese) was one command longer than that
    covers, and the copy, DUPLICATO banner included, was taken as image data."""
    picture = Qr("SP1:" + "A" * 150) if drawn == "qr" else Text(ARABIC, lang="ar")
    slip = Slip("Buono", (*header(CONTEXT, "BUONO"), picture, Text("CODICE-1234")))
    whole = render(slip, PROFILES["58mm-image-qr"])
    longest = max(decode(whole).raster_commands)
    assert longest <= max_command_bytes(PROFILES["58mm-image-qr"])
    printer.mode = "disconnect"
    printer.disconnect_after = whole.index(b"\x1dv0") + 500  # in the QR's image data
    with store.write() as session:
        job_uuid = print_queue.add(session, slip, "voucher", "CODICE-1234")
    worker = PrintWorker(
        store,
        NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0),
        PROFILES["58mm-image-qr"],
        expire_after=timedelta(minutes=10),
        retry_s=0.05,
        idle_s=0.05,
    )
    worker.start()
    try:
        eventually(lambda: job_row(store, job_uuid).state == "uncertain")
        printer.mode = "healthy"
        with store.write() as session:
            copy_uuid = print_queue.reprint(session, job_uuid, "Europe/Rome")
        worker.wake()
        eventually(lambda: job_row(store, copy_uuid).state == "printed")
    finally:
        worker.stop()
    eventually(lambda: len(printer.jobs) == 2)
    # What the printer's parser sees: the cut-off job, then the copy, in one stream.
    seen = decode(printer.jobs[0] + printer.jobs[1])
    assert "DUPLICATO n. 1" in seen.texts and "CODICE-1234" in seen.texts
    codes = [code.text for image in seen.images for code in zxingcpp.read_barcodes(image)]
    assert codes == (["SP1:" + "A" * 150] if drawn == "qr" else [])


@pytest.mark.parametrize("next_job", ["receipt", "reprint"])
def test_a_job_cut_off_before_a_restart_is_completed_by_the_next_one(
    store: Store, printer: FakePrinter, next_job: str
) -> None:
    """The kiosk restarted after a slip was cut off inside an image (uncertain), the
    printer did not: it still waits for the image's bytes. The new worker starts the next
    job with the resync, so that job is not swallowed as image data and recorded printed;
    once a job went through whole, a later restart sends none."""
    profile = PROFILES["58mm-image-qr"]
    voucher = Slip("Buono", (*header(CONTEXT, "BUONO"), Qr("SP1:" + "7" * 120), Text("VC-42")))
    printer.mode = "disconnect"
    printer.disconnect_after = render(voucher, profile).index(b"\x1dv0") + 777
    with store.write() as session:
        cut_off = print_queue.add(session, voucher, "voucher", "VC-42")

    def run_until(job_uuid: str, state: str) -> None:
        worker = PrintWorker(
            store,
            NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0),
            profile,
            expire_after=timedelta(minutes=10),
            retry_s=0.05,
            idle_s=0.05,
        )
        worker.start()
        try:
            eventually(lambda: job_row(store, job_uuid).state == state)
        finally:
            worker.stop()

    run_until(cut_off, "uncertain")
    printer.mode = "healthy"  # the kiosk restarts; the printer was never switched off
    with store.write() as session:
        if next_job == "receipt":
            following = print_queue.add(session, receipt(7), "receipt", "PR-0007")
        else:  # the manager reprints the cut-off voucher: it leaves the slips to check
            following = print_queue.reprint(session, cut_off, "Europe/Rome")
    run_until(following, "printed")
    eventually(lambda: len(printer.jobs) == 2)
    seen = decode(printer.jobs[0] + printer.jobs[1])  # the printer's parser: one stream
    expected = "PR-0007" if next_job == "receipt" else "DUPLICATO n. 1"
    assert any(expected in line for line in seen.texts), seen.texts
    last = queue(store, 8)
    run_until(last, "printed")  # restarted again, after a job that went through whole
    eventually(lambda: len(printer.jobs) == 3)
    assert not printer.jobs[2].startswith(resync_bytes(profile))


@pytest.mark.slow  # the command line, in a process
def test_print_test_without_status_prints_on_a_silent_printer(
    tmp_path: Path, printer: FakePrinter
) -> None:
    printer.mode = "silent"
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[paths]\ndata_dir = "{tmp_path}"\n[printer]\nconnection = "network"\n'
        f'host = "127.0.0.1"\nport = {printer.port}\nstatus_timeout_ms = 300\n',
        encoding="utf-8",
    )

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kiosk.cli", "print-test", "--config", str(config), *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            check=False,
        )

    refused = run()
    assert refused.returncode == 1 and "no_answer" in refused.stdout
    assert "--no-status" in refused.stderr  # says what to do about it
    printed = run("--no-status")
    assert printed.returncode == 0, printed.stderr
    assert "status: no_status" in printed.stdout and "test page printed" in printed.stdout
    eventually(lambda: any(b"PAGINA" in job for job in printer.jobs))
    config.write_text(
        config.read_text(encoding="utf-8") + "answers_status = false\n", encoding="utf-8"
    )
    assert run().returncode == 0  # the same, from the configuration


def test_a_fault_is_told_again_once_the_printer_was_ready_in_between(
    store: Store, printer: FakePrinter
) -> None:
    """Paper out, the slip waiting for it expires, a new roll goes in and nothing prints
    for a while; days later the paper runs out again: the managers hear of it again."""
    printer.mode = "paper_out"
    queue(store, 1)
    connection = NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=2.0)
    worker = start_worker(store, connection)
    try:
        eventually(lambda: [a.get("state") for a in alerts(store)] == ["paper_out"])
        with store.write() as session:
            print_queue.expire(session, timedelta(0))  # it waited too long
        printer.mode = "healthy"
        rounds_later(worker)  # idle, with the printer ready
        printer.mode = "paper_out"
        queue(store, 2)
        eventually(lambda: [a.get("state") for a in alerts(store)] == ["paper_out"] * 2)
    finally:
        worker.stop()


class UnpluggedMidJob:
    """pyserial's Serial at the device edge (a fake: no serial device here): a healthy
    printer's status answers, then the adapter is pulled while a job's bytes drain, and
    flush() fails with termios.error, as pyserial's does on Linux (EIO)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.timeout = kwargs.get("timeout")
        self.pending = b""
        self.job = False

    def write(self, data: bytes) -> int:
        if data[:2] == b"\x10\x04":
            self.pending = b"\x16" if data[2] == 1 else b"\x12"
        else:
            self.job = True
        return len(data)

    def flush(self) -> None:
        if self.job:
            raise termios.error(5, "Input/output error")

    def read(self, size: int = 1) -> bytes:
        reply, self.pending = self.pending, b""
        return reply

    def close(self) -> None:
        pass


def test_a_serial_printer_unplugged_mid_job_leaves_it_uncertain_not_sending_for_good(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """termios.error is no OSError: it went past the transport's checks, and the job
    stayed "sending" (neither uncertain nor listed for the manager) until a restart."""
    monkeypatch.setattr(serial, "Serial", UnpluggedMidJob)
    connection = SerialConnection("/dev/ttyUSB0", 19200, timeout=1, status_timeout=0.3)
    with pytest.raises(PrinterError) as raised:
        connection.send(render(receipt(), PROFILES["58mm"]))
    assert raised.value.maybe_printed
    job_uuid = queue(store, 7)
    with working(store, connection) as worker:
        rounds_later(worker, 5)
    with store.read() as session:
        to_check = [job.uuid for job in print_queue.needing_attention(session)]
    assert (job_row(store, job_uuid).state, job_uuid in to_check) == ("uncertain", True)


class BrokenTransport:
    """A transport failing in a way of its own once the job's bytes go (any bug of a
    driver): the job may have printed."""

    answers_status = True

    def status(self) -> Status:
        return Status(State.READY, "ready")

    def send(self, data: bytes) -> Status:
        raise ValueError("a driver's own failure")


def test_a_transport_failing_its_own_way_mid_job_leaves_the_job_uncertain(store: Store) -> None:
    job_uuid = queue(store, 8)
    with working(store, BrokenTransport()) as worker:  # type: ignore[arg-type]
        rounds_later(worker, 3)
    assert job_row(store, job_uuid).state == "uncertain"


def test_a_long_slip_on_a_printer_that_reads_as_it_prints_is_confirmed(
    store: Store, printer: FakePrinter
) -> None:
    """The answer to the status query after a job waits behind the job's bytes, which a
    printer takes about as fast as it prints: a long slip (a paragraph drawn as a
    picture) took longer than the fixed second, and a healthy printer's slip was
    recorded uncertain, for a manager to check."""
    slip = Slip("Informativa", (*header(CONTEXT, "INFORMATIVA"), *[Text(ARABIC, lang="ar")] * 2))
    data = render(slip, PROFILES["58mm"])
    printer.bytes_per_s = len(data) / 1.8  # the slip takes 1.8 s to go through
    with store.write() as session:
        job_uuid = print_queue.add(session, slip, "receipt", "INF-1")
    connection = NetworkConnection(printer.host, printer.port, timeout=5, status_timeout=1.0)
    with working(store, connection):
        eventually(lambda: job_row(store, job_uuid).state in ("printed", "uncertain"), 30)
    assert job_row(store, job_uuid).state == "printed"


def test_the_wait_after_a_long_job_on_a_printer_that_froze_is_the_jobs_own(
    printer: FakePrinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer after a job is awaited longer for a longer job, but never without an
    end: as long as a slow printer takes to read it, then the slip is uncertain."""
    monkeypatch.setattr(connection_module, "DRAIN_BYTES_PER_S", 600_000)
    printer.mode = "hang"  # answers until a job arrives, then never again
    connection = NetworkConnection(printer.host, printer.port, timeout=5, status_timeout=0.3)
    job = b"\x1b@" + b"x" * 300_000 + b"\n"  # 0.5 s at this printer's pace
    started = time.monotonic()
    with pytest.raises(PrinterError) as raised:
        connection.send(job)
    assert raised.value.maybe_printed
    assert 0.3 + 0.5 <= time.monotonic() - started < 0.3 + 0.5 + 2.0


@pytest.mark.slow  # a slip that takes a slow printer 12 s to read
def test_a_slip_longer_than_ten_seconds_at_a_slow_printers_pace_is_confirmed(
    printer: FakePrinter,
) -> None:
    """The wait for the answer after a job was capped at 10 s more than the status
    timeout: a healthy printer's longer slip (a privacy notice drawn as pictures, 500 KB
    and more) was always recorded uncertain, for a manager to check."""
    printer.bytes_per_s = connection_module.DRAIN_BYTES_PER_S
    connection = NetworkConnection(printer.host, printer.port, timeout=5, status_timeout=0.5)
    job = b"\x1b@" + b"x" * int(12 * printer.bytes_per_s) + b"\n"
    assert connection.send(job).state.can_print
    eventually(lambda: printer.jobs == [job])


def test_stopping_the_worker_while_a_long_slip_drains_is_prompt(
    store: Store, printer: FakePrinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However long the answer after a job is awaited, the kiosk's stop does not wait
    for it: the slip is left uncertain (it may print whole, or part of it)."""
    monkeypatch.setattr(connection_module, "DRAIN_BYTES_PER_S", 100)  # minutes per slip
    printer.mode = "hang"
    job_uuid = queue(store, 10)
    connection = NetworkConnection(printer.host, printer.port, timeout=5, status_timeout=0.3)
    worker = PrintWorker(
        store, connection, PROFILES["58mm"], expire_after=timedelta(minutes=10), retry_s=0.05
    )
    worker.start()
    try:
        eventually(lambda: job_row(store, job_uuid).state == "sending")
        time.sleep(0.5)  # the job is out: its answer is awaited
    finally:
        started = time.monotonic()
        worker.stop()
    assert time.monotonic() - started < 2.0
    row = job_row(store, job_uuid)
    assert row.state == "uncertain" and "stopped" in (row.last_error or "")


class FlippingPrinter:
    """A printer whose fault flips between two at every look (unplugged and plugged
    back, a cable that comes and goes): unreachable, then not answering."""

    answers_status = True

    def __init__(self) -> None:
        self.looks = 0

    def status(self) -> Status:
        self.looks += 1
        return Status(State.UNREACHABLE if self.looks % 2 else State.NO_ANSWER, "flipping")

    def send(self, data: bytes) -> Status:
        raise AssertionError("a printer at fault is sent nothing")


def test_a_fault_flipping_between_two_is_told_to_the_managers_once_each(store: Store) -> None:
    """The managers hear of a printer fault once, not at every retry: a fault flipping
    between two states was news each time, and filled the outbox with alerts."""
    queue(store, 9)
    with working(store, FlippingPrinter()) as worker:  # type: ignore[arg-type]
        rounds_later(worker, 12)
    with store.read() as session:
        alerts = [
            row.payload["state"]
            for row in session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "event"))
            if row.payload.get("type") == "printer_alert"
        ]
    assert sorted(alerts) == ["no_answer", "unreachable"]
