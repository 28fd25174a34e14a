# SPDX-License-Identifier: EUPL-1.2
"""The print queue and its worker against a TCP printer on 127.0.0.1 and a real store."""

from __future__ import annotations

import logging
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from kiosk.boot.paths import ROOT
from printing import print_queue
from printing.connection import NetworkConnection, State
from printing.layout import PROFILES
from printing.print_worker import PrintUpdate, PrintWorker
from printing.slip import NOT_FISCAL, Slip, Text, header
from store import outbox
from store.database import Store
from store.models import OutboxEntry, PrintJob
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.samples import CONTEXT, receipt
from tests.printing.waits import eventually, rounds_later
from tests.sync.disk_faults import ReadOnlyDisk


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.close()


@pytest.fixture
def worker(store: Store, printer: FakePrinter) -> Iterator[PrintWorker]:
    updates: list[PrintUpdate] = []
    connection = NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0)
    running = PrintWorker(
        store,
        connection,
        PROFILES["58mm"],
        expire_after=timedelta(minutes=10),
        retry_s=0.05,
        idle_s=0.05,
        on_update=updates.append,
    )
    running.updates = updates  # type: ignore[attr-defined]
    yield running
    running.stop()


def job_row(store: Store, job_uuid: str) -> PrintJob:
    with store.read() as session:
        return session.scalars(select(PrintJob).where(PrintJob.uuid == job_uuid)).one()


def alerts(store: Store) -> list[dict[str, object]]:
    with store.read() as session:
        return [e.payload for e in session.scalars(select(OutboxEntry)) if e.kind == "event"]


def test_a_job_is_written_with_its_record_or_not_at_all(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        outbox.add(session, "event", {"purchase": 1})
        print_queue.add(session, receipt(), "receipt", "PR-0001")
        raise RuntimeError("power cut before the commit")
    with store.read() as session:
        assert print_queue.counts(session) == {} and outbox.counts(session)["pending"] == 0
    with store.write() as session:
        outbox.add(session, "event", {"purchase": 1})
        job_uuid = print_queue.add(session, receipt(), "receipt", "PR-0001")
    with store.read() as session:
        assert print_queue.get(session, job_uuid).slip == receipt()  # survives JSON intact
        assert outbox.counts(session)["pending"] == 1


def test_a_job_whose_slip_cannot_be_read_fails_and_the_next_one_prints(
    store: Store, printer: FakePrinter, worker: PrintWorker
) -> None:
    """A damaged row (or one written by a newer kiosk, with an element this one does
    not know) stopped every job behind it, and nothing said so."""
    with store.write() as session:
        damaged = print_queue.add(session, receipt(1), "receipt", "PR-0001")
        good = print_queue.add(session, receipt(2), "receipt", "PR-0002")
    unknown = {"title": "x", "elements": [{"type": "picture", "data": "..."}]}
    with store.write() as session:
        session.execute(update(PrintJob).where(PrintJob.uuid == damaged).values(slip=unknown))
    worker.start()
    eventually(lambda: job_row(store, good).state == "printed")
    row = job_row(store, damaged)
    assert row.state == "failed" and "cannot be read" in (row.last_error or "")
    eventually(lambda: len(printer.jobs) == 1)  # counted once the printer saw the job end
    assert "PR-0002" in "\n".join(decode(printer.jobs[0]).texts)


def test_paper_out_keeps_the_job_waiting_then_it_prints_once(
    store: Store, printer: FakePrinter, worker: PrintWorker
) -> None:
    printer.mode = "paper_out"
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(), "receipt", "PR-0001")
    worker.start()
    eventually(lambda: job_row(store, job_uuid).waiting_reason == "paper_out")
    rounds_later(worker)  # several more status checks while the paper is out
    assert printer.jobs == [] and job_row(store, job_uuid).state == "pending"
    assert alerts(store) == [
        {"type": "printer_alert", "state": "paper_out", "waiting_kind": "receipt"}
    ]  # once, not once per check
    waiting = [u for u in worker.updates if u.job_uuid == job_uuid]  # type: ignore[attr-defined]
    assert waiting[-1] == PrintUpdate(State.PAPER_OUT, job_uuid, "pending", 1)

    printer.mode = "healthy"  # a manager put in a new roll
    eventually(lambda: job_row(store, job_uuid).state == "printed")
    rounds_later(worker)
    assert len(printer.jobs) == 1
    printed = decode(printer.jobs[0])
    assert "PR-0001" in "\n".join(printed.texts) and printed.cuts == 1
    assert "Pasti a domicilio - 5 giorni" in printed.texts  # the dash made plain
    row = job_row(store, job_uuid)
    assert row.attempts == 1 and row.bytes_sent == len(printer.jobs[0])
    assert worker.updates[-1].printer is State.READY  # type: ignore[attr-defined]


