# SPDX-License-Identifier: EUPL-1.2
"""Every date and time a citizen or a manager reads is in the kiosk's configured zone
(``[vouchers] time_zone``), never Rome's by habit nor the operating system's: a call's
closing time, the sync badge, a locked operator code, the desk's times, the day report's
day and a reprinted copy's banner. Checked with Asia/Tokyo (UTC+9, no summer time: never
the same hour as Rome) on a system whose own zone is Los Angeles."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import text

from kiosk.boot.backend import open_backend
from kiosk.core import local_time
from kiosk.core.manager_desk import day_report
from kiosk.core.manager_login import LoginOutcome
from kiosk.ui.application import build_window
from kiosk.ui.texts import local_day_time
from printing import print_queue
from printing.slip import Slip, Text
from store import outbox
from store.database import Store
from store.models import OutboxEntry
from sync.worker import SyncStatus
from tests.conftest import KIOSK_SIZE, make_config

ZONE = "Asia/Tokyo"
TOKYO, ROME = ZoneInfo(ZONE), ZoneInfo("Europe/Rome")


@pytest.fixture
def system_in_los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tokyo_kiosk(qtbot, qapp, tmp_path: Path, system_in_los_angeles: None):  # type: ignore[no-untyped-def]
    config = make_config(tmp_path, f'[vouchers]\ntime_zone = "{ZONE}"\n')
    window = build_window(config, qapp)
    backend = open_backend(config)
    window.attach(backend.catalog)
    qtbot.addWidget(window)
    window.resize(*KIOSK_SIZE)
    window.show()
    yield window, backend
    backend.close()
    window.ctx.switcher.detach()


def _texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [found.text() for found in widget.findChildren(QLabel) if found.isVisible()]


def test_a_call_s_closing_time_is_shown_in_the_kiosk_s_zone(qtbot, tokyo_kiosk, snap) -> None:
    window, backend = tokyo_kiosk
    now = datetime.now(UTC).replace(tzinfo=None)
    calls = backend.catalog.open_calls(window.ctx.social_point.comune, now)
    assert calls, "the demo has open calls"
    window.go("calls")
    snap(window, "calls-tokyo")
    shown = "\n".join(_texts(window.screens["calls"]))
    for call in calls:
        closes = call.closes_at.replace(tzinfo=UTC)
        assert f"{closes.astimezone(TOKYO):%H:%M}" in shown
        assert f"alle {closes.astimezone(ROME):%H:%M}" not in shown


def test_the_badge_and_a_locked_code_show_the_kiosk_s_zone(qtbot, tokyo_kiosk) -> None:
    window, _backend = tokyo_kiosk
    synced = datetime(2026, 1, 15, 23, 50)  # naive UTC: 08:50 on the 16th in Tokyo
    window.sync_badge.show_status(SyncStatus(True, 0, 0, synced, None))
    assert "08:50" in window.sync_badge.text() and "00:50" not in window.sync_badge.text()
    window.go("manager_login")
    login = window.screens["manager_login"]
    login.show_outcome(LoginOutcome(problem="locked", locked_until=synced))
    assert any("08:50" in text for text in _texts(login))


def test_desk_times_read_store_instants_in_the_zone_given() -> None:
    stored = datetime(2026, 3, 29, 0, 30)  # naive UTC, the night Rome moves its clocks
    assert local_day_time(stored, ZONE) == "29/03 09:30"
    assert local_day_time(stored, "Europe/Rome") == "29/03 01:30"
    aware = datetime(2026, 3, 29, 9, 30, tzinfo=TOKYO)  # an aware instant is taken as said
    assert local_day_time(aware, "Europe/Rome") == "29/03 01:30"


def test_a_day_is_the_kiosk_zone_s_calendar_day() -> None:
    start, end = local_time.day_bounds_utc(date(2026, 3, 11), ZONE)
    assert (start, end) == (
        datetime(2026, 3, 10, 15, tzinfo=UTC),
        datetime(2026, 3, 11, 15, tzinfo=UTC),
    )
    start, end = local_time.day_bounds_utc(date(2026, 3, 29), "Europe/Rome")
    assert end - start == timedelta(hours=23)  # summer time starts: a 23-hour day


def test_the_day_report_counts_the_kiosk_zone_s_day(
    tmp_path: Path, system_in_los_angeles: None
) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    moments = [
        datetime(2026, 3, 10, 14, 59),  # 23:59 on the 10th in Tokyo
        datetime(2026, 3, 10, 15, 1),  # 00:01 on the 11th in Tokyo
        datetime(2026, 3, 11, 14, 0),  # 23:00 on the 11th in Tokyo
    ]
    with store.write() as session:
        for moment in moments:
            entry_uuid = outbox.add(
                session, "event", {"type": "assisted_session", "operator": "op"}
            )
            row = session.query(OutboxEntry).filter_by(uuid=entry_uuid).one()
            row.created_at = moment
    with store.read() as session:
        report = day_report(session, date(2026, 3, 11), datetime(2026, 3, 11, 14, 0), ZONE)
    assert list(report.assisted_sessions) == [("op", 2)]
    assert report.last_sync == datetime(2026, 3, 11, 23, 0)  # shown on Tokyo's clock
    store.close()


def test_a_reprinted_copy_s_banner_says_the_kiosk_zone_s_time(
    tmp_path: Path, system_in_los_angeles: None
) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    slip = Slip(title="Ricevuta", elements=(Text("Ricevuta n. 7"),))
    with store.write() as session:
        original = print_queue.add(session, slip, "receipt", "PR-0007")
        job = print_queue.get(session, original)
        assert job is not None
        print_queue.mark_sending(session, job.id)
        print_queue.mark_printed(session, job.id, "0" * 64, 10)
    before = datetime.now(TOKYO)
    with store.write() as session:
        copy = print_queue.reprint(session, original, ZONE)
        again = print_queue.reprint(session, copy, ZONE)  # the copy waits: not another
        queued = print_queue.get(session, copy)
    after = datetime.now(TOKYO)
    assert again == copy and queued is not None
    texts = [e.text for e in queued.slip.elements if isinstance(e, Text)]
    assert texts[0] == "DUPLICATO n. 1"
    assert texts[1] in {f"ristampa del {at:%d/%m/%Y %H:%M}" for at in (before, after)}
    assert texts.count("DUPLICATO n. 1") == 2 and texts.count("Ricevuta n. 7") == 1
    store.close()


def test_the_store_keeps_an_aware_instant_as_utc_never_its_local_clock(tmp_path: Path) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    in_tokyo = datetime(2026, 3, 11, 0, 30, tzinfo=TOKYO)  # 15:30 UTC on the 10th
    with store.write() as session:
        entry_uuid = outbox.add(session, "event", {"type": "test"})
        row = session.query(OutboxEntry).filter_by(uuid=entry_uuid).one()
        row.created_at = in_tokyo
    with store.read() as session:
        row = session.query(OutboxEntry).filter_by(uuid=entry_uuid).one()
        # Read back aware, in UTC: never mistaken for a local time, never compared with one.
        assert row.created_at == datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
        assert row.created_at.utcoffset() == timedelta(0)
        after = datetime(2026, 3, 11, 0, 0, tzinfo=TOKYO)  # compared in UTC too
        assert session.query(OutboxEntry).filter(OutboxEntry.created_at > after).count() == 1
        assert row.created_at > after and local_day_time(row.created_at, ZONE) == "11/03 00:30"
        # On disk the text stays what it always was: naive UTC, no offset, no migration.
        on_disk = session.execute(
            text("SELECT created_at FROM outbox WHERE uuid = :u"), {"u": entry_uuid}
        ).scalar_one()
        assert on_disk == "2026-03-10 15:30:00.000000"
    store.close()


def test_the_application_form_judges_dates_on_the_kiosk_zone_s_calendar(window, backend) -> None:  # type: ignore[no-untyped-def]
    """A birth date "not in the future", an age, a deadline: the form's rules run on
    today's date where the kiosk is. Kiritimati (UTC+14) and Pago Pago (UTC-11) are
    always on different calendar days, whatever the hour and the system's zone."""
    from kiosk.ui.screens.apply import ApplyScreen

    days = {}
    for name in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        screen = ApplyScreen(window.ctx._replace(time_zone=name), backend.catalog)
        before = datetime.now(ZoneInfo(name)).date()
        days[name] = screen.wizard.today()
        assert days[name] in {before, datetime.now(ZoneInfo(name)).date()}
        screen.deleteLater()
    assert days["Pacific/Kiritimati"] > days["Pacific/Pago_Pago"]
