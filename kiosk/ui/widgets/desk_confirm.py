# SPDX-License-Identifier: EUPL-1.2
"""A desk payment confirmed by the assisting welfare manager typing their PIN.

A tap alone would let whoever stands at the kiosk say "paid" (the manager may have
stepped away from an assisted session): the PIN is checked as a login is
(kiosk/core/manager_login.py, wrong ones counted towards the code's lock-out), off the UI
thread, and only its check's answer marks the payment confirmed. The box holds no
text of its own: the screen that shows it says what it asks, in the citizen's language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.manager_login import PIN
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.keypad import MAX_DIGITS, NumericKeypad


class DeskConfirmBox(QWidget):
    pin_entered = Signal(str)  # the PIN to check; the box keeps none of it
    changed = Signal()  # what it shows changed: the screen words it again

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("deskConfirm")
        self.pin = ""
        self.waiting = False
        self.confirmed = False
        self.problem = ""  # what the check said, as the screen worded it
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(32)
        column = QVBoxLayout()
        column.setSpacing(12)
        self.prompt = label(role="cardTitle", name="deskConfirmPrompt")
        self.pin_field = button(name="deskPinField", role="entry")
        self.pin_field.setProperty("personal", True)
        self.message = label(role="fieldError", name="deskConfirmMessage")
        # "Checking…" is no error: spoken mode announces the error role as one.
        self.checking = label(role="muted", name="deskConfirmChecking")
        self.confirm_button = button(name="deskConfirmButton")
        self.confirm_button.clicked.connect(self.submit)
        self.done = label(role="heading", name="deskConfirmed")
        for widget in (
            self.prompt,
            self.pin_field,
            self.message,
            self.checking,
            self.confirm_button,
            self.done,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        row.addLayout(column, 1)
        self.keypad = NumericKeypad()
        self.keypad.digit.connect(self._type)
        self.keypad.erase.connect(self._erase)
        self.keypad.confirm.connect(self.submit)
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        self.forget()

    def forget(self, problem: str = "") -> None:
        """Asks anew, from no PIN; ``problem`` says why when a confirmation is withdrawn."""
        self.pin, self.waiting, self.confirmed, self.problem = "", False, False, problem
        self.show_state()

    def _type(self, digit: str) -> None:
        if not self.waiting and len(self.pin) < MAX_DIGITS:
            self.pin += digit
            self.problem = ""
        self.show_state()

    def _erase(self) -> None:
        self.pin = self.pin[:-1]
        self.show_state()

    def submit(self) -> None:
        """Sends a PIN of the right shape to be checked; a short one is not counted."""
        if self.waiting or self.confirmed:
            return
        if not PIN.fullmatch(self.pin):
            self.problem = "short"
            self.show_state()
            return
        pin, self.pin, self.waiting, self.problem = self.pin, "", True, ""
        self.show_state()
        self.pin_entered.emit(pin)

    def show_checked(self, confirmed: bool, problem: str = "") -> None:
        """The check's answer: confirmed, or why not (the screen's words)."""
        self.waiting, self.confirmed, self.problem = False, confirmed, "" if confirmed else problem
        self.show_state()

    def show_state(self) -> None:
        """Which parts show; the screen sets their words (``words``)."""
        asking = not self.confirmed
        for widget in (self.prompt, self.pin_field, self.confirm_button, self.keypad):
            widget.setVisible(asking)
        self.message.setVisible(asking and not self.waiting and bool(self.problem))
        self.checking.setVisible(asking and self.waiting)
        self.done.setVisible(self.confirmed)
        self.pin_field.setText("●" * len(self.pin) or "—")
        self.confirm_button.setEnabled(not self.waiting)
        self.keypad.setEnabled(not self.waiting)
        self.changed.emit()

    def words(
        self,
        prompt: str,
        pin_name: str,
        typed: str,
        confirm: str,
        message: str,
        done: str,
        checking: str = "",
    ) -> None:
        """``typed``: what spoken mode says of the PIN typed, never its digits (in an
        assisted session the headset is the citizen's)."""
        self.prompt.setText(prompt)
        self.pin_field.setAccessibleName(pin_name)
        self.pin_field.setProperty("spokenValue", typed if self.pin else "")
        self.pin_field.setProperty("spokenAloud", typed)  # the loudspeaker says as much
        self.pin_field.setProperty("spokenAsWords", True)
        self.confirm_button.setText(confirm)
        self.message.setText(message)
        self.checking.setText(checking)
        self.done.setText(done)
