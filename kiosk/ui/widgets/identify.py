# SPDX-License-Identifier: EUPL-1.2
"""Asking who the citizen is: the codice fiscale, typed on the kiosk's keyboard or read
from the Tessera Sanitaria by the scanner, checked here with a message beside the field,
and, where their money is concerned, the wallet PIN that proves it is them (a codice
fiscale can be computed by anyone). Both stay in this widget until the visit ends; they
are never stored."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, Signal
from PySide6.QtGui import QHideEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from forms.validators import AnswerError, codice_fiscale, phone
from forms.validators import message as validator_message
from kiosk.ui.event_filters import never_raises
from kiosk.ui.widgets.common import (
    button,
    citizen_field,
    forget_text,
    label,
    upper_case_as_typed,
)
from kiosk.ui.widgets.keyboard import DIGITS, LETTERS_AND_DIGITS, PHONE_KEYS, OnScreenKeyboard
from vouchers.wallet_key import valid_pin


class IdentifyBox(QWidget):
    """The fields, their messages and the Next button; its keyboard (``keyboard``) is
    placed by the screen, in its dock, and hides with the box."""

    identified = Signal(str)  # the normalised codice fiscale
    keyboard_shown = Signal(bool)  # the screen makes room for the box above the keyboard

    def __init__(
        self,
        name: str,
        lang: Callable[[], str],
        *,
        ask_phone: bool = False,
        ask_pin: str = "",
    ) -> None:
        """``ask_pin``: "" (no PIN), "required" (the wallet) or "optional" (checkout: only
        to pay with the credit)."""
        super().__init__()
        self._lang = lang
        self.ask_pin = ask_pin
        self.phone: str | None = None  # optional, to be called back if an order is refused
        self.pin: str | None = None  # the wallet PIN typed, for this visit only
        self.typing = False  # the keyboard is open for the box
        # Sent and not answered yet: Next waits, so a double tap does not open the wallet
        # twice (two tries of the PIN spent) while its key is made.
        self.waiting = False
        # What is wrong, kept as codes and words to make (``_problem_texts``).
        self._problems: dict[str, str] = {}  # "cf" / "phone" -> a validator's code
        self._pin_problem: Callable[[], str] | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        self.field_label = label(role="fieldLabel")
        self.field = citizen_field(QLineEdit())
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
        self.phone_field = citizen_field(QLineEdit())
        self.phone_field.setObjectName(f"input_{name}_phone")
        self.phone_field.setMaxLength(20)
        self.phone_field.installEventFilter(self)
        self.phone_error = label(role="fieldError", name=f"error_{name}_phone")
        self.phone_error.hide()
        self.phone_label.setBuddy(self.phone_field)
        self.pin_label = label(role="fieldLabel")
        self.pin_field = citizen_field(QLineEdit())
        self.pin_field.setObjectName(f"input_{name}_pin")
        self.pin_field.setMaxLength(8)
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}"), self.pin_field)
        )
        self.pin_field.installEventFilter(self)
        self.pin_label.setBuddy(self.pin_field)
        self.pin_hint = label(role="muted", name=f"hint_{name}_pin")
        self.pin_error = label(role="fieldError", name=f"error_{name}_pin")
        self.pin_error.hide()
        row = QHBoxLayout()
        self.next_button = button(name=f"{name}_next")
        self.next_button.setMinimumWidth(300)
        self.next_button.clicked.connect(self.confirm)
        row.addWidget(self.next_button)
        row.addStretch(1)
        # Without the row of accents: a codice fiscale and a phone number have none.
        self.keyboard = OnScreenKeyboard()
        self.keyboard.closed.connect(lambda: self._show_keyboard(False))
        # Enter on a field (a keypad's OK): the keyboard opens with the focus on its keys,
        # which go on typing there while the focus passes the other fields.
        self.keyboard.chosen.connect(lambda _field: self._show_keyboard(True))
        self.keyboard.hide()
        for widget in (self.field_label, self.field, self.field_hint, self.error):
            column.addWidget(widget)
        # The PIN and the phone side by side: with the keyboard open, both fit above it.
        pair = QHBoxLayout()
        pair.setSpacing(24)
        for widgets in (
            (self.pin_label, self.pin_field, self.pin_hint, self.pin_error),
            (self.phone_label, self.phone_field, self.phone_error),
        ):
            half = QVBoxLayout()
            half.setSpacing(4)  # a label sits on its field
            for widget in widgets:
                half.addWidget(widget)
            half.addStretch(1)
            pair.addLayout(half, 1)
        column.addLayout(pair)
        # Once in the layout: a parentless widget made visible is a window of its own.
        for widget in (self.phone_label, self.phone_field):
            widget.setVisible(ask_phone)
        for widget in (self.pin_label, self.pin_field, self.pin_hint):
            widget.setVisible(bool(ask_pin))
        column.addLayout(row)
        self.retranslate()

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.field, self.phone_field, self.pin_field) and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.FocusIn,
        ):
            assert isinstance(watched, QLineEdit)
            # Unless held for a field chosen by keys.
            self.keyboard.bind(watched, keys=self._keys_of(watched))
            self._show_keyboard(True)
        return False

    def _keys_of(self, field: QLineEdit) -> str:
        """The keys ``field`` can take: a codice fiscale's letters and digits, a PIN's
        digits; a phone number's digits, + and space."""
        if field is self.field:
            return LETTERS_AND_DIGITS
        return DIGITS if field is self.pin_field else PHONE_KEYS

    def _show_keyboard(self, visible: bool) -> None:
        self.keyboard.setVisible(visible)
        # With a PIN asked too, the hints give their lines to Next while the keyboard is
        # open (each stays its field's accessible description).
        self.pin_hint.setVisible(bool(self.ask_pin) and not visible)
        self.field_hint.setVisible(not (self.ask_pin and visible))
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
        if self.waiting:
            return
        try:
            cf = codice_fiscale(self.field.text())
        except AnswerError as error:
            self._problems["cf"] = error.code
            self._problem_texts()
            self.error.show()
            return
        self.error.hide()
        self.pin = None
        typed = self.pin_field.text().strip()
        if self.ask_pin == "required" or (self.ask_pin and typed):
            if not valid_pin(typed):
                self.show_pin_problem(lambda: self.tr("The wallet PIN has 6 to 8 digits."))
                return
            self.pin = typed
        self.pin_error.hide()
        self.phone = None
        if self.phone_field.isVisibleTo(self) and self.phone_field.text().strip():
            try:
                self.phone = phone(self.phone_field.text())
            except AnswerError as error:
                self._problems["phone"] = error.code
                self._problem_texts()
                self.phone_error.show()
                return
        self.phone_error.hide()
        self._show_keyboard(False)
        self._wait(True)
        self.identified.emit(cf)

    def _wait(self, waiting: bool) -> None:
        self.waiting = waiting
        self.next_button.setEnabled(not waiting)

    def answered(self) -> None:
        """What was sent has its answer (whatever it is): Next can be tapped again."""
        self._wait(False)

    def show_pin_problem(self, text: Callable[[], str]) -> None:
        """Why the PIN did not open the wallet (words made in the language of the
        moment, again after a switch); the PIN is typed again, the code stays."""
        self._wait(False)
        forget_text(self.pin_field)
        self.pin = None
        self._pin_problem = text
        self._problem_texts()
        self.pin_error.show()

    def _problem_texts(self) -> None:
        """The messages under the fields in the language of the moment: set once, they
        stayed in the language they were shown in after the citizen chose another."""
        lang = self._lang()
        if "cf" in self._problems:
            self.error.setText("⚠  " + validator_message(self._problems["cf"], lang))
        if "phone" in self._problems:
            self.phone_error.setText("⚠  " + validator_message(self._problems["phone"], lang))
        if self._pin_problem is not None:
            self.pin_error.setText("⚠  " + self._pin_problem())

    def clear(self) -> None:
        """Forgets the citizen: their codice fiscale, phone and PIN, and what Undo
        would give back of them."""
        for field in (self.field, self.phone_field, self.pin_field):
            forget_text(field)
        self._wait(False)
        self.phone = None
        self.pin = None
        self.error.hide()
        self.pin_error.hide()
        self.phone_error.hide()
        self._problems.clear()
        self._pin_problem = None
        self._show_keyboard(False)

    def retranslate(self) -> None:
        self.keyboard.retranslate()
        self._problem_texts()
        self.field_label.setText(self.tr("Your codice fiscale (or pass your health card)"))
        hint = QCoreApplication.translate("FormFields", "16 letters and digits")
        self.field_hint.setText(hint)
        self.field.setAccessibleDescription(hint)
        self.next_button.setText(self.tr("Next ›"))
        self.pin_label.setText(
            self.tr("Wallet PIN (only for the credit)")
            if self.ask_pin == "optional"
            else self.tr("Your wallet PIN")
        )
        pin_hint = self.tr(
            "6 to 8 digits, from the Comune's letter or set at the Social Point desk"
        )
        self.pin_hint.setText(pin_hint)
        self.pin_field.setAccessibleDescription(pin_hint)
        self.phone_label.setText(
            self.tr("A phone number, to call you if something goes wrong (optional)")
        )


