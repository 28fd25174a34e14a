# SPDX-License-Identifier: EUPL-1.2
"""One widget per kind of form field, each with its question, its help and its error.

A field shows the answer it is given and hands back what the citizen entered as an
answer value for forms/ to check (typed text that cannot be read is handed back as it
is, so the check explains it and nothing typed is lost). Every text is plain text: the
questions come from the platform.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.answer_input import (
    amount_cents,
    amount_text,
    date_boxes,
    date_parts,
    date_text,
    iso_date,
    whole_number,
)
from kiosk.core.apply_review import Option
from kiosk.ui.widgets.common import (
    CardButton,
    button,
    card,
    citizen_field,
    label,
    personal,
    upper_case_as_typed,
)
from kiosk.ui.widgets.settle import Settling
from languages import CODES, numbers_left_to_right
from languages.catalog import translate
from store.catalog import pick

LINE_KINDS = ("text", "integer", "money", "codice_fiscale", "iban", "phone", "email")
UPPER_KINDS = ("codice_fiscale", "iban")


def placeholder(kind: str) -> str:
    return {
        "date": QCoreApplication.translate("FormFields", "dd/mm/yyyy"),
        "money": QCoreApplication.translate("FormFields", "amount in euro, e.g. 150,00"),
        "codice_fiscale": QCoreApplication.translate("FormFields", "16 letters and digits"),
        "phone": QCoreApplication.translate("FormFields", "e.g. 347 123 4567"),
        "email": QCoreApplication.translate("FormFields", "e.g. name@example.it"),
        "iban": QCoreApplication.translate("FormFields", "IT followed by 25 letters and digits"),
    }.get(kind, "")


class FieldWidget(QWidget):
    """The question, its help line, the input (built by subclasses) and the error line."""

    edited = Signal()

    def __init__(self, item: Mapping[str, Any]) -> None:
        super().__init__()
        self.item = item
        self.name = str(item["name"])
        self.setObjectName(f"field_{self.name}")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 8, 0, 8)
        self.column.setSpacing(8)
        self.question = label(role="fieldLabel", name=f"question_{self.name}")
        self.help = label(role="muted")
        self.error = label(role="fieldError", name=f"error_{self.name}")
        self.column.addWidget(self.question)
        self.column.addWidget(self.help)
        self.error.hide()
        self.input_hint = ""  # the format its text inputs expect ("16 letters and digits")
        self.typing = False  # the page's on-screen keyboard is open

    def finish(self) -> None:
        """Subclasses call this after adding their input: the error goes under it."""
        self.column.addWidget(self.error)

    @property
    def required(self) -> bool:
        item = self.item
        at_least_one = item["type"] == "repeat" and item.get("min", 0) > 0
        return bool(item.get("required")) or "required_if" in item or at_least_one

    def value(self) -> Any:
        return None

    def set_value(self, value: Any) -> None:
        """Shows a stored answer."""

    def set_error(self, text: str | None) -> None:
        self.error.setText(f"⚠  {text}" if text else "")
        self.error.setVisible(bool(text))
        self._describe_inputs()

    def text_inputs(self) -> list[QWidget]:
        """The inputs the on-screen keyboard types into."""
        return []

    def set_typing(self, typing: bool) -> None:
        """The page's keyboard opened or closed: a line that repeats what the box says
        gives its room to the message and to Next while the keys take the page's."""
        self.typing = typing

    def answer_buttons(self) -> list[QAbstractButton]:
        """The buttons that answer the question (a choice's, a declaration's)."""
        return []

    def _describe_inputs(self) -> None:
        """What the voice adds to an input's name: "Sì" or "Confermo" said nothing
        without their question (two declarations were both "Confermo"), and the error
        under a field was said once, never when its input had the focus again."""
        error = self.error.text()
        for answer in self.answer_buttons():
            answer.setAccessibleDescription(
                ". ".join(t for t in (self.question.text(), error) if t)
            )
        for typed in self.text_inputs():
            typed.setAccessibleDescription(". ".join(t for t in (self.input_hint, error) if t))

    def retranslate(self, lang: str) -> None:
        question = pick(self.item.get("label", {}), lang)
        # A label that qualifies itself ("E-mail (se ce l'hai)") needs no second note.
        qualified = question.rstrip().endswith((")", "）", "]", "】", "〕"))
        if not self.required and not qualified and self.item["type"] not in ("note", "declaration"):
            question = QCoreApplication.translate("FormFields", "{question} (optional)").format(
                question=question
            )
        self.question.setText(question)
        self.help.setText(pick(self.item["help"], lang) if "help" in self.item else "")
        self.help.setVisible("help" in self.item)
        self._describe_inputs()


