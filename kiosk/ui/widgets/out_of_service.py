# SPDX-License-Identifier: EUPL-1.2
"""What the screen says while the kiosk cannot work at all: its local store could not be
opened (a damaged or full disk, a file that is not the store), or its printing and sync
could not be started.

Closing the window instead left systemd starting the kiosk again every few seconds: the
home screen came and went under a citizen's finger. The notice stays, calm, in the
kiosk's language, until the kiosk works (``KioskApplication`` tries again every minute).
Its last line is for the staff: SQLite's own words, masked as the log is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QVBoxLayout, QWidget

from kiosk.ui.widgets.common import label
from kiosk.ui.widgets.overlay import Layer


class OutOfService(Layer):
    """Covers the whole window, opaque (nothing behind it works); it has no button, as
    there is nothing to tap."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, min_width=720, max_width=1100)
        self.setObjectName("outOfService")
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(56, 48, 56, 48)
        inner.setSpacing(24)
        self.title = label(role="title", name="outOfServiceTitle")
        self.body = label(name="outOfServiceBody")
        self.detail = label(role="muted", name="outOfServiceDetail")
        for text in (self.title, self.body, self.detail):
            inner.addWidget(text)
        self.reason = ""

    def safe_answer(self) -> QAbstractButton | None:
        return None  # nothing to answer: the back key does nothing

    def show_reason(self, reason: str) -> None:
        """Shown over everything, with what went wrong in the staff's line."""
        self.reason = reason
        self.retranslate()
        self.cover()

    def retranslate(self) -> None:
        self.title.setText(self.tr("This kiosk is out of service for a moment"))
        self.body.setText(
            self.tr("Please ask the welfare manager at the desk for help, or come back later.")
        )
        self.detail.setText(
            self.tr(
                "For the staff: the kiosk cannot start ({reason}). It tries again every"
                " minute; social-point doctor says more."
            ).format(reason=f"\u2068{self.reason}\u2069")  # isolated: its own direction
        )
