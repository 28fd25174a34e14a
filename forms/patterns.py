# SPDX-License-Identifier: EUPL-1.2
"""The patterns a form's definition brings (a field's ``pattern``, an expression's
``regex(text, pattern)``), matched in time linear in the text.

They come from the platform, and the citizen's text is matched against them on the
kiosk's UI thread and in the platform's submission batches. Python's ``re`` backtracks:
a pattern such as ``(a+)+b`` took 0.27 s on 22 letters, doubling with each one more (a
text of 40 letters, days). RE2 (google-re2) never backtracks; the patterns it does not
take (back-references, look-arounds) make the definition unacceptable, as one that does
not compile does. ``\\d`` and ``\\w`` mean ASCII digits and letters, as a form means them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import re2  # type: ignore[import-untyped]

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a refused pattern is the caller's error, not a log line
_OPTIONS.max_mem = 8 << 20  # bytes for one compiled pattern: ample for a form's 100 chars


class PatternError(ValueError):
    """The pattern is not one this kiosk matches (bad syntax, or not RE2's)."""


@lru_cache(maxsize=512)
def compiled(pattern: str) -> Any:
    """``pattern`` compiled once; PatternError when RE2 refuses it."""
    try:
        return re2.compile(pattern, _OPTIONS)
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
