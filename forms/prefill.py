# SPDX-License-Identifier: EUPL-1.2
"""A repeat's first item filled from earlier answers: the applicant is the first member
of their own household, so nobody has to type themselves in again (or learn from an
error that they should have).

The form says how (``first_item`` of a repeat, see the JSON Schema): per field of the
item, an answer's name, several names joined with spaces, a constant, or the birth date
a codice fiscale holds (python-stdnum reads it; the century is the likelier one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stdnum.exceptions import ValidationError
from stdnum.it import codicefiscale


def first_item(repeat: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """The first item of ``repeat`` from ``answers`` (empty when the form says nothing
    or nothing is known yet); fields whose source is unanswered are left out."""
    item: dict[str, Any] = {}
    for field, source in repeat.get("first_item", {}).items():
        value = _value(source, answers)
        if value not in (None, ""):
            item[field] = value
    return item


def _value(source: Any, answers: Mapping[str, Any]) -> Any:
    if isinstance(source, str):
        return answers.get(source)
    if isinstance(source, list):
        return " ".join(str(answers[name]).strip() for name in source if answers.get(name))
    if isinstance(source, Mapping) and "value" in source:
        return source["value"]
    if isinstance(source, Mapping) and "birth_date_of" in source:
        code = answers.get(source["birth_date_of"])
        try:
            return codicefiscale.get_birth_date(str(code or "")).isoformat()
        except (ValidationError, ValueError):
            return None
    return None
