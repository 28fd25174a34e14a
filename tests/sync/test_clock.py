# SPDX-License-Identifier: EUPL-1.2
"""The platform decides deadlines with its own clock. The kiosk measures its clock
against the platform's HTTP Date header; its records carry the skew last measured, and
the platform places them in its own time with it. A moment that cannot be is refused
with ``impossible_timestamp``. Real platform over loopback; only the kiosk's clock is
moved (the clock is the edge here), both ways."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from store import kiosk_facts, outbox
from store.models import OutboxEntry
from sync.client import Submission
from sync.engine import SyncEngine
from sync.heartbeat import KioskFacts, collect
from tests.sync.conftest import Central
from tests.sync.helpers import application, call_closing, move_kiosk_clock, unreachable_url

DAY = timedelta(days=1)


def submit_application(engine: SyncEngine) -> OutboxEntry:
    with engine.store.write() as session:
        entry = outbox.add(session, "application", application(engine))
    engine.push()
    with engine.store.read() as session:
        row = session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == entry)).one()
        return row


def test_a_kiosk_thirty_days_fast_has_an_on_time_application_accepted(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    call_closing(central.platform, datetime.now(UTC) + 10 * DAY)
    move_kiosk_clock(monkeypatch, 30 * DAY)
    engine.run_once()  # measures the clock against the platform's Date header
    with engine.store.read() as session:
        skew = kiosk_facts.clock_skew(session)
    assert skew is not None and abs(skew - 30 * 86_400) < 5
    row = submit_application(engine)
    assert row.clock_skew_s == skew  # the record carries the skew measured before it
    assert row.state == "accepted", (row.reject_code, row.reject_message)


def test_a_kiosk_sixty_days_slow_has_a_late_application_refused(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine.run_once()
    call_closing(central.platform, datetime.now(UTC) - DAY)
    move_kiosk_clock(monkeypatch, -60 * DAY)
    engine.run_once()
    row = submit_application(engine)
    assert (row.state, row.reject_code) == ("rejected", "call_closed")


def test_an_offline_kiosk_s_record_carries_the_skew_last_measured(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made while the platform was out of reach, sent after the clock was set right:
    the record is placed by the skew of when it was made, not of when it was sent."""
    call_closing(central.platform, datetime.now(UTC) + 5 * DAY)
    move_kiosk_clock(monkeypatch, 20 * DAY)
    engine.run_once()
    with engine.store.write() as session:  # offline: made, not sent
        entry = outbox.add(session, "application", application(engine))
    monkeypatch.undo()  # the clock is set right; the next replies measure ~0
    engine.run_once()
    with engine.store.read() as session:
        row = session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == entry)).one()
        now_skew = kiosk_facts.clock_skew(session)
    assert now_skew is not None and abs(now_skew) < 5
    assert row.state == "accepted", (row.reject_code, row.reject_message)


@pytest.mark.parametrize(
    "created_at",
    [
        "1970-01-01T00:00:00Z",
        "2016-05-01T10:00:00+02:00",
        "FUTURE",
        # Valid ISO text, but off the calendar once taken to UTC.
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-12:00",
    ],
)
def test_impossible_timestamps_are_refused_with_their_own_code(
    engine: SyncEngine, central: Central, created_at: str
) -> None:
    """Measured records: an unmeasured one is placed when it arrived, whatever its
    created_at says (tests/sync/test_clock_after_reboot.py)."""
    engine.run_once()
    if created_at == "FUTURE":
        created_at = (datetime.now(UTC) + 3 * DAY).isoformat()
    sent = [
        Submission(
            str(uuid.uuid4()), "event", created_at, {"type": "help_request"}, clock_skew_s=0
        ),
        Submission(
            str(uuid.uuid4()), "application", created_at, application(engine), clock_skew_s=0
        ),
    ]
    results = engine.client.submit(sent)
    assert [(r.accepted, r.code) for r in results] == [(False, "impossible_timestamp")] * 2
    assert "clock" in (results[0].message or "")


