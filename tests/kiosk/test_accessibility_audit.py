# SPDX-License-Identifier: EUPL-1.2
"""The accessibility audit on every screen, citizen's and manager's, in every language
of the registry, with normal text, larger text and high contrast (see
accessibility_audit.py for the rules). A screen that breaks one fails the suite."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from kiosk.core.manager_login import Manager
from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.theme import THEMES
from tests.kiosk.accessibility_audit import (
    as_pil,
    audit,
    contrast_problems,
    control_problems,
    text_contrast,
)
from tests.kiosk.people import opened

THEME_CHOICES = {"normal": (False, False), "large": (True, False), "contrast": (False, True)}


def open_search_keyboard(window) -> None:  # type: ignore[no-untyped-def]
    window.go("catalog", {})
    search = window.stack.currentWidget().findChild(QLineEdit, "searchField")
    search.setFocus()
    search.clearFocus()
    search.setFocus()


def add_to_cart(window) -> None:  # type: ignore[no-untyped-def]
    window.go("service", {"service_id": "s01"})
    add = window.stack.currentWidget().findChild(QPushButton, "addToCart")
    if add is not None and add.isEnabled():
        add.click()
    window.go("cart", {})


def as_manager(window) -> None:  # type: ignore[no-untyped-def]
    window.manager = Manager(
        "1001", "Silvia Demo", "Cooperativa Sociale Il Girasole", "welfare_manager"
    )
    window.go("manager", {})


# What the citizen and the manager can see: screens and the layers over them.
VIEWS: dict[str, Callable] = {
    "home": lambda w: w.go_home(),
    "catalog": lambda w: w.go("catalog", {}),
    "catalog keyboard": open_search_keyboard,
    "category": lambda w: w.go("category", {"category_id": "silvercare", "comune_id": "piazzola"}),
    "service": lambda w: w.go("service", {"service_id": "s14"}),
    "calls": lambda w: w.go("calls", {}),
    "apply": lambda w: (w.go("apply", {"call_id": "bs-piazzola"}), opened(w)),
    "status": lambda w: w.go("status", {}),
    "wallet": lambda w: w.go("wallet", {}),
    "cart": add_to_cart,
    "checkout": lambda w: (add_to_cart(w), w.go("checkout", {})),
    "help": lambda w: w.show_help(),
    "still there": lambda w: (w.overlay.hide(), w.go("calls", {}), w.still_there.ask(20)),
    "manager login": lambda w: (w.still_there.close_panel(), w.go("manager_login", {})),
    "manager desk": as_manager,
}


@pytest.mark.parametrize("theme", list(THEME_CHOICES))
@pytest.mark.parametrize("lang", list(LANGUAGE_NAMES))
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
