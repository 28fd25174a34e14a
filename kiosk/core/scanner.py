# SPDX-License-Identifier: EUPL-1.2
"""Telling a barcode scanner from a person typing (Qt-free).

A USB barcode scanner in keyboard-wedge mode "types" what it reads, much faster than a
person, and ends with Enter. The Tessera Sanitaria carries the codice fiscale as a
Code 39 barcode, so a burst of 16 characters ending in Enter is a card being read. The
UI feeds every key press here, with its time; a burst found is handed to the form field
that wants it, wherever the focus happened to be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from forms.validators import compact

MAX_GAP_S = 0.05  # scanners send a character every few ms; people need 100 ms or more
MIN_LENGTH = 8


@dataclass
class BurstDetector:
    max_gap_s: float = MAX_GAP_S
    min_length: int = MIN_LENGTH
    _chars: list[str] = field(default_factory=list)
    _last: float = float("-inf")

    def starts_burst(self, at: float) -> bool:
        """Whether a character typed at ``at`` would be the first of a new burst."""
        return not self._chars or at - self._last > self.max_gap_s

    def feed(self, char: str, at: float) -> str | None:
        """One typed character ("\\r" or "\\n" for Enter) at ``at`` seconds; returns the
        scanned text when this key ends a burst, None otherwise."""
        if self.starts_burst(at):
            self._chars = []
        self._last = at
        if char in ("\r", "\n"):
            burst, self._chars = "".join(self._chars), []
            return burst if len(burst) >= self.min_length else None
        if len(char) == 1 and char.isprintable():
            self._chars.append(char)
        return None


def cleaned_scan(burst: str) -> str:
    """A scan as the form reads a typed code: Code 39 wraps it in "*" start/stop marks,
    which the reader may send too (the form's own cleaning, so both agree)."""
    return compact(burst)


def looks_like_codice_fiscale(text: str) -> bool:
    """Whether a scan can be a codice fiscale (the check digit is the form's to check);
    another barcode held to the reader must not overwrite what is in the field."""
    return re.fullmatch(r"[A-Z0-9]{16}", cleaned_scan(text)) is not None