def test_a_job_cut_off_mid_way_is_uncertain_and_reprinted_only_as_a_marked_copy(
    store: Store, printer: FakePrinter, worker: PrintWorker
) -> None:
    printer.mode, printer.disconnect_after = "disconnect", 200
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(7), "receipt", "PR-0007")
    worker.start()
    eventually(lambda: job_row(store, job_uuid).state == "uncertain")
    printer.mode = "healthy"
    rounds_later(worker)
    assert len(printer.jobs) == 1  # the broken one only: no automatic second print
    with store.read() as session:
        assert [j.uuid for j in print_queue.needing_attention(session)] == [job_uuid]

    with store.write() as session:
        copy_uuid = print_queue.reprint(session, job_uuid, "Europe/Rome")
    worker.wake()
    eventually(lambda: job_row(store, copy_uuid).state == "printed")
    with store.write() as session:
        second_uuid = print_queue.reprint(session, copy_uuid, "Europe/Rome")  # a copy of the copy
    eventually(lambda: job_row(store, second_uuid).state == "printed")
    first, second = (decode(job) for job in printer.jobs[1:])
    assert first.lines[0].text == "DUPLICATO n. 1" and first.lines[0].inverted
    assert second.lines[0].text == "DUPLICATO n. 2"
    assert sum(t == "DUPLICATO n. 1" for t in first.texts) == 2  # top and bottom
    assert "PR-0007" in "\n".join(second.texts)


def test_an_unreachable_printer_leaves_the_job_pending_and_retries(
    store: Store, printer: FakePrinter, worker: PrintWorker
) -> None:
    printer.close()  # nothing listens: connection refused
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(), "receipt")
    worker.start()
    eventually(lambda: job_row(store, job_uuid).waiting_reason == "unreachable")
    assert job_row(store, job_uuid).state == "pending"
    assert alerts(store)[0]["state"] == "unreachable"


def test_old_pending_jobs_expire_instead_of_printing(
    store: Store, printer: FakePrinter, worker: PrintWorker
) -> None:
    with store.write() as session:
        old = print_queue.add(session, receipt(1), "voucher")
        fresh = print_queue.add(session, receipt(2), "receipt")
        session.flush()
        long_ago = print_queue.utcnow() - timedelta(minutes=11)
        session.execute(update(PrintJob).where(PrintJob.uuid == old).values(created_at=long_ago))
    worker.start()
    eventually(lambda: job_row(store, fresh).state == "printed")
    assert job_row(store, old).state == "expired" and len(printer.jobs) == 1
    assert "PR-0002" in "\n".join(decode(printer.jobs[0]).texts)


def test_a_worker_killed_mid_job_leaves_it_uncertain_never_printed_twice(
    store: Store, printer: FakePrinter
) -> None:
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(9), "receipt", "PR-0009")
    printer.mode = "hang"  # takes the job's bytes, then freezes
    child = print_child(store, printer)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "started"
        eventually(lambda: printer.arriving > 0 and job_row(store, job_uuid).state == "sending")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
    printer.mode = "healthy"
    restarted = PrintWorker(
        store,
        NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=0.3),
        PROFILES["80mm"],
        expire_after=timedelta(hours=1),
        retry_s=0.05,
        idle_s=0.05,
    )
    restarted.start()
    try:
        eventually(lambda: job_row(store, job_uuid).state == "uncertain")
        rounds_later(restarted)
        eventually(lambda: len(printer.jobs) == 1)  # the interrupted job, recorded on close
        assert job_row(store, job_uuid).last_error == "interrupted while printing"
        with store.write() as session:
            copy_uuid = print_queue.reprint(session, job_uuid, "Europe/Rome")
        restarted.wake()
        eventually(lambda: job_row(store, copy_uuid).state == "printed")
        eventually(lambda: len(printer.jobs) == 2)
        assert decode(printer.jobs[1]).texts[0] == "DUPLICATO n. 1"
    finally:
        restarted.stop()


