# SPDX-License-Identifier: EUPL-1.2
"""The local store: migrations, SQLite settings, mirror upserts and full-text search."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import IntegrityError

from kiosk.boot.paths import DEMO_DATASET, ROOT
from protocol.records import RecordError
from store import catalog, demo, mirror
from store import database as store_module
from store.database import MIGRATIONS, Store, upgrade_schema
from store.models import Service
from tests.records import service_record


def head_revision() -> str:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def test_upgrade_from_empty_creates_every_table_at_head(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    Store(path).close()
    with raw(path) as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        version = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    expected = {
        "comuni",
        "categories",
        "providers",
        "services",
        "service_comuni",
        "calls",
        "form_definitions",
        "outbox",
        "services_fts",
    }
    assert expected <= names
    assert version == head_revision()
    assert mode == "wal"


def test_reopening_keeps_data_and_runs_no_migration_again(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    first = Store(path)
    demo.load_if_empty(first, DEMO_DATASET)
    first.close()
    second = Store(path)
    with second.read() as session:
        assert mirror.count(session, "services") == 36
    assert demo.load_if_empty(second, DEMO_DATASET) is False
    second.close()


def test_a_store_from_before_the_search_rebuild_keeps_finding_its_services(
    tmp_path: Path,
) -> None:
    # A kiosk updated in the field: its store at revision 0009 (search rows with prefix
    # indexes), holding a catalog; migration 0010 rebuilds the search rows.
    path = tmp_path / "kiosk.sqlite3"
    store = Store(path)
    demo.load_if_empty(store, DEMO_DATASET)
    store.close()
    written = search_rows(path)  # gathered in Python as records are written
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")
    with raw(path) as db:
        schema = db.execute("SELECT sql FROM sqlite_master WHERE name = 'services_fts'").fetchone()
        assert "prefix" in schema[0]
    upgrade_schema(engine)
    engine.dispose()
    with raw(path) as db:
        schema = db.execute("SELECT sql FROM sqlite_master WHERE name = 'services_fts'").fetchone()
        rows = db.execute("SELECT count(*) FROM services_fts").fetchone()[0]
    assert "prefix" not in schema[0] and rows == 36
    assert search_rows(path) == written  # the migration gathers the same text in SQL
    reopened = Store(path)
    with reopened.read() as session:
        found = titles(catalog.search_services(session, "pasto domic", None))
    reopened.close()
    assert found[0] == "Pasto caldo a domicilio (consegna inclusa)"


def search_rows(path: Path) -> dict[str, tuple[str, str]]:
    """Each service's search text, spacing aside: what full-text search looks in."""
    with raw(path) as db:
        rows = db.execute("SELECT service_id, title, body FROM services_fts").fetchall()
    return {
        service: (" ".join(title.split()), " ".join(body.split())) for service, title, body in rows
    }


def test_sessions_enforce_foreign_keys(store: Store) -> None:
    orphan = service_record("x1", category="nowhere", provider="nobody")
    with pytest.raises(IntegrityError), store.write() as session:
        mirror.upsert(session, "services", [orphan])
    with store.read() as session:
        assert mirror.count(session, "services") == 0  # the failed batch left nothing behind


def test_outbox_refuses_an_unknown_state(store: Store) -> None:
    with raw(store.path) as db, pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO outbox (uuid, kind, payload, state, created_at, updated_at)"
            " VALUES ('u1', 'purchase', '{}', 'lost', '2026-01-01', '2026-01-01')"
        )


# Mirror and search --------------------------------------------------------------------


def add_service(store: Store, service_id: str, title: str, **changes: object) -> None:
    with store.write() as session:
        mirror.upsert(session, "services", [service_record(service_id, title, **changes)])


def titles(results: list[catalog.ServiceSummary]) -> list[str]:
    return [result.title["it"] for result in results]


