# SPDX-License-Identifier: EUPL-1.2
"""Word stems for search, one Snowball stemmer per language.

Which stemmer a language uses is said once, in the language registry (``languages``):
both the search rows and the queries stem its words with it. PyStemmer (the Snowball project's C
stemmers) is used over a hand-written suffix list: it knows each language's plurals,
genders and verb endings ("pasti" and "pasto" both give "past", "meals" gives "meal").
Its stemmer objects are not thread-safe, so each thread gets its own.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

import Stemmer

from languages import LANGUAGES

# Language code -> Snowball algorithm (``Stemmer.algorithms()`` lists them). Albanian,
# Ukrainian and Chinese have none: their words are found as typed.
SNOWBALL_ALGORITHMS: dict[str, str] = {
    entry.code: entry.stemmer for entry in LANGUAGES if entry.stemmer is not None
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)  # letters only: numbers have no stem
_local = threading.local()


def languages() -> tuple[str, ...]:
    return tuple(SNOWBALL_ALGORITHMS)


def _stemmer(lang: str) -> Stemmer.Stemmer | None:
    stemmers: dict[str, Stemmer.Stemmer | None] = _local.__dict__.setdefault("stemmers", {})
    if lang not in stemmers:
        algorithm = SNOWBALL_ALGORITHMS.get(lang)
        stemmers[lang] = Stemmer.Stemmer(algorithm) if algorithm else None
    return stemmers[lang]


# A catalog says the same few thousand words over and over: each is stemmed once per
# language and thread, then looked up (a pull of 10,000 services spent a third of its
# time stemming). Bounded, because what people type passes through here too.
KNOWN_WORDS = 200_000


def _stemmed(found: set[str], lang: str, stemmer: Stemmer.Stemmer) -> set[str]:
    known: dict[str, dict[str, str]] = _local.__dict__.setdefault("known", {})
    stems_of = known.get(lang)
    if stems_of is None or len(stems_of) > KNOWN_WORDS:
        stems_of = known[lang] = {}
    missing = [word for word in found if word not in stems_of]
    if missing:
        stems_of.update(zip(missing, stemmer.stemWords(missing), strict=True))
    return {stems_of[word] for word in found}


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` (letters only): ``WORD.findall(text.lower())``.

    Most of what lies between spaces is a word already, and ``str.isalpha`` says so
    twice as fast as the Unicode pattern finds it; the pattern splits only the rest
    (punctuation, digits)."""
    found: list[str] = []
    for token in text.lower().split():
        if token.isalpha():
            found.append(token)
        else:
            found += WORD.findall(token)
    return found


def stems(text: str, lang: str) -> set[str]:
    """The stems of the words of ``text``, in ``lang`` (none for a language without a
    stemmer: its words are still found as typed)."""
    stemmer = _stemmer(lang)
    if stemmer is None:
        return set()
    return _stemmed(set(words(text)), lang, stemmer)


def stems_in_every_language(text: str) -> set[str]:
    """For text whose language is unknown (keywords, names) and for what a person
    types: a citizen may search in English with the screen in Italian."""
    found: set[str] = set()
    unique = set(words(text))
    for lang in SNOWBALL_ALGORITHMS:
        stemmer = _stemmer(lang)
        if stemmer is not None:
            found |= _stemmed(unique, lang, stemmer)
    return found


def stems_of_texts(texts: dict[str, str], also: Iterable[str] = ()) -> set[str]:
    """Stems of a multilingual text (each language by its own stemmer) and of ``also``
    (in every language)."""
    found: set[str] = set()
    for lang, text in texts.items():
        found |= stems(text, lang)
    for text in also:
        found |= stems_in_every_language(text)
    return found
