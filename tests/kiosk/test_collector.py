# SPDX-License-Identifier: EUPL-1.2
"""Cycles holding Qt objects are collected on the UI thread, never on a worker's."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject


class Cycle:
    """Garbage only the cycle collector frees, owning a Qt object as screens do."""

    def __init__(self) -> None:
        self.me = self
        self.qt_object = QObject()


def test_cycles_are_collected_on_the_ui_thread_not_where_memory_is_allocated(
    qtbot,
    window,  # type: ignore[no-untyped-def]
) -> None:
    assert window.collector is not None and not gc.isenabled()
    collected_on: list[str] = []
    cycle = Cycle()
    weakref.finalize(cycle, lambda: collected_on.append(threading.current_thread().name))
    del cycle

    kept: list[list[list[int]]] = []

    def allocate_as_a_pull_does() -> None:
        # Enough new containers, kept alive, that the automatic collector would have
        # run here; they are still counted when the UI thread looks.
        kept.append([[] for _ in range(50 * gc.get_threshold()[0])])

    worker = threading.Thread(target=allocate_as_a_pull_does, name="sync-worker")
    worker.start()
    worker.join()
    assert collected_on == []  # nothing collected on the worker's thread
    qtbot.waitUntil(lambda: collected_on != [], timeout=3000)
    assert collected_on == [threading.main_thread().name]
