# SPDX-License-Identifier: EUPL-1.2
"""A slip in words: what a receipt or voucher says, for reading it aloud (EN 301 549
5.1.3.16: every amount, code and date the printed slip gives, in the same order)."""

from __future__ import annotations

from printing.slip import Pair, Qr, Rule, Slip, Text


def slip_words(slip: Slip) -> str:
    """The slip's title and lines as sentences; a QR code is read by its caption (the
    code printed under it), never as its raw payload."""
    sentences = [slip.title]
    for element in slip.elements:
        if isinstance(element, Text):
            sentences.append(element.text)
        elif isinstance(element, Pair):
            sentences.append(f"{element.label}: {element.value}")
        elif isinstance(element, Qr) and element.caption:
            sentences.append(element.caption)
        elif isinstance(element, Rule):
            continue
    return ". ".join(s.strip() for s in sentences if s.strip())
