# SPDX-License-Identifier: EUPL-1.2
"""Where is my application? The tracking code from the receipt and the codice fiscale
(typed, or read from the Tessera Sanitaria) show its state in plain words.

Both codes are checked here first, with a message next to each; the search itself runs
off the UI thread (ApplyController.look_up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout

from forms.lookup import TRACKING_CHARACTERS, tracking_code
from forms.validators import AnswerError, codice_fiscale
from forms.validators import message as validator_message
from kiosk.ui.event_filters import never_raises
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.texts import local_date_time
from kiosk.ui.widgets.common import (
    button,
    card,
    citizen_field,
    forget_text,
    label,
    personal,
    upper_case_as_typed,
)
from kiosk.ui.widgets.keyboard import LETTERS_AND_DIGITS, OnScreenKeyboard
from languages import isolated, left_to_right
from store.catalog import CatalogReader, pick

if TYPE_CHECKING:
    from kiosk.core.status_lookup import Standing


class ApplicationStatusScreen(DataScreen):
    route = "status"
    lookup_requested = Signal(str, str)  # tracking code, codice fiscale (both normalised)

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.standing: Standing | None = None
        self.searched = False
        # What the messages under the fields and the search say, kept as codes: written
        # in words by retranslate, so a language chosen after them changes them too.
        self._cf_problem: str | None = None  # a validator's code
        self._search_failed = False
        self._asked: tuple[str, str] | None = None  # what the state shown answers
        self.title = label(role="title", name="statusTitle")
        self.intro = label(role="muted", name="statusIntro")
        self.body.addWidget(self.title)
        self.body.addWidget(self.intro)
        self.code_label = label(role="fieldLabel")
        self.code = QLineEdit()
        self.code.setObjectName("input_tracking")
        self.code.setMaxLength(20)
        self.code_error = label(role="fieldError", name="error_tracking")
        self.cf_label = label(role="fieldLabel")
        self.cf = QLineEdit()
        self.cf.setObjectName("input_status_cf")
        self.cf.setMaxLength(20)
        self.cf_error = label(role="fieldError", name="error_status_cf")
        self.code_label.setBuddy(self.code)
        self.cf_label.setBuddy(self.cf)
        for field in (self.code, self.cf):
            upper_case_as_typed(citizen_field(field))
            field.installEventFilter(self)
        for widget in (
            self.code_label,
            self.code,
            self.code_error,
            self.cf_label,
            self.cf,
            self.cf_error,
        ):
            self.body.addWidget(widget)
        row = QHBoxLayout()
        self.search_button = button(name="statusSearch", role="primary")
        self.search_button.setMinimumWidth(300)
        self.search_button.clicked.connect(self.search)
        row.addWidget(self.search_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.result = card()
        self.result.setObjectName("statusResult")
        column = QVBoxLayout(self.result)
        column.setContentsMargins(32, 20, 32, 20)
        self.result_title = label(role="heading", name="statusCall")
        self.result_state = personal(label(role="cardPrice", name="statusState"))
        self.result_lines = personal(label(name="statusLines"))
        for widget in (self.result_title, self.result_state, self.result_lines):
            column.addWidget(widget)
        self.body.addWidget(self.result)
        self.not_found = label(role="heading", name="statusNotFound")
        self.body.addWidget(self.not_found)
        self.body.addStretch(1)
        self.keyboard = OnScreenKeyboard()  # no accents: not in a code or a codice fiscale
        self.keyboard.closed.connect(lambda: self._show_keyboard(False))
        self.dock_keyboard(self.keyboard, lambda _field: self.search_button)
        self.forget()

    # Input ---------------------------------------------------------------------------

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.code, self.cf) and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.FocusIn,
        ):
            assert isinstance(watched, QLineEdit)
            # The tracking code's keys leave out 0, 1, I, L and U, which no code has.
            keys = LETTERS_AND_DIGITS if watched is self.cf else TRACKING_CHARACTERS
            self.keyboard.bind(watched, keys=keys)
            self._show_keyboard(True)
        return False

    def _show_keyboard(self, visible: bool) -> None:
        # The keyboard takes the room of the title and the introduction, so both
        # fields, their messages and Search stay in view (the labels say what to type).
        self.keyboard.setVisible(visible)
        self.title.setVisible(not visible)
        self.intro.setVisible(not visible)
        if visible:
            self._hide_result()
            self.not_found.hide()

    def take_scanned(self, text: str) -> bool:
        """A Tessera Sanitaria read by the scanner fills the codice fiscale."""
        if not self.isVisible():
            return False
        self.cf.setText(text)
        self.cf_error.hide()
        return True

    def _hide_result(self) -> None:
        """The state found hidden, and its words gone with it: a state, a protocol
        number or the Comune's note is never kept out of sight for the next citizen."""
        self.result.hide()
        for shown in (self.result_title, self.result_state, self.result_lines):
            shown.setText("")

    def forget(self) -> None:
        forget_text(self.code)
        forget_text(self.cf)
        self.standing, self.searched = None, False
        self._asked = None
        self._cf_problem, self._search_failed = None, False
        # A look-up under way when the visit ended never answers this screen (its
        # result is for a citizen who left): the next one may search.
        self.search_button.setEnabled(True)
        self.code_error.hide()
        self.cf_error.hide()
        self._show_keyboard(False)
        self._hide_result()
        self.not_found.hide()
        super().forget()

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass during the visit: what the citizen typed and was shown stays (it
        # was all forgotten, as if they had come to this screen anew), and a state shown
        # is looked up again: the pass may have sent the application, or brought its
        # decision.
        self.retranslate()
        if self.searched and self._asked is not None:
            self.lookup_requested.emit(*self._asked)

    def enter(self, **params: Any) -> None:
        self.forget()
        self.retranslate()

    # Searching ---------------------------------------------------------------------

    def search(self) -> None:
        code = tracking_code(self.code.text())
        self.code_error.setVisible(code is None)
        try:
            cf = codice_fiscale(self.cf.text())
            self._cf_problem = None
        except AnswerError as error:
            cf, self._cf_problem = None, error.code
        self.cf_error.setVisible(self._cf_problem is not None)
        self._field_texts()
        if code is None or cf is None:
            return
        self._show_keyboard(False)
        self.search_button.setEnabled(False)
        self._asked = (code, cf)
        self.lookup_requested.emit(code, cf)

    def show_standing(self, standing: Standing | None) -> None:
        self.standing, self.searched, self._search_failed = standing, True, False
        self.search_button.setEnabled(True)
        self.retranslate()

    def show_search_failed(self) -> None:
        self.search_button.setEnabled(True)
        self._search_failed = True
        self.retranslate()

    def _field_texts(self) -> None:
        """The messages under the fields, in the language of the moment."""
        self.code_error.setText(
            "⚠  " + self.tr("A tracking code looks like DOM-ABCD-EFGH: please check your receipt.")
        )
        if self._cf_problem is not None:
            self.cf_error.setText("⚠  " + validator_message(self._cf_problem, self.ctx.lang))

    # Texts -------------------------------------------------------------------------

    def _state_text(self, state: str) -> str:
        return {
            "received": self.tr("Received by the Comune"),
            "in_review": self.tr("The Comune is examining it"),
            "needs_documents": self.tr("The Comune needs more documents"),
            "admitted": self.tr("Accepted"),
            "not_admitted": self.tr("Not accepted"),
            "waiting": self.tr("Saved at this Social Point, not yet sent to the Comune"),
            "refused": self.tr("It did not reach the Comune"),
        }.get(state, state)

    def _state_hint(self, state: str) -> str:
        return {
            "waiting": self.tr("It leaves by itself as soon as the Social Point is online."),
            "refused": self.tr(
                "Please ask the welfare manager at the desk: they can see why and help you"
                " apply again."
            ),
            "needs_documents": self.tr("Bring them to the Comune's office, with your receipt."),
        }.get(state, "")

    def retranslate(self) -> None:
        lang = self.ctx.lang
        self.keyboard.retranslate()
        self.title.setText(self.tr("Where is my application?"))
        self.intro.setText(
            self.tr(
                "Type the tracking code printed on your receipt and your codice fiscale. You"
                " can also pass your health card over the reader."
            )
        )
        self.code_label.setText(self.tr("Tracking code (on the receipt)"))
        self.code.setPlaceholderText("DOM-ABCD-EFGH")
        self.cf_label.setText(self.tr("Codice fiscale"))
        self.search_button.setText(self.tr("Search"))
        self._field_texts()
        standing = self.standing
        if standing is None:
            self._hide_result()
        else:
            self.result.show()
        self.not_found.setVisible(self._search_failed or (self.searched and standing is None))
        if self._search_failed:
            self.not_found.setText(
                self.tr(
                    "The search is not possible right now. Please ask the welfare manager at"
                    " the desk."
                )
            )
        else:
            self.not_found.setText(
                self.tr(
                    "No application matches this tracking code and codice fiscale. Please check"
                    " both; if you applied at another Social Point a moment ago, try again later."
                )
            )
        if standing is None:
            return
        self.result_title.setText(pick(standing.call_title, lang))
        self.result_state.setText(self._state_text(standing.state))
        lines = []
        if standing.protocol:
            lines.append(
                self.tr("Protocol number: {protocol}").format(
                    protocol=left_to_right(standing.protocol, self.ctx.lang)
                )
            )
        if standing.updated_at is not None:
            day, hour = local_date_time(standing.updated_at, lang, self.ctx.time_zone)
            lines.append(
                self.tr("Last update: {day} at {hour}").format(
                    # The day holds the month's name: in its own direction, not left to right.
                    day=isolated(day, self.ctx.lang),
                    hour=left_to_right(hour, self.ctx.lang),
                )
            )
        if standing.note:
            lines.append(pick(standing.note, lang))
        if hint := self._state_hint(standing.state):
            lines.append(hint)
        self.result_lines.setText("\n".join(lines))
