# SPDX-License-Identifier: EUPL-1.2
"""The platform's side of sealed submissions (protocol/sealing.py).

The platform makes its sealing key once (kept among its secrets, like the lookup key),
gives the public half to its kiosks (``GET /v1/device/sealing-key``) and opens every
sealed entry before any check reads it, so the rest of the intake sees a payload as
ever. An entry that does not open is refused by itself (``unreadable_payload``): its
kiosk keeps it for a manager. A refused sealed record goes back with the citizen's name
and phone numbers (forms/contact.py): the kiosk cannot open its own copy, and its
welfare manager calls the citizen back.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.devices import same_kiosk
from central.models import Device, PlatformSecret, Record, Submission
from central.platform.database import Database
from forms.contact import contact_of
from protocol import messages, sealing
from protocol.messages import SubmissionEntry, SubmissionResult

log = logging.getLogger(__name__)

SECRET = "sealing_key"
Read = SubmissionEntry | SubmissionResult | None


class SubmissionSeal:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._key: X25519PrivateKey | None = None
        self._lock = threading.Lock()

    def private_key(self) -> X25519PrivateKey:
        """Made on first use, then read once per process."""
        with self._lock:
            if self._key is None:
                with self.database.writing() as session:
                    row = session.get(PlatformSecret, SECRET)
                    if row is None:
                        made = sealing.private_hex(sealing.new_private_key())
                        row = PlatformSecret(name=SECRET, value=made)
                        session.add(row)
                    self._key = sealing.private_from_hex(row.value)
            return self._key

    def public_key(self) -> messages.SealingKey:
        public = sealing.public_text(self.private_key())
        return messages.SealingKey(kid=sealing.key_id(public), public_key=public)

    def open_entries(self, read: list[Read]) -> tuple[list[Read], set[str]]:
        """Each sealed entry opened into its payload, or refused in its place; and the
        UUIDs of the entries that came sealed with when they were made (those whose
        refusals may say how to reach the citizen: an ``SPS1`` envelope's date can be
        changed by whoever holds it, to be refused on purpose)."""
        key = self.private_key()
        keys = {sealing.key_id(sealing.public_text(key)): key}
        opened: list[Read] = []
        sealed: set[str] = set()
        for entry in read:
            if not isinstance(entry, SubmissionEntry) or entry.sealed is None:
                opened.append(entry)
                continue
            try:
                payload = sealing.open_sealed(
                    keys,
                    entry.kind,
                    entry.uuid,
                    entry.sealed,
                    created_at=entry.created_at,
                    clock_skew_s=entry.clock_skew_s,
                )
            except sealing.UnfitPayloadError as error:  # JSON the open wire refuses
                opened.append(
                    SubmissionResult(
                        uuid=entry.uuid,
                        status="rejected",
                        code="invalid_payload",
                        message=f"payload: {error}",
                    )
                )
                continue
            except sealing.SealError as error:
                opened.append(
                    SubmissionResult(
                        uuid=entry.uuid,
                        status="rejected",
                        code="unreadable_payload",
                        message=str(error),
                    )
                )
                continue
            if messages.nested_deeper_than(payload):  # as an entry sent open is refused
                depth = messages.MAX_PAYLOAD_DEPTH
                message = f"payload: nested more than {depth} levels deep"
                opened.append(
                    SubmissionResult(
                        uuid=entry.uuid, status="rejected", code="invalid_payload", message=message
                    )
                )
                continue
            checked = _as_if_open(entry, payload)
            if isinstance(checked, SubmissionResult):
                opened.append(checked)
                continue
            if sealing.bound_to_when_made(entry.sealed):
                sealed.add(entry.uuid)
            opened.append(checked)
        return opened, sealed

    def with_call_backs(
        self,
        entries: list[SubmissionEntry],
        results: list[SubmissionResult],
        sealed: set[str],
        sender: Device,
    ) -> list[SubmissionResult]:
        """Refusals of sealed records, with how to reach their citizens: only for what
        the record says (its call closed, its answers, its form or price), never for who
        sent it or a repeat (a proof naming another kiosk, its tracking code taken): that
        is an envelope sent again, perhaps by another kiosk from a stolen disk, and the
        platform would open for it what the envelope hides. Nor for an envelope another
        kiosk sent before (``copied``), whatever the refusal: its call withdrawn or its
        form replaced since, a copy is refused for what it says before it is seen to be
        a repeat."""
        refused = {
            r.uuid
            for r in results
            if r.status == "rejected" and r.uuid in sealed and r.code in CALL_BACK_REFUSALS
        }
        if not refused:
            return results
        contacts: dict[str, messages.CallBack] = {}
        with self.database.sessions() as session:
            refused -= copied(session, sender, refused)
            for entry in entries:
                if entry.uuid not in refused or not isinstance(entry.payload, dict):
                    continue
                try:
                    contacts[entry.uuid] = _call_back(session, entry.kind, entry.payload)
                except Exception:  # the batch is stored: its answers go back regardless
                    log.exception("no call-back for the refused record %s", entry.uuid)
        return [
            r.model_copy(update={"contact": contacts[r.uuid]}) if r.uuid in contacts else r
            for r in results
        ]


def copied(session: Session, sender: Device, uuids: set[str]) -> set[str]:
    """The UUIDs among ``uuids`` another device sent before: a kiosk makes each record's
    UUID, so another's is a copy of that kiosk's envelope (its disk keeps what it sent
    for ``keep_sent_days``). Not a revoked earlier device of the sender's kiosk, whose
    store was restored onto this one (central/devices.py ``same_kiosk``)."""
    if not uuids:
        return set()
    own = {sender.id, *(device.id for device in same_kiosk(session, sender, revoked=True))}
    sent = session.execute(
        select(Submission.uuid, Submission.device_id).where(Submission.uuid.in_(uuids))
    )
    return {uuid for uuid, device_id in sent if device_id not in own}


def _as_if_open(entry: SubmissionEntry, payload: dict[str, Any]) -> Read:
    """The opened entry validated again as one sent open (its numbers, its texts, its
    depth): a copy with the payload put in was never checked, and a sealed NaN was
    stored (as JSON no reader takes on SQLite, as null on PostgreSQL)."""
    fields = entry.model_dump(exclude={"payload", "sealed"}, exclude_unset=True)
    try:
        return SubmissionEntry.model_validate({**fields, "payload": payload})
    except ValidationError as error:
        first = error.errors(include_input=False, include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "entry"
        return SubmissionResult(
            uuid=entry.uuid,
            status="rejected",
            code="invalid_payload",
            message=f"{where}: {first['msg']}"[:300],
        )


# Refusals of what a record says, which its citizen is called back about. Any other
# (about its sender, its proofs, or a repeat) names nobody.
CALL_BACK_REFUSALS = frozenset(
    {
        "call_closed",
        "call_not_open",
        "form_changed",
        "invalid_answers",
        "invalid_payload",
        "unknown_call",
        "unknown_form",
        "wrong_form",
        "price_changed",
        "service_unavailable",
        "insufficient_credit",
        "no_credit",
        "payment_not_allowed",
        "invalid_voucher",
        "unknown_voucher",
        "unknown_wallet",
        "not_identified",
        "payload_too_large",
        "impossible_timestamp",
    }
)


def _call_back(session: Session, kind: str, payload: dict[str, Any]) -> messages.CallBack:
    form = session.get(Record, ("forms", str(payload.get("form"))))
    definition = form.data.get("definition") if form is not None else None
    name, phones = contact_of(kind, payload, definition if isinstance(definition, dict) else None)
    return messages.CallBack(
        name=_whole(name)[:200], phones=[_whole(phone)[:40] for phone in phones[:5]]
    )


def _whole(text: str) -> str:
    """``text`` with any half a character made "?": the answer is written as UTF-8 JSON."""
    return text.encode("utf-8", "replace").decode("utf-8")
