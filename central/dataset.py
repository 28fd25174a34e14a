# SPDX-License-Identifier: EUPL-1.2
"""Seeds the platform with a dataset file (the demo catalog of assets/demo/).

Calls in the demo file carry dates relative to the seeding day (``opens_in_days``,
``closes_in_days``), so a demo shows open, closed and upcoming calls at any time.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from central.platform import Platform
from forms.definition import definition_records
from protocol.records import STREAMS

ROME = ZoneInfo("Europe/Rome")


def _absolute_dates(call: dict[str, Any], today: date) -> dict[str, Any]:
    resolved = dict(call)
    for field, hour in (("opens", 8), ("closes", 12)):
        offset = resolved.pop(f"{field}_in_days", None)
        if offset is not None:
            moment = datetime.combine(today + timedelta(days=offset), time(hour), ROME)
            resolved[f"{field}_at"] = moment.isoformat()
    return resolved


def seed_if_empty(platform: Platform, path: Path, today: date | None = None) -> bool:
    if platform.records("comuni"):
        return False
    data = json.loads(path.read_text(encoding="utf-8"))
    data["forms"] = definition_records(path.parent / "forms")
    day = today or datetime.now(ROME).date()
    items = []
    for kinds in STREAMS.values():
        for kind in kinds:
            for record in data.get(kind, []):
                items.append((kind, _absolute_dates(record, day) if kind == "calls" else record))
    platform.publish_many(items)
    return True


def seed_demo_citizens(platform: Platform, path: Path) -> int:
    """Demo citizens with a wallet PIN, a welfare credit and buoni spesa (made-up people,
    listed in the README), so the credit and "Stampa i miei buoni" can be tried in demo
    mode. One scrypt per citizen: called only when a demo platform is first seeded."""
    data = json.loads(path.read_text(encoding="utf-8"))
    citizens = data.get("citizens", [])
    for citizen in citizens:
        cf, comune = citizen["cf"], citizen["comune"]
        credit = citizen.get("credit")
        if credit:
            platform.set_credit(cf, credit["programme"], credit["balance_cents"], comune)
        for voucher in citizen.get("vouchers", []):
            platform.issue_voucher(
                cf, comune, voucher["programme"], voucher["amount_cents"], voucher["valid_days"]
            )
        platform.set_wallet_pin(cf, citizen["pin"], comune)
    return len(citizens)
