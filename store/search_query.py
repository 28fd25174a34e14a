# SPDX-License-Identifier: EUPL-1.2
"""What a person typed, made into a search the catalog can answer.

Three things make ordinary words find services:
- each typed word is matched as a prefix of the catalog's words (typing "pas" already
  finds "Pasto") or by its stem in any language the kiosk stems ("pasti" and "meals"
  find "Pasto caldo" and "Hot meal"), see ``store.stemming``;
- a word the catalog does not know is replaced by the nearest one it does (edit
  distance up to 1, 2 from eight letters, a swap of two letters counting as one edit;
  ties go to the more common word),
  and the corrected words are offered back as "Did you mean ...";
- words the catalog has nowhere, even corrected, are left out ("vorrei un pasto" looks
  for "un pasto"), so a sentence still finds what its known words find;
- words the catalog knows that no one service has together are looked for one at a
  time (``any_word_expression``, see ``store.catalog.find_services``).

Chinese, which the index holds as pairs of characters (``stemming.han_text``), is looked
for as the phrase of the typed run's pairs, one character as the first of a pair. It is
never corrected (one character off is another word); the parts of a run whose pairs no
service has are left out ("我想找保姆" looks for "保姆").

The catalog's words come from the search index itself (``services_fts_words``) and are
kept in memory until the index changes (``search_rows.generation``).
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from operator import itemgetter
from typing import Any

import orjson
from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import Connection

from store import search_rows, stemming

SEARCH_TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_SEARCH_TOKENS = 8
MAX_TOKEN_LENGTH = 40
MIN_CORRECTED_LENGTH = 3  # "a", "di": too short to guess what was meant
MIN_STEMMED_LENGTH = 4
MIN_STEM_CORRECTED = 5
LONG_WORD = 8  # from this length two typos are corrected, one before ("citta" is no "aiuta")


def fold(word: str) -> str:
    """Lower case without accents, as the index's tokenizer (unicode61
    remove_diacritics 2) stores words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Vocabulary:
    """The words of the index (sorted, for prefix look-ups; and by how many services
    use them, for corrections), the stems it holds, and for each stem of its words the
    most used word with that stem (to correct "pastti" through its stem to "pasto")."""

    words: tuple[str, ...]
    by_use: tuple[str, ...]
    stems: frozenset[str]
    word_of_stem: dict[str, str]  # in the order of its words' use

    @cached_property
    def stems_by_use(self) -> tuple[str, ...]:
        return tuple(self.word_of_stem)

    def knows(self, token: str) -> bool:
        """Whether some service has a word starting with ``token`` or sharing a stem."""
        folded = fold(token)
        if self._has_prefix(folded):
            return True
        return any(fold(stem) in self.stems for stem in stemming.stems_in_every_language(token))

    def _has_prefix(self, folded: str) -> bool:
        at = bisect.bisect_left(self.words, folded)
        return at < len(self.words) and self.words[at].startswith(folded)

    def han_parts(self, run: str) -> tuple[list[str], list[str]]:
        """A typed run of Han characters cut into the parts whose pairs the catalog all
        has (a single character: as the first of a pair), and the parts in none of them."""
        if len(run) == 1:
            return ([run], []) if self._has_prefix(run) else ([], [run])
        pairs = stemming.han_pairs(run)
        has = [self._has(pair) for pair in pairs]
        known: list[str] = []
        at = 0
        while at < len(pairs):
            end = at
            while has[end] and end + 1 < len(pairs) and has[end + 1]:
                end += 1
            if has[at]:
                known.append(run[at : end + 2])
            at = end + 1
        # A character is in a known part when the pair it starts or ends is known.
        covered = [
            (at > 0 and has[at - 1]) or (at < len(pairs) and has[at]) for at in range(len(run))
        ]
        unknown = [
            "".join(character for _, character in part)
            for inside, part in groupby(zip(covered, run, strict=True), key=itemgetter(0))
            if not inside
        ]
        return known, unknown

    def _has(self, word: str) -> bool:
        at = bisect.bisect_left(self.words, word)
        return at < len(self.words) and self.words[at] == word

    def closest(self, token: str, ours: Callable[[str], bool] | None = None) -> str | None:
        """The catalog's word nearest to ``token``, or to one of its stems. ``ours``
        tells a word of the language the citizen reads: the index holds every language
        together, and between words as near the more common won ("musicq" was English
        "music" for an Italian citizen, not "musica"), so of the words near enough one
        that is ``ours`` comes first."""
        folded = fold(token)
        if len(folded) < MIN_CORRECTED_LENGTH:
            return None
        words = _near_words(folded, self.by_use)
        if words:
            return next((word for word in words if ours(word)), words[0]) if ours else words[0]
        # Through the stems ("pastti", stem "pastt", is one edit from "past", "pasto"'s):
        # a stem is shorter than its word, so only long ones, keeping their first letter
        # ("elderly" is not "older", "doppio" not "dopo"), and a word that is still
        # near the one typed: one edit more than a word's own correction allows. Stems
        # of every language meet there, and "infermiere" (Italian) was corrected to
        # "informatii" (Romanian) through two stems one edit apart.
        for stem in sorted(stemming.stems_in_every_language(folded), key=len, reverse=True):
            if len(stem) < MIN_STEM_CORRECTED:
                continue
            near = _nearest(stem, self.stems_by_use)
            if near is None or near[0] != stem[0]:
                continue
            word = self.word_of_stem[near]
            if OSA.distance(folded, word) <= _edits_allowed(folded) + 1:
                return word
        return None


