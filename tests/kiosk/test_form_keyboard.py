# SPDX-License-Identifier: EUPL-1.2
"""A form page with the on-screen keyboard open: the field being typed in stays in view
with its whole question, and the page does not jump when the keyboard closes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QWidget

from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.widgets.keyboard import LAYOUTS, OnScreenKeyboard
from tests.kiosk.people import prefilled, shown


def on_window(widget: QWidget) -> QRect:
    top_left = widget.mapTo(widget.window(), QPoint(0, 0))
    return QRect(top_left, widget.size())


def test_the_field_being_typed_in_stays_in_view_and_the_page_does_not_jump(
    qtbot, window, snap
) -> None:  # type: ignore[no-untyped-def]
    screen = prefilled(window, page=1)  # where you live and how to reach you
    field = shown(window, QLineEdit, "input_telefono")
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    keyboard = screen.keyboard
    qtbot.waitUntil(keyboard.isVisible)
    question = shown(window, QWidget, "question_telefono")

    def in_view() -> bool:
        viewport = on_window(screen.area.viewport())
        return viewport.contains(on_window(field)) and viewport.contains(on_window(question))

    qtbot.waitUntil(in_view)
    assert not on_window(keyboard).intersects(on_window(field))
    snap(window, "form-typing")
    before = on_window(field).top()
    keyboard.hide_button.click()
    qtbot.waitUntil(lambda: not keyboard.isVisible())
    qtbot.wait(50)  # the layout after the keyboard went away
    assert abs(on_window(field).top() - before) <= 2, (before, on_window(field).top())
    assert in_view()  # and still in view, its question too
    snap(window, "form-keyboard-closed")


@pytest.mark.parametrize(
    ("lang", "change"),
    [("ro", "language"), ("ar", "language"), ("uk", "language"), ("ar", "latin"), ("uk", "latin")],
)
def test_new_keys_leave_the_field_being_typed_in_in_view(
    qtbot, window, snap, lang: str, change: str
) -> None:  # type: ignore[no-untyped-def]
    """Another language, or the key for Latin letters (a surname as on Italian papers):
    the keyboard gets new keys, and the field being typed in stays where it can be seen
    (the page used to jump back to its top, the field behind the keyboard)."""
    if change == "latin":
        window.ctx.switcher.set_language(lang)
    screen = prefilled(window, page=0)  # who you are: a surname, in the citizen's letters
    field = shown(window, QLineEdit, "input_cognome")
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    keyboard = screen.keyboard
    qtbot.waitUntil(keyboard.isVisible)

    def in_view() -> bool:
        viewport = on_window(screen.area.viewport())
        return viewport.contains(on_window(field)) and not on_window(keyboard).intersects(
            on_window(field)
        )

    qtbot.waitUntil(in_view)
    layout = keyboard.layout_name
    if change == "language":
        window.ctx.switcher.set_language(lang)
    else:
        keyboard.switch.click()
    qtbot.waitUntil(lambda: keyboard.layout_name != layout)
    qtbot.waitUntil(in_view)
    qtbot.wait(100)  # and it stays there once everything has settled
    assert field.hasFocus() and keyboard.isVisible() and in_view()
    snap(window, f"{lang}-{change}")


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_the_whole_box_being_typed_in_comes_into_view_not_only_its_cursor(
    qtbot, window, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """New keys scroll the field being typed in back into view: the whole box, with a
    margin, however far down the page it is. (Qt brings a text input into view by its
    text cursor's rectangle: in Arabic with Latin keys that left the box cut off at the
    keyboard's edge, and the test above failed now and then.)"""
    window.ctx.switcher.set_language(lang)
    screen = prefilled(window, page=0)
    field = shown(window, QLineEdit, "input_cognome")
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    keyboard = screen.keyboard
    qtbot.waitUntil(keyboard.isVisible)
    qtbot.wait(50)
    bar = screen.area.verticalScrollBar()
    for _letters in ("latin", "the language's own"):
        bar.setValue(0)  # the page back at its top, the field below the keyboard
        new_keys_settled(qtbot, keyboard)
        view, box = on_window(screen.area.viewport()), on_window(field)
        assert view.top() + 20 <= box.top() and box.bottom() <= view.bottom() - 20, (view, box)
        assert not on_window(keyboard).intersects(box)


def new_keys_settled(qtbot, keyboard) -> None:  # type: ignore[no-untyped-def]
    """Taps the key for the other letters and waits until the keyboard's height has
    stopped moving (it settles over several layout passes)."""
    layout = keyboard.layout_name
    keyboard.switch.click()
    qtbot.waitUntil(lambda: keyboard.layout_name != layout)
    heights: list[int] = []

    def settled() -> bool:
        heights.append(keyboard.height())
        return len(heights) > 5 and len(set(heights[-5:])) == 1

    qtbot.waitUntil(settled, timeout=3000)


def test_an_answer_tapped_while_the_keyboard_is_open_stays_under_the_finger(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Typing in a field, the citizen scrolls up and taps an answer that hides another
    question: the page's length changes, and the view stays where the citizen put it
    (it used to jump towards the field the keyboard had been typing into)."""
    screen = prefilled(window, page=3)
    field = shown(window, QPlainTextEdit, "input_motivazione")
    qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.keyboard.isVisible)
    qtbot.wait(100)
    answers = [
        b
        for b in window.findChildren(QAbstractButton)
        if b.objectName().startswith("choice_sostegni_") and b.isVisible()
    ]
    none = next(b for b in answers if "nessun" in b.accessibleName().lower())
    screen.area.ensureWidgetVisible(none, 0, 40)  # scrolled up to the answers
    qtbot.wait(50)
    bar, view = screen.area.verticalScrollBar(), on_window(screen.area.viewport())
    before, maximum = bar.value(), bar.maximum()
    assert view.contains(on_window(none))
    qtbot.mouseClick(none, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.maximum() != maximum)  # a question went with the answer
    qtbot.wait(100)
    assert none.isChecked()
    assert view.contains(on_window(none)), f"scrolled from {before} to {bar.value()}"


def test_a_field_gone_before_it_is_scrolled_into_view_is_left_alone(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Focusing a field scrolls it into view once the layout has settled; if the field
    is deleted first (the visit forgotten, the form built again), the scroll on it
    raised inside Qt's loop and the error surfaced in an event filter, where PySide
    crashed. The field's deletion here is immediate, as Qt's own can be."""
    import shiboken6

    screen = prefilled(window, page=1)
    field = shown(window, QLineEdit, "input_telefono")
    [holder] = [w for w in screen.typing.fields() if field in w.text_inputs()]
    screen.typing._focus_changed(None, field)  # the scroll is now queued
    shiboken6.delete(holder)
    qtbot.wait(100)  # pytest-qt fails the test on an exception raised in Qt's loop
    assert not shiboken6.isValid(holder)
    screen.forget()  # the rest of the form goes with it, as at a visit's end


@pytest.mark.parametrize("lang", list(LANGUAGE_NAMES))
def test_a_forms_keys_take_no_row_more_than_a_searchs(qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The accented letters and an e-mail's signs had a sixth row of keys, which pushed
    the window past a 1280 x 800 panel: they go at the ends of the letters' rows, every
    key of the layout still there, once."""
    form = OnScreenKeyboard(for_forms=True, language_of=lambda: lang)
    search = OnScreenKeyboard(language_of=lambda: lang)
    for keyboard in (form, search):
        qtbot.addWidget(keyboard)
    assert form.layout_name == search.layout_name
    assert form._grid.rowCount() == search._grid.rowCount()
    layout = LAYOUTS[form.layout_name]
    typed = sorted(key.text().upper() for key in form._keys)
    assert typed == sorted(c.upper() for c in "".join(layout.rows) + layout.form_row)
