# SPDX-License-Identifier: EUPL-1.2
"""Carries the sync worker's news from its thread to the UI thread as Qt signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the sync package loads with the store, off the UI thread
    from sync.worker import SyncStatus


class SyncBridge(QObject):
    """Emitted from the worker thread; Qt queues the calls to receivers on the UI thread."""

    status_changed = Signal(object)
    mirror_changed = Signal()

    def on_status(self, status: SyncStatus) -> None:
        self.status_changed.emit(status)

    def on_mirror_changed(self) -> None:
        self.mirror_changed.emit()