@pytest.mark.slow  # the command line, in processes
def test_a_manager_lists_and_reprints_from_the_command_line(tmp_path, store: Store) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndatabase = "{store.path}"\n', encoding="utf-8")
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(3), "receipt", "PR-0003")
        print_queue.add(session, receipt(4), "receipt", "PR-0004")
        session.flush()
        session.execute(update(PrintJob).where(PrintJob.uuid == job_uuid).values(state="uncertain"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kiosk.cli", "print-jobs", "--config", str(config), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            check=False,
        )

    listed = run()
    assert listed.returncode == 0, listed.stderr
    assert job_uuid in listed.stdout and "PR-0003" in listed.stdout and "uncertain" in listed.stdout
    assert "PR-0004" not in listed.stdout  # simply waiting its turn: nothing to do
    copied = run("--reprint", job_uuid)
    assert copied.returncode == 0 and "copy queued" in copied.stdout
    with store.read() as session:
        copies = [j for j in session.scalars(select(PrintJob)) if j.copy_no == 1]
        assert len(copies) == 1 and copies[0].state == "pending"
        assert print_queue.QueuedJob.of(copies[0]).slip.elements[0].text == "DUPLICATO n. 1"
    missing = run("--reprint", "no-such-job")
    assert missing.returncode == 2 and "no print job" in missing.stderr
    assert job_uuid not in run().stdout  # reprinting dealt with it
    other = next(j.uuid for j in print_queue_rows(store) if j.reference == "PR-0004")
    with store.write() as session:
        print_queue.mark_waiting(session, job_row(store, other).id, "paper_out")
    assert other in run().stdout
    done = run("--done", other)
    assert done.returncode == 0 and "dealt with" in done.stdout
    assert "every slip printed" in run().stdout


def test_a_held_job_waits_for_its_number_or_for_the_end_of_the_hold(
    store: Store, worker: PrintWorker, printer: FakePrinter
) -> None:
    from printing.documents import PROTOCOL_TO_COME, with_protocol

    slip = Slip("Ricevuta", (*header(CONTEXT, "RICEVUTA"), PROTOCOL_TO_COME, Text(NOT_FISCAL)))
    with store.write() as session:
        released = print_queue.add(
            session,
            slip,
            "application",
            "DOM-AAAA-BBBB",
            hold_until=outbox.utcnow() + timedelta(minutes=5),
        )
        waited = print_queue.add(
            session,
            slip,
            "application",
            "DOM-CCCC-DDDD",
            hold_until=outbox.utcnow() + timedelta(seconds=0.6),
        )
    worker.idle_s = 30.0  # nothing else wakes it: it must wake itself when a hold ends
    worker.start()
    eventually(lambda: worker.rounds >= 1)  # it looked, and printed nothing
    assert printer.jobs == []  # both held
    with store.read() as session:
        assert print_queue.next_pending(session) is None
        assert print_queue.next_hold_end(session) is not None
    eventually(lambda: len(printer.jobs) == 1)  # the short hold ended: printed as it is
    assert "Il numero di protocollo viene assegnato" in " ".join(decode(printer.jobs[0]).texts)
    with store.write() as session:
        job = print_queue.held(session, "application", "DOM-AAAA-BBBB")
        assert job is not None and job.uuid == released
        assert print_queue.release(session, job.id, with_protocol(job.slip, "PROT-2026-000042"))
        assert print_queue.held(session, "application", "DOM-AAAA-BBBB") is None
    worker.wake()
    eventually(lambda: len(printer.jobs) == 2)
    text = "\n".join(decode(printer.jobs[1]).texts)
    assert "PROT-2026-000042" in text and "Il numero di protocollo viene assegnato" not in text
    with store.write() as session:  # a printed job cannot be released again
        assert not print_queue.release(session, job_row(store, waited).id)


def test_a_disk_that_refuses_writes_holds_the_job_then_it_prints_once(
    store: Store, printer: FakePrinter, worker: PrintWorker, caplog: pytest.LogCaptureFixture
) -> None:
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(), "receipt", "PR-0001")
    disk = ReadOnlyDisk(store)
    disk.on = True
    with caplog.at_level(logging.WARNING, logger="printing.print_worker"):
        worker.start()
        rounds_later(worker, 10)
        assert printer.jobs == [] and job_row(store, job_uuid).state == "pending"
        said = [record.getMessage() for record in caplog.records]
        assert said == ["printer: the kiosk's storage: attempt to write a readonly database"]
        assert not any(record.exc_info for record in caplog.records)  # no traceback
    disk.on = False
    eventually(lambda: job_row(store, job_uuid).state == "printed")
    rounds_later(worker)
    assert len(printer.jobs) == 1


