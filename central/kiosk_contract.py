"""What the kiosks accept, checked by the platform before it publishes anything.

A record the platform publishes but the kiosks refuse is set aside on every kiosk (see
store/set_aside.py): the citizen never sees the change. So publishing runs the kiosks'
own checks (``protocol.records``, the contract both sides read) after the platform's
schema, and a tombstone is refused while other records still refer to the record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import protocol.records as kiosk_records

KIOSK_CHECKS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "comuni": kiosk_records.parse_comune,
    "categories": kiosk_records.parse_category,
    "providers": kiosk_records.parse_provider,
    "services": kiosk_records.parse_service,
    "forms": kiosk_records.parse_form,
    "calls": kiosk_records.parse_call,
    "application_statuses": kiosk_records.parse_application_status,
    "operators": kiosk_records.parse_operator,
    "credits": kiosk_records.parse_credit,
    "vouchers": kiosk_records.parse_voucher,
}

# Which fields of which kinds refer to a record of ``kind``: (kind, field, is a list).
REFERRERS: dict[str, list[tuple[str, str, bool]]] = {
    "comuni": [("services", "residents_of", True), ("calls", "comune", False),
               ("vouchers", "comune", False)],
    "categories": [("services", "category", False)],
    "providers": [("services", "provider", False)],
    "forms": [("calls", "form", False)],
}  # fmt: skip


def kiosk_problem(kind: str, record: Mapping[str, Any]) -> str | None:
    """Why the kiosks would refuse ``record`` (as the platform would publish it), or None."""
    check = KIOSK_CHECKS.get(kind)
    if check is None:
        return f"unknown kind {kind!r}"
    try:
        check(record)
    except kiosk_records.RecordError as error:
        return str(error)
    return None


def refers_to(record: Mapping[str, Any], field: str, many: bool, target_id: str) -> bool:
    value = record.get(field)
    return target_id in value if many and isinstance(value, list) else value == target_id
