# SPDX-License-Identifier: EUPL-1.2
"""What the voice says of an answer's button and of a field with an error: the words of
the button alone ("Sì", "Confermo") say nothing without their question, and an error
under a field is said whenever its input has the focus again (EN 301 549 11.4.1.2)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk.ui.widgets.form_fields import FieldWidget, field_widget

DISABILITY = "Nel nucleo c'è una persona con disabilità?"
DECLARATION = "Dichiaro che le informazioni sono vere."


def shown(qtbot, item: dict[str, Any]) -> FieldWidget:  # type: ignore[no-untyped-def]
    field = field_widget(item, {}, [], lambda _item, _value: "")
    assert field is not None
    qtbot.addWidget(field)
    field.retranslate("it")
    return field


def description(widget: QWidget) -> str:
    return widget.accessibleDescription()


def test_yes_and_no_carry_their_question_and_the_error_under_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    item = {"name": "disabile", "type": "yes_no", "required": True, "label": {"it": DISABILITY}}
    field = shown(qtbot, item)
    yes, no = field.answer_buttons()
    assert DISABILITY in description(yes) and DISABILITY in description(no)
    field.set_error("Scegli una risposta.")
    assert "Scegli una risposta." in description(yes)
    field.set_error(None)
    assert "Scegli una risposta." not in description(no)
    field.retranslate("en")
    assert DISABILITY in description(yes)  # the form gave only Italian: its fallback


def test_two_declarations_are_told_apart_by_their_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    first = shown(qtbot, {"name": "d1", "type": "declaration", "label": {"it": DECLARATION}})
    other = shown(
        qtbot, {"name": "d2", "type": "declaration", "label": {"it": "Autorizzo i controlli."}}
    )
    (one,), (two,) = first.answer_buttons(), other.answer_buttons()
    assert one.text() == two.text()  # "Confermo" both
    assert description(one) != description(two) and DECLARATION in description(one)


def test_a_text_field_keeps_its_format_hint_beside_its_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    item = {"name": "cf", "type": "codice_fiscale", "required": True, "label": {"it": "Codice"}}
    field = shown(qtbot, item)
    (typed,) = field.text_inputs()
    hint = description(typed)
    assert hint  # its format, said with its name
    field.set_error("Il codice fiscale non è valido.")
    assert description(typed) == f"{hint}. ⚠  Il codice fiscale non è valido."
    field.set_error(None)
    assert description(typed) == hint
