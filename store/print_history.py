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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from store import raw_columns
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


def keep(session: Session, doomed: ColumnElement[bool], now: datetime) -> int:
    """Writes the trace of the print jobs about to be deleted (those ``doomed`` selects),
    in the caller's transaction. Only the columns a trace needs are read, raw: a slip,
    or any column, damaged on the disk since it printed must not stop retention (which
    runs as the kiosk starts) from deleting it. A reference's digest is of its stored
    bytes (the same as of its text, when it is text); a time that is none is the job's
    last change, or ``now``."""
    columns = (
        PrintJob.kind,
        PrintJob.copy_no,
        PrintJob.state,
        PrintJob.reference,
        PrintJob.created_at,
        PrintJob.updated_at,
    )
    rows = session.execute(select(*map(raw_columns.raw, columns)).where(doomed)).all()
    traces = [_trace(tuple(row), now) for row in rows]
    session.add_all(traces)
    return len(traces)


def _trace(row: Sequence[bytes | None], now: datetime) -> PrintedSlip:
    kind, copy_no, state, reference, created_at, updated_at = row
    instant = raw_columns.instant
    return PrintedSlip(
        kind=raw_columns.lenient_text(kind) or "",
        copy_no=raw_columns.or_none(raw_columns.integer, copy_no) or 0,
        state=raw_columns.lenient_text(state) or "",
        reference_sha256=_digest(reference),
        created_at=(
            raw_columns.or_none(instant, created_at)
            or raw_columns.or_none(instant, updated_at)
            or now
        ),
    )


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
    columns = (PrintJob.kind, PrintJob.copy_no, PrintJob.state, PrintJob.reference)
    live = session.execute(  # raw: a job damaged on the disk is counted as well as it reads
        select(*map(raw_columns.raw, columns)).where(
            PrintJob.created_at >= start, PrintJob.created_at < end
        )
    )
    gone = session.execute(
        select(
            PrintedSlip.kind, PrintedSlip.copy_no, PrintedSlip.state, PrintedSlip.reference_sha256
        ).where(PrintedSlip.created_at >= start, PrintedSlip.created_at < end)
    )
    return [_printed(tuple(row)) for row in live] + [
        Printed(kind, no, state, digest) for kind, no, state, digest in gone
    ]


def _printed(row: Sequence[bytes | None]) -> Printed:
    kind, copy_no, state, reference = row
    return Printed(
        raw_columns.lenient_text(kind) or "",
        raw_columns.or_none(raw_columns.integer, copy_no) or 0,
        raw_columns.lenient_text(state) or "",
        _digest(reference),
    )


def _digest(reference: bytes | None) -> str | None:
    """``reference_digest`` of a reference read raw: of its stored bytes."""
    return None if reference is None else hashlib.sha256(reference).hexdigest()
