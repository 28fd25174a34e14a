# SPDX-License-Identifier: EUPL-1.2
"""A print job whose stored slip cannot be read (a damaged row, or one written by a
newer kiosk): it fails once, and from then on it is listed among the slips to check,
can be dealt with, and is never reprinted; the manager's desk and ``print-jobs`` keep
working. Against a real store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from kiosk.cli import main
from kiosk.core.manager_desk import desk_facts
from printing import print_queue
from store.database import Store
from store.models import PrintJob
from store.retention import RetentionRule
from tests.printing.samples import receipt

# An element type this kiosk does not know, as a newer kiosk could write.
NEWER = {"title": "Ricevuta", "elements": [{"type": "picture", "data": "..."}]}


def damaged_and_failed(store: Store) -> str:
    """Queues two receipts and damages the first; the queue fails it and goes on."""
    with store.write() as session:
        damaged = print_queue.add(session, receipt(1), "receipt", "PR-0001")
        print_queue.add(session, receipt(2), "receipt", "PR-0002")
    with store.write() as session:
        session.execute(update(PrintJob).where(PrintJob.uuid == damaged).values(slip=NEWER))
    with store.write() as session:
        job = print_queue.next_pending(session)
        assert job is not None and job.reference == "PR-0002"
    return damaged


def jobs(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(PrintJob)) or 0


def test_a_job_that_cannot_be_read_is_listed_dealt_with_and_never_reprinted(
    store: Store,
) -> None:
    damaged = damaged_and_failed(store)
    with store.read() as session:
        [listed] = print_queue.needing_attention(session)
        facts = desk_facts(session, datetime(2026, 12, 5, 10), RetentionRule(30, 7))
        got = print_queue.get(session, damaged)
    assert listed.uuid == damaged and listed.state == "failed" and listed.reference == "PR-0001"
    assert listed.slip == print_queue.UNREADABLE and listed.damage == "KeyError"
    assert [job.uuid for job in facts.print_attention] == [damaged]
    assert got is not None and got.slip == print_queue.UNREADABLE

    before = jobs(store)
    refused = pytest.raises(print_queue.UnreadableSlipError, match="cannot be reprinted")
    with refused, store.write() as session:
        print_queue.reprint(session, damaged, "Europe/Rome")
    assert jobs(store) == before  # nothing queued, and still to check
    with store.read() as session:
        assert [job.uuid for job in print_queue.needing_attention(session)] == [damaged]

    with store.write() as session:
        assert print_queue.dealt_with(session, damaged)
    with store.read() as session:
        assert print_queue.needing_attention(session) == []
        state = session.scalar(select(PrintJob.state).where(PrintJob.uuid == damaged))
    assert state == "failed_done"


def test_a_readable_job_is_not_taken_for_a_damaged_one(store: Store) -> None:
    with store.write() as session:
        job_uuid = print_queue.add(session, receipt(3), "receipt", "PR-0003")
    with store.read() as session:
        job = print_queue.get(session, job_uuid)
    assert job is not None and job.damage is None and job.slip == receipt(3)


def test_print_jobs_lists_marks_done_and_refuses_to_reprint_a_job_that_cannot_be_read(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = damaged_and_failed(store)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[paths]\ndatabase = "{store.path}"\n', encoding="utf-8")
    command = ["print-jobs", "--config", str(config)]

    assert main(command) == 0
    listed = capsys.readouterr().out
    assert damaged in listed and "PR-0001" in listed and "failed" in listed

    before = jobs(store)
    assert main([*command, "--reprint", damaged]) == 2
    refused = capsys.readouterr()
    assert "cannot be reprinted" in refused.err and "copy queued" not in refused.out
    assert jobs(store) == before

    assert main([*command, "--done", damaged]) == 0
    assert f"job {damaged} dealt with" in capsys.readouterr().out
    assert main(command) == 0
    assert "every slip printed" in capsys.readouterr().out
