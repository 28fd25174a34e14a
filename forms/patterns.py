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


@lru_cache(maxsize=512)
def compiled(pattern: str) -> Any:
    """``pattern`` compiled once; PatternError when RE2 refuses it."""
    if _AMBIGUOUS_COUNT.search(pattern):
        raise PatternError("{,n} means {0,n} in Python and plain text in RE2: write {0,n}")
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
