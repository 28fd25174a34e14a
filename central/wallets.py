# SPDX-License-Identifier: EUPL-1.2
"""Citizens' wallets on the platform: the wallet PIN, the sealed wallet the kiosks of
the citizen's Comune receive, the proof a credit purchase carries, and wrong PINs
counted across kiosks.

The ledger (credits, vouchers) stays the platform's, keyed by the holder key of the
codice fiscale, and no stream serves it. A citizen with a wallet PIN gets one sealed
``wallets`` record: locator, Comune, and their credit and usable vouchers (each with
what shops and providers left of it) sealed under the key their codice fiscale and PIN give
(vouchers/wallet_key.py). The PIN is set
through the Comune (the approval letter: ``POST /v1/admin/wallet-pins``) or at a kiosk
in an assisted session, by a welfare manager who checked an identity document and
proves a login on that kiosk (``POST /v1/device/wallet-pin``); setting it again is the
reset, and clears the wrong PINs. Kiosks report wrong PINs (``wallet_pin_failed``
events, by holder key): after ``NETWORK_ATTEMPTS`` of them the platform locks the wallet
on every kiosk (the record goes out without its sealed content) until the PIN is set
again; a ``wallet_opened`` event clears the count only with a proof under the wallet's
proof key (only the PIN gives it).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from central import epochs
from central.clock import local_day
from central.constant_time import same_secret
from central.kiosk_lookup import holder_for_tag, lookup_secret_in, note_holder
from central.models import (
    RECORD_HOLDER,
    VOUCHERS_ONLY,
    Change,
    Device,
    IssuedVoucher,
    PlatformSecret,
    Record,
    Redemption,
    SpentWalletProof,
    WalletHolder,
)
from central.scopes import scope_needle
from forms.lookup import holder_key
from protocol.messages import WalletPinRequest
from vouchers.wallet_key import (
    WalletKey,
    opened_proof,
    pin_set_proof,
    purchase_proof,
    seal,
    valid_pin,
    wallet_key,
)

NETWORK_ATTEMPTS = 10  # wrong PINs, reported by any kiosk, before the wallet locks
PROOF_MAX_AGE = timedelta(minutes=10)  # an operator's proof of login for a PIN change
DOCUMENT_MAX = 200


class WalletError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def holder_of(session: Session, locator: str) -> WalletHolder | None:
    return session.scalar(select(WalletHolder).where(WalletHolder.locator == locator))


def check_pin(pin: str) -> None:
    """WalletError unless the PIN is one a citizen may have."""
    if not valid_pin(pin):
        raise WalletError("weak_pin", "a wallet PIN has 6 to 8 digits")
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        raise WalletError("weak_pin", "a wallet PIN cannot be one digit repeated or a run")


def set_pin(
    session: Session,
    holder: str,
    codice_fiscale: str,
    pin: str,
    comune: str | None,
    set_by: str,
    document: str | None,
) -> WalletHolder:
    """Sets (or resets) the citizen's wallet PIN; the caller reseals their wallet."""
    check_pin(pin)
    if comune is not None and session.get(Record, ("comuni", comune)) is None:
        raise WalletError("unknown_comune", "unknown comune")
    key = wallet_key(codice_fiscale, pin)
    row = session.get(WalletHolder, holder)
    if row is None:
        row = WalletHolder(holder=holder)
        session.add(row)
    row.locator, row.seal_key, row.proof_key = key.locator, key.seal_key.hex(), key.proof_key.hex()
    row.comune = comune if comune is not None else row.comune
    row.set_by, row.document = set_by, (document or None)
    row.set_at, row.failures, row.locked_at = datetime.now(UTC), 0, None
    note_holder(session, holder, codice_fiscale)  # its kiosks report wrong PINs by their keys
    session.flush()
    return row


def _key(row: WalletHolder) -> WalletKey:
    return WalletKey(row.locator, bytes.fromhex(row.seal_key), bytes.fromhex(row.proof_key))


def wallet_record(session: Session, row: WalletHolder, today: date) -> dict[str, Any]:
    """The sealed wallet as the kiosks of the citizen's Comune receive it."""
    return wallet_records(session, [row], today)[0]


