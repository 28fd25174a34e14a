# SPDX-License-Identifier: EUPL-1.2
"""The one list of languages the kiosk speaks, and what each of them needs.

Nothing else in the code names a language: the configuration, the language picker, the
catalogs, the fonts, the on-screen keyboards, the slips and the search all read this
registry. Adding a language is one entry here plus its catalog
``assets/i18n/kiosk_<code>.ts``.

Texts from the platform and from form definitions are JSON objects keyed by language
code (``{"it": ..., "ro": ...}``); Italian is required there and is the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple


class Language(NamedTuple):
    code: str  # the key of texts in records, forms and catalogs
    name: str  # in its own language and script: a person must find their own
    qt_locale: str  # numbers and dates as the community reads them (Latin digits)
    right_to_left: bool = False
    # The font family that draws its script; Noto Sans covers Latin and Cyrillic.
    font: str = "Noto Sans"
    keyboard: str = "latin"  # the on-screen keyboard's letters (kiosk/ui/widgets/keyboard)
    # Names are typed in Latin letters (pinyin, as on Italian documents): the keyboard
    # says so.
    types_in_latin: bool = False
    stemmer: str | None = None  # the Snowball algorithm for search, when one exists


FALLBACK = "it"
LANGUAGES = (
    Language("it", "Italiano", "it_IT", stemmer="italian"),
    Language("en", "English", "en_GB", stemmer="english"),
    Language("ro", "Română", "ro_RO", keyboard="ro", stemmer="romanian"),
    Language(
        "ar",
        "العربية",
        "ar_MA",
        right_to_left=True,
        font="Noto Sans Arabic",
        keyboard="ar",
        stemmer="arabic",
    ),
    Language("sq", "Shqip", "sq_AL", keyboard="sq"),
    Language("uk", "Українська", "uk_UA", keyboard="uk"),
    Language("zh", "简体中文", "zh_CN", font="Noto Sans CJK SC", types_in_latin=True),
)
CODES = tuple(language.code for language in LANGUAGES)
# The fonts in the order a text looks for a glyph: Latin and Cyrillic first, then the
# other scripts (Debian: fonts-noto-core and fonts-noto-cjk).
FONT_FAMILIES = tuple(dict.fromkeys(language.font for language in LANGUAGES))
_BY_CODE = {language.code: language for language in LANGUAGES}

# Unicode isolates: a number, a codice fiscale, an IBAN or an amount keeps its left to
# right order inside a right-to-left sentence, and does not reorder the words around it.
LEFT_TO_RIGHT_ISOLATE = "\u2066"
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def language(code: str) -> Language:
    """The registry entry for ``code``; an unknown code gets the fallback language."""
    return _BY_CODE.get(code) or _BY_CODE[FALLBACK]


def pick(texts: Mapping[str, str], lang: str) -> str:
    """A text in ``lang``, else in Italian, else in any language it has. A form may tag
    its texts the standard way ("zh-Hans", "ro-MD"): such a text stands for its
    language."""
    found = texts.get(lang) or _by_primary_tag(texts, lang)
    if found:
        return found
    return texts.get(FALLBACK) or _by_primary_tag(texts, FALLBACK) or next(iter(texts.values()), "")


def _by_primary_tag(texts: Mapping[str, str], lang: str) -> str:
    for key, text in texts.items():
        if text and key.replace("_", "-").split("-")[0].lower() == lang:
            return text
    return ""


def left_to_right(text: str, lang: str) -> str:
    """``text`` kept left to right when it is shown inside ``lang``'s sentences."""
    return _isolate(text, lang, LEFT_TO_RIGHT_ISOLATE)


def isolated(text: str, lang: str) -> str:
    """A name (Latin or Arabic script) set inside ``lang``'s sentences in its own
    direction: a Latin name opening an Arabic sentence made Qt lay the whole paragraph
    out left to right."""
    return _isolate(text, lang, FIRST_STRONG_ISOLATE)


# A number written in groups ("347 123 4567", "+40 721 234 567"): inside right-to-left
# text, each group is laid out on its own and their order reverses.
_GROUPED_NUMBER = re.compile(r"\+?\d+(?:[ \u00a0]\d+)+")


def numbers_left_to_right(text: str, lang: str) -> str:
    """``text`` (a sentence in ``lang``) with each number written in groups kept left to
    right, as typed: in Arabic, "347 123 4567" read "4567 123 347"."""
    if not language(lang).right_to_left:
        return text
    return _GROUPED_NUMBER.sub(lambda m: left_to_right(m.group(), lang), text)


def _isolate(text: str, lang: str, opening: str) -> str:
    if not language(lang).right_to_left or not text:
        return text
    return f"{opening}{text}{POP_DIRECTIONAL_ISOLATE}"
