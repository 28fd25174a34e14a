# SPDX-License-Identifier: EUPL-1.2
"""Translations for the packages that do not use Qt (forms, printing, the platform).

They come from the same catalogs as the kiosk's screens, ``assets/i18n/kiosk_<lang>.ts``,
so a translator works in one file with one tool (Qt Linguist) for everything a citizen
reads. Source strings are English, marked in the code with ``QT_TRANSLATE_NOOP`` or
``translate`` so that ``pyside6-lupdate`` finds them like the screens' ``self.tr``.

Like ``lrelease`` (without ``-nounfinished``), a translation still marked *unfinished*
(not yet reviewed by a native speaker) is used; an empty or obsolete one is not.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache
from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parents[1] / "assets" / "i18n"
SOURCE_LANGUAGE = "en"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 (lupdate's name)
    """Marks ``source`` for the catalogs; it is translated later, in the reader's language."""
    return source


def translate(context: str, source: str, lang: str, n: int | None = None) -> str:
    """``source`` (English) in ``lang``; the English source when there is no translation.
    With a count ``n``, ``source`` is a "%n" message: the plural form of ``lang`` for
    ``n`` (as Qt picks it), with ``n`` in place of "%n"."""
    if n is None:
        return _catalog(lang).get((context, source), source)
    forms = _plurals(lang).get((context, source))
    chosen = forms[min(plural_form(lang, n), len(forms) - 1)] if forms else source
    return chosen.replace("%n", str(n))


def plural_form(lang: str, n: int) -> int:
    """Which of ``lang``'s plural forms a count takes: Qt's rules (lrelease's), so a
    count reads the same on a screen and on a form's message."""
    rule = _PLURAL_RULES.get(lang, _one_or_more)
    return rule(abs(n))


def _one_or_more(n: int) -> int:  # Italian, English, Albanian
    return 0 if n == 1 else 1


def _romanian(n: int) -> int:
    return 0 if n == 1 else 1 if n == 0 or 1 <= n % 100 <= 19 else 2


def _arabic(n: int) -> int:
    if n <= 2:
        return n
    return 3 if 3 <= n % 100 <= 10 else 4 if n % 100 >= 11 else 5


def _ukrainian(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2


def _no_plural(_n: int) -> int:  # Chinese
    return 0


_PLURAL_RULES: dict[str, Callable[[int], int]] = {
    "ro": _romanian,
    "ar": _arabic,
    "uk": _ukrainian,
    "zh": _no_plural,
}


def _plurals(lang: str) -> dict[tuple[str, str], list[str]]:
    """The "%n" messages of ``lang``'s catalog, English's included (its plural forms)."""
    return _read(lang)[1]


def _catalog(lang: str) -> dict[tuple[str, str], str]:
    return {} if lang == SOURCE_LANGUAGE else _read(lang)[0]


@cache
def _read(lang: str) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], list[str]]]:
    """``lang``'s catalog, read once: each message's translation, and the plural forms
    of its "%n" messages."""
    path = CATALOG_DIR / f"kiosk_{lang}.ts"
    if not path.exists():
        return {}, {}
    texts: dict[tuple[str, str], str] = {}
    plurals: dict[tuple[str, str], list[str]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            key = (name, message.findtext("source", ""))
            if translation.text:
                texts[key] = translation.text
            if message.get("numerus") == "yes":
                forms = [form.text or "" for form in translation.iter("numerusform")]
                if forms and all(forms):
                    plurals[key] = forms
    return texts, plurals