def test_search_folds_accents_both_ways(demo_store: Store) -> None:
    add_service(demo_store, "t1", "Passeggiate in città per anziani")
    add_service(demo_store, "t2", "Citta dei ragazzi (senza accento)")
    with demo_store.read() as session:
        for typed in ("citta", "città", "CITTÀ", "Citt"):
            found = titles(catalog.search_services(session, typed, None))
            assert "Passeggiate in città per anziani" in found, typed
            assert "Citta dei ragazzi (senza accento)" in found, typed


def test_search_matches_prefixes_of_every_word_and_ranks_titles_first(demo_store: Store) -> None:
    with demo_store.read() as session:
        found = titles(catalog.search_services(session, "pasto domic", None))
        assert found[0] == "Pasto caldo a domicilio (consegna inclusa)"
        elderly = titles(catalog.search_services(session, "anziani", None))
    # A word in the title outranks the same word in the category or description.
    assert elderly[0] == "Centro diurno anziani – giornata con pranzo"


@pytest.mark.parametrize(
    "typed", ['"', "*", "anz*)", "NEAR(a b)", "a OR b", "-x", "^", "''", "a:b", "   ", "🙂"]
)
def test_search_never_fails_on_what_people_type(demo_store: Store, typed: str) -> None:
    with demo_store.read() as session:
        assert isinstance(catalog.search_services(session, typed, None), list)


def test_search_and_categories_respect_the_comune(demo_store: Store) -> None:
    add_service(demo_store, "t3", "Servizio solo per Limena", residents_of=["limena"])
    add_service(demo_store, "t4", "Servizio aperto a tutti")
    with demo_store.read() as session:
        in_limena = titles(catalog.search_services(session, "servizio solo", "limena"))
        in_piazzola = titles(catalog.search_services(session, "servizio solo", "piazzola"))
        everyone = titles(catalog.search_services(session, "aperto tutti", "piazzola"))
        listed = titles(catalog.services_in_category(session, "silvercare", "piazzola"))
    assert in_limena == ["Servizio solo per Limena"]
    assert in_piazzola == []
    assert everyone == ["Servizio aperto a tutti"]
    assert "Servizio solo per Limena" not in listed


def test_a_category_lists_its_services_as_a_dictionary_orders_their_titles(
    demo_store: Store,
) -> None:
    """Not by the bytes of their titles: a small first letter, an accented capital and
    an emoji or a quote before the first word all sort with their letter."""
    shown = {
        "z1": "Zumba dolce per la terza età",
        "a1": "acqua: corso di nuoto assistito",
        "e1": "Èstate insieme, centro estivo",
        "f1": "🍎 Frutta e verdura a domicilio",
        "p1": "« Pasti » della domenica",
        "b1": "Ballo liscio in compagnia",
    }
    for service_id, title in shown.items():
        add_service(demo_store, service_id, title, category="housepet")
    with demo_store.read() as session:
        listed = titles(catalog.services_in_category(session, "housepet", None))
        pages = [
            titles(catalog.services_in_category(session, "housepet", None, limit=2, offset=at))
            for at in range(0, len(listed), 2)
        ]
    ours = [title for title in listed if title in shown.values()]
    assert ours == [
        "acqua: corso di nuoto assistito",
        "Ballo liscio in compagnia",
        "Èstate insieme, centro estivo",
        "🍎 Frutta e verdura a domicilio",
        "« Pasti » della domenica",
        "Zumba dolce per la terza età",
    ]
    assert [title for page in pages for title in page] == listed  # the pages agree


