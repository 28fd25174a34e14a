# SPDX-License-Identifier: EUPL-1.2
"""Which records refer to which: a record others still use cannot be deleted, since no
kiosk could apply its tombstone (it would be set aside on every kiosk, store/set_aside.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Which fields of which kinds refer to a record of ``kind``: (kind, field, is a list).
REFERRERS: dict[str, list[tuple[str, str, bool]]] = {
    "comuni": [
        ("services", "residents_of", True),
        ("calls", "comune", False),
        ("vouchers", "comune", False),
    ],
    "categories": [("services", "category", False)],
    "providers": [("services", "provider", False)],
    "forms": [("calls", "form", False)],
}


def refers_to(record: Mapping[str, Any], field: str, many: bool, target_id: str) -> bool:
    value = record.get(field)
    return target_id in value if many and isinstance(value, list) else value == target_id
