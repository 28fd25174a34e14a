# SPDX-License-Identifier: EUPL-1.2
"""The on-screen keyboard of a form page.

It opens under the page when a field's text input takes the focus, bound to that
input: names and addresses in the citizen's letters with a capital for each word;
codes, numbers, dates, a codice fiscale, an IBAN, a phone or an e-mail in Latin ones.
While it is open the page's titles give it their room, so the question being answered
and its neighbours stay in view on a 1080-pixel-high panel; they come back with the
next page, not when the keyboard closes. When it closes, the field being typed in
stays where the citizen's eyes are.

By keys (a keypad, switches): Enter on a field opens the keyboard for it with the focus
on its keys, which keep typing into that field while the focus goes back past others
(the keyboard is docked after all the page's fields); a date's full box hands the keys
on to the next box, as it hands on the focus to a finger's typing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint
from PySide6.QtWidgets import QApplication, QBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from forms.answers import number_limit
from forms.patterns import characters_of
from kiosk.ui.event_filters import quiet_slot
from kiosk.ui.widgets.common import ScrollList
from kiosk.ui.widgets.form_fields import DateField, FieldWidget
from kiosk.ui.widgets.in_view import TypedFieldInView
from kiosk.ui.widgets.keyboard import (
    DIGITS,
    EMAIL_KEYS,
    LETTERS_AND_DIGITS,
    PHONE_KEYS,
    OnScreenKeyboard,
    TextTarget,
)
from languages.money import style_of

TYPING_TOP_PX = 8  # the page's top margin while the titles give the keys their room
CAPITALISED = ("text", "long_text")  # names and addresses: each word starts with a capital
# The kinds of answer typed with only some keys: the keys the answer can take.
ONLY_KEYS = {
    "codice_fiscale": LETTERS_AND_DIGITS,
    "iban": LETTERS_AND_DIGITS,
    "phone": PHONE_KEYS,
    "email": EMAIL_KEYS,
}


def field_keys(widget: FieldWidget, box: QWidget, lang: str) -> str:
    """The keys ``box`` of ``widget`` takes ("": any). A date's day box takes a whole
    date too ("23/01/1941", spread over the three boxes), its other boxes digits only;
    an amount its cents after the decimal sign of the language on screen (as its
    example shows it: "150,00", "150.00"; both are read); a whole number a minus
    only when the form lets it be below zero."""
    kind = widget.item["type"]
    if kind == "date":
        first = isinstance(widget, DateField) and box is widget.boxes[0]
        return DIGITS + "/" if first else DIGITS
    if kind == "money":
        return DIGITS + style_of(lang).decimal
    if kind == "integer":
        low = number_limit(widget.item, "min")
        return DIGITS if low is not None and low >= 0 else DIGITS + "-"
    if kind == "text" and isinstance(widget.item.get("pattern"), str):
        return pattern_keys(widget.item["pattern"])
    return ONLY_KEYS.get(kind, "")


def pattern_keys(pattern: str) -> str:
    """The keys of a text whose form gives its pattern ("\\d{5}", "[0-9]{3}-[0-9]{4}"):
    the characters the pattern takes, when it tells them plainly and they are digits
    and signs; else any ("": letters keep their shift, a capital the pattern wants
    typed as one, and a general pattern all the keys it may want)."""
    keys = characters_of(pattern)
    # Nothing but spaces (" *"): no keys to lay out, so any.
    if keys is None or not keys.strip() or any(char.isalpha() for char in keys):
        return ""
    return keys


class FormKeyboard(QObject):
    def __init__(
        self,
        page: QWidget,
        area: ScrollList,
        fields: Callable[[], Iterable[FieldWidget]],
        titles: Sequence[QWidget],
        language_of: Callable[[], str],
        go_on: QWidget | None = None,
        body: QBoxLayout | None = None,
    ) -> None:
        """``go_on``: the page's button that goes on (Next), kept in view with the field
        being typed in and its message as far as they fit above the keys; ``body``: the
        page's column, whose top margin goes with the titles (on a 1280 x 800 panel an
        Arabic message under its field needed those pixels)."""
        super().__init__(page)
        self.page, self.area, self.fields, self.titles = page, area, fields, titles
        self.language_of = language_of
        self.body = body
        self._body_top = body.contentsMargins().top() if body is not None else 0
        self.keyboard = OnScreenKeyboard(for_forms=True, language_of=language_of)
        self.keyboard.closed.connect(lambda: self.show(False))
        self.keyboard.chosen.connect(self._chosen)
        self.keyboard.typed.connect(self._date_moves_on)
        # The field typed in wholly in view, with its message, Next and its question as
        # far as they fit, in the form's list and in the page around it (at every layout
        # pass, as new keys settle).
        self.in_view = TypedFieldInView(
            self.keyboard,
            lambda _field: go_on,
            lambda field: None if self.paused else self._field_of(field),
        )
        self.keyboard.hide()
        # While the page's fields are rebuilt: Qt hands the focus from each old field to
        # the next, and each would open the keyboard for a field about to be deleted.
        self.paused = False
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    def new_page(self) -> None:
        """A page is being built: the keyboard bound to nothing, the titles back, and no
        room kept for a keyboard that closed."""
        self.keyboard.unbind()
        self.area.content.setMinimumHeight(0)  # room a closed keyboard left is not kept
        self.show_titles(True)

    def show(self, visible: bool) -> None:
        focused = QApplication.focusWidget()
        anchor = focused if focused is not None and self.area.isAncestorOf(focused) else None
        before = anchor.mapTo(self.page, QPoint(0, 0)).y() if anchor and not visible else None
        self.keyboard.setVisible(visible)
        for widget in self.fields():
            if shiboken6.isValid(widget):  # not one deleted with its page meanwhile
                widget.set_typing(visible)
        if visible:
            self.show_titles(False)
        if anchor is not None and before is not None:
            self._keep_in_place(anchor, before)

    def show_titles(self, visible: bool) -> None:
        for title in self.titles:
            title.setVisible(visible)
        if self.body is not None:
            margins = self.body.contentsMargins()
            margins.setTop(self._body_top if visible else TYPING_TOP_PX)
            self.body.setContentsMargins(margins)

    @quiet_slot
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.page.isVisible() or self.paused or not new.isVisible():
            return
        for widget in self.fields():
            if new in widget.text_inputs():
                assert isinstance(new, QLineEdit | QPlainTextEdit)
                self._open(widget, new)
                return

    def retranslate(self) -> None:
        """Another language: the keys again, an amount's with that language's decimal
        sign."""
        self.keyboard.retranslate()
        box = self.keyboard.bound_to()
        widget = self._field_of(box) if box is not None else None
        if box is not None and widget is not None:
            self._bind(widget, box, moved_on=True)

    def _open(self, widget: FieldWidget, new: TextTarget, *, moved_on: bool = False) -> None:
        self._bind(widget, new, moved_on=moved_on)
        self.show(True)
        self.in_view.later()  # once the layout has made room for the keyboard

    def _bind(self, widget: FieldWidget, new: TextTarget, *, moved_on: bool) -> None:
        typed_words = widget.item["type"] in CAPITALISED
        self.keyboard.bind(
            new,
            capitalise=typed_words,
            latin_only=not typed_words,
            moved_on=moved_on,
            keys=field_keys(widget, new, self.language_of()),
            signed=widget.item["type"] == "integer",
        )

    def _field_of(self, text_input: QWidget) -> FieldWidget | None:
        return next((w for w in self.fields() if text_input in w.text_inputs()), None)

    def _chosen(self, target: QWidget) -> None:
        """Enter on a field (the keyboard bound to it already): the keyboard opens."""
        widget = self._field_of(target)
        if widget is not None and not self.paused:
            self.show(True)
            self.in_view.later()

    def _date_moves_on(self) -> None:
        """A date's box filled by the keys (the focus on them, not in the box): the
        keys go on to the next box, as the focus does for typing in the box."""
        box = self.keyboard.bound_to()
        if box is None or box.hasFocus() or not isinstance(box, QLineEdit):
            return
        widget = self._field_of(box)
        if not isinstance(widget, DateField) or box not in widget.boxes:
            return
        index = widget.boxes.index(box)
        digits = DateField.PARTS[index][1]
        text = box.text()
        full = len(text) == digits and text.isdigit() and box.cursorPosition() == digits
        if full and index < len(widget.boxes) - 1:
            self._open(widget, widget.boxes[index + 1], moved_on=True)

    def _keep_in_place(self, anchor: QWidget, before: int) -> None:
        """A short page would be pulled down to fill the taller view when the keyboard
        goes: room is added under its last field instead, so the field stays put."""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        moved = anchor.mapTo(self.page, QPoint(0, 0)).y() - before
        if not moved:
            return
        bar, content = self.area.verticalScrollBar(), self.area.content
        wanted = max(0, bar.value() + moved)
        if wanted > bar.maximum():
            content.setMinimumHeight(content.height() + wanted - bar.maximum())
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        bar.setValue(wanted)
