# SPDX-License-Identifier: EUPL-1.2
"""Manager mode: set or reset a citizen's wallet PIN, after checking their identity
document (kiosk/core/wallet_pin.py). The codice fiscale is checked here; the request
is sealed to the platform, which sets the PIN when the kiosk's push reaches it, and the
screen says how it went."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from forms.validators import AnswerError, codice_fiscale
from kiosk.core.wallet_pin import DOCUMENTS, PinState, new_pin_problem
from kiosk.ui.event_filters import never_raises
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.widgets.common import button, citizen_field, forget_text, label
from kiosk.ui.widgets.keyboard import DIGITS, LETTERS_AND_DIGITS, OnScreenKeyboard
from store.catalog import CatalogReader


class WalletPinScreen(DataScreen):
    route = "wallet_pin"
    pin_requested = Signal(str, str, str)  # codice fiscale, new PIN, document kind
    to_dashboard = Signal()

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.document: str | None = None
        self.state = PinState.BLANK
        self.code: str | None = None  # the platform's refusal code
        # The outbox UUID of the request whose answer this screen shows: only its answer
        # is shown (an earlier citizen's, sent before the manager left, is not).
        self.request: str | None = None
        # Counts the requests made and the forgettings: a request still being queued
        # when the screen moved on is not followed here.
        self.asked = 0
        self._sent_cf = ""  # the codice fiscale of the request shown, while on screen
        top = QHBoxLayout()
        self.title = label(role="title", name="walletPinTitle")
        top.addWidget(self.title, 1)
        self.back_button = button(name="walletPinBack", role="chip")
        self.back_button.clicked.connect(self.to_dashboard)
        top.addWidget(self.back_button)
        self.body.addLayout(top)
        self.intro = label(role="muted", name="walletPinIntro")
        self.body.addWidget(self.intro)
        self.cf_label = label(role="fieldLabel")
        self.cf_field = citizen_field(QLineEdit())
        self.cf_field.setObjectName("input_walletPinCf")
        self.cf_field.setMaxLength(20)
        self.cf_label.setBuddy(self.cf_field)
        self.cf_error = label(role="fieldError", name="error_walletPinCf")
        for widget in (self.cf_label, self.cf_field, self.cf_error):
            self.body.addWidget(widget)
        self.document_label = label(role="fieldLabel")
        self.body.addWidget(self.document_label)
        chips = QHBoxLayout()
        self.document_buttons: dict[str, QPushButton] = {}
        for kind in DOCUMENTS:
            chip = button(name=f"document_{kind}", role="chip")
            chip.setCheckable(True)
            chip.clicked.connect(lambda _=False, k=kind: self._choose(k))
            self.document_buttons[kind] = chip
            chips.addWidget(chip)
        chips.addStretch(1)
        self.body.addLayout(chips)
        pins = QHBoxLayout()
        pins.setSpacing(24)
        self.pin_fields: list[QLineEdit] = []
        self.pin_labels: list[QLabel] = []
        for name in ("walletPinNew", "walletPinAgain"):
            half = QVBoxLayout()
            half.setSpacing(4)
            caption = label(role="fieldLabel")
            field = citizen_field(QLineEdit())
            field.setObjectName(f"input_{name}")
            field.setMaxLength(8)
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}"), field))
            caption.setBuddy(field)
            half.addWidget(caption)
            half.addWidget(field)
            pins.addLayout(half, 1)
            self.pin_fields.append(field)
            self.pin_labels.append(caption)
        self.body.addLayout(pins)
        self.pin_error = label(role="fieldError", name="error_walletPin")
        self.body.addWidget(self.pin_error)
        row = QHBoxLayout()
        self.set_button = button(name="walletPinSet", role="primary")
        self.set_button.setMinimumWidth(360)
        self.set_button.clicked.connect(self.confirm)
        row.addWidget(self.set_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.outcome = label(role="heading", name="walletPinOutcome")
        self.body.addWidget(self.outcome)
        self.body.addStretch(1)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.hide()
        self.keyboard.closed.connect(self.keyboard.hide)
        self.dock_keyboard(self.keyboard, lambda _field: self.set_button)
        for field in (self.cf_field, *self.pin_fields):
            field.installEventFilter(self)
        self.forget()

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit) and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.FocusIn,
        ):
            keys = LETTERS_AND_DIGITS if watched is self.cf_field else DIGITS
            self.keyboard.bind(watched, latin_only=True, keys=keys)
            self.keyboard.show()
            self.intro.setVisible(False)  # the keyboard takes its room
        return False

    def enter(self, **params: Any) -> None:
        self.forget()

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass while the manager types: the codice fiscale, the document checked
        # and the PINs stay, and so does the keyboard (the screen shows nothing of the
        # mirror; the request's answer comes on its own).
        self.retranslate()

    def forget(self) -> None:
        """Nothing of a citizen stays: the codice fiscale and PINs go, and what Undo
        would give back of them."""
        for field in (self.cf_field, *self.pin_fields):
            forget_text(field)
        self.document, self.state, self.code = None, PinState.BLANK, None
        self._new_request()
        for chip in self.document_buttons.values():
            chip.setChecked(False)
        self.keyboard.hide()
        self.intro.setVisible(True)
        self.retranslate()
        super().forget()

    def take_scanned(self, text: str) -> bool:
        """A Tessera Sanitaria read by the scanner fills the codice fiscale, wherever the
        focus is (the scanner's burst is taken back from the field it was typed into)."""
        if not self.isVisible():
            return False
        self.cf_field.setText(text)
        if self.state == PinState.BAD_CF:
            self.state = PinState.BLANK
            self.retranslate()
        return True

    def _choose(self, kind: str) -> None:
        self.document = kind
        for other, chip in self.document_buttons.items():
            chip.setChecked(other == kind)
        self.retranslate()

    def _new_request(self) -> None:
        """No answer shown is followed any more: a new request starts, or nothing."""
        self.request, self._sent_cf = None, ""
        self.asked += 1

    def confirm(self) -> None:
        self.state, self.code = PinState.BLANK, None
        self._new_request()
        try:
            cf = codice_fiscale(self.cf_field.text())
        except AnswerError:
            self.state = PinState.BAD_CF
            self.retranslate()
            return
        if self.document is None:
            self.state = PinState.NO_DOCUMENT
            self.retranslate()
            return
        pin, again = (field.text() for field in self.pin_fields)
        problem = new_pin_problem(pin, again)
        if problem is not None:
            self.state = PinState(f"pin_{problem}")
            for field in self.pin_fields:
                forget_text(field)
            self.retranslate()
            return
        self.keyboard.hide()
        self.state, self._sent_cf = PinState.SENDING, cf
        self.retranslate()
        self.pin_requested.emit(cf, pin, self.document)
        for field in self.pin_fields:
            forget_text(field)  # the PIN is not kept on screen

    def follow(self, asked: int, entry_uuid: str) -> bool:
        """The request ``asked`` was queued as ``entry_uuid``: its answer is shown here,
        unless the screen moved on meanwhile (forgotten, or another request made)."""
        if asked != self.asked:
            return False
        self.request = entry_uuid
        self.show_state(PinState.WAITING)
        return True

    def shows(self, entry_uuid: str) -> bool:
        """Whether this request's answer is still wanted here."""
        return self.isVisible() and self.request is not None and self.request == entry_uuid

    def show_state(self, state: PinState, code: str | None = None) -> None:
        """``WAITING``, ``ACCEPTED``, ``REJECTED`` (with the platform's code),
        ``NO_KEY`` or ``ERROR``."""
        self.state, self.code = state, code
        # The codice fiscale goes once its PIN is set, unless the manager already began
        # typing the next citizen's.
        if state == PinState.ACCEPTED and self._typed_cf() == self._sent_cf:
            forget_text(self.cf_field)
            self.document = None
            for chip in self.document_buttons.values():
                chip.setChecked(False)
        self.retranslate()

    def _typed_cf(self) -> str:
        try:
            return codice_fiscale(self.cf_field.text())
        except AnswerError:
            return ""

    def retranslate(self) -> None:
        self.title.setText(self.tr("Set a citizen's wallet PIN"))
        self.back_button.setText(self.tr("‹ Dashboard"))
        self.intro.setText(
            self.tr(
                "For a citizen who has no wallet PIN, forgot it, or whose wallet is locked by "
                "wrong PINs. Check an identity document first: the new PIN replaces the old "
                "one at every kiosk of the Comune and unlocks the wallet. Only the kind of "
                "document is recorded, with your operator code."
            )
        )
        self.cf_label.setText(self.tr("The citizen's codice fiscale"))
        self.document_label.setText(self.tr("Identity document you checked"))
        names = {
            "carta_identita": self.tr("Identity card"),
            "passaporto": self.tr("Passport"),
            "patente": self.tr("Driving licence"),
            "permesso_soggiorno": self.tr("Residence permit"),
        }
        for kind, chip in self.document_buttons.items():
            chip.setText(("✓ " if kind == self.document else "") + names[kind])
        self.pin_labels[0].setText(self.tr("New wallet PIN (6 to 8 digits)"))
        self.pin_labels[1].setText(self.tr("The same PIN again"))
        self.set_button.setText(self.tr("Set the PIN"))
        field_errors = {
            PinState.BAD_CF: self.tr("This codice fiscale is not valid: check it on the document."),
            PinState.NO_DOCUMENT: self.tr("Choose the identity document you checked."),
        }
        self.cf_error.setText("⚠  " + field_errors.get(self.state, ""))
        self.cf_error.setVisible(self.state in field_errors)
        pin_errors = {
            PinState.PIN_FORMAT: self.tr("The PIN has 6 to 8 digits."),
            PinState.PIN_WEAK: self.tr(
                "Not one digit repeated nor a run like 123456: choose another."
            ),
            PinState.PIN_MISMATCH: self.tr("The two PINs differ: type them again."),
        }
        self.pin_error.setText("⚠  " + pin_errors.get(self.state, ""))
        self.pin_error.setVisible(self.state in pin_errors)
        outcome = self._outcome_text()
        warn = "⚠  " if self.state in (PinState.REJECTED, PinState.NO_KEY, PinState.ERROR) else ""
        self.outcome.setText(warn + outcome)
        self.outcome.setVisible(bool(outcome))

    def _outcome_text(self) -> str:
        if self.state in (PinState.SENDING, PinState.WAITING):
            return self.tr(
                "Sent: the platform sets the PIN as soon as it receives it (usually within a "
                "minute)…"
            )
        if self.state == PinState.ACCEPTED:
            return self.tr(
                "Done: the PIN is set. The citizen can use it at this kiosk after the next "
                "sync, in a minute or two."
            )
        if self.state == PinState.NO_KEY:
            return self.tr(
                "This kiosk has not reached the platform yet, so the PIN cannot be set here "
                "now. Try again when the dashboard shows it online."
            )
        if self.state == PinState.ERROR:
            return self.tr("That did not work. Nothing was sent; try again.")
        if self.state == PinState.REJECTED:
            return self._refusal_text(self.code or "")
        return ""

    def _refusal_text(self, code: str) -> str:
        texts = {
            "stale_proof": self.tr(
                "The platform refused it: the request waited too long to be sent (the kiosk "
                "was offline). Set the PIN again once the kiosk is online."
            ),
            "unconfirmed_operator": self.tr(
                "The platform refused it: it could not confirm your login at this kiosk for "
                "this Comune. Log out, log in again and retry."
            ),
            "other_comune": self.tr(
                "The platform refused it: this citizen's wallet belongs to another Comune. "
                "Its PIN is set at a Social Point of that Comune, or by that Comune's offices."
            ),
            "unknown_operator": self.tr(
                "The platform does not know your operator code: call the platform's help desk."
            ),
            "weak_pin": self.tr("The platform refused this PIN as too easy: choose another."),
        }
        return texts.get(
            code,
            self.tr("The platform refused it ({code}). Call the platform's help desk.").format(
                code=code
            ),
        )
