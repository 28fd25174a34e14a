# SPDX-License-Identifier: EUPL-1.2
"""The help screen says which version runs, under which licence, and where its source is."""

from __future__ import annotations

import pytest

from kiosk.core.about import about
from tests.kiosk.people import shows


@pytest.mark.parametrize(
    ("lang", "words"),
    [("it", "software libero con licenza EUPL-1.2"), ("en", "free software under the EUPL-1.2")],
)
def test_help_shows_version_licence_and_source(qtbot, window, snap, lang, words) -> None:
    window.ctx.switcher.set_language(lang)
    qtbot.waitUntil(lambda: window.language_buttons[lang].isChecked())
    window.show_help()
    facts = about()
    assert facts.version != "unknown" and facts.source_url.startswith("https://")
    assert shows(window, f"Social Point Kiosk {facts.version}, {words}")
    assert shows(window, facts.source_url)
    snap(window, f"help-about-{lang}")
