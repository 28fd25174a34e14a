# SPDX-License-Identifier: EUPL-1.2
"""Long lists fill a slice at a time: what must be seen comes at once, the rest between
timers and paints, and a new fill (or a person leaving) drops what was not drawn."""

from __future__ import annotations

import time
from itertools import pairwise

from PySide6.QtCore import QObject, QTimer

from kiosk.ui.widgets.sliced import SlicedFill

CARD_MS = 5  # what building and laying out one card costs on a kiosk's CPU


def slow_card(drawn: list[int]):  # type: ignore[no-untyped-def]
    def add(item: int) -> None:
        time.sleep(CARD_MS / 1000)
        drawn.append(item)

    return add


def test_a_long_fill_lets_timers_run_between_its_slices(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner, drawn, finished = QObject(), [], []
    filling = SlicedFill(owner, slow_card(drawn), lambda: finished.append(len(drawn)))
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    heartbeat.start()
    qtbot.wait(20)
    begin = time.perf_counter()
    filling.start(range(40), at_once=3)
    assert drawn == [0, 1, 2]  # the screenful, before start returns
    qtbot.waitUntil(lambda: finished != [], timeout=5000)
    heartbeat.stop()
    assert drawn == list(range(40)) and finished == [40]
    during = [beat for beat in beats if beat >= begin]
    gaps = [later - earlier for earlier, later in pairwise(during)]
    # 40 cards are 200 ms of work: drawn at once, no timer would fire for all of it.
    # (A slice draws one card here; the margin is for a test machine's other processes.)
    assert len(during) >= 10
    assert max(gaps) < 0.1, f"longest gap {max(gaps) * 1000:.0f} ms"


def test_starting_again_drops_what_was_not_drawn(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner, drawn, finished = QObject(), [], []
    filling = SlicedFill(owner, slow_card(drawn), lambda: finished.append(list(drawn)))
    filling.start(range(100, 130), at_once=2)
    filling.start(range(5), at_once=1)
    qtbot.waitUntil(lambda: finished != [], timeout=5000)
    qtbot.wait(30)
    assert drawn == [100, 101, 0, 1, 2, 3, 4]
    assert finished == [drawn]  # once, for the fill that finished


def test_a_cancelled_fill_draws_nothing_more(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner, drawn, finished = QObject(), [], []
    filling = SlicedFill(owner, slow_card(drawn), lambda: finished.append(True))
    filling.start(range(30), at_once=2)
    assert filling.busy
    filling.cancel()
    qtbot.wait(50)
    assert drawn == [0, 1] and finished == [] and not filling.busy


def test_an_empty_fill_is_done_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner, finished = QObject(), []
    SlicedFill(owner, lambda _item: None, lambda: finished.append(True)).start([], at_once=7)
    assert finished == [True]
