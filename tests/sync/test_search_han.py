# SPDX-License-Identifier: EUPL-1.2
"""Chinese search: a word is found wherever it stands in a title or description, not
only where a run of Han characters begins (the index holds each run as the pairs of its
characters), Chinese is never "corrected", and text without Han characters is stored as
before."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine

from kiosk.boot.paths import DEMO_DATASET
from store import catalog, demo, mirror, search_query, stemming
from store.database import MIGRATIONS, Store
from tests.records import service_record

# Titles of our own, with words no demo service has ("烹饪", "入门", "以下", "菜园").
COOKING = {"it": "Corso di cucina per famiglie", "zh": "家庭烹饪入门课程"}
SWIMMING = {"it": "Nuoto per bambini fino a 6 anni", "zh": "6岁以下儿童游泳课"}
GARDEN = {"it": "Orto condiviso", "zh": "共享菜园种植活动"}


def ids(result: catalog.SearchResult) -> list[str]:
    return [service.id for service in result.services]


def find(store: Store, typed: str) -> catalog.SearchResult:
    return catalog.CatalogReader(store).find(typed, None)


@pytest.fixture
def han_store(demo_store: Store) -> Store:
    with demo_store.write() as session:
        mirror.upsert(
            session,
            "services",
            [
                {**service_record("h1"), "title": COOKING},
                {**service_record("h2", description={"it": "In piscina."}), "title": SWIMMING},
                {**service_record("h3", keywords=["园艺"]), "title": GARDEN},
            ],
        )
    return demo_store


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("烹饪", ["h1"]),  # inside the run "家庭烹饪入门课程"
        ("入门课程", ["h1"]),  # at its end
        ("饪入门", ["h1"]),  # across two words
        ("以下儿童", ["h2"]),  # after "6岁", written against a digit
        ("菜园", ["h3"]),
        ("种植活动", ["h3"]),
    ],
)
def test_a_word_inside_a_chinese_title_finds_its_service_only(
    han_store: Store, typed: str, expected: list[str]
) -> None:
    result = find(han_store, typed)
    assert ids(result) == expected
    assert result.suggestion is None and result.ignored == ()


def search_texts(path: Path) -> dict[str, str]:
    """Each service's words as a citizen may find them: title, description, keywords,
    provider name and category label, every language."""
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute(
            "SELECT s.id, s.title, s.description, s.keywords, p.name, c.label FROM services AS s"
            " JOIN providers AS p ON p.id = s.provider_id"
            " JOIN categories AS c ON c.id = s.category_id"
        ).fetchall()
    texts = {}
    for service, title, description, keywords, name, label in rows:
        parts = [*json.loads(title).values(), *json.loads(description).values()]
        parts += [*json.loads(keywords), name, *json.loads(label).values()]
        texts[service] = " | ".join(parts)
    return texts


@pytest.mark.parametrize(
    "typed",
    # From the middle and end of the demo's Chinese titles: "专业护理员（OSS）上门护理",
    # "上门陪伴与记忆训练", "残障人士上门教育员", "小修理与花园养护", "每周职业技能工坊",
    # "食品店 – 接受市政府食品券", "课后托管（每周 3 个下午）".
    ["护理员", "记忆训练", "教育员", "养护", "技能", "食品券", "托管"],
)
def test_each_demo_service_holding_a_chinese_word_is_found_and_no_other(
    demo_store: Store, typed: str
) -> None:
    texts = search_texts(demo_store.path)
    holding = {service for service, text in texts.items() if typed in text}
    assert holding  # the word is in the demo catalog
    result = find(demo_store, typed)
    assert set(ids(result)) == holding
    # Those naming it in their title come first.
    titled = [typed in service.title["zh"] for service in result.services]
    assert titled == sorted(titled, reverse=True) and titled[0]


def test_one_character_finds_the_words_it_begins(han_store: Store) -> None:
    assert "h1" in ids(find(han_store, "烹"))
    assert "h3" in ids(find(han_store, "菜"))
    assert "h2" in ids(find(han_store, "泳"))


def test_digits_written_against_chinese_are_words_of_their_own(han_store: Store) -> None:
    # "6岁以下" is "6" and "岁以下", as the index holds "6岁以下儿童游泳课".
    assert ids(find(han_store, "6岁以下")) == ["h2"]


def test_a_chinese_sentence_finds_what_its_known_words_find(han_store: Store) -> None:
    result = find(han_store, "我想学烹饪")
    assert ids(result) == ["h1"]
    assert result.ignored == ("我想学",) and result.suggestion is None


def test_chinese_is_never_corrected_into_another_word(han_store: Store) -> None:
    # "炼" for "练": what the catalog has of the word is looked for, nothing proposed.
    result = find(han_store, "记忆训炼")
    assert ids(result) == ["s22"] and result.suggestion is None and result.ignored == ("炼",)
    # Words no service has: nothing found, nothing proposed in their place.
    result = find(han_store, "火箭发射")
    assert ids(result) == [] and result.suggestion is None
    # A Latin word mistyped beside Chinese is still corrected, the Chinese kept.
    result = find(han_store, "cucinna 烹饪")
    assert ids(result) == ["h1"] and result.suggestion == "cucina 烹饪"


@pytest.mark.parametrize(
    "text",
    [
        "Assistenza domiciliare per anziani",
        "città, disabilità – € 10",
        "îngrijire vârstnici și țară",
        "догляд літні гарячі обіди",
        "رعاية المسنين وجبات ساخنة",
        "照顾 老人 热餐 上门 儿童",  # words of one or two characters apart: their own pairs
    ],
)
def test_text_without_longer_han_runs_is_stored_as_it_was(text: str) -> None:
    assert stemming.han_text(text) == text


def test_chinese_is_stored_as_the_pairs_of_its_runs() -> None:
    assert stemming.han_text("0-3 岁亲子游戏 (x)") == "0-3 岁亲 亲子 子游 游戏 (x)"
    assert stemming.han_text("ISEE证明6岁") == "ISEE 证明 6 岁"


def search_rows(path: Path) -> list[tuple[str, str, str, str]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(
            "SELECT service_id, title, body, stems FROM services_fts ORDER BY rowid"
        ).fetchall()


def migrate(path: Path, revision: str) -> None:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def test_a_store_from_before_finds_chinese_words_once_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    store = Store(path)
    demo.load_if_empty(store, DEMO_DATASET)
    store.close()
    written = search_rows(path)
    migrate(path, "0024")  # the rows as a kiosk before this kept them: runs unbroken
    old = {service: title for service, title, _, _ in search_rows(path)}
    assert "上门陪伴与记忆训练" in old["s22"].split()
    match = search_query.match_expression(("记忆训练",))
    assert matching(path, match) == []  # such rows miss the word inside the run
    upgraded = Store(path)  # opened: migrated to today's schema
    try:
        assert search_rows(path) == written
        assert matching(path, match) == ["s22"]
        assert ids(find(upgraded, "记忆训练")) == ["s22"]
    finally:
        upgraded.close()


def matching(path: Path, match: str) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute(
            "SELECT service_id FROM services_fts WHERE services_fts MATCH ?", (match,)
        )
        return [service for (service,) in rows]
