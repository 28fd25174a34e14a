# SPDX-License-Identifier: EUPL-1.2
"""Each kind of field gets the keys of what it takes, and nothing else: a phone number,
an e-mail address, a date, a whole number and an amount were typed on the general
keyboard (accented letters, shift, signs), keys an elderly citizen looked for their
number among and that typed characters the field then refused. Every answer the field
takes can still be typed by tapping the keys, and every sign key has a spoken name."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from forms.lookup import tracking_code
from forms.patterns import full_match
from forms.validators import email, phone
from kiosk.ui.widgets.common import ScrollList
from kiosk.ui.widgets.form_fields import DateField, FieldWidget, LineField, field_widget
from kiosk.ui.widgets.form_keyboard import FormKeyboard
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from tests.conftest import SCREENSHOT_DIR, texts_cut_off
from tests.kiosk.people import prefilled, shown
from tests.kiosk.views import add_to_cart, on_window, out_of_view

DIGITS = set(string.digits)
LOWER = set(string.ascii_lowercase)
# The names a voice gives the sign keys (the keyboard's own, in English).
SIGN_NAMES = {
    "+": "plus",
    "@": "at sign",
    ".": "full stop",
    "_": "underscore",
    "-": "hyphen",
    "/": "slash",
    ",": "comma",
}


class FormPage:
    """A form page of real field widgets over the form's on-screen keyboard."""

    def __init__(self, qtbot, items: list[Mapping[str, Any]], lang: str = "it") -> None:  # type: ignore[no-untyped-def]
        self.lang = lang
        self.page = QWidget()
        qtbot.addWidget(self.page)
        column = QVBoxLayout(self.page)
        self.area = ScrollList(name="formArea")
        column.addWidget(self.area)
        self.widgets: list[FieldWidget] = []
        for item in items:
            widget = field_widget(item, {}, [], lambda _item, _value: "")
            assert widget is not None
            widget.retranslate(lang)
            self.area.add(widget)
            self.widgets.append(widget)
        self.typing = FormKeyboard(
            self.page, self.area, lambda: self.widgets, [], lambda: self.lang
        )
        column.addWidget(self.typing.keyboard)
        self.page.resize(1280, 800)
        self.page.show()
        self.keyboard = self.typing.keyboard


def tap_field(qtbot, box: QLineEdit, keyboard: OnScreenKeyboard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: keyboard.isVisible() and keyboard.bound_to() is box)


def keys_shown(keyboard: OnScreenKeyboard) -> list[str]:
    """The characters on the keys shown, as shown, each once (the space bar as " ")."""
    QApplication.processEvents()  # new keys are shown once the event loop runs
    shown = [key.text() for key in keyboard._keys if key.isVisible()]
    assert len(shown) == len(set(shown)), shown
    return sorted(shown + ([" "] if keyboard.space.isVisible() else []))


def tap_keys(qtbot, keyboard: OnScreenKeyboard, text: str) -> None:  # type: ignore[no-untyped-def]
    for char in text:
        QApplication.processEvents()
        if char == " ":
            key = keyboard.space
        else:
            [key] = [k for k in keyboard._keys if k.isVisible() and k.text() == char]
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def assert_named(keyboard: OnScreenKeyboard, names: Mapping[str, str] = SIGN_NAMES) -> None:
    """A voice says each sign key's name, not nothing."""
    for key in keyboard._keys:
        if key.isVisible() and key.text() in names:
            assert key.accessibleName() == names[key.text()], key.text()


def _line(kind: str, **more: Any) -> dict[str, Any]:
    return {"name": f"a_{kind}", "type": kind, "label": {"it": kind}, **more}