def test_a_category_lists_its_services_in_the_order_of_the_language_read(
    demo_store: Store,
) -> None:
    """A citizen reading English read a list in the order of the Italian titles; a
    service with no English title sorts by the Italian one it shows instead."""
    shown = {
        "o1": {"it": "Accompagnamento in ospedale", "en": "Hospital escort"},
        "o2": {"it": "Badante a ore", "en": "Carer by the hour"},
        "o3": {"it": "Zumba dolce", "en": "Aerobics, gentle"},
        "o4": {"it": "Doposcuola"},  # shown in Italian in English too
    }
    with demo_store.write() as session:
        records = [service_record(service_id, category="housepet") for service_id in shown]
        mirror.upsert(session, "services", [r | {"title": shown[r["id"]]} for r in records])

    def listed(lang: str, size: int | None = None) -> list[str]:
        with demo_store.read() as session:
            if size is None:
                found = catalog.services_in_category(session, "housepet", None, lang=lang)
                return [catalog.pick(s.title, lang) for s in found if s.id in shown]
            pages = [
                catalog.services_in_category(
                    session, "housepet", None, limit=size, offset=at, lang=lang
                )
                for at in range(0, 40, size)
            ]
        return [catalog.pick(s.title, lang) for page in pages for s in page if s.id in shown]

    assert listed("en") == [
        "Aerobics, gentle",
        "Carer by the hour",
        "Doposcuola",
        "Hospital escort",
    ]
    assert listed("it") == [
        "Accompagnamento in ospedale",
        "Badante a ore",
        "Doposcuola",
        "Zumba dolce",
    ]
    assert listed("ro") == listed("it")  # no Romanian titles: the Italian order
    assert listed("en", size=3) == listed("en")  # the pages agree


def counts_by_comune(store: Store) -> dict[str | None, dict[str, int]]:
    with store.read() as session:
        comuni = [None, *(comune.id for comune in catalog.list_comuni(session))]
        return {
            comune: {c.id: c.service_count for c in catalog.list_categories(session, comune)}
            for comune in comuni
        }


def test_category_counts_are_the_services_each_comune_is_shown(demo_store: Store) -> None:
    before = counts_by_comune(demo_store)
    add_service(demo_store, "t7", "Per due Comuni", residents_of=["limena", "piazzola"])
    add_service(demo_store, "t8", "Solo Campodoro", residents_of=["campodoro"], category="shops")
    after = counts_by_comune(demo_store)
    with demo_store.read() as session:
        for comune, counts in after.items():
            listed = {
                category: len(catalog.services_in_category(session, category, comune))
                for category in counts
            }
            one_by_one = {
                category: catalog.list_categories(session, comune, only=category)[0].service_count
                for category in counts
            }
            assert counts == listed == one_by_one, comune
    added = {
        comune: {c: n - before[comune][c] for c, n in counts.items() if n != before[comune][c]}
        for comune, counts in after.items()
    }
    # A service of two Comuni counts once in each; a Comune's own service only there.
    assert added["limena"] == added["piazzola"] == {"silvercare": 1}
    assert added["campodoro"] == {"shops": 1}
    assert added[None] == {"silvercare": 1, "shops": 1}
    assert all(added[c] == {} for c in after if c not in (None, "limena", "piazzola", "campodoro"))


def test_renaming_a_provider_reindexes_its_services(demo_store: Store) -> None:
    with demo_store.write() as session:
        mirror.upsert(
            session,
            "providers",
            [{"id": "coop-ponte", "kind": "cooperativa", "name": "Cooperativa Arcobaleno"}],
        )
    with demo_store.read() as session:
        found = titles(catalog.search_services(session, "arcobaleno", None))
    assert "Pasto caldo a domicilio (consegna inclusa)" in found


def test_upserting_twice_changes_nothing_and_tombstones_remove(demo_store: Store) -> None:
    add_service(demo_store, "t5", "Servizio doppio")
    add_service(demo_store, "t5", "Servizio doppio")
    with demo_store.read() as session:
        assert titles(catalog.search_services(session, "doppio", None)) == ["Servizio doppio"]
    with demo_store.write() as session:
        mirror.remove(session, "services", ["t5"])
    with demo_store.read() as session:
        assert catalog.search_services(session, "doppio", None) == []
        assert catalog.service_detail(session, "t5") is None


