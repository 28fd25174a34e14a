# SPDX-License-Identifier: EUPL-1.2
"""The search rows of services (``services_fts``), kept in step with the mirror.

A service's row shares the service's rowid, so replacing it is an index look-up. Its
text is gathered in Python from the validated record: the title, then one body of the
description, keywords, provider name and category label, every language together, then
the distinct stems of those words (``store.stemming``), each language by its stemmer.
Chinese is held as the pairs of characters of its runs (``stemming.han_text``).
(Gathered in SQL from the stored JSON, it took as long as indexing it.)

Every change bumps ``search_state.generation``: the search keeps the index's words in
memory for typo correction and reads them again only when it moved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Connection

from store import bulk, stemming


class ServiceText(NamedTuple):
    """What a service brings to its search row; the names come from the store."""

    id: str
    provider_id: str
    category_id: str
    title: str
    body: str  # description and keywords
    stems: AbstractSet[str]  # of the title, description and keywords


def service_text(row: Mapping[str, Any]) -> ServiceText:
    """From a validated service record (``records.parse_service``)."""
    titles, descriptions, keywords = row["title"], row["description"], row["keywords"]
    title = " ".join(titles.values())
    body = " ".join(chain(descriptions.values(), keywords))
    if stemming.may_hold_han(title, body):  # one look at both: this is a first pull's path
        title, body = stemming.pair_han(title), stemming.pair_han(body)
    # The stems of two texts are the stems of the two together: one call per language.
    if titles.keys() == descriptions.keys():  # the usual case: both in the same languages
        both = {lang: f"{text} {descriptions[lang]}" for lang, text in titles.items()}
    else:
        both = {
            lang: f"{titles.get(lang, '')} {descriptions.get(lang, '')}"
            for lang in titles.keys() | descriptions.keys()
        }
    stems = stemming.stems_of_texts(both, keywords)
    return ServiceText(row["id"], row["provider_id"], row["category_id"], title, body, stems)


class Built(NamedTuple):
    """Search rows made ahead of their write (``build``, on the thread that validates
    the next page), with the provider names and category labels they hold: ``add``
    writes them only if the store still has those, and makes them again otherwise."""

    rows: list[tuple[str, str, str, str]]  # (service id, title, body, stems)
    names: dict[str, str]  # provider id -> name
    labels: dict[str, str]  # category id -> label, as stored (JSON text)
    chunks: list[bulk.Chunk]  # the rows as statement parameters (the writer's part)


def build(connection: Connection, texts: Sequence[ServiceText]) -> Built | None:
    """The search rows of these services, with the names and labels the store holds;
    none when it lacks one of them yet (it comes in the page being written)."""
    names, labels = _names_and_labels(connection, texts)
    if any(t.provider_id not in names or t.category_id not in labels for t in texts):
        return None
    rows = _rows(texts, names, labels)
    return Built(rows, names, labels, bulk.flat_chunks(rows, 4))


def _names_and_labels(
    connection: Connection, texts: Sequence[ServiceText]
) -> tuple[dict[str, str], dict[str, str]]:
    """The names of these services' providers and the labels of their categories, as
    the store holds them (a missing one is left out)."""
    names = _by_id(connection, "providers", "name", {t.provider_id for t in texts})
    labels = _by_id(connection, "categories", "label", {t.category_id for t in texts})
    return names, labels


def _rows(
    texts: Sequence[ServiceText], names: Mapping[str, str], labels: Mapping[str, str]
) -> list[tuple[str, str, str, str]]:
    parsed = {key: orjson.loads(text) for key, text in labels.items()}
    label = {key: stemming.han_text(" ".join(texts.values())) for key, texts in parsed.items()}
    name = {key: stemming.han_text(text) for key, text in names.items()}
    label_stems = {key: stemming.stems_of_texts(texts) for key, texts in parsed.items()}
    return [
        (
            t.id,
            t.title,
            f"{t.body} {name[t.provider_id]} {label[t.category_id]}",
            " ".join(sorted(t.stems | label_stems[t.category_id])),
        )
        for t in texts
    ]


def add(
    connection: Connection,
    texts: Sequence[ServiceText],
    built: Built | None = None,
    *,
    current: bool = False,
) -> None:
    """Writes the search rows of these services, in the mirror and without rows (their
    old ones ``remove``d before they were updated): those ``built`` ahead when the
    names and labels they hold are still the store's, else made here. ``current``: the
    caller knows they are (nothing wrote providers or categories since they were read),
    so they are not read again.

    Nothing is read back row by row: each row read takes Python's lock back, which
    another busy thread may hold for a switch interval (5 ms)."""
    if not texts:
        return
    if built is not None and current:
        chunks = built.chunks
    else:
        names, labels = _names_and_labels(connection, texts)
        if built is not None and built.names == names and built.labels == labels:
            chunks = built.chunks
        else:
            chunks = bulk.flat_chunks(_rows(texts, names, labels), 4)
    for rows, parameters in chunks:
        connection.exec_driver_sql(
            "INSERT INTO services_fts (rowid, service_id, title, body, stems)"
            " SELECT s.rowid, s.id, v.column2, v.column3, v.column4"
            f" FROM (VALUES {bulk.values(rows, 4)}) AS v"
            " JOIN services AS s ON s.id = v.column1",
            parameters,
        )
    _changed(connection)


def remove(connection: Connection, service_ids: Sequence[str]) -> None:
    """Drops the rows of these services (before the services themselves go)."""
    bulk.execute_in(
        connection,
        "DELETE FROM services_fts WHERE rowid IN"
        " (SELECT rowid FROM services WHERE id IN ({values}))",
        service_ids,
    )
    _changed(connection)


def rebuild(connection: Connection) -> None:
    """Writes the search rows of every service again (after the rows' layout changed)."""
    connection.exec_driver_sql("DELETE FROM services_fts")
    reindex(
        connection, "id", [row[0] for row in connection.exec_driver_sql("SELECT id FROM services")]
    )


def generation(connection: Connection) -> int:
    """Moves on each time the search rows change."""
    return int(connection.exec_driver_sql("SELECT generation FROM search_state").scalar_one())


def _changed(connection: Connection) -> None:
    connection.exec_driver_sql("UPDATE search_state SET generation = generation + 1")


def reindex(connection: Connection, column: str, ids: Sequence[str]) -> None:
    """Rebuilds the rows of the services whose ``column`` (id, provider_id, category_id)
    is one of ``ids``: after a provider's name or a category's label changed."""
    if column not in ("id", "provider_id", "category_id"):
        raise ValueError(f"services are not reindexed by {column}")
    texts = []
    found = bulk.select_in(
        connection,
        "SELECT id, provider_id, category_id, title, description, keywords"
        f" FROM services WHERE {column} IN ({{values}})",
        ids,
    )
    for service, provider, category, title, description, keywords in map(tuple, found):
        record = {
            "id": service,
            "provider_id": provider,
            "category_id": category,
            "title": orjson.loads(title),
            "description": orjson.loads(description),
            "keywords": orjson.loads(keywords),
        }
        texts.append(service_text(record))
    remove(connection, [text.id for text in texts])
    add(connection, texts)


def _by_id(connection: Connection, table: str, column: str, ids: set[str]) -> dict[str, Any]:
    query = f"SELECT id, {column} FROM {table} WHERE id IN ({{values}})"
    return dict(map(tuple, bulk.select_in(connection, query, sorted(ids))))
