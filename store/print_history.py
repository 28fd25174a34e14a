# SPDX-License-Identifier: EUPL-1.2
"""What the kiosk printed, without what was on it, and how many times a slip has been
printed.

A slip is deleted ``reprint_days`` after it finished (store/retention.py), yet two facts
must outlive it: how many times a voucher was printed (a later print is a marked copy,
not a second original) and what a day's report counts. Each deleted print job leaves a
line here: its kind, copy number, last state, when it was queued and a SHA-256 of its
reference. A voucher code is enough to redeem the voucher, so only its digest is kept.

A bearer voucher is one piece of paper whichever path printed it (the wallet, an order,
a manager's reprint), so its prints are counted by its code across all of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import PrintedSlip, PrintJob

# States after which a job may have put paper out (a printer that took the bytes and did
# not confirm is counted as having printed: a copy marked once too often is harmless).
MAY_HAVE_PRINTED = ("printed", "sending", "uncertain", "uncertain_done")
# States of a job that will never print (nothing came out).
NEVER_PRINTED = ("expired", "cancelled", "failed", "expired_done", "failed_done")
VOUCHER_KINDS = ("voucher", "voucher_copy")


@dataclass(frozen=True)
class Printed:
    kind: str
    copy_no: int
    state: str
    reference_sha256: str | None


def reference_digest(reference: str | None) -> str | None:
    return None if reference is None else hashlib.sha256(reference.encode()).hexdigest()


def keep(session: Session, jobs: Iterable[PrintJob]) -> int:
    """Writes the trace of print jobs about to be deleted, in the caller's transaction."""
    traces = [
        PrintedSlip(
            kind=job.kind,
            copy_no=job.copy_no,
            state=job.state,
            reference_sha256=reference_digest(job.reference),
            created_at=job.created_at,
        )
        for job in jobs
    ]
    session.add_all(traces)
    return len(traces)


def voucher_prints(session: Session, code: str, states: Sequence[str]) -> int:
    """Prints of the voucher with this code in these states, by every path, whether
    their slip is still kept or only its trace."""
    live = select(func.count()).where(
        PrintJob.kind.in_(VOUCHER_KINDS), PrintJob.reference == code, PrintJob.state.in_(states)
    )
    gone = select(func.count()).where(
        PrintedSlip.kind.in_(VOUCHER_KINDS),
        PrintedSlip.reference_sha256 == reference_digest(code),
        PrintedSlip.state.in_(states),
    )
    return (session.scalar(live) or 0) + (session.scalar(gone) or 0)


def queued_between(session: Session, start: datetime, end: datetime) -> list[Printed]:
    """Every print job queued in [start, end) (naive UTC), whether its slip is kept or not."""
    live = session.execute(
        select(PrintJob.kind, PrintJob.copy_no, PrintJob.state, PrintJob.reference).where(
            PrintJob.created_at >= start, PrintJob.created_at < end
        )
    )
    gone = session.execute(
        select(
            PrintedSlip.kind, PrintedSlip.copy_no, PrintedSlip.state, PrintedSlip.reference_sha256
        ).where(PrintedSlip.created_at >= start, PrintedSlip.created_at < end)
    )
    return [Printed(kind, no, state, reference_digest(ref)) for kind, no, state, ref in live] + [
        Printed(kind, no, state, digest) for kind, no, state, digest in gone
    ]
