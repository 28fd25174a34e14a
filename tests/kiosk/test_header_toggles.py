# SPDX-License-Identifier: EUPL-1.2
"""The header's toggles (larger text, high contrast, the language) keep the width their
words need, in every language, text size and contrast, on both panels: in Ukrainian,
in larger text with high contrast, on a 1280-pixel panel, each was cut by 5-7 px, the
name beside them unable to wrap any narrower. They go under the name instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect

from kiosk.ui.i18n import LANGUAGE_NAMES
from tests.conftest import SCREENSHOT_DIR, texts_cut_off

PANELS = [(1280, 800), (1920, 1080)]


def _settle(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(5)  # the header's reflow, queued after Qt's layout pass
    for _ in range(3):
        qapp.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _toggle_problems(window) -> list[str]:  # type: ignore[no-untyped-def]
    toggles = [window.large_text_button, window.contrast_button, window.language_toggle]
    names = [window.name_label, window.comune_label]
    problems = []
    for toggle in (t for t in toggles if t.isVisible()):
        if toggle.sizeHint().width() > toggle.width():
            problems.append(
                f"{toggle.objectName()}: {toggle.width()} of {toggle.sizeHint().width()} px"
            )
        place = QRect(toggle.mapTo(window, toggle.rect().topLeft()), toggle.size())
        for name in (n for n in names if n.isVisible()):
            if place.intersects(QRect(name.mapTo(window, name.rect().topLeft()), name.size())):
                problems.append(f"{toggle.objectName()} over {name.objectName()}")
    parts = ("largeText", "highContrast", "languageToggle", "socialPointName", "comuneName")
    problems += [cut for cut in texts_cut_off(window.body) if cut.strip("'").startswith(parts)]
    return problems


@pytest.mark.parametrize("size", PANELS, ids=[str(p[0]) for p in PANELS])
@pytest.mark.parametrize("lang", list(LANGUAGE_NAMES))
def test_the_header_toggles_keep_their_words(qtbot, qapp, window, lang: str, size) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    window.ctx.switcher.set_language(lang)
    window.sync_badge.hide()
    problems = []
    for large in (False, True):
        for contrast in (False, True):
            window.set_large_text(large)
            window.set_high_contrast(contrast)
            for route in ("home", "calls"):
                window.go_home() if route == "home" else window.go(route, {})
                _settle(qtbot, qapp)
                found = _toggle_problems(window)
                if (window.width(), window.height()) != size:
                    found.append(f"the window grew to {window.width()}x{window.height()}")
                if found:
                    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
                    shot = f"header-{lang}-{size[0]}-{large:d}{contrast:d}-{route}.png"
                    window.grab().save(str(SCREENSHOT_DIR / shot))
                problems += [f"large={large} contrast={contrast} {route}: {p}" for p in found]
    window.set_high_contrast(False)  # the style is the application's: leave it as found
    assert not problems, "\n".join(problems)


def test_the_toggles_come_back_beside_the_name_when_there_is_room(qtbot, qapp, window) -> None:  # type: ignore[no-untyped-def]
    """Under the name only while they must be: the header's height is the panel's too."""
    window.resize(1280, 800)
    window.ctx.switcher.set_language("uk")
    window.set_large_text(True)
    window.set_high_contrast(True)
    window.go("calls", {})
    _settle(qtbot, qapp)
    under = window.large_text_button.mapTo(window, window.large_text_button.rect().topLeft())
    assert under.y() > window.name_label.mapTo(window, window.name_label.rect().bottomLeft()).y()
    window.set_high_contrast(False)
    window.ctx.switcher.set_language("it")
    _settle(qtbot, qapp)
    beside = window.large_text_button.mapTo(window, window.large_text_button.rect().topLeft())
    assert beside.y() < window.name_label.mapTo(window, window.name_label.rect().bottomLeft()).y()
    assert not _toggle_problems(window)
