"""Money as people read it: "€ 12,50" in Italian, "€12.50" in English."""

from __future__ import annotations


def format_euro(cents: int, lang: str) -> str:
    euros, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    if lang == "it":
        grouped = f"{euros:,}".replace(",", ".")
        return f"{sign}€ {grouped},{rest:02d}"
    return f"{sign}€{euros:,}.{rest:02d}"
