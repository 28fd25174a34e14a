# SPDX-License-Identifier: EUPL-1.2
"""Carries the print worker's news from its thread to the UI thread as a Qt signal.

Apart from the print controller so that the kiosk can make it before the store opens
without loading the printing code (and SQLAlchemy with it) on the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from printing.print_worker import PrintUpdate


class PrintBridge(QObject):
    """Emitted from the printer thread; Qt queues the calls to receivers on the UI thread."""

    updated = Signal(object)

    def on_update(self, update: PrintUpdate) -> None:
        self.updated.emit(update)
