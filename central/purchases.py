# SPDX-License-Identifier: EUPL-1.2
"""The platform's side of purchases and vouchers.

A purchase from a kiosk is checked against the catalog as the platform has it now: each
service must still be for sale at the price the citizen saw (else ``price_changed`` or
``service_unavailable``: the kiosk shows the manager, who calls the citizen), paid in a
way the service allows, and a credit must cover it. Once accepted, a credit is debited
and the new balance published; the vouchers the kiosk printed are published too, so
the citizen can reprint them at any kiosk and providers can check them
(``voucher_status``, ``redeem``).

Subsidy vouchers (buoni spesa) are issued here after the Comune's decision, signed with
the platform's own Ed25519 key, and published under the citizen's holder key.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError
from sqlalchemy.orm import Session

from central.models import PlatformSecret, Record
from protocol.messages import SubmissionEntry
from protocol.money import euro
from protocol.records import VoucherRecord
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
        return "service_unavailable", f"service {service_id!r} is no longer offered"
    title = record.data["title"]["it"]
    if record.data["price_cents"] != price:
        return "price_changed", (f"{title}: the price is now {euro(record.data['price_cents'])}"
                                 f", not {euro(price)}")  # fmt: skip
    allowed = record.data.get("payments") or PAYMENTS
    if payment not in allowed:
        return "payment_not_allowed", f"{title} cannot be paid that way ({payment})"
    return quantity * price


def check_purchase(session: Session, entry: SubmissionEntry) -> tuple[str, str] | None:
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
    vouchers = payload.get("vouchers") or []
    if not isinstance(vouchers, list) or len(vouchers) > MAX_LINES:
        return "invalid_payload", "vouchers must be a list"
    for voucher in vouchers:
        try:  # published as they are once accepted: check them now
            VoucherRecord.model_validate({**voucher, "holder": "0" * 64, "state": "issued"})
        except (ValidationError, TypeError):
            return "invalid_payload", "a voucher is not in the expected form"
    assisted_by = payload.get("assisted_by")
    if assisted_by is not None and not _operator_known(session, assisted_by):
        return "unknown_operator", f"assisted by {assisted_by!r}, who is not an operator"
    if payment == "desk" and not _operator_known(session, payload.get("desk_confirmed_by")):
        return "unconfirmed_payment", "a desk payment needs the confirming operator"
    if payment == "credit":
        credit = session.get(Record, ("credits", payload.get("holder")))
        if credit is None:
            return "no_credit", "this citizen has no credit"
        if credit.data["balance_cents"] < total:
            return "insufficient_credit", (f"the credit is {euro(credit.data['balance_cents'])}"
                                           f", the purchase {euro(total)}")  # fmt: skip
    return None


def debit_and_vouchers(payload: dict[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    """What an accepted purchase changes: the amount to debit from the holder's credit
    (0 unless paid by credit), and the voucher records to publish."""
    debit = payload["total_cents"] if payload["payment"] == "credit" else 0
    holder = payload.get("holder")  # None when the kiosk had no key: nothing to publish
    vouchers = [
        {**voucher, "holder": holder, "state": "issued"}
        for voucher in payload.get("vouchers") or []
        if isinstance(voucher, dict) and holder
    ]
    return debit, vouchers


def platform_signer(session: Session) -> Signer:
    """The platform's voucher signing key, made on first use."""
    row = session.get(PlatformSecret, "voucher_key")
    if row is None:
        row = PlatformSecret(name="voucher_key", value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return Signer(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row.value)))


def subsidy_voucher(
    signer: Signer, holder: str, comune: str, comune_name: str, programme: str,
    amount_cents: int, valid_days: int, today: date,
) -> dict[str, Any]:  # fmt: skip
    claims = VoucherClaims(
        voucher_id=new_voucher_id(), valid_from=today,
        valid_until=today + timedelta(days=valid_days - 1), issued_at=datetime.now(UTC),
        amount_cents=amount_cents,
    )  # fmt: skip
    return {
        "id": claims.voucher_id.hex(), "holder": holder, "comune": comune,
        "programme": programme, "issuer": f"Comune di {comune_name}",
        "amount_cents": amount_cents, "service": None,
        "valid_from": claims.valid_from.isoformat(), "valid_until": claims.valid_until.isoformat(),
        "code": claims.code, "signed_code": encode(claims, signer), "state": "issued",
    }  # fmt: skip
