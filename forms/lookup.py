# SPDX-License-Identifier: EUPL-1.2
"""Where an application's status is published: under a key made from its tracking code
and the applicant's codice fiscale, never under either in plain.

The platform publishes every application's status to all kiosks (the "statuses"
stream). The record id is an HMAC-SHA256, keyed by a secret the platform gives only
to enrolled kiosks, of the tracking code and the codice fiscale. A kiosk asked by a
citizen who holds both recomputes the key and finds the record; the mirror on its own
reveals neither who applied nor for what.
"""

from __future__ import annotations

import hashlib
import hmac
import re

TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: read aloud safely
# What a receipt prints a tracking code with ("DOM-8QR2-XE45"): the keys to type it.
TRACKING_CHARACTERS = "".join(sorted(set("DOM-" + TRACKING_ALPHABET)))
_TRACKING = re.compile(f"DOM([{TRACKING_ALPHABET}]{{4}})([{TRACKING_ALPHABET}]{{4}})")


def tracking_code(text: str) -> str | None:
    """ "dom 8qr2 xe45" → "DOM-8QR2-XE45"; None when it cannot be a tracking code."""
    match = _TRACKING.fullmatch(re.sub(r"[\s\-–.]", "", text.upper()))
    return f"DOM-{match[1]}-{match[2]}" if match else None


def status_key(secret: bytes, code: str, codice_fiscale: str) -> str:
    """The id of the application's status record (64 hex digits)."""
    message = f"{code}|{codice_fiscale.strip().upper()}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def holder_key(secret: bytes, codice_fiscale: str) -> str:
    """The id under which a citizen's credit and vouchers travel (64 hex digits): only
    someone who types or scans their codice fiscale at an enrolled kiosk can find them."""
    message = f"holder|{codice_fiscale.strip().upper()}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


# A waiting application's check of its applicant on the kiosk (store/outbox.py): costly
# enough that a stolen disk cannot try a list of computed codici fiscali against each
# waiting record (16 MiB of scrypt each), cheap enough for one look-up at the screen.
APPLICANT_SCRYPT_N = 2**14


def applicant_check(code: str, codice_fiscale: str) -> str:
    """32 hex digits that tell whether ``codice_fiscale`` made application ``code``."""
    salt = f"applicant|{code}".encode()
    cf = codice_fiscale.strip().upper().encode()
    return hashlib.scrypt(
        cf, salt=salt, n=APPLICANT_SCRYPT_N, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=16
    ).hex()
