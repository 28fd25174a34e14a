"""Every screen in Italian and English: screenshots for review, and measurable rules.

Rules held on each screen: touch targets at least 48 px, text at least 18 px, nothing
drawn past the kiosk panel, and every text colour pair at WCAG AA contrast.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.ui.theme import TEXT_PAIRS, contrast_ratio
from kiosk.ui.widgets.common import label
from sync import mirror
from tests.conftest import KIOSK_SIZE
from tests.kiosk.people import shows
from tests.records import service_record

MIN_TARGET_PX = 48
MIN_TEXT_PX = 18

SCREENS = [
    ("home", {}),
    ("catalog", {}),
    ("category", {"category_id": "silvercare", "comune_id": "piazzola"}),
    ("service", {"service_id": "s14"}),
    ("calls", {}),
]


def visible(root: QWidget, kind: type) -> list:
    return [w for w in root.findChildren(kind) if w.isVisible()]


def check_rules(window: QWidget) -> None:
    for button in visible(window, QAbstractButton):
        name = button.objectName() or button.text()
        assert button.height() >= MIN_TARGET_PX, f"{name} is {button.height()} px high"
        assert button.width() >= MIN_TARGET_PX, f"{name} is {button.width()} px wide"
    for text in visible(window, QLabel) + visible(window, QAbstractButton):
        size = text.font().pixelSize()
        assert size >= MIN_TEXT_PX, f"{text.objectName()} uses {size} px text"
    assert (window.width(), window.height()) == KIOSK_SIZE  # nothing pushed the window larger


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize(("route", "params"), SCREENS, ids=[s[0] for s in SCREENS])
def test_every_screen_in_both_languages(qtbot, window, snap, lang, route, params) -> None:
    window.ctx.switcher.set_language(lang)
    qtbot.waitUntil(lambda: window.language_buttons[lang].isChecked())
    window.go(route, params)
    qtbot.wait(10)
    check_rules(window)
    snap(window, f"{route}-{lang}")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_keyboard_and_help_overlay_in_both_languages(qtbot, window, snap, lang) -> None:
    window.ctx.switcher.set_language(lang)
    window.go("catalog", {})
    screen = window.screens["catalog"]
    screen.search.setText("anz")
    screen._show_keyboard(True)
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.results_page)
    check_rules(window)
    snap(window, f"search-keyboard-{lang}")
    window.show_help()
    check_rules(window)
    snap(window, f"help-overlay-{lang}")


def test_text_colours_meet_wcag_aa() -> None:
    for name, (foreground, background) in TEXT_PAIRS.items():
        assert contrast_ratio(foreground, background) >= 4.5, name


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_markup_from_the_platform_is_shown_literally(qtbot, window, backend) -> None:
    hostile = '<img src="file:///etc/passwd"><a href="http://x">Clicca</a> <b>Assistenza</b>'
    with backend.store.write() as session:
        mirror.upsert(
            session,
            "services",
            [service_record("evil", hostile, description={"it": "<h1>grande</h1>"})],
        )
    window.go("service", {"service_id": "evil"})
    assert shows(window, hostile)
    assert shows(window, "<h1>grande</h1>")
    for text in visible(window, QLabel):
        assert text.textFormat().name == "PlainText", text.objectName()
    assert label("<b>x</b>").textFormat().name == "PlainText"
