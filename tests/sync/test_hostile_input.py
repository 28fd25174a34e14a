# SPDX-License-Identifier: EUPL-1.2
"""Property tests: whatever people type and whatever records arrive, nothing crashes."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.boot.paths import DEMO_DATASET
from protocol.records import RecordError
from store import catalog, demo, mirror
from store.database import Store

_FOLDERS: dict[str, tempfile.TemporaryDirectory[str]] = {}


@cache
def demo_store() -> Store:
    # One store for all examples: hypothesis calls the test many times. Its folder goes
    # when the test process ends (a mkdtemp() folder was left in /tmp by every run).
    folder = _FOLDERS.setdefault("store", tempfile.TemporaryDirectory(prefix="hostile-input-"))
    store = Store(Path(folder.name) / "kiosk.sqlite3")
    demo.load_if_empty(store, DEMO_DATASET)
    return store


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_typed_text_searches_without_error(typed: str) -> None:
    with demo_store().read() as session:
        results = catalog.search_services(session, typed, "piazzola")
    assert len(results) <= 50


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
service_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.just("s1"), json_values),
        "category": st.one_of(st.just("silvercare"), json_values),
        "provider": st.one_of(st.just("coop-ponte"), json_values),
        "title": st.one_of(st.just({"it": "Servizio"}), json_values),
        "description": st.one_of(st.just({"it": ""}), json_values),
        "price_cents": st.one_of(st.integers(-10, 10**8), json_values),
        "unit": st.one_of(st.sampled_from(["ora", "mese", "?"]), json_values),
        "booking": st.one_of(st.sampled_from(["buy_now", "info_only"]), json_values),
        "residents_of": st.one_of(st.none(), st.just(["limena"]), json_values),
        "keywords": json_values,
    },
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(service_like, json_values))
def test_a_record_is_either_refused_clearly_or_valid(record: object) -> None:
    try:
        rows = mirror.parse_batch("services", [record])  # type: ignore[list-item]
    except RecordError as error:
        assert str(error).startswith("services[0]")
        return
    row = rows[0]
    assert isinstance(row["title"]["it"], str) and row["title"]["it"].strip()
    assert row["price_cents"] is None or 0 <= row["price_cents"] <= 10_000_000
    assert row["booking"] == "info_only" or row["price_cents"] is not None