def test_changing_a_service_replaces_its_search_words(demo_store: Store) -> None:
    add_service(demo_store, "t6", "Laboratorio turchese", keywords=["ceramica"])
    add_service(demo_store, "t6", "Laboratorio smeraldo", keywords=["origami"])
    with demo_store.read() as session:
        old = [catalog.search_services(session, word, None) for word in ("turchese", "ceramica")]
        new = [titles(catalog.search_services(session, w, None)) for w in ("smeraldo", "origami")]
    with demo_store.write() as session:
        # FTS5 checks its index against the text it holds: nothing stale, nothing lost.
        session.execute(text("INSERT INTO services_fts (services_fts) VALUES ('integrity-check')"))
        rows = session.execute(text("SELECT count(*) FROM services_fts")).scalar()
    assert old == [[], []]
    assert new == [["Laboratorio smeraldo"], ["Laboratorio smeraldo"]]
    assert rows == mirror_count(demo_store, "services")


def test_relabelling_a_category_reindexes_its_services(demo_store: Store) -> None:
    with demo_store.write() as session:
        mirror.upsert(
            session,
            "categories",
            [
                {
                    "id": "silvercare",
                    "label": {"it": "Terza età", "en": "Golden years"},
                    "icon": "silvercare",
                    "position": 2,
                }
            ],
        )
    with demo_store.read() as session:
        golden = titles(catalog.search_services(session, "golden", None))
        elderly = catalog.search_services(session, "elderly", None)
        listed = titles(catalog.services_in_category(session, "silvercare", None))
    assert golden and sorted(golden) == sorted(listed)
    assert [s for s in elderly if s.category_id == "silvercare"] == []


def mirror_count(store: Store, kind: str) -> int:
    with store.read() as session:
        return mirror.count(session, kind)


def test_a_batch_larger_than_one_statement_takes_is_stored_whole(demo_store: Store) -> None:
    # Rows go in multi-row statements of at most 32,766 parameters: 11 columns of
    # 3,500 services need two, their 7,000 Comune links one; a service twice in the
    # batch keeps its last record and links.
    batch = [
        service_record(f"big{n}", f"Servizio numero {n}", residents_of=["limena", "piazzola"])
        for n in range(3500)
    ]
    batch.append(service_record("big7", "Servizio sette, cambiato", residents_of=["limena"]))
    with demo_store.write() as session:
        assert mirror.upsert(session, "services", batch) == 3501
    with demo_store.read() as session:
        assert mirror.count(session, "services") == 36 + 3500
        links = session.execute(
            text("SELECT count(*) FROM service_comuni WHERE service_id LIKE 'big%'")
        ).scalar()
        changed = titles(catalog.search_services(session, "cambiato", "piazzola"))
        in_limena = titles(catalog.search_services(session, "cambiato", "limena"))
        last = titles(catalog.search_services(session, "numero 3499", None))
    assert links == 2 * 3500 - 1
    assert changed == [] and in_limena == ["Servizio sette, cambiato"]
    assert last == ["Servizio numero 3499"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": {"en": "no Italian"}}, "title"),
        ({"price_cents": -5}, "price_cents"),
        ({"price_cents": "12,50"}, "price_cents"),
        ({"price_cents": True}, "price_cents"),
        ({"unit": "lightyear"}, "unit"),
        ({"booking": "steal"}, "booking"),
        ({"id": "bad id with spaces"}, "id"),
        ({"title": {"it": "x" * 5000}}, "title"),
        ({"residents_of": []}, "residents_of"),
        ({"title": {"it": "bell\x07"}}, "title"),
        ({"description": {"it": "testo rotto \ud800"}}, "description"),
        ({"keywords": ["ok", 7]}, "keywords"),
        ({"residents_of": ["limena", "non valido!"]}, "residents_of"),
    ],
)
def test_invalid_service_records_are_refused_naming_the_field(
    store: Store, change: dict, field: str
) -> None:
    record = service_record(**change)
    with pytest.raises(RecordError, match=rf"services\[0\]\.{field}"), store.write() as session:
        mirror.upsert(session, "services", [record])


# Demo data ----------------------------------------------------------------------------