def wallet_records(session: Session, rows: list[WalletHolder], today: date) -> list[dict[str, Any]]:
    """The sealed wallets of these citizens, reading the vouchers once for all of them."""
    moment = datetime.now(UTC).isoformat()
    holders = {row.holder for row in rows if row.locked_at is None}
    usable: dict[str, list[dict[str, Any]]] = {holder: [] for holder in holders}
    if holders:
        for voucher in _vouchers_of(session, holders):
            holder = voucher.data.get("holder")
            if (
                holder in usable
                and voucher.data.get("state") == "issued"
                and date.fromisoformat(voucher.data["valid_until"]) >= today
            ):
                kept = {key: value for key, value in voucher.data.items() if key != "holder"}
                usable[holder].append(kept)
        _note_what_is_left(session, [v for vouchers in usable.values() for v in vouchers])
    made = []
    for row in rows:
        record: dict[str, Any] = {"id": row.locator, "comune": row.comune, "updated_at": moment}
        if row.locked_at is not None:
            made.append({**record, "sealed": None, "locked": True})
            continue
        credit = session.get(Record, ("credits", row.holder))
        content = {
            "credit": (
                {
                    "programme": credit.data["programme"],
                    "balance_cents": credit.data["balance_cents"],
                }
                if credit is not None
                else None
            ),
            "vouchers": sorted(usable[row.holder], key=lambda v: (v["valid_until"], v["id"])),
        }
        made.append({**record, "sealed": seal(_key(row), content), "locked": False})
    return made


def _note_what_is_left(session: Session, vouchers: list[dict[str, Any]]) -> None:
    """Adds what shops and providers have not taken yet: ``amount_left_cents`` to each
    amount voucher, ``units`` and ``units_left`` to each service voucher sold in units
    (three hours of baby-sitting). Both stay "issued" when used in part, and without it
    the kiosk showed and reprinted them whole. Read from the issued vouchers and their
    redemptions, a few hundred vouchers a query (a file of buoni)."""
    used_cents: dict[str, int] = {}
    used_units: dict[str, int] = {}
    units: dict[str, int] = {}
    for start in range(0, len(vouchers), 500):
        ids = [v["id"] for v in vouchers[start : start + 500]]
        taken = (
            select(
                Redemption.voucher_id,
                func.coalesce(func.sum(Redemption.amount_cents), 0),
                func.coalesce(func.sum(Redemption.units), 0),
            )
            .where(Redemption.voucher_id.in_(ids))
            .group_by(Redemption.voucher_id)
        )
        for voucher_id, cents, counted in session.execute(taken):
            used_cents[voucher_id], used_units[voucher_id] = int(cents or 0), int(counted or 0)
        sold = select(IssuedVoucher.id, IssuedVoucher.units).where(
            IssuedVoucher.id.in_(ids), IssuedVoucher.units.is_not(None)
        )
        units.update(
            (voucher_id, count) for voucher_id, count in session.execute(sold) if count is not None
        )
    for voucher in vouchers:
        if voucher.get("amount_cents") is not None:
            left = voucher["amount_cents"] - used_cents.get(voucher["id"], 0)
            voucher["amount_left_cents"] = max(0, left)
        elif voucher["id"] in units:
            whole = units[voucher["id"]]
            voucher["units"] = whole
            voucher["units_left"] = max(0, whole - used_units.get(voucher["id"], 0))


def check_wallet_proof(
    session: Session, device: Device | None, payload: dict[str, Any]
) -> tuple[tuple[str, str] | None, str | None]:
    """(refusal, ledger holder key) for a purchase naming a wallet: it must carry proof
    that the citizen typed their wallet PIN on the sending kiosk."""
    locator = payload.get("holder")
    if locator is None:
        return None, None
    row = holder_of(session, locator) if isinstance(locator, str) else None
    if row is None or device is None:
        return ("unknown_wallet", "no wallet has this locator"), None
    if row.locked_at is not None:
        return ("wallet_locked", "this wallet is locked after too many wrong PINs"), None
    if row.comune is not None and device.comune is not None and row.comune != device.comune:
        # A wallet goes to its Comune's kiosks only: another Comune's kiosk that knows the
        # citizen's codice fiscale and PIN would spend that Comune's money on its services.
        return OTHER_COMUNE_WALLET, None
    proof = payload.get("wallet_proof")
    expected = purchase_proof(
        bytes.fromhex(row.proof_key),
        str(payload.get("order")),
        int(payload.get("total_cents") or 0),
        device.kiosk_id,
    )
    if not isinstance(proof, str) or not same_secret(expected, proof):
        return ("unconfirmed_holder", "the purchase does not show the citizen's wallet PIN"), None
    if proof_spent(session, proof):
        return (
            "proof_used",
            "this proof of the citizen's wallet PIN already paid an order: "
            "a new purchase needs the PIN typed again",
        ), None
    return None, row.holder


OTHER_COMUNE_WALLET = (
    "other_comune",
    "the citizen's wallet belongs to another Comune: it is spent at a Social Point of that Comune",
)


