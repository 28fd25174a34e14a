# SPDX-License-Identifier: EUPL-1.2
"""Text as JSON carries it: a "\\ud800" escape gives half a character (a lone
surrogate), which Python's JSON reader takes and no database, encoder or screen does."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate_in(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (ASCII text, the usual, is not searched)."""
    return not text.isascii() and _SURROGATE.search(text) is not None
