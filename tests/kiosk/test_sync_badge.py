# SPDX-License-Identifier: EUPL-1.2
"""The sync badge says when the kiosk last synced: the time on that day, the date too
after it (a kiosk offline since yesterday must not seem up to date to a manager)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sync.worker import SyncStatus


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