class WalletRefusal(QObject):
    """The wrong-PIN message, a plural: a QObject so that lupdate reads its ``self.tr``
    with the count as a "%n" message ("1 try left", not "1 tries left"); it keeps a
    ``QCoreApplication.translate`` with a count as one form."""

    def wrong_pin(self, left: int) -> str:
        return self.tr(
            "The codice fiscale or the wallet PIN is not right. Please try again"
            " (%n try(ies) left).",
            "",
            left,
        )


def wallet_refusal_text(reason: str, left: int) -> str:
    """Why a wallet did not open, in calm words, for the wallet and checkout screens."""
    if reason == "wrong":
        return WalletRefusal().wrong_pin(left)
    if reason == "locked_here":
        return QCoreApplication.translate(
            "WalletScreen",
            "For your safety, this kiosk will not open your wallet for 24 hours after too"
            " many tries. A welfare manager can help you at the desk with an identity"
            " document; nothing in your wallet is lost.",
        )
    if reason == "locked":
        return QCoreApplication.translate(
            "WalletScreen",
            "For your safety, your wallet is locked after too many wrong PINs. The welfare"
            " manager or the Comune can give you a new PIN when you show an identity"
            " document; nothing in your wallet is lost.",
        )
    if reason == "withdrawn":
        return QCoreApplication.translate(
            "WalletScreen",
            "Your wallet has just been closed here: its PIN was changed, or the platform"
            " closed it. Nothing in your wallet is lost. Please ask a welfare manager, who"
            " can help you with an identity document.",
        )
    return QCoreApplication.translate(
        "WalletScreen",
        "This Social Point has not reached the welfare platform yet, so it cannot"
        " open your wallet. Please ask a welfare manager, or try again later.",
    )
