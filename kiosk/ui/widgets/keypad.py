# SPDX-License-Identifier: EUPL-1.2
"""A large numeric keypad of our own, for operator codes and PINs.

Plain buttons (no Qt Virtual Keyboard): 0–9, erase, and a confirm key, each a big touch
target; the keypad never takes focus, it only says which key was pressed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.ui.widgets.common import button

MAX_DIGITS = 8  # an operator code or a PIN typed on it (kiosk/core/manager_login.py)


class NumericKeypad(QWidget):
    digit = Signal(str)
    erase = Signal()
    confirm = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("keypad")
        # 1 2 3 from the left, as on every phone and PIN pad, in Arabic too: mirrored,
        # a code typed by habit pressed the wrong keys.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for index, char in enumerate("123456789"):
            self._add(grid, char, index // 3, index % 3)
        self.erase_key = self._add(grid, "⌫", 3, 0)
        self._add(grid, "0", 3, 1)
        self.confirm_key = self._add(grid, "OK", 3, 2)
        self.confirm_key.setProperty("role", None)  # the primary colour: the way on
        self.retranslate()

    def retranslate(self) -> None:
        # "⌫" is a sign a voice does not say, and "OK" is no word in every language.
        self.erase_key.setAccessibleName(self.tr("Delete"))
        self.confirm_key.setAccessibleName(self.tr("OK, confirm"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _add(self, grid: QGridLayout, char: str, row: int, column: int) -> QPushButton:
        key = button(char, name=f"keypad_{char}", role="key")
        if char.isdigit():
            key.clicked.connect(lambda _=False, c=char: self.digit.emit(c))
        elif char == "⌫":
            key.setObjectName("keypadErase")
            key.clicked.connect(self.erase)
        else:
            key.setObjectName("keypadOk")
            key.clicked.connect(self.confirm)
        self.keys[char] = key
        grid.addWidget(key, row, column)
        return key