def test_a_job_whose_printed_mark_cannot_be_written_becomes_uncertain_not_printed_again(
    store: Store, printer: FakePrinter, worker: PrintWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(), "receipt", "PR-0001")
    disk = ReadOnlyDisk(store)
    mark_printed = print_queue.mark_printed

    def disk_fails_first(*args: object) -> None:  # the bytes are out; the mark is not
        disk.on = True
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(print_queue, "mark_printed", disk_fails_first)
    worker.start()
    eventually(lambda: len(printer.jobs) == 1)
    rounds_later(worker)  # retries while the disk refuses writes
    monkeypatch.setattr(print_queue, "mark_printed", mark_printed)
    disk.on = False
    eventually(lambda: job_row(store, job_uuid).state == "uncertain")
    rounds_later(worker)
    assert len(printer.jobs) == 1  # a manager may reprint it, marked as a copy


def test_a_slip_that_never_printed_is_not_a_copy_and_reprints_do_not_pile_up(
    store: Store,
) -> None:
    with store.write() as session:
        expired = print_queue.add(session, receipt(11), "receipt", "PR-0011")
        uncertain = print_queue.add(session, receipt(12), "receipt", "PR-0012")
        session.flush()
        session.execute(update(PrintJob).where(PrintJob.uuid == expired).values(state="expired"))
        session.execute(
            update(PrintJob)
            .where(PrintJob.uuid == uncertain)
            .values(state="uncertain", bytes_sent=200)
        )
    with store.write() as session:
        first = print_queue.reprint(session, expired, "Europe/Rome")  # its only print: not a copy
        again = print_queue.reprint(session, expired, "Europe/Rome")  # pressed twice: not printed
        copy = print_queue.reprint(session, uncertain, "Europe/Rome")
        assert again == first
        assert print_queue.reprint(session, uncertain, "Europe/Rome") == copy
    with store.read() as session:
        assert not any(
            line.text.startswith("DUPLICATO")
            for line in print_queue.get(session, first).slip.elements
            if hasattr(line, "text")
        )
        assert print_queue.get(session, copy).slip.elements[0].text == "DUPLICATO n. 1"
        attention = [job.uuid for job in print_queue.needing_attention(session)]
        assert expired not in attention and uncertain not in attention  # dealt with
        assert print_queue.counts(session)["pending"] == 2
    with store.write() as session:  # the copy printed; a later reprint is the second copy
        session.execute(update(PrintJob).where(PrintJob.uuid == copy).values(state="printed"))
        second = print_queue.reprint(session, copy, "Europe/Rome")
    with store.read() as session:
        assert print_queue.get(session, second).slip.elements[0].text == "DUPLICATO n. 2"


