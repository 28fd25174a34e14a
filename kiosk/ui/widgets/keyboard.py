"""An on-screen keyboard of our own for search and short text.

Built from plain buttons (no Qt Virtual Keyboard, which is GPLv3 or commercial): it
types into the line edit it is bound to, never takes focus, and every key is a large
touch target. Accents are not needed to search: the catalog folds them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from kiosk.ui.widgets.common import button

ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL'", "ZXCVBNM,.-")
KEY_PX = 64


class OnScreenKeyboard(QWidget):
    """Letters, digits, space, backspace and a key to close the keyboard."""

    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._target: QLineEdit | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setSpacing(6)
        for row, keys in enumerate(ROWS):
            for column, char in enumerate(keys):
                key = self._key(char, f"key_{ord(char)}")
                key.clicked.connect(lambda _=False, c=char: self._type(c))
                grid.addWidget(key, row, column)
        self.space = self._key("", "keySpace")
        self.space.clicked.connect(lambda: self._type(" "))
        grid.addWidget(self.space, 4, 2, 1, 6)
        self.backspace = self._key("⌫", "keyBackspace")
        self.backspace.clicked.connect(self._erase)
        grid.addWidget(self.backspace, 4, 8, 1, 2)
        self.hide_button = self._key("", "keyboardHide")
        self.hide_button.clicked.connect(self._close)
        grid.addWidget(self.hide_button, 4, 0, 1, 2)
        self.retranslate()

    def _key(self, text: str, name: str) -> QPushButton:
        key = button(text, name=name, role="key")
        key.setMinimumSize(KEY_PX, KEY_PX)
        key.setAutoRepeat(name == "keyBackspace")
        return key

    def retranslate(self) -> None:
        self.space.setText(self.tr("space"))
        self.space.setAccessibleName(self.tr("space"))
        self.backspace.setAccessibleName(self.tr("Delete"))
        self.hide_button.setText(self.tr("Close"))

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def bind(self, target: QLineEdit) -> None:
        self._target = target

    def _type(self, char: str) -> None:
        if self._target is not None:
            self._target.insert(char.lower() if char.isalpha() else char)

    def _erase(self) -> None:
        if self._target is not None:
            self._target.backspace()

    def _close(self) -> None:
        self.hide()
        self.closed.emit()
