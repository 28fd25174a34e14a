# SPDX-License-Identifier: EUPL-1.2
"""The cycle collector during a pull: older objects left out while it runs, handed back
after it, and never thawed when the kiosk has settled them for good."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from sync import heap
from sync.engine import SyncEngine


@pytest.fixture
def unsettled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # As a fresh process: nothing frozen, nothing settled (other tests may have settled).
    monkeypatch.setattr(heap, "_settled", False)
    gc.unfreeze()
    yield
    gc.unfreeze()


def frozen_counts_while_applying(engine: SyncEngine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counts: list[int] = []
    apply = engine._apply

    def watched_apply(*args: object) -> int:
        counts.append(gc.get_freeze_count())
        return apply(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_apply", watched_apply)
    return counts


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
