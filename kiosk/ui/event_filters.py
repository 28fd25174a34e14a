# SPDX-License-Identifier: EUPL-1.2
"""Event filters that never let an exception out.

An exception raised by a Python ``eventFilter`` goes back through PySide's C++ code,
which reports it; with PySide6 6.11 on Python 3.11 that report itself can crash the
process (a segmentation fault in ``PepException_GetArgs``, seen during a language switch
while widgets were being replaced and a filter touched one already deleted). The
kiosk's filters watch every event of the application: whatever goes wrong in one is
logged, once per filter and kind of error, and the event goes on as if unfiltered.

The application's filters see an event in the reverse order of their installing. A few
must see every key before the others, whenever those came (a double-tap guard made
with each screen, spoken mode started mid-visit): the barcode scanner's reader, whose
keys are data and never a shortcut, and the idle watch. They are kept in front
(``keep_in_front``), and the others go behind them (``install_on_application``).
"""

from __future__ import annotations

import functools
import logging
import weakref
from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

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


# Kept in front of the application's other filters, the frontmost last (weak: a filter
# gone with its window is forgotten).
_in_front: list[weakref.ref[QObject]] = []


def _front_filters() -> list[QObject]:
    alive = [f for f in (ref() for ref in _in_front) if f is not None and shiboken6.isValid(f)]
    _in_front[:] = [weakref.ref(f) for f in alive]
    return alive


def install_on_application(event_filter: QObject) -> None:
    """``event_filter`` on the application, in front of those installed before it but
    behind the filters kept in front, which still see each key first."""
    app = QCoreApplication.instance()
    assert app is not None
    app.installEventFilter(event_filter)
    for front in _front_filters():
        app.installEventFilter(front)  # already installed: moved to the front


def keep_in_front(event_filter: QObject) -> None:
    """``event_filter`` on the application, in front of every other filter, now and
    after any installed later through ``install_on_application``."""
    forget_in_front(event_filter)
    _in_front.append(weakref.ref(event_filter))
    app = QCoreApplication.instance()
    assert app is not None
    for front in _front_filters():
        app.installEventFilter(front)


def forget_in_front(event_filter: QObject) -> None:
    """``event_filter`` no longer kept in front (it is being taken off)."""
    _in_front[:] = [ref for ref in _in_front if ref() is not None and ref() is not event_filter]
