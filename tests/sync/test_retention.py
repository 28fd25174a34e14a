# SPDX-License-Identifier: EUPL-1.2
"""Personal data leaves the kiosk once the platform has it: read straight from the
SQLite file, not through the store's own code."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, update

from printing import print_queue
from printing.documents import ApplicationReceipt, application_receipt
from printing.slip import SlipContext
from protocol.messages import submission_hash
from store import kiosk_facts, outbox
from store.database import Store
from store.models import OutboxEntry, PrintJob, SyncCursor
from store.retention import RetentionRule, digest, housekeep, purge
from sync.engine import SyncEngine
from tests.helpers import file_bytes, raw_rows
from tests.sync.helpers import application

RULE = RetentionRule(reprint_days=7, unsent_alert_days=7)


def queue(engine: SyncEngine, payload: dict[str, Any]) -> str:
    """An application and its printed receipt, as the kiosk writes them."""
    context = SlipContext("Social Point", "Piazzola sul Brenta", "kiosk-test", datetime.now())
    slip = application_receipt(
        context,
        ApplicationReceipt(
            call_title="Buoni spesa",
            comune="Piazzola sul Brenta",
            tracking_code=payload["tracking_code"],
            submitted_at=context.printed_at,
        ),
    )
    with engine.store.write() as session:
        entry = outbox.add(session, "application", payload)
        job = print_queue.add(session, slip, "application", payload["tracking_code"])
    with engine.store.write() as session:
        row = print_queue.get(session, job)
        assert row is not None
        print_queue.mark_printed(session, row.id, "0" * 64, 100)
    return entry


def pulled(engine: SyncEngine, at: datetime | None = None) -> None:
    """As if every stream had been pulled ``at`` (now): the grace days count up to the
    last pull, and a kiosk pulls every minute."""
    with engine.store.write() as session:
        session.execute(update(SyncCursor).values(updated_at=at or outbox.utcnow()))


def test_the_answers_go_once_accepted_and_the_receipt_after_the_reprint_window(
    engine: SyncEngine,
) -> None:
    engine.run_once()  # the form reaches the mirror
    path = engine.store.path
    sent = application(engine, tracking_code="DOM-AAAA-AAAA")
    sent["answers"]["indirizzo"] = "Via Accettata 11"
    refused = application(engine, tracking_code="DOM-BBBB-BBBB", form_sha256="0" * 64)
    refused["answers"]["indirizzo"] = "Via Rifiutata 22"
    accepted_uuid = queue(engine, sent)
    refused_uuid = queue(engine, refused)
    with engine.store.write() as session:  # a long record spills into overflow pages
        long_uuid = outbox.add(session, "event", {"note": "Via Lunghissima 44. " * 400})
    engine.push()
    waiting = application(engine, tracking_code="DOM-CCCC-CCCC")
    waiting["answers"]["indirizzo"] = "Via In Attesa 33"
    waiting_uuid = queue(engine, waiting)

    pulled(engine)  # the pass's pulls, after its push
    housekeep(engine.store, RULE)

    rows = {
        uuid: (state, payload, purged)
        for uuid, state, payload, purged in raw_rows(
            path, "SELECT uuid, state, payload, purged_at FROM outbox"
        )
    }
    state, payload, purged = rows[accepted_uuid]
    assert state == "accepted" and purged is not None
    assert "Via Accettata" not in payload and "answers" not in payload
    assert '"tracking_code": "DOM-AAAA-AAAA"' in payload
    # What was sent can still be matched: the hash of the whole payload, taken before it
    # was sealed to the platform (store/outbox.py).
    assert f'"sha256": "{submission_hash("application", sent)}"' in payload
    assert digest(sent) != submission_hash("application", sent)
    # Not accepted: kept whole, sealed to the platform (never in clear on the disk).
    sealed = dict(raw_rows(path, "SELECT uuid, sealed FROM outbox WHERE sealed IS NOT NULL"))
    assert rows[refused_uuid][0] == "rejected" and refused_uuid in sealed
    assert rows[waiting_uuid][0] == "pending" and waiting_uuid in sealed
    assert b"Via Rifiutata 22" not in file_bytes(path)
    assert b"Via In Attesa 33" not in file_bytes(path)
    assert rows[long_uuid][0] == "accepted" and "Lunghissima" not in rows[long_uuid][1]
    # Not even in the file's free pages or in the WAL:
    assert b"Via Accettata 11" not in file_bytes(path)
    assert b"Lunghissima" not in file_bytes(path)
    # The receipt stays for a reprint while the window lasts...
    assert raw_rows(path, "SELECT count(*) FROM print_jobs") == [(3,)]

    housekeep(engine.store, RULE, now=outbox.utcnow() + timedelta(days=RULE.reprint_days + 1))

    assert raw_rows(path, "SELECT count(*) FROM print_jobs") == [(0,)]
    # What stays of the three receipts: their kind and the digest of their reference.
    traces = raw_rows(path, "SELECT kind, copy_no, reference_sha256 FROM print_history")
    codes = ("DOM-AAAA-AAAA", "DOM-BBBB-BBBB", "DOM-CCCC-CCCC")
    assert sorted(traces) == sorted(
        ("application", 0, hashlib.sha256(code.encode()).hexdigest()) for code in codes
    )
    data = file_bytes(path)
    assert b"Via Accettata" not in data
    # Never lost: kept whole, sealed to the platform.
    still = dict(raw_rows(path, "SELECT uuid, sealed FROM outbox WHERE sealed IS NOT NULL"))
    assert refused_uuid in still and waiting_uuid in still


def test_a_reprint_keeps_its_family_until_every_copy_is_old(engine: SyncEngine) -> None:
    engine.run_once()
    queue(engine, application(engine, tracking_code="DOM-DDDD-DDDD"))
    path = engine.store.path
    with sqlite3.connect(path) as connection:  # the receipt printed long ago
        connection.execute("UPDATE print_jobs SET updated_at = '2020-01-01 09:00:00.000000'")
    with engine.store.write() as session:
        [(original,)] = raw_rows(path, "SELECT uuid FROM print_jobs")
        copy_uuid = print_queue.reprint(session, original, "Europe/Rome")

    housekeep(engine.store, RULE)  # the copy has not printed yet
    assert raw_rows(path, "SELECT count(*) FROM print_jobs") == [(2,)]
    with engine.store.write() as session:
        job = print_queue.get(session, copy_uuid)
        assert job is not None
        print_queue.mark_printed(session, job.id, "0" * 64, 100)
    housekeep(engine.store, RULE)  # the copy is new: the original stays with it
    assert raw_rows(path, "SELECT count(*) FROM print_jobs") == [(2,)]

    housekeep(engine.store, RULE, now=outbox.utcnow() + timedelta(days=RULE.reprint_days + 1))
    assert raw_rows(path, "SELECT count(*) FROM print_jobs") == [(0,)]


def test_old_unsent_data_alerts_the_managers(
    engine: SyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    from store.retention import overdue

    engine.run_once()
    queue(engine, application(engine, tracking_code="DOM-EEEE-EEEE"))
    with engine.store.read() as session:
        assert overdue(session, outbox.utcnow(), RULE).count == 0
    later = outbox.utcnow() + timedelta(days=RULE.unsent_alert_days, minutes=1)
    with engine.store.read() as session:
        late = overdue(session, later, RULE)
    assert late.count == 1 and late.oldest is not None
    with caplog.at_level(logging.WARNING, logger="store.retention"):
        housekeep(engine.store, RULE, now=later)
    assert "1 records older than 7 days are still waiting to be sent" in caplog.text
    assert "Anna" not in caplog.text  # no personal data in the log


def test_the_sync_worker_purges_after_each_pass(engine: SyncEngine) -> None:
    from sync.worker import SyncWorker

    engine.run_once()
    entry = queue(engine, application(engine, tracking_code="DOM-FFFF-FFFF"))
    worker = SyncWorker(
        engine.store, lambda: engine, housekeeping=lambda: housekeep(engine.store, RULE)
    )
    worker.run_pass()
    [(state, payload)] = raw_rows(
        engine.store.path, f"SELECT state, payload FROM outbox WHERE uuid = '{entry}'"
    )
    assert state == "accepted" and "answers" not in payload


def test_an_accepted_record_stays_whole_for_the_grace_period_then_goes(
    engine: SyncEngine,
) -> None:
    """Kept whole ``keep_sent_days``: a platform restored from an older backup can be
    sent it again (tests/sync/test_platform_restore.py); then its answers go."""
    engine.run_once()
    rule = RetentionRule(reprint_days=7, unsent_alert_days=7, keep_sent_days=3)
    entry = queue(engine, application(engine, tracking_code="DOM-GGGG-GGGG"))
    engine.push()
    sql = f"SELECT state, sealed FROM outbox WHERE uuid = '{entry}'"

    later = outbox.utcnow() + timedelta(days=2)
    pulled(engine, later)
    housekeep(engine.store, rule, now=later)
    [(state, sealed)] = raw_rows(engine.store.path, sql)
    assert state == "accepted" and sealed  # whole, sealed to the platform

    later = outbox.utcnow() + timedelta(days=3, minutes=1)
    pulled(engine, later)
    housekeep(engine.store, rule, now=later)
    [(state, sealed)] = raw_rows(engine.store.path, sql)
    assert state == "accepted" and sealed is None


def test_an_offline_kiosk_keeps_accepted_records_whole_until_it_pulls_again(
    engine: SyncEngine,
) -> None:
    """Counted from the last pull, not the clock: a kiosk switched off or offline for a
    week (or whose pushes went through and pulls did not) has not learnt whether the
    platform was restored from a backup without its records (the pull that tells sends
    them again); it dropped them at its start."""
    engine.run_once()
    rule = RetentionRule(reprint_days=7, unsent_alert_days=7, keep_sent_days=3)
    entry = queue(engine, application(engine, tracking_code="DOM-HHHH-HHHH"))
    engine.push()
    sql = f"SELECT state, sealed FROM outbox WHERE uuid = '{entry}'"
    last = outbox.utcnow()
    pulled(engine, last)

    housekeep(engine.store, rule, now=last + timedelta(days=7))  # no pull in a week
    [(state, sealed)] = raw_rows(engine.store.path, sql)
    assert state == "accepted" and sealed  # still whole: it could go again

    pulled(engine, last + timedelta(days=7))  # it pulled (and would have sent it again)
    housekeep(engine.store, rule, now=last + timedelta(days=7))
    [(state, sealed)] = raw_rows(engine.store.path, sql)
    assert state == "accepted" and sealed is None


def test_the_purge_and_the_counts_read_no_accepted_record_already_reduced(store: Store) -> None:
    """Reduced records are kept, one per record ever sent: the purge after every pass
    (under the write lock a purchase waits for) read them all, and the sync badge
    counted them twice a pass. Each question now goes by an index to what it needs."""
    asked: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM outbox" in statement and statement.lstrip().upper().startswith("SELECT"):
            asked.append(statement)

    engines = (store._writer, store._reader)
    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
    try:
        with store.write() as session:
            purge(session, outbox.utcnow(), RULE)
        with store.read() as session:
            outbox.counts(session)
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)
    purging = [s for s in asked if "purged_at" in s]
    counting = [s for s in asked if "count(" in s.lower()]
    assert purging and counting
    with sqlite3.connect(store.path) as raw:

        def plan(statement: str) -> str:
            found = raw.execute(f"EXPLAIN QUERY PLAN {statement}", [None] * statement.count("?"))
            return " / ".join(str(row[-1]) for row in found)

        for statement in purging:
            assert "ix_outbox_unpurged" in plan(statement), plan(statement)
        for statement in counting:
            assert "SCAN" not in plan(statement), plan(statement)


def test_a_kiosk_that_does_not_sync_drops_old_slips_while_it_runs(tmp_path: Path) -> None:
    """Retention follows each sync pass; a kiosk with no platform had it only at start,
    and runs for weeks: its own thread applies it there (here every 50 ms, a week on)."""
    from kiosk.boot.backend import open_backend
    from kiosk.boot.housekeeping import Housekeeper
    from store.models import PrintJob
    from tests.conftest import make_config
    from tests.printing.samples import receipt

    backend = open_backend(make_config(tmp_path))
    try:
        assert backend.sync is None and backend.housekeeper is not None
        with backend.store.write() as session:
            job = print_queue.get(session, print_queue.add(session, receipt(), "receipt", "R-1"))
            assert job is not None
            print_queue.mark_printed(session, job.id, "0" * 64, 100)
        week_on = RULE.reprint_days + 1
        keeper = Housekeeper(
            backend.store,
            RULE,
            every_s=0.05,
            now=lambda: outbox.utcnow() + timedelta(days=week_on),
        )
        keeper.start()
        try:
            deadline = time.monotonic() + 10
            while keeper.passes < 2:
                assert time.monotonic() < deadline, "no retention pass"
                time.sleep(0.02)
        finally:
            keeper.stop()
        with backend.store.read() as session:
            assert session.query(PrintJob).count() == 0
    finally:
        backend.close()
    assert not backend.housekeeper._thread.is_alive()  # stopped with the kiosk


def stamped_ahead(store: Store, days: int) -> tuple[str, datetime]:
    """An accepted application and its slip, stamped while the clock ran ``days`` ahead."""
    real = outbox.utcnow()
    wrong = real + timedelta(days=days)
    with store.write() as session:
        made = outbox.add(session, "application", {"answers": {"nome": "Maria Bianchi"}})
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.uuid == made)
            .values(state="accepted", created_at=wrong, updated_at=wrong)
        )
        session.add(
            PrintJob(
                uuid="slip-1",
                kind="receipt",
                reference="T1",
                slip={"who": "Maria Bianchi"},
                state="printed",
                created_at=wrong,
                updated_at=wrong,
                printed_at=wrong,
            )
        )
    return made, real


def test_records_stamped_while_the_clock_ran_ahead_are_aged_from_when_it_was_put_right(
    store: Store,
) -> None:
    # Aged from their stamps, they kept the answers and the slip 30 days too long.
    made, real = stamped_ahead(store, 30)
    with store.write() as session:
        kiosk_facts.set_clock_skew(session, 0, real)  # put right: it agrees with the platform
    rule = RetentionRule(reprint_days=7, unsent_alert_days=7, keep_sent_days=3)
    with store.write() as session:
        assert not purge(session, real, rule)  # aged from now: kept for now
    rows = raw_rows(store.path, f"SELECT payload FROM outbox WHERE uuid = '{made}'")
    assert "Maria Bianchi" in rows[0][0]
    with store.write() as session:
        assert purge(session, real + timedelta(days=4), rule).records == 1
    with store.write() as session:
        assert purge(session, real + timedelta(days=8), rule).slips == 1
    rows = raw_rows(store.path, f"SELECT payload FROM outbox WHERE uuid = '{made}'")
    assert "Maria Bianchi" not in rows[0][0]
    assert raw_rows(store.path, "SELECT count(*) FROM print_jobs") == [(0,)]


def test_a_clock_set_back_wrongly_does_not_age_recent_records_from_it(store: Store) -> None:
    # Back before the last measure (a reset to 1970 at boot): every recent stamp looks
    # in the future, and aged from then they would go early once the clock is right.
    made, real = stamped_ahead(store, 0)
    with store.write() as session:
        kiosk_facts.set_clock_skew(session, 0, real)
    rule = RetentionRule(reprint_days=7, unsent_alert_days=7, keep_sent_days=3)
    with store.write() as session:
        purge(session, datetime(1970, 1, 1), rule)
    with store.write() as session:
        assert not purge(session, real + timedelta(days=1), rule)
    rows = raw_rows(store.path, f"SELECT payload FROM outbox WHERE uuid = '{made}'")
    assert "Maria Bianchi" in rows[0][0]
