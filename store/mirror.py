# SPDX-License-Identifier: EUPL-1.2
"""Writes validated platform records into the mirror tables and keeps search in step.

Callers pass untrusted JSON objects; every record is validated first (``records``) and a
batch is applied with bulk upserts, so applying the same batch twice changes nothing.
The caller owns the transaction: a batch and whatever goes with it (a sync cursor)
commit together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any, NamedTuple, cast

import orjson
from sqlalchemy import JSON, Connection, Date, DateTime, Table, TypeDecorator, delete, func, select
from sqlalchemy.orm import Session

from protocol import records
from store import bulk, columns, search_rows
from store.models import (
    ApplicationStatus,
    Base,
    Call,
    Category,
    Comune,
    FormDefinition,
    Operator,
    Provider,
    Service,
    WalletEntry,
    as_utc,
)

# Order matters: records refer to the kinds before them.
KINDS: dict[str, tuple[type[Base], Callable[[Any], dict[str, Any]]]] = {
    kind: (table, columns.COLUMNS[kind])
    for kind, table in (
        ("comuni", Comune),
        ("categories", Category),
        ("providers", Provider),
        ("services", Service),
        ("forms", FormDefinition),
        ("calls", Call),
        ("application_statuses", ApplicationStatus),
        ("operators", Operator),
        ("wallets", WalletEntry),
    )
}


def parse_batch(kind: str, batch: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Validates a batch with the contract's types (protocol.records) and turns it into
    column values; the error names the kind, the record's position and the field."""
    _, to_columns = KINDS[kind]
    return [to_columns(record) for record in records.validate_batch(kind, batch)]


class Prepared(NamedTuple):
    """A validated batch as statement parameters: what ``write`` needs, made before the
    write transaction begins so the store's write lock is held only for SQL."""

    kind: str
    ids: list[str]
    # Rows as the parameters of their multi-row statements (``bulk.flat_chunks``), made
    # here so the writer, a pull's critical path, only binds them.
    values: list[bulk.Chunk]  # one value per column, in the table's order, row after row
    links: list[bulk.Chunk]  # services: (service id, Comune id) of their residents_of
    texts: list[search_rows.ServiceText]  # services: what their search rows hold
    search: search_rows.Built | None = None  # services: their search rows, made ahead
    # The caller knows ``search`` holds the store's names and labels still (nothing has
    # written providers or categories since they were read): the writer does not check.
    search_current: bool = False


def prepare(kind: str, batch: Sequence[Mapping[str, Any]]) -> Prepared:
    """Validates ``batch`` (raises RecordError) and converts it for the store."""
    rows = parse_batch(kind, batch)
    links: list[tuple[str, str]] = []
    texts: list[search_rows.ServiceText] = []
    if kind == "services":
        # A service may come twice in a batch (changed twice): its last record counts.
        last = {row["id"]: row for row in rows}
        links = [
            (service, comune) for service, row in last.items() for comune in row["residents_of"]
        ]
        texts = [search_rows.service_text(row) for row in last.values()]
    getter, conversions = _layout(kind)
    # Column by column: each conversion is mapped over its column, and the rows are
    # put back together by zip, with no Python loop per cell (a first pull converts
    # 10,000 services of 13 columns).
    values: list[tuple[Any, ...]] = []
    if rows:
        columns = list(zip(*map(getter, rows), strict=True))
        for index, convert in conversions:
            columns[index] = tuple(map(convert, columns[index]))
        values = list(zip(*columns, strict=True))
    return Prepared(
        kind,
        [row["id"] for row in rows],
        bulk.flat_chunks(values, len(_column_names(kind))),
        bulk.flat_chunks(links, 2),
        texts,
    )


def with_search_rows(connection: Connection, prepared: Prepared) -> Prepared:
    """``prepared`` with its services' search rows made now, from the names and labels
    the store holds (``search_rows.build``): for a thread that prepares the next page
    while this one is written, so the writer only checks they are still current."""
    if prepared.kind != "services" or not prepared.texts:
        return prepared
    return prepared._replace(search=search_rows.build(connection, prepared.texts))