def test_a_kiosk_clock_kept_in_local_time_and_never_measured_loses_nothing(
    engine: SyncEngine, central: Central
) -> None:
    """Started offline with its real-time clock kept in local time (an hour or two
    ahead of UTC), the kiosk had measured no skew: its records were refused as made in
    the future, for good (the same UUID gets the same answer). Unmeasured, such a clock
    is a known mistake: they are placed when they arrive. Measured, it is still a
    moment that cannot be."""
    engine.run_once()
    ahead = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    unmeasured = [
        Submission(str(uuid.uuid4()), "event", ahead, {"type": "help_request"}),
        Submission(str(uuid.uuid4()), "application", ahead, application(engine)),
    ]
    assert [r.accepted for r in engine.client.submit(unmeasured)] == [True, True]
    measured = Submission(
        str(uuid.uuid4()), "event", ahead, {"type": "help_request"}, clock_skew_s=0
    )
    [answer] = engine.client.submit([measured])
    assert (answer.accepted, answer.code) == (False, "impossible_timestamp")


def test_a_small_skew_measured_and_a_good_clock_change_nothing(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()
    row = submit_application(engine)
    assert row.state == "accepted" and row.clock_skew_s is not None and abs(row.clock_skew_s) < 5


def test_the_heartbeat_carries_the_measured_skew(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    move_kiosk_clock(monkeypatch, timedelta(minutes=-7))
    engine.run_once()
    facts = KioskFacts("1.0", lambda: "ready", lambda: None, lambda: "")
    beat = collect(engine.store, facts, started=0.0, now=datetime.now(UTC).replace(tzinfo=None))
    assert abs(beat["clock_skew_s"] + 420) < 5
    assert engine.client.heartbeat(beat).log_requested is False  # the platform takes it


def test_a_date_rule_is_judged_on_the_comune_s_calendar_around_midnight(
    engine: SyncEngine, central: Central
) -> None:
    """The platform judges "not in the future" on the Comune's calendar (Rome), never
    UTC's: at 23:30 UTC it is already the next day there. A household member born on
    Rome's today is accepted, one born the day after is not. (The application is
    judged at its arrival, measured by the platform's own clock: whatever the hour
    this runs at, Rome's today is the day that counts.)"""
    from central.clock import local_day

    with central.platform.sessions() as session:
        assert local_day(session, datetime(2026, 12, 5, 23, 30, tzinfo=UTC)).day == 6
        assert local_day(session, datetime(2026, 6, 30, 22, 30, tzinfo=UTC)).day == 1
        assert local_day(session, datetime(2026, 12, 5, 22, 59, tzinfo=UTC)).day == 5
    call_closing(central.platform, datetime.now(UTC) + 10 * DAY)
    engine.run_once()
    rome_today = datetime.now(ZoneInfo("Europe/Rome")).date()
    uuids = []
    for born in (rome_today, rome_today + DAY):
        payload = application(engine)
        payload["answers"]["membri"][1]["data_nascita"] = born.isoformat()
        with engine.store.write() as session:
            uuids.append(outbox.add(session, "application", payload))
    engine.push()
    with engine.store.read() as session:
        rows = {r.uuid: r for r in session.scalars(select(OutboxEntry))}
    that_day, next_day = (rows[u] for u in uuids)
    assert that_day.state == "accepted", (that_day.reject_code, that_day.reject_message)
    assert (next_day.state, next_day.reject_code) == ("rejected", "invalid_answers")


def test_the_platform_keeps_instants_as_utc_and_reads_them_back_aware(
    engine: SyncEngine, central: Central
) -> None:
    """The platform's own store, like the kiosk's: an instant reads back as aware UTC,
    and the text it keeps is that instant's UTC clock (a batch written in one statement
    too), so a comparison with the platform's aware clock never mixes kinds of time."""
    from sqlalchemy import text

    from central.models import Submission as Kept

    engine.run_once()
    before = datetime.now(UTC)
    uuid_ = submit_application(engine).uuid
    after = datetime.now(UTC)
    with central.platform.sessions() as session:
        kept = session.scalars(select(Kept).where(Kept.uuid == uuid_)).one()
        raw = session.execute(
            text("SELECT received_at FROM submissions WHERE uuid = :uuid"), {"uuid": uuid_}
        ).scalar_one()
    assert kept.received_at.tzinfo is not None
    assert kept.received_at.utcoffset() == timedelta(0)
    assert before - timedelta(seconds=2) <= kept.received_at <= after + timedelta(seconds=2)
    stored = raw if isinstance(raw, datetime) else datetime.fromisoformat(raw)
    assert stored.tzinfo is None and stored == kept.received_at.replace(tzinfo=None)


@pytest.mark.parametrize("jump_days", [-60, 60])
def test_a_clock_that_jumps_after_its_measure_is_followed_by_the_records_made_then(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch, jump_days: int
) -> None:
    """Measured right while online; then, offline, the clock jumps (set back two months
    by a dead battery, or forward). The record made then carries the skew moved by the
    jump, which the kiosk sees against its monotonic clock: a late application is not
    dated on time, an on-time one is not "made in the future"."""
    engine.run_once()  # measured: about 0
    call_closing(central.platform, datetime.now(UTC) - DAY)  # closed yesterday, by the platform
    move_kiosk_clock(monkeypatch, jump_days * DAY)  # no pass runs: the measure stays
    row = submit_application(engine)
    assert row.clock_skew_s is not None and abs(row.clock_skew_s - jump_days * 86_400) < 5
    assert (row.state, row.reject_code) == ("rejected", "call_closed")


@pytest.mark.parametrize("jump_days", [-60, 60])
def test_a_pass_that_finds_no_platform_keeps_the_jump_seen_since_the_last_measure(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch, jump_days: int
) -> None:
    """The clock jumps while the kiosk is offline, and its passes go on every minute,
    finding nobody: none of them measured anything, so none may keep the last measure
    again as if it were taken now (that hid the jump after one pass)."""
    engine.run_once()  # measured: about 0
    engine.client.base_url = unreachable_url()
    move_kiosk_clock(monkeypatch, jump_days * DAY)
    for _ in range(2):
        assert "catalog" in engine.run_once().problems  # nobody answered
    with engine.store.write() as session:
        entry = outbox.add(session, "application", application(engine))
    with engine.store.read() as session:
        row = session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == entry)).one()
    assert row.clock_skew_s is not None and abs(row.clock_skew_s - jump_days * 86_400) < 5