class NoteField(FieldWidget):
    def __init__(self, item: Mapping[str, Any]) -> None:
        super().__init__(item)
        self.question.setProperty("role", None)
        self.finish()


class LineField(FieldWidget):
    """One line of typed text: names, numbers, amounts, dates, codes, phone, e-mail."""

    def __init__(self, item: Mapping[str, Any]) -> None:
        super().__init__(item)
        self.kind = str(item["type"])
        self.input = citizen_field(QLineEdit())
        self.input.setObjectName(f"input_{self.name}")
        self.input.setMaxLength(int(item.get("max_length", 300)))
        if self.kind in UPPER_KINDS:
            upper_case_as_typed(self.input)
        self.input.textChanged.connect(lambda _text: self.edited.emit())
        self._lang = "it"  # how an amount is shown again
        self.question.setBuddy(self.input)  # the field's accessible name
        # Its format in words under the box (a placeholder goes away as one types).
        self.hint = label(role="muted", name=f"hint_{self.name}")
        row = QHBoxLayout()
        if self.kind == "money":
            row.addWidget(label("€", role="heading"))
        row.addWidget(self.input, 1)
        if self.kind in ("integer", "money", "date"):
            row.addStretch(1)  # short answers get a short field
        self.column.addLayout(row)
        self.column.addWidget(self.hint)
        self.finish()

    def value(self) -> Any:
        text = self.input.text()
        if self.kind == "money":
            return amount_cents(text)
        if self.kind == "integer":
            return whole_number(text)
        if self.kind == "date":
            return iso_date(text)
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        if value is None:
            text = ""
        elif self.kind == "money" and type(value) is int:
            text = amount_text(value, self._lang)
        elif self.kind == "date":
            text = date_text(value)
        else:
            text = str(value)
        if text != self.input.text():
            self.input.setText(text)

    def text_inputs(self) -> list[QWidget]:
        return [self.input]

    def set_typing(self, typing: bool) -> None:
        # The format stays the box's placeholder and its accessible description.
        super().set_typing(typing)
        self.hint.setVisible(bool(self.hint.text()) and not typing)

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        if self.kind == "money":
            # An amount shown as the kiosk writes it is shown again the new language's way
            # ("1.250,50" becomes "1,250.50"); what the citizen typed otherwise stays.
            shown = self.value()
            before, self._lang = self._lang, lang
            if type(shown) is int and self.input.text() == amount_text(shown, before):
                self.set_value(shown)
        # "347 123 4567" stays as typed under an Arabic field, not "4567 123 347".
        hint = numbers_left_to_right(placeholder(self.kind), lang)
        self.input.setPlaceholderText(hint)
        self.hint.setText(hint)
        self.input_hint = hint
        self.set_typing(self.typing)
        self._describe_inputs()


