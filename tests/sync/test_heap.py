# SPDX-License-Identifier: EUPL-1.2
"""The cycle collector during a pull: paused while it runs, older objects left out of
any collection meanwhile, both handed back after it, and never thawed or switched back
on when the kiosk has taken them over for good."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest

from sync import heap
from sync.engine import SyncEngine

T = TypeVar("T")


@pytest.fixture
def unsettled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # As a fresh process: nothing frozen, nothing settled, automatic collection on
    # (other tests may have settled, and a screen's collector switches it off).
    monkeypatch.setattr(heap, "_settled", False)
    monkeypatch.setattr(heap, "_automatic", True)
    was_enabled = gc.isenabled()
    gc.enable()
    gc.unfreeze()
    yield
    gc.unfreeze()
    (gc.enable if was_enabled else gc.disable)()


def frozen_counts_while_applying(engine: SyncEngine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    return collector_while_applying(engine, monkeypatch, gc.get_freeze_count)


def collector_while_applying(
    engine: SyncEngine, monkeypatch: pytest.MonkeyPatch, seen: Callable[[], T]
) -> list[T]:
    found: list[T] = []
    apply = engine._apply

    def watched_apply(*args: Any, **kwargs: Any) -> int:
        found.append(seen())
        return apply(*args, **kwargs)

    monkeypatch.setattr(engine, "_apply", watched_apply)
    return found


@pytest.mark.usefixtures("unsettled")
def test_a_pull_leaves_older_objects_out_of_collections_until_it_ends(
    engine: SyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = frozen_counts_while_applying(engine, monkeypatch)
    engine.pull_stream("catalog")
    assert counts and min(counts) > 10_000  # the program's objects, frozen meanwhile
    assert gc.get_freeze_count() == 0  # handed back: collectable again


@pytest.mark.usefixtures("unsettled")
def test_a_pull_never_thaws_what_the_kiosk_settled(engine: SyncEngine) -> None:
    heap.settle()  # as the kiosk does once its catalog is ready
    settled = gc.get_freeze_count()
    engine.pull_stream("catalog")
    # Still frozen (a few frozen objects may have died meanwhile, freed by refcount).
    assert settled > 10_000 and gc.get_freeze_count() > 0.9 * settled


@pytest.mark.usefixtures("unsettled")
def test_overlapping_blocks_hand_objects_back_when_the_last_one_ends() -> None:
    with heap.frozen_meanwhile():
        with heap.frozen_meanwhile():
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("unsettled")
def test_automatic_collection_is_paused_during_a_pull_and_back_after_it(
    engine: SyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its collections of the pull's own short-lived objects took ~150 ms of a 1.3 s pull.
    enabled = collector_while_applying(engine, monkeypatch, gc.isenabled)
    engine.pull_stream("catalog")
    assert enabled and not any(enabled)
    assert gc.isenabled()


@pytest.mark.usefixtures("unsettled")
def test_a_pull_leaves_automatic_collection_off_when_the_program_took_it_over(
    engine: SyncEngine,
) -> None:
    heap.automatic_collection_off()  # as the kiosk's screen does: it collects on its thread
    engine.pull_stream("catalog")
    assert not gc.isenabled()
