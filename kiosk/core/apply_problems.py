# SPDX-License-Identifier: EUPL-1.2
"""Where each problem of a page shows, without Qt: under its question; a person's under
that person on the household's list, naming the question; a problem of a question not on
screen (or of the whole form) in the banner on top, so none goes unseen."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from forms.answers import Problem
from languages import pick


@dataclass
class PlacedProblems:
    under: dict[str, str] = field(default_factory=dict)  # question name → its first problem
    # a household's name → person (as the path counts them) → its problems
    members: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    elsewhere: list[str] = field(default_factory=list)  # for the banner


def place_problems(
    problems: Sequence[Problem],
    questions: Sequence[Mapping[str, Any]],
    shown: Collection[str],
    lang: str,
) -> PlacedProblems:
    """``questions``: those of the page (or the person); ``shown``: their names on screen."""
    by_name = {item["name"]: item for item in questions}
    placed = PlacedProblems()
    for problem in problems:
        parts = problem.path.split(".")
        item = by_name.get(parts[0])
        message = problem.message(lang)
        if item is None or parts[0] not in shown:
            placed.elsewhere.append(message)
        elif len(parts) == 3 and item["type"] == "repeat":
            sub = next((f for f in item["fields"] if f["name"] == parts[2]), None)
            # A calculated value has no question to name (its visible_if may fail).
            text = f"{pick(sub['label'], lang)}: {message}" if sub and "label" in sub else message
            placed.members.setdefault(parts[0], {}).setdefault(int(parts[1]), []).append(text)
        else:
            placed.under.setdefault(parts[0], message)
    return placed