def only_other_comuni_credit(device: Device | None, credit: Record) -> bool:
    """Whether the credit is only other Comuni's (its scope), not the sending kiosk's:
    a wallet of no Comune reaches every kiosk, but each Comune pays only its own."""
    if device is None or device.comune is None or not credit.scope:
        return False
    return scope_needle(device.comune) not in credit.scope


def proof_digest(proof: str) -> str:
    return hashlib.sha256(proof.encode()).hexdigest()


def proof_spent(session: Session, proof: str) -> bool:
    """Whether this proof (a wallet's or a desk payment's) paid an order already."""
    return session.get(SpentWalletProof, proof_digest(proof)) is not None


# The events ``wallet_event`` acts on; any other event changes no wallet.
WALLET_EVENTS = frozenset({"wallet_pin_failed", "wallet_opened"})


def wallet_event(
    session: Session, device: Device | None, payload: dict[str, Any], submission_uuid: str = ""
) -> str | None:
    """Counts a kiosk's report of a wrong PIN, or clears the count on a proven opening;
    the holder whose wallet must be resealed (it has just locked), or None. The caller
    holds the writers' turn (``Database.writing``), so the count read here is the one
    the reports before it left: two kiosks reporting at once each add one."""
    kind = payload.get("type")
    if kind == "wallet_pin_failed" and isinstance(payload.get("holder"), str):
        row = _as_stored(session, holder_for_tag(session, device, payload["holder"]))
        if row is None or row.locked_at is not None or _before_this_pin(session, row, payload):
            return None
        row.failures += 1
        if row.failures >= NETWORK_ATTEMPTS:
            row.locked_at = datetime.now(UTC)
            return row.holder
        return None
    if kind == "wallet_opened" and device is not None and isinstance(payload.get("wallet"), str):
        row = _as_stored(session, holder_of(session, payload["wallet"]))
        if row is None or row.locked_at is not None:
            return None
        expected = opened_proof(
            bytes.fromhex(row.proof_key), device.kiosk_id, str(payload.get("at"))
        )
        proof = payload.get("proof")
        if not isinstance(proof, str) or not same_secret(expected, proof):
            return None
        # One opening clears the count once: sent again (events are not sealed on the
        # kiosk's disk), the same proof would clear it after every nine wrong PINs, and
        # the wallet would never lock.
        if not proof_spent(session, proof):
            spend_proof(session, proof, submission_uuid, device.id)
            session.flush()  # a second copy in the same batch finds it
            row.failures = 0
    return None


def _before_this_pin(session: Session, row: WalletHolder, payload: dict[str, Any]) -> bool:
    """Whether the kiosk judged the PIN before it had the wallet under the PIN set now:
    its PIN just set or reset, a kiosk that had not pulled it yet finds no wallet under
    the right PIN, and the citizen's own tries at two such kiosks locked the wallet
    everywhere. The report says how far the kiosk had read the wallet stream; one that
    had not read the first change published under this PIN is not counted (the kiosk's
    own lock still counts it). A report without it, or of another epoch, counts."""
    seen, epoch = payload.get("wallet_cursor"), payload.get("wallet_epoch")
    if row.locator is None or not isinstance(seen, str) or not _CURSOR.fullmatch(seen):
        return False
    if epoch != epochs.read(session).id:
        return False
    first = row.first_seq
    if first is None:  # a PIN set before its first change was kept: the log's oldest
        first = session.scalar(
            select(func.min(Change.seq)).where(
                Change.kind == "wallets", Change.record_id == row.locator
            )
        )
    return first is not None and int(seen) < first


def published_seq(session: Session, locator: str) -> int | None:
    """The change that has just published the wallet at ``locator``."""
    session.flush()
    return session.scalar(
        select(func.max(Change.seq)).where(Change.kind == "wallets", Change.record_id == locator)
    )


_CURSOR = re.compile(r"[0-9]{1,18}")


def spend_proof(session: Session, proof: str, submission_uuid: str, device_id: str) -> None:
    """Keeps a proof as spent (``SpentWalletProof``): it pays, or clears the count of
    wrong PINs, once."""
    session.add(
        SpentWalletProof(
            proof_sha256=proof_digest(proof),
            submission_uuid=submission_uuid,
            device_id=device_id,
            spent_at=datetime.now(UTC),
        )
    )


def _as_stored(session: Session, row: WalletHolder | None) -> WalletHolder | None:
    """The row read again from the database: the session may hold it as read before the
    writers' turn (a purchase's check in the same batch), with a count since changed.
    What this session changed is written first: a refresh drops unwritten changes, and
    a batch's second wrong PIN undid the first's count."""
    if row is not None:
        session.flush()
        session.refresh(row)
    return row


