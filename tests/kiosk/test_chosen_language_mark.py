# SPDX-License-Identifier: EUPL-1.2
"""The chosen language shows by a tick, not by its colour alone (WCAG 1.4.1), and its
spoken name stays the language's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.ui.i18n import LANGUAGE_NAMES
from tests.kiosk.people import listen


def marks(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {code: b.text() for code, b in window.language_buttons.items() if b.isVisible()}


def test_the_chosen_language_has_a_tick_and_keeps_its_name(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go_home()
    assert marks(window) == {
        code: ("✓ " if code == "it" else "") + name for code, name in LANGUAGE_NAMES.items()
    }
    qtbot.mouseClick(window.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert window.ctx.lang == "en"
    assert window.language_buttons["en"].text() == "✓ English"
    assert window.language_buttons["it"].text() == "Italiano"
    for code, choice in window.language_buttons.items():
        assert choice.accessibleName() == LANGUAGE_NAMES[code]
    listen(window)
    window.spoken.start()
    assert window.spoken.describe(window.language_buttons["en"]) == "English. button. selected"
    assert window.spoken.describe(window.language_buttons["it"]) == "Italiano. button. not selected"
    # Away from home the picker, opened, marks the same one.
    window.go("catalog", {})
    qtbot.mouseClick(window.language_toggle, Qt.MouseButton.LeftButton)
    assert [text for text in marks(window).values() if text.startswith("✓")] == ["✓ English"]


def test_the_chosen_comune_has_a_tick_and_keeps_its_spoken_name(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("catalog", {})
    chips = window.screens["catalog"].comune_chips
    ticked = [chip.accessibleName() for chip in chips.values() if chip.text().startswith("✓ ")]
    assert ticked == ["Piazzola sul Brenta"]  # the kiosk's own
    qtbot.mouseClick(chips["limena"], Qt.MouseButton.LeftButton)
    ticked = [chip.accessibleName() for chip in chips.values() if chip.text().startswith("✓ ")]
    assert ticked == ["Limena"] and chips["limena"].text() == "✓ Limena"
    assert all(not chip.accessibleName().startswith("✓") for chip in chips.values())
