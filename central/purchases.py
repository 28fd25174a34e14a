# SPDX-License-Identifier: EUPL-1.2
"""The platform's side of purchases and vouchers.

A purchase from a kiosk is checked against the catalog as the platform has it now: each
service must still be for sale at the price the citizen saw (else ``price_changed`` or
``service_unavailable``: the kiosk shows the manager, who calls the citizen), paid in a
way the service allows, and a credit must cover it. Once accepted, a credit is debited
and the new balance published. The vouchers the kiosk printed are checked by the
voucher authority (central/voucher_authority.py: the kiosk's own key, the order's
services and quantities, ids never seen) and published as the platform rebuilt them,
so the citizen can reprint them and providers can check and redeem them.

Subsidy vouchers (buoni spesa) are issued here after the Comune's decision, signed with
the platform's own Ed25519 key, and published under the citizen's holder key.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from central import clock
from central.models import Device, IssuedVoucher, Record
from central.voucher_authority import VoucherRefusedError, kiosk_vouchers
from central.wallets import OTHER_COMUNE_WALLET, check_wallet_proof, only_other_comuni_credit
from protocol.messages import SubmissionEntry
from protocol.money import euro
from protocol.states import Payment
from vouchers.codes import Signer, VoucherClaims, encode, new_voucher_id

PAYMENTS = tuple(Payment)  # every way, in the order they are offered
MAX_LINES = 20


def _operator_known(session: Session, operator: Any) -> bool:
    return isinstance(operator, str) and session.get(Record, ("operators", operator)) is not None


def _check_line(session: Session, line: Any, payment: str) -> tuple[str, str] | int:
    """The line's total in cents, or why the purchase is refused."""
    if not isinstance(line, dict):
        return "invalid_payload", "every line must be an object"
    service_id, quantity, price = (
        line.get("service"),
        line.get("quantity"),
        line.get("unit_price_cents"),
    )
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= 99:
        return "invalid_payload", "a quantity is a whole number from 1 to 99"
    if not isinstance(price, int) or isinstance(price, bool) or price < 0:
        return "invalid_payload", "a unit price is a whole number of cents"
    record = session.get(Record, ("services", service_id)) if isinstance(service_id, str) else None
    if (
        record is None
        or record.data.get("booking") != "buy_now"
        or record.data["price_cents"] is None
    ):
        return "service_unavailable", "a service of the order is no longer offered"
    title = record.data["title"]["it"]
    if record.data["price_cents"] != price:
        return "price_changed", (
            f"{title}: the price is now {euro(record.data['price_cents'])}, not {euro(price)}"
        )
    allowed = record.data.get("payments") or PAYMENTS
    if payment not in allowed:
        return "payment_not_allowed", f"{title} cannot be paid that way ({payment})"
    return quantity * price


HOLDER = re.compile(r"[0-9a-f]{64}")


