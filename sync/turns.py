# SPDX-License-Identifier: EUPL-1.2
"""Python's lock changes hands every millisecond while a pull runs, not every five.

A pull has two threads (sync/engine.py): one fetches and validates the next page, the
other writes this one. SQLite writes without Python's lock, but each statement that
returns must take the lock back from the validating thread, which lets go of it only
when asked and after the switch interval (5 ms by default). A page takes about a dozen
statements, so the writer could wait up to 60 ms per page for its turns. At 1 ms a first
pull of 10,000 services took a tenth less time than at 5 ms (median of 9 pulls of the
same pages, taken in turn: 966 against 1,079 ms); at 0.5 ms it gained no more.

The interval is the process's: it is set while the first of any overlapping pulls
runs, and the one found before it is put back when the last ends.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SWITCH_INTERVAL_S = 0.001

_lock = threading.Lock()
_busy = 0  # pulls running under ``quick_turns``
_before = 0.0  # the interval found when the first of them began


@contextmanager
def quick_turns() -> Iterator[None]:
    global _busy, _before
    with _lock:
        _busy += 1
        if _busy == 1:
            _before = sys.getswitchinterval()
            sys.setswitchinterval(min(_before, SWITCH_INTERVAL_S))
    try:
        yield
    finally:
        with _lock:
            _busy -= 1
            if _busy == 0:
                sys.setswitchinterval(_before)
