"""Python's cycle collector runs on the UI thread only.

A collection frees the objects of the cycles it finds on the thread that runs it, and
with them the Qt objects they own; a Qt object must not die on another thread. Left
automatic, a collection starts on whichever thread happens to allocate: the sync
worker's, the embedded platform's (the test suite crashed so, about one run in ten:
"Garbage-collecting" on a platform thread). Automatic collection is switched off, and
a timer on the UI thread collects each generation once its count passes the threshold
the automatic collector would have used. The start-up objects are frozen
(``sync.heap.settle``), so even a full collection walks only what came after.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 250


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> None:
        """Collects the generations the automatic collector would have collected."""
        threshold = gc.get_threshold()
        count = gc.get_count()
        if count[0] <= threshold[0]:
            return
        generation = 0
        if count[1] > threshold[1]:
            generation = 2 if count[2] > threshold[2] else 1
        gc.collect(generation)
