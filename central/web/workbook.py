# SPDX-License-Identifier: EUPL-1.2
"""The desk's Excel files (openpyxl): one sheet, a header row, one row per line.

Text is written as text: a cell holding "=HYPERLINK(...)" or "+39..." (a shop's name,
a record's title, an audit detail typed by someone) is stored as a string with Excel's
quote prefix, so a spreadsheet shows it as typed and never runs it as a formula, not even
after someone edits the cell. (openpyxl would otherwise store any text starting with
"=" as a formula.) The CSV files, which have no cell types, put an apostrophe before such
text instead (``central.web.audit.cell``). Amounts are numbers with two decimals and
instants real dates, so the office can sum and sort them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell import Cell

EUROS = "#,##0.00"
INSTANT = "yyyy-mm-dd hh:mm:ss"


def workbook(
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    formats: Mapping[int, str] | None = None,
    widths: Sequence[int] = (),
) -> bytes:
    """The .xlsx bytes of a sheet ``title``; ``formats``: a number format by column
    (0-based), e.g. ``EUROS`` for euros given as a number of euros."""
    out = io.BytesIO()
    write_workbook(out, title, headers, rows, formats=formats, widths=widths)
    return out.getvalue()


def write_workbook(
    out: IO[bytes],
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    formats: Mapping[int, str] | None = None,
    widths: Sequence[int] = (),
) -> None:
    """``workbook`` into a file. The sheet is written row by row as ``rows`` gives
    them (openpyxl's write-only mode), so a sheet of any length is never whole in
    memory: the audit log's export holds every row of an office's log."""
    # Imported when a file is asked for: the platform starts without it.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])  # Excel's limit for a sheet's name
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_cells(sheet, headers, None))
    for values in rows:
        sheet.append(_cells(sheet, values, formats))
    book.save(out)


def _cells(sheet: Any, values: Sequence[object], formats: Mapping[int, str] | None) -> list[Cell]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cells = []
    for column, value in enumerate(values):
        if isinstance(value, str):
            # Control characters cannot be in an Excel file (openpyxl refuses the cell):
            # one in an uploaded file's name, kept in the audit log, failed every export.
            value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell = WriteOnlyCell(sheet, value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, even when it starts with "="
            cell.quotePrefix = value[:1] in FORMULA_START
        elif formats and column in formats:
            cell.number_format = formats[column]
        elif isinstance(value, datetime):
            cell.number_format = INSTANT
        cells.append(cell)
    return cells


# What a spreadsheet would read as the start of a formula in a cell typed by hand.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
