# SPDX-License-Identifier: EUPL-1.2
"""A voucher's code is money at a shop: its slip leaves the kiosk's disk minutes after
it printed, not after the reprint window of the other slips. Read from the SQLite file
itself (and its WAL), not through the store's code."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from printing import print_queue
from printing.documents import ApplicationReceipt, Voucher, application_receipt, voucher
from store import print_history
from store.database import Store
from store.models import PrintJob
from store.outbox import utcnow
from store.retention import VOUCHER_SLIP_KEPT, RetentionRule, housekeep
from tests.helpers import file_bytes, raw_rows
from tests.printing.samples import CONTEXT

RULE = RetentionRule(reprint_days=7, unsent_alert_days=7)
CODE = "7Q4M-KD2R-9XHW-PL"
QR = "SP1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH"


def queued_voucher(store: Store, state: str, code: str = CODE, kind: str = "voucher") -> str:
    item = Voucher(
        "Buoni spesa 2026",
        "Comune di Limena",
        QR,
        code,
        date(2026, 12, 1),
        date(2026, 12, 31),
        2500,
    )
    with store.write() as session:
        job = print_queue.add(session, voucher(CONTEXT, item), kind, code)
        session.flush()
        session.execute(update(PrintJob).where(PrintJob.uuid == job).values(state=state))
    return job


def queued_receipt(store: Store) -> str:
    receipt = ApplicationReceipt("Buoni spesa", "Limena", "DOM-RRRR-RRRR", CONTEXT.printed_at)
    with store.write() as session:
        job = print_queue.add(session, application_receipt(CONTEXT, receipt), "application")
        session.flush()
        session.execute(update(PrintJob).where(PrintJob.uuid == job).values(state="printed"))
    return job


def later(minutes: float) -> Any:
    return utcnow() + timedelta(minutes=minutes)


def test_a_printed_voucher_leaves_the_disk_minutes_later_a_receipt_stays(store: Store) -> None:
    queued_voucher(store, "printed")
    receipt = queued_receipt(store)

    housekeep(store, RULE)  # just printed: its picture may still be on the screen
    assert len(raw_rows(store.path, "SELECT id FROM print_jobs")) == 2

    kept_minutes = VOUCHER_SLIP_KEPT.total_seconds() / 60
    housekeep(store, RULE, now=later(kept_minutes + 1))

    assert raw_rows(store.path, "SELECT uuid FROM print_jobs") == [(receipt,)]
    data = file_bytes(store.path)
    assert CODE.encode() not in data and QR.encode() not in data
    assert b"DOM-RRRR-RRRR" in data  # the receipt's reprint window has days to go
    # Its trace stays: a copy from the wallet is still marked as one.
    digest = hashlib.sha256(CODE.encode()).hexdigest()
    assert raw_rows(store.path, "SELECT kind, state, reference_sha256 FROM print_history") == [
        ("voucher", "printed", digest)
    ]
    with store.read() as session:
        assert print_history.voucher_prints(session, CODE, print_history.MAY_HAVE_PRINTED) == 1


def test_a_voucher_to_check_or_waiting_stays_until_it_is_settled(store: Store) -> None:
    """A manager reprints an expired or uncertain voucher from its slip; one waiting for
    paper has still to print. Neither goes early; once dealt with, it goes too."""
    expired = queued_voucher(store, "expired", "AAAA-BBBB-CCCC-DD")
    queued_voucher(store, "uncertain", "EEEE-FFFF-GGGG-HH", kind="voucher_copy")
    queued_voucher(store, "pending", "JJJJ-KKKK-LLLL-MM")
    queued_voucher(store, "sending", "NNNN-PPPP-QQQQ-RR")

    housekeep(store, RULE, now=later(24 * 60))
    assert len(raw_rows(store.path, "SELECT id FROM print_jobs")) == 4

    with store.write() as session:
        copy = print_queue.reprint(session, expired, "Europe/Rome")  # the original: done
    housekeep(store, RULE, now=later(60))
    assert len(raw_rows(store.path, "SELECT id FROM print_jobs")) == 5  # its copy is pending

    with store.write() as session:
        session.execute(update(PrintJob).where(PrintJob.uuid == copy).values(state="printed"))
    housekeep(store, RULE, now=later(60))
    codes = {code for (code,) in raw_rows(store.path, "SELECT reference FROM print_jobs")}
    assert codes == {"EEEE-FFFF-GGGG-HH", "JJJJ-KKKK-LLLL-MM", "NNNN-PPPP-QQQQ-RR"}
    assert b"AAAA-BBBB-CCCC-DD" not in file_bytes(store.path)


DAMAGED = {  # a printed voucher's row damaged on the disk since, as SQL on the file
    "slip cut short": "UPDATE print_jobs SET slip = substr(slip, 1, 200)",
    "slip not UTF-8": "UPDATE print_jobs SET slip = CAST(X'7B22FF' AS TEXT)",
    "created_at no timestamp": "UPDATE print_jobs SET created_at = 'garbage'",
    "copy_no no number": "UPDATE print_jobs SET copy_no = 'x'",
}


@pytest.mark.parametrize("sql", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_printed_voucher_damaged_on_the_disk_leaves_it_all_the_same(
    store: Store, sql: str
) -> None:
    """Retention loaded whole rows, decoding the slip and the times: one damaged row
    raised at every pass, so the voucher's code never left the disk, and the kiosk,
    which runs a pass as it starts, stayed out of service."""
    queued_voucher(store, "printed")
    with sqlite3.connect(store.path) as db:
        db.execute(sql)
    kept_minutes = VOUCHER_SLIP_KEPT.total_seconds() / 60
    assert housekeep(store, RULE, now=later(kept_minutes + 1)).slips == 1
    assert raw_rows(store.path, "SELECT id FROM print_jobs") == []
    assert CODE.encode() not in file_bytes(store.path)
    [(kind, state, created)] = raw_rows(
        store.path, "SELECT kind, state, created_at FROM print_history"
    )
    assert (kind, state) == ("voucher", "printed") and created.startswith("20")
    with store.read() as session:  # a copy from the wallet is still marked as one
        assert print_history.voucher_prints(session, CODE, print_history.MAY_HAVE_PRINTED) == 1


def test_a_reference_damaged_on_the_disk_is_traced_by_its_stored_bytes(store: Store) -> None:
    queued_voucher(store, "printed")
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE print_jobs SET reference = CAST(X'41FF42' AS TEXT)")
    assert housekeep(store, RULE, now=later(60)).slips == 1
    digest = hashlib.sha256(b"A\xffB").hexdigest()
    assert raw_rows(store.path, "SELECT reference_sha256 FROM print_history") == [(digest,)]
