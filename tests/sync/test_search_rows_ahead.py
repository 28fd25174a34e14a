# SPDX-License-Identifier: EUPL-1.2
"""A pull makes each page's search rows while the page before it is written, from the
names and labels the store holds then; the writer uses them only while those still
hold. The search index comes out as writing every row at the write would make it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import Stemmer

from central.app import create_app
from central.platform import Platform
from central.server import EmbeddedServer
from store import mirror, search_rows, stemming
from store.database import Store
from sync.client import PlatformClient
from sync.engine import SyncEngine
from tests.records import service_record

PAGE = 20


def _service(number: int, provider: str) -> dict[str, Any]:
    return {
        "id": f"svc-{number:03d}",
        "category": "care",
        "provider": provider,
        "title": {"it": f"Pasti caldi {number}", "en": f"Hot meals {number}"},
        "description": {"it": "Consegna a domicilio", "en": "Home delivery"},
        "keywords": ["pranzo"],
        "booking": "info_only",
    }


@pytest.fixture
def platform_url(tmp_path: Path) -> Iterator[tuple[Platform, str]]:
    platform = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    platform.publish_many(
        [
            ("categories", {"id": "care", "label": {"it": "Cura"}, "icon": "care", "position": 1}),
            ("providers", {"id": "coop", "kind": "cooperativa", "name": "Coop Aurora"}),
            ("providers", {"id": "assoc", "kind": "associazione", "name": "Amici"}),
            *(("services", _service(n, "coop")) for n in range(3 * PAGE)),
        ]
    )
    server = EmbeddedServer(create_app(platform)).start()
    yield platform, server.url
    server.stop()
    platform.engine.dispose()


def _engine(platform_url: tuple[Platform, str], store: Store) -> tuple[Platform, SyncEngine]:
    """The platform, and an enrolled kiosk's engine pulling pages of ``PAGE`` into ``store``."""
    platform, url = platform_url
    client = PlatformClient(url)
    _device, token = client.enroll(platform.new_enrollment_code("kiosk", None), "k")
    client.set_token(token)
    return platform, SyncEngine(store, client, page_size=PAGE)


