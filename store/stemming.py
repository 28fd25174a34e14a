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
from itertools import chain
from operator import add

import Stemmer

from languages import LANGUAGES

# Language code -> Snowball algorithm (``Stemmer.algorithms()`` lists them). Albanian,
# Ukrainian and Chinese have none: their words are found as typed (Chinese through
# ``han_pairs``).
SNOWBALL_ALGORITHMS: dict[str, str] = {
    entry.code: entry.stemmer for entry in LANGUAGES if entry.stemmer is not None
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)  # letters only: numbers have no stem
_local = threading.local()
# Chinese is written without spaces, and the index's tokenizer (unicode61) keeps a run of
# Han characters as one word: "上门" in "专业保姆上门" would be found only at the run's
# start. Without a dictionary to cut it into words, such text is indexed, as full-text
# search usually does, as the overlapping pairs of its characters ("专业 业保 保姆 姆上
# 上门"), and a typed word is looked for as the phrase of its pairs.
# The hexagram signs U+4DC0-4DFF amid them are taken along, and a run is written
# "[...][...]*", not "[...]+": "re" then finds its first character three or four times
# faster (a first pull searches every service's text that is not Latin).
HAN_CHARACTERS = "\u3400-\u9fff\U00020000-\U0002ebef"
HAN = re.compile(f"[{HAN_CHARACTERS}][{HAN_CHARACTERS}]*")
HAN_APART = re.compile(f"({HAN.pattern})")  # split: the runs and what lies between


def han_pairs(run: str) -> list[str]:
    """The overlapping pairs of characters of a run of Han characters (one or two
    characters are their own pair)."""
    return list(map(add, run, run[1:])) or [run]


def _spaced_pairs(match: re.Match[str]) -> str:
    run, text = match[0], match.string
    start, end = match.span()
    pairs = " ".join(han_pairs(run))
    # Apart from letters or digits written against the run ("3岁"): unicode61 would
    # make them one word with its first or last pair.
    if start and text[start - 1].isalnum():
        pairs = " " + pairs
    if end < len(text) and text[end].isalnum():
        pairs += " "
    return pairs


def han_text(text: str) -> str:
    """``text`` as the search index holds it: each run of Han characters as its pairs.
    Text without Han characters comes back as it was."""
    return pair_han(text) if may_hold_han(text) else text


def pair_han(text: str) -> str:
    """``han_text`` of text ``may_hold_han`` did not let through."""
    return HAN.sub(_spaced_pairs, text)


def may_hold_han(*texts: str) -> bool:
    """False when none of ``texts`` has a Han character. A first pull asks this of
    every service: Latin text is let through by a copy (no character past U+00FF),
    twenty times faster than a search, which only the rest gets."""
    try:
        for text in texts:
            text.encode("latin-1")
    except UnicodeEncodeError:
        return any(map(HAN.search, texts))
    return False


def languages() -> tuple[str, ...]:
    return tuple(SNOWBALL_ALGORITHMS)


def _stemmer(lang: str) -> Stemmer.Stemmer | None:
    stemmers: dict[str, Stemmer.Stemmer | None] = _local.__dict__.setdefault("stemmers", {})
    if lang not in stemmers:
        algorithm = SNOWBALL_ALGORITHMS.get(lang)
        stemmers[lang] = Stemmer.Stemmer(algorithm) if algorithm else None
    return stemmers[lang]


# A catalog says the same few thousand words over and over: each whitespace-separated
# token is turned into its stems once per language and thread, then looked up (a pull
# of 10,000 services spent a third of its time stemming). Bounded, because what people
# type passes through here too.
KNOWN_WORDS = 200_000


class _Known:
    """One language's tokens already stemmed on this thread. Most tokens are one word
    and have one stem (``single``); the rest (punctuation, digits, "a-b") are kept as
    the stems of every word in them (``other``)."""

    __slots__ = ("other", "single", "stemmer")

    def __init__(self, stemmer: Stemmer.Stemmer) -> None:
        self.stemmer = stemmer
        self.single: dict[str, str] = {}
        self.other: dict[str, tuple[str, ...]] = {}

    def stems(self, tokens: set[str]) -> set[str]:
        """The stems of the words of these lower-case tokens."""
        single = self.single
        unknown = tokens.difference(single)
        if unknown:
            unknown.difference_update(self.other)
            if unknown:
                if len(single) + len(self.other) + len(unknown) > KNOWN_WORDS:
                    # Forgotten together: every token asked about is then learnt anew.
                    single.clear()
                    self.other.clear()
                    unknown = set(tokens)
                self._learn(unknown)
            found = set(map(single.__getitem__, tokens.intersection(single)))
            for token in tokens.difference(single):
                found.update(self.other[token])
            return found
        return set(map(single.__getitem__, tokens))

    def _learn(self, tokens: set[str]) -> None:
        ordered = list(tokens)
        words_of = [[t] if t.isalpha() else WORD.findall(t) for t in ordered]
        every = list(chain.from_iterable(words_of))
        stem_of = dict(zip(every, self.stemmer.stemWords(every), strict=True))
        for token, found in zip(ordered, words_of, strict=True):
            distinct = {stem_of[word] for word in found}
            if len(distinct) == 1:
                self.single[token] = distinct.pop()
            else:
                self.other[token] = tuple(distinct)


def _known(lang: str) -> _Known | None:
    known: dict[str, _Known | None] = _local.__dict__.setdefault("known", {})
    if lang not in known:
        stemmer = _stemmer(lang)
        known[lang] = _Known(stemmer) if stemmer is not None else None
    return known[lang]


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


def _tokens(text: str) -> set[str]:
    return set(text.lower().split())


def stems(text: str, lang: str) -> set[str]:
    """The stems of the words of ``text``, in ``lang`` (none for a language without a
    stemmer: its words are still found as typed)."""
    known = _known(lang)
    return known.stems(_tokens(text)) if known is not None else set()


def stems_in_every_language(text: str) -> set[str]:
    """For text whose language is unknown (keywords, names) and for what a person
    types: a citizen may search in English with the screen in Italian."""
    found: set[str] = set()
    tokens = _tokens(text)
    for lang in SNOWBALL_ALGORITHMS:
        known = _known(lang)
        if known is not None:
            found |= known.stems(tokens)
    return found


def stems_of_texts(texts: dict[str, str], also: Iterable[str] = ()) -> set[str]:
    """Stems of a multilingual text (each language by its own stemmer) and of ``also``
    (in every language)."""
    known: dict[str, _Known | None] = _local.__dict__.setdefault("known", {})
    found: set[str] = set()
    for lang, text in texts.items():
        table = known[lang] if lang in known else _known(lang)
        if table is not None:
            _add_stems(found, table, text.lower().split())
    if also:
        tokens = " ".join(also).lower().split()
        for lang in SNOWBALL_ALGORITHMS:
            table = known[lang] if lang in known else _known(lang)
            if table is not None:
                _add_stems(found, table, tokens)
    return found


def _add_stems(found: set[str], table: _Known, tokens: list[str]) -> None:
    """Adds the stems of ``tokens`` to ``found``. The usual case, every token seen before,
    is one look-up each, without sets made on the way (a first pull stems every word of
    10,000 services)."""
    try:
        found.update(map(table.single.__getitem__, tokens))
    except KeyError:  # a token new, or of several words: what came before stays found
        found |= table.stems(set(tokens))
