# SPDX-License-Identifier: EUPL-1.2
"""What an offline search of a whole PIN space costs: one scrypt hash with the
parameters the kiosk uses (operator PINs, kiosk/core/manager_login.py), timed on one core,
times the number of PINs of the shortest length allowed.

Prints the seconds per guess and the days one core needs for every 6-digit PIN. The
floor the project holds: at least one day.
"""

from __future__ import annotations

import hashlib
import time

from kiosk.core.manager_login import MAX_MEMORY, hash_pin

PIN_SPACE = 10**6  # every 6-digit PIN
FLOOR_DAYS = 1.0


def seconds_per_guess(rounds: int = 5) -> float:
    stored = hash_pin("000000")
    _scheme, log2_n, r, p, *_ = stored.split("$")
    best = float("inf")
    for _ in range(rounds):  # the fastest round: the least disturbed by other work
        started = time.perf_counter()
        hashlib.scrypt(
            b"123456",
            salt=b"0123456789abcdef",
            n=2 ** int(log2_n),
            r=int(r),
            p=int(p),
            maxmem=MAX_MEMORY,
            dklen=64,
        )
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    guess = seconds_per_guess()
    days = guess * PIN_SPACE / 86_400
    print(
        f"operator PIN hash: {guess * 1000:.0f} ms a guess on one core; every 6-digit PIN: "
        f"{days:.1f} days (floor {FLOOR_DAYS:.0f})"
    )
    if days < FLOOR_DAYS:
        raise SystemExit("the PIN hash is too cheap: raise its cost (kiosk/core/manager_login.py)")
