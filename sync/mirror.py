"""Writes validated platform records into the mirror tables and keeps search in step.

Callers pass untrusted JSON objects; every record is validated first (``records``) and a
batch is applied with bulk upserts, so applying the same batch twice changes nothing.
The caller owns the transaction: a batch and whatever goes with it (a sync cursor)
commit together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import JSON, Date, DateTime, delete, func, select, text
from sqlalchemy.orm import Session

from sync import records
from sync.models import (
    ApplicationStatus,
    Base,
    Call,
    Category,
    Comune,
    Credit,
    FormDefinition,
    MirroredVoucher,
    Operator,
    Provider,
    Service,
)

_T = TypeVar("_T")

# Order matters: records refer to the kinds before them.
KINDS: dict[str, tuple[type[Base], Callable[[Mapping[str, Any]], dict[str, Any]]]] = {
    "comuni": (Comune, records.parse_comune),
    "categories": (Category, records.parse_category),
    "providers": (Provider, records.parse_provider),
    "services": (Service, records.parse_service),
    "forms": (FormDefinition, records.parse_form),
    "calls": (Call, records.parse_call),
    "application_statuses": (ApplicationStatus, records.parse_application_status),
    "operators": (Operator, records.parse_operator),
    "credits": (Credit, records.parse_credit),
    "vouchers": (MirroredVoucher, records.parse_voucher),
}


def parse_batch(kind: str, batch: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Validates a batch; the error names the kind, the record's position and the field."""
    _, parse = KINDS[kind]
    rows = []
    for position, record in enumerate(batch):
        if not isinstance(record, Mapping):
            raise records.RecordError(f"{kind}[{position}]: not an object")
        try:
            rows.append(parse(record))
        except records.RecordError as error:
            raise records.RecordError(f"{kind}[{position}].{error}") from None
    return rows


class Prepared(NamedTuple):
    """A validated batch as statement parameters: what ``write`` needs, made before the
    write transaction begins so the store's write lock is held only for SQL."""

    kind: str
    ids: list[str]
    values: list[tuple[Any, ...]]  # one per record, in the table's column order
    links: list[tuple[str, str]]  # services: (service id, Comune id) of residents_of


def prepare(kind: str, batch: Sequence[Mapping[str, Any]]) -> Prepared:
    """Validates ``batch`` (raises RecordError) and converts it for the store."""
    rows = parse_batch(kind, batch)
    links: list[tuple[str, str]] = []
    if kind == "services":
        # A service may come twice in a batch (changed twice): its last record counts.
        residents = {row["id"]: row.pop("residents_of") for row in rows}
        links = [(service, comune) for service, comunes in residents.items()
                 for comune in comunes or ()]  # fmt: skip
    columns = _columns(kind)
    values = [tuple(convert(row[name]) for name, convert in columns) for row in rows]
    return Prepared(kind, [row["id"] for row in rows], values, links)


def upsert(session: Session, kind: str, batch: Sequence[Mapping[str, Any]]) -> int:
    """Validates and inserts or updates ``batch``; returns how many records it applied."""
    return write(session, prepare(kind, batch))


def write(session: Session, prepared: Prepared) -> int:
    """Inserts or updates a prepared batch, with its Comune links and search rows.

    Rows go in multi-row statements, not executemany: SQLite runs a statement without
    holding Python's lock, and executemany takes that lock back after every row, which
    with another thread busy (the screen, the page being fetched) waits up to a switch
    interval (5 ms) each time.
    """
    kind, ids = prepared.kind, prepared.ids
    if not ids:
        return 0
    table = KINDS[kind][0].__table__
    names = tuple(name for name, _ in _columns(kind))
    keys = tuple(column.name for column in table.primary_key.columns)
    connection = session.connection()
    for chunk in _chunks(prepared.values, len(names)):
        connection.exec_driver_sql(_upsert_sql(table.name, names, keys, len(chunk)),
                                   tuple(value for row in chunk for value in row))  # fmt: skip
    if kind == "services":
        for chunk in _chunks(ids, 1):
            connection.exec_driver_sql(
                f"DELETE FROM service_comuni WHERE service_id IN ({', '.join('?' * len(chunk))})",
                tuple(chunk),
            )
        for chunk in _chunks(prepared.links, 2):
            connection.exec_driver_sql(
                "INSERT INTO service_comuni (service_id, comune_id) VALUES "
                + ", ".join(["(?, ?)"] * len(chunk)),
                tuple(value for link in chunk for value in link),
            )
        reindex_services(session, ids)
    elif kind == "providers":
        _reindex_where(session, Service.provider_id.in_(ids))
    elif kind == "categories":
        _reindex_where(session, Service.category_id.in_(ids))
    return len(ids)


