# SPDX-License-Identifier: EUPL-1.2
"""What the manager's dashboard shows and does, without Qt: the records waiting or
refused, the print queue, recent slips to reprint, the end-of-day report, and the audit
events of assisted sessions.

An assisted session is recorded as an outbox event (``assisted_session``: operator id,
no citizen data), so the platform learns of it like any record, and the day report can
count the sessions per operator from the store alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core import local_time
from kiosk.core.help_call import waiting_help_requests
from kiosk.core.refusals import citizen_contact, citizen_reference
from kiosk.core.wallet_pin import WalletLocks, wallet_locks
from printing import print_queue
from printing.documents import DayReport
from printing.print_queue import QueuedJob
from protocol.states import Payment
from store import kiosk_facts, outbox, print_history, set_aside
from store.models import Operator, OutboxEntry
from store.retention import Overdue, RetentionRule, overdue
from store.set_aside import SetAside

RECENT_SLIPS = 8
# A clock off by more than this is shown to the manager: deadlines are the platform's,
# but the times on the screen and on slips would be wrong.
CLOCK_WARNING_S = 300
REPRINTABLE = ("receipt", "application", "voucher")  # what a citizen may have lost


@dataclass(frozen=True)
class Refused:
    uuid: str
    kind: str
    created_at: datetime  # naive UTC
    reference: str  # the number on the citizen's slip: tracking code or order number
    code: str  # the platform's refusal code; the dashboard says it in words
    name: str  # the citizen's name when the record has it
    phones: tuple[str, ...]  # numbers to call the citizen back on


@dataclass(frozen=True)
class RecentSlip:
    uuid: str
    kind: str
    reference: str | None
    title: str
    printed_at: datetime  # naive UTC


@dataclass(frozen=True)
class DeskFacts:
    waiting: int
    refused: list[Refused]
    overdue: Overdue
    print_counts: dict[str, int]
    print_attention: list[QueuedJob]
    recent_slips: list[RecentSlip]
    printer: str = ""  # the printer's state as its worker last saw it (printing.connection)
    help_requests: list[datetime] = field(default_factory=list)  # naive UTC, waiting
    set_aside: list[SetAside] = field(default_factory=list)  # platform records not applied
    # The kiosk's clock minus the platform's, last measured (None: never measured).
    clock_skew_s: int | None = None
    wallet_locks: WalletLocks = field(default_factory=lambda: WalletLocks([], 0))
    # Records on the kiosk's disk no longer readable (store/outbox.py): left out of
    # everything above, never sent; a technician looks at them (social-point doctor).
    damaged: int = 0

    @property
    def clock_is_off(self) -> bool:
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > CLOCK_WARNING_S


def desk_facts(session: Session, now: datetime, rule: RetentionRule) -> DeskFacts:
    counts = outbox.counts(session)
    rejected = session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.state == "rejected", OutboxEntry.handled_at.is_(None))
        .where(outbox.readable())  # a damaged one is counted in ``damaged`` instead
        .order_by(OutboxEntry.id.desc())
    )
    refused = []
    for row in rejected:
        contact = citizen_contact(session, row.kind, row.payload, row.called_back)
        refused.append(
            Refused(
                row.uuid,
                row.kind,
                row.created_at,
                citizen_reference(row.kind, row.payload, row.uuid),
                row.reject_code or "",
                contact.name,
                contact.phones,
            )
        )
    recent = print_queue.recent(session, REPRINTABLE, RECENT_SLIPS)
    return DeskFacts(
        waiting=counts["pending"] + counts["sending"],
        refused=refused,
        overdue=overdue(session, now, rule),
        print_counts=print_queue.counts(session),
        print_attention=print_queue.needing_attention(session),
        recent_slips=[
            RecentSlip(r.uuid, r.kind, r.reference, r.slip.title, r.updated_at or r.created_at)
            for r in recent
        ],
        help_requests=waiting_help_requests(session, now),
        set_aside=set_aside.for_manager(session),
        clock_skew_s=kiosk_facts.clock_skew(session),
        wallet_locks=wallet_locks(session, now),
        damaged=outbox.damaged(session),
    )


def record_assisted_session(
    session: Session, operator_id: str, kiosk_id: str, proof_key: bytes = b""
) -> str:
    """An audit event for the platform: this operator started an assisted session.
    ``proof_key``: their login's (kiosk/core/manager_login.py), so the platform sees the
    operator logged in here, not a name typed into an event; the platform checks it
    under the same reference (central/operators.py ``session_reference``)."""
    from datetime import UTC

    from vouchers.wallet_key import assisted_proof

    moment = datetime.now(UTC).isoformat()
    event: dict[str, str] = {"type": "assisted_session", "operator": operator_id, "kiosk": kiosk_id}
    if proof_key:
        reference = f"assisted-session|{moment}"
        proof = assisted_proof(proof_key, reference, operator_id, kiosk_id)
        event |= {"at": moment, "proof": proof}
    return outbox.add_event(session, event)


# Paid through the kiosk's session first, then what the providers collect later.
PAYMENT_ORDER = (Payment.CREDIT.value, Payment.DESK.value, Payment.PROVIDER.value)


def _payment_order(way: str) -> tuple[int, str]:
    return (PAYMENT_ORDER.index(way) if way in PAYMENT_ORDER else len(PAYMENT_ORDER), way)


def day_report(
    session: Session, day: date, last_sync: datetime | None, time_zone: str
) -> DayReport:
    """Counts and totals of ``day`` (a calendar day in the kiosk's ``time_zone``) per
    kind, no personal data. ``last_sync`` is shown in that zone too."""
    start, end = local_time.day_bounds_utc(day, time_zone)
    if last_sync is not None:
        last_sync = local_time.local(last_sync, time_zone).replace(tzinfo=None)
    of_day = (OutboxEntry.created_at >= start, OutboxEntry.created_at < end)
    # A record damaged on the kiosk's disk (no longer a JSON object, or reduced to the
    # damaged mark by retention) is left out of the day's counts, and counted apart
    # for the manager (store/outbox.py).
    readable = outbox.intact()
    kinds = dict(
        session.execute(
            select(OutboxEntry.kind, func.count())
            .where(*of_day, readable)
            .group_by(OutboxEntry.kind)
        ).all()
    )
    sessions: dict[str, int] = {}
    amounts: dict[str, int] = {}  # money vouchers printed as originals, once each
    for payload in session.scalars(
        select(OutboxEntry.payload).where(*of_day, OutboxEntry.kind == "event", readable)
    ):
        if payload.get("type") == "voucher_printed" and not payload.get("copy"):
            which = payload.get("voucher_sha256") or payload.get("voucher")
            amounts[str(which)] = int(payload.get("amount_cents") or 0)
        if payload.get("type") == "assisted_session":
            operator = str(payload.get("operator"))
            sessions[operator] = sessions.get(operator, 0) + 1
    orders = session.execute(
        select(
            OutboxEntry.payload["payment"].as_string(),
            OutboxEntry.payload["total_cents"].as_integer(),
        ).where(*of_day, OutboxEntry.kind == "purchase", readable)
    ).all()
    # Orders and their value per way of paying: the kiosk takes no money, so each total
    # is what the credit, the desk or the providers are to receive.
    by_payment: dict[str, list[int]] = {}
    for payment, total in orders:
        counted = by_payment.setdefault(str(payment), [0, 0])
        counted[0] += 1
        counted[1] += int(total or 0)
    # Slips of the day that printed or will (kept, or deleted by retention: a trace is left).
    slips = [
        slip
        for slip in print_history.queued_between(session, start, end)
        if slip.state not in print_history.NEVER_PRINTED
    ]
    printed = {s.reference_sha256 for s in slips if s.kind == "voucher" and s.copy_no == 0}
    # Copies: a wallet reprint of a bearer voucher, or a manager's reprint of a slip.
    copies = sum(
        1 for s in slips if s.kind == "voucher_copy" or (s.kind == "voucher" and s.copy_no > 0)
    )
    # A manager's reprint of a receipt or an application receipt: a copy, never a new one.
    slip_reprints = sum(1 for s in slips if s.kind in ("receipt", "application") and s.copy_no)
    names = dict(session.execute(select(Operator.id, Operator.name)).all())
    counts = outbox.counts(session)
    problems = sum(print_queue.counts(session).get(state, 0) for state in ("uncertain", "expired"))
    return DayReport(
        day=day,
        purchases=len(orders) - by_payment.get(Payment.PROVIDER.value, [0])[0],
        by_payment=tuple(
            (way, by_payment[way][0], by_payment[way][1])
            for way in sorted(by_payment, key=_payment_order)
        ),
        # Paid to the provider later.
        bookings=by_payment.get(Payment.PROVIDER.value, [0])[0],
        applications=kinds.get("application", 0),
        vouchers=len(printed),  # a code printed twice as an original is one voucher
        vouchers_cents=sum(amounts.values()),  # the value of money vouchers printed
        voucher_copies=copies,
        slip_reprints=slip_reprints,
        waiting_to_send=counts["pending"] + counts["sending"],
        rejected=counts["rejected"],
        print_problems=problems,
        last_sync=last_sync,
        assisted_sessions=tuple(sorted((names.get(op, op), n) for op, n in sessions.items())),
        damaged=outbox.damaged(session, *of_day, reduced=True),
    )