class DateField(FieldWidget):
    """A date as three boxes, day, month and year, each named above it: no format to
    remember, and the keyboard moves on by itself once a box is full. A whole date typed
    or pasted into the first box ("23/01/1941") is spread over the three."""

    PARTS = (("day", 2, 110), ("month", 2, 110), ("year", 4, 170))  # name, digits, width

    def __init__(self, item: Mapping[str, Any]) -> None:
        super().__init__(item)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.boxes: list[QLineEdit] = []
        self.captions: list[Any] = []
        for index, (part, digits, width) in enumerate(self.PARTS):
            column = QVBoxLayout()
            column.setSpacing(4)
            caption = label(role="muted", name=f"dateCaption_{self.name}_{part}")
            box = citizen_field(QLineEdit())
            # The first box keeps the field's own name: it also takes a whole date.
            box.setObjectName(f"input_{self.name}" if index == 0 else f"input_{self.name}_{part}")
            box.setMinimumWidth(width)
            box.setMaximumWidth(width + 60)
            if index == 0:
                box.setMaxLength(10)
            else:
                box.setMaxLength(digits)
                box.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]*"), box))
            box.textChanged.connect(lambda text, i=index: self._typed(i, text))
            caption.setBuddy(box)
            column.addWidget(caption)
            column.addWidget(box)
            row.addLayout(column)
            self.boxes.append(box)
            self.captions.append(caption)
        row.addStretch(1)
        self.input = self.boxes[0]
        self.column.addLayout(row)
        self.finish()

    def _typed(self, index: int, text: str) -> None:
        self.edited.emit()
        if index == 0 and len(text) > 2:
            parts = date_parts(text)
            if parts is not None:  # a whole date in the first box
                for box, part in zip(self.boxes, parts, strict=True):
                    box.setText(part)
                self.boxes[2].setFocus()
                self.boxes[2].end(False)
                return
        digits = self.PARTS[index][1]
        box = self.boxes[index]
        full = len(text) == digits and text.isdigit() and box.cursorPosition() == digits
        if full and index < 2 and box.hasFocus():
            self.boxes[index + 1].setFocus()  # the on-screen keyboard follows the focus

    def value(self) -> Any:
        day, month, year = (box.text().strip() for box in self.boxes)
        if not (day or month or year):
            return None
        # Unreadable or impossible (31/02) comes back as typed, for the form to explain.
        return iso_date(f"{day}/{month}/{year}")

    def set_value(self, value: Any) -> None:
        for box, part in zip(self.boxes, date_boxes(value), strict=True):
            if box.text() != part:
                box.blockSignals(True)
                box.setText(part)
                box.blockSignals(False)

    def text_inputs(self) -> list[QWidget]:
        return list(self.boxes)

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        names = (
            QCoreApplication.translate("FormFields", "Day"),
            QCoreApplication.translate("FormFields", "Month"),
            QCoreApplication.translate("FormFields", "Year"),
        )
        question = self.question.text()
        for box, caption, name in zip(self.boxes, self.captions, names, strict=True):
            caption.setText(name)
            box.setAccessibleName(f"{question}: {name}")


class LongTextField(FieldWidget):
    def __init__(self, item: Mapping[str, Any]) -> None:
        super().__init__(item)
        self.input = citizen_field(QPlainTextEdit())
        self.input.setObjectName(f"input_{self.name}")
        self.input.setFixedHeight(170)
        self.input.textChanged.connect(self.edited)
        self.question.setBuddy(self.input)
        self.column.addWidget(self.input)
        self.finish()

    def value(self) -> Any:
        text = self.input.toPlainText()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        if (value or "") != self.input.toPlainText():
            self.input.setPlainText(str(value or ""))

    def text_inputs(self) -> list[QWidget]:
        return [self.input]


RESTYLED_AFTER = (
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.FocusOut,
    QEvent.Type.Leave,
    QEvent.Type.Hide,
)


class AnswerButton(CardButton):
    """An answer to tap, its label wrapped over as many lines as it needs: a button's
    own text cannot wrap, and an answer longer than half the form ("Contributi comunali
    o regionali per l'affitto o le utenze") was cut at both ends."""

    def __init__(self, *, name: str) -> None:
        super().__init__(name=name, role="choice")
        self._outer.setContentsMargins(8, 6, 8, 6)  # inside the button's own padding
        for changed in (self.toggled, self.pressed, self.released):
            changed.connect(lambda *_: self._restyle())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # A press released off the button (a drag the kinetic scroll took over) ends
        # its pressed look with no signal: its label would keep the pressed colour, on
        # a chosen answer the colour of the button itself.
        if event.type() in RESTYLED_AFTER:
            self._restyle()
        return handled

    def set_answer(self, text: str) -> None:
        self.set_lines([(text, "answer")])
        for line in self.findChildren(QLabel):
            line.setAlignment(Qt.AlignmentFlag.AlignCenter)  # as a button's own text
        self._restyle()

    def _restyle(self) -> None:
        # The label takes the colour of the button's state (a style sheet cannot follow
        # a parent's state): light on a chosen answer, dark while pressed or not chosen.
        on = self.isChecked() and not self.isDown()
        for line in self.findChildren(QLabel):
            if line.property("on") != on:
                line.setProperty("on", on)
                line.style().unpolish(line)
                line.style().polish(line)


