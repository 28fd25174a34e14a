# SPDX-License-Identifier: EUPL-1.2
"""Applying for a call at the kiosk, without Qt: the draft a citizen fills page by page,
and its submission.

A draft lives in memory for the session only (the session-safety timeout discards it).
Submitting writes, in one transaction, the application's outbox entry (a client UUID,
the form's reference and SHA-256, the cleaned answers) and its application receipt in
the print queue, so neither is lost or sent twice. The receipt carries a tracking code
made here. The protocol number comes from the platform: the receipt is held for a few
seconds, and when the platform accepts the application in that time it prints with the
number (``receipts_after_push``); offline it prints without, saying where to find it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.answers import Problem, check
from forms.definition import FormDefinition, load_definition
from forms.lookup import TRACKING_ALPHABET
from kiosk.core import local_time
from languages.catalog import QT_TRANSLATE_NOOP, translate
from printing import print_queue
from printing.documents import ApplicationReceipt, application_receipt, with_protocol
from printing.slip import SlipContext
from protocol.messages import ApplicationPayload, check_submission
from protocol.states import SubmissionKind
from protocol.wire import Result
from store import outbox
from store.catalog import list_comuni
from store.database import Store
from store.models import Call, Comune, OutboxEntry
from store.models import FormDefinition as FormRow
from vouchers.wallet_key import assisted_proof


def tracking_code() -> str:
    """A code the citizen keeps to ask about the application: DOM-XXXX-XXXX."""
    letters = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"DOM-{letters[:4]}-{letters[4:]}"


class NotAvailableError(Exception):
    """The call is unknown, closed, or has no form to fill at the kiosk."""


@dataclass
class Draft:
    call_id: str
    call_title: dict[str, str]
    form: FormDefinition
    comuni: frozenset[str]
    answers: dict[str, Any] = field(default_factory=dict)
    page: int = 0
    # The Comune's privacy notice (protocol.records.PrivacyNotice): the wizard's first
    # step, read before any personal data is typed (GDPR art. 13).
    privacy_notice: dict[str, Any] | None = None
    notice_read: bool = False

    @property
    def needs_notice(self) -> bool:
        """Whether the privacy notice is the step to show: the call has one, and the
        citizen has neither read it nor typed anything yet."""
        fresh = self.page == 0 and not self.answers
        return self.privacy_notice is not None and not self.notice_read and fresh

    @property
    def pages(self) -> list[dict[str, Any]]:
        return list(self.form.data["pages"])

    def page_problems(self, today: date) -> list[Problem]:
        page_id = self.pages[self.page]["id"]
        _cleaned, problems = check(
            self.form, self.answers, today=today, pages={page_id}, comuni=self.comuni
        )
        return problems

    def all_problems(self, today: date) -> tuple[dict[str, Any], list[Problem]]:
        return check(self.form, self.answers, today=today, comuni=self.comuni)


def start(session: Session, call_id: str, now: datetime) -> Draft:
    """A new draft for an open call with a form; NotAvailableError otherwise."""
    call = session.get(Call, call_id)
    if call is None or call.form_ref is None:
        raise NotAvailableError(f"call {call_id!r} has no form to fill at the kiosk")
    if not call.opens_at <= local_time.aware_utc(now) <= call.closes_at:
        raise NotAvailableError(f"call {call_id!r} is not open")
    row = session.get(FormRow, call.form_ref)
    if row is None:
        raise NotAvailableError(f"form {call.form_ref} has not reached this kiosk yet")
    comuni = frozenset(session.scalars(select(Comune.id)))
    notice = dict(call.privacy_notice) if call.privacy_notice else None
    return Draft(
        call.id,
        dict(call.title),
        load_definition(row.definition),
        comuni,
        privacy_notice=notice,
    )


def open_call(store: Store, call_id: str, now: datetime) -> Draft | None:
    """A new draft for the call, read in a transaction of its own (on a worker thread:
    the form definition can be large); None when the call cannot be applied for here."""
    try:
        with store.read() as session:
            return start(session, call_id, now)
    except NotAvailableError:
        return None


@dataclass(frozen=True)
class OpenedCall:
    draft: Draft | None  # None: the call cannot be applied for here
    comuni: list[tuple[str, dict[str, str]]]  # the Comuni, as a "comune" question's options


def read_call(store: Store, call_id: str, now: datetime) -> OpenedCall:
    """What the application screen needs to open a call, in one read transaction (on a
    worker thread: the form definition is parsed and checked on the way)."""
    with store.read() as session:
        comuni = [(c.id, {"it": c.name}) for c in list_comuni(session)]
        try:
            return OpenedCall(start(session, call_id, now), comuni)
        except NotAvailableError:
            return OpenedCall(None, comuni)


# What to do next, for the citizen's own lines on the receipt (in their language).
NEXT_STEPS = (
    QT_TRANSLATE_NOOP("Slips", "The Comune will contact you after examining the application."),
    QT_TRANSLATE_NOOP(
        "Slips", "Keep this receipt: you need it to ask how your application is going."
    ),
)


@dataclass(frozen=True)
class Submitted:
    outbox_uuid: str
    tracking_code: str
    print_job: str


def submit(
    session: Session,
    draft: Draft,
    context: SlipContext,
    now: datetime,
    *,
    receipt_hold_s: float = 0.0,
    assisted_by: str | None = None,
    assisted_proof_key: bytes = b"",
    language: str = "it",
    time_zone: str = local_time.DEFAULT_ZONE,
) -> Submitted | list[Problem]:
    """Queues the application and its receipt in the caller's transaction, or returns
    the problems that stop it (the draft is kept as it is). The receipt waits up to
    ``receipt_hold_s`` for the protocol number. ``assisted_by``: the operator id of the
    welfare manager who filled it in with the citizen (the receipt names them by the
    context's ``operator``), with ``assisted_proof_key`` their login's proof key (the
    platform checks they logged in on this kiosk). ``language``: the citizen's, for
    their own lines on it. ``time_zone``: the kiosk's, whose calendar day the wizard
    checked the answers on, as the platform checks them on its own (a birth date
    "not after today" at half past midnight was refused here by UTC's day)."""
    call = session.get(Call, draft.call_id)  # as the mirror has it now, not at the start
    if call is None or call.form_ref != draft.form.ref:
        raise NotAvailableError(f"call {draft.call_id!r} changed its form meanwhile")
    if not call.opens_at <= local_time.aware_utc(now) <= call.closes_at:
        raise NotAvailableError(f"call {draft.call_id!r} closed meanwhile")
    cleaned, problems = draft.all_problems(local_time.local(now, time_zone).date())
    if problems:
        return problems
    code = tracking_code()
    proof = None
    if assisted_by and assisted_proof_key:
        proof = assisted_proof(assisted_proof_key, code, assisted_by, context.kiosk_id)
    # The contract's own type: a field the platform would refuse stops here (ValueError,
    # naming it), before anything is queued or printed.
    payload = ApplicationPayload(
        call=draft.call_id,
        form=draft.form.ref,
        form_sha256=draft.form.sha256,
        tracking_code=code,
        answers=cleaned,
        channel="kiosk_assisted" if assisted_by else "kiosk",
        assisted_by=assisted_by,
        assisted_proof=proof,
    )
    data = payload.model_dump(mode="json")
    check_submission(SubmissionKind.APPLICATION, data)  # as the platform reads it, from JSON
    entry_uuid = outbox.add(session, SubmissionKind.APPLICATION, data)
    slip = application_receipt(
        context,
        ApplicationReceipt(
            call_title=draft.call_title.get("it", ""),
            comune=context.comune,
            tracking_code=code,
            submitted_at=context.printed_at,
            next_steps=(
                "Il Comune ti contatterà dopo aver esaminato la domanda.",
                "Conserva questa ricevuta: serve per chiedere a che punto è.",
            ),
            language=language,
            call_title_translated=draft.call_title.get(language, ""),
            citizen_notes=[translate("Slips", step, language) for step in NEXT_STEPS],
        ),
    )
    hold = outbox.utcnow() + timedelta(seconds=receipt_hold_s) if receipt_hold_s > 0 else None
    job = print_queue.add(session, slip, "application", code, hold_until=hold)
    return Submitted(entry_uuid, code, job)


def receipts_after_push(session: Session, results: list[Result]) -> int:
    """Completes and releases the held receipts of applications the platform has just
    answered: an accepted one with its protocol number, a refused one as it is (the
    citizen keeps the proof of what was sent; the manager sees why it was refused).
    Runs in the transaction that records the answers. Returns how many were released."""
    answered = {r.uuid: r for r in results}
    if not answered:
        return 0
    rows = session.scalars(
        select(OutboxEntry).where(
            OutboxEntry.uuid.in_(answered),
            OutboxEntry.kind == "application",
            outbox.readable(),  # a damaged one would fail recording every answer of the batch
        )
    )
    released = 0
    for row in rows:
        job = print_queue.held(session, "application", str(row.payload.get("tracking_code")))
        if job is None:
            continue
        result = answered[row.uuid]
        protocol = result.server_id if result.accepted else None
        slip = with_protocol(job.slip, protocol) if protocol else None
        released += print_queue.release(session, job.id, slip)
    return released


def application_state(session: Session, entry_uuid: str) -> tuple[str, str | None]:
    """(outbox state, protocol number once accepted) of a submitted application."""
    # The state only: the payload is not read (one damaged on the disk is not JSON).
    row = session.execute(
        select(OutboxEntry.state, OutboxEntry.server_id).where(OutboxEntry.uuid == entry_uuid)
    ).first()
    if row is None:
        return "unknown", None
    state, server_id = row
    return state, server_id if state == "accepted" else None
