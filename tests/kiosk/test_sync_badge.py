# SPDX-License-Identifier: EUPL-1.2
"""The sync badge says when the kiosk last synced: the time on that day, the date too
after it (a kiosk offline since yesterday must not seem up to date to a manager)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.ui.i18n import LANGUAGE_NAMES
from sync.worker import SyncStatus
from tests.conftest import KIOSK_SIZE, SCREENSHOT_DIR, texts_cut_off
from tests.kiosk.accessibility_audit import control_problems


def test_the_badge_gives_the_time_of_a_sync_today_and_the_date_of_an_older_one(
    qtbot, window, snap
) -> None:  # type: ignore[no-untyped-def]
    badge = window.sync_badge
    rome = ZoneInfo(badge.time_zone)

    def in_rome(moment: datetime, layout: str) -> str:
        return moment.replace(tzinfo=UTC).astimezone(rome).strftime(layout)

    now = datetime.now(UTC).replace(tzinfo=None)
    badge.show_status(SyncStatus(True, 0, 0, now, None))
    assert badge.text().endswith(f"aggiornato alle {in_rome(now, '%H:%M')}"), badge.text()
    three_days_ago = now - timedelta(days=3)
    badge.show_status(SyncStatus(False, 2, 0, three_days_ago, "unreachable"))
    expected = in_rome(three_days_ago, "%d/%m alle %H:%M")
    assert badge.text().endswith(f"aggiornato il {expected}"), badge.text()
    assert "2 pratiche in attesa di invio" in badge.text()
    snap(window, "offline-for-days")


SMALL_PANEL = (1280, 800)
HEADER_CONTROLS = ("largeText", "highContrast", "languageToggle", "language_")


def _longest_states() -> list[SyncStatus]:
    """The badge's longest texts: offline or not, records waiting, a sync of another day."""
    yesterday = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=1)
    return [
        SyncStatus(False, 3, 0, yesterday, "unreachable"),
        SyncStatus(True, 128, 0, yesterday, None),
    ]


def _header_problems(window, size: tuple[int, int]) -> list[str]:  # type: ignore[no-untyped-def]
    """Texts cut in the header (the badge's lines too), its controls squeezed or crowded,
    the badge clipped by the window's edge, the window grown past the panel."""
    found = list(texts_cut_off(window.findChild(QWidget, "header")))
    found += [p for p in control_problems(window) if p.startswith(HEADER_CONTROLS)]
    badge = window.sync_badge
    if badge.visibleRegion().boundingRect().size() != badge.size():
        found.append(f"the badge is clipped to {badge.visibleRegion().boundingRect()}")
    if (window.width(), window.height()) != size:
        found.append(f"the window grew to {window.width()}x{window.height()}")
    return found


@pytest.mark.parametrize("lang", list(LANGUAGE_NAMES))
def test_the_longest_badge_leaves_the_header_whole(qtbot, qapp, window, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The badge shared the header's row with the toggles: after an order or a night
    offline its text squeezed "Larger text", "High contrast" and the language off their
    buttons, and in larger text pushed the window past the panel."""
    window.ctx.switcher.set_language(lang)
    problems: list[str] = []
    for size, large in ((SMALL_PANEL, False), (SMALL_PANEL, True), (KIOSK_SIZE, True)):
        window.resize(*size)
        window.set_large_text(large)
        for route in ("catalog", "home"):  # the language toggle, or every language
            window.go(route, {})
            for status in _longest_states():
                window.sync_badge.show_status(status)
                for _ in range(3):
                    qapp.processEvents()
                found = _header_problems(window, size)
                where = f"{size[0]}x{size[1]} {'larger' if large else 'normal'} {route}"
                problems += [f"{where} {window.sync_badge.text()!r}: {p}" for p in found]
                if found:  # for a look by eye
                    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
                    shot = f"badge-{lang}-{size[0]}-{'L' if large else 'N'}-{route}.png"
                    window.grab().save(str(SCREENSHOT_DIR / shot))
    assert not problems, "\n".join(problems)
