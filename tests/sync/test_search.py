# SPDX-License-Identifier: EUPL-1.2
"""Search as citizens type: inflected words, other languages, typos, the platform's
keywords, and what to do when not every word is found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import catalog, mirror, stemming
from store.database import Store
from tests.records import service_record

MEAL = "Pasto caldo a domicilio (consegna inclusa)"


def titles(result: catalog.SearchResult) -> list[str]:
    return [service.title["it"] for service in result.services]


def find(store: Store, typed: str, comune: str | None = None) -> catalog.SearchResult:
    return catalog.CatalogReader(store).find(typed, comune)


@pytest.mark.parametrize(
    "typed", ["pasti", "Pasti", "pasto", "PASTI CALDI", "pasti a domicilio", "meals", "hot meals"]
)
def test_inflected_and_english_words_find_the_hot_meal(demo_store: Store, typed: str) -> None:
    result = find(demo_store, typed)
    assert titles(result)[0] == MEAL
    assert result.suggestion is None  # nothing was corrected: these are real words


@pytest.mark.parametrize(
    ("typed", "meant", "expected"),
    [
        ("pastto", "pasto", MEAL),
        ("pastti", "pasto", MEAL),  # "pasti" mistyped: corrected through its stem
        ("psato", "pasto", MEAL),  # two letters swapped
        ("bambinni", "bambini", "Baby sitter qualificata a domicilio"),
        ("fisioterapja", "fisioterapia", "Fisioterapia a domicilio (45 min)"),
        ("telesocorso", "telesoccorso", "Telesoccorso – canone mensile"),
    ],
)
def test_small_typos_are_corrected_and_offered_back(
    demo_store: Store, typed: str, meant: str, expected: str
) -> None:
    result = find(demo_store, typed)
    assert expected in titles(result)
    assert result.suggestion == meant


def test_words_from_the_platforms_keywords_find_services(demo_store: Store) -> None:
    # Words the titles do not use but citizens do ("dottore", "badanti") reach the
    # kiosk as the platform's keywords of a service, and are stemmed like the rest.
    assert "Trasporto sociale per visite mediche (entro 20 km)" in titles(
        find(demo_store, "dottore")
    )
    assert "Assistenza domiciliare OSS – igiene e cura della persona" in titles(
        find(demo_store, "badanti")
    )
    with demo_store.write() as session:
        mirror.upsert(
            session, "services", [service_record("k1", "Orto sociale", keywords=["giardinaggio"])]
        )
    assert titles(find(demo_store, "giardinaggi")) == ["Orto sociale"]


def test_new_words_are_corrected_once_the_catalog_has_them(demo_store: Store) -> None:
    assert find(demo_store, "origani").services == []
    with demo_store.write() as session:
        mirror.upsert(session, "services", [service_record("k2", "Laboratorio di origami")])
    result = find(demo_store, "origani")
    assert titles(result) == ["Laboratorio di origami"] and result.suggestion == "origami"


def test_a_sentence_finds_what_its_known_words_find(demo_store: Store) -> None:
    result = find(demo_store, "vorrei un pasto caldo")
    assert titles(result) == [MEAL] and result.ignored == ("vorrei",)


def test_unknown_words_find_nothing_and_suggest_nothing(demo_store: Store) -> None:
    result = find(demo_store, "astronave")
    assert result.services == [] and result.suggestion is None


def test_the_comune_still_limits_corrected_searches(demo_store: Store) -> None:
    # Home care by Il Girasole serves Piazzola, Campodoro and Villafranca, not Limena.
    home_care = "Assistenza domiciliare OSS – igiene e cura della persona"
    assert home_care in titles(find(demo_store, "badanti", "piazzola"))
    assert home_care not in titles(find(demo_store, "badanti", "limena"))


@given(st.text() | st.sampled_from(["a1b2 c_d ½x 三个 x²y ٣٤ كلمة، l'acqua (x)", "x\u0301y ÀÉ"]))
def test_words_are_the_letter_runs_of_the_text(text: str) -> None:
    # The quick path (a token between spaces that is all letters) finds what the
    # pattern finds, in the same order, whatever the text holds.
    assert stemming.words(text) == stemming.WORD.findall(text.lower())


def test_the_stems_of_a_text_are_those_of_its_words_in_any_order() -> None:
    cached = stemming.stems("pasti caldi a domicilio", "it")
    assert cached == stemming.stems("domicilio, a caldi pasti", "it")
    assert cached == {"past", "cald", "a", "domicil"}
    assert stemming.stems_in_every_language("meals") >= {"meal"}


def test_each_language_stems_with_its_own_stemmer() -> None:
    assert stemming.stems("pasti", "it") == stemming.stems("pasto", "it")
    assert stemming.stems("meals", "en") == stemming.stems("meal", "en")
    assert stemming.stems("pasti", "xx") == set()  # no stemmer: words found as typed
    assert set(stemming.languages()) >= {"it", "en"}


def test_search_rows_made_ahead_are_written_only_while_their_names_hold(
    demo_store: Store,
) -> None:
    # A pull makes the next page's search rows while this page is written: a category
    # relabelled or a provider renamed in between reaches the index all the same.
    prepared = mirror.prepare("services", [service_record("k3", "Laboratorio di origami")])
    with demo_store.read() as session:
        ahead = mirror.with_search_rows(session.connection(), prepared)
    assert ahead.search is not None and "Anziani" in ahead.search.rows[0][2]
    silvercare = {
        "id": "silvercare",
        "label": {"it": "Terza età"},
        "icon": "silvercare",
        "position": 2,
    }
    ponte = {"id": "coop-ponte", "kind": "cooperativa", "name": "Cooperativa Arcobaleno"}
    with demo_store.write() as session:
        mirror.upsert(session, "categories", [silvercare])
        mirror.upsert(session, "providers", [ponte])
        mirror.write(session, ahead)
    assert "Laboratorio di origami" in titles(find(demo_store, "arcobaleno"))
    assert "Laboratorio di origami" in titles(find(demo_store, "terza"))
    assert "Laboratorio di origami" not in titles(find(demo_store, "anziani"))


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("أطفال", "اطفال"),
        ("إسعاف", "اسعاف"),
        ("آباء", "اباء"),
        ("أطفال", "أطفال"),
        ("اطفال", "أطفال"),
    ],
)
def test_arabic_words_are_found_with_or_without_their_hamza(
    demo_store: Store, written: str, typed: str
) -> None:
    # Hamza on the alef is often left off when typing; the index keeps words as written.
    record = service_record("h1", "Servizio per famiglie")
    record["title"]["ar"] = f"خدمة {written} للعائلات"
    with demo_store.write() as session:
        mirror.upsert(session, "services", [record])
    assert "Servizio per famiglie" in titles(find(demo_store, typed))


def test_words_no_one_service_has_together_find_those_with_some_of_them(
    demo_store: Store,
) -> None:
    # "trasporto" and "disabili" are both in the catalog, never in the same service:
    # the services with either come, marked as having only some of the words.
    both = find(demo_store, "trasporto disabili")
    assert both.some_words
    found = set(titles(both))
    assert set(titles(find(demo_store, "trasporto"))) <= found
    assert set(titles(find(demo_store, "disabili"))) <= found
    assert found <= set(titles(find(demo_store, "trasporto"))) | set(
        titles(find(demo_store, "disabili"))
    )
    # Words one service has together find it alone, as before.
    together = find(demo_store, "pasti caldi")
    assert not together.some_words
    assert titles(together) == ["Pasto caldo a domicilio (consegna inclusa)"]
    # One word, or words no service has at all: nothing, not some of them.
    assert not find(demo_store, "astronave").services
    assert not find(demo_store, "astronave").some_words
    alone = find(demo_store, "trasporto astronave")  # the unknown word is left out
    assert not alone.some_words and alone.ignored == ("astronave",)


def test_only_services_of_the_comune_have_some_of_the_words(demo_store: Store) -> None:
    everywhere = set(titles(find(demo_store, "trasporto disabili")))
    limena = find(demo_store, "trasporto disabili", "limena")
    assert limena.some_words and set(titles(limena)) < everywhere
    assert set(titles(limena)) <= set(titles(find(demo_store, "trasporto", "limena"))) | set(
        titles(find(demo_store, "disabili", "limena"))
    )


def test_words_a_service_of_another_comune_has_together_find_nothing_here(
    demo_store: Store,
) -> None:
    # The screen then offers to search every Comune: the service with all the words is
    # there, not some other service with one of them.
    record = service_record("k9", "Trasporto per persone disabili", residents_of=["limena"])
    with demo_store.write() as session:
        mirror.upsert(session, "services", [record])
    here = find(demo_store, "trasporto disabili", "piazzola")
    assert here.services == [] and not here.some_words
    assert titles(find(demo_store, "trasporto disabili", "limena")) == [
        "Trasporto per persone disabili"
    ]


def test_a_word_is_not_corrected_into_another_far_from_it(demo_store: Store) -> None:
    typed = "infermiere"
    # "infermiere" has no near word in the catalog; through the stems of every language
    # it was corrected to the Romanian "informatii", five edits away. Better nothing,
    # and the ways on, than a word the citizen never meant.
    result = find(demo_store, typed)
    assert result.suggestion is None and result.services == []
    assert result.ignored == ()  # nothing known: what was typed is looked for, and not found


def in_languages(service_id: str, **titles: str) -> dict[str, object]:
    """A service in the languages given, its description the title again."""
    return service_record(service_id) | {"title": titles, "description": dict(titles)}


@pytest.fixture
def music_store(demo_store: Store) -> Store:
    """The same lessons in Italian, English and Romanian, and two services whose English
    says "music": it is the catalog's more common word, "musica" the Italian one."""
    with demo_store.write() as session:
        mirror.upsert(
            session,
            "services",
            [
                in_languages(
                    "m1", it="Lezioni di musica", en="Music lessons", ro="Lecții de muzică"
                ),
                in_languages("m2", it="Canti per i più piccoli", en="Music for toddlers"),
                in_languages("m3", it="Terapia con i suoni", en="Music therapy"),
            ],
        )
    return demo_store


@pytest.mark.parametrize(
    ("lang", "meant"),
    [("it", "musica"), ("en", "music"), ("ro", "muzica")],
)
def test_a_correction_is_a_word_of_the_language_the_kiosk_shows(
    music_store: Store, lang: str, meant: str
) -> None:
    """The index holds every language together: the more common word won, and an
    Italian citizen typing "musicq" was asked whether they meant English "music"."""
    typed = {"it": "musicq", "en": "musicq", "ro": "muzicq"}[lang]
    result = catalog.CatalogReader(music_store).find(typed, None, lang)
    assert result.suggestion == meant
    assert "Lezioni di musica" in titles(result)


def test_a_correction_falls_back_to_the_catalogs_other_words(music_store: Store) -> None:
    """A word of another language, or a language the catalog lacks texts in: the nearest
    word of any language, as before."""
    reader = catalog.CatalogReader(music_store)
    assert reader.find("toddlerz", None, "it").suggestion == "toddlers"  # English only
    assert reader.find("musicq", None, "sq").suggestion == "music"  # no Albanian text
    assert reader.find("musicq", None).suggestion == "music"  # no language: as before
