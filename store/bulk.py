# SPDX-License-Identifier: EUPL-1.2
"""Statements of many rows for SQLite: one multi-row statement per chunk of rows.

Rows go in multi-row statements, not executemany: SQLite runs a statement without
holding Python's lock, and executemany takes that lock back after every row, which
with another thread busy (the screen, the page being fetched) waits up to a switch
interval (5 ms) each time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Connection, Row

_T = TypeVar("_T")

MAX_PARAMETERS = 32_766  # SQLite's limit on the parameters of one statement (3.32+)


def chunks(items: Sequence[_T], per_item: int) -> Iterator[Sequence[_T]]:
    """Slices that fit one statement at ``per_item`` parameters each."""
    size = MAX_PARAMETERS // per_item
    for start in range(0, len(items), size):
        yield items[start : start + size]


@lru_cache(maxsize=64)  # a few shapes: full pages and their remainders
def values(rows: int, per_row: int) -> str:
    """``(?, ?), (?, ?)``: the VALUES of ``rows`` rows of ``per_row`` parameters."""
    row = f"({', '.join('?' * per_row)})"
    return ", ".join([row] * rows)


@lru_cache(maxsize=64)
def in_list(count: int) -> str:
    """``?, ?, ?``: the list of an IN of ``count`` parameters."""
    return ", ".join("?" * count)


def flat(rows: Sequence[Sequence[Any]]) -> tuple[Any, ...]:
    """The parameters of a multi-row statement, row after row."""
    return tuple(chain.from_iterable(rows))


class Chunk(NamedTuple):
    """Rows that go in one statement: how many, and their parameters (``flat``)."""

    rows: int
    parameters: tuple[Any, ...]


def flat_chunks(rows: Sequence[Sequence[Any]], per_row: int) -> list[Chunk]:
    """``rows`` cut into statements (``chunks``), each with its parameters."""
    return [Chunk(len(chunk), flat(chunk)) for chunk in chunks(rows, per_row)]


def execute_in(connection: Connection, statement: str, values: Sequence[Any]) -> None:
    """Runs ``statement`` once per chunk of ``values``, its ``{values}`` replaced by the
    chunk's placeholders (for ``IN ({values})``)."""
    for chunk in chunks(values, 1):
        connection.exec_driver_sql(statement.format(values=in_list(len(chunk))), tuple(chunk))


def select_in(connection: Connection, statement: str, values: Sequence[Any]) -> list[Row[Any]]:
    """The rows of ``statement`` over every chunk of ``values`` (as ``execute_in``)."""
    rows: list[Row[Any]] = []
    for chunk in chunks(values, 1):
        statement_of_chunk = statement.format(values=in_list(len(chunk)))
        rows += connection.exec_driver_sql(statement_of_chunk, tuple(chunk)).all()
    return rows