def upsert(session: Session, kind: str, batch: Sequence[Mapping[str, Any]]) -> int:
    """Validates and inserts or updates ``batch``; returns how many records it applied."""
    return write(session, prepare(kind, batch))


def write(session: Session, prepared: Prepared) -> int:
    """Inserts or updates a prepared batch, with its Comune links and search rows, in
    multi-row statements (``bulk``)."""
    kind, ids = prepared.kind, prepared.ids
    if not ids:
        return 0
    table = cast(Table, KINDS[kind][0].__table__)
    names = _column_names(kind)
    keys = tuple(column.name for column in table.primary_key.columns)
    connection = session.connection()
    held: list[str] = []
    if kind == "services":
        # Only services the mirror holds already have search rows and links to replace
        # (none, on a first pull). Removed before the upsert, which keeps the rowids.
        held = [row[0] for row in bulk.select_in(connection, _HELD_SERVICES, ids)]
        if held:
            search_rows.remove(connection, held)
    for rows, parameters in prepared.values:
        connection.exec_driver_sql(_upsert_sql(table.name, names, keys, rows), parameters)
    if held:
        bulk.execute_in(
            connection, "DELETE FROM service_comuni WHERE service_id IN ({values})", held
        )
    if kind == "services":
        for rows, parameters in prepared.links:
            connection.exec_driver_sql(
                f"INSERT INTO service_comuni (service_id, comune_id) VALUES {bulk.values(rows, 2)}",
                parameters,
            )
        search_rows.add(
            connection, prepared.texts, prepared.search, current=prepared.search_current
        )
    elif kind == "providers":
        search_rows.reindex(connection, "provider_id", ids)
    elif kind == "categories":
        search_rows.reindex(connection, "category_id", ids)
    return len(ids)


_HELD_SERVICES = "SELECT id FROM services WHERE id IN ({values})"


def _as_json(value: Any) -> Any:
    if value is None:
        return None
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, say, from demo data
        return json.dumps(value)


def _as_datetime(value: Any) -> Any:
    """The text UtcDateTime stores: naive UTC with microseconds, whatever the zone given
    (isoformat pads the year to four digits as SQLAlchemy does; strftime's %Y may not)."""
    if value is None:
        return None
    return as_utc(value).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _as_date(value: Any) -> Any:
    return None if value is None else value.isoformat()


@cache
def _column_names(kind: str) -> tuple[str, ...]:
    return tuple(column.name for column in KINDS[kind][0].__table__.columns)


@cache
def _layout(
    kind: str,
) -> tuple[
    Callable[[Mapping[str, Any]], tuple[Any, ...]], tuple[tuple[int, Callable[[Any], Any]], ...]
]:
    """How a validated record becomes a row: its values in column order, and the columns
    that are stored as SQLAlchemy's JSON, DateTime and Date types store them, so ORM
    reads agree."""
    conversions: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(KINDS[kind][0].__table__.columns):
        # A TypeDecorator (store.models.UtcDateTime) stores as the type it decorates.
        stored = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
        if isinstance(stored, JSON):
            conversions.append((index, _as_json))
        elif isinstance(stored, DateTime):
            conversions.append((index, _as_datetime))
        elif isinstance(stored, Date):
            conversions.append((index, _as_date))
    names = _column_names(kind)
    # itemgetter of one name returns the value itself, not a tuple of one.
    getter = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    return getter, tuple(conversions)


@lru_cache(maxsize=64)  # one per table and batch size: full pages and a few remainders
def _upsert_sql(table: str, columns: tuple[str, ...], keys: tuple[str, ...], rows: int) -> str:
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns if name not in keys)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES {bulk.values(rows, len(columns))}"
        f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
    )


def remove(session: Session, kind: str, ids: Iterable[str]) -> None:
    """Applies tombstones: deletes the records with these ids (absent ones are fine)."""
    model, _ = KINDS[kind]
    ids = list(ids)
    if kind == "services":
        search_rows.remove(session.connection(), ids)
    session.execute(delete(model).where(model.__table__.c.id.in_(ids)))


def count(session: Session, kind: str) -> int:
    model, _ = KINDS[kind]
    return session.scalar(select(func.count()).select_from(model)) or 0
