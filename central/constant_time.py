# SPDX-License-Identifier: EUPL-1.2
"""Secrets compared in constant time, whatever text a client sent.

``hmac.compare_digest`` raises TypeError for text with a character outside ASCII, so a
proof, token or CSRF field of "é" became a 500 (or, inside a submission, an entry
answered "retry" for ever). Both sides are compared as UTF-8 bytes instead.
"""

from __future__ import annotations

import hmac


def same_secret(expected: str, given: object) -> bool:
    """Whether ``given`` is the text ``expected``; False for anything that is not text."""
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(
        expected.encode("utf-8", "surrogatepass"), given.encode("utf-8", "surrogatepass")
    )
