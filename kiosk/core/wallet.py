# SPDX-License-Identifier: EUPL-1.2
"""The vouchers a citizen can print at the kiosk once identified (Qt-free): subsidy
vouchers the platform issued (buoni spesa) and those of their purchases, found in the
mirror by the holder key of the codice fiscale typed or scanned, never by the code
itself. Printing one queues the same signed code the platform published.

A voucher is a bearer code: a second print is a second bearer code. So any print after
the first on this kiosk says "COPIA n. X" above and below the code, is counted apart
in the day report, and is told to the platform (an audit event), which sees the
prints of every kiosk."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from printing import print_queue
from printing.documents import Voucher, voucher, voucher_copy_mark
from printing.slip import SlipContext
from store import outbox
from store.models import MirroredVoucher, PrintJob


def usable_vouchers(session: Session, holder: str, today: date) -> list[MirroredVoucher]:
    return list(
        session.scalars(
            select(MirroredVoucher)
            .where(
                MirroredVoucher.holder == holder,
                MirroredVoucher.state == "issued",
                MirroredVoucher.valid_until >= today,
            )
            .order_by(MirroredVoucher.valid_until)
        )
    )


def prints_of(session: Session, code: str) -> int:
    """How many times this kiosk has printed the voucher, first print and copies."""
    kinds = ("voucher", "voucher_copy")
    count = select(func.count()).where(PrintJob.kind.in_(kinds), PrintJob.reference == code)
    return session.scalar(count) or 0


def print_voucher(session: Session, holder: str, voucher_id: str, context: SlipContext) -> str:
    """Queues the holder's voucher, marked as a copy if printed before; KeyError if it
    is not theirs to print."""
    row = session.get(MirroredVoucher, voucher_id)
    if row is None or row.holder != holder or row.state != "issued":
        raise KeyError(voucher_id)
    copy_no = prints_of(session, row.code)
    slip = voucher(
        context,
        Voucher(
            programme=row.programme,
            issuer=row.issuer,
            signed_code=row.signed_code,
            human_code=row.code,
            valid_from=row.valid_from,
            valid_until=row.valid_until,
            amount_cents=row.amount_cents,
            service=None if row.amount_cents else row.programme,
            mark=voucher_copy_mark(copy_no) if copy_no else "",
        ),
    )
    outbox.add(
        session,
        "event",
        {"type": "voucher_printed", "voucher": row.id, "copy": copy_no, "kiosk": context.kiosk_id},
    )
    return print_queue.add(session, slip, "voucher_copy" if copy_no else "voucher", row.code)
