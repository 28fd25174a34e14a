# SPDX-License-Identifier: EUPL-1.2
"""Operators on the platform: what kiosks may hold of a PIN, and proof of a login.

An operator record arrives with the administrator's PIN hash (``social-point
pin-hash``: scrypt, 64 bytes). The platform refuses a hash weaker than
N = 2^16, r = 8 (an offline search of a 6-digit PIN must cost a day of one core), keeps
its second half as the operator's proof key, and publishes only the first half: a
kiosk can check a PIN, and only someone who typed it can recompute the proof key. A desk
payment carries ``desk_proof``, an HMAC under that key of the order, its total, the
operator and the kiosk's id, which the platform checks (see kiosk/core/manager_login.py).
Operators reach only the kiosks of their Comuni (central/scopes.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.constant_time import same_secret
from central.models import Device, PlatformSecret, Record, RetiredProofKey
from central.wallets import proof_spent
from vouchers.wallet_key import assisted_proof

MIN_LOG2_N, MIN_R = 16, 8
# How long after an operator's PIN changed a proof made with the old one (offline,
# before the change) is still taken: a kiosk offline longer is told apart by its alert.
RETIRED_KEY_GRACE = timedelta(days=7)


class OperatorError(ValueError):
    pass


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def publishable(session: Session, record: dict[str, Any]) -> dict[str, Any]:
    """The record kiosks get (the first half of the hash); keeps the proof key."""
    try:
        scheme, log2_n, r, p, salt, digest = str(record.get("pin_hash", "")).split("$")
        n_exp, r_val, whole = int(log2_n), int(r), _unb64(digest)
    except (ValueError, binascii.Error):
        raise OperatorError("operators.pin_hash: not a hash from social-point pin-hash") from None
    if scheme != "scrypt" or n_exp < MIN_LOG2_N or r_val < MIN_R:
        raise OperatorError(
            f"operators.pin_hash: scrypt with N of at least 2^{MIN_LOG2_N} and r of at least "
            f"{MIN_R} (make it again with social-point pin-hash)"
        )
    if len(whole) == 32:  # published before: the proof key is already kept
        return record
    if len(whole) != 64:
        raise OperatorError("operators.pin_hash: make it with social-point pin-hash")
    name = f"operator:{record.get('id')}"
    row = session.get(PlatformSecret, name)
    if row is None:
        session.add(PlatformSecret(name=name, value=whole[32:].hex()))
    elif row.value != whole[32:].hex():
        # A new PIN: proofs made with the old one before now (offline) stay theirs.
        retired = RetiredProofKey(
            operator_id=str(record.get("id")), key=row.value, retired_at=datetime.now(UTC)
        )
        session.add(retired)
        row.value = whole[32:].hex()
    session.flush()
    return {**record, "pin_hash": f"scrypt${log2_n}${r}${p}${salt}${_b64(whole[:32])}"}


def proof_keys(session: Session, operator_id: str, made_at: datetime | None) -> list[bytes]:
    """The operator's proof key, and those of their earlier PINs that were still theirs
    when the record was made (``made_at``, by the platform's clock)."""
    current = session.get(PlatformSecret, f"operator:{operator_id}")
    keys = [bytes.fromhex(current.value)] if current is not None else []
    if made_at is not None:
        # Only while a kiosk offline since may still send it: the record's moment is the
        # sender's word, and a leaked PIN, changed for that, would work for ever more.
        earlier = select(RetiredProofKey.key).where(
            RetiredProofKey.operator_id == operator_id,
            RetiredProofKey.retired_at > made_at,
            RetiredProofKey.retired_at > datetime.now(UTC) - RETIRED_KEY_GRACE,
        )
        keys += [bytes.fromhex(key) for key in session.scalars(earlier)]
    return keys


def _proven(keys: list[bytes], message: bytes, proof: str) -> bool:
    return any(
        same_secret(hmac.new(key, message, hashlib.sha256).hexdigest(), proof) for key in keys
    )


def check_desk_proof(
    session: Session,
    device: Device | None,
    payload: dict[str, Any],
    made_at: datetime | None = None,
) -> tuple[str, str] | None:
    """None when the desk payment's operator proved a login on the sending kiosk."""
    operator_id = payload.get("desk_confirmed_by")
    operator = (
        session.get(Record, ("operators", operator_id)) if isinstance(operator_id, str) else None
    )
    if operator is None or device is None:
        return "unconfirmed_payment", "a desk payment needs the confirming operator"
    comuni = operator.data.get("comuni")
    if comuni is not None and device.comune is not None and device.comune not in comuni:
        return "unconfirmed_payment", f"operator {operator_id} does not work at this Social Point"
    keys = proof_keys(session, str(operator_id), made_at)
    proof = payload.get("desk_proof")
    if not keys or not isinstance(proof, str):
        return "unconfirmed_payment", "the desk payment carries no proof of the operator's login"
    message = (
        f"desk|{payload.get('order')}|{payload.get('total_cents')}|{operator_id}|{device.kiosk_id}"
    ).encode()
    if not _proven(keys, message, proof):
        return "unconfirmed_payment", (
            f"the desk payment's proof does not show operator {operator_id} logged in on this kiosk"
        )
    if proof_spent(session, proof):
        return "proof_used", (
            "this proof of a desk payment already paid an order: "
            "a new order needs the operator to confirm it"
        )
    return None


def check_assisted_proof(
    session: Session,
    device: Device | None,
    payload: dict[str, Any],
    reference_field: str,
    made_at: datetime | None = None,
) -> tuple[str, str] | None:
    """None when the operator in ``assisted_by`` proved a login on the sending kiosk
    (``assisted_proof``, vouchers/wallet_key.py assisted_proof): a bare claim is refused."""
    operator_id = str(payload.get("assisted_by"))
    operator = session.get(Record, ("operators", operator_id))
    keys = proof_keys(session, operator_id, made_at)
    proof = payload.get("assisted_proof")
    if operator is None or device is None or not keys or not isinstance(proof, str):
        return "unconfirmed_assistance", (
            f"the submission does not show operator {operator_id} logged in on this kiosk"
        )
    comuni = operator.data.get("comuni")
    if comuni is not None and device.comune is not None and device.comune not in comuni:
        return "unconfirmed_assistance", f"operator {operator_id} does not work here"
    reference = str(payload.get(reference_field))
    if not any(
        same_secret(assisted_proof(key, reference, operator_id, device.kiosk_id), proof)
        for key in keys
    ):
        return "unconfirmed_assistance", (
            f"the submission does not show operator {operator_id} logged in on this kiosk"
        )
    return None


# The reference an assisted session's proof binds (``assisted_proof``): its moment, under
# a prefix no order or tracking code has, so it never stands for an assisted order.
def session_reference(moment: str) -> str:
    return f"assisted-session|{moment}"


def check_assisted_session(
    session: Session,
    device: Device | None,
    payload: dict[str, Any],
    made_at: datetime | None = None,
) -> tuple[str, str] | None:
    """None when an ``assisted_session`` event names a welfare manager of the sending
    kiosk's Comune and, if it carries one, proves their login there (``proof`` of
    ``at``). The day reports and the audit count these sessions per operator."""
    operator_id = payload.get("operator")
    operator = (
        session.get(Record, ("operators", operator_id)) if isinstance(operator_id, str) else None
    )
    comuni = operator.data.get("comuni") if operator is not None else None
    if (
        operator is None
        or device is None
        or (comuni is not None and device.comune is not None and device.comune not in comuni)
    ):
        return "unknown_operator", (
            f"operator {str(operator_id)[:64]} is not a welfare manager of this Social Point"
        )
    proof = payload.get("proof")
    if proof is None:
        # Kiosks before this version queued the event without a proof, and some are still
        # in their outboxes: taken, as the operator exists here. A kiosk of this version
        # always sends one (kiosk/core/manager_desk.py).
        return None
    reference = session_reference(str(payload.get("at")))
    keys = proof_keys(session, str(operator_id), made_at)
    if not isinstance(proof, str) or not any(
        same_secret(assisted_proof(key, reference, str(operator_id), device.kiosk_id), proof)
        for key in keys
    ):
        return "unconfirmed_assistance", (
            f"the event does not show operator {str(operator_id)[:64]} logged in on this kiosk"
        )
    return None
