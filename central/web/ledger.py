# SPDX-License-Identifier: EUPL-1.2
"""A merchant's redemptions and the monthly statement the Comune pays it from.

Months are the platform's calendar months (its time zone, as for voucher validity).
A statement line is one programme in one month: how many redemptions, the euros of
amount vouchers and the units of service vouchers taken. Nothing here names a citizen:
vouchers carry no personal data, and neither do these rows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select

from central.models import IssuedVoucher, MerchantAccount, Redemption
from central.platform import Platform
from central.web.audit import cell

HISTORY_LIMIT = 500


@dataclass(frozen=True)
class Taken:
    """One redemption as the shop sees it."""

    receipt: str
    at: datetime  # in the platform's time zone
    code: str
    programme: str
    amount_cents: int | None
    units: int | None


@dataclass(frozen=True)
class StatementLine:
    month: str  # YYYY-MM
    comune: str  # whose buoni: each Comune pays its own (its name; "" for the network's)
    programme: str
    count: int
    amount_cents: int
    units: int


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)


def history(platform: Platform, device_id: str, limit: int = HISTORY_LIMIT) -> list[Taken]:
    """This merchant's redemptions, newest first."""
    query = (
        select(Redemption, IssuedVoucher)
        .join(IssuedVoucher, IssuedVoucher.id == Redemption.voucher_id)
        .where(Redemption.device_id == device_id)
        .order_by(Redemption.at.desc(), Redemption.id)
        .limit(limit)
    )
    with platform.sessions() as session:
        rows = session.execute(query).all()
    return [
        Taken(
            taken.id,
            _local(taken.at, platform.time_zone),
            voucher.code,
            voucher.programme,
            taken.amount_cents,
            taken.units,
        )
        for taken, voucher in rows
    ]


def statement(platform: Platform, device_id: str) -> list[StatementLine]:
    """Count and totals per month, Comune and programme, months newest first, of what
    the Comuni pay the shop (as their reconciliation counts it). Two
    Comuni may name a programme alike ("Buoni spesa 2026"), and each pays its own: one
    line for both matched neither Comune's reconciliation."""
    query = (
        select(
            Redemption.at,
            Redemption.amount_cents,
            Redemption.units,
            IssuedVoucher.comune,
            IssuedVoucher.programme,
            IssuedVoucher.service,
        )
        .join(IssuedVoucher, IssuedVoucher.id == Redemption.voucher_id)
        .where(Redemption.device_id == device_id)
        # What the Comune pays, as its reconciliation counts it: a service the citizen
        # paid the provider for on site is not on it (the shop's history still lists it).
        .where(or_(IssuedVoucher.payment.is_(None), IssuedVoucher.payment != "provider"))
    )
    # Keyed by service too, as the reconciliation is: two services alike named are two
    # lines, their units (hours, weeks) never one number.
    totals: dict[tuple[str, str, str, str], list[int]] = {}
    with platform.sessions() as session:
        for at, cents, units, comune, programme, service in session.execute(query):
            month = f"{_local(at, platform.time_zone):%Y-%m}"
            key = (month, comune or "", programme, service or "")
            line = totals.setdefault(key, [0, 0, 0])
            line[0] += 1
            line[1] += cents or 0
            line[2] += units or 0
    names = platform.records("comuni") if totals else {}
    ordered = sorted(totals.items(), key=lambda item: item[0][1:])
    ordered.sort(key=lambda item: item[0][0], reverse=True)
    return [
        StatementLine(
            month, str(names.get(comune, {}).get("name") or comune), programme, count, cents, units
        )
        for (month, comune, programme, _service), (count, cents, units) in ordered
    ]


def statement_csv(account: MerchantAccount, lines: list[StatementLine], headers: list[str]) -> str:
    """The statement as CSV: one row per month, Comune and programme, with the shop and its
    IBAN on every row (a spreadsheet can sort and filter it without losing them).
    Euros are written with a dot, the form every spreadsheet reads."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for line in lines:
        euros = f"{line.amount_cents // 100}.{line.amount_cents % 100:02d}"
        writer.writerow(
            [
                line.month,
                cell(account.display_name),
                account.iban,
                cell(line.comune),
                cell(line.programme),
                line.count,
                euros,
                line.units,
            ]
        )
    return out.getvalue()


def statement_xlsx(
    account: MerchantAccount, lines: list[StatementLine], headers: list[str]
) -> bytes:
    """The statement as an Excel workbook: the same rows as the CSV, euros as numbers
    with two decimals, so the Comune's office can sum them."""
    from central.web.workbook import EUROS, workbook

    return workbook(
        "Rendiconto",
        headers,
        (
            [
                line.month,
                account.display_name,
                account.iban,
                line.comune,
                line.programme,
                line.count,
                line.amount_cents / 100,
                line.units,
            ]
            for line in lines
        ),
        formats={6: EUROS},
        widths=(10, 30, 30, 24, 30, 8, 12, 8),
    )
