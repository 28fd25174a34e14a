# SPDX-License-Identifier: EUPL-1.2
"""The audit log of Comune staff on the web desk: who did what, when, on what.

Every staff action that changes something or reads a citizen's data (opening an
application or the list of them, deciding one, issuing a voucher or a credit, importing
a file, exporting a list, asking a kiosk for its log and reading it) adds a row, in the
same transaction as the change where there is one, so a change is never without its
row. Rows are only ever added.
Staff see the rows of their own Comuni, newest first (the newest SHOWN_LIMIT on the
page), and can export all of them as CSV or Excel.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from central.models import StaffAction
from central.web.accounts import Merchant

SHOWN_LIMIT = 1000  # rows on the page; the exports hold every row
EXPORT_PAGE = 1000  # rows an export reads (and a CSV sends) at a time
SPOOLED_BYTES = 8 * 1024 * 1024  # an Excel export larger than this waits on disk
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
    "log_requested",
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
    """The newest rows of these Comuni, newest first (the page shows these)."""
    query = _newest_first(comuni).limit(limit)
    return [_entry(row, zone) for row in session.scalars(query)]


@dataclass(frozen=True)
class Export:
    """What an export holds: the rows of its Comuni up to the newest when it was asked
    for (its own "exported" row and later ones are not in it)."""

    comuni: list[str]
    upto: int  # the newest row's id
    count: int


def export_of(session: Session, comuni: list[str]) -> Export:
    mine = StaffAction.comune.in_(comuni)
    upto = session.scalar(select(func.max(StaffAction.id)).where(mine)) or 0
    count = session.scalar(select(func.count()).where(mine, StaffAction.id <= upto)) or 0
    return Export(comuni, upto, count)


def every_entry(
    sessions: Callable[[], AbstractContextManager[Session]], export: Export, zone: ZoneInfo
) -> Iterator[Entry]:
    """Every row of the export, newest first, read EXPORT_PAGE at a time (each page
    in a short read of its own): an office's log grows by a row each time someone opens
    an application, and a file of all of it must not hold all of it in memory."""
    after: tuple[datetime, int] | None = None
    while True:
        query = _newest_first(export.comuni).where(StaffAction.id <= export.upto)
        if after is not None:  # the rows older than the last page's last
            at, row_id = after
            older = or_(StaffAction.at < at, and_(StaffAction.at == at, StaffAction.id < row_id))
            query = query.where(older)
        with sessions() as session:
            rows = list(session.scalars(query.limit(EXPORT_PAGE)))
            yield from (_entry(row, zone) for row in rows)
        if len(rows) < EXPORT_PAGE:
            return
        after = (rows[-1].at, rows[-1].id)


def _newest_first(comuni: list[str]) -> Select[StaffAction]:
    return (
        select(StaffAction)
        .where(StaffAction.comune.in_(comuni))
        .order_by(StaffAction.at.desc(), StaffAction.id.desc())
    )


def _entry(row: StaffAction, zone: ZoneInfo) -> Entry:
    return Entry(
        row.at.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None),
        row.username,
        row.comune,
        row.action,
        row.target,
        row.detail,
    )


def csv_chunks(
    rows: Iterable[Entry], headers: list[str], action_names: dict[str, str]
) -> Iterator[str]:
    """The CSV file in pieces of EXPORT_PAGE rows, to be sent as they are made."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for number, row in enumerate(rows, start=1):
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
        if number % EXPORT_PAGE == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """A spreadsheet runs a cell starting with = + - @ as a formula: not ours. Excel set
    to Italian also splits a line on ";", so each part after a ";" is a cell of its
    own there ("Buoni;=1+1" made a formula of the second): each part is guarded."""
    return ";".join(
        "'" + part if part.lstrip(" ")[:1] in FORMULA_STARTS else part for part in text.split(";")
    )


def xlsx_chunks(
    rows: Iterable[Entry], headers: list[str], action_names: dict[str, str]
) -> Iterator[bytes]:
    """The Excel file of the rows in pieces: made in a file (on disk when large), then
    read back."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOLED_BYTES) as made:
        write_xlsx(made, rows, headers, action_names)
        made.seek(0)
        while chunk := made.read(64 * 1024):
            yield chunk


def write_xlsx(
    out: IO[bytes], rows: Iterable[Entry], headers: list[str], action_names: dict[str, str]
) -> None:
    """The same rows as the CSV in an Excel sheet, the time a real date (local time)."""
    from central.web.workbook import write_workbook

    write_workbook(
        out,
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