def test_a_manager_marks_a_slip_to_check_as_dealt_with(store: Store) -> None:
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(13), "receipt", "PR-0013")
        waiting = print_queue.add(session, receipt(14), "receipt", "PR-0014")
        session.flush()
        session.execute(update(PrintJob).where(PrintJob.uuid == job_uuid).values(state="uncertain"))
        print_queue.mark_waiting(session, job_row_id(session, waiting), "paper_out")
    with store.read() as session:
        assert len(print_queue.needing_attention(session)) == 2
    with store.write() as session:
        assert print_queue.dealt_with(session, job_uuid)
        assert print_queue.dealt_with(session, waiting)  # no longer printed by itself
        assert not print_queue.dealt_with(session, job_uuid)  # once
    with store.read() as session:
        assert print_queue.needing_attention(session) == []
        assert print_queue.get(session, job_uuid).state == "uncertain_done"
        assert print_queue.get(session, waiting).state == "cancelled"


def job_row_id(session, job_uuid: str) -> int:  # type: ignore[no-untyped-def]
    return session.scalars(select(PrintJob.id).where(PrintJob.uuid == job_uuid)).one()


def print_queue_rows(store: Store) -> list[PrintJob]:
    with store.read() as session:
        return list(session.scalars(select(PrintJob)))


def test_a_job_read_aloud_first_prints_once_the_reading_is_over(
    store: Store, worker: PrintWorker, printer: FakePrinter
) -> None:
    with store.write() as session:  # queued before spoken mode: prints as usual
        before = print_queue.add(session, receipt(1), "receipt", "PR-0001")
    worker.start()
    eventually(lambda: job_row(store, before).state == "printed")
    worker.read_first(True)  # spoken mode started
    with store.write() as session:  # a receipt and its voucher, in one transaction
        receipt_job = print_queue.add(session, receipt(2), "receipt", "PR-0002")
        voucher_job = print_queue.add(session, receipt(3), "voucher", "PR-0003")
    worker.wake()
    # The worker says the receipt waits (the kiosk shows it and reads it aloud) ...
    eventually(
        lambda: PrintUpdate(worker.last.printer, receipt_job, "pending", 2) in worker.updates  # type: ignore[attr-defined]
    )
    assert len(printer.jobs) == 1 and job_row(store, receipt_job).state == "pending"
    worker.let_go_queued()  # ... and it has been read: both slips of the purchase print
    eventually(lambda: job_row(store, voucher_job).state == "printed")
    # The printer answered for the voucher before it counted the job as ended (a busy
    # machine showed 2 here): wait for its count, not for the state alone.
    eventually(lambda: len(printer.jobs) == 3)
    with store.write() as session:  # a slip queued after the reading waits for its own
        later = print_queue.add(session, receipt(4), "receipt", "PR-0004")
    worker.wake()
    eventually(lambda: any(u.job_uuid == later for u in worker.updates))  # type: ignore[attr-defined]
    assert job_row(store, later).state == "pending"
    worker.read_first(False)  # the visit ended: nothing waits any more
    eventually(lambda: job_row(store, later).state == "printed")
    eventually(lambda: len(printer.jobs) == 4)
    assert worker.reading_first is False


@pytest.mark.parametrize("held", [False, True], ids=["queued", "held"])
def test_reprinting_a_slip_still_waiting_to_print_is_that_slip_not_a_second_original(
    store: Store, printer: FakePrinter, worker: PrintWorker, held: bool
) -> None:
    """A receipt queued (or held for its protocol number, as an application's is) has
    not printed yet: a reprint asked for meanwhile, from the desk or the command line,
    is that same print, so one unmarked slip comes out, never two."""
    hold = outbox.utcnow() + timedelta(milliseconds=300) if held else None
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(21), "receipt", "PR-0021", hold_until=hold)
    with store.write() as session:
        assert print_queue.reprint(session, job_uuid, "Europe/Rome") == job_uuid
        assert print_queue.reprint(session, job_uuid, "Europe/Rome") == job_uuid
    worker.start()
    eventually(lambda: job_row(store, job_uuid).state == "printed")
    rounds_later(worker)
    assert len(printer.jobs) == 1 and len(print_queue_rows(store)) == 1
    assert not [t for t in decode(printer.jobs[0]).texts if "DUPLICATO" in t]
    with store.write() as session:  # once it has printed, a reprint is a marked copy
        copy = print_queue.reprint(session, job_uuid, "Europe/Rome")
    eventually(lambda: len(printer.jobs) == 2)
    assert copy != job_uuid and "DUPLICATO n. 1" in decode(printer.jobs[1]).texts


