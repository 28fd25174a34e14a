# SPDX-License-Identifier: EUPL-1.2
"""Money as people read it in their language, on the kiosk's screens and in the forms'
messages: "€ 12,50" in Italian, "€12.50" in English, "12,50 €" in Romanian, Albanian
and Ukrainian (a comma before the cents: "€250.00" would read as two hundred and fifty
thousand there), and inside Arabic text kept left to right."""

from __future__ import annotations

from typing import NamedTuple

from languages import left_to_right
from protocol.money import euro

NO_BREAK = "\u00a0"  # the amount and its sign stay on one line


class MoneyStyle(NamedTuple):
    decimal: str
    group: str
    sign_first: bool


ITALIAN = MoneyStyle(",", ".", sign_first=True)  # € 1.234,50 (protocol.money.euro)
# As the Unicode CLDR writes euros in each language; a language not listed reads the
# English way.
STYLES: dict[str, MoneyStyle] = {
    "en": MoneyStyle(".", ",", sign_first=True),  # €1,234.50
    "ro": MoneyStyle(",", ".", sign_first=False),  # 1.234,50 €
    "sq": MoneyStyle(",", NO_BREAK, sign_first=False),  # 1 234,50 €
    "uk": MoneyStyle(",", NO_BREAK, sign_first=False),  # 1 234,50 €
    "ar": MoneyStyle(".", ",", sign_first=True),  # €1,234.50, kept left to right
    "zh": MoneyStyle(".", ",", sign_first=True),  # €1,234.50
}


def style_of(lang: str) -> MoneyStyle:
    """How ``lang`` writes the number of an amount."""
    return ITALIAN if lang == "it" else STYLES.get(lang, STYLES["en"])


def format_euro(cents: int, lang: str, *, cents_if_any: bool = False) -> str:
    """``cents`` as ``lang`` writes euros; with ``cents_if_any`` a whole sum is written
    without them ("€ 1.000.000", a form's limit), as people say it."""
    if lang == "it" and not cents_if_any:
        return euro(cents)
    style = style_of(lang)
    euros, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    number = f"{euros:,}".replace(",", style.group)
    if rest or not cents_if_any:
        number += f"{style.decimal}{rest:02d}"
    if lang == "it":
        return f"{sign}€ {number}"
    text = f"{sign}€{number}" if style.sign_first else f"{sign}{number}{NO_BREAK}€"
    return left_to_right(text, lang)
