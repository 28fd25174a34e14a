# SPDX-License-Identifier: EUPL-1.2
"""The audit log of Comune staff on the web desk: who did what, when, on what.

Every staff action that changes something or reads a citizen's data (opening an
application, deciding it, issuing a voucher or a credit, importing a file, exporting
a list) adds a row, in the same transaction as the change where there is one, so a
change is never without its row. Rows are only ever added. Staff see the rows of their
own Comuni, newest first, and can export them as CSV.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import StaffAction
from central.web.accounts import Merchant

SHOWN_LIMIT = 1000
# What a row's action says, as the desk's strings name it ("action_<code>").
ACTIONS = (
    "viewed",
    "decided",
    "issued_voucher",
    "set_credit",
    "imported",
    "exported",
    "published",
    "edited",
    "withdrawn",
    "closed",
)


@dataclass(frozen=True)
class Entry:
    at: datetime  # in the platform's time zone
    username: str
    comune: str | None
    action: str
    target: str
    detail: str


def add(
    session: Session, member: Merchant, action: str, target: str, comune: str | None, detail: str
) -> None:
    """One row, in the caller's transaction."""
    assert action in ACTIONS, action
    session.add(
        StaffAction(
            at=datetime.now(UTC),
            account_id=member.account.id,
            username=member.account.username,
            comune=comune,
            action=action,
            target=target[:64],
            detail=detail[:2000],
        )
    )


def entries(
    session: Session, comuni: list[str], zone: ZoneInfo, limit: int = SHOWN_LIMIT
) -> list[Entry]:
    """The rows of these Comuni, newest first."""
    query = (
        select(StaffAction)
        .where(StaffAction.comune.in_(comuni))
        .order_by(StaffAction.at.desc(), StaffAction.id.desc())
        .limit(limit)
    )
    return [
        Entry(
            row.at.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None),
            row.username,
            row.comune,
            row.action,
            row.target,
            row.detail,
        )
        for row in session.scalars(query)
    ]


def as_csv(rows: list[Entry], headers: list[str], action_names: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            [
                f"{row.at:%Y-%m-%d %H:%M:%S}",
                row.username,
                row.comune or "",
                action_names.get(row.action, row.action),
                cell(row.target),
                cell(row.detail),
            ]
        )
    return out.getvalue()


def cell(text: str) -> str:
    """A spreadsheet runs a cell starting with = + - @ as a formula: not ours."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_xlsx(rows: list[Entry], headers: list[str], action_names: dict[str, str]) -> bytes:
    """The same rows as the CSV in an Excel sheet, the time a real date (local time)."""
    from central.web.workbook import workbook

    return workbook(
        "Registro azioni",
        headers,
        (
            [
                row.at.replace(microsecond=0),
                row.username,
                row.comune or "",
                action_names.get(row.action, row.action),
                row.target,
                row.detail,
            ]
            for row in rows
        ),
        widths=(20, 20, 16, 24, 30, 50),
    )
