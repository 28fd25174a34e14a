# SPDX-License-Identifier: EUPL-1.2
"""A word longer than the screen, from the platform (the contract allows a 160-character
title with no space), wraps: the page keeps the screen's width and every control stays
on it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.ui.widgets.common import breakable, label
from kiosk.ui.widgets.form_fields import ChoiceField, field_widget
from store import mirror
from tests.conftest import texts_cut_off
from tests.records import service_record

WORD = ("Assistenzadomiciliareintegrata" * 6)[:160]


def beyond_the_screen(window: QWidget) -> list[tuple[str, int]]:
    """Visible labels and buttons whose right edge lies past the window's."""
    found = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisible() and widget.text():
            right = widget.mapTo(window, QPoint(widget.width(), 0)).x()
            if right > window.width() + 1:
                found.append((widget.objectName() or widget.text()[:30], right))
    return found


def test_only_a_run_too_long_for_a_line_gets_places_to_break(qapp) -> None:  # type: ignore[no-untyped-def]
    assert breakable("Servizio di assistenza domiciliare") == "Servizio di assistenza domiciliare"
    broken = breakable(f"Titolo {WORD} fine")
    assert broken.replace("\u200b", "") == f"Titolo {WORD} fine"
    assert max(len(run) for run in broken.replace("\u200b", " ").split()) <= 16
    shown = label(WORD)
    assert shown.text() == WORD  # what it says is what it was given
    shown.setText(f"{WORD} 2")
    assert shown.text() == f"{WORD} 2"


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_a_title_of_one_long_word_keeps_every_screen_within_the_window(
    qtbot, qapp, window, backend, snap, large: bool
) -> None:  # type: ignore[no-untyped-def]
    with backend.store.write() as session:
        mirror.upsert(session, "services", [service_record("w01", WORD)])
    if large:
        window.set_large_text(True)
    window.go("service", {"service_id": "w01"})
    snap(window, "service")
    assert not beyond_the_screen(window)
    [add] = [b for b in window.findChildren(QAbstractButton, "addToCart") if b.isVisible()]
    add.click()
    for route in ("cart", "checkout"):
        window.go(route, {})
        snap(window, route)
        assert not beyond_the_screen(window), route


ANSWERS = [
    "Contributi comunali o regionali per l'affitto o le utenze",
    "Assegno di inclusione (ADI) o supporto per la formazione e il lavoro",
    "Altro sostegno pubblico o privato, anche saltuario, ricevuto nel 2025",
    "Nessuno",
    f"Altro: {WORD}",
]


def test_a_long_answer_wraps_inside_its_button_in_large_text(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.set_large_text(True)  # the fixture puts the normal size back
    options = [{"value": str(n), "label": {"it": text}} for n, text in enumerate(ANSWERS)]
    item = {"name": "sostegni", "type": "multi_choice", "choices": "s", "label": {"it": "Chi"}}
    field = field_widget(item, {"s": options}, [], lambda _item, _value: "")
    assert isinstance(field, ChoiceField)
    qtbot.addWidget(field)
    field.retranslate("it")
    field.resize(1800, 600)  # the form's column on the 1920 x 1080 panel
    field.show()
    qtbot.waitExposed(field)
    field.buttons[0].click()
    qtbot.wait(10)
    assert not texts_cut_off(field)
    for choice, text in zip(field.buttons, ANSWERS, strict=True):
        right = choice.mapTo(field, QPoint(choice.width(), 0)).x()
        assert right <= field.width(), text
        shown = [line for line in choice.findChildren(QLabel) if line.isVisible()]
        assert [line.text() for line in shown] == [f"✓  {text}" if choice.isChecked() else text]
        assert shown[0].width() <= choice.width()
    assert field.value() == ["0"]


def test_a_chosen_answer_pressed_and_dragged_off_keeps_the_look_of_a_chosen_one(
    qtbot, qapp
) -> None:  # type: ignore[no-untyped-def]
    """A press on a chosen answer released off it (a drag the kinetic scroll takes over)
    ends its pressed look with no signal: its label kept the pressed colour, which on a
    chosen answer is the button's own (in high contrast yellow on yellow)."""
    from PySide6.QtCore import Qt

    from kiosk.ui.theme import HIGH_CONTRAST, style_sheet
    from kiosk.ui.widgets.form_fields import AnswerButton

    before = qapp.styleSheet()
    qapp.setStyleSheet(style_sheet(HIGH_CONTRAST))
    try:
        answer = AnswerButton(name="choice_test_0")
        answer.setCheckable(True)
        qtbot.addWidget(answer)
        answer.resize(400, 120)
        answer.show()
        answer.setChecked(True)
        answer.set_answer("✓  Sì")
        [line] = answer.findChildren(QLabel)
        qtbot.mousePress(answer, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        assert line.property("on") is False  # pressed: dark on the pressed background
        qtbot.mouseRelease(answer, Qt.MouseButton.LeftButton, pos=QPoint(-5000, -5000))
        assert answer.isChecked() and not answer.isDown()
        assert line.property("on") is True
        background = answer.grab().toImage().pixelColor(5, 60)  # inside the border
        assert line.palette().color(line.foregroundRole()).name() != background.name()
    finally:
        qapp.setStyleSheet(before)
