# SPDX-License-Identifier: EUPL-1.2
"""Demo data: fills an empty mirror with the dataset in ``assets/demo/``.

Calls in the demo file carry dates relative to the loading day (``opens_in_days``,
``closes_in_days``), so a demo started at any time shows open, closed and upcoming calls.
"""

from __future__ import annotations

import base64
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from forms.definition import definition_records
from store import mirror
from store.database import Store

ROME = ZoneInfo("Europe/Rome")


def resolve_call_dates(call: dict[str, Any], today: date) -> dict[str, Any]:
    """Turns relative demo dates into ISO instants (opening 8:00, closing 12:00, Rome)."""
    resolved = dict(call)
    for field, hour in (("opens", 8), ("closes", 12)):
        offset = resolved.pop(f"{field}_in_days", None)
        if offset is not None:
            day = today + timedelta(days=offset)
            resolved[f"{field}_at"] = datetime.combine(day, time(hour), ROME).isoformat()
    return resolved


def published_pin_hash(admin_hash: str) -> str:
    """An operator's PIN hash as the platform publishes it: the first 32 bytes of the
    administrator's 64 (the rest is the platform's proof key; central/operators.py)."""
    head, _, digest = admin_hash.rpartition("$")
    raw = base64.urlsafe_b64decode(digest + "=" * (-len(digest) % 4))
    if len(raw) != 64:
        return admin_hash
    return f"{head}${base64.urlsafe_b64encode(raw[:32]).decode().rstrip('=')}"


def read_dataset(path: Path, today: date) -> dict[str, list[dict[str, Any]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["calls"] = [resolve_call_dates(call, today) for call in data.get("calls", [])]
    data["operators"] = [
        {**op, "pin_hash": published_pin_hash(op["pin_hash"])} for op in data.get("operators", [])
    ]
    data["forms"] = definition_records(path.parent / "forms")
    return {kind: data.get(kind, []) for kind in mirror.KINDS}


def load_if_empty(store: Store, path: Path, today: date | None = None) -> bool:
    """Loads the demo dataset in one transaction unless the mirror already has data."""
    with store.write() as session:
        if mirror.count(session, "comuni"):
            return False
        dataset = read_dataset(path, today or datetime.now(ROME).date())
        for kind, records in dataset.items():
            mirror.upsert(session, kind, records)
    return True
