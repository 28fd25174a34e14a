# SPDX-License-Identifier: EUPL-1.2
"""The catalog reader's warmed answers: read again on the sync worker after the mirror
changed, served once to the refresh that follows, never stale."""

from __future__ import annotations

import pickle
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from store import mirror, search_query
from store.catalog import CatalogReader
from store.database import Store
from tests.records import service_record


@pytest.fixture
def reads(demo_store: Store) -> Iterator[list[str]]:
    """Queries the store's readers run on this (the test's) thread."""
    here = threading.current_thread()
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if threading.current_thread() is here and statement.startswith("SELECT"):
            seen.append(statement)

    event.listen(demo_store._reader, "before_cursor_execute", record)
    yield seen
    event.remove(demo_store._reader, "before_cursor_execute", record)


def publish(store: Store, service_id: str, title: str) -> None:
    with store.write() as session:
        mirror.upsert(session, "services", [service_record(service_id, title)])


def warm_on_a_worker(reader: CatalogReader) -> None:
    worker = threading.Thread(target=reader.warm)
    worker.start()
    worker.join()


def count_in(reader: CatalogReader, category: str = "silvercare") -> int:
    found = reader.category(category, "piazzola")
    assert found is not None
    return found.service_count


def test_a_warmed_answer_is_the_changed_mirror_and_read_off_the_caller(
    demo_store: Store, reads: list[str]
) -> None:
    reader = CatalogReader(demo_store)
    before = count_in(reader)
    titles = [s.id for s in reader.services_in_category("silvercare", "piazzola", limit=20)]
    publish(demo_store, "s60", "Lettura ad alta voce")
    warm_on_a_worker(reader)
    reads.clear()
    assert count_in(reader) == before + 1
    page = [s.id for s in reader.services_in_category("silvercare", "piazzola", limit=20)]
    assert "s60" in page and "s60" not in titles
    assert reads == []  # both answers were ready
    # Served once: the same question again reads the mirror.
    assert count_in(reader) == before + 1
    assert reads != []


def test_a_question_not_asked_lately_is_not_warmed(demo_store: Store, reads: list[str]) -> None:
    reader = CatalogReader(demo_store)
    reader.categories("piazzola")
    warm_on_a_worker(reader)
    reads.clear()
    reader.categories("limena")
    assert reads != []


def test_an_old_warmed_answer_is_not_served(
    demo_store: Store, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = CatalogReader(demo_store)
    before = count_in(reader)
    warm_on_a_worker(reader)
    monkeypatch.setattr(CatalogReader, "WARM_FOR_S", 0.0)
    publish(demo_store, "s61", "Cineforum")  # written without a warm after it
    assert count_in(reader) == before + 1


def test_only_the_latest_questions_are_remembered(demo_store: Store, reads: list[str]) -> None:
    reader = CatalogReader(demo_store)
    for number in range(CatalogReader.RECENT + 5):
        reader.search(f"parola{number}", None)
    warm_on_a_worker(reader)
    reads.clear()
    reader.search(f"parola{CatalogReader.RECENT + 4}", None)  # warmed
    assert reads == []
    reader.search("parola0", None)  # forgotten: read again
    assert reads != []


def test_the_words_of_a_changed_index_are_read_on_the_worker(
    demo_store: Store, reads: list[str]
) -> None:
    # Typo correction keeps the index's words in memory; after a sync they are read
    # again by the warm, not by the next search typed on the screen.
    reader = CatalogReader(demo_store)
    reader.search("pasto", None)  # the words are in memory
    for number in range(CatalogReader.RECENT):  # other screens since: no search to warm
        reader.comune_name(f"c{number}")
    publish(demo_store, "s62", "Laboratorio di origami")
    warm_on_a_worker(reader)
    reads.clear()
    assert [s.id for s in reader.search("origani", None)] == ["s62"]  # corrected
    assert not any("services_fts_words" in statement for statement in reads)


def test_answers_made_in_another_process_are_served_with_their_words(
    demo_store: Store, reads: list[str]
) -> None:
    # The kiosk's sync process answers the screens' questions on its own connection to
    # the store file, and sends the answers and the index's words over a pipe (pickled).
    reader = CatalogReader(demo_store)
    count_in(reader)
    reader.search("pasto", None)
    publish(demo_store, "s63", "Laboratorio di origami")
    asked = reader.recent_questions()
    sync_side = Store(demo_store.path)
    try:
        warmed = pickle.loads(pickle.dumps(CatalogReader(sync_side).answers(list(asked))))
    finally:
        sync_side.close()
    search_query.VOCABULARIES._cached.clear()  # what the kiosk's process has not read
    reads.clear()
    reader.keep_warm(asked, warmed)
    assert count_in(reader) >= 1
    assert reads == []  # the answer came with the warm
    assert [s.id for s in reader.search("origani", None)] == ["s63"]  # corrected
    assert not any("services_fts_words" in statement for statement in reads)  # so did the words
