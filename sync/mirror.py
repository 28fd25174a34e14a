"""Writes validated platform records into the mirror tables and keeps search in step.

Callers pass untrusted JSON objects; every record is validated first (``records``) and a
batch is applied with bulk upserts, so applying the same batch twice changes nothing.
The caller owns the transaction: a batch and whatever goes with it (a sync cursor)
commit together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sync import records
from sync.models import (
    Base,
    Call,
    Category,
    Comune,
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
    "calls": (Call, records.parse_call),
    "operators": (Operator, records.parse_operator),
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
    statement = sqlite_insert(table)
    keys = [column.name for column in table.primary_key.columns]
    statement = statement.on_conflict_do_update(
        index_elements=keys,
        set_={name: statement.excluded[name] for name in rows[0] if name not in keys},
    )
    session.execute(statement, rows)
    ids = [row["id"] for row in rows]
    if kind == "services":
        session.execute(delete(ServiceComune).where(ServiceComune.service_id.in_(ids)))
        links = [{"service_id": s, "comune_id": c} for s, cs in residents.items() for c in cs]
        if links:
            session.execute(insert(ServiceComune), links)
        reindex_services(session, ids)
    elif kind == "providers":
        _reindex_where(session, Service.provider_id.in_(ids))
    elif kind == "categories":
        _reindex_where(session, Service.category_id.in_(ids))
    return len(rows)


def remove(session: Session, kind: str, ids: Iterable[str]) -> None:
    """Applies tombstones: deletes the records with these ids (absent ones are fine)."""
    model, _ = KINDS[kind]
    ids = list(ids)
    if kind == "services":
        session.execute(_fts_delete(ids))
    session.execute(delete(model).where(model.__table__.c.id.in_(ids)))


def _fts_delete(ids: list[str]) -> Any:
    # json_each keeps one bound parameter however many ids a batch has.
    return text(
        "DELETE FROM services_fts WHERE service_id IN (SELECT value FROM json_each(:ids))"
    ).bindparams(ids=json.dumps(ids))


def _reindex_where(session: Session, condition: Any) -> None:
    ids = list(session.scalars(select(Service.id).where(condition)))
    if ids:
        reindex_services(session, ids)


def reindex_services(session: Session, ids: list[str]) -> None:
    """Rebuilds the search rows of these services from the mirror tables."""
    session.execute(_fts_delete(ids))
    rows = session.execute(
        select(
            Service.id,
            Service.title,
            Service.description,
            Service.keywords,
            Provider.name,
            Category.label,
        )
        .join(Provider, Provider.id == Service.provider_id)
        .join(Category, Category.id == Service.category_id)
        .where(Service.id.in_(ids))
    ).all()
    documents = [
        {
            "id": row[0],
            "title": " ".join(row[1].values()),
            "body": " ".join(
                [*row[2].values(), *row[3], row[4], *row[5].values()],
            ),
        }
        for row in rows
    ]
    if documents:
        session.execute(
            text("INSERT INTO services_fts (service_id, title, body) VALUES (:id, :title, :body)"),
            documents,
        )


def count(session: Session, kind: str) -> int:
    model, _ = KINDS[kind]
    return session.scalar(select(func.count()).select_from(model)) or 0
