# SPDX-License-Identifier: EUPL-1.2
"""Who made a record and the numbers to call them back on, read from the record.

An application's phone numbers are found by the ``phone`` type of the form's fields,
whatever their names; an order carries the phone left at checkout. The kiosk reads its
own clear records with it; the platform reads a refused sealed record with it and
answers the kiosk with the result, the only part of that record the kiosk may show.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

NAME_KEYS = ("nome", "cognome")
USUAL_PHONE_KEYS = ("telefono", "cellulare", "phone")


def phone_fields(definition: Mapping[str, Any]) -> Iterator[str]:
    for page in definition.get("pages", []):
        for item in page.get("fields", []):
            if item.get("type") == "phone":
                yield str(item.get("name"))


def contact_of(
    kind: str, payload: Mapping[str, Any], definition: Mapping[str, Any] | None
) -> tuple[str, tuple[str, ...]]:
    """(name, phones); ``definition``: the form the application was filled on, if known."""
    if kind != "application":
        phone = str(payload.get("phone") or "").strip()  # an order: the phone left at checkout
        return "", (phone,) if phone else ()
    answers = payload.get("answers")
    if not isinstance(answers, dict):
        return "", ()
    name = " ".join(str(answers.get(key) or "") for key in NAME_KEYS).strip()
    names = list(phone_fields(definition)) if definition else []
    if not names:  # the form is not known: the usual names
        names = [key for key in answers if key in USUAL_PHONE_KEYS]
    phones = tuple(
        str(answers[key]).strip() for key in names if str(answers.get(key) or "").strip()
    )
    return name, phones