def _nearest(word: str, choices: tuple[str, ...]) -> str | None:
    if len(word) < MIN_CORRECTED_LENGTH:
        return None
    allowed = _edits_allowed(word)
    found = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=allowed)
    return found[0] if found else None


def _near_words(word: str, choices: tuple[str, ...]) -> list[str]:
    """The words of ``choices`` near enough to correct ``word`` into, nearest first and,
    as near, in the order of ``choices`` (the most used first): ``_nearest`` first."""
    allowed = _edits_allowed(word)
    found = process.extract(
        word, choices, scorer=OSA.distance, score_cutoff=allowed, limit=NEAR_WORDS
    )
    return [choice for choice, _distance, _at in sorted(found, key=lambda f: (f[1], f[2]))]


# How many of the words near a misspelt one are looked at for one of the citizen's
# language, and how many services holding a word are read to tell its languages.
NEAR_WORDS = 8
LANGUAGE_SAMPLE = 30
# The services holding a word, and their texts in each language (the search row's
# rowid is its service's).
HOLDING = """
SELECT s.title, s.description FROM services_fts AS f JOIN services AS s ON s.rowid = f.rowid
WHERE services_fts MATCH ? LIMIT ?
"""


def in_language(cursor: Any, word: str, lang: str) -> bool:
    """Whether a service's title or description in ``lang`` holds ``word`` (as the
    index holds it: folded), among a few services with that word. Asked only for the
    few words near a misspelt one: reading every service's texts to know each word's
    languages took over a second at 100,000 services."""
    if not word.isalpha():
        return False
    for title, description in cursor.execute(
        HOLDING, (f'{{title body}} : "{word}"', LANGUAGE_SAMPLE)
    ):
        for texts in (orjson.loads(title), orjson.loads(description)):
            text = texts.get(lang) if isinstance(texts, dict) else None
            if isinstance(text, str) and word in _folded_words(text):
                return True
    return False


def _folded_words(text: str) -> set[str]:
    """The words of ``text`` as the index holds them."""
    return {fold(word) for word in stemming.WORD.findall(text.lower())}


def _edits_allowed(word: str) -> int:
    return 1 if len(word) < LONG_WORD else 2


def read_vocabulary(connection: Connection) -> Vocabulary:
    rows = connection.exec_driver_sql(
        "SELECT term, col, doc FROM services_fts_words WHERE col IN ('title', 'body', 'stems')"
    ).all()
    uses: dict[str, int] = {}
    stems: set[str] = set()
    for term, col, doc in rows:
        if col == "stems":
            stems.add(term)
        else:
            uses[term] = uses.get(term, 0) + doc
    # Numbers and codes are found as typed, never "corrected" into another number, and
    # nothing is corrected into pairs of Han characters (``plan``).
    by_use = sorted(
        (t for t in uses if t.isalpha() and not stemming.HAN.search(t)),
        key=lambda term: (-uses[term], term),
    )
    word_of_stem: dict[str, str] = {}
    for word in by_use:
        for stem in stemming.stems_in_every_language(word):
            word_of_stem.setdefault(stem, word)
    return Vocabulary(tuple(sorted(uses)), tuple(by_use), frozenset(stems), word_of_stem)


