# SPDX-License-Identifier: EUPL-1.2
"""Dates are three boxes (day, month, year), each named: no format to remember, the
next box takes over once one is full, and what cannot be a date is handed to the form's
check as typed (nothing typed is lost)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.ui.widgets.form_fields import DateField, field_widget

BIRTH = {"name": "data_nascita", "type": "date", "required": True, "label": {"it": "Nato il"}}


def date_field(qtbot) -> DateField:  # type: ignore[no-untyped-def]
    field = field_widget(BIRTH, {}, [], lambda _item, _value: "")
    assert isinstance(field, DateField)
    qtbot.addWidget(field)
    field.retranslate("it")
    field.show()
    qtbot.waitExposed(field)
    return field


def test_a_date_is_typed_box_by_box_and_the_focus_moves_on(qtbot) -> None:  # type: ignore[no-untyped-def]
    field = date_field(qtbot)
    day, month, year = field.boxes
    assert [c.text() for c in field.captions] == ["Day", "Month", "Year"]  # no catalog here
    assert field.text_inputs() == [day, month, year]  # the on-screen keyboard types in each
    day.setFocus()
    qtbot.waitUntil(day.hasFocus)
    qtbot.keyClicks(day, "23")
    qtbot.waitUntil(month.hasFocus)
    qtbot.keyClicks(month, "1")
    assert month.hasFocus()  # one digit: it may still be 10, 11 or 12
    qtbot.keyClicks(month, "2")
    qtbot.waitUntil(year.hasFocus)
    qtbot.keyClicks(year, "1941x")  # only digits go into the month and year
    assert field.value() == "1941-12-23"
    assert year.text() == "1941"


def test_a_whole_date_in_the_first_box_is_spread_over_the_three(qtbot) -> None:  # type: ignore[no-untyped-def]
    field = date_field(qtbot)
    field.boxes[0].setFocus()
    qtbot.keyClicks(field.boxes[0], "5/3/1950")  # a desk keyboard, or a paste
    assert [box.text() for box in field.boxes] == ["05", "03", "1950"]
    assert field.value() == "1950-03-05"


def test_what_cannot_be_a_date_reaches_the_check_as_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    field = date_field(qtbot)
    assert field.value() is None  # nothing typed: not answered
    field.set_value("1941-01-23")
    assert [box.text() for box in field.boxes] == ["23", "01", "1941"]
    for box, text in zip(field.boxes, ("31", "02", "1990"), strict=True):
        box.setText(text)
    assert field.value() == "31/02/1990"  # no 31 February: the form says so
    field.boxes[1].clear()
    assert field.value() == "31//1990"  # a box left empty: not a date either
    field.set_value("31/02/1990")  # shown again as it was typed
    assert [box.text() for box in field.boxes] == ["31", "02", "1990"]
    QApplication.processEvents()


def test_a_date_drawn_again_keeps_each_part_in_its_own_box(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The page drawn again (Back, then Next; the call left and opened again) put a date
    the check had not accepted whole into the day box ("5//1941"), and the boxes then
    grew it with every edit ("5//1941//"); a year below 1000 came back as "0019-01-01"."""
    for parts, kept in (
        (("5", "", "1941"), "5//1941"),  # no month
        (("23", "01", "41"), "23/01/41"),  # a short year
        (("01", "01", "0019"), "0019-01-01"),  # a date, which the check finds too early
    ):
        field = date_field(qtbot)
        for box, part in zip(field.boxes, parts, strict=True):
            box.setText(part)
        typed = field.value()
        assert typed == kept
        again = date_field(qtbot)
        again.set_value(typed)
        assert tuple(box.text() for box in again.boxes) == parts
        assert again.value() == typed


def test_a_date_before_1900_is_a_slip_unless_the_form_allows_it() -> None:
    from datetime import date

    from forms.answers import _Check, _date
    from forms.definition import load_definition
    from tests.forms.samples import demo

    state = _Check(load_definition(demo()), date(2026, 3, 2), None)
    assert _date(state, BIRTH, "0019-01-01", "data_nascita") == "0019-01-01"
    assert [(p.code, p.message("it")) for p in state.problems] == [
        ("date_too_early", "La data non può essere prima del 01/01/1900.")
    ]
    allowed = {**BIRTH, "min": "-200y"}
    state.problems.clear()
    assert _date(state, allowed, "1850-06-01", "data_nascita") == "1850-06-01"
    assert state.problems == []
