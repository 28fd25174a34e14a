# SPDX-License-Identifier: EUPL-1.2
"""scrypt remembered within a test process: the same bytes, computed once.

Wallet PINs, operator PINs and desk passwords are scrypt hashes of 64 MiB, about a
quarter of a second each, and the suite computes the same few (the demo citizens', the
demo operators') thousands of times: 5 of the 37 seconds of the poison-record tests.
scrypt is a pure function of its arguments, so a result kept is the result computed;
code under test still calls it (a test may count the calls), and kiosks and platforms
started as processes of their own compute every hash themselves.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any

_computed = hashlib.scrypt


@functools.lru_cache(maxsize=1024)
def _remembered(
    password: bytes, salt: bytes, n: int, r: int, p: int, maxmem: int, dklen: int
) -> bytes:
    return _computed(password, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)


def scrypt(
    password: Any, *, salt: Any, n: int, r: int, p: int, maxmem: int = 0, dklen: int = 64
) -> bytes:
    return _remembered(bytes(password), bytes(salt), n, r, p, maxmem, dklen)


def install() -> None:
    hashlib.scrypt = scrypt