class ChoiceField(FieldWidget):
    """Big answer buttons: one answer (choice, Comune, yes/no) or several (multi choice).

    A chosen button says so in words as well as colour: "✓" before its text.
    """

    def __init__(
        self,
        item: Mapping[str, Any],
        options: Sequence[Option],
        *,
        several: bool = False,
        exclusive: Collection[Any] = (),
    ) -> None:
        super().__init__(item)
        self.options = list(options)
        self.several = several
        self.exclusive_values = set(exclusive)  # answers that rule out the others
        self.group = QButtonGroup(self)
        self.group.setExclusive(not several)
        self.buttons: list[AnswerButton] = []
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = len(options) if len(options) <= 2 else 2
        for index, _option in enumerate(self.options):
            choice = AnswerButton(name=f"choice_{self.name}_{index}")
            choice.setCheckable(True)
            choice.toggled.connect(lambda _on, b=choice: self._mark(b))
            choice.clicked.connect(lambda on, i=index: self._chosen(i, on))
            self.group.addButton(choice, index)
            self.buttons.append(choice)
            grid.addWidget(choice, index // columns, index % columns)
        self.column.addLayout(grid)
        self.finish()
        self._lang = "it"

    def answer_buttons(self) -> list[QAbstractButton]:
        return list(self.buttons)

    def _exclusive(self, index: int) -> bool:
        return self.options[index][0] in self.exclusive_values

    def _chosen(self, index: int, on: bool) -> None:
        """An exclusive answer ("None") clears the others; any other clears it."""
        if on and self.several:
            for other, choice in enumerate(self.buttons):
                if other != index and (self._exclusive(index) or self._exclusive(other)):
                    choice.setChecked(False)
        self.edited.emit()

    def _mark(self, choice: AnswerButton) -> None:
        index = self.buttons.index(choice)
        text = pick(self.options[index][1], self._lang)
        choice.set_answer(f"✓  {text}" if choice.isChecked() else text)

    def value(self) -> Any:
        chosen = [
            value for (value, _), b in zip(self.options, self.buttons, strict=True) if b.isChecked()
        ]
        if self.several:
            return chosen or None
        return chosen[0] if chosen else None

    def set_value(self, value: Any) -> None:
        wanted = list(value) if self.several and isinstance(value, list) else [value]
        self.group.setExclusive(False)  # lets "nothing chosen" be shown again
        for (option, _), choice in zip(self.options, self.buttons, strict=True):
            # Each answer ticks one button: a form published with two answers of the same
            # value showed both chosen, and a multi choice then held the value twice
            # ("Choose one of the answers offered" for the one answer chosen).
            at = next(
                (i for i, w in enumerate(wanted) if option == w and type(option) is type(w)), None
            )
            if at is not None:
                del wanted[at]
            choice.setChecked(at is not None)
        self.group.setExclusive(not self.several)

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        self._lang = lang
        for choice in self.buttons:
            self._mark(choice)
        if self.several:  # else several answers look like a choice of one
            several = QCoreApplication.translate("FormFields", "You can choose more than one.")
            self.help.setText(f"{self.help.text()} {several}".strip())
            self.help.setVisible(True)


class DeclarationField(FieldWidget):
    """A self-declaration: its full text, and one large button to confirm it."""

    def __init__(self, item: Mapping[str, Any]) -> None:
        super().__init__(item)
        self.question.setProperty("role", None)
        self.confirm = button(name=f"confirm_{self.name}", role="choice")
        self.confirm.setCheckable(True)
        self.confirm.toggled.connect(lambda _on: self._mark())
        self.confirm.clicked.connect(lambda _=False: self.edited.emit())
        row = QHBoxLayout()
        row.addWidget(self.confirm)
        row.addStretch(1)
        self.column.addLayout(row)
        self.finish()

    def answer_buttons(self) -> list[QAbstractButton]:
        return [self.confirm]

    def _mark(self) -> None:
        self.confirm.setText(
            QCoreApplication.translate("FormFields", "✓  I confirm")
            if self.confirm.isChecked()
            else QCoreApplication.translate("FormFields", "I confirm")
        )

    def value(self) -> Any:
        return self.confirm.isChecked()

    def set_value(self, value: Any) -> None:
        self.confirm.setChecked(value is True)

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        self._mark()


class RepeatField(FieldWidget):
    """A list of people (household members): one card each, to change or remove, and a
    button to add one. The members are edited on a page of their own (see the wizard)."""

    add_requested = Signal()
    edit_requested = Signal(int)
    remove_requested = Signal(int)

    def __init__(
        self, item: Mapping[str, Any], describe: Callable[[Mapping[str, Any], Any], str]
    ) -> None:
        super().__init__(item)
        self.describe = describe
        self.members: list[Mapping[str, Any]] = []
        self.member_errors: dict[int, list[str]] = {}
        self.list = QVBoxLayout()
        self.list.setSpacing(12)
        self.column.addLayout(self.list)
        self.add_button = button(name=f"add_{self.name}", role="primary")
        self.add_button.clicked.connect(self.add_requested)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.finish()
        self._cards: list[QWidget] = []

    def value(self) -> Any:
        return [dict(member) for member in self.members]

    def set_value(self, value: Any) -> None:
        self.members = list(value) if isinstance(value, list) else []
        self._rebuild()

    def set_member_errors(self, errors: dict[int, list[str]]) -> None:
        self.member_errors = errors
        self._rebuild()

    def _rebuild(self) -> None:
        for old in self._cards:
            old.hide()
            old.deleteLater()
        self._cards = []
        for index, member in enumerate(self.members, start=1):
            frame = card()
            frame.setObjectName(f"member_{self.name}_{index}")
            row = QHBoxLayout(frame)
            row.setContentsMargins(24, 12, 16, 12)
            row.setSpacing(16)  # "Change" and "Remove" at least 8 px apart
            text = QVBoxLayout()
            text.addWidget(
                label(
                    QCoreApplication.translate("FormFields", "Person {n}").format(n=index),
                    role="cardTitle",
                )
            )
            # A household member's name, codice fiscale and birth date: heard only
            # through a headset in spoken mode (EN 301 549 5.1.3.9).
            text.addWidget(personal(label(self.describe(self.item, member))))
            for message in self.member_errors.get(index, []):
                text.addWidget(label(f"⚠  {message}", role="fieldError"))
            row.addLayout(text, 1)
            change = button(
                QCoreApplication.translate("FormFields", "Change"), name=f"edit_{self.name}_{index}"
            )
            change.clicked.connect(lambda _=False, i=index - 1: self.edit_requested.emit(i))
            remove = button(
                QCoreApplication.translate("FormFields", "Remove"),
                name=f"remove_{self.name}_{index}",
                role="chip",
            )
            self._removal(index - 1, remove)
            row.addWidget(change, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(remove, 0, Qt.AlignmentFlag.AlignVCenter)
            self.list.addWidget(frame)
            frame.show()  # at once: a layout would only post the show
            self._cards.append(frame)
        self.add_button.setEnabled(len(self.members) < int(self.item.get("max", 50)))

    def _removal(self, index: int, remove: QPushButton) -> None:
        """Two taps remove a person: a finger that slipped removes nobody. The second
        is asked for on the same button, so a double tap's second press is dropped."""
        settling = Settling(remove, lambda: self._remove(index, settling))

    def _remove(self, index: int, settling: Settling) -> None:
        remove = settling.target
        if remove is None:
            return
        if remove.property("armed"):
            self.remove_requested.emit(index)
            return
        remove.setProperty("armed", True)
        settling.set_text(QCoreApplication.translate("FormFields", "Tap again to remove"))

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        self.add_button.setText(QCoreApplication.translate("FormFields", "+ Add a person"))
        self._rebuild()


def field_widget(
    item: Mapping[str, Any],
    choices: Mapping[str, Sequence[Mapping[str, Any]]],
    comuni: Sequence[Option],
    describe: Callable[[Mapping[str, Any], Any], str],
) -> FieldWidget | None:
    """The widget for one field of a definition; None for values the form calculates."""
    kind = item["type"]
    if kind in LINE_KINDS:
        return LineField(item)
    if kind == "date":
        return DateField(item)
    if kind == "long_text":
        return LongTextField(item)
    if kind in ("choice", "multi_choice"):
        listed = choices[item["choices"]]
        options = [(c["value"], c["label"]) for c in listed]
        exclusive = [c["value"] for c in listed if c.get("exclusive")]
        return ChoiceField(item, options, several=kind == "multi_choice", exclusive=exclusive)
    if kind == "yes_no":
        # In every language, from the catalogs (the same words the review shows).
        yes = {code: translate("FormFields", "Yes", code) for code in CODES}
        no = {code: translate("FormFields", "No", code) for code in CODES}
        yes_no = [(True, yes), (False, no)]
        return ChoiceField(item, yes_no)
    if kind == "comune":
        return ChoiceField(item, comuni)
    if kind == "declaration":
        return DeclarationField(item)
    if kind == "repeat":
        return RepeatField(item, describe)
    if kind == "note":
        return NoteField(item)
    return None  # calculated
