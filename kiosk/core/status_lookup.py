# SPDX-License-Identifier: EUPL-1.2
"""Finding where an application stands, from the tracking code on its receipt and the
applicant's codice fiscale (Qt-free).

The platform's word comes first: the status records of the mirror, found under the
keyed hash of both codes (forms/lookup.py). An application made at this kiosk that the
platform has not answered yet is found in the outbox, so a citizen who asks right after
applying, or while the kiosk is offline, is not told it does not exist. Its answers are
sealed to the platform: the codice fiscale is checked against the costly check the
record keeps (forms/lookup.py ``applicant_check``). A record damaged on the kiosk's
disk is not found, and holds back no other citizen's look-up.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.lookup import applicant_check, status_key
from store import outbox
from store.models import ApplicationStatus, Call, OutboxEntry

# Beyond the platform's states: "waiting" (saved here, not yet sent) and "refused" (the
# platform did not take it in: a welfare manager sees why and helps).
LOCAL_STATES = ("waiting", "refused")


@dataclass(frozen=True)
class Standing:
    state: str
    protocol: str | None
    call_title: dict[str, str]
    updated_at: datetime | None  # naive UTC
    note: dict[str, str] | None = None


def find(session: Session, secret_hex: str | None, code: str, cf: str) -> Standing | None:
    """``code`` and ``cf`` already normalised (forms.lookup.tracking_code, the CF check)."""
    if secret_hex:
        row = session.get(ApplicationStatus, status_key(bytes.fromhex(secret_hex), code, cf))
        if row is not None:
            return Standing(
                row.state, row.protocol, _title(session, row.call_id), row.updated_at, row.note
            )
    entry = session.scalars(
        select(OutboxEntry).where(
            OutboxEntry.kind == "application",
            # A damaged entry (no longer JSON) is passed over, never read: reading into
            # it would fail the look-up of every citizen (store/outbox.py).
            outbox.payload_field("$.tracking_code") == code,
        )
    ).first()
    if entry is None or not _made_by(entry.payload, code, cf):
        return None
    title = _title(session, str(entry.payload.get("call")))
    if entry.state == "accepted":  # the platform's status has not come down yet
        return Standing("received", entry.server_id, title, entry.updated_at)
    if entry.state == "rejected":
        return Standing("refused", None, title, entry.updated_at)
    return Standing("waiting", None, title, entry.created_at)


def _made_by(payload: dict[str, object], code: str, cf: str) -> bool:
    """A sealed record keeps only a costly check of its applicant (store/outbox.py)."""
    check = payload.get("applicant")
    if isinstance(check, str):
        return hmac.compare_digest(check, applicant_check(code, cf))
    answers = payload.get("answers")
    applicant = answers.get("cf", "") if isinstance(answers, dict) else ""
    return str(applicant).strip().upper() == cf


def _title(session: Session, call_id: str) -> dict[str, str]:
    call = session.get(Call, call_id)
    return dict(call.title) if call is not None else {"it": call_id}
