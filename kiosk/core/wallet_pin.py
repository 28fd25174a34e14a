# SPDX-License-Identifier: EUPL-1.2
"""A welfare manager sets or resets a citizen's wallet PIN in an assisted session
(Qt-free), and sees the wallets locked by wrong PINs.

The manager checks an identity document and records which kind (never its number); the
request carries an HMAC under the manager's login proof key (only typing their PIN on
this kiosk gives it: vouchers/wallet_key.py ``pin_set_proof``). It goes through the
outbox sealed to the platform's key (protocol/sealing.py), so the new PIN is never
readable on the kiosk's disk, and the platform sets it when the push reaches it; a
request older than ten minutes is refused there (``stale_proof``). A kiosk that has
never reached the platform has no key to seal with and says so: the PIN is not queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.manager_login import Manager
from kiosk.core.wallet import attempt_tag, forget_attempts
from store import kiosk_facts, outbox
from store.models import OutboxEntry, WalletAttempt, WalletEntry
from vouchers.wallet_key import pin_set_proof, valid_pin

# Which identity document the manager checked (the platform records the kind only).
DOCUMENTS = ("carta_identita", "passaporto", "patente", "permesso_soggiorno")


class NoSealingKeyError(Exception):
    """The kiosk has never reached the platform: nothing to seal the PIN to."""


def new_pin_problem(pin: str, again: str) -> str | None:
    """``format`` (6 to 8 digits), ``weak`` (one digit repeated, a run), ``mismatch``."""
    if not valid_pin(pin):
        return "format"
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        return "weak"
    if pin != again:
        return "mismatch"
    return None


def queue_pin(
    session: Session,
    manager: Manager,
    kiosk_id: str,
    codice_fiscale: str,
    pin: str,
    document: str,
    now: datetime,
    lookup_key: bytes = b"",
) -> str:
    """Queues the request, sealed; its outbox UUID. ``codice_fiscale`` already checked.
    With the kiosk's ``lookup_key``, wrong PINs typed here for that codice fiscale are
    forgotten: the welfare manager has seen the citizen's document, and the new PIN
    must open the wallet here at once, not after the 24-hour lock."""
    if document not in DOCUMENTS:
        raise ValueError(f"unknown document kind {document!r}")
    if not manager.proof_key:
        raise ValueError("the manager's login proof is missing")
    if kiosk_facts.sealing_key(session) is None:
        raise NoSealingKeyError("the kiosk has not reached the platform yet")
    issued_at = now.astimezone(UTC).isoformat()
    cf = codice_fiscale.strip().upper()
    if lookup_key:
        forget_attempts(session, attempt_tag(lookup_key, cf))
    return outbox.add(
        session,
        "wallet_pin",
        {
            "codice_fiscale": cf,
            "pin": pin,
            "operator": manager.id,
            "document": document,
            "issued_at": issued_at,
            "login_proof": pin_set_proof(
                manager.proof_key, kiosk_id, manager.id, cf, pin, issued_at
            ),
        },
    )


class PinState(StrEnum):
    """Where a PIN request stands, as the manager's screen shows it: the first five
    while it is made and sent, the last three once the kiosk took it or could not."""

    BLANK = ""  # nothing asked yet
    BAD_CF = "bad_cf"
    NO_DOCUMENT = "no_document"
    PIN_FORMAT = "pin_format"
    PIN_WEAK = "pin_weak"
    PIN_MISMATCH = "pin_mismatch"
    SENDING = "sending"
    WAITING = "waiting"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NO_KEY = "no_key"  # the kiosk has no sealing key yet: nothing was queued
    ERROR = "error"  # queuing failed: nothing was queued


def pin_state(session: Session, entry_uuid: str) -> tuple[PinState, str | None]:
    """(``WAITING`` | ``ACCEPTED`` | ``REJECTED``, the platform's refusal code)."""
    # The state only: the payload is not read (one damaged on the disk is not JSON).
    row = session.execute(
        select(OutboxEntry.state, OutboxEntry.reject_code).where(OutboxEntry.uuid == entry_uuid)
    ).first()
    if row is None:
        return PinState.REJECTED, "unknown"
    state, reject_code = row
    if state in (PinState.ACCEPTED, PinState.REJECTED):
        return PinState(state), reject_code
    return PinState.WAITING, None


@dataclass(frozen=True)
class WalletLocks:
    """What the dashboard says about wallets locked by wrong PINs. The kiosk keeps no
    codice fiscale (a keyed hash only), so it cannot name the citizens: a citizen who
    says their wallet is locked shows an identity document and gets a new PIN."""

    here_until: list[datetime]  # naive UTC: when each lock at this kiosk ends
    network: int  # wallets of this Comune the platform locked (ten wrong PINs anywhere)


def wallet_locks(session: Session, now: datetime) -> WalletLocks:
    """``now``: naive UTC."""
    here = list(
        session.scalars(
            select(WalletAttempt.locked_until)
            .where(WalletAttempt.locked_until > now)
            .order_by(WalletAttempt.locked_until)
        )
    )
    network = session.scalar(select(func.count()).where(WalletEntry.locked.is_(True))) or 0
    return WalletLocks([moment for moment in here if moment is not None], network)