def check_purchase(
    session: Session, device: Device | None, entry: SubmissionEntry
) -> tuple[str, str] | None:
    payload: Any = entry.payload
    if not isinstance(payload, dict):
        return "invalid_payload", "the payload must be a JSON object"
    lines, payment = payload.get("lines"), payload.get("payment")
    if not isinstance(lines, list) or not 1 <= len(lines) <= MAX_LINES:
        return "invalid_payload", f"a purchase has 1 to {MAX_LINES} lines"
    if payment not in PAYMENTS:
        return "invalid_payload", f"payment must be one of {', '.join(PAYMENTS)}"
    total = 0
    for line in lines:
        checked = _check_line(session, line, payment)
        if isinstance(checked, tuple):
            return checked
        total += checked
    if payload.get("total_cents") != total:
        return "invalid_payload", f"the total is {euro(total)}"
    holder = payload.get("holder")
    if holder is not None and not (isinstance(holder, str) and HOLDER.fullmatch(holder)):
        return "invalid_payload", "the holder is a wallet's locator (64 hex digits) or null"
    vouchers = payload.get("vouchers") or []
    if not isinstance(vouchers, list) or len(vouchers) > MAX_LINES:
        return "invalid_payload", "vouchers must be a list"
    if vouchers and (device is None or device.role != "kiosk"):
        return "foreign_key", "only a kiosk issues service vouchers, with its own key"
    try:
        kiosk_vouchers(session, device, payload, clock.local_day(session, datetime.now(UTC)))  # type: ignore[arg-type]
    except VoucherRefusedError as refusal:
        return refusal.code, str(refusal)
    assisted_by = payload.get("assisted_by")
    if assisted_by is not None and not _operator_known(session, assisted_by):
        return "unknown_operator", "assisted by someone who is not an operator"
    if payment == "desk":
        from central.operators import check_desk_proof

        made_at = clock.made_at(entry, datetime.now(UTC))  # an earlier PIN's proof counts
        if (no_proof := check_desk_proof(session, device, payload, made_at)) is not None:
            return no_proof
    if assisted_by is not None:  # a bare claim of assistance is not enough
        from central.operators import check_assisted_proof

        made_at = clock.made_at(entry, datetime.now(UTC))
        no_proof = check_assisted_proof(session, device, payload, "order", made_at)
        if no_proof is not None:
            return no_proof
    not_theirs, ledger_holder = check_wallet_proof(session, device, payload)
    if not_theirs is not None:
        return not_theirs
    if payment == "credit":
        if ledger_holder is None:
            return "not_identified", "a credit purchase names the citizen's wallet"
        # Its row locked now, before the writers' turn (PostgreSQL), as a Comune's grant
        # locks it: locked only at the debit, after the turn, a grant holding the row
        # and waiting for the turn deadlocked with it. Read as stored, not as cached.
        credit = session.get(
            Record, ("credits", ledger_holder), with_for_update=True, populate_existing=True
        )
        if credit is None:
            return "no_credit", "this citizen has no credit"
        if only_other_comuni_credit(device, credit):
            return OTHER_COMUNE_WALLET
        if credit.data["balance_cents"] < total:
            return "insufficient_credit", (
                f"the credit is {euro(credit.data['balance_cents'])}, the purchase {euro(total)}"
            )
    return None


def debit_and_vouchers(
    session: Session,
    device: Device | None,
    payload: dict[str, Any],
    holder: str | None,
    today: date,
) -> tuple[int, list[dict[str, Any]]]:
    """What an accepted purchase changes: the amount to debit from the holder's credit
    (0 unless paid by credit), and the voucher records to publish. The vouchers join
    the platform's ledger, under the ledger's holder key of the citizen whose wallet the
    purchase proved (``holder``; they reach the kiosks sealed in that wallet), built
    from the signed claims and the catalog."""
    debit = payload["total_cents"] if payload["payment"] == "credit" else 0
    issued = kiosk_vouchers(session, device, payload, today) if device is not None else []
    records = []
    for voucher, row in zip(payload.get("vouchers") or [], issued, strict=True):
        session.add(row)
        if holder:
            records.append(_published(row, holder, voucher["signed_code"], session))
    return debit, records


def _published(
    row: IssuedVoucher, holder: str, signed_code: str, session: Session
) -> dict[str, Any]:
    service = session.get(Record, ("services", row.service))
    provider = session.get(Record, ("providers", service.data["provider"])) if service else None
    return {
        "id": row.id,
        "holder": holder,
        "comune": row.comune,
        "programme": row.programme,
        "issuer": (provider.data["name"] if provider else "")[:200] or "Social Point",
        "amount_cents": None,
        "service": row.service,
        "valid_from": row.valid_from.isoformat(),
        "valid_until": row.valid_until.isoformat(),
        "code": row.code,
        "signed_code": signed_code,
        "state": "issued",
    }


def subsidy_voucher(
    signer: Signer,
    holder: str,
    comune: str,
    comune_name: str,
    programme: str,
    amount_cents: int,
    valid_days: int,
    today: date,
) -> tuple[dict[str, Any], VoucherClaims]:
    claims = VoucherClaims(
        voucher_id=new_voucher_id(),
        valid_from=today,
        valid_until=today + timedelta(days=valid_days - 1),
        issued_at=datetime.now(UTC),
        amount_cents=amount_cents,
    )
    return {
        "id": claims.voucher_id.hex(),
        "holder": holder,
        "comune": comune,
        "programme": programme,
        "issuer": f"Comune di {comune_name}",
        "amount_cents": amount_cents,
        "service": None,
        "valid_from": claims.valid_from.isoformat(),
        "valid_until": claims.valid_until.isoformat(),
        "code": claims.code,
        "signed_code": encode(claims, signer),
        "state": "issued",
    }, claims
