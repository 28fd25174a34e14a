# SPDX-License-Identifier: EUPL-1.2
"""The order of search results, and the work a search does to find a page of them:
services named by the words first, the Comune's page always filled, and BM25 computed
over the services named by the words when they fill the page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from store import catalog, mirror
from store.database import Store
from tests.records import service_record

PAGE = 50


def titles(result: catalog.SearchResult) -> list[str]:
    return [service.title["it"] for service in result.services]


def publish(store: Store, records: list[dict[str, Any]]) -> None:
    with store.write() as session:
        mirror.upsert(session, "services", records)


@contextmanager
def traced(store: Store) -> Iterator[tuple[Session, list[str]]]:
    """A read session, and every statement SQLite runs in it (with its values)."""
    seen: list[str] = []
    with store.read() as session:
        driver = session.connection().connection.driver_connection
        assert driver is not None
        driver.set_trace_callback(seen.append)
        try:
            yield session, seen
        finally:
            driver.set_trace_callback(None)


def test_a_service_named_by_the_word_comes_before_one_that_repeats_it(demo_store: Store) -> None:
    publish(
        demo_store,
        [
            service_record("m1", "Corsi vari per adulti", description={"it": "ceramica " * 30}),
            service_record(
                "m2",
                "Laboratorio di ceramica",
                description={"it": "Tornio, forno e smalti per tutti, al centro diurno."},
            ),
        ],
    )
    assert titles(catalog.CatalogReader(demo_store).find("ceramica", None)) == [
        "Laboratorio di ceramica",
        "Corsi vari per adulti",
    ]


def test_the_page_is_filled_from_descriptions_after_the_named_services(demo_store: Store) -> None:
    publish(
        demo_store,
        [service_record(f"t{n}", f"Orto sociale {n}") for n in range(2)]
        + [
            service_record(f"d{n}", f"Giardinaggio {n}", description={"it": "Un orto in città"})
            for n in range(3)
        ],
    )
    found = titles(catalog.CatalogReader(demo_store).find("orto", None))
    assert sorted(found[:2]) == ["Orto sociale 0", "Orto sociale 1"]
    assert sorted(found[2:]) == ["Giardinaggio 0", "Giardinaggio 1", "Giardinaggio 2"]


def test_the_comunes_page_is_full_when_most_named_services_are_elsewhere(
    demo_store: Store,
) -> None:
    # 300 services named "Orto" for Limena's residents; Piazzola's residents may use 4
    # of those so named and 60 that mention it: a full page, the named ones first.
    elsewhere = [
        service_record(f"l{n:03d}", f"Orto di Limena {n}", residents_of=["limena"])
        for n in range(300)
    ]
    here = [
        service_record(f"p{n}", f"Orto di Piazzola {n}", residents_of=["piazzola"])
        for n in range(4)
    ]
    mentioned = [
        service_record(
            f"m{n:02d}", f"Giardino {n}", description={"it": "orto"}, residents_of=["piazzola"]
        )
        for n in range(60)
    ]
    publish(demo_store, elsewhere + here + mentioned)
    reader = catalog.CatalogReader(demo_store)
    found = titles(reader.find("orto", "piazzola"))
    assert len(found) == PAGE
    assert sorted(found[:4]) == [f"Orto di Piazzola {n}" for n in range(4)]
    assert all(title.startswith("Giardino ") for title in found[4:])
    assert len(titles(reader.find("orto", "limena"))) == PAGE
    assert len(titles(reader.find("orto", "campodoro"))) == 0
    assert len(titles(reader.find("orto", None))) == PAGE


def test_a_common_word_ranks_only_the_services_it_names(demo_store: Store) -> None:
    # BM25 over every service mentioning a common word took most of a search's time:
    # when the services named by it fill the page, the others are not ranked at all.
    publish(
        demo_store,
        [service_record(f"t{n:02d}", f"Tandem {n}") for n in range(PAGE + 10)]
        + [
            service_record(f"d{n:02d}", f"Altro {n}", description={"it": "tandem"})
            for n in range(100)
        ],
    )
    with traced(demo_store) as (session, seen):
        found = catalog.find_services(session, "tand", None)
    assert len(found.services) == PAGE
    assert all(service.title["it"].startswith("Tandem ") for service in found.services)
    searches = [statement for statement in seen if "MATCH" in statement]
    assert searches and all("body" not in statement for statement in searches)
