# SPDX-License-Identifier: EUPL-1.2
"""Reconciliation for a Comune: the redemptions of its vouchers per shop and month, and
what it owes each shop.

A voucher is the Comune's when it was issued for that Comune (its buoni spesa, and the
service vouchers its kiosks sold). A line is one shop, one Comune and one programme (a
service voucher's is its service) in one month (the platform's calendar month), as on
the shop's own statement (central/web/ledger.py), line for line: how many redemptions,
the euros of amount vouchers taken (what is owed) and the units of service vouchers
taken (owed at the service's agreed price, which the platform does not hold; hours of
one service and weeks of another are never one number), leaving out those the citizen
paid the provider for on site. A member of several Comuni sees each Comune's own lines:
each pays its own.
A shop is named as on its desk account, with its IBAN; one that redeems only through
the API is named by its device.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select

from central.models import Device, IssuedVoucher, MerchantAccount, Redemption
from central.platform import Platform
from central.web.audit import cell
from central.web.workbook import EUROS, workbook


@dataclass(frozen=True)
class Owed:
    month: str  # YYYY-MM
    shop: str
    iban: str
    comune: str  # its name; "" for the network's vouchers
    programme: str  # a service voucher's: the service's title
    count: int
    amount_cents: int
    units: int


def lines(platform: Platform, comuni: list[str], month: str | None = None) -> list[Owed]:
    """Per month (newest first) and shop (by name), the redemptions of these Comuni's
    vouchers; only ``month`` when given."""
    query = (
        select(
            Redemption.at,
            Redemption.amount_cents,
            Redemption.units,
            Device.id,
            Device.kiosk_id,
            MerchantAccount.display_name,
            MerchantAccount.iban,
            IssuedVoucher.comune,
            IssuedVoucher.programme,
            IssuedVoucher.service,
        )
        .join(IssuedVoucher, IssuedVoucher.id == Redemption.voucher_id)
        .join(Device, Device.id == Redemption.device_id)
        .outerjoin(MerchantAccount, MerchantAccount.device_id == Device.id)
        .where(IssuedVoucher.comune.in_(comuni))
        # A service the citizen paid the provider for on site is not the Comune's to pay.
        .where(or_(IssuedVoucher.payment.is_(None), IssuedVoucher.payment != "provider"))
    )
    totals: dict[tuple[str, str, str, str, str], list[int]] = {}
    shops: dict[str, tuple[str, str]] = {}
    zone = platform.time_zone
    with platform.sessions() as session:
        for at, cents, units, device_id, kiosk_id, name, iban, *what in session.execute(query):
            local = at.replace(tzinfo=UTC).astimezone(zone)
            if month is not None and f"{local:%Y-%m}" != month:
                continue
            comune, programme, service = what
            key = (f"{local:%Y-%m}", device_id, comune or "", programme, service or "")
            shops[device_id] = (name or kiosk_id, iban or "")
            line = totals.setdefault(key, [0, 0, 0])
            line[0] += 1
            line[1] += cents or 0
            line[2] += units or 0
    names = platform.records("comuni") if totals else {}
    shown = [
        Owed(
            when,
            *shops[device_id],
            str(names.get(comune, {}).get("name") or comune),
            programme,
            count,
            cents,
            units,
        )
        for (when, device_id, comune, programme, _service), (count, cents, units) in totals.items()
    ]
    shown.sort(key=lambda line: (line.shop.lower(), line.iban, line.comune, line.programme))
    shown.sort(key=lambda line: line.month, reverse=True)
    return shown


def months(platform: Platform, comuni: list[str]) -> list[str]:
    """The months with redemptions of these Comuni's vouchers, newest first."""
    return sorted({line.month for line in lines(platform, comuni)}, reverse=True)


def this_month(platform: Platform) -> str:
    return f"{datetime.now(platform.time_zone):%Y-%m}"


def as_csv(rows: list[Owed], headers: list[str]) -> str:
    """One row per month, shop, Comune and programme; euros with a dot, the form every
    spreadsheet reads."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        euros = f"{row.amount_cents // 100}.{row.amount_cents % 100:02d}"
        writer.writerow(
            [
                row.month,
                cell(row.shop),
                row.iban,
                cell(row.comune),
                cell(row.programme),
                row.count,
                euros,
                row.units,
            ]
        )
    return out.getvalue()


def as_xlsx(rows: list[Owed], headers: list[str], title: str) -> bytes:
    """The same rows as the CSV in an Excel sheet, euros as numbers with two decimals."""
    return workbook(
        title,
        headers,
        (
            [
                row.month,
                row.shop,
                row.iban,
                row.comune,
                row.programme,
                row.count,
                row.amount_cents / 100,
                row.units,
            ]
            for row in rows
        ),
        formats={6: EUROS},
        widths=(10, 30, 32, 20, 30, 8, 16, 8),
    )
