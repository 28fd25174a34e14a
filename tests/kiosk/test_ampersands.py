# SPDX-License-Identifier: EUPL-1.2
"""An "&" from the platform ("Rossi & Figli", "R&D") shows as itself on a button and in
a question that names its field: Qt reads one there as the mark of a keyboard shortcut,
hides it and underlines the next letter."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.ui.application import build_window
from kiosk.ui.widgets.common import button, label
from kiosk.ui.widgets.form_fields import ChoiceField, field_widget
from store import mirror
from tests.conftest import KIOSK_SIZE

AMPERSANDS = "Rossi & Figli, R&D &amp; && fine &"


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says for ``widget``: Qt's own reading of what it shows."""
    return str(QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name))


def shown_field(qtbot, item: dict[str, Any], options: list[Any] | None = None) -> Any:  # type: ignore[no-untyped-def]
    choices = {"opzioni": options or []}
    field = field_widget(item, choices, [], lambda _item, _value: "")
    assert field is not None
    qtbot.addWidget(field)
    field.retranslate("it")
    field.show()
    qtbot.waitExposed(field)
    return field


def test_a_question_keeps_its_ampersands_in_what_it_shows_and_names(qtbot) -> None:  # type: ignore[no-untyped-def]
    item = {"name": "reddito", "type": "money", "required": True, "label": {"it": AMPERSANDS}}
    field = shown_field(qtbot, item)
    assert field.question.text() == AMPERSANDS
    assert accessible_name(field.input) == AMPERSANDS  # read from the label, as shown
    assert "&" not in QLabel.text(field.question).replace("&&", "")  # no mnemonic left
    field.retranslate("it")  # shown again: never doubled twice
    assert field.question.text() == AMPERSANDS
    assert accessible_name(field.input) == AMPERSANDS


def test_a_label_given_its_field_after_its_text_shows_the_same() -> None:
    question = label(AMPERSANDS)
    assert question.text() == AMPERSANDS
    question.setBuddy(QWidget())
    assert question.text() == AMPERSANDS
    question.setBuddy(None)  # type: ignore[arg-type]
    assert question.text() == AMPERSANDS == QLabel.text(question)


def test_answer_buttons_show_their_ampersands(qtbot) -> None:  # type: ignore[no-untyped-def]
    item = {"name": "chi", "type": "choice", "choices": "opzioni", "label": {"it": "Chi"}}
    options = [{"value": "a", "label": {"it": AMPERSANDS}}, {"value": "b", "label": {"it": "B"}}]
    field = shown_field(qtbot, item, options)
    assert isinstance(field, ChoiceField)
    first = field.buttons[0]
    assert first.lines() == [AMPERSANDS] and accessible_name(first) == AMPERSANDS
    first.click()
    assert first.lines() == [f"✓  {AMPERSANDS}"]
    assert accessible_name(first) == f"✓  {AMPERSANDS}"
    assert field.value() == "a"
    assert accessible_name(button(AMPERSANDS, name="plain")) == AMPERSANDS


def test_a_comune_named_with_an_ampersand_keeps_it_on_its_chip(qtbot, qapp, backend) -> None:  # type: ignore[no-untyped-def]
    name = "Campo & Limena"
    comune = {"id": "piazzola", "name": name, "catastale": "G587", "province": "PD"}
    with backend.store.write() as session:
        mirror.upsert(session, "comuni", [comune | {"cap": "35016"}])
    window = build_window(backend.config, qapp)
    window.attach(backend.catalog)
    qtbot.addWidget(window)
    window.resize(*KIOSK_SIZE)
    window.show()
    try:
        window.go("catalog", {})
        chip = window.findChild(QAbstractButton, "comune_piazzola")
        shown = chip.text().removeprefix("✓ ")  # the kiosk's own Comune, chosen
        assert chip.isVisible() and shown == name
        assert accessible_name(chip) == name
    finally:
        window.ctx.switcher.detach()