class VocabularyCache:
    """One vocabulary per store file, read again when its search rows changed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: dict[str, tuple[int, Vocabulary]] = {}

    def get(self, connection: Connection) -> Vocabulary:
        return self.entry(connection)[2]

    def entry(self, connection: Connection) -> tuple[str, int, Vocabulary]:
        """The store's key, the generation of its search rows, and their vocabulary: what
        ``put`` takes in another process that reads the same store file."""
        key = str(connection.engine.url.database)
        generation = search_rows.generation(connection)
        with self._lock:
            cached = self._cached.get(key)
        if cached is not None and cached[0] == generation:
            return key, generation, cached[1]
        vocabulary = read_vocabulary(connection)
        self.put(key, generation, vocabulary)
        return key, generation, vocabulary

    def put(self, key: str, generation: int, vocabulary: Vocabulary) -> None:
        """Keeps a vocabulary read elsewhere (the sync process, after it changed the rows)."""
        with self._lock:
            cached = self._cached.get(key)
            if cached is None or cached[0] <= generation:
                self._cached[key] = (generation, vocabulary)


VOCABULARIES = VocabularyCache()


@dataclass(frozen=True)
class SearchPlan:
    tokens: tuple[str, ...]  # lower case, corrected where the catalog did not know them
    suggestion: str | None  # the corrected words, when a correction was made
    ignored: tuple[str, ...] = ()  # typed words the catalog has nowhere


def plan(
    user_text: str, vocabulary: Vocabulary, ours: Callable[[str], bool] | None = None
) -> SearchPlan | None:
    """The words to look for (None: nothing to find); a misspelt word is corrected to
    a word ``ours`` says is of the citizen's language when one is as near as allowed."""
    typed = [t[:MAX_TOKEN_LENGTH].lower() for t in SEARCH_TOKEN.findall(user_text)]
    typed = [part for t in typed for part in _han_apart(t) if part][:MAX_SEARCH_TOKENS]
    if not typed:
        return None
    tokens: list[str] = []
    ignored: list[str] = []
    corrected = False
    for token in typed:
        if stemming.HAN.fullmatch(token):
            known, unknown = vocabulary.han_parts(token)
            tokens += known
            ignored += unknown
            continue  # never corrected: one character off is another word
        if not token.isalpha() or vocabulary.knows(token):
            tokens.append(token)  # numbers and codes are looked for as typed
            continue
        better = vocabulary.closest(token, ours)
        if better is None:
            ignored.append(token)
        else:
            tokens.append(better)
            corrected = True
    if not tokens:  # nothing known: look for what was typed, to find nothing
        return SearchPlan(tuple(typed), None)
    suggestion = " ".join(tokens) if corrected else None
    return SearchPlan(tuple(tokens), suggestion, tuple(ignored))


def _han_apart(token: str) -> list[str]:
    """A typed word with its runs of Han characters apart from the letters or digits
    written against them ("3岁" is "3" and "岁"), as the index holds them."""
    return stemming.HAN_APART.split(token) if stemming.HAN.search(token) else [token]


def _phrase(token: str) -> str:
    """A typed word as FTS5 looks for it: as a prefix, or for Han characters the
    phrase of their pairs (one alone: as the first of a pair)."""
    if len(token) > 1 and stemming.HAN.fullmatch(token):
        return '"' + " ".join(stemming.han_pairs(token)) + '"'
    return f'"{token}"*'


def match_expression(tokens: tuple[str, ...]) -> str:
    """An FTS5 query: each word as a prefix of the title and body words, or one of its
    stems among the stems. Only quoted words from ``\\w+`` reach FTS5, so nothing a
    person types is read as an operator."""
    return " AND ".join(map(_word_group, tokens))


def any_word_expression(tokens: tuple[str, ...]) -> str:
    """``match_expression`` with any of the words instead of all of them."""
    return " OR ".join(map(_word_group, tokens))


def _word_group(token: str) -> str:
    terms = [f"{{title body}} : {_phrase(token)}"]
    terms += [f'stems : "{stem}"' for stem in _other_stems(token)]
    return "(" + " OR ".join(terms) + ")"


def title_expression(tokens: tuple[str, ...]) -> str:
    """An FTS5 query for the services whose title holds every word (as a prefix): the
    first rank of results, see ``store.catalog.find_services``."""
    return " AND ".join(f"title : {_phrase(token)}" for token in tokens)


def _other_stems(token: str) -> list[str]:
    """The stems worth looking up besides the typed prefix: not while a word is being
    begun (each one more term for every service), and not a Latin word itself, whose
    forms the prefix already finds ("meal" finds "meals"). A stemmer may also mend
    spelling the index keeps as written: the Arabic one writes hamza-less "اطفال" for
    "أطفال", so the hamza-less word typed is looked for among the stems too."""
    if len(token) < MIN_STEMMED_LENGTH or stemming.HAN.search(token):
        return []  # Chinese has no stemmer: its pairs are looked for
    stems = stemming.stems_in_every_language(token)
    return sorted(stems - {token} if token.isascii() else stems)
