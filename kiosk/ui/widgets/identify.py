"""Asking who the citizen is: the codice fiscale, typed on the kiosk's keyboard or read
from the Tessera Sanitaria by the scanner, checked here with a message beside the field.
The code stays in this widget until the visit ends; it is never stored."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from forms.validators import AnswerError, codice_fiscale
from forms.validators import message as validator_message
from kiosk.ui.widgets.common import button, label, upper_case_as_typed
from kiosk.ui.widgets.keyboard import OnScreenKeyboard


class IdentifyBox(QWidget):
    identified = Signal(str)  # the normalised codice fiscale

    def __init__(self, name: str, lang: callable) -> None:  # type: ignore[valid-type]
        super().__init__()
        self._lang = lang
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        self.field_label = label(role="fieldLabel")
        self.field = QLineEdit()
        self.field.setObjectName(f"input_{name}")
        self.field.setMaxLength(20)
        upper_case_as_typed(self.field)
        self.field.installEventFilter(self)
        self.error = label(role="fieldError", name=f"error_{name}")
        self.error.hide()
        row = QHBoxLayout()
        self.next_button = button(name=f"{name}_next")
        self.next_button.setMinimumWidth(300)
        self.next_button.clicked.connect(self.confirm)
        row.addWidget(self.next_button)
        row.addStretch(1)
        self.keyboard = OnScreenKeyboard(for_forms=True)
        self.keyboard.closed.connect(self.keyboard.hide)
        self.keyboard.hide()
        for widget in (self.field_label, self.field, self.error):
            column.addWidget(widget)
        column.addLayout(row)
        column.addWidget(self.keyboard)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() in (
            QEvent.Type.MouseButtonPress, QEvent.Type.FocusIn,
        ):  # fmt: skip
            self.keyboard.bind(self.field)
            self.keyboard.show()
        return False

    def take_scanned(self, text: str) -> None:
        self.field.setText(text)
        self.confirm()

    def confirm(self) -> None:
        try:
            cf = codice_fiscale(self.field.text())
        except AnswerError as error:
            self.error.setText("⚠  " + validator_message(error.code, self._lang()))
            self.error.show()
            return
        self.error.hide()
        self.keyboard.hide()
        self.identified.emit(cf)

    def clear(self) -> None:
        self.field.clear()
        self.error.hide()
        self.keyboard.hide()

    def retranslate(self) -> None:
        self.keyboard.retranslate()
        self.field_label.setText(self.tr("Your codice fiscale (or pass your health card)"))
        self.next_button.setText(self.tr("Next ›"))
