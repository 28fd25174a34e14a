# SPDX-License-Identifier: EUPL-1.2
"""Python's lock changes hands every millisecond during a pull (sync/turns.py), and the
interval the program had is back after it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest

from sync import turns
from sync.engine import SyncEngine


@pytest.fixture
def usual_interval() -> Iterator[float]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's default
    yield 0.005
    sys.setswitchinterval(before)


def test_a_pull_switches_threads_every_millisecond_and_puts_the_interval_back(
    engine: SyncEngine, monkeypatch: pytest.MonkeyPatch, usual_interval: float
) -> None:
    seen: list[float] = []
    apply = engine._apply

    def watched_apply(*args: Any, **kwargs: Any) -> int:
        seen.append(sys.getswitchinterval())
        return apply(*args, **kwargs)

    monkeypatch.setattr(engine, "_apply", watched_apply)
    assert engine.pull_stream("catalog") > 0
    assert seen and all(interval == pytest.approx(0.001, abs=2e-6) for interval in seen)
    assert sys.getswitchinterval() == pytest.approx(usual_interval, abs=2e-6)


def test_overlapping_pulls_put_the_interval_back_when_the_last_one_ends(
    usual_interval: float,
) -> None:
    with turns.quick_turns():
        with turns.quick_turns():
            pass
        assert sys.getswitchinterval() == pytest.approx(turns.SWITCH_INTERVAL_S, abs=2e-6)
    assert sys.getswitchinterval() == pytest.approx(usual_interval, abs=2e-6)


def test_a_program_that_switches_more_often_already_keeps_its_interval() -> None:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.0002)
    try:
        with turns.quick_turns():
            assert sys.getswitchinterval() == pytest.approx(0.0002, abs=2e-6)
        assert sys.getswitchinterval() == pytest.approx(0.0002, abs=2e-6)
    finally:
        sys.setswitchinterval(before)