def test_a_phone_number_gets_digits_plus_and_space(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = FormPage(qtbot, [_line("phone")])
    [widget] = form.widgets
    assert isinstance(widget, LineField)
    tap_field(qtbot, widget.input, form.keyboard)
    assert keys_shown(form.keyboard) == sorted(DIGITS | {"+", " "})
    assert not form.keyboard.shift.isVisible() and not form.keyboard.switch.isVisible()
    assert_named(form.keyboard)
    tap_keys(qtbot, form.keyboard, "+39 347 123 4567")
    assert widget.input.text() == "+39 347 123 4567"
    assert phone(widget.input.text()) == "+393471234567"


def test_an_email_address_gets_small_letters_digits_and_its_signs(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = FormPage(qtbot, [_line("email")])
    [widget] = form.widgets
    assert isinstance(widget, LineField)
    tap_field(qtbot, widget.input, form.keyboard)
    assert keys_shown(form.keyboard) == sorted(LOWER | DIGITS | set("@._-+"))
    assert not form.keyboard.shift.isVisible() and not form.keyboard.space.isVisible()
    assert_named(form.keyboard)
    tap_keys(qtbot, form.keyboard, "mario.rossi_58+bs@comune-piazzola.it")
    assert email(widget.input.text()) == "mario.rossi_58+bs@comune-piazzola.it"


def test_an_email_keyboard_keeps_four_rows_on_a_short_panel(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = FormPage(qtbot, [_line("email")])
    tap_field(qtbot, form.widgets[0].input, form.keyboard)  # type: ignore[attr-defined]
    assert form.keyboard.compact
    rows = {
        form.keyboard._grid.getItemPosition(form.keyboard._grid.indexOf(k))[0]
        for k in form.keyboard._keys
    }
    assert len(rows) == 4


def test_a_date_gets_digits_and_its_day_box_the_slash_of_a_whole_date(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = FormPage(qtbot, [_line("date")])
    [widget] = form.widgets
    assert isinstance(widget, DateField)
    day, month, year = widget.boxes
    tap_field(qtbot, day, form.keyboard)
    assert keys_shown(form.keyboard) == sorted(DIGITS | {"/"})
    assert_named(form.keyboard)
    tap_keys(qtbot, form.keyboard, "23")  # the keys follow the focus to the month
    qtbot.waitUntil(lambda: form.keyboard.bound_to() is month)
    assert keys_shown(form.keyboard) == sorted(DIGITS)
    tap_keys(qtbot, form.keyboard, "01")
    qtbot.waitUntil(lambda: form.keyboard.bound_to() is year)
    assert keys_shown(form.keyboard) == sorted(DIGITS)
    tap_keys(qtbot, form.keyboard, "1941")
    assert widget.value() == "1941-01-23"
    # A whole date in the day box, as the field takes it.
    for box in widget.boxes:
        box.clear()
    tap_field(qtbot, day, form.keyboard)
    tap_keys(qtbot, form.keyboard, "5/3/1941")
    assert widget.value() == "1941-03-05"


@pytest.mark.parametrize(
    ("lang", "sign", "typed", "cents"),
    [("it", ",", "1250,50", 125050), ("ro", ",", "12,5", 1250), ("en", ".", "1250.50", 125050)],
)
def test_an_amount_gets_digits_and_the_decimal_sign_of_its_language(  # type: ignore[no-untyped-def]
    qtbot, lang: str, sign: str, typed: str, cents: int
) -> None:
    form = FormPage(qtbot, [_line("money", min=0)], lang=lang)
    [widget] = form.widgets
    assert isinstance(widget, LineField)
    tap_field(qtbot, widget.input, form.keyboard)
    assert keys_shown(form.keyboard) == sorted(DIGITS | {sign})
    assert_named(form.keyboard, {",": "comma", ".": "full stop"})
    tap_keys(qtbot, form.keyboard, typed)
    assert widget.value() == cents


def test_an_amount_being_typed_gets_the_new_languages_decimal_sign(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = FormPage(qtbot, [_line("money", min=0)], lang="it")
    tap_field(qtbot, form.widgets[0].input, form.keyboard)  # type: ignore[attr-defined]
    assert "," in keys_shown(form.keyboard)
    form.lang = "en"
    form.typing.retranslate()
    assert keys_shown(form.keyboard) == sorted(DIGITS | {"."})


@pytest.mark.parametrize(
    ("more", "keys", "typed", "number"),
    [
        ({"min": 0}, DIGITS, "42", 42),
        ({}, DIGITS | {"-"}, "-3", -3),
        ({"min": -5}, DIGITS | {"-"}, "-5", -5),
        ({"min": 0.0}, DIGITS, "7", 7),  # JSON Schema's "integer" takes 0.0
    ],
    ids=["at-least-zero", "any", "below-zero", "at-least-zero-written-0.0"],
)
def test_a_whole_number_gets_digits_and_a_minus_only_if_it_can_be_negative(  # type: ignore[no-untyped-def]
    qtbot, more: dict[str, Any], keys: set[str], typed: str, number: int
) -> None:
    form = FormPage(qtbot, [_line("integer", **more)])
    [widget] = form.widgets
    assert isinstance(widget, LineField)
    tap_field(qtbot, widget.input, form.keyboard)
    assert keys_shown(form.keyboard) == sorted(keys)
    assert_named(form.keyboard, {"-": "minus"})
    tap_keys(qtbot, form.keyboard, typed)
    assert widget.value() == number


@pytest.mark.parametrize(
    ("pattern", "keys", "typed"),
    [
        (r"\d{5}", DIGITS, "35016"),  # a postcode (CAP)
        (r"[0-9]{3}-[0-9]{4}", DIGITS | {"-"}, "049-5590"),
        (r"(?:\d{2}/)?\d{4}", DIGITS | {"/"}, "03/2026"),
    ],
)
def test_a_text_whose_pattern_takes_digits_and_signs_gets_their_keys(  # type: ignore[no-untyped-def]
    qtbot, pattern: str, keys: set[str], typed: str
) -> None:
    form = FormPage(qtbot, [_line("text", pattern=pattern)])
    [widget] = form.widgets
    assert isinstance(widget, LineField)
    tap_field(qtbot, widget.input, form.keyboard)
    assert keys_shown(form.keyboard) == sorted(keys)
    assert not form.keyboard.shift.isVisible() and not form.keyboard.switch.isVisible()
    assert_named(form.keyboard)  # "049-5590": a voice says "hyphen", not "minus"
    tap_keys(qtbot, form.keyboard, typed)
    assert widget.value() == typed and full_match(pattern, typed)
    if pattern == r"\d{5}":
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        form.page.grab().save(str(SCREENSHOT_DIR / "field-keys-pattern-cap.png"))


SIGNS = "☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼"


@pytest.mark.parametrize("pattern", [f"[{SIGNS}0-9]+", f"[{SIGNS}]+"])
def test_a_pattern_of_many_signs_gets_rows_of_keys_that_fit_the_screen(  # type: ignore[no-untyped-def]
    qtbot, pattern: str
) -> None:
    # Forty keys were laid out in one row: a keyboard 3,000 px wide, its last keys (and
    # the page, stretched with it) off the 1,280 px screen.
    form = FormPage(qtbot, [_line("text", pattern=pattern)])
    [widget] = form.widgets
    assert isinstance(widget, LineField)
    tap_field(qtbot, widget.input, form.keyboard)
    wanted = set(SIGNS) | (DIGITS if "0-9" in pattern else set())
    assert set(keys_shown(form.keyboard)) == wanted
    assert form.page.width() == 1280 and form.keyboard.width() <= 1280
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    form.page.grab().save(str(SCREENSHOT_DIR / f"field-keys-many-signs-{len(wanted)}.png"))
    tap_keys(qtbot, form.keyboard, "☺▼" + ("7" if "0-9" in pattern else ""))
    assert full_match(pattern, widget.input.text())


def test_the_same_minus_key_is_a_sign_on_a_number_and_a_hyphen_in_a_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A number that may be negative and a text of digits and hyphens have the same keys
    laid out the same: the voice's name of "-" still follows the field typed in."""
    form = FormPage(qtbot, [_line("integer"), _line("text", pattern=r"[0-9]{3}-[0-9]{4}")])
    number, text = form.widgets
    assert isinstance(number, LineField) and isinstance(text, LineField)
    for field, name in ((number, "minus"), (text, "hyphen"), (number, "minus")):
        tap_field(qtbot, field.input, form.keyboard)
        assert keys_shown(form.keyboard) == sorted(DIGITS | {"-"})
        assert_named(form.keyboard, {"-": name})


@pytest.mark.parametrize(
    "pattern",
    [
        r"[A-Z]{2}\d{4}",  # capitals: typed with the shift the general keyboard has
        r"\d+ .*",  # anything after the number
        r"[^a-z]+",
        " *",  # spaces alone: no keys to lay out (the keyboard failed to open)
        r"( )?",
    ],
)
def test_a_text_whose_pattern_is_too_general_to_tell_gets_every_key(  # type: ignore[no-untyped-def]
    qtbot, pattern: str
) -> None:
    form = FormPage(qtbot, [_line("text", pattern=pattern)])
    tap_field(qtbot, form.widgets[0].input, form.keyboard)  # type: ignore[attr-defined]
    shown = set(keys_shown(form.keyboard))
    assert set(string.ascii_lowercase) <= {key.lower() for key in shown} and " " in shown
    assert form.keyboard.shift.isVisible()


def test_the_phone_left_at_checkout_gets_digits_plus_and_space(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    add_to_cart(window)
    window.go("checkout", {})
    qtbot.wait(10)
    screen = window.stack.currentWidget()
    box = screen.findChild(QLineEdit, "input_checkout_cf_phone")
    keyboard = screen.identify.keyboard
    tap_field(qtbot, box, keyboard)
    assert keys_shown(keyboard) == sorted(DIGITS | {"+", " "})
    tap_keys(qtbot, keyboard, "347 123 4567")
    assert phone(box.text()) == "+393471234567"


def test_a_tracking_code_gets_the_characters_a_receipt_prints_it_with(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("status", {})
    qtbot.wait(10)
    screen = window.stack.currentWidget()
    box = screen.findChild(QLineEdit, "input_tracking")
    tap_field(qtbot, box, screen.keyboard)
    shown = {key.upper() for key in keys_shown(screen.keyboard)}
    # No 0, 1, I, L or U: no code has them (they read as one another aloud).
    assert shown == set("DOM-23456789ABCDEFGHJKMNPQRSTVWXYZ")
    tap_keys(qtbot, screen.keyboard, "DOM-8QR2-XE45")
    assert tracking_code(box.text()) == "DOM-8QR2-XE45"


@pytest.mark.parametrize("lang", ["it", "ar"])
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280", "1920"])
def test_a_phone_and_an_email_typed_on_their_keys_stay_in_view_with_next(  # type: ignore[no-untyped-def]
    qtbot, qapp, window, lang: str, size: tuple[int, int]
) -> None:
    """The form's page of contacts, each typed in by its keys: the field and Next stay
    above the keys, and no text is cut (PNGs for review by eye)."""
    window.resize(*size)
    window.ctx.switcher.set_language(lang)
    screen = prefilled(window, page=1)  # where you live and how to reach you
    for name, typed in (("telefono", "+39 347 123 4567"), ("email", "mario.rossi@example.it")):
        box = shown(window, QLineEdit, f"input_{name}")
        box.clear()
        tap_field(qtbot, box, screen.keyboard)
        tap_keys(qtbot, screen.keyboard, typed)
        assert box.text() == typed
        qtbot.wait(20)
        for _ in range(3):
            qapp.processEvents()
        keys_top = on_window(screen.keyboard).top()
        page_top = on_window(screen.page.viewport()).top()
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SCREENSHOT_DIR / f"field-keys-{name}-{lang}-{size[0]}.png"))
        problems = {
            what: why
            for what, widget in (("field", box), ("Next", screen.next_button))
            if (why := out_of_view(widget, keys_top, page_top))
        }
        assert not problems, problems
        assert not (cut := texts_cut_off(window)), cut
        assert (window.width(), window.height()) == size
