# SPDX-License-Identifier: EUPL-1.2
"""Records the platform refused, as a welfare manager deals with them.

The platform answers a refusal with a code (``price_changed``, ``call_closed`` ...) and
English words for its logs; the dashboard explains the code in the manager's language
(kiosk/ui/screens/manager_desk.py). What the manager needs to act is here: the number
the citizen holds on their slip, and how to reach them, read from the record itself
(the phone field is found by its type in the form the citizen filled in, whatever its
name). Marking a refusal dealt with keeps the record, takes it off the dashboard and
tells the platform (an ``refusal_dealt_with`` event with the outcome the manager chose).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.contact import contact_of
from protocol.states import OutboxState
from protocol.text import fitted
from store import outbox
from store.models import FormDefinition, OutboxEntry

# How a manager dealt with a refused record (the dashboard names each in words).
OUTCOMES = ("redone_with_citizen", "citizen_told", "citizen_unreachable")


@dataclass(frozen=True)
class Contact:
    name: str  # "" when the record has none (an order)
    phones: tuple[str, ...]  # every phone number the record holds, in form order


def citizen_contact(
    session: Session, kind: str, payload: dict[str, Any], called_back: dict[str, Any] | None = None
) -> Contact:
    """Who made the record and the numbers to call them back on. A sealed record's are
    the ones the platform sent with its refusal (``called_back``): the kiosk cannot
    open its own sealed copy."""
    if called_back is not None:
        phones = called_back.get("phones") or []
        return Contact(str(called_back.get("name") or ""), tuple(str(p) for p in phones))
    definition = session.get(FormDefinition, str(payload.get("form")))
    name, phones = contact_of(kind, payload, definition.definition if definition else None)
    return Contact(name, phones)


def citizen_reference(kind: str, payload: dict[str, Any], entry_uuid: str) -> str:
    """The number printed on the citizen's slip: the tracking code or the order number."""
    return str(payload.get("tracking_code") or payload.get("order") or entry_uuid[:8])


def mark_dealt_with(
    session: Session, entry_uuid: str, operator_id: str, kiosk_id: str, outcome: str, now: datetime
) -> bool:
    """Marks a refused record dealt with and queues the platform's event. False when
    there is no such refused record still open (already dealt with, on another tap)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    row = session.scalar(select(OutboxEntry).where(OutboxEntry.uuid == entry_uuid))
    if row is None or row.state != OutboxState.REJECTED or row.handled_at is not None:
        return False
    row.handled_at, row.handled_by, row.handled_outcome = now, operator_id, outcome
    outbox.add_event(
        session,
        {
            "type": "refusal_dealt_with",
            "record": entry_uuid,
            "record_kind": row.kind,
            # The platform's code, as an older kiosk stored it (protocol/wire.py cleans it now).
            "code": fitted(row.reject_code or "", 64),
            "outcome": outcome,
            "operator": operator_id,
            "kiosk": kiosk_id,
        },
    )
    return True
