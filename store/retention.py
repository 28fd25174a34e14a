# SPDX-License-Identifier: EUPL-1.2
"""How long personal data stays on the kiosk.

Once the platform has accepted a record, the kiosk keeps it whole ``keep_sent_days`` (a
platform restored from an older backup has lost it, and the kiosk sends it again), then
only what reconciliation needs (the record's kind, its references such as the tracking
code, and a SHA-256 of what was sent); the citizen's answers are dropped. The printed
slips, which a manager may reprint, are kept ``reprint_days`` and then deleted, leaving
only a trace with none of their content (store/print_history.py); a voucher's slip,
whose code is money at a shop, only ``VOUCHER_SLIP_KEPT`` once it has printed. Records
the platform has not accepted keep everything, because nothing a citizen submits may be
lost: when they are older than ``unsent_alert_days`` the managers are alerted instead.
Wrong manager PINs are kept until the lockout ends or they no longer count
(``forget_login_failures``).

The writer connections run with ``secure_delete`` (store/database.py) and the caller
checkpoints the WAL after a purge, so the dropped bytes do not linger in the file.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from protocol.states import OutboxState, Stream
from store import kiosk_facts, outbox, print_history
from store.database import Store
from store.models import OperatorLockout, OutboxEntry, PrintJob
from store.outbox import utcnow

log = logging.getLogger(__name__)

# What an accepted record keeps, per kind: references, never the citizen's answers.
KEPT_AFTER_ACK: dict[str, tuple[str, ...]] = {
    "application": ("call", "form", "form_sha256", "tracking_code", "channel", "assisted_by"),
    # Audit events hold no citizen data. A printed voucher keeps the digest of its id,
    # whether it was a copy, and its value: the manager's day report adds them up.
    "event": ("type", "operator", "kiosk", "voucher_sha256", "copy", "amount_cents"),
    "purchase": ("order", "total_cents", "payment", "channel", "assisted_by"),
    "wallet_pin": ("operator", "document"),
}
# What a damaged accepted record keeps once its time is up: its text could not be read.
DAMAGED: dict[str, Any] = {outbox.DAMAGED_MARK: True}
FINISHED_PRINT_STATES = (
    "printed",
    "expired",
    "cancelled",
    "uncertain",
    "failed",
    "uncertain_done",
    "expired_done",
    "failed_done",
)
# States of a slip nobody will print again from the queue: it printed, was cancelled, or
# a manager dealt with it (one to check, uncertain, expired or failed, is not).
SETTLED_PRINT_STATES = ("printed", "cancelled", "uncertain_done", "expired_done", "failed_done")
# A voucher's code is enough to redeem it: once its slip has settled it stays only for
# the picture the citizen is shown (a copy comes from the citizen's wallet, with the
# PIN), not ``reprint_days`` on a disk that may be stolen.
VOUCHER_SLIP_KEPT = timedelta(minutes=10)


# How far ahead of the platform's the kiosk's clock may be before records' ages are
# counted from the platform's time: a retention counted in days does not mind less, and
# an HTTP date's whole seconds make a right clock look a second ahead.
AHEAD_S = 3600


@dataclass(frozen=True)
class RetentionRule:
    reprint_days: int  # an acknowledged record's slips stay this long, for a reprint
    unsent_alert_days: int  # older records not yet accepted alert the managers
    # An accepted record stays whole this long: a platform restored from an older backup
    # lost it, and the kiosk sends it again (sync/engine.py, epochs).
    keep_sent_days: int = 0


@dataclass(frozen=True)
class Purged:
    records: int  # accepted records whose personal data was dropped
    slips: int  # print jobs deleted

    def __bool__(self) -> bool:
        return bool(self.records or self.slips)


@dataclass(frozen=True)
class Overdue:
    count: int
    oldest: datetime | None  # naive UTC


def digest(payload: Any) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def reduced(kind: str, payload: dict[str, Any], sha256: str | None = None) -> dict[str, Any]:
    """``sha256``: of the whole payload, when only its visible part is here (sealed)."""
    kept = {key: payload[key] for key in KEPT_AFTER_ACK.get(kind, ()) if key in payload}
    if kind == "event" and "voucher" in payload:  # an event made before digests were
        kept.setdefault("voucher_sha256", voucher_digest(str(payload["voucher"])))
    return {**kept, "sha256": sha256 or digest(payload)}


def voucher_digest(voucher_id: str) -> str:
    """What the kiosk keeps of a printed voucher's id: its human code follows from the
    id, and a code typed at a shop spends the voucher."""
    return hashlib.sha256(voucher_id.encode()).hexdigest()


def purge(session: Session, now: datetime, rule: RetentionRule) -> Purged:
    """Applies the rule in the caller's transaction; ``now`` is naive UTC.

    An accepted record is kept whole ``keep_sent_days`` of a kiosk that pulls, counted
    up to its last pull, not to ``now``: a kiosk offline meanwhile (or whose pushes
    went through and pulls did not) has not learnt whether the platform was restored
    from a backup without it (a pull tells, and sends it again), and one switched off
    for a week dropped it at its start."""
    # A clock found well ahead of the platform's at the last measure (a time source that
    # jumped forward) would age every record by the jump: counted from the platform's
    # time instead. One behind is not corrected: records are then kept longer, never
    # dropped early; nor is a jump since the measure (a kiosk offline): its last pull,
    # which bounds the grace below, was dated before it.
    _age_from_now(session, now)
    skew = kiosk_facts.clock_skew(session)
    ahead = skew is not None and skew > AHEAD_S
    aged_to = now - timedelta(seconds=skew) if ahead and skew is not None else now
    pulled = kiosk_facts.pulled_at(session)
    horizon = aged_to
    if pulled is not None:
        horizon = min(aged_to, pulled if now.tzinfo is not None else pulled.replace(tzinfo=None))
    due: tuple[ColumnElement[bool], ...] = (
        OutboxEntry.state == OutboxState.ACCEPTED,
        OutboxEntry.purged_at.is_(None),
        OutboxEntry.updated_at <= horizon - timedelta(days=rule.keep_sent_days),
    )
    wallets = kiosk_facts.pulled_at(session, Stream.WALLET.value)
    if wallets is not None:
        # A purchase stays whole until the wallets were pulled after its acceptance: until
        # then it is the credit it spent that the kiosk's wallet does not show yet
        # (kiosk/core/purchasing.py), and that needs its holder, which reducing drops.
        due += (or_(OutboxEntry.kind != "purchase", OutboxEntry.updated_at < wallets),)
    records = 0
    for row in session.scalars(select(OutboxEntry).where(*due, outbox.readable())):
        row.payload, row.purged_at = reduced(row.kind, row.payload, row.sha256), now
        row.sealed = None  # the sealed copy goes with the rest
        records += 1
    # One damaged on the disk (no longer JSON) cannot be read, nor reduced: the platform
    # has it, and its text, which may hold what is left of the citizen's answers, goes.
    damaged = session.execute(
        update(OutboxEntry)
        .where(*due, ~outbox.readable())
        .values(payload=DAMAGED, purged_at=now, sealed=None)
        .execution_options(synchronize_session=False)  # never loaded: none in the session
    )
    records += cast(CursorResult[Any], damaged).rowcount or 0
    # A slip goes with its copies (reprints): the family is deleted when all of it is
    # finished and its last change is older than the reprint window.
    family = func.coalesce(PrintJob.original_id, PrintJob.id)
    unfinished = func.sum(PrintJob.state.not_in(FINISHED_PRINT_STATES))
    old_families = (
        select(family)
        .group_by(family)
        .having(
            unfinished == 0,
            func.max(PrintJob.updated_at) < aged_to - timedelta(days=rule.reprint_days),
        )
    )
    settled_vouchers = (
        select(family)
        .where(PrintJob.kind.in_(print_history.VOUCHER_KINDS))
        .group_by(family)
        .having(
            func.sum(PrintJob.state.not_in(SETTLED_PRINT_STATES)) == 0,
            func.max(PrintJob.updated_at) < aged_to - VOUCHER_SLIP_KEPT,
        )
    )
    doomed = family.in_(old_families) | family.in_(settled_vouchers)
    # What was printed outlives the slip: copy marks and day reports count on it.
    print_history.keep(session, doomed, now)
    result = cast(CursorResult[Any], session.execute(delete(PrintJob).where(doomed)))
    return Purged(records=records, slips=result.rowcount or 0)


def _age_from_now(session: Session, now: datetime) -> None:
    """Records and slips stamped in the future (made while the clock ran ahead, since
    put right) are aged from ``now``: aged from their stamp, they kept the citizens'
    data as much longer as the clock had run ahead. Only when the clock is known right
    (its last measure agreed with the platform's, and it has not gone back before it
    since): a clock set back wrongly would make every recent stamp look in the future,
    and, set right again, drop them early."""
    if not kiosk_facts.clock_agrees(session, now, AHEAD_S):
        return
    for table in (OutboxEntry, PrintJob):
        session.execute(
            update(table)
            .where(table.updated_at > now)
            .values(updated_at=now)
            .execution_options(synchronize_session=False)
        )


def overdue(session: Session, now: datetime, rule: RetentionRule) -> Overdue:
    """Records still waiting to be sent, older than the alert cap."""
    count, oldest = session.execute(
        select(func.count(), func.min(OutboxEntry.created_at)).where(
            OutboxEntry.state.in_((OutboxState.PENDING, OutboxState.SENDING)),
            OutboxEntry.created_at < now - timedelta(days=rule.unsent_alert_days),
        )
    ).one()
    return Overdue(count=count, oldest=oldest)


# The longest lockout the configuration allows (``manager.lockout_s``,
# kiosk/boot/config.py): failures older than this count under no setting.
LONGEST_LOCKOUT_S = 86_400


def forget_login_failures(
    session: Session, now: datetime, window_s: int = LONGEST_LOCKOUT_S
) -> int:
    """Deletes the wrong-PIN rows (of any typed code, an operator's or not) that no
    longer count: a lockout that has ended, or failures whose last is older than
    ``window_s`` (the lockout window: an older one no longer counts). Returns how many."""
    ended = and_(OperatorLockout.locked_until.is_not(None), OperatorLockout.locked_until <= now)
    old = and_(
        OperatorLockout.locked_until.is_(None),
        OperatorLockout.updated_at <= now - timedelta(seconds=window_s),
    )
    result = session.execute(
        delete(OperatorLockout).where(or_(ended, old)),
        execution_options={"synchronize_session": "fetch"},
    )
    return cast(CursorResult[Any], result).rowcount or 0


def housekeep(store: Store, rule: RetentionRule, now: datetime | None = None) -> Purged:
    """One retention pass over the store (run after each sync pass and at start)."""
    moment = now or utcnow()
    with store.write() as session:
        purged = purge(session, moment, rule)
        late = overdue(session, moment, rule)
        forget_login_failures(session, moment)
    if purged:
        store.checkpoint()
        log.info(
            "retention: personal data dropped from %d records, %d slips deleted",
            purged.records,
            purged.slips,
        )
    if late.count:
        log.warning(
            "retention: %d records older than %d days are still waiting to be sent",
            late.count,
            rule.unsent_alert_days,
        )
    return purged
