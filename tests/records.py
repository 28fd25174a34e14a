# SPDX-License-Identifier: EUPL-1.2
"""Valid mirror records for tests, with the fields a test cares about overridden."""

from __future__ import annotations

from typing import Any


def service_record(service_id: str = "s99", title: str = "Servizio di prova", **changes: Any):  # type: ignore[no-untyped-def]
    record: dict[str, Any] = {
        "id": service_id,
        "category": "silvercare",
        "provider": "coop-ponte",
        "title": {"it": title},
        "description": {"it": ""},
        "price_cents": 1000,
        "unit": "ora",
        "booking": "buy_now",
        "residents_of": None,
    }
    record.update(changes)
    return record
