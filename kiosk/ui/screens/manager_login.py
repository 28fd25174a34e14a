# SPDX-License-Identifier: EUPL-1.2
"""The manager login: operator code and PIN on the kiosk's own numeric keypad.

Reached by a long press on the Social Point's name (README, "Manager mode"). The PIN
shows as dots; a wrong login says how many tries are left, a locked code until when.
The check itself runs off the UI thread (ManagerController): it is a slow hash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout

from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.keypad import MAX_DIGITS, NumericKeypad

if TYPE_CHECKING:
    from kiosk.core.manager_login import LoginOutcome
    from store.catalog import CatalogReader


class ManagerLoginScreen(DataScreen):
    route = "manager_login"
    login_requested = Signal(str, str)  # operator code, PIN

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.code = ""
        self.pin = ""
        self.outcome: LoginOutcome | None = None
        self.waiting = False
        row = QHBoxLayout()
        row.setSpacing(64)
        column = QVBoxLayout()
        column.setSpacing(16)
        self.title = label(role="title", name="managerLoginTitle")
        self.explanation = label(name="managerLoginText")
        self.code_label = label(role="fieldLabel", name="operatorCodeLabel")
        self.code_field = button(name="operatorCode", role="entry")
        self.pin_label = label(role="fieldLabel", name="pinLabel")
        self.pin_field = button(name="pinField", role="entry")
        self.fields = QButtonGroup(self)
        for field in (self.code_field, self.pin_field):
            field.setCheckable(True)
            field.setProperty("personal", True)
            self.fields.addButton(field)
        self.code_field.setChecked(True)
        self.message = label(role="fieldError", name="loginMessage")
        self.enter_button = button(name="loginButton")
        self.enter_button.clicked.connect(self._submit)
        for widget in (
            self.title,
            self.explanation,
            self.code_label,
            self.code_field,
            self.pin_label,
            self.pin_field,
            self.message,
            self.enter_button,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        row.addLayout(column, 1)
        self.keypad = NumericKeypad()
        self.keypad.digit.connect(self._type)
        self.keypad.erase.connect(self._erase)
        self.keypad.confirm.connect(self._confirm)
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(row, 1)
        self.retranslate()

    @property
    def editing(self) -> QPushButton:
        return self.pin_field if self.pin_field.isChecked() else self.code_field

    def enter(self, **params: Any) -> None:
        self.forget()

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass while the manager types: their code and PIN stay (the operators
        # are read when the login is checked, not here).
        self.retranslate()

    def forget(self) -> None:
        self.code = self.pin = ""
        self.outcome, self.waiting = None, False
        self.code_field.setChecked(True)
        self.retranslate()
        super().forget()

    def _type(self, digit: str) -> None:
        if self.editing is self.code_field and len(self.code) < MAX_DIGITS:
            self.code += digit
        elif self.editing is self.pin_field and len(self.pin) < MAX_DIGITS:
            self.pin += digit
        self.outcome = None
        self.retranslate()

    def _erase(self) -> None:
        if self.editing is self.code_field:
            self.code = self.code[:-1]
        else:
            self.pin = self.pin[:-1]
        self.retranslate()

    def _confirm(self) -> None:
        if self.editing is self.code_field and self.code:
            self.pin_field.setChecked(True)
        else:
            self._submit()

    def _submit(self) -> None:
        if self.waiting or not self.code or not self.pin:
            self.message.setText(self.tr("Type your operator code and your PIN."))
            return
        self.waiting = True
        self.retranslate()
        self.login_requested.emit(self.code, self.pin)

    def show_outcome(self, outcome: LoginOutcome) -> None:
        """The check's answer (a success takes the window to the dashboard)."""
        self.waiting, self.outcome, self.pin = False, outcome, ""
        self.pin_field.setChecked(True)
        self.retranslate()

    def _outcome_text(self) -> str:
        outcome = self.outcome
        if outcome is None or outcome.problem is None:
            return ""
        if outcome.problem == "locked" and outcome.locked_until is not None:
            from kiosk.ui.texts import local_clock_time

            until = local_clock_time(outcome.locked_until, self.ctx.time_zone)
            return self.tr("Too many wrong PINs: this code is locked until {time}.").format(
                time=until
            )
        if outcome.problem == "not_here":
            return self.tr("This operator is not enabled at this Social Point.")
        return self.tr("Operator code or PIN not right. Tries left: {n}.").format(
            n=outcome.attempts_left
        )

    def retranslate(self) -> None:
        self.title.setText(self.tr("Operator access"))
        self.explanation.setText(
            self.tr("For welfare managers only. Type your operator code and your PIN.")
        )
        self.code_label.setText(self.tr("Operator code"))
        self.pin_label.setText(self.tr("PIN"))
        self.code_field.setText(self.code or "—")
        self.pin_field.setText("●" * len(self.pin) or "—")
        # Named by their labels (not "—"); the code is spoken only in a headset, the PIN
        # never: in an assisted session the headset is the citizen's (as DeskConfirmBox).
        self.code_field.setAccessibleName(self.tr("Operator code"))
        self.pin_field.setAccessibleName(self.tr("PIN"))
        self.code_field.setProperty("spokenValue", self.code)
        hidden = self.tr("%n digit(s), hidden", "", len(self.pin))
        self.pin_field.setProperty("spokenValue", hidden if self.pin else "")
        self.pin_field.setProperty("spokenAloud", hidden)  # the loudspeaker says as much
        self.pin_field.setProperty("spokenAsWords", True)
        self.message.setText(self.tr("Checking…") if self.waiting else self._outcome_text())
        self.enter_button.setText(self.tr("Log in"))
        self.enter_button.setEnabled(not self.waiting)
