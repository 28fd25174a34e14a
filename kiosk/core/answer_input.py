# SPDX-License-Identifier: EUPL-1.2
"""What a citizen types, turned into the answer values forms/ checks (Qt-free).

People type amounts and dates the Italian way ("1.250,50", "23/01/1941"), or amounts
as the kiosk shows them in their language ("1,250.50"), sometimes
with spaces or the euro sign. Text that cannot be read is passed on as it is, so the
form's own check explains what is wrong next to the field and nothing typed is lost.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from languages.money import style_of

_AMOUNT = re.compile(r"(?P<euros>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:[,.](?P<cents>[0-9]{1,2}))?")
# "1,234.50", as the kiosk writes money in English, Arabic and Chinese. A lone "1,234"
# stays unread: a comma is the decimal sign in Italian, so the form asks again.
_GROUPED_WITH_COMMAS = re.compile(r"(?P<euros>[0-9]{1,3}(?:,[0-9]{3})+)\.(?P<cents>[0-9]{1,2})")
_DATE = re.compile(r"(?P<d>[0-9]{1,2})[/.\- ](?P<m>[0-9]{1,2})[/.\- ](?P<y>[0-9]{4})")


def amount_cents(text: str) -> int | str | None:
    """ "1.250,50" → 125050 cents; "" → None; unreadable text comes back unchanged."""
    cleaned = re.sub(r"[€\s]", "", text)  # \s: no-break spaces too ("1 250,50")
    if not cleaned:
        return None
    match = _AMOUNT.fullmatch(cleaned) or _GROUPED_WITH_COMMAS.fullmatch(cleaned)
    if match is None:
        return text
    euros = int(match["euros"].replace(".", "").replace(",", ""))
    cents = int((match["cents"] or "0").ljust(2, "0"))
    return euros * 100 + cents


def amount_text(cents: int, lang: str = "it") -> str:
    """How the field shows a stored amount again, as ``lang`` writes money and
    ``amount_cents`` reads it back: 125050 → "1.250,50" in Italian, "1,250.50" in
    English; 15000 → "150"."""
    style = style_of(lang)
    euros, rest = divmod(cents, 100)
    whole = f"{euros:,}".replace(",", style.group)
    if rest:
        return f"{whole}{style.decimal}{rest:02d}"
    if style.group == "," and euros >= 1000:
        return f"{whole}.00"  # "1,250" alone is not read: a comma is a decimal sign
    return whole


def whole_number(text: str) -> int | str | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    return int(cleaned) if re.fullmatch(r"-?[0-9]{1,12}", cleaned) else text


def iso_date(text: str) -> str | None:
    """ "23/01/1941" → "1941-01-23"; "" → None; anything else unchanged (checked later)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _DATE.fullmatch(cleaned)
    if match is None:
        return text
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
    except ValueError:
        return text


def date_parts(text: str) -> tuple[str, str, str] | None:
    """ "23/01/1941" → ("23", "01", "1941"), as typed; None when it is not shaped so."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    return (match["d"].zfill(2), match["m"].zfill(2), match["y"])


def date_text(value: Any) -> str:
    """ "1941-01-23" → "23/01/1941", as the field shows a stored date again (the year in
    four digits: strftime writes the year 19 as "19")."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value or "")
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


_TYPED_PARTS = re.compile(r"([0-9]{0,2})/([0-9]{0,2})/([0-9]{0,4})")


def date_boxes(value: Any) -> tuple[str, str, str]:
    """What the day, month and year boxes show for an answer: a date, or its parts as
    the boxes gave them ("5//1941": no month; "23/01/41": a short year), each back in
    its own box; anything else, typed whole into the first box, stays there."""
    if value is None:
        return ("", "", "")
    parts = date_parts(date_text(value))
    if parts is not None:
        return parts
    typed = _TYPED_PARTS.fullmatch(str(value))
    if typed is not None:
        return (typed[1], typed[2], typed[3])
    return (str(value), "", "")
