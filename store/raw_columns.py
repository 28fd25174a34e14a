# SPDX-License-Identifier: EUPL-1.2
"""Columns read as the bytes on the disk, and decoded row by row in Python.

SQLite decodes a text column as UTF-8 while a row is fetched, and SQLAlchemy decodes a
JSON column and a timestamp in the same step: one damaged value (a torn write, a flipped
bit, a bad manual edit of the file) raises inside the query, and every other row of it
is lost with it. A reader that must go on past such a row selects its columns ``raw``
and decodes each row in a try: a value that cannot be decoded raises ``ValueError`` (or
a subclass) there, for that row only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, LargeBinary, cast
from sqlalchemy.orm import InstrumentedAttribute

from store.models import as_utc

T = TypeVar("T")


def raw(column: InstrumentedAttribute[Any]) -> ColumnElement[bytes]:
    """The column's stored value as bytes (an integer as its digits), None when NULL:
    nothing is decoded while the row is fetched."""
    return cast(column, LargeBinary)


def text(value: bytes | None) -> str | None:
    """A text column's value; UnicodeDecodeError (a ValueError) when it is no UTF-8."""
    return None if value is None else value.decode("utf-8")


def lenient_text(value: bytes | None) -> str | None:
    """A text column's value to show or count, whatever its damage: never raises."""
    return None if value is None else value.decode("utf-8", "replace")


def integer(value: bytes | None) -> int | None:
    """An integer column's value; ValueError when it holds anything else."""
    if value is None:
        return None
    if not value.strip().lstrip(b"-").isdigit():  # int() would take " 1_0" too
        raise ValueError(f"not an integer: {value[:40]!r}")
    return int(value)


def instant(value: bytes | None) -> datetime | None:
    """A timestamp column's value as aware UTC (models.UtcDateTime); ValueError when it
    is no timestamp."""
    stored = text(value)
    return None if stored is None else as_utc(datetime.fromisoformat(stored))


def json_value(value: bytes | None) -> Any:
    """A JSON column's value; ValueError (JSONDecodeError, UnicodeDecodeError) when it
    is no JSON text."""
    stored = text(value)
    return None if stored is None else json.loads(stored)


def or_none(decode: Callable[[bytes | None], T | None], value: bytes | None) -> T | None:
    """``decode(value)``, or None when the value cannot be decoded."""
    try:
        return decode(value)
    except (ValueError, TypeError):
        return None
