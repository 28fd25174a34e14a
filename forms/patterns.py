# SPDX-License-Identifier: EUPL-1.2
"""The patterns a form's definition brings (a field's ``pattern``, an expression's
``regex(text, pattern)``), matched in time linear in the text.

They come from the platform, and the citizen's text is matched against them on the
kiosk's UI thread and in the platform's submission batches. Python's ``re`` backtracks:
a pattern such as ``(a+)+b`` took 0.27 s on 22 letters, doubling with each one more (a
text of 40 letters, days). RE2 (google-re2) never backtracks; the patterns it does not
take (back-references, look-arounds) make the definition unacceptable, as one that does
not compile does.

A form's author writes Python's dialect: ``\\w``, ``\\d`` and ``\\s`` match any script's
letters, digits and spaces there ("Nicolò", "Dumitrescu-Ţurcanu"), ASCII ones only in
RE2, so they are given RE2's Unicode classes (``unicode_classes``); ``{,n}``, which
Python reads as ``{0,n}`` and RE2 as text, is refused with what to write instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import re2  # type: ignore[import-untyped]

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a refused pattern is the caller's error, not a log line
_OPTIONS.max_mem = 8 << 20  # bytes for one compiled pattern: ample for a form's 100 chars


class PatternError(ValueError):
    """The pattern is not one this kiosk matches (bad syntax, or not RE2's)."""


# Python's meaning of each class in RE2's Unicode terms (letters, numbers, underscore;
# decimal digits; white space), inside a [...] and, bracketed, outside one.
_UNICODE = {"w": r"\pL\pN_", "d": r"\p{Nd}", "s": r"\s\p{Z}"}
_AMBIGUOUS_COUNT = re.compile(r"(?<!\\)\{,\d")


def unicode_classes(pattern: str) -> str:
    """``pattern`` with ``\\w``, ``\\d``, ``\\s`` (and their negations outside a
    [...]) as Python means them; everything else as written."""
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if escaped in _UNICODE:
                out.append(_UNICODE[escaped] if in_class else f"[{_UNICODE[escaped]}]")
            elif escaped.lower() in _UNICODE and not in_class:
                out.append(f"[^{_UNICODE[escaped.lower()]}]")
            else:  # any other escape, or \W \D \S inside a [...]: as written
                out.append(char + escaped)
            index += 2
            continue
        out.append(char)
        index += 1
        if char == "[" and not in_class:
            in_class = True
            for literal in ("^", "]"):  # "[^" and a "]" first are part of the class
                if pattern.startswith(literal, index):
                    out.append(literal)
                    index += 1
        elif char == "]" and in_class:
            in_class = False
    return "".join(out)


# Repetitions a pattern may spell out in all (``repetitions``). RE2 matches in time
# linear in the text, but times the states a pattern can be in at once: "(.?){1000}"
# eight times over took 2 s on a 4,000-character answer, on the kiosk's UI thread, at
# each "Next". One count goes up to 1,000 in RE2; so do all of a pattern's here (the
# longest answer against 1,000 of them: 50 ms). A form's patterns need a few dozen.
MAX_REPETITIONS = 1000


@lru_cache(maxsize=512)
def compiled(pattern: str) -> Any:
    """``pattern`` compiled once; PatternError when RE2 refuses it."""
    if _AMBIGUOUS_COUNT.search(pattern):
        raise PatternError("{,n} means {0,n} in Python and plain text in RE2: write {0,n}")
    if (spelt := repetitions(pattern)) > MAX_REPETITIONS:
        raise PatternError(
            f"it repeats {spelt:,} times in all, at most {MAX_REPETITIONS:,}: matching a long"
            " answer would take seconds"
        )
    try:
        return re2.compile(unicode_classes(pattern), _OPTIONS)
    except re2.error as error:
        reason = error.args[0] if error.args else "invalid pattern"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(str(reason)) from None


def full_match(pattern: str, text: str) -> bool:
    """Whether the whole of ``text`` matches ``pattern`` (PatternError if refused). A
    text RE2 cannot read (a lone surrogate, which a JSON escape can carry) matches
    nothing: RE2 raised on it, and the platform answered such a record "retry" for ever."""
    try:
        return compiled(pattern).fullmatch(text) is not None
    except UnicodeEncodeError:
        return False


def repetitions(pattern: str) -> int:
    """How many pieces ``pattern`` spells out once its counts are: a character, an
    escape or a [...] is one, a count "{m,n}" makes what it follows n of them (m when
    open, "{m,}"), and a group's count multiplies all the group holds ("(ab){3}" is
    6). The signs ``?*+|`` and a group's own "(?:" add none."""
    totals = [0]  # the pieces of each group open, the pattern's first
    last = 0  # the pieces of what a count would repeat
    index = 0
    while index < len(pattern):
        char = pattern[index]
        count = _COUNT.match(pattern, index) if char == "{" else None
        if count is not None:
            numbers = count.group()[1:-1].split(",")
            times = int(numbers[-1] or numbers[0])
            totals[-1] += last * (times - 1)
            last *= times
            index = count.end()
            continue
        if char == "(":
            opening, opens_group = _group_opening(pattern, index)
            if opens_group:
                totals.append(0)
            index += opening
            continue
        if char == ")" and len(totals) > 1:
            last = totals.pop()
            totals[-1] += last
        elif char in "?*+|^$":
            pass
        else:
            last = 1
            totals[-1] += 1
            index = _piece_end(pattern, index)
            continue
        index += 1
    return sum(totals)


def _group_opening(pattern: str, index: int) -> tuple[int, bool]:
    """The length of what opens at ``index`` ("(", "(?:", "(?P<name>", "(?i:"), and
    whether it is a group: flags alone ("(?i)") are none."""
    if not pattern.startswith("(?", index):
        return 1, True
    at = index + 2
    if pattern.startswith(("P<", "<"), at):
        closing = pattern.find(">", at)
        return (closing - index + 1, True) if closing > 0 else (2, True)
    while at < len(pattern) and pattern[at] in "imsU-":
        at += 1
    if pattern.startswith(")", at):
        return at - index + 1, False
    return at - index + (1 if pattern.startswith(":", at) else 0), True


def _piece_end(pattern: str, index: int) -> int:
    """Where the piece at ``index`` ends: after a character, an escape (with its "{...}":
    "\\p{Greek}", "\\x{41}") or a whole [...]."""
    if pattern[index] == "\\":
        after = index + 2
        if pattern.startswith("{", after) and pattern[index + 1] in "pPx":
            closing = pattern.find("}", after)
            return closing + 1 if closing > 0 else len(pattern)
        return after
    if pattern[index] != "[":
        return index + 1
    at = index + 1
    if pattern.startswith("^", at):
        at += 1
    if pattern.startswith("]", at):  # a "]" first is part of the class
        at += 1
    while at < len(pattern) and pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at + 1


# Signs a pattern may escape to mean themselves ("\-", "\.", "\ ").
_ESCAPED_SIGNS = frozenset(" !\"#%&',-./:;<=>@_`~()[]{}*+?|^$\\")
_STRUCTURE = frozenset("()|?*+^$")  # groups, choices, counts and anchors: no characters
_COUNT = re.compile(r"\{\d+(,\d*)?\}")
_DIGITS = "0123456789"


def characters_of(pattern: str) -> str | None:
    """Every character a text matching ``pattern`` can hold, in the order the pattern
    names them, when the pattern says so plainly: literal characters, ``\\d`` (its
    ASCII digits: a text of them matches), classes such as ``[0-9A-F-]``, groups,
    choices and counts. None when it does not (``.``, ``\\w``, a negated class, a flag
    ...): such a pattern takes too much to tell."""
    found: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            taken = _escaped(pattern[index + 1 : index + 2])
            index += 2
        elif char == "[":
            taken, index = _class(pattern, index + 1)
        elif char == "{":
            count = _COUNT.match(pattern, index)
            taken, index = ("", count.end()) if count else (None, index)
        elif char == "(" and pattern.startswith("(?", index):
            taken, index = ("", index + 3) if pattern.startswith("(?:", index) else (None, index)
        elif char in _STRUCTURE:
            taken, index = "", index + 1
        elif char.isprintable() and char not in ".]}":
            taken, index = char, index + 1
        else:
            taken = None
        if taken is None:
            return None
        found += [c for c in taken if c not in found]
    return "".join(found) or None


def _escaped(char: str) -> str | None:
    if char == "d":
        return _DIGITS
    return char if char in _ESCAPED_SIGNS else None


def _class(pattern: str, index: int) -> tuple[str | None, int]:
    """The characters of the class opened just before ``index``, and where it ends."""
    if pattern.startswith(("^", "[:"), index):
        return None, index  # a negated class, or a named one: too much to tell
    taken, first = "", index
    while index < len(pattern) and (pattern[index] != "]" or index == first):
        char, after = pattern[index], pattern[index + 1 : index + 3]
        if char == "\\":
            escaped = _escaped(after[:1])
            if escaped is None:
                return None, index
            taken, index = taken + escaped, index + 2
        elif len(after) == 2 and after[0] == "-" and after[1] != "]":  # a range: "0-9"
            span = _range(char, after[1])
            if span is None:
                return None, index
            taken, index = taken + span, index + 3
        elif char.isprintable() and char != "[":
            taken, index = taken + char, index + 1
        else:
            return None, index
    if index >= len(pattern):
        return None, index  # never closed
    return taken, index + 1


def _range(low: str, high: str) -> str | None:
    """A range within the digits, the capitals or the small letters ("0-9", "A-F")."""
    for run in (_DIGITS, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"):
        if low in run and high in run and run.index(low) <= run.index(high):
            return run[run.index(low) : run.index(high) + 1]
    return None