def test_demo_data_has_the_network_and_an_open_food_voucher_call(demo_store: Store) -> None:
    reader = catalog.CatalogReader(demo_store)
    assert [c.name for c in reader.comuni()] == [
        "Campo San Martino",
        "Campodoro",
        "Limena",
        "Piazzola sul Brenta",
        "Villafranca Padovana",
    ]
    categories = {c.id for c in reader.categories(None)}
    assert categories == {
        "childcare",
        "silvercare",
        "familycare",
        "fragility",
        "youcare",
        "housepet",
        "shops",
    }
    now = datetime.now(UTC).replace(tzinfo=None)
    open_in_piazzola = {c.id for c in reader.open_calls("piazzola", now)}
    assert "bs-piazzola" in open_in_piazzola
    assert "ce-limena" not in {c.id for c in reader.open_calls("limena", now)}  # closed
    assert "affitto-villafranca" not in open_in_piazzola  # another Comune's call
    with demo_store.read() as session:
        services = mirror.count(session, "services")
        priced = session.scalars(
            select(Service.price_cents).where(Service.price_cents.is_not(None))
        ).all()
    assert 30 <= services <= 40
    assert all(isinstance(cents, int) and 0 <= cents < 100_000 for cents in priced)


def test_demo_call_dates_are_relative_to_the_loading_day() -> None:
    call = {"id": "c", "opens_in_days": -1, "closes_in_days": 2}
    resolved = demo.resolve_call_dates(call, date(2026, 3, 28))
    assert resolved["opens_at"] == "2026-03-27T08:00:00+01:00"
    assert resolved["closes_at"] == "2026-03-30T12:00:00+02:00"  # after the DST change


def test_the_store_reads_the_newest_migration_as_alembic_does() -> None:
    assert store_module.head_revision() == head_revision()


def test_a_store_at_the_newest_schema_opens_without_alembic(tmp_path: Path) -> None:
    # Alembic takes about half a second to import: a restarted kiosk skips it when no
    # migration is due, so its first tap works sooner.
    path = tmp_path / "kiosk.sqlite3"
    Store(path).close()
    opened = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from store.database import Store;"
            f"Store(Path({str(path)!r})).close(); print('alembic' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert opened.stdout.strip() == "False"


def test_a_store_behind_the_newest_schema_is_migrated_on_open(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    Store(path).close()
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    engine.dispose()
    assert store_module.recorded_revision(path) == "0008"
    Store(path).close()
    assert store_module.recorded_revision(path) == head_revision()


def test_pulled_instants_are_stored_as_the_store_writes_them(store: Store) -> None:
    """A call's deadlines go into the mirror in the text the ORM writes and compares
    ("YYYY-MM-DD HH:MM:SS.ffffff", naive UTC), whatever offset they came with."""
    call = {
        "id": "c1",
        "kind": "voucher",
        "title": {"it": "Buoni spesa"},
        "description": {"it": ""},
        "opens_at": "2026-03-27T08:00:00+01:00",
        "closes_at": "2026-04-30T23:59:59.5Z",
        "eligibility": [],
        "documents": [],
    }
    with store.write() as session:
        mirror.upsert(session, "calls", [call])
    stored = raw(store.path).execute("SELECT opens_at, closes_at FROM calls").fetchone()
    assert stored == ("2026-03-27 07:00:00.000000", "2026-04-30 23:59:59.500000")


def test_a_calls_lists_come_by_language_whether_published_in_italian_or_in_each(
    store: Store,
) -> None:
    call = {
        "id": "c2",
        "kind": "voucher",
        "title": {"it": "Buoni spesa"},
        "description": {"it": ""},
        "opens_at": "2026-03-27T08:00:00+01:00",
        "closes_at": "2099-04-30T23:59:59Z",
        "eligibility": ["Residenza a Limena", {"it": "ISEE basso", "ro": "ISEE scăzut"}],
        "documents": [{"it": "Documento", "uk": "Документ"}],
    }
    with store.write() as session:
        mirror.upsert(session, "calls", [call])
    (found,) = catalog.CatalogReader(store).open_calls(None, datetime(2026, 4, 1))
    assert found.eligibility == (
        {"it": "Residenza a Limena"},
        {"it": "ISEE basso", "ro": "ISEE scăzut"},
    )
    assert found.documents == ({"it": "Documento", "uk": "Документ"},)
