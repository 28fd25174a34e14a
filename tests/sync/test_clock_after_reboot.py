# SPDX-License-Identifier: EUPL-1.2
"""A kiosk that restarts offline may come back with its clock reset, months slow or
fast; a measure of an earlier boot says nothing of it, so the records it makes before
this boot's first measure carry no skew. Sent, they get this boot's measure (moved by
any jump of the clock since they were made); a record that still has none is placed by
the platform when it arrived, never by its ``created_at``. Real platform over loopback;
only the kiosk's clock and its boot are moved."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine, select

from store import kiosk_facts, outbox
from store.database import MIGRATIONS, Store
from store.models import OutboxEntry
from sync.client import Submission
from sync.engine import SyncEngine
from tests.sync.conftest import Central
from tests.sync.helpers import application, call_closing, move_kiosk_clock

DAY = timedelta(days=1)
Reboot = Callable[[str], None]


@pytest.fixture
def reboot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Reboot:
    """The machine's boot id, as /proc gives it; called again, the machine restarted."""
    path = tmp_path / "boot_id"
    monkeypatch.setattr(kiosk_facts, "BOOT_ID", path)

    def restart(name: str) -> None:
        path.write_text(f"{name}\n", encoding="ascii")

    restart("first-boot")
    return restart


@contextmanager
def kiosk_clock(by: timedelta) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as clock:
        move_kiosk_clock(clock, by)
        yield


def synced_before(engine: SyncEngine, *, key: bool) -> None:
    """A pass of the first boot, clock right: measured (about 0). ``key``: the platform's
    sealing key known too, so the records made next are sealed (else in clear until the
    next push)."""
    if key:
        engine.run_once()
    else:
        engine.pull_stream("calls")  # the form; no push, so no key
        assert engine.note_clock() is not None


def made(engine: SyncEngine) -> str:
    with engine.store.write() as session:
        return outbox.add(session, "application", application(engine))


def row_of(engine: SyncEngine, entry: str) -> OutboxEntry:
    with engine.store.read() as session:
        return session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == entry)).one()


def near(seconds: int | None, expected: timedelta) -> bool:
    return seconds is not None and abs(seconds - expected.total_seconds()) < 5


@pytest.mark.parametrize("sealed", [False, True], ids=["in_clear", "sealed"])
def test_a_clock_sixty_days_slow_after_a_reboot_has_a_late_application_refused(
    engine: SyncEngine, central: Central, reboot: Reboot, sealed: bool
) -> None:
    """The kiosk restarts offline, its clock 60 days slow: an application made three
    days after the call closed was dated on time (the platform believed created_at)."""
    synced_before(engine, key=sealed)
    call_closing(central.platform, datetime.now(UTC) - 3 * DAY)
    reboot("second-boot")
    with kiosk_clock(-60 * DAY):
        entry = made(engine)
        assert row_of(engine, entry).clock_skew_s is None  # the first boot's is not carried
        engine.run_once()  # the network is back
    row = row_of(engine, entry)
    assert (row.state, row.reject_code) == ("rejected", "call_closed")
    if sealed:  # its envelope binds "no skew": this boot's measure travels beside it
        assert row.clock_skew_s is None and near(row.placed_skew_s, -60 * DAY)
    else:  # this boot's measure, sealed with it and sent
        assert near(row.clock_skew_s, -60 * DAY) and row.sealed is not None


@pytest.mark.parametrize("sealed", [False, True], ids=["in_clear", "sealed"])
def test_a_clock_thirty_days_fast_after_a_reboot_has_an_on_time_application_accepted(
    engine: SyncEngine, central: Central, reboot: Reboot, sealed: bool
) -> None:
    """The kiosk restarts offline, its clock 30 days fast: an on-time application was
    refused as made in the future, for good, though the same pass measured the clock."""
    synced_before(engine, key=sealed)
    call_closing(central.platform, datetime.now(UTC) + 10 * DAY)
    reboot("second-boot")
    with kiosk_clock(30 * DAY):
        entry = made(engine)
        engine.run_once()
        with engine.store.read() as session:
            assert near(kiosk_facts.clock_skew(session), 30 * DAY)  # this boot's measure
    row = row_of(engine, entry)
    assert row.state == "accepted", (row.reject_code, row.reject_message)
    assert row.clock_skew_s is None if sealed else near(row.clock_skew_s, 30 * DAY)


def test_a_clock_set_right_between_the_record_and_the_measure_is_followed(
    engine: SyncEngine, central: Central, reboot: Reboot
) -> None:
    """Made 60 days slow after a reboot; the clock is then set right and only then
    measured, in the same boot: the record gets the measure moved by that jump, not the
    measure of a right clock (which would date the late application on time)."""
    synced_before(engine, key=False)
    call_closing(central.platform, datetime.now(UTC) - 3 * DAY)
    reboot("second-boot")
    with kiosk_clock(-60 * DAY):
        entry = made(engine)
    engine.run_once()  # measures about 0
    row = row_of(engine, entry)
    assert near(row.clock_skew_s, -60 * DAY)
    assert (row.state, row.reject_code) == ("rejected", "call_closed")


def test_the_skew_given_to_a_record_is_kept_for_a_later_boot(
    engine: SyncEngine, central: Central, reboot: Reboot
) -> None:
    """Measured in the boot the record was made in, then the kiosk restarts before it
    is sent: the record still goes with the skew of its own boot."""
    synced_before(engine, key=False)
    call_closing(central.platform, datetime.now(UTC) + 10 * DAY)
    reboot("second-boot")
    with kiosk_clock(30 * DAY):
        entry = made(engine)
        assert engine.measure_for_unmeasured() == 1
    reboot("third-boot")
    engine.run_once()
    row = row_of(engine, entry)
    assert near(row.clock_skew_s, 30 * DAY)
    assert row.state == "accepted", (row.reject_code, row.reject_message)