def _index(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as session:
        found = session.connection().exec_driver_sql(
            "SELECT rowid, service_id, title, body, stems FROM services_fts ORDER BY rowid"
        )
        return [tuple(row) for row in found]


def _rebuilt(store: Store) -> list[tuple[Any, ...]]:
    with store.write() as session:
        search_rows.rebuild(session.connection())
    return _index(store)


def test_a_pull_writes_rows_made_ahead_and_remakes_those_gone_stale(
    platform_url: tuple[Platform, str], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    platform, engine = _engine(platform_url, store)
    made: list[tuple[str, bool]] = []  # (thread, rows made) for each build
    build = search_rows.build

    def spied(connection: Any, texts: Any) -> search_rows.Built | None:
        built = build(connection, texts)
        made.append((threading.current_thread().name, built is not None))
        return built

    monkeypatch.setattr(search_rows, "build", spied)
    engine.pull_stream("catalog")
    first = _index(store)
    assert any(name.startswith("kiosk-prefetch") and ok for name, ok in made)
    assert len(first) == 3 * PAGE and first == _rebuilt(store)

    # The provider is renamed in one page and its services change in the next; each
    # page waits before it is written, so the next one's rows are made with the old
    # name, and must not be written.
    platform.publish_many(
        [
            *(("services", _service(n, "assoc")) for n in range(PAGE - 1)),
            ("providers", {"id": "coop", "kind": "cooperativa", "name": "Coop Girasole"}),
            *(("services", {**_service(n, "coop"), "keywords": ["cena"]}) for n in range(PAGE)),
        ]
    )
    apply = SyncEngine._apply

    def slow_apply(self: SyncEngine, *args: Any, **kwargs: Any) -> int:
        time.sleep(0.2)
        return apply(self, *args, **kwargs)

    monkeypatch.setattr(SyncEngine, "_apply", slow_apply)
    made.clear()
    engine.pull_stream("catalog")
    assert any(ok for _name, ok in made)  # made ahead, with "Coop Aurora"
    after = _index(store)
    bodies = {row[1]: row[3] for row in after}
    assert "Coop Girasole" in bodies["svc-000"] and "Coop Aurora" not in bodies["svc-000"]
    assert after == _rebuilt(store)


def test_rows_made_ahead_are_written_as_made(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [service_record(f"k{n}", f"Servizio {n}", keywords=["orto"]) for n in range(5)]
    with demo_store.read() as session:
        ahead = mirror.with_search_rows(session.connection(), mirror.prepare("services", records))
    assert ahead.search is not None

    def not_again(*_args: Any) -> list[tuple[str, str, str, str]]:
        raise AssertionError("the rows were made ahead: the writer makes none")

    with monkeypatch.context() as patched:
        patched.setattr(search_rows, "_rows", not_again)
        with demo_store.write() as session:
            mirror.write(session, ahead)
    written = [row[1:] for row in _index(demo_store) if row[1].startswith("k")]
    assert sorted(written) == sorted(ahead.search.rows)
    again = [row[1:] for row in _rebuilt(demo_store) if row[1].startswith("k")]
    assert written == again


def test_stems_stay_right_when_the_words_known_are_forgotten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The words stemmed are kept per thread, up to KNOWN_WORDS; past it they are
    # forgotten, including those of the text being stemmed.
    monkeypatch.setattr(stemming, "KNOWN_WORDS", 3)
    italian = Stemmer.Stemmer("italian")
    found: list[set[str]] = []

    def stem() -> None:  # a new thread: its own words known
        found.append(stemming.stems("pasto caldo", "it"))
        found.append(stemming.stems("pasto nuovo domicilio", "it"))
        found.append(stemming.stems("pasto caldo sera", "it"))

    worker = threading.Thread(target=stem)
    worker.start()
    worker.join()
    assert found == [
        set(italian.stemWords(["pasto", "caldo"])),
        set(italian.stemWords(["pasto", "nuovo", "domicilio"])),
        set(italian.stemWords(["pasto", "caldo", "sera"])),
    ]


def _reads_of_names_by_the_writer(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The writer's reads of the names and labels its rows hold (the thread that made
    the first call: the test's own), as a list that grows while the test runs."""
    writer = threading.current_thread().name
    reads: list[str] = []
    read = search_rows._names_and_labels

    def spied(connection: Any, texts: Any) -> tuple[dict[str, str], dict[str, str]]:
        if threading.current_thread().name == writer:
            reads.append(texts[0].id)
        return read(connection, texts)

    monkeypatch.setattr(search_rows, "_names_and_labels", spied)
    return reads


def test_rows_made_ahead_are_checked_only_after_a_page_that_writes_names(
    platform_url: tuple[Platform, str], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first page brings the providers and the category: its rows are made by the
    # writer, and those of the second, made while it was written, are checked. Later
    # pages come after pages without names, so their rows are written as made.
    _platform, engine = _engine(platform_url, store)
    reads = _reads_of_names_by_the_writer(monkeypatch)
    engine.pull_stream("catalog")
    assert len(reads) == 2
    assert len(_index(store)) == 3 * PAGE and _index(store) == _rebuilt(store)


def test_a_page_that_renames_a_provider_has_its_rows_made_again(
    platform_url: tuple[Platform, str], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page before holds no names, so only the page's own rename tells that the
    # rows made ahead for it, with the old name, are stale.
    platform, engine = _engine(platform_url, store)
    engine.pull_stream("catalog")
    platform.publish_many(
        [
            *(("services", _service(n, "assoc")) for n in range(PAGE)),
            ("providers", {"id": "coop", "kind": "cooperativa", "name": "Coop Girasole"}),
            *(
                ("services", {**_service(n, "coop"), "keywords": ["cena"]})
                for n in range(PAGE, 2 * PAGE - 1)
            ),
        ]
    )
    made: list[bool] = []
    build = search_rows.build

    def spied(connection: Any, texts: Any) -> search_rows.Built | None:
        built = build(connection, texts)
        made.append(built is not None and "Coop Aurora" in built.rows[0][2])
        return built

    monkeypatch.setattr(search_rows, "build", spied)
    engine.pull_stream("catalog")
    assert made == [True]  # the second page's rows, made with the old name
    bodies = {row[1]: row[3] for row in _index(store)}
    assert "Coop Girasole" in bodies[f"svc-{PAGE:03d}"]
    assert "Coop Aurora" not in bodies[f"svc-{PAGE:03d}"]
    assert _index(store) == _rebuilt(store)
