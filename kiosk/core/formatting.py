# SPDX-License-Identifier: EUPL-1.2
"""Money as people read it: "€ 12,50" in Italian, "€12.50" in English (and inside
Arabic text, kept left to right)."""

from __future__ import annotations

from languages import left_to_right
from protocol.money import euro


def format_euro(cents: int, lang: str) -> str:
    if lang == "it":
        return euro(cents)
    euros, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return left_to_right(f"{sign}€{euros:,}.{rest:02d}", lang)
