# SPDX-License-Identifier: EUPL-1.2
"""Python's cycle collector runs on the UI thread only.

A collection frees the objects of the cycles it finds on the thread that runs it, and
with them the Qt objects they own; a Qt object must not die on another thread. Left
automatic, a collection starts on whichever thread happens to allocate: the sync
worker's, the embedded platform's (the test suite crashed so, about one run in ten:
"Garbage-collecting" on a platform thread). Automatic collection is switched off, and
a timer on the UI thread collects the young generations once their counts pass the
automatic collector's thresholds. A full collection, which walks every object not
frozen (the start-up objects are: ``sync.heap.settle``), comes at most once a minute:
the automatic collector also waits for the old generation to grow by a quarter, which
a program cannot read, and a full collection every few seconds during a sync stalled
the screen up to 68 ms (measured).
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

from sync import heap

CHECK_MS = 250
FULL_EVERY_S = 60.0


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._last_full = time.monotonic()
        heap.automatic_collection_off()  # and a pull does not switch it back on
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> None:
        """Collects the generations whose counts passed their thresholds."""
        threshold = gc.get_threshold()
        count = gc.get_count()
        if count[0] <= threshold[0]:
            return
        if count[1] <= threshold[1]:
            gc.collect(0)
        elif count[2] <= threshold[2] or time.monotonic() - self._last_full < FULL_EVERY_S:
            gc.collect(1)
        else:
            gc.collect(2)
            self._last_full = time.monotonic()
