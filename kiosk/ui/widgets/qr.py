# SPDX-License-Identifier: EUPL-1.2
"""A QR code drawn straight from the ``qrcode`` module matrix (no image library)."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white border the QR standard asks for


class QrCode(QWidget):
    """Paints ``payload`` as black modules on white, scaled to whole pixels per module."""

    def __init__(self, *, name: str, size_px: int = 280) -> None:
        super().__init__()
        self.setObjectName(name)
        self._size = size_px
        self._matrix: list[list[bool]] = []
        self.payload = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_payload(self, payload: str) -> None:
        self.payload = payload
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE)
        code.add_data(payload)
        code.make(fit=True)
        self._matrix = code.get_matrix()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._size, self._size)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self._matrix:
            return
        count = len(self._matrix)
        module = max(1, min(self.width(), self.height()) // count)
        offset = (min(self.width(), self.height()) - module * count) / 2
        black = QColor("black")
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        QRectF(offset + x * module, offset + y * module, module, module), black
                    )