def test_a_record_of_an_earlier_boot_never_measured_is_taken_as_made_on_arrival(
    engine: SyncEngine, central: Central, reboot: Reboot
) -> None:
    """Made 60 days slow in a boot that never measured its clock, sent in the next one:
    nothing tells its clock, so the platform places it when it arrived (the call closed
    three days before), not at its created_at. Nor is an unmeasured created_at a
    moment that cannot be: only one off the calendar is refused."""
    engine.pull_stream("calls")  # no measure kept in this boot
    call_closing(central.platform, datetime.now(UTC) - 3 * DAY)
    with kiosk_clock(-60 * DAY):
        entry = made(engine)
    reboot("second-boot")
    engine.run_once()
    row = row_of(engine, entry)
    assert (row.state, row.reject_code) == ("rejected", "call_closed")
    assert row.clock_skew_s is None and row.boot_id == "first-boot"
    reset = [
        Submission(str(uuid.uuid4()), "event", moment, {"type": "help_request"})
        for moment in (
            "1970-01-01T00:00:00Z",  # a clock reset to its epoch
            (datetime.now(UTC) + 30 * DAY).isoformat(),
            "0001-01-01T00:00:00+14:00",  # off the calendar once taken to UTC
        )
    ]
    answers = [(r.accepted, r.code) for r in engine.client.submit(reset)]
    assert answers == [(True, None), (True, None), (False, "impossible_timestamp")]


def test_the_migration_keeps_an_existing_store_s_records(tmp_path: Path) -> None:
    """A store of the version before (schema 0023) with a record waiting: upgraded on
    open, the record is kept, with no boot (made before they were kept) and no skew
    given, and goes out as it was."""
    path = tmp_path / "kiosk.sqlite3"
    Store(path).close()
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0023")
    engine.dispose()
    record = str(uuid.uuid4())
    with closing(sqlite3.connect(path)) as database, database:
        columns = {row[1] for row in database.execute("PRAGMA table_info(outbox)")}
        assert "boot_id" not in columns and "created_monotonic" not in columns
        database.execute(
            "INSERT INTO outbox (uuid, kind, payload, state, created_at, updated_at, attempts)"
            " VALUES (?, 'event', ?, 'pending', ?, ?, 0)",
            (record, json.dumps({"type": "help_request"}), *["2026-12-01 10:00:00.000000"] * 2),
        )
    store = Store(path)
    try:
        with store.write() as session:
            kiosk_facts.set_clock_skew(session, 120, outbox.utcnow())  # measured in this boot
            assert outbox.place_unmeasured(session) == 0
            [sent] = outbox.take_batch(session, 10)
        with store.read() as session:
            kept = session.scalars(select(OutboxEntry)).one()
    finally:
        store.close()
    assert (sent.uuid, sent.payload, sent.clock_skew_s) == (record, {"type": "help_request"}, None)
    assert (kept.boot_id, kept.created_monotonic, kept.clock_skew_s) == (None, None, None)


def test_an_application_sealed_on_time_before_the_measure_is_accepted_after_the_close(
    engine: SyncEngine, central: Central, reboot: Reboot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restarted offline with the platform's key known, the kiosk sealed an application
    four days ago, before the call closed (three days ago), and sends it only now: its
    envelope binds no skew, and it was placed when it arrived, refused as late. This
    boot's measure now travels beside it (``placed_skew_s``): it is accepted."""
    synced_before(engine, key=True)
    call_closing(central.platform, datetime.now(UTC) - 3 * DAY)
    reboot("second-boot")
    real = kiosk_facts.elapsed
    with kiosk_clock(-4 * DAY), monkeypatch.context() as then:
        # made four days before the measure
        then.setattr(kiosk_facts, "elapsed", lambda: real() - 4 * DAY.total_seconds())
        entry = made(engine)
    assert row_of(engine, entry).sealed is not None
    engine.run_once()  # the network is back: measures about 0, four days on
    row = row_of(engine, entry)
    assert row.clock_skew_s is None and near(row.placed_skew_s, timedelta(0))
    assert row.state == "accepted", (row.reject_code, row.reject_message)


def test_a_placed_skew_can_place_a_record_earlier_never_refuse_it(
    engine: SyncEngine, central: Central
) -> None:
    """``placed_skew_s`` is not bound to the envelope: whoever holds it could change it.
    One that gives a moment that cannot be is ignored (the record is placed when it
    arrived), never a reason to refuse; one beside a measured skew is refused."""
    engine.run_once()
    call_closing(central.platform, datetime.now(UTC) + 10 * DAY)
    now = datetime.now(UTC)
    # 30 days ahead of its arrival; in 2013, before any kiosk; 31 years back.
    skews = (-30 * 86_400, 5000 * 86_400, 10**9)
    sent = [
        Submission(
            str(uuid.uuid4()),
            "application",
            now.isoformat(),
            application(engine),
            placed_skew_s=skew,
        )
        for skew in skews
    ]
    both = Submission(
        str(uuid.uuid4()),
        "event",
        now.isoformat(),
        {"type": "help_request"},
        clock_skew_s=0,
        placed_skew_s=0,
    )
    answers = [(r.accepted, r.code) for r in engine.client.submit([*sent, both])]
    assert answers[:3] == [(True, None)] * 3
    assert answers[3][0] is False and answers[3][1] == "invalid_entry"
