# SPDX-License-Identifier: EUPL-1.2
"""Fills a list a slice at a time, so a long list never holds the screen still.

A card costs 1.5–3 ms to build and lay out on a kiosk's CPU, so a refresh that drew
twenty at once (a sync bringing a category's services, a search with fifty results)
froze touches and the heartbeat for 40–90 ms. Here what must be seen at once is drawn
at once, and the rest for about ``SLICE_MS`` per turn of the event loop.

The next slice waits on a 1 ms timer rather than a zero-delay call: Qt runs the queue of
posted calls before timers and painting, so zero-delay slices ran back to back and two
or three of them fell between two paints (measured: gaps of 30–45 ms instead of ~25).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer

Item = TypeVar("Item")

SLICE_MS = 4.0
BETWEEN_SLICES_MS = 1


class SlicedFill(QObject, Generic[Item]):
    """Calls ``add`` for each item, a slice per event-loop turn, then ``done``.

    Starting again drops what the previous fill had not drawn yet.
    """

    def __init__(
        self,
        parent: QObject,
        add: Callable[[Item], None],
        done: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._add = add
        self._done = done
        self._waiting: list[Item] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BETWEEN_SLICES_MS)
        self._timer.timeout.connect(self._next_slice)

    def start(self, items: Iterable[Item], *, at_once: int = 0) -> None:
        """Draws ``at_once`` items now (what the screen shows when it opens), then at
        least one per slice."""
        self._timer.stop()
        self._waiting = list(items)
        self._draw(at_least=at_once)

    def cancel(self) -> None:
        self._timer.stop()
        self._waiting = []

    @property
    def busy(self) -> bool:
        return bool(self._waiting)

    def _next_slice(self) -> None:
        self._draw(at_least=1)

    def _draw(self, at_least: int) -> None:
        deadline = time.perf_counter() + SLICE_MS / 1000
        drawn = 0
        while self._waiting and (drawn < at_least or time.perf_counter() < deadline):
            self._add(self._waiting.pop(0))
            drawn += 1
        if self._waiting:
            self._timer.start()
        elif self._done is not None:
            self._done()
