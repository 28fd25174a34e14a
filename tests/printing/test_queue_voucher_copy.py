# SPDX-License-Identifier: EUPL-1.2
"""A voucher printed again from the wallet ("COPIA n. X") and then reprinted by a
manager carries one mark, its DUPLICATO n. X, not two different copy numbers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from printing import print_queue
from printing.documents import Voucher, voucher, voucher_copy_mark
from printing.escpos_render import PROFILES, render
from printing.slip import Slip
from store.database import Store
from store.models import PrintJob
from tests.printing.escpos_decode import decode
from tests.printing.samples import CONTEXT

CODE = "995M-PPRQ-1EBY-JK"


def slip(mark: str) -> Slip:
    item = Voucher(
        "Buoni spesa 2026",
        "Comune di Limena",
        "SP1:ABC",
        CODE,
        date(2026, 12, 1),
        date(2026, 12, 31),
        2500,
        mark=mark,
    )
    return voucher(CONTEXT, item)


def marks(job_slip: Slip) -> list[str]:
    texts = decode(render(job_slip, PROFILES["80mm"])).texts
    return [t.strip() for t in texts if "COPIA" in t or "DUPLICATO" in t]


def test_a_wallet_copy_reprinted_by_a_manager_carries_only_its_duplicate_mark(
    store: Store,
) -> None:
    with store.write() as session:
        first = print_queue.add(session, slip(""), "voucher", CODE)
        copy = print_queue.add(session, slip(voucher_copy_mark(1)), "voucher_copy", CODE)
        session.flush()
        session.execute(update(PrintJob).where(PrintJob.uuid == first).values(state="printed"))
        session.execute(update(PrintJob).where(PrintJob.uuid == copy).values(state="uncertain"))
    with store.write() as session:
        again = print_queue.reprint(session, copy, "Europe/Rome")
    with store.read() as session:
        job = print_queue.get(session, again)
    assert job is not None and job.copy_no == 2
    assert marks(job.slip) == ["DUPLICATO n. 2", "DUPLICATO n. 2"]
    # The rest of the voucher is as printed: only the COPIA marks are gone.
    kept = [e for e in slip(voucher_copy_mark(1)).elements if e not in slip("").elements]
    assert kept and all(e not in job.slip.elements for e in kept)
    assert set(slip("").elements) <= set(job.slip.elements)


def test_a_wallet_copy_that_never_printed_reprints_unmarked(store: Store) -> None:
    """No print of the code may have put paper out: the reprint is no copy at all."""
    with store.write() as session:
        first = print_queue.add(session, slip(""), "voucher", CODE)
        copy = print_queue.add(session, slip(voucher_copy_mark(1)), "voucher_copy", CODE)
        session.flush()
        session.execute(update(PrintJob).where(PrintJob.uuid == first).values(state="failed"))
        session.execute(update(PrintJob).where(PrintJob.uuid == copy).values(state="expired"))
    with store.write() as session:
        again = print_queue.reprint(session, copy, "Europe/Rome")
    with store.read() as session:
        job = print_queue.get(session, again)
    assert job is not None and job.copy_no == 0 and marks(job.slip) == []