@pytest.mark.slow  # a printer worker process started and killed dozens of times
@pytest.mark.timeout(400)
def test_printer_workers_killed_at_random_moments_lose_no_slip_and_print_none_twice(
    store: Store, printer: FakePrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    """The kiosk's process killed (a power cut, the watchdog) at any moment of printing,
    again and again while citizens keep queueing slips: each slip is printed once, or
    left "uncertain" for a manager (it may have come out, at most once); none is lost,
    none comes out twice."""
    rng = random.Random(5)
    printer.reply_delay = 0.01  # a real printer's answers take a while: kills land anywhere
    queued: dict[str, int] = {}

    def queue(count: int) -> None:
        with store.write() as session:
            for _ in range(count):
                number = len(queued) + 1
                queued[print_queue.add(session, receipt(number), "receipt", f"PR-{number:04d}")] = (
                    number
                )

    queue(20)
    kills = 0
    zygote = print_child(store, printer, "--zygote")  # forks each worker, imports done
    assert zygote.stdin is not None and zygote.stdout is not None
    try:
        while kills < 40 or pending(store):
            if kills % 4 == 0 and len(queued) < 80:
                queue(rng.randint(1, 6))  # citizens go on buying meanwhile
            zygote.stdin.write("fork\n")
            zygote.stdin.flush()
            said, pid = zygote.stdout.readline().split()
            assert said == "started"
            try:
                time.sleep(rng.uniform(0, 0.4))  # about 16 slips a second
            finally:
                os.kill(int(pid), signal.SIGKILL)
                gone(int(pid))
            kills += 1
            assert kills < 400, "the queue never drained"
    finally:
        zygote.kill()
        zygote.wait(10)
    eventually(lambda: len(printer.jobs) >= 1)
    time.sleep(0.3)  # the last connection's bytes are recorded when it closes
    with store.read() as session:
        states = {job.uuid: job.state for job in session.scalars(select(PrintJob))}
    assert set(states) == set(queued)  # none lost
    came_out: Counter[int] = Counter()
    for received in printer.jobs:
        came_out.update(int(n) for n in re.findall(rb"PR-(\d{4})(?!\d)", received))
    printed = [uuid for uuid, state in states.items() if state == "printed"]
    uncertain = [uuid for uuid, state in states.items() if state == "uncertain"]
    assert set(states.values()) == {"printed", "uncertain"}, Counter(states.values())
    for job_uuid in printed:
        assert came_out[queued[job_uuid]] == 1, f"PR-{queued[job_uuid]:04d}"
    for job_uuid in uncertain:  # cut off: for a manager to check, never sent again
        assert came_out[queued[job_uuid]] <= 1, f"PR-{queued[job_uuid]:04d}"
    with capsys.disabled():
        print(
            f"\nprinter worker SIGKILL: {kills} kills over {len(queued)} slips; "
            f"{len(printed)} printed once each, {len(uncertain)} uncertain "
            f"({sum(came_out[queued[u]] for u in uncertain)} of them had come out), none twice"
        )


def pending(store: Store) -> int:
    """Slips not yet done with: waiting, or being sent when a worker was killed (the
    next worker's start makes those "uncertain")."""
    with store.read() as session:
        counts = print_queue.counts(session)
    return counts.get("pending", 0) + counts.get("sending", 0)


def gone(pid: int) -> None:
    """Waits until the process ``pid`` (a zygote's child, reaped by it) has ended."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.002)
    raise AssertionError(f"worker {pid} outlived its SIGKILL")


def print_child(store: Store, printer: FakePrinter, *options: str) -> subprocess.Popen[str]:
    """A printer worker in a process of its own (tests/printing/print_child.py), to be
    killed: it says "started" once it runs."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.printing.print_child",
            str(store.path),
            printer.host,
            str(printer.port),
            *options,
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE if "--zygote" in options else None,
        stdout=subprocess.PIPE,
        text=True,
    )