MAX_PARAMETERS = 32_766  # SQLite's limit on the parameters of one statement (3.32+)


def _chunks(items: list[_T], per_item: int) -> Iterator[list[_T]]:
    size = MAX_PARAMETERS // per_item
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _as_json(value: Any) -> Any:
    return None if value is None else json.dumps(value)


def _as_datetime(value: Any) -> Any:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _as_date(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _as_is(value: Any) -> Any:
    return value


@cache
def _columns(kind: str) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each column of the kind's table with the conversion that stores a value as
    SQLAlchemy's JSON, DateTime and Date types store it, so ORM reads agree."""
    converters: list[tuple[str, Callable[[Any], Any]]] = []
    for column in KINDS[kind][0].__table__.columns:
        if isinstance(column.type, JSON):
            converters.append((column.name, _as_json))
        elif isinstance(column.type, DateTime):
            converters.append((column.name, _as_datetime))
        elif isinstance(column.type, Date):
            converters.append((column.name, _as_date))
        else:
            converters.append((column.name, _as_is))
    return tuple(converters)


@lru_cache(maxsize=64)  # one per table and batch size: full pages and a few remainders
def _upsert_sql(table: str, columns: tuple[str, ...], keys: tuple[str, ...], rows: int) -> str:
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns if name not in keys)
    row = f"({', '.join('?' * len(columns))})"
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row] * rows)}"
        f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
    )


def remove(session: Session, kind: str, ids: Iterable[str]) -> None:
    """Applies tombstones: deletes the records with these ids (absent ones are fine)."""
    model, _ = KINDS[kind]
    ids = list(ids)
    if kind == "services":
        session.execute(text(FTS_DELETE), {"ids": json.dumps(ids)})
    session.execute(delete(model).where(model.__table__.c.id.in_(ids)))


# The search row of a service shares the service's rowid, so replacing it is an index
# look-up; its text is gathered inside SQLite from the mirror tables.
FTS_DELETE = """
DELETE FROM services_fts WHERE rowid IN (
    SELECT rowid FROM services WHERE id IN (SELECT value FROM json_each(:ids)))
"""
FTS_INSERT = """
INSERT INTO services_fts (rowid, service_id, title, body)
SELECT s.rowid, s.id,
       (SELECT group_concat(value, ' ') FROM json_each(s.title)),
       coalesce((SELECT group_concat(value, ' ') FROM json_each(s.description)), '')
           || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(s.keywords)), '')
           || ' ' || p.name
           || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(c.label)), '')
FROM services AS s
JOIN providers AS p ON p.id = s.provider_id
JOIN categories AS c ON c.id = s.category_id
WHERE s.id IN (SELECT value FROM json_each(:ids))
"""


def _reindex_where(session: Session, condition: Any) -> None:
    ids = list(session.scalars(select(Service.id).where(condition)))
    if ids:
        reindex_services(session, ids)


def reindex_services(session: Session, ids: list[str]) -> None:
    """Rebuilds the search rows of these services from the mirror tables."""
    parameters = {"ids": json.dumps(ids)}
    session.execute(text(FTS_DELETE), parameters)
    session.execute(text(FTS_INSERT), parameters)


def count(session: Session, kind: str) -> int:
    model, _ = KINDS[kind]
    return session.scalar(select(func.count()).select_from(model)) or 0
