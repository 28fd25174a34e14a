# SPDX-License-Identifier: EUPL-1.2
"""Python's cycle collector and the program's long-lived objects.

A full collection walks every object alive, holding Python's lock: with the screens,
the libraries and a platform's worth of records loaded, 40-50 ms (measured), on
whichever thread happens to allocate, the screen's included. Frozen objects are not
walked. Both uses go through here, so that one never thaws what the other froze.

During a pull the automatic collector is also paused: a first pull of 10,000 services
makes hundreds of thousands of short-lived, acyclic objects (freed by their reference
counts), and the collections they set off took about 150 ms of its 1.3 s (measured).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_settled = False  # the program froze its long-lived objects for good
_busy = 0  # blocks running under ``frozen_meanwhile``
_automatic = True  # the program wants automatic collection (the kiosk's screen does not)


def settle() -> None:
    """Collects, then freezes everything alive for good: for a program whose start-up
    objects live as long as it does (the kiosk, once its catalog is ready)."""
    global _settled
    with _lock:
        gc.collect()
        gc.freeze()
        _settled = True


def automatic_collection_off() -> None:
    """For a program that collects on its own schedule (the kiosk's screen collects on
    its UI thread): automatic collection stays off, also after a pull."""
    global _automatic
    with _lock:
        _automatic = False
        gc.disable()


@contextmanager
def frozen_meanwhile() -> Iterator[None]:
    """Pauses automatic collection while the block runs and leaves the objects older
    than it out of any collection run meanwhile (a pull makes and drops hundreds of
    thousands of its own); after it, hands them back, unless the program has settled
    them for good, and lets automatic collection run again if the program wants it."""
    global _busy
    with _lock:
        _busy += 1
        if _busy == 1:
            gc.disable()
            if not _settled:
                gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _busy -= 1
            if _busy == 0:
                if not _settled:
                    gc.unfreeze()
                if _automatic:
                    gc.enable()