def test_a_clock_set_right_after_a_slow_measure_leaves_an_on_time_application_on_time(
    engine: SyncEngine, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Measured 60 days slow, then set right before the next pass (as the refusal of its
    records tells a manager to do): the next application is on time, not refused as made
    two months in the future."""
    call_closing(central.platform, datetime.now(UTC) + 10 * DAY)
    move_kiosk_clock(monkeypatch, -60 * DAY)
    engine.run_once()
    monkeypatch.undo()  # the clock is right now; no pass has measured it yet
    row = submit_application(engine)
    assert row.clock_skew_s is not None and abs(row.clock_skew_s) < 5
    assert row.state == "accepted", (row.reject_code, row.reject_message)


def test_a_measure_from_before_the_machine_started_is_not_carried(
    engine: SyncEngine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A clock may be reset at boot: a skew measured in an earlier boot says nothing of
    the clock now, so a record made before the next measure carries none."""
    engine.run_once()
    with engine.store.read() as session:
        assert kiosk_facts.clock_skew_at(session, outbox.utcnow()) is not None
    other_boot = tmp_path / "boot_id"
    other_boot.write_text("another-boot\n", encoding="ascii")
    monkeypatch.setattr(kiosk_facts, "BOOT_ID", other_boot)
    with engine.store.read() as session:
        assert kiosk_facts.clock_skew_at(session, outbox.utcnow()) is None
        assert kiosk_facts.clock_skew(session) is not None  # still shown to the manager


@pytest.mark.parametrize("created_at", ["SECONDS", "SECONDS_TEXT", "SECONDS_FLOAT", "TODAY"])
def test_a_moment_not_written_as_an_iso_date_and_time_is_an_invalid_entry(
    engine: SyncEngine, central: Central, created_at: str
) -> None:
    """A number of seconds since 1970 (or its text) would be read as such, and a bare
    date as its midnight; a kiosk sends neither, so either is refused by itself, not
    judged against a moment the kiosk never meant."""
    engine.run_once()
    now = datetime.now(UTC)
    moment: Any = {
        "SECONDS": int(now.timestamp()),
        "SECONDS_TEXT": str(int(now.timestamp())),
        "SECONDS_FLOAT": now.timestamp(),
        "TODAY": now.date().isoformat(),
    }[created_at]
    sent = [
        Submission(str(uuid.uuid4()), "event", moment, {"type": "help_request"}),
        Submission(str(uuid.uuid4()), "event", now.isoformat(), {"type": "help_request"}),
    ]
    results = engine.client.submit(sent)
    assert [(r.accepted, r.code) for r in results] == [(False, "invalid_entry"), (True, None)]
    assert "created_at" in (results[0].message or "")
    assert str(moment) not in (results[0].message or "")
