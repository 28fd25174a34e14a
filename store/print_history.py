# SPDX-License-Identifier: EUPL-1.2
"""What the kiosk printed, without what was on it.

A slip is deleted ``reprint_days`` after it finished (store/retention.py), yet two facts
must outlive it: how many times a voucher was printed (a later print is a marked copy,
not a second original) and what a day's report counts. Each deleted print job leaves a
line here: its kind, its copy number, when it was queued and a SHA-256 of its reference.
A voucher code is enough to redeem the voucher, so only its digest is kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import PrintedSlip, PrintJob


@dataclass(frozen=True)
class Printed:
    kind: str
    copy_no: int
    reference_sha256: str | None


def reference_digest(reference: str | None) -> str | None:
    return None if reference is None else hashlib.sha256(reference.encode()).hexdigest()


def keep(session: Session, jobs: Iterable[PrintJob]) -> int:
    """Writes the trace of print jobs about to be deleted, in the caller's transaction."""
    traces = [
        PrintedSlip(
            kind=job.kind,
            copy_no=job.copy_no,
            reference_sha256=reference_digest(job.reference),
            created_at=job.created_at,
        )
        for job in jobs
    ]
    session.add_all(traces)
    return len(traces)


def times_printed(session: Session, kinds: Sequence[str], reference: str) -> int:
    """Print jobs of these kinds for ``reference``, those still here and those gone."""
    live = select(func.count()).where(PrintJob.kind.in_(kinds), PrintJob.reference == reference)
    gone = select(func.count()).where(
        PrintedSlip.kind.in_(kinds), PrintedSlip.reference_sha256 == reference_digest(reference)
    )
    return (session.scalar(live) or 0) + (session.scalar(gone) or 0)


def queued_between(session: Session, start: datetime, end: datetime) -> list[Printed]:
    """Every print job queued in [start, end) (naive UTC), whether its slip is kept or not."""
    live = session.execute(
        select(PrintJob.kind, PrintJob.copy_no, PrintJob.reference).where(
            PrintJob.created_at >= start, PrintJob.created_at < end
        )
    )
    gone = session.execute(
        select(PrintedSlip.kind, PrintedSlip.copy_no, PrintedSlip.reference_sha256).where(
            PrintedSlip.created_at >= start, PrintedSlip.created_at < end
        )
    )
    return [Printed(kind, copy_no, reference_digest(ref)) for kind, copy_no, ref in live] + [
        Printed(kind, copy_no, digest) for kind, copy_no, digest in gone
    ]
