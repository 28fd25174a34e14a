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
    # Imported when a file is asked for: the platform starts without it.
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = title[:31]  # Excel's limit for a sheet's name
    for number, values in enumerate([headers, *rows], start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(number, column)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "="
                cell.quotePrefix = value[:1] in FORMULA_START
            elif number > 1 and formats and (column - 1) in formats:
                cell.number_format = formats[column - 1]
            elif isinstance(value, datetime):
                cell.number_format = INSTANT
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# What a spreadsheet would read as the start of a formula in a cell typed by hand.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
