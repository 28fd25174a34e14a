# SPDX-License-Identifier: EUPL-1.2
"""The wallet: citizens' credits, vouchers (issued, signed, redeemed), the keys that
sign them, and each citizen's sealed wallet with its PIN. The rules are in
central/voucher_authority.py, central/purchases.py and central/wallets.py."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import voucher_authority
from central.models import (
    CreditRequest,
    Device,
    IssuedVoucher,
    Record,
    SubmissionRecord,
    WalletHolder,
)
from central.platform.catalog import Catalog, PublishError
from central.platform.database import (
    REDEMPTION_LOCKS,
    TAKEN_BACK,
    Database,
    lock_name,
    still_admitted,
    take_turn,
)
from central.platform.statuses import holder_key_in
from central.purchases import debit_and_vouchers, subsidy_voucher
from central.voucher_authority import RedeemRequest, Standing, VoucherRefusedError
from central.wallets import (
    WALLET_EVENTS,
    WalletError,
    check_login_proof,
    holder_of,
    ledger_comuni,
    published_seq,
    set_pin,
    spend_proof,
    wallet_event,
    wallet_record,
    wallet_records,
)
from protocol import messages

log = logging.getLogger(__name__)


class Wallet:
    def __init__(self, database: Database, catalog: Catalog) -> None:
        self.database = database
        self.catalog = catalog

    # Keys ------------------------------------------------------------------------------

    def register_signing_key(self, device: Device, public_key: str) -> str:
        if device.role != "kiosk":
            raise VoucherRefusedError("not_a_kiosk", "only kiosks sign vouchers")
        with self.database.writing(in_turn_from_start=False) as session:
            device = still_admitted(session, device.id) or device  # its lock before the turn
            take_turn(session)
            return voucher_authority.register_device_key(session, device, public_key)

    def revoke_signing_key(self, kid: str) -> bool:
        with self.database.writing() as session:
            return voucher_authority.revoke_key(session, kid)

    def signing_keys(self) -> list[dict[str, Any]]:
        with self.database.writing() as session:  # the platform's key is made on first use
            return voucher_authority.published_keys(session)

    # Vouchers ---------------------------------------------------------------------------

    def voucher_standing(self, device: Device, text: str) -> Standing:
        """A voucher as a merchant within its scope may see it; VoucherRefusedError if not."""
        with self.database.sessions() as session:
            row = voucher_authority.find(session, True, text, self.database.today())
            voucher_authority.check_scope(device, row)
            return voucher_authority.standing(session, row)

    def redeem(self, device: Device, text: str, request: RedeemRequest) -> Standing:
        """A merchant takes (part of) a voucher; VoucherRefusedError says why it cannot.
        The voucher's row is locked (PostgreSQL): redemptions of other vouchers go on.
        So is the redemption id, first: the same id sent at once for another voucher
        waits, then is refused as reused (it failed on the table's key: an error)."""
        with self.database.writing(in_turn_from_start=False) as session:
            lock_name(session, REDEMPTION_LOCKS, request.redemption_id)
            device = still_admitted(session, device.id) or device  # revoked while it waited?
            today = self.database.today()
            result = voucher_authority.redeem(session, device, text, request, today)
            if result.replayed:
                return result  # stored and published the first time
            # The record is read again in the writers' turn: a desk that cancelled the
            # voucher since it was read (a cancel does not wait for this voucher's row)
            # keeps it cancelled, never overwritten.
            take_turn(session)
            record = session.get(Record, ("vouchers", result.voucher.id), populate_existing=True)
            if record is None or record.data["state"] != "issued":
                return result
            if result.state == "issued":
                # Taken in part: the record stays "issued", but the citizen's sealed
                # wallet says what is left (central/wallets.py), or the kiosk showed and
                # reprinted the whole value. Resealed in the turn, so the last of two
                # redemptions of their buoni at once reads both.
                self.reseal(session, record.data["holder"])
                return result
            # Used up: published as redeemed (its wallet is resealed without it).
            self.catalog.publish_in(session, "vouchers", {**record.data, "state": result.state})
            return result

    def issue_voucher(
        self,
        codice_fiscale: str,
        comune: str,
        programme: str,
        amount_cents: int,
        valid_days: int = 60,
        request_id: str | None = None,
    ) -> dict[str, Any]:
        """A subsidy voucher the Comune approved, signed by the platform and published.
        ``request_id``: the caller's id for this decision (admin API). Given again with
        the same terms, the voucher it first issued is answered ({id, code} only) and
        nothing is issued; with other terms, PublishError ``request_id_reused``. The
        writers take turns, so the same id sent twice at once issues one voucher."""
        with self.database.writing() as session:
            request = None
            if request_id is not None:
                holder = holder_key_in(session, codice_fiscale)
                terms = _terms_sha256(holder, comune, programme, amount_cents, valid_days)
                done = session.scalar(
                    select(IssuedVoucher).where(IssuedVoucher.request_id == request_id)
                )
                if done is not None:
                    return _issued_before(done, terms)
                request = (request_id, terms)
            return self.issue_voucher_in(
                session, codice_fiscale, comune, programme, amount_cents, valid_days, request
            )

    def issue_voucher_in(
        self,
        session: Session,
        codice_fiscale: str,
        comune: str,
        programme: str,
        amount_cents: int,
        valid_days: int = 60,
        request: tuple[str, str] | None = None,
    ) -> dict[str, Any]:
        """``issue_voucher`` within the caller's writing transaction (a Comune's file of
        many vouchers is issued whole or not at all); ``request``: the admin API's
        request id and its terms' digest, stored with the voucher."""
        place = session.get(Record, ("comuni", comune))
        if place is None:
            raise PublishError(f"unknown comune {comune!r}")
        check_wallet_comune(session, codice_fiscale, comune)
        holder = holder_key_in(session, codice_fiscale)
        signer = voucher_authority.platform_signer(session)
        record, claims = subsidy_voucher(
            signer,
            holder,
            comune,
            place.data["name"],
            programme,
            amount_cents,
            valid_days,
            self.database.today(),
        )
        voucher = voucher_authority.platform_voucher(claims, signer.kid, comune, programme)
        voucher.request_id, voucher.request_sha256 = request or (None, None)
        session.add(voucher)
        self.catalog.publish_in(session, "vouchers", record)
        return record

    def issued_voucher(self, voucher_id: str) -> IssuedVoucher | None:
        with self.database.sessions() as session:
            return session.get(IssuedVoucher, voucher_id)

    # Credits and purchases --------------------------------------------------------------

    def set_credit(
        self,
        codice_fiscale: str,
        programme: str,
        balance_cents: int,
        comune: str | None = None,
        request_id: str | None = None,
    ) -> str:
        """A citizen's credit balance, published under their holder key (returned) to
        the kiosks of ``comune`` (None: every kiosk). ``request_id`` (admin API): given
        again with the same terms, nothing is set again; with other terms, PublishError
        ``request_id_reused``."""
        with self.database.sessions() as session:
            holder = holder_key_in(session, codice_fiscale)
        with self.database.writing(credits=[holder]) as session:
            if request_id is None:
                return self.set_credit_in(session, codice_fiscale, programme, balance_cents, comune)
            terms = _terms_sha256("credit", holder, comune, programme, balance_cents)
            done = session.get(CreditRequest, request_id)
            if done is not None:
                _check_same_terms(done.terms_sha256, terms, "credit")
                return holder
            key = self.set_credit_in(session, codice_fiscale, programme, balance_cents, comune)
            session.add(CreditRequest(id=request_id, terms_sha256=terms, set_at=datetime.now(UTC)))
            return key

    def set_credit_in(
        self,
        session: Session,
        codice_fiscale: str,
        programme: str,
        balance_cents: int,
        comune: str | None = None,
    ) -> str:
        """``set_credit`` within the caller's writing transaction."""
        if comune is not None and session.get(Record, ("comuni", comune)) is None:
            raise PublishError(f"unknown comune {comune!r}")
        if comune is not None and credit_of_another_comune(session, codice_fiscale, comune):
            raise PublishError(
                "the citizen holds another Comune's (or the network's) credit, not spent",
                "credit_of_other_comune",
            )
        if comune is not None:
            check_wallet_comune(session, codice_fiscale, comune)
        key = holder_key_in(session, codice_fiscale)
        record = {
            "id": key,
            "programme": programme,
            "balance_cents": balance_cents,
            "updated_at": datetime.now(UTC).isoformat(),
        }
        self.catalog.publish_in(session, "credits", record, [comune] if comune else None)
        return key

    def purchase_accepted(self, session: Session, row: SubmissionRecord) -> None:
        """An accepted purchase: its credit debited, its service vouchers published."""
        payload = row.payload or {}
        device = session.get(Device, row.device_id)
        wallet = holder_of(session, payload["holder"]) if payload.get("holder") else None
        holder = wallet.holder if wallet is not None else None
        today = self.database.today()
        proof = payload.get("wallet_proof")
        if wallet is not None and isinstance(proof, str):  # it pays for this order only
            spend_proof(session, proof, row.uuid, row.device_id)
        desk_proof = payload.get("desk_proof")
        if payload.get("payment") == "desk" and isinstance(desk_proof, str):  # so does this
            spend_proof(session, desk_proof, row.uuid, row.device_id)
        debit, vouchers = debit_and_vouchers(session, device, payload, holder, today)
        credit = session.get(Record, ("credits", holder)) if debit else None
        if debit and credit is None:
            # Only a purchase taken back after a restore (central/acceptance.py) comes
            # here: its credit is not in the older copy. Staff settle it by hand.
            log.warning("purchase %s taken back: no credit left to debit", row.uuid)
        elif debit and credit is not None:
            balance = credit.data["balance_cents"] - debit
            if balance < 0 and row.uuid in session.info.get(TAKEN_BACK, ()):
                # A purchase taken back after a restore: the older copy's credit paid
                # another purchase meanwhile. Refused, it came back on every sync, for
                # good; the citizen had the services. The credit ends at nothing, and
                # staff settle the rest by hand. (Any other overdraft is a fault, and
                # fails as ever.)
                log.warning("purchase %s taken back: credit short by %d cents", row.uuid, -balance)
                balance = 0
            moment = datetime.now(UTC).isoformat()
            record = {**credit.data, "updated_at": moment, "balance_cents": balance}
            self.catalog.publish_in(session, "credits", record)
        for voucher in vouchers:
            self.catalog.publish_in(session, "vouchers", voucher)

    # The citizen's sealed wallet and its PIN (see central/wallets.py) --------------------

    def reseal(self, session: Session, holder: str) -> None:
        """Publishes the citizen's wallet again, sealed, if they have a wallet PIN."""
        row = session.get(WalletHolder, holder)
        if row is not None:
            record = wallet_record(session, row, self.database.today())
            self.catalog.publish_in(session, "wallets", record)

    def reseal_many(self, session: Session, holders: list[str]) -> None:
        """``reseal`` for many citizens, their vouchers read once (a file of buoni)."""
        rows = [row for holder in holders if (row := session.get(WalletHolder, holder))]
        for record in wallet_records(session, rows, self.database.today()):
            self.catalog.publish_in(session, "wallets", record)

    def set_wallet_pin(
        self,
        codice_fiscale: str,
        pin: str,
        comune: str | None = None,
        set_by: str = "comune",
        document: str | None = None,
    ) -> str:
        """Sets or resets a citizen's wallet PIN (the Comune's letter, or a manager at the
        desk) and publishes their sealed wallet; returns the wallet's locator."""
        with self.database.writing() as session:
            holder = holder_key_in(session, codice_fiscale)
            theirs = ledger_comuni(session, holder) if comune is not None else set()
            if theirs and comune not in theirs:
                # The wallet goes to ``comune``'s kiosks only: money only other Comuni
                # gave would be spent there and missed at their own Social Point (the
                # rule a kiosk's PIN follows, central/wallets.py check_login_proof).
                raise WalletError(
                    "other_comune",
                    f"the citizen holds only other Comuni's money ({', '.join(sorted(theirs))}):"
                    " their wallet PIN is set for one of them",
                )
            old = _locator_of(session, holder)
            row = set_pin(session, holder, codice_fiscale, pin, comune, set_by, document)
            return self._resealed_under(session, holder, old, row.locator)

    def _resealed_under(
        self, session: Session, holder: str, old_locator: str | None, locator: str
    ) -> str:
        """The wallet resealed under the PIN just set (``locator``): its locator. The
        wallet published under the old PIN's locator is withdrawn in the same
        transaction: a PIN is reset because someone else may know it, and that record
        still opened with the old PIN on every kiosk, credit and buoni included."""
        if old_locator is not None and old_locator != locator:
            self.catalog.unpublish_in(session, "wallets", old_locator)
        self.reseal(session, holder)
        row = session.get(WalletHolder, holder)
        if row is not None and (old_locator != locator or row.first_seq is None):
            row.first_seq = published_seq(session, locator)
        return locator

    def set_wallet_pin_at_kiosk(self, device: Device, request: messages.WalletPinRequest) -> str:
        """A PIN set in an assisted session: the operator checked an identity document
        and proves a login on this kiosk. WalletError says why not."""
        if device.role != "kiosk":
            raise WalletError("not_allowed", "only a kiosk sets a wallet PIN")
        with self.database.writing(in_turn_from_start=False) as session:
            device = still_admitted(session, device.id) or device  # its lock before the turn
            take_turn(session)
            check_login_proof(session, device, request)
            return self._set_assisted_pin(session, device, request)

    def pin_request_accepted(self, session: Session, row: SubmissionRecord) -> None:
        """A wallet PIN set in an assisted session that came through the kiosk's outbox
        (checked before: central/platform/submissions.py). The PIN itself is not kept."""
        # The wallet's row changes in the writers' turn, as a wrong PIN's count does
        # (``event_accepted``): changed before it, it was held while this batch waited
        # for a report that had the turn and waited for the row (PostgreSQL: deadlock).
        take_turn(session)
        request = messages.WalletPinRequest.model_validate(row.payload)
        self._set_assisted_pin(session, session.get(Device, row.device_id), request)
        row.payload = {"operator": request.operator, "document": request.document}

    def _set_assisted_pin(
        self, session: Session, device: Device | None, request: messages.WalletPinRequest
    ) -> str:
        """The PIN set (its proof already checked), the wallet resealed: its locator."""
        holder = holder_key_in(session, request.codice_fiscale)
        comune = device.comune if device is not None else None
        old = _locator_of(session, holder)
        row = set_pin(
            session,
            holder,
            request.codice_fiscale,
            request.pin,
            comune,
            request.operator,
            request.document,
        )
        return self._resealed_under(session, holder, old, row.locator)

    def wallet_holder(self, codice_fiscale: str) -> WalletHolder | None:
        with self.database.writing() as session:
            row = session.get(WalletHolder, holder_key_in(session, codice_fiscale))
            if row is not None:
                session.expunge(row)
            return row

    def event_accepted(self, session: Session, row: SubmissionRecord) -> None:
        """A kiosk's wrong wallet PIN, or a proven opening, counted for the citizen."""
        payload = row.payload if isinstance(row.payload, dict) else {}
        kind = payload.get("type")
        if isinstance(kind, str) and kind in WALLET_EVENTS:  # a list is no type (nor hashable)
            # Counted in the writers' turn (PostgreSQL: an event's batch has not taken it
            # yet): kiosks reporting at once each add one, none writes back a count it
            # read before another's report committed.
            take_turn(session)
            device = session.get(Device, row.device_id)
            if (locked := wallet_event(session, device, payload, row.uuid)) is not None:
                self.reseal(session, locked)


def _terms_sha256(*terms: str | int | None) -> str:
    """What an admin API request asks for (the citizen by holder key, as the platform
    knows them), to tell a request sent again from another under its id."""
    return hashlib.sha256(json.dumps(terms).encode()).hexdigest()


def _check_same_terms(stored: str | None, terms: str, what: str) -> None:
    """PublishError (``request_id_reused``) when a request id sent again asks for
    something else than it did the first time."""
    if stored != terms:
        raise PublishError(
            f"this request id was used for another {what} (its citizen, Comune, programme,"
            " amount or validity differ): use a new id for a new decision",
            "request_id_reused",
        )


def _issued_before(voucher: IssuedVoucher, terms: str) -> dict[str, Any]:
    """The first answer to a request id sent again: the voucher it issued, as given
    then; refused (``request_id_reused``) when the id now asks for something else."""
    _check_same_terms(voucher.request_sha256, terms, "buono")
    return {"id": voucher.id, "code": voucher.code}


def _locator_of(session: Session, holder: str) -> str | None:
    """The locator of the citizen's wallet PIN as set now (None: no PIN yet)."""
    row = session.get(WalletHolder, holder)
    return row.locator if row is not None else None


def credit_of_another_comune(session: Session, codice_fiscale: str, comune: str) -> bool:
    """Whether the citizen holds a credit, not spent, that another Comune (or the
    network, for every Comune) granted: a citizen has one credit, and setting it
    replaces it. Anyone can send an application naming a codice fiscale (it can be
    computed), so one Comune admitting it must not wipe what another gave."""
    held = session.get(Record, ("credits", holder_key_in(session, codice_fiscale)))
    if held is None or not held.data.get("balance_cents"):
        return False
    return held.scope is None or f"|{comune}|" not in held.scope


def wallet_of_another_comune(session: Session, codice_fiscale: str, comune: str) -> str | None:
    """The Comune of the citizen's wallet when it is not ``comune`` (None: no wallet, one
    of no Comune, or this Comune's). The wallet holds the citizen's credit and buoni,
    sealed for its own Comune's kiosks: another Comune's money in it would be spent at
    those, and refused at its own, where the citizen's right PIN counts as wrong."""
    wallet = session.get(WalletHolder, holder_key_in(session, codice_fiscale))
    if wallet is None or wallet.comune is None or wallet.comune == comune:
        return None
    return wallet.comune


def check_wallet_comune(session: Session, codice_fiscale: str, comune: str) -> None:
    """PublishError (``other_comune``) for a credit or buono of ``comune`` given to a
    citizen whose wallet belongs to another Comune; as a kiosk never sets the PIN of
    another Comune's wallet (central/wallets.py, ``check_login_proof``)."""
    theirs = wallet_of_another_comune(session, codice_fiscale, comune)
    if theirs is not None:
        raise PublishError(
            f"the citizen's wallet belongs to another Comune ({theirs!r}): a credit or"
            f" buono of {comune!r} would go to that Comune's kiosks only; that Comune"
            " grants it",
            "other_comune",
        )
