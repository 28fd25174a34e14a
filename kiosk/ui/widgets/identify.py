# SPDX-License-Identifier: EUPL-1.2
"""Asking who the citizen is: the codice fiscale, typed on the kiosk's keyboard or read
from the Tessera Sanitaria by the scanner, checked here with a message beside the field.
The code stays in this widget until the visit ends; it is never stored."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from forms.validators import AnswerError, codice_fiscale, phone
from forms.validators import message as validator_message
from kiosk.ui.widgets.common import button, label, upper_case_as_typed
from kiosk.ui.widgets.keyboard import OnScreenKeyboard


class IdentifyBox(QWidget):
    """The fields, their messages and the Next button; its keyboard (``keyboard``) is
    placed by the screen, in its dock, and hides with the box."""

    identified = Signal(str)  # the normalised codice fiscale
    keyboard_shown = Signal(bool)  # the screen makes room for the box above the keyboard

    def __init__(self, name: str, lang: Callable[[], str], *, ask_phone: bool = False) -> None:
        super().__init__()
        self._lang = lang
        self.phone: str | None = None  # optional, to be called back if an order is refused
        self.typing = False  # the keyboard is open for the box
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        self.field_label = label(role="fieldLabel")
        self.field = QLineEdit()
        self.field.setObjectName(f"input_{name}")
        self.field.setMaxLength(20)
        upper_case_as_typed(self.field)
        self.field.installEventFilter(self)
        self.field_label.setBuddy(self.field)  # the field's accessible name
        # The format under the box, in words (not only as a placeholder that goes away).
        self.field_hint = label(role="muted", name=f"hint_{name}")
        self.error = label(role="fieldError", name=f"error_{name}")
        self.error.hide()
        self.phone_label = label(role="fieldLabel")
        self.phone_field = QLineEdit()
        self.phone_field.setObjectName(f"input_{name}_phone")
        self.phone_field.setMaxLength(20)
        self.phone_field.installEventFilter(self)
        self.phone_error = label(role="fieldError", name=f"error_{name}_phone")
        self.phone_error.hide()
        self.phone_label.setBuddy(self.phone_field)
        row = QHBoxLayout()
        self.next_button = button(name=f"{name}_next")
        self.next_button.setMinimumWidth(300)
        self.next_button.clicked.connect(self.confirm)
        row.addWidget(self.next_button)
        row.addStretch(1)
        # Without the row of accents: a codice fiscale and a phone number have none.
        self.keyboard = OnScreenKeyboard()
        self.keyboard.closed.connect(lambda: self._show_keyboard(False))
        self.keyboard.hide()
        for widget in (
            self.field_label,
            self.field,
            self.field_hint,
            self.error,
            self.phone_label,
            self.phone_field,
            self.phone_error,
        ):
            column.addWidget(widget)
        # Once in the layout: a parentless widget made visible is a window of its own.
        for widget in (self.phone_label, self.phone_field):
            widget.setVisible(ask_phone)
        column.addLayout(row)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.field, self.phone_field) and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.FocusIn,
        ):
            assert isinstance(watched, QLineEdit)
            self.keyboard.bind(watched)
            self._show_keyboard(True)
        return False

    def _show_keyboard(self, visible: bool) -> None:
        self.keyboard.setVisible(visible)
        if visible != self.typing:  # the keyboard's own Close key has hidden it already
            self.typing = visible
            self.keyboard_shown.emit(visible)

    def hideEvent(self, event: QHideEvent) -> None:
        self._show_keyboard(False)  # not a child of the box: it would stay open on its own
        super().hideEvent(event)

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
        self.phone = None
        if self.phone_field.isVisibleTo(self) and self.phone_field.text().strip():
            try:
                self.phone = phone(self.phone_field.text())
            except AnswerError as error:
                self.phone_error.setText("⚠  " + validator_message(error.code, self._lang()))
                self.phone_error.show()
                return
        self.phone_error.hide()
        self._show_keyboard(False)
        self.identified.emit(cf)

    def clear(self) -> None:
        self.field.clear()
        self.phone_field.clear()
        self.phone = None
        self.error.hide()
        self.phone_error.hide()
        self._show_keyboard(False)

    def retranslate(self) -> None:
        self.keyboard.retranslate()
        self.field_label.setText(self.tr("Your codice fiscale (or pass your health card)"))
        hint = QCoreApplication.translate("FormFields", "16 letters and digits")
        self.field_hint.setText(hint)
        self.field.setAccessibleDescription(hint)
        self.next_button.setText(self.tr("Next ›"))
        self.phone_label.setText(
            self.tr("A phone number, to call you if something goes wrong (optional)")
        )
