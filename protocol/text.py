# SPDX-License-Identifier: EUPL-1.2
"""Text as JSON carries it, and what of it no side of the contract takes.

A "\\ud800" escape gives half a character (a lone surrogate), which Python's JSON reader
takes and no database, encoder or screen does. A "\\u0000" escape gives a NUL, which
SQLite stores and PostgreSQL refuses (the same record was taken on one database and a
500 on the other), and which ends a text early in C code (the speech engine, the
printer's driver).

The other C0 control characters but tab and newline are refused too, in every text of
the contract, free text included: none of them is anything a person types or reads,
and on the way to a thermal printer ESC and GS are its commands (a title holding
"\\x1dV" cut the paper), on a screen or in a log they are terminal commands. A carriage
return is refused with them: a line break is "\\n" on the wire, and a lone "\\r" made a
receipt's line print over the one before. DEL goes with them. The records' texts
(protocol/records.py) refuse the same characters with their patterns.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import PydanticCustomError

_SURROGATE = re.compile("[\ud800-\udfff]")
# Every character no text of the contract may hold (see above): C0 but tab and newline,
# DEL, and lone surrogates.
_UNFIT = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
# A key shown in a field's place as it is: a name, never a citizen's text.
_NAME = re.compile(r"[A-Za-z0-9_@-]{1,64}")


# The type of a validation error about such a text: its message is the place, then
# what is wrong (``answers.nome: contains a NUL character``).
UNFIT_TEXT = "unfit_text"


def lone_surrogate_in(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (ASCII text, the usual, is not searched)."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def unfit_in(text: str) -> str | None:
    """What ``text`` holds that no side takes, in words (never the text itself), or None."""
    if text.isprintable():  # the usual case, in C: no control character, no surrogate
        return None
    if "\x00" in text:  # named first: the one a database refuses
        return "contains a NUL character"
    found = _UNFIT.search(text)
    if found is None:
        return None  # a tab or a newline, or a character Python calls unprintable
    character = found.group()
    if "\ud800" <= character <= "\udfff":
        return "contains half a character (a lone surrogate)"
    return f"contains a control character (U+{ord(character):04X})"


def unfit_text(value: Any) -> str | None:
    """The first text or key in ``value`` (JSON: objects, lists, texts, numbers) that
    holds what no side takes, as ``answers.nome: contains a NUL character`` (its place,
    then what is wrong), or None."""
    found = unfit_place(value)
    if found is None:
        return None
    place, problem = found
    return f"{place}: {problem}" if place else problem


def unfit_place(value: Any) -> tuple[str, str] | None:
    """(place, problem) of the first text or key in ``value`` that holds what no side
    takes, its place as ``answers.nome`` or ``lines[0].service`` ("" for ``value``
    itself). Read without recursion: a payload may be nested deeper than Python's own
    limit."""
    waiting: list[tuple[Any, str]] = [(value, "")]
    while waiting:
        item, place = waiting.pop()
        if isinstance(item, str):
            problem = unfit_in(item)
            if problem is not None:
                return place, problem
        elif isinstance(item, dict):
            for key, child in reversed(item.items()):  # the first one is told first
                if isinstance(key, str) and (problem := unfit_in(key)) is not None:
                    return place, f"a field's name {problem}"
                waiting.append((child, _joined(place, key)))
        elif isinstance(item, list | tuple):
            waiting.extend((child, f"{place}[{index}]") for index, child in _backwards(item))
    return None


def _joined(place: str, key: Any) -> str:
    name = key if isinstance(key, str) and _NAME.fullmatch(key) else "?"
    return f"{place}.{name}" if place else name


def _backwards(items: list[Any] | tuple[Any, ...]) -> list[tuple[int, Any]]:
    return list(reversed(list(enumerate(items))))


def refuse_unfit_text(value: Any) -> Any:
    """``value`` as it is, or a validation error (``UNFIT_TEXT``) naming the first text
    in it that no side takes: for pydantic validators of the contract's types."""
    found = unfit_place(value)
    if found is not None:
        place, problem = found
        said = f"{place}: {problem}" if place else problem
        raise PydanticCustomError(UNFIT_TEXT, said, {"place": place, "problem": problem})
    return value


def plain(text: str) -> str:
    """``text`` with what no side takes made "?" (a tab or a newline stays): for a text
    told back to a person, which is shown, never refused (a platform's message)."""
    return text if text.isprintable() else _UNFIT.sub("?", text)


def fitted(text: str, limit: int) -> str:
    """``text`` as the contract takes it in a field of at most ``limit`` characters:
    what no side takes made "?" (``plain``), then cut. For a text the kiosk did not
    check itself (a platform's code, a record's key in a refusal's reason) that goes
    into an event: the event is never refused for it, so never lost."""
    return plain(text)[:limit]
