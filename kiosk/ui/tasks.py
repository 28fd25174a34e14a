# SPDX-License-Identifier: EUPL-1.2
"""Runs blocking work off the UI thread and hands the result back on it.

Work runs on a plain thread pool (no QObject is created or destroyed there); the
outcome travels back through a signal of a QObject that lives on the UI thread, which
Qt delivers as a queued call. This keeps network, disk-heavy work and the printer away
from the thread that draws the screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    _finished = Signal(object, object, object)  # callback, result, error

    def __init__(self, parent: QObject | None = None, *, workers: int = 1) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-task")
        self._closed = False
        self._finished.connect(self._deliver)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> Future[Any] | None:
        """None when the runner is shut down (the kiosk is closing: news that still
        arrives from the workers is not acted on)."""
        if self._closed:
            log.debug("closing: work not started")
            return None

        def done(future: Future[Any]) -> None:
            error = future.exception()
            if error is None:
                self._finished.emit(on_done, future.result(), None)
            else:
                self._finished.emit(on_error, None, error)

        future = self._pool.submit(work)
        future.add_done_callback(done)
        return future

    def _deliver(self, callback: Callable[[Any], None], result: Any, error: Any) -> None:
        callback(error if error is not None else result)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
