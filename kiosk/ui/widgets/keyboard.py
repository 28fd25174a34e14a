# SPDX-License-Identifier: EUPL-1.2
"""An on-screen keyboard of our own for search and for filling in forms.

Built from plain buttons (no Qt Virtual Keyboard, which is GPLv3 or commercial): it
types into the text field it is bound to, never takes focus, and every key is a large
touch target. Accents are not needed to search (the catalog folds them); forms get the
accented letters and the signs an e-mail address needs at the ends of the rows (a row
of their own did not fit a 1280 x 800 panel), and a shift key that also comes on by
itself at the start of a name.

Keys are at least ``KEY_PX`` each way and ``KEY_GAP_PX`` apart: given less room than
its font asks for, a key shrinks to ``KEY_PX``, never the gaps between keys. In a
window lower than ``COMPACT_BELOW_PX`` (a 1280 x 800 panel) every key is ``KEY_PX``
high and the keys take four rows, Close, shift, space and backspace in two columns
after the letters: five rows left the page above too little for the field being
typed in, its message and the button that goes on.

The letters follow the language on screen (``languages`` names each one's layout):
Romanian ș ț ă â î, Albanian ë ç, Ukrainian Cyrillic, Arabic; Chinese keeps the Latin
letters with a note (names on Italian documents are written in pinyin). A key switches
between the language's letters and the Latin ones; a codice fiscale, an IBAN, a phone
number or an e-mail address always gets the Latin keyboard. A field that takes only
some characters gets only their keys (``keys``): a codice fiscale or an IBAN the
letters A-Z and the digits (its accents and signs were keys it could never take), a
PIN the digits, a phone number the digits, + and space, an e-mail address the small
letters, the digits and @ . _ - +, a date or an amount its digits and its sign.

Without touch (a keypad, keys): Enter (the keypad's OK) on a field takes the focus to
the keys, bound to that field; Close, or Escape (the back key), brings it back to the
field. Once the focus is in the keys, the keyboard is held for its field: fields the
focus passes on the way back to the keys (Tab, arrows) do not take it, only Enter on
one or a tap does. While held, the field keeps a thicker border ("typing here"), and
the keyboard's accessible description names it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import NamedTuple

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QFocusEvent, QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from kiosk.ui.event_filters import install_on_application, never_raises, quiet_slot
from kiosk.ui.key_navigation import ACTIVATE_KEYS, BACK_KEYS
from kiosk.ui.widgets.common import button, label
from languages import language

ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL'", "ZXCVBNM,.-")
FORM_ROW = "ÀÈÉÌÒÙ@_/+"
# The characters an identifier can take: the keyboard shows only their keys.
DIGITS = "0123456789"
LETTERS_AND_DIGITS = DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # a codice fiscale, an IBAN
PHONE_KEYS = DIGITS + "+ "  # "+40 721 234 567": the space is the space bar
# Small letters (an address is written so, and no shift to find) and the signs people's
# addresses have; the validator takes rarer ones (! # $ ...) nobody types at a kiosk.
EMAIL_KEYS = DIGITS + "abcdefghijklmnopqrstuvwxyz" + "@._-+"
# A window lower than this (a 1280 x 800 panel) gets its keys in four rows, not five.
COMPACT_BELOW_PX = 900
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
KEY_PX = 64  # the kiosk's smallest touch target (16 mm)
KEY_GAP_PX = 8  # the least room between neighbouring targets


class Layout(NamedTuple):
    rows: tuple[str, ...]
    form_row: str  # letters with marks and signs for forms (e-mail addresses)
    switch_label: str  # on the key that switches to these letters, in their script
    capitals: bool = True


LATIN = "latin"
LAYOUTS = {
    LATIN: Layout(ROWS, FORM_ROW, "ABC"),
    "ro": Layout(ROWS, "ĂÂÎȘȚÉ@_/+", "ĂÂÎ"),
    "sq": Layout(ROWS, "ËÇÀÈÉÒ@_/+", "ËÇ"),
    "uk": Layout(("1234567890", "ЙЦУКЕНГШЩЗХЇ", "ФІВАПРОЛДЖЄ", "ЯЧСМИТЬБЮҐ'"), ",.-@_/+", "АБВ"),
    "ar": Layout(
        ("1234567890", "ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرىةوزظذ"),
        "أإآ،.-@_/+",
        "أبت",
        capitals=False,
    ),
}

TextTarget = QLineEdit | QPlainTextEdit

# The keypad's OK (ACTIVATE_KEYS) on a field: "type here" (the focus goes to the keys);
# its back key (BACK_KEYS) in the keys: back to the field, not the page before.
# The field the keys type into while the focus is elsewhere: its border twice as thick
# (the colour stays the theme's, normal or high contrast).
TYPING_HERE = "QLineEdit, QPlainTextEdit { border-width: 6px; }"


def only_keys(rows: tuple[str, ...], keys: str) -> tuple[str, ...]:
    """``rows`` with only the characters of ``keys`` (capitals or not), their places
    kept; a row left with no letter or digit goes, its signs and those of ``keys`` on no
    row ending the rows kept (an amount's comma beside the digits, not on a row alone)."""
    wanted = keys.upper()
    picked = ["".join(c for c in row if c in wanted) for row in rows]
    kept = tuple(row for row in picked if any(c.isalnum() for c in row))
    placed = "".join(kept)
    missing = "".join(c for c in wanted if c not in placed and c != " ")
    # Never wider than the layout's widest row and two keys more: a form's pattern
    # naming forty signs laid them all out in one row, a keyboard 3,000 px wide whose
    # last keys, and the page beside it, were off the screen.
    most = max(map(len, rows), default=10) + 2
    if not kept:
        return tuple(missing[at : at + most] for at in range(0, len(missing), most))
    return with_signs(kept, missing, most) if missing else kept


def with_signs(rows: tuple[str, ...], signs: str, most: int | None = None) -> tuple[str, ...]:
    """``rows`` with ``signs`` added at their ends, in order, each row filled up to the
    same width: the keys take no row of their own, unless they are more than rows of
    ``most`` keys hold (those left over go in rows of ``most`` under them)."""
    even = -(-(sum(map(len, rows)) + len(signs)) // len(rows))  # rounded up
    width = max(max(map(len, rows)), even if most is None else min(even, most))
    out = []
    for row in rows:
        taken, signs = signs[: width - len(row)], signs[width - len(row) :]
        out.append(row + taken)
    out += [signs[at : at + width] for at in range(0, len(signs), width)]
    return tuple(out)


class OnScreenKeyboard(QWidget):
    """Letters, digits, space, backspace and a key to close the keyboard."""

    closed = Signal()
    # Enter chose a field to type in (the keyboard is bound to it): its screen opens the
    # keyboard, as when the field takes the focus.
    chosen = Signal(QWidget)
    typed = Signal()  # a key typed into the bound field
    # Its keys were laid out again (another language, Latin letters): its height moved
    # for a moment, and a page above it may have scrolled.
    relaid = Signal()

    def __init__(
        self, *, for_forms: bool = False, language_of: Callable[[], str] | None = None
    ) -> None:
        """``language_of`` gives the language on screen; without it (identifiers) the
        keyboard is always Latin."""
        super().__init__()
        self.setObjectName("keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # Keys stay where a physical keyboard has them, in Arabic too (ض top left).
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._target: TextTarget | None = None
        # Held for its field: the focus went to the keys (by Enter on the field or by
        # Tab and the arrows); a field the focus passes on the way back does not take
        # the keyboard, it waits (``_waiting``, with its settings) for Enter or a tap.
        self._held = False
        self._waiting: tuple[TextTarget, bool, bool, str, bool] | None = None
        self._marked: TextTarget | None = None  # the field shown "typing here"
        self._leave_filter = False  # Escape is watched while the focus is in the keys
        self._capitalise = False
        self._for_forms = for_forms
        self._language_of = language_of
        self._latin_only = False  # the bound field takes an identifier
        self._only = ""  # the characters the bound field takes ("": any of its letters)
        self._signed = False  # its "-" makes a number negative: read "minus", not "hyphen"
        self._use_latin = False  # the citizen switched to Latin letters
        self.layout_name = ""
        self._laid_only = ""  # the ``_only`` its keys were laid out for
        self.compact = False  # laid out for a short window (``_controls_beside``)
        self._keys: list[QPushButton] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(12, 8, 12, 8)
        self._grid.setSpacing(KEY_GAP_PX)
        self.note = label(role="fieldLabel", name="keyboardNote")
        self.note.hide()
        self.shift = self._key("⇧", "keyShift")
        self.shift.setCheckable(True)
        # Shift on or off shows in the key (filled when on) and in the letters, which are
        # capitals only while it is on (a search keyboard, without shift, shows capitals).
        self.shift.toggled.connect(self._show_case)
        self.space = self._key("", "keySpace")
        self.space.clicked.connect(lambda: self._type(" "))
        self.backspace = self._key("⌫", "keyBackspace")
        self.backspace.clicked.connect(self._erase)
        self.hide_button = self._key("", "keyboardHide")
        self.hide_button.clicked.connect(self._close)
        self.switch = self._key("", "keyboardSwitch")
        self.switch.clicked.connect(self._switch_letters)
        self._lay_out()
        self.retranslate()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_moved)

    def _wanted_layout(self) -> str:
        return LATIN if self._latin_only or self._use_latin else self._native_layout()

    def _native_layout(self) -> str:
        return language(self._language_of()).keyboard if self._language_of else LATIN

    def on_short_panel(self) -> bool:
        """In a window lower than COMPACT_BELOW_PX (a 1280 x 800 panel)."""
        window = self.window()
        return window is not self and window.height() < COMPACT_BELOW_PX

    def _lay_out(self) -> None:
        """Places the keys of the layout the language and the field ask for."""
        name, compact = self._wanted_layout(), self.on_short_panel()
        if (name, self._only, compact) == (self.layout_name, self._laid_only, self.compact):
            return
        self.layout_name, self._laid_only, self.compact = name, self._only, compact
        layout = LAYOUTS.get(name, LAYOUTS[LATIN])
        for key in self._keys:
            self._grid.removeWidget(key)
            key.deleteLater()
        self._keys = []
        rows = with_signs(layout.rows, layout.form_row) if self._for_forms else layout.rows
        if self._only:
            rows = only_keys(layout.rows, self._only)
        width = max(len(keys) for keys in rows)
        self._grid.addWidget(self.note, 0, 0, 1, width)
        for row, keys in enumerate(rows, start=1):
            for column, char in enumerate(keys):
                key = self._key(char, f"key_{ord(char)}")
                key.clicked.connect(lambda _=False, c=char: self._type(c))
                self._grid.addWidget(key, row, column)
                self._keys.append(key)
        native = self._native_layout()
        # Whether the keyboard is on screen or not: isVisible() is False while it is hidden.
        switching = native != LATIN and not self._latin_only
        capitals = self._for_forms and layout.capitals and not self._only
        self.switch.setVisible(switching)
        self.switch.setText(LAYOUTS[LATIN if name != LATIN else native].switch_label)
        self.shift.setVisible(capitals)
        self.space.setVisible(not self._only or " " in self._only)
        for key in (self.hide_button, self.switch, self.shift, self.space, self.backspace):
            self._grid.removeWidget(key)
        if compact and len(rows) == len(ROWS):
            self._controls_beside(width)
        else:
            self._controls_below(len(rows) + 1, width)
        # On a short panel every key is KEY_PX high: the page above needs the height a
        # larger font would give the keys (Arabic's letters asked 80 px a row).
        tallest = KEY_PX if compact else QWIDGETSIZE_MAX
        controls = (self.hide_button, self.switch, self.shift, self.space, self.backspace)
        for key in (*self._keys, *controls):
            key.setMaximumHeight(tallest)
        self._show_note()
        self._show_case(self.shift.isChecked())
        self.relaid.emit()
        self._name_signs()

    def _controls_below(self, last: int, width: int) -> None:
        """Close, the letters switch, shift, space and backspace in a row of their own."""
        spacing = self.space.isVisibleTo(self)
        small = (2 if width <= 10 else 3) if spacing else width // 2
        self._grid.addWidget(self.hide_button, last, 0, 1, small)
        column = small
        for key in (self.switch, self.shift):
            if key.isVisibleTo(self):
                self._grid.addWidget(key, last, column, 1, 1)
                column += 1
        if spacing:
            self._grid.addWidget(self.space, last, column, 1, width - column - small)
            self._grid.addWidget(self.backspace, last, width - small, 1, small)
        else:  # Close and backspace share the row
            self._grid.addWidget(self.backspace, last, column, 1, width - column)

    def _controls_beside(self, width: int) -> None:
        """On a short panel the same keys in two columns after the letters' four rows,
        backspace at the top as on a physical keyboard: a row of keys less leaves the
        page above room for the field, its message and the button that goes on."""
        self._grid.addWidget(self.backspace, 1, width, 1, 2)
        shown = [key for key in (self.switch, self.shift) if key.isVisibleTo(self)]
        for column, key in enumerate(shown):
            self._grid.addWidget(key, 2, width + column, 1, 2 // len(shown))
        if self.space.isVisibleTo(self):
            self._grid.addWidget(self.space, 3, width, 1, 2)
        self._grid.addWidget(self.hide_button, 4, width, 1, 2)

    def _show_case(self, upper: bool) -> None:
        if not self.shift.isVisibleTo(self):
            # No shift: the letters show the case they type (an e-mail's small ones; a
            # codice fiscale's capitals, which its field writes whatever is typed).
            if not self._only or self._only == self._only.upper():
                return
            upper = False
        for key in self._keys:
            char = key.text()
            if char.isalpha() and char.upper() != char.lower():
                key.setText(char.upper() if upper else char.lower())

    def _show_note(self) -> None:
        # Chinese names are typed in Latin letters, as on the citizen's Italian documents.
        pinyin = self._language_of is not None and language(self._language_of()).types_in_latin
        self.note.setVisible(pinyin and not self._latin_only)

    def _switch_letters(self) -> None:
        self._use_latin = not self._use_latin
        self._lay_out()

    def _key(self, text: str, name: str) -> QPushButton:
        # A child from the start: shift and the letters switch are shown or hidden before
        # the grid takes them, and a parentless key shown would be a window of its own
        # (it took the activation, and with it every key of a keypad, from the kiosk).
        key = button(text, name=name, role="key", parent=self)
        key.setMinimumSize(KEY_PX, KEY_PX)  # border included (see the theme's keys)
        key.setAutoRepeat(name == "keyBackspace")
        return key

    def retranslate(self) -> None:
        self._use_latin = False
        self._lay_out()
        self.note.setText(self.tr("Type names in Latin letters (pinyin), as on your documents."))
        self.switch.setAccessibleName(self.tr("Other letters"))
        self._name_signs()
        self.space.setText(self.tr("space"))
        self.space.setAccessibleName(self.tr("space"))
        self.backspace.setAccessibleName(self.tr("Delete"))
        self.shift.setAccessibleName(self.tr("Capital letters"))
        self.hide_button.setText(self.tr("Close"))

    def _name_signs(self) -> None:
        """A voice would skip a bare sign: each sign key gets its name."""
        signs = {
            "'": self.tr("apostrophe"),
            ",": self.tr("comma"),
            "،": self.tr("comma"),  # the Arabic one
            ".": self.tr("full stop"),
            # A whole number's sign; in a text ("049-5590", a pattern's digits and
            # signs, the same keys) it joins parts.
            "-": self.tr("minus") if self._signed else self.tr("hyphen"),
            "@": self.tr("at sign"),
            "_": self.tr("underscore"),
            "/": self.tr("slash"),
            "+": self.tr("plus"),
        }
        for key in self._keys:
            if key.text() in signs:
                key.setAccessibleName(signs[key.text()])

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def bind(
        self,
        target: TextTarget,
        *,
        capitalise: bool = False,
        latin_only: bool = False,
        moved_on: bool = False,
        keys: str = "",
        signed: bool = False,
    ) -> None:
        """Types into ``target``; with ``capitalise`` each word starts with a capital;
        ``latin_only`` for an identifier (codice fiscale, IBAN, phone, e-mail); ``keys``
        the only characters it takes (LETTERS_AND_DIGITS for a codice fiscale), if so: small
        letters among them are shown small and typed so (an e-mail address).
        ``signed``: the field takes a number, whose "-" key makes it negative.

        While the keyboard is held for another field (the citizen types by keys), a
        field the focus passes on the way does not take it: it waits for Enter or a
        tap. ``moved_on``: the form moved on by itself (a date's next box), so it does."""
        self._watch(target)
        latin_only = latin_only or bool(keys)
        if self._held and self._target not in (None, target) and not moved_on:
            self._waiting = (target, capitalise, latin_only, keys, signed)
            return
        self._attach(target, capitalise, latin_only, keys, signed)

    def _attach(
        self,
        target: TextTarget,
        capitalise: bool,
        latin_only: bool,
        keys: str,
        signed: bool = False,
    ) -> None:
        self.unbind(keep_hold=True)
        self._target = target
        self._capitalise = capitalise
        self._latin_only = latin_only
        self._only = keys
        self._signed = signed
        self._use_latin = False
        self._lay_out()
        self._name_signs()  # the same keys may be laid out already, for another field
        # A field deleted under the keyboard (its page was replaced) takes the keyboard
        # with it: keys must never reach a deleted field.
        target.destroyed.connect(self._target_gone)
        self._auto_shift()
        self._show_mark()

    def _watch(self, target: TextTarget) -> None:
        """Enter and taps on ``target`` reach the keyboard (a text box's taps land on
        its viewport)."""
        target.installEventFilter(self)
        if isinstance(target, QPlainTextEdit):
            target.viewport().installEventFilter(self)

    def choose(self, target: TextTarget) -> None:
        """The citizen chose ``target`` by keys: the keyboard types into it, opened by
        its screen, and the focus goes to its first key."""
        same = target is self._target
        settings = (
            (self._capitalise, self._latin_only, self._only, self._signed)
            if same
            else (False, False, "", False)
        )
        waiting = self._waiting
        if waiting is not None and waiting[0] is target:
            settings = waiting[1:]
        self._attach(target, *settings)
        self.chosen.emit(target)
        if self.isHidden():
            # A screen that opens its keyboard when its field takes the focus: the field
            # has it already, so it is told again.
            focus_in = QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.OtherFocusReason)
            QApplication.sendEvent(target, focus_in)
        if self.isHidden() or self._target is not target or not self._keys:
            return
        self._held = True
        self._keys[0].setFocus(Qt.FocusReason.TabFocusReason)
        self._show_mark()

    def bound_to(self) -> TextTarget | None:
        """The field it types into, if any."""
        return self._target

    def unbind(self, *, keep_hold: bool = False) -> None:
        """Types nowhere until bound again."""
        if self._target is not None:
            with suppress(RuntimeError, TypeError):  # already gone, or never connected
                self._target.destroyed.disconnect(self._target_gone)
        self._target = None
        if not keep_hold:
            self._release()

    def _release(self) -> None:
        """Not held any more: the next field to take the focus takes the keyboard."""
        self._held = False
        self._waiting = None
        self._show_mark()

    def _target_gone(self) -> None:
        self._target = None
        self._release()
        if self.isVisible():
            self._close()

    def _show_mark(self) -> None:
        """While held, the field typed into keeps a thicker border and names the
        keyboard (its accessible description), wherever the focus is."""
        held = self._target if self._held and not self.isHidden() else None
        if held is self._marked:
            return
        old, self._marked = self._marked, held
        if old is not None and shiboken6.isValid(old):
            old.setStyleSheet("")
            old.setProperty("typingHere", False)
        name = ""
        if held is not None:
            held.setStyleSheet(TYPING_HERE)
            held.setProperty("typingHere", True)
            face = QAccessible.queryAccessibleInterface(held)
            name = face.text(QAccessible.Text.Name) if face is not None else ""
        self.setAccessibleDescription(name)

    def _focus_inside(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and self.isAncestorOf(focus)

    @quiet_slot
    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self):
            return
        inside = new is not None and self.isAncestorOf(new)
        if inside and self._target is not None and not self._held:
            self._held = True  # reached by Tab or the arrows: held for the field bound
            self._show_mark()
        if inside != self._leave_filter:
            # On the application, only while a key has the focus: before the key
            # navigation's own filter, which would take Escape back a page.
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            if inside:
                install_on_application(self)  # behind the scanner's reader
            else:
                app.removeEventFilter(self)
            self._leave_filter = inside

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in BACK_KEYS and isinstance(watched, QWidget) and self.isAncestorOf(watched):
                if not event.isAutoRepeat():
                    self._close()
                return True
            if key in ACTIVATE_KEYS and isinstance(watched, TextTarget):
                if not event.isAutoRepeat():
                    self.choose(watched)
                return True
            return False
        if kind == QEvent.Type.MouseButtonPress and self._held:
            # A tap on a field: touch as always, the keyboard follows the finger.
            field = watched.parent() if not isinstance(watched, TextTarget) else watched
            if isinstance(field, TextTarget) and field is not self._target:
                waiting = self._waiting
                self._release()
                if waiting is not None and waiting[0] is field:
                    self._attach(*waiting)
        return False

    def showEvent(self, event: QShowEvent) -> None:
        self._lay_out()  # the window may have been resized since (four rows or five)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._release()
        super().hideEvent(event)

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
        self.typed.emit()

    def _erase(self) -> None:
        if isinstance(self._target, QLineEdit):
            self._target.backspace()
        elif isinstance(self._target, QPlainTextEdit):
            self._target.textCursor().deletePreviousChar()
        self._auto_shift()

    def _close(self) -> None:
        """Closed by its key (or Escape in the keys): a citizen typing by keys gets the
        focus back on the field, its screen then closing the keyboard it reopened."""
        target, inside = self._target, self._focus_inside()
        self._release()
        if inside and target is not None and target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.hide()
        self.closed.emit()
