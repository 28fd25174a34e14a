"""Writes validated platform records into the mirror tables and keeps search in step.

Callers pass untrusted JSON objects; every record is validated first (``records``) and a
batch is applied with bulk upserts, so applying the same batch twice changes nothing.
The caller owns the transaction: a batch and whatever goes with it (a sync cursor)
commit together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import delete, func, select, text
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
    ServiceComune,
)

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


def upsert(session: Session, kind: str, batch: Sequence[Mapping[str, Any]]) -> int:
    """Validates and inserts or updates ``batch``; returns how many records it applied."""
    model, _ = KINDS[kind]
    rows = parse_batch(kind, batch)
    if not rows:
        return 0
    residents = {row["id"]: row.pop("residents_of") for row in rows} if kind == "services" else {}
    table = model.__table__
    columns = [column.name for column in table.columns]
    # One executemany at the driver: SQLAlchemy's bulk statements cost more to build
    # than SQLite takes to run them, and a full catalog is thousands of rows.
    statement = _upsert_sql(
        table.name, tuple(columns), tuple(c.name for c in table.primary_key.columns)
    )
    values = [tuple(_sql_value(row[name]) for name in columns) for row in rows]
    session.connection().exec_driver_sql(statement, values)
    ids = [row["id"] for row in rows]
    if kind == "services":
        session.execute(delete(ServiceComune).where(ServiceComune.service_id.in_(ids)))
        links = [(service, comune) for service, cs in residents.items() for comune in cs]
        if links:
            session.connection().exec_driver_sql(
                "INSERT INTO service_comuni (service_id, comune_id) VALUES (?, ?)", links
            )
        reindex_services(session, ids)
    elif kind == "providers":
        _reindex_where(session, Service.provider_id.in_(ids))
    elif kind == "categories":
        _reindex_where(session, Service.category_id.in_(ids))
    return len(rows)


def _sql_value(value: Any) -> Any:
    # Stored as SQLAlchemy's JSON and DateTime types store them, so ORM reads agree.
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def _upsert_sql(table: str, columns: tuple[str, ...], keys: tuple[str, ...]) -> str:
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns if name not in keys)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
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
