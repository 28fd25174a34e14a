# SPDX-License-Identifier: EUPL-1.2
"""The accessibility audit on every screen, citizen's and manager's, in every language
of the registry, with normal text, larger text and high contrast (see
accessibility_audit.py for the rules). A screen that breaks one fails the suite."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.theme import THEMES
from tests.kiosk.accessibility_audit import (
    as_pil,
    audit,
    contrast_problems,
    control_problems,
    text_contrast,
)
from tests.kiosk.views import VIEWS

THEME_CHOICES = {"normal": (False, False), "large": (True, False), "contrast": (False, True)}


# The quick loop audits Italian in the normal theme; CI audits every pair (each takes 5 to
# 20 s), each script and direction (Latin, Arabic right to left, Cyrillic) in each theme.
QUICK_PAIRS = {("it", "normal")}
PAIRS = [
    pytest.param(lang, theme, marks=() if (lang, theme) in QUICK_PAIRS else pytest.mark.slow)
    for lang in LANGUAGE_NAMES
    for theme in THEME_CHOICES
]


@pytest.mark.parametrize(("lang", "theme"), PAIRS)
def test_every_screen_passes_the_audit(qtbot, window, snap, lang: str, theme: str) -> None:
    large, contrast = THEME_CHOICES[theme]
    window.ctx.switcher.set_language(lang)
    window.set_large_text(large)
    window.set_high_contrast(contrast)
    minimum = THEMES[theme].min_contrast
    problems: list[str] = []
    for view, show in VIEWS.items():
        show(window)
        qtbot.wait(5)  # the layouts of what was just built
        found = audit(window, minimum)
        problems += [f"{view}: {p}" for p in found]
        if found:
            snap(window, f"audit-{view}")
    assert not problems, "\n".join(problems)


def test_the_audit_sees_what_it_must(qtbot) -> None:
    """Its own check: a control without a name, too small, too close, and grey text."""
    page = QWidget()
    qtbot.addWidget(page)
    page.resize(600, 200)
    page.setStyleSheet("background: #FFFFFF;")
    row = QHBoxLayout(page)
    row.setSpacing(4)
    nameless = QPushButton()
    nameless.setObjectName("nameless")
    nameless.setFixedSize(80, 80)
    small = QPushButton("Ok")
    small.setObjectName("small")
    small.setFixedSize(40, 40)
    small.setStyleSheet("min-height: 0; min-width: 0; padding: 0;")  # not the kiosk's 64 px
    grey = QLabel("grigio chiaro")
    grey.setObjectName("grey")
    grey.setStyleSheet("color: #AAAAAA; font-size: 30px;")
    for widget in (nameless, small, grey):
        row.addWidget(widget)
    page.show()
    qtbot.waitExposed(page)
    problems = "\n".join(control_problems(page) + contrast_problems(page, 4.5))
    assert "nameless: no accessible name" in problems
    assert "nameless: keys cannot reach it" not in problems  # a plain button takes Tab
    assert "small: 40×40 px" in problems
    assert "nameless and small: 4 px apart" in problems
    assert "grey: #AAAAAA on #FFFFFF is 2.32:1" in problems


def test_the_contrast_measure_reads_text_and_background(qtbot) -> None:
    label = QLabel("Testo di prova")
    qtbot.addWidget(label)
    label.setStyleSheet("color: #474747; background: #F5F4EF; font-size: 28px;")
    label.resize(300, 60)
    label.show()
    qtbot.waitExposed(label)
    ratio, fg, bg = text_contrast(as_pil(label.grab().toImage()), QRect(0, 0, 300, 60))
    assert (fg, bg) == ("#474747", "#F5F4EF") and round(ratio, 1) == 8.4


def test_a_name_of_signs_a_voice_drops_is_no_name(qtbot) -> None:
    """A control is named by what spoken mode says: "⌫", "+" or "−" alone say nothing."""
    page = QWidget()
    qtbot.addWidget(page)
    page.resize(600, 200)
    row = QHBoxLayout(page)
    row.setSpacing(20)
    for name, text in (("erase", "⌫"), ("more", "+"), ("less", "−"), ("ok", "OK")):
        key = QPushButton(text)
        key.setObjectName(name)
        key.setFixedSize(80, 80)
        row.addWidget(key)
    page.show()
    qtbot.waitExposed(page)
    problems = control_problems(page)
    for nameless in ("erase", "more", "less"):
        assert f"{nameless}: no accessible name" in problems
    assert "ok: no accessible name" not in problems
