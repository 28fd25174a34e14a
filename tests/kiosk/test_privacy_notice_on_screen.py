# SPDX-License-Identifier: EUPL-1.2
"""A call's privacy notice (GDPR art. 13) can be read on its card before applying."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from tests.conftest import texts_cut_off
from tests.kiosk.people import shows


@pytest.mark.parametrize(
    ("lang", "button", "words"),
    [
        (
            "it",
            "Informativa privacy",
            [
                "Titolare del trattamento: Comune di Piazzola sul Brenta",
                "Responsabile della protezione dei dati: rpd@",
                "I tuoi diritti: Accesso, rettifica",
            ],
        ),
        (
            "en",
            "Privacy notice",
            [
                "Data controller: Comune di Piazzola sul Brenta",
                "Data protection officer: rpd@",
                "Your rights: Access, rectification",
            ],
        ),
    ],
)
def test_the_notice_shows_before_applying(qtbot, window, snap, lang, button, words) -> None:
    window.ctx.switcher.set_language(lang)
    qtbot.waitUntil(lambda: window.language_buttons[lang].isChecked())
    window.go("calls", {})
    notice = window.findChild(QAbstractButton, "privacy_bs-piazzola")
    assert notice is not None and notice.isVisible() and notice.text() == button
    qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
    for text in words:
        assert shows(window, text), text
    assert texts_cut_off(window) == []
    snap(window, f"privacy-notice-{lang}")
