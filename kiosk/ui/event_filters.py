# SPDX-License-Identifier: EUPL-1.2
"""Event filters that never let an exception out.

An exception raised by a Python ``eventFilter`` goes back through PySide's C++ code,
which reports it; with PySide6 6.11 on Python 3.11 that report itself can crash the
process (a segmentation fault in ``PepException_GetArgs``, seen during a language switch
while widgets were being replaced and a filter touched one already deleted). The
kiosk's filters watch every event of the application: whatever goes wrong in one is
logged, once per filter and kind of error, and the event goes on as if unfiltered.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TypeVar

log = logging.getLogger(__name__)

_Filter = TypeVar("_Filter", bound=Callable[..., bool])
_told: set[tuple[str, str]] = set()


def never_raises(event_filter: _Filter) -> _Filter:
    """Wraps an ``eventFilter`` method: an exception is logged and the event passes."""

    @functools.wraps(event_filter)
    def guarded(*args: object) -> bool:
        try:
            return event_filter(*args)
        except Exception as error:  # any: a Python error must not reach PySide's C++
            key = (event_filter.__qualname__, type(error).__name__)
            if key not in _told:
                _told.add(key)
                log.warning("event filter %s failed: %s: %s", *key, error, exc_info=True)
            return False

    return guarded  # type: ignore[return-value]


_Slot = TypeVar("_Slot", bound=Callable[..., None])


def quiet_slot(slot: _Slot) -> _Slot:
    """``never_raises`` for a slot Qt calls on an application-wide signal (the focus
    moving): an exception is logged, never handed back to PySide's C++."""

    @functools.wraps(slot)
    def guarded(*args: object) -> None:
        try:
            slot(*args)
        except Exception as error:  # any: a Python error must not reach PySide's C++
            key = (slot.__qualname__, type(error).__name__)
            if key not in _told:
                _told.add(key)
                log.warning("slot %s failed: %s: %s", *key, error, exc_info=True)

    return guarded  # type: ignore[return-value]
