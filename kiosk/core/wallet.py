# SPDX-License-Identifier: EUPL-1.2
"""A citizen's wallet at the kiosk (Qt-free): their credit and the vouchers they can
print (buoni spesa the Comune granted, vouchers of their purchases).

The mirror holds each wallet sealed (vouchers/wallet_key.py): the codice fiscale says
whose it is, the wallet PIN opens it. Wrong PINs are counted per codice fiscale here
(``KIOSK_ATTEMPTS`` in a row lock it at this kiosk for ``KIOSK_LOCK``) and reported to
the platform, which counts them across kiosks and locks the wallet everywhere; the
kiosk cannot tell a wrong PIN from a codice fiscale without a wallet, and says neither.
The opened wallet lives in memory for the visit only.

A voucher is a bearer code: a second print is a second bearer code. So any print after
the first on this kiosk says "COPIA n. X" above and below the code, is counted apart
in the day report, and is told to the platform (an audit event), which sees the
prints of every kiosk."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeGuard

from sqlalchemy.orm import Session

from forms.lookup import holder_key
from printing import print_queue
from printing.documents import Voucher, voucher, voucher_copy_mark
from printing.slip import SlipContext
from store import outbox, print_history
from store.models import SyncCursor, WalletAttempt, WalletEntry, as_utc
from store.retention import voucher_digest
from vouchers.wallet_key import WalletKey, WalletSealError, open_sealed, opened_proof

log = logging.getLogger(__name__)

WALLET_STREAM = "wallet"  # the change stream of sealed wallets (sync.engine.STREAMS)
KIOSK_ATTEMPTS = 5  # wrong PINs in a row for one codice fiscale at this kiosk
KIOSK_LOCK = timedelta(hours=24)  # then no more tries here (the desk resets the PIN)


@dataclass(frozen=True)
class WalletVoucher:
    id: str
    programme: str
    issuer: str
    amount_cents: int | None
    service: str | None
    valid_from: date
    valid_until: date
    code: str
    signed_code: str
    # What a shop has not taken yet of an amount voucher; None: all of it (a wallet the
    # platform sealed before it said so).
    amount_left_cents: int | None = None
    # A service voucher sold in units (three hours): how many, and how many a provider
    # has not taken yet; None: the wallet does not say (one unit, or sealed before).
    units: int | None = None
    units_left: int | None = None

    @property
    def used_in_part(self) -> bool:
        """Taken in part by a shop or a provider: what is left is what it is worth."""
        if self.amount_cents is not None:
            return self.left_cents is not None and self.left_cents < self.amount_cents
        return (
            self.units is not None
            and self.units_left is not None
            and (self.units_left < self.units)
        )

    @property
    def left_cents(self) -> int | None:
        """What the buono is still worth (None: a service voucher)."""
        return self.amount_cents if self.amount_left_cents is None else self.amount_left_cents


@dataclass(frozen=True)
class OpenedWallet:
    key: WalletKey = field(repr=False)
    credit_programme: str | None
    balance_cents: int | None  # None: no credit
    vouchers: tuple[WalletVoucher, ...]

    @property
    def locator(self) -> str:
        return self.key.locator

    def usable(self, today: date) -> list[WalletVoucher]:
        return [v for v in self.vouchers if v.valid_until >= today]


@dataclass(frozen=True)
class WalletRefusal:
    """Why the wallet did not open: ``wrong`` (PIN or codice fiscale; ``left`` tries
    before the lock), ``locked_here`` (too many wrong PINs at this kiosk), ``locked``
    (the platform locked it after wrong PINs at its kiosks), ``withdrawn`` (a wallet
    opened in this visit that the platform has since withdrawn: its PIN was reset)."""

    reason: str
    left: int = 0


def attempt_tag(lookup_key: bytes, codice_fiscale: str) -> str:
    """Whose wrong PINs: the holder key the platform also computes (its ledger's key)."""
    return holder_key(lookup_key, codice_fiscale)


def forget_attempts(session: Session, tag: str) -> None:
    """The wrong PINs counted here for ``tag`` are forgotten (its lock here with them)."""
    attempt = session.get(WalletAttempt, tag)
    if attempt is not None:
        session.delete(attempt)


def _opened(key: WalletKey, content: dict[str, object]) -> OpenedWallet:
    """The wallet as the citizen sees it. Each voucher is read on its own: one the
    kiosk cannot read (a platform's mistake) is left out and logged, and the citizen
    still has the rest (it made the whole wallet fail to open, credit and all)."""
    read = (_voucher(v, left, units) for v, left, units in _issued(content.get("vouchers")))
    vouchers = tuple(
        v for v in read if v is not None and v.amount_left_cents != 0 and v.units_left != 0
    )
    credit = content.get("credit")
    if isinstance(credit, dict):
        programme, balance = credit.get("programme"), credit.get("balance_cents")
        if isinstance(programme, str) and programme and _count(balance):
            return OpenedWallet(key, programme, balance, vouchers)
        log.warning("a wallet's credit cannot be read; shown without it")
    return OpenedWallet(key, None, None, vouchers)


def _voucher(
    item: dict[str, Any], left: int | None, units: tuple[int | None, int | None]
) -> WalletVoucher | None:
    """A sealed voucher as the kiosk shows and prints it; None when it is not one."""
    texts = [item.get(name) for name in ("id", "programme", "issuer", "code", "signed_code")]
    amount, service = item.get("amount_cents"), item.get("service")
    try:
        if not all(isinstance(text, str) and text for text in texts):
            raise ValueError("a text missing")
        if not (amount is None or _count(amount)) or not (
            service is None or isinstance(service, str)
        ):
            raise ValueError("an amount or service of the wrong type")
        valid_from = date.fromisoformat(item["valid_from"])
        valid_until = date.fromisoformat(item["valid_until"])
    except (KeyError, TypeError, ValueError) as error:
        log.warning("a voucher of the wallet cannot be read (%s); left out", error)
        return None
    voucher_id, programme, issuer, code, signed_code = (str(text) for text in texts)
    return WalletVoucher(
        id=voucher_id,
        programme=programme,
        issuer=issuer,
        amount_cents=amount,
        service=service,
        valid_from=valid_from,
        valid_until=valid_until,
        code=code,
        signed_code=signed_code,
        amount_left_cents=left,
        units=units[0],
        units_left=units[1],
    )


def _issued(
    items: object,
) -> list[tuple[dict[str, Any], int | None, tuple[int | None, int | None]]]:
    """The wallet's vouchers still to spend, each with what is left of it."""
    listed = items if isinstance(items, list) else []
    return [
        (v, _amount_left(v), _units_left(v))
        for v in listed
        if isinstance(v, dict) and v.get("state", "issued") == "issued"
    ]


def _units_left(item: dict[str, Any]) -> tuple[int | None, int | None]:
    """(units, units left) of a service voucher sold in units, as the platform sealed
    them; (None, None) when the wallet does not say, or says nonsense."""
    units, left = item.get("units"), item.get("units_left")
    if item.get("amount_cents") is not None or not (_count(units) and _count(left)):
        return None, None
    if units < 1:
        return None, None
    return units, max(0, min(left, units))


def _count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _amount_left(item: dict[str, Any]) -> int | None:
    """What is left of an amount voucher, as the platform sealed it after a shop took
    part of it; None when the wallet does not say (sealed before the platform did)."""
    amount, left = item.get("amount_cents"), item.get("amount_left_cents")
    if not (_count(amount) and _count(left)):
        return None
    return max(0, min(left, amount))


def locked_here(session: Session, tag: str, now: datetime) -> bool:
    attempt = session.get(WalletAttempt, tag)
    return bool(attempt and attempt.locked_until and attempt.locked_until > as_utc(now))


def open_wallet(
    session: Session, tag: str, key: WalletKey, kiosk_id: str, now: datetime
) -> OpenedWallet | WalletRefusal:
    """Opens the wallet ``key`` (from the codice fiscale and PIN typed) gives, in the
    caller's write transaction; counts and reports a wrong PIN."""
    if locked_here(session, tag, now):
        return WalletRefusal("locked_here")
    row = session.get(WalletEntry, key.locator)
    if row is not None and row.locked:
        return WalletRefusal("locked")
    try:
        if row is None or row.sealed is None:
            raise WalletSealError("no wallet")
        content = open_sealed(key, row.sealed)
    except WalletSealError:
        return _failed(session, tag, kiosk_id, now)
    forget_attempts(session, tag)
    moment = now.isoformat()
    outbox.add_event(
        session,
        {
            "type": "wallet_opened",
            "wallet": key.locator,
            "kiosk": kiosk_id,
            "at": moment,
            "proof": opened_proof(key.proof_key, kiosk_id, moment),
        },
    )
    return _opened(key, content)


def reopen(session: Session, opened: OpenedWallet) -> OpenedWallet | WalletRefusal:
    """The wallet opened earlier in the visit, as the mirror holds it now (a sync pass
    may have brought a new balance, buoni redeemed, or the platform's lock). Its key is
    known good: no attempt is counted, nothing is reported."""
    row = session.get(WalletEntry, opened.locator)
    if row is not None and row.locked:
        return WalletRefusal("locked")
    # Gone from the mirror, or no longer opening with this key: the PIN was reset (the
    # old one, which someone else may know, opens nothing any more).
    if row is None or row.sealed is None:
        return WalletRefusal("withdrawn")
    try:
        return _opened(opened.key, open_sealed(opened.key, row.sealed))
    except WalletSealError:
        return WalletRefusal("withdrawn")


def _failed(session: Session, tag: str, kiosk_id: str, now: datetime) -> WalletRefusal:
    attempt = session.get(WalletAttempt, tag)
    if attempt is None:
        attempt = WalletAttempt(tag=tag, failures=0, locked_until=None, updated_at=now)
        session.add(attempt)
    attempt.failures += 1
    attempt.updated_at = now
    report = {"type": "wallet_pin_failed", "holder": tag, "kiosk": kiosk_id}
    read_to = session.get(SyncCursor, WALLET_STREAM)
    if read_to is not None and read_to.epoch is not None:
        # What this kiosk had of the wallets: a PIN set after it counts no failure.
        report |= {"wallet_cursor": read_to.cursor, "wallet_epoch": read_to.epoch}
    outbox.add_event(session, report)
    if attempt.failures >= KIOSK_ATTEMPTS:
        attempt.locked_until, attempt.failures = now + KIOSK_LOCK, 0
        return WalletRefusal("locked_here")
    return WalletRefusal("wrong", KIOSK_ATTEMPTS - attempt.failures)


# A print that never put paper out (expired, cancelled) does not make the next one a copy;
# one still waiting does: it will print.
PRINTED_OR_WILL = ("pending", *print_history.MAY_HAVE_PRINTED)


def prints_of(session: Session, code: str) -> int:
    """How many times this kiosk has printed the voucher (or will: a print still waiting),
    first print and copies, by every path."""
    return print_history.voucher_prints(session, code, PRINTED_OR_WILL)


def print_voucher(
    session: Session, wallet: OpenedWallet, voucher_id: str, context: SlipContext
) -> str:
    """Queues the holder's voucher, marked as a copy if printed before; KeyError if it
    is not in their wallet."""
    item = next((v for v in wallet.vouchers if v.id == voucher_id), None)
    if item is None:
        raise KeyError(voucher_id)
    copy_no = prints_of(session, item.code)
    slip = voucher(
        context,
        Voucher(
            programme=item.programme,
            issuer=item.issuer,
            signed_code=item.signed_code,
            human_code=item.code,
            valid_from=item.valid_from,
            valid_until=item.valid_until,
            amount_cents=item.amount_cents,
            amount_left_cents=item.amount_left_cents,
            units=item.units,
            units_left=item.units_left,
            service=None if item.amount_cents else item.programme,
            mark=voucher_copy_mark(copy_no) if copy_no else "",
        ),
    )
    outbox.add_event(
        session,
        {
            "type": "voucher_printed",
            # Its digest, not its id: the human code follows from the id, and events
            # are neither sealed nor emptied once sent (the day report counts them).
            "voucher_sha256": voucher_digest(item.id),
            "copy": copy_no,
            "kiosk": context.kiosk_id,
            "amount_cents": item.amount_cents,
        },
    )
    return print_queue.add(session, slip, "voucher_copy" if copy_no else "voucher", item.code)
