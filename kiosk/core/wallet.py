# SPDX-License-Identifier: EUPL-1.2
"""The vouchers a citizen can print at the kiosk once identified (Qt-free): subsidy
vouchers the platform issued (buoni spesa) and those of their purchases, found in the
mirror by the holder key of the codice fiscale typed or scanned, never by the code
itself. Printing one queues the same signed code the platform published."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from printing import print_queue
from printing.documents import Voucher, voucher
from printing.slip import SlipContext
from store.models import MirroredVoucher


def usable_vouchers(session: Session, holder: str, today: date) -> list[MirroredVoucher]:
    return list(session.scalars(
        select(MirroredVoucher)
        .where(MirroredVoucher.holder == holder, MirroredVoucher.state == "issued",
               MirroredVoucher.valid_until >= today)
        .order_by(MirroredVoucher.valid_until)
    ))  # fmt: skip


def print_voucher(session: Session, holder: str, voucher_id: str, context: SlipContext) -> str:
    """Queues a copy of the holder's voucher; KeyError if it is not theirs to print."""
    row = session.get(MirroredVoucher, voucher_id)
    if row is None or row.holder != holder or row.state != "issued":
        raise KeyError(voucher_id)
    slip = voucher(context, Voucher(
        programme=row.programme, issuer=row.issuer, signed_code=row.signed_code,
        human_code=row.code, valid_from=row.valid_from, valid_until=row.valid_until,
        amount_cents=row.amount_cents, service=None if row.amount_cents else row.programme,
    ))  # fmt: skip
    return print_queue.add(session, slip, "voucher", row.code)
