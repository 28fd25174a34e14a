# SPDX-License-Identifier: EUPL-1.2
"""An on-screen keyboard of our own for search and for filling in forms.

Built from plain buttons (no Qt Virtual Keyboard, which is GPLv3 or commercial): it
types into the text field it is bound to, never takes focus, and every key is a large
touch target. Accents are not needed to search (the catalog folds them); forms get a
row with accented letters and the signs an e-mail address needs, and a shift key that
also comes on by itself at the start of a name.
"""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from kiosk.ui.widgets.common import button

ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL'", "ZXCVBNM,.-")
FORM_ROW = "ÀÈÉÌÒÙ@_/+"
KEY_PX = 64

TextTarget = QLineEdit | QPlainTextEdit


class OnScreenKeyboard(QWidget):
    """Letters, digits, space, backspace and a key to close the keyboard."""

    closed = Signal()

    def __init__(self, *, for_forms: bool = False) -> None:
        super().__init__()
        self.setObjectName("keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._target: TextTarget | None = None
        self._capitalise = False
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setSpacing(6)
        rows = (*ROWS, FORM_ROW) if for_forms else ROWS
        for row, keys in enumerate(rows):
            for column, char in enumerate(keys):
                key = self._key(char, f"key_{ord(char)}")
                key.clicked.connect(lambda _=False, c=char: self._type(c))
                grid.addWidget(key, row, column)
        last = len(rows)
        self.shift = self._key("⇧", "keyShift")
        self.shift.setCheckable(True)
        self.shift.setVisible(for_forms)
        self.space = self._key("", "keySpace")
        self.space.clicked.connect(lambda: self._type(" "))
        self.backspace = self._key("⌫", "keyBackspace")
        self.backspace.clicked.connect(self._erase)
        self.hide_button = self._key("", "keyboardHide")
        self.hide_button.clicked.connect(self._close)
        grid.addWidget(self.hide_button, last, 0, 1, 2)
        if for_forms:
            grid.addWidget(self.shift, last, 2, 1, 1)
            grid.addWidget(self.space, last, 3, 1, 5)
        else:
            grid.addWidget(self.space, last, 2, 1, 6)
        grid.addWidget(self.backspace, last, 8, 1, 2)
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
        self.shift.setAccessibleName(self.tr("Capital letters"))
        self.hide_button.setText(self.tr("Close"))

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def bind(self, target: TextTarget, *, capitalise: bool = False) -> None:
        """Types into ``target``; with ``capitalise`` each word starts with a capital."""
        self.unbind()
        self._target = target
        self._capitalise = capitalise
        # A field deleted under the keyboard (its page was replaced) takes the keyboard
        # with it: keys must never reach a deleted field.
        target.destroyed.connect(self._target_gone)
        self._auto_shift()

    def unbind(self) -> None:
        """Types nowhere until bound again."""
        if self._target is not None:
            with suppress(RuntimeError, TypeError):  # already gone, or never connected
                self._target.destroyed.disconnect(self._target_gone)
        self._target = None

    def _target_gone(self) -> None:
        self._target = None
        if self.isVisible():
            self._close()

    def _text(self) -> str:
        if isinstance(self._target, QLineEdit):
            return self._target.text()[: self._target.cursorPosition()]
        if isinstance(self._target, QPlainTextEdit):
            cursor = self._target.textCursor()
            return self._target.toPlainText()[: cursor.position()]
        return ""

    def _auto_shift(self) -> None:
        before = self._text()
        self.shift.setChecked(self._capitalise and (not before or before[-1] in " '-\n"))

    def _type(self, char: str) -> None:
        if self._target is None:
            return
        if char.isalpha():
            char = char.upper() if self.shift.isChecked() else char.lower()
        if isinstance(self._target, QLineEdit):
            self._target.insert(char)
        else:
            self._target.insertPlainText(char)
        self._auto_shift()

    def _erase(self) -> None:
        if isinstance(self._target, QLineEdit):
            self._target.backspace()
        elif isinstance(self._target, QPlainTextEdit):
            self._target.textCursor().deletePreviousChar()
        self._auto_shift()

    def _close(self) -> None:
        self.hide()
        self.closed.emit()
