# SPDX-License-Identifier: EUPL-1.2
"""The platform's check of an application: the same form code the kiosk ran, again.

An application's payload names its call and the form it was filled on, with the form's
SHA-256 as the kiosk saw it, and carries the answers. The platform refuses it when the
call or form is unknown, the form is not the call's, the definition differs from what
the kiosk used, the application was made after the call closed, or the answers do not
pass the form's checks. The kiosk never decides admission; neither does this check.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import clock
from central.models import Device, Record
from forms.answers import check
from forms.definition import DefinitionError, FormDefinition, canonical_sha256, load_definition
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
    opens_at = _utc(datetime.fromisoformat(call.data["opens_at"]))
    closes_at = _utc(datetime.fromisoformat(call.data["closes_at"]))  # older data: naive
    made_at = clock.made_at(entry, datetime.now(UTC))  # by the platform's clock
    if made_at < opens_at:  # the kiosk checks it too, but a token alone must not jump the queue
        return "call_not_open", f"made before the call opened ({opens_at:%d/%m/%Y %H:%M})"
    if made_at > closes_at:
        return "call_closed", f"made after the call closed ({closes_at:%d/%m/%Y %H:%M})"
    record = session.get(Record, ("forms", payload["form"]))
    if record is None:
        return "unknown_form", "no such form"
    try:
        form = checked_definition(payload["form"], record.data["definition"])
    except DefinitionError:
        return "unknown_form", "the form cannot be read"
    if form.sha256 != payload["form_sha256"]:
        return "form_changed", "the form differs from the one the application was made on"
    comuni = _comuni(session)
    answers = payload.get("answers") or {}  # a map (protocol.messages), checked before this
    _cleaned, problems = check(
        form, answers, today=clock.local_day(session, made_at), comuni=comuni
    )
    if problems:
        shown = "; ".join(f"{p.path or 'form'}: {p.message('it')}" for p in problems[:5])
        return "invalid_answers", shown[:1000]
    return None


# Definitions already checked, by form ref and the SHA-256 of what was checked: a form
# never changes once published, and a batch of 500 applications ran the schema's check
# of the same definition 500 times inside the writers' turn (three quarters of its 6 s).
# A definition whose content differs (a digest not seen) is checked again, in full.
DEFINITIONS_KEPT = 64
_definitions: OrderedDict[tuple[str, str], FormDefinition] = OrderedDict()
_definitions_lock = threading.Lock()


def checked_definition(ref: str, definition: Any) -> FormDefinition:
    """``load_definition(definition, published=True)``, checked once per ref and
    content; DefinitionError as it raises (a definition refused is not kept: checked
    again each time)."""
    try:
        digest = canonical_sha256(definition)
    except (TypeError, ValueError, RecursionError):  # not JSON: the full check says why
        return load_definition(definition, published=True)
    key = (ref, digest)
    with _definitions_lock:
        known = _definitions.get(key)
        if known is not None:
            _definitions.move_to_end(key)
            return known
    # A copy of its own: the record's data belongs to the session that read it.
    form = load_definition(copy.deepcopy(definition), published=True)
    with _definitions_lock:
        _definitions[key] = form
        while len(_definitions) > DEFINITIONS_KEPT:
            _definitions.popitem(last=False)
    return form


_COMUNI = "applications.comuni"


def _comuni(session: Session) -> set[str]:
    """The Comuni's ids, read once per transaction (a batch of applications)."""
    found = session.info.get(_COMUNI)
    if found is None:
        found = session.info[_COMUNI] = set(
            session.scalars(select(Record.id).where(Record.kind == "comuni"))
        )
    return set(found)


def _utc(moment: datetime) -> datetime:
    """An instant with its offset; one without is taken as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
