# SPDX-License-Identifier: EUPL-1.2
"""A page of changes ends early when its records are large: records near their size
limits (a service's description of 4,000 characters in each of 20 languages) made a
page of the asked-for length larger than the 16 MiB a kiosk reads, and the stream
stopped at that page on every pass."""

from __future__ import annotations

import json
import string
from typing import Any

from central.platform.catalog import PAGE_CHARACTERS
from store.database import Store
from sync.client import MAX_REPLY_BYTES
from sync.engine import SyncEngine
from tests.sync.conftest import KIOSK_SIGNER, Central, enrolled_client

LANGUAGES = ["it", *(a + b for a in "abcdefghij" for b in "xy")][:20]


def big_service(number: int) -> dict[str, Any]:
    return {
        "id": f"big{number:04d}",
        "category": "childcare",
        "provider": "coop-girasole",
        "title": {"it": f"Servizio {number}"},
        "description": dict.fromkeys(LANGUAGES, (string.ascii_letters * 100)[:4000]),
        "booking": "info_only",
    }


def test_a_page_of_large_records_ends_early_and_the_kiosk_pulls_them_all(
    central: Central, store: Store
) -> None:
    central.platform.publish_many(("services", big_service(n)) for n in range(230))
    text = central.platform.catalog.changes("catalog", 0, 500)
    page = json.loads(text)
    assert page["has_more"] and 0 < len(page["items"]) < 230
    assert len(text.encode()) <= 4 * PAGE_CHARACTERS < MAX_REPLY_BYTES
    client = enrolled_client(central, signer=KIOSK_SIGNER)
    try:
        engine = SyncEngine(store, client, page_size=500)
        report = engine.run_once()
        assert not report.problems, report.problems
        with store.read() as session:
            held = session.connection().exec_driver_sql(
                "SELECT count(*) FROM services WHERE id LIKE 'big%'"
            )
            assert held.scalar_one() == 230
    finally:
        client.close()
