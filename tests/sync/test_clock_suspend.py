# SPDX-License-Identifier: EUPL-1.2
"""A kiosk PC that sleeps overnight: its wall clock is right when it wakes, and the
records it makes must say so. ``time.monotonic()`` stops while the machine sleeps, so
the night looked like a jump of the wall clock, and the next records were dated that
many hours too early (a late application was taken as on time)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from store import kiosk_facts, outbox
from store.database import Store
from store.models import OutboxEntry

NIGHT_S = 14 * 3600


class SleepingMachine:
    """The two clocks of a Linux machine: CLOCK_BOOTTIME goes on while it sleeps,
    CLOCK_MONOTONIC does not."""

    CLOCK_BOOTTIME = 7

    def __init__(self) -> None:
        self.awake_s = 1000.0
        self.asleep_s = 0.0

    def monotonic(self) -> float:
        return self.awake_s

    def clock_gettime(self, clock: int) -> float:
        assert clock == self.CLOCK_BOOTTIME
        return self.awake_s + self.asleep_s


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> SleepingMachine:
    if kiosk_facts.ELAPSED_CLOCK != "boottime":
        pytest.skip("no CLOCK_BOOTTIME here: a suspend cannot be told from a jump")
    fake = SleepingMachine()
    monkeypatch.setattr(
        kiosk_facts,
        "time",
        SimpleNamespace(
            monotonic=fake.monotonic,
            clock_gettime=fake.clock_gettime,
            CLOCK_BOOTTIME=fake.CLOCK_BOOTTIME,
        ),
    )
    return fake


def test_a_night_asleep_is_no_jump_of_the_clock(store: Store, machine: SleepingMachine) -> None:
    evening = outbox.utcnow() - timedelta(seconds=NIGHT_S + 60)
    with store.write() as session:
        kiosk_facts.set_clock_skew(session, 2, evening)  # measured last evening: 2 s fast
    machine.asleep_s += NIGHT_S  # the night
    machine.awake_s += 60  # a minute awake this morning
    with store.write() as session:
        assert kiosk_facts.clock_skew_at(session, outbox.utcnow()) == 2
        made = outbox.add(session, "event", {"type": "help_requested"})
    with store.read() as session:
        entry = session.query(OutboxEntry).filter_by(uuid=made).one()
        assert entry.clock_skew_s == 2


def test_a_real_jump_while_awake_is_still_seen(store: Store, machine: SleepingMachine) -> None:
    """The wall clock set back two hours while the machine ran: the measure moves."""
    with store.write() as session:
        kiosk_facts.set_clock_skew(session, 0, outbox.utcnow() + timedelta(hours=2))
    machine.awake_s += 60
    with store.write() as session:
        skew = kiosk_facts.clock_skew_at(session, outbox.utcnow())
    assert skew is not None and abs(skew - (-7200 - 60)) <= 2


def test_a_measure_counted_on_the_old_clock_is_taken_again(
    store: Store, machine: SleepingMachine
) -> None:
    """A measure kept by an earlier version (CLOCK_MONOTONIC, unnamed) is not mixed with
    the new clock: like another boot's, it gives no skew until the next pass measures."""
    with store.write() as session:
        kiosk_facts.set_clock_skew(session, 3, outbox.utcnow())
        fact = session.get(kiosk_facts.KioskFact, kiosk_facts.CLOCK_SKEW)
        assert fact is not None
        fact.value = " ".join(fact.value.split()[:3])  # as an earlier version wrote it
    with store.write() as session:
        assert kiosk_facts.clock_skew_at(session, outbox.utcnow()) is None
        assert kiosk_facts.clock_skew(session) == 3  # still shown to the manager
