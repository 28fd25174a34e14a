# SPDX-License-Identifier: EUPL-1.2
"""Python's cycle collector and the program's long-lived objects.

A full collection walks every object alive, holding Python's lock: with the screens,
the libraries and a platform's worth of records loaded, 40-50 ms (measured), on
whichever thread happens to allocate, the screen's included. Frozen objects are not
walked. Both uses go through here, so that one never thaws what the other froze.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_settled = False  # the program froze its long-lived objects for good
_busy = 0  # blocks running under ``frozen_meanwhile``


def settle() -> None:
    """Collects, then freezes everything alive for good: for a program whose start-up
    objects live as long as it does (the kiosk, once its catalog is ready)."""
    global _settled
    with _lock:
        gc.collect()
        gc.freeze()
        _settled = True


@contextmanager
def frozen_meanwhile() -> Iterator[None]:
    """Leaves the objects older than the block out of collections while it runs (a pull
    makes and drops hundreds of thousands of its own), and hands them back after it,
    unless the program has settled them for good."""
    global _busy
    with _lock:
        _busy += 1
        if _busy == 1 and not _settled:
            gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _busy -= 1
            if _busy == 0 and not _settled:
                gc.unfreeze()
