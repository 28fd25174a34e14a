# SPDX-License-Identifier: EUPL-1.2
"""The platform's check of an application: the same form code the kiosk ran, again.

An application's payload names its call and the form it was filled on, with the form's
SHA-256 as the kiosk saw it, and carries the answers. The platform refuses it when the
call or form is unknown, the form is not the call's, the definition differs from what
the kiosk used, the application was made after the call closed, or the answers do not
pass the form's checks. The kiosk never decides admission; neither does this check.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import clock
from central.models import Device, Record
from forms.answers import check
from forms.definition import DefinitionError, load_definition
from protocol.messages import SubmissionEntry


def check_application(
    session: Session, entry: SubmissionEntry, device: Device | None = None
) -> tuple[str, str] | None:
    payload: Any = entry.payload
    if not isinstance(payload, dict) or not all(
        isinstance(payload.get(key), str) for key in ("call", "form", "form_sha256")
    ):
        return "invalid_payload", "an application needs call, form, form_sha256 and answers"
    assisted_by = payload.get("assisted_by")
    if assisted_by is not None and (
        not isinstance(assisted_by, str) or session.get(Record, ("operators", assisted_by)) is None
    ):
        return "unknown_operator", f"assisted by {assisted_by!r}, who is not an operator"
    if assisted_by is not None:  # a bare claim of assistance is not enough
        from central.operators import check_assisted_proof

        made_at = clock.made_at(entry, datetime.now(UTC))  # an earlier PIN's proof counts
        refusal = check_assisted_proof(session, device, payload, "tracking_code", made_at)
        if refusal is not None:
            return refusal
    call = session.get(Record, ("calls", payload["call"]))
    if call is None:
        return "unknown_call", "no such call"
    if call.data.get("form") != payload["form"]:
        return "wrong_form", f"call {payload['call']} does not use this form"
    closes_at = _utc(datetime.fromisoformat(call.data["closes_at"]))  # older data: naive
    made_at = clock.made_at(entry, datetime.now(UTC))  # by the platform's clock
    if made_at > closes_at:
        return "call_closed", f"made after the call closed ({closes_at:%d/%m/%Y %H:%M})"
    record = session.get(Record, ("forms", payload["form"]))
    if record is None:
        return "unknown_form", "no such form"
    try:
        form = load_definition(record.data["definition"])
    except DefinitionError:
        return "unknown_form", "the form cannot be read"
    if form.sha256 != payload["form_sha256"]:
        return "form_changed", "the form differs from the one the application was made on"
    comuni = set(session.scalars(select(Record.id).where(Record.kind == "comuni")))
    answers = payload.get("answers") or {}  # a map (protocol.messages), checked before this
    _cleaned, problems = check(
        form, answers, today=clock.local_day(session, made_at), comuni=comuni
    )
    if problems:
        shown = "; ".join(f"{p.path or 'form'}: {p.message('it')}" for p in problems[:5])
        return "invalid_answers", shown[:1000]
    return None


def _utc(moment: datetime) -> datetime:
    """An instant with its offset; one without is taken as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