def _vouchers_of(session: Session, holders: Collection[str]) -> Iterator[Record]:
    """The voucher records of these holders, by the index on their holder key (a file
    of buoni names thousands of holders: asked for a few hundred at a time). SQLite's
    planner takes the primary key (kind) for a list of holders, and filters every
    voucher in SQL (18 ms per 20,000): a few holders are asked for one at a time."""
    ordered = sorted(holders)
    one_by_one = len(ordered) <= 16 and session.get_bind().dialect.name == "sqlite"
    size = 1 if one_by_one else 500
    for start in range(0, len(ordered), size):
        yield from session.scalars(vouchers_query(ordered[start : start + size]))


def vouchers_query(holders: list[str]) -> Select[Record]:
    # The kind written out, not a parameter: the index covers vouchers only, and a query
    # planner uses it only where the query says so itself.
    return select(Record).where(text(VOUCHERS_ONLY), RECORD_HOLDER.in_(holders))


def ledger_comuni(session: Session, holder: str) -> set[str]:
    """The Comuni whose money the citizen holds: their credit, not spent, and their
    buoni still to be used (issued, not expired: vouchers keep their state after their
    last day)."""
    comuni: set[str] = set()
    credit = session.get(Record, ("credits", holder))
    if credit is not None and credit.scope and credit.data.get("balance_cents"):
        comuni.update(part for part in credit.scope.split("|") if part)
    today = local_day(session, datetime.now(UTC)).isoformat()
    for voucher in _vouchers_of(session, {holder}):
        data = voucher.data
        usable = data.get("state") == "issued" and str(data.get("valid_until", "")) >= today
        if data.get("holder") == holder and usable and data.get("comune"):
            comuni.add(str(data["comune"]))
    return comuni


# The one refusal of a PIN request whose operator is unknown, another Comune's, or not
# shown logged in on this kiosk (the kiosk asks them to log in again).
NOT_CONFIRMED = (
    "unconfirmed_operator",
    "the request does not show this operator logged in on this kiosk for its Comune",
)
_NO_PROOF_KEY = bytes(32)  # a proof is computed even for nobody: the same work each way


def check_login_proof(session: Session, device: Device, request: WalletPinRequest) -> None:
    """A PIN set at a kiosk: the operator must have logged in on that kiosk (an HMAC
    under their proof key, which only typing their PIN gives), lately, for its Comune.
    WalletError says why not."""
    operator_id, codice_fiscale, pin = request.operator, request.codice_fiscale, request.pin
    issued_at, proof = request.issued_at, request.login_proof
    # Whoever the operator id names (nobody, another Comune's operator, this one's with
    # a wrong proof): the same refusal, so a kiosk cannot learn which ids exist where.
    # The proof is checked first, then its age: only a real login learns it is stale.
    operator = session.get(Record, ("operators", operator_id))
    comuni = operator.data.get("comuni") if operator is not None else None
    works_here = operator is not None and (
        comuni is None or device.comune is None or device.comune in comuni
    )
    found = session.get(PlatformSecret, f"operator:{operator_id}")  # read for anyone
    secret = found if works_here else None
    expected = pin_set_proof(
        bytes.fromhex(secret.value) if secret is not None else _NO_PROOF_KEY,
        device.kiosk_id,
        operator_id,
        codice_fiscale,
        pin,
        issued_at.isoformat(),
    )
    if not same_secret(expected, proof) or secret is None:
        raise WalletError(*NOT_CONFIRMED)
    if abs(datetime.now(UTC) - issued_at) > PROOF_MAX_AGE:
        raise WalletError("stale_proof", "the operator's proof of login is too old")
    # A wallet holds its Comune's credit and buoni, for that Comune's kiosks only: a PIN
    # set at another Comune's Social Point would hand it to that Comune's kiosks (and
    # take it from its own) under a PIN that Comune's operator saw typed.
    holder = holder_key(lookup_secret_in(session), codice_fiscale)
    wallet = session.get(WalletHolder, holder)
    if (
        wallet is not None
        and wallet.comune is not None
        and device.comune is not None
        and wallet.comune != device.comune
    ):
        raise WalletError(
            "other_comune",
            "the citizen's wallet belongs to another Comune: its PIN is set at a Social"
            " Point of that Comune",
        )
    # No wallet yet (the Comune's letter not sent), or one of no Comune (a PIN the
    # platform set without naming one): this PIN decides which Comune's kiosks get it,
    # so money only other Comuni gave keeps it from this one's.
    if (wallet is None or wallet.comune is None) and device.comune is not None:
        theirs = ledger_comuni(session, holder)
        if theirs and device.comune not in theirs:
            raise WalletError(
                "other_comune",
                "the citizen's credit and buoni are another Comune's: their PIN is set at"
                " a Social Point of that Comune",
            )
