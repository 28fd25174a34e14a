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
from functools import cache
from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parents[1] / "assets" / "i18n"
SOURCE_LANGUAGE = "en"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 (lupdate's name)
    """Marks ``source`` for the catalogs; it is translated later, in the reader's language."""
    return source


def translate(context: str, source: str, lang: str) -> str:
    """``source`` (English) in ``lang``; the English source when there is no translation."""
    return _catalog(lang).get((context, source), source)


@cache
def _catalog(lang: str) -> dict[tuple[str, str], str]:
    path = CATALOG_DIR / f"kiosk_{lang}.ts"
    if lang == SOURCE_LANGUAGE or not path.exists():
        return {}
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            if translation.text:
                found[(name, message.findtext("source", ""))] = translation.text
    return found
