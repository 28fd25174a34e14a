# SPDX-License-Identifier: EUPL-1.2
"""A print job whose row was damaged on the disk (its JSON cut short, bytes that are no
UTF-8, a timestamp that is none): SQLite and SQLAlchemy decode those while fetching the
row, so reading it raised inside the query, for every row with it. The printer stopped
for good, the dashboard and ``print-jobs`` broke. Now the damaged job is set apart (never
printed, listed as damaged), and the queue and every reader of it go on. A real store
file damaged with sqlite3, the fake TCP printer, the command line."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.core.manager_desk import desk_facts
from printing import print_queue
from printing.connection import NetworkConnection
from store.database import Store
from store.models import PrintJob
from store.retention import RetentionRule
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.samples import receipt
from tests.printing.waits import eventually
from tests.printing.workers import working

Damage = Callable[[sqlite3.Connection, str], None]


def _set(column: str, value: object) -> Damage:
    def damage(db: sqlite3.Connection, job: str) -> None:
        db.execute(f"UPDATE print_jobs SET {column} = ? WHERE uuid = ?", (value, job))

    return damage


def _cut_json(db: sqlite3.Connection, job: str) -> None:  # a torn write
    [slip] = db.execute("SELECT slip FROM print_jobs WHERE uuid = ?", (job,)).fetchone()
    db.execute("UPDATE print_jobs SET slip = ? WHERE uuid = ?", (slip[: len(slip) // 2], job))


def _not_utf8(column: str) -> Damage:  # one byte flipped on the disk
    def damage(db: sqlite3.Connection, job: str) -> None:
        [text] = db.execute(f"SELECT {column} FROM print_jobs WHERE uuid = ?", (job,)).fetchone()
        raw = text.encode()
        flipped = raw[:5] + b"\xff" + raw[6:]
        change = f"UPDATE print_jobs SET {column} = CAST(? AS TEXT) WHERE uuid = ?"
        db.execute(change, (flipped, job))

    return damage


DAMAGES: dict[str, Damage] = {
    "json cut short": _cut_json,
    "slip not UTF-8": _not_utf8("slip"),
    "reference not UTF-8": _not_utf8("reference"),
    "created_at no timestamp": _set("created_at", "garbage"),
    "updated_at no timestamp": _set("updated_at", "2026-13-45 99:00:00"),
    "hold_until no timestamp": _set("hold_until", "soon"),
    "copy_no no number": _set("copy_no", "1x"),
}


def damage(store: Store, job: str, how: Damage, state: str | None = None) -> None:
    db = sqlite3.connect(store.path)
    try:
        how(db, job)
        if state is not None:
            db.execute("UPDATE print_jobs SET state = ? WHERE uuid = ?", (state, job))
        db.commit()
    finally:
        db.close()


def state_and_error(store: Store, job: str) -> tuple[str, str | None]:
    with store.read() as session:
        found = session.execute(
            select(PrintJob.state, PrintJob.last_error).where(PrintJob.uuid == job)
        ).one()
    return found[0], found[1]


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.close()


@pytest.mark.parametrize("how", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_job_is_set_apart_and_the_jobs_behind_it_print(
    store: Store, printer: FakePrinter, how: Damage
) -> None:
    with store.write() as session:
        damaged = print_queue.add(session, receipt(1), "receipt", "PR-0001")
        good = print_queue.add(session, receipt(2), "receipt", "PR-0002")
    damage(store, damaged, how)
    connection = NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0)
    with working(store, connection):
        eventually(lambda: state_and_error(store, good)[0] == "printed")
        eventually(lambda: len(printer.jobs) == 1)
    state, error = state_and_error(store, damaged)
    assert state == "failed" and "cannot be read" in (error or "")
    assert len(printer.jobs) == 1 and "PR-0002" in "\n".join(decode(printer.jobs[0]).texts)
    with store.read() as session:
        [listed] = print_queue.needing_attention(session)
        assert print_queue.counts(session) == {"failed": 1, "printed": 1}
    assert listed.uuid == damaged  # among the slips to check (marking it failed may
    # have rewritten the damaged column: then its slip reads again, for a reprint)


def jobs(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(PrintJob)) or 0


@pytest.mark.parametrize("how", DAMAGES.values(), ids=DAMAGES.keys())
def test_every_reader_of_the_queue_goes_on_past_a_damaged_job(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str], how: Damage
) -> None:
    """An uncertain slip (it may have printed), and one printed, both damaged since:
    the desk, ``print-jobs``, a reprint and the recent slips all read past them."""
    with store.write() as session:
        uncertain = print_queue.add(session, receipt(1), "receipt", "PR-0001")
        printed = print_queue.add(session, receipt(2), "receipt", "PR-0002")
        fine = print_queue.add(session, receipt(3), "receipt", "PR-0003")
    damage(store, uncertain, how, state="uncertain")
    damage(store, printed, how, state="printed")
    damage(store, fine, lambda db, job: None, state="printed")

    with store.read() as session:
        facts = desk_facts(session, datetime(2026, 12, 5, 10), RetentionRule(30, 7))
        got = print_queue.get(session, uncertain)
    [listed] = facts.print_attention
    assert listed.uuid == uncertain and listed.state == "uncertain" and listed.damage
    assert got is not None and got.damage and got.slip == print_queue.UNREADABLE
    assert [slip.uuid for slip in facts.recent_slips] == [fine]  # a damaged one cannot reprint
    assert facts.print_counts == {"uncertain": 1, "printed": 2}

    before = jobs(store)
    with pytest.raises(print_queue.UnreadableSlipError), store.write() as session:
        print_queue.reprint(session, uncertain, "Europe/Rome")
    assert jobs(store) == before

    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndatabase = "{store.path}"\n', encoding="utf-8")
    command = ["print-jobs", "--config", str(config)]
    assert main(command) == 0
    said = capsys.readouterr().out
    assert uncertain in said and "damaged" in said and "cannot be reprinted" in said
    assert main([*command, "--reprint", uncertain]) == 2
    assert "cannot be reprinted" in capsys.readouterr().err and jobs(store) == before
    assert main([*command, "--done", uncertain]) == 0
    assert f"job {uncertain} dealt with" in capsys.readouterr().out
    assert main(command) == 0
    assert "every slip printed" in capsys.readouterr().out


def test_a_held_job_whose_hold_is_damaged_does_not_stop_the_worker_waiting(store: Store) -> None:
    """The worker's idle wait reads when the next hold ends: a hold that is no timestamp
    holds nothing (the job is set apart when it is taken)."""
    with store.write() as session:
        job = print_queue.add(session, receipt(1), "receipt", "PR-0001")
    damage(store, job, _set("hold_until", "garbage"))
    with store.read() as session:
        assert print_queue.next_hold_end(session) is None
