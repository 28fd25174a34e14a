# SPDX-License-Identifier: EUPL-1.2
"""The platform as the authority over every voucher.

Keys: the platform's own key signs any voucher (buoni spesa, amount vouchers); each
kiosk registers its own key, which signs only the service vouchers of the orders that
kiosk sends. Every key is kept with its state and published to devices
(``published_keys``), so shops and kiosks verify offline against the same list and a
revoked key stops being trusted everywhere.

A purchase's vouchers are checked before it is accepted (``kiosk_vouchers``): a valid
signature by the sending kiosk's own active key, a service voucher for a service of
that order with the order line's quantity signed inside it, an id and a code never
seen before. What gets published is built from the signed claims and the platform's
own catalog, never from the kiosk's text. Every voucher the platform accepts or issues
has a row in ``IssuedVoucher``: the ledger redemption reads.

Redemption (``redeem``) belongs to merchants, each within its scope: the services it
provides, or the programmes it joined. It happens in the validity window, valid_from
included, on the platform's calendar day in its configured time zone (the same rule as
``social-point voucher verify``). Each redemption carries the merchant's own id: sent
again, it gets the same answer and is stored once. A service voucher is redeemed a
unit at a time, an amount voucher in part, the remainder kept.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.devices import same_kiosk
from central.models import (
    Device,
    IssuedVoucher,
    PlatformSecret,
    Record,
    Redemption,
    SigningKey,
)
from vouchers.codes import (
    PREFIX,
    SAMPLE_KID,
    SAMPLE_MARK,
    Signer,
    VoucherClaims,
    key_id,
    normalise_code,
    scanned,
    verify,
)
from vouchers.keys import anyone_signs_for

PLATFORM = "platform"
MAX_VALID_DAYS = 731


class VoucherRefusedError(ValueError):
    """A voucher or a redemption the platform refuses; ``code`` for machines."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _now() -> datetime:
    return datetime.now(UTC)


def _raw_bytes(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _raw(public_key: Ed25519PublicKey) -> str:
    return base64.b64encode(_raw_bytes(public_key)).decode("ascii")


# Keys ---------------------------------------------------------------------------------


def platform_signer(session: Session) -> Signer:
    """The platform's voucher signing key, made (and registered) on first use, and made
    anew once it was revoked: revoking it says it may have leaked, and buoni signed with
    it after that were issued to citizens and refused by every shop."""
    row = session.get(PlatformSecret, "voucher_key")
    if row is None:
        row = PlatformSecret(name="voucher_key", value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    signer = Signer(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row.value)))
    known = session.get(SigningKey, signer.kid.hex())
    if known is not None and known.revoked_at is not None:
        row.value = secrets.token_hex(32)  # the revoked key stays published as revoked
        session.flush()
        signer = Signer(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row.value)))
        known = None
    if known is None:
        public = signer.private_key.public_key()
        session.add(
            SigningKey(
                kid=signer.kid.hex(),
                public_key=_raw(public),
                owner=PLATFORM,
                issuer=PLATFORM,
                created_at=_now(),
            )
        )
        session.flush()
    return signer


def register_device_key(session: Session, device: Device, public_key: str) -> str:
    """Registers a kiosk's public key (Base64 of 32 raw bytes); its kid. Registering the
    same key again is harmless; a key another device holds, or a revoked one, is not."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
    except (ValueError, binascii.Error):
        raise VoucherRefusedError("invalid_key", "not a Base64 Ed25519 public key") from None
    if anyone_signs_for(_raw_bytes(key)):
        raise VoucherRefusedError(
            "invalid_key", "a key of small order, under which anyone could sign: make a new one"
        )
    kid = key_id(key).hex()
    if bytes.fromhex(kid) == SAMPLE_KID:
        raise VoucherRefusedError("sample_key", "the sample key never signs real vouchers")
    row = session.get(SigningKey, kid)
    if row is not None:
        if row.owner != device.id:
            raise VoucherRefusedError("key_taken", "this key belongs to another issuer")
        if row.revoked_at is not None:
            raise VoucherRefusedError("key_revoked", "this key was revoked; make a new one")
        return kid
    session.add(
        SigningKey(
            kid=kid,
            public_key=_raw(key),
            owner=device.id,
            issuer=device.kiosk_id,
            created_at=_now(),
        )
    )
    session.flush()
    return kid


def revoke_key(session: Session, kid: str) -> bool:
    row = session.get(SigningKey, kid)
    if row is None:
        return False
    row.revoked_at = row.revoked_at or _now()
    row.device_retired = None  # revoked as such: it may have leaked, nothing under it holds
    return True


def _trusted(
    session: Session, *, revoked_too: bool = False
) -> dict[bytes, tuple[Ed25519PublicKey, str]]:
    """The keys whose signature is taken, by kid; ``revoked_too``: with the revoked ones,
    for a voucher that must be in the ledger anyway (``find``)."""
    query = select(SigningKey)
    rows = session.scalars(query if revoked_too else query.where(SigningKey.revoked_at.is_(None)))
    return {
        bytes.fromhex(row.kid): (
            Ed25519PublicKey.from_public_bytes(base64.b64decode(row.public_key)),
            row.owner,
        )
        for row in rows
        if not anyone_signs_for(base64.b64decode(row.public_key))  # one registered before
    }


def published_keys(session: Session) -> list[dict[str, Any]]:
    """Every key with what it may sign and whether it is still trusted (GET /v1/keys)."""
    platform_signer(session)
    rows = session.scalars(select(SigningKey).order_by(SigningKey.created_at, SigningKey.kid))
    return [
        {
            "kid": row.kid,
            "public_key": row.public_key,
            "issuer": row.issuer,
            "signs": "any" if row.owner == PLATFORM else "service",
            "revoked": row.revoked_at is not None,
        }
        for row in rows
    ]


# Vouchers a purchase brings -----------------------------------------------------------


def _signed_claims(
    trusted: Mapping[bytes, tuple[Ed25519PublicKey, str]], text: Any, today: date
) -> tuple[VoucherClaims, bytes, str]:
    """The claims of a code signed by a trusted key, and that key's owner. Dates are
    the redeemer's business, not a reason to refuse a voucher already sold."""
    if not isinstance(text, str):
        raise VoucherRefusedError("invalid_voucher", "a voucher needs its signed code")
    keys = {kid: key for kid, (key, _owner) in trusted.items()}
    verdict = verify(text, keys, today)
    if verdict.claims is None or verdict.kid is None:
        code = "sample_voucher" if SAMPLE_MARK in verdict.reason else "forged_voucher"
        raise VoucherRefusedError(code, f"voucher refused: {verdict.reason}")
    return verdict.claims, verdict.kid, trusted[verdict.kid][1]


def kiosk_vouchers(
    session: Session, device: Device, payload: Mapping[str, Any], today: date
) -> list[IssuedVoucher]:
    """The vouchers of a purchase as the platform will stand behind them; raises
    VoucherRefusedError for the first that a kiosk may not issue. ``payload`` has passed the
    purchase's own checks (lines, prices, quantities)."""
    vouchers = payload.get("vouchers") or []
    if not isinstance(vouchers, list):
        raise VoucherRefusedError("invalid_payload", "vouchers must be a list")
    quantities: dict[str, int] = {}
    for line in payload["lines"]:
        quantities[line["service"]] = quantities.get(line["service"], 0) + line["quantity"]
    inherited = _inherited_keys(session, device)
    trusted = _trusted(session) | {kid: (key, owner) for kid, (key, owner, _) in inherited.items()}
    issued: list[IssuedVoucher] = []
    for voucher in vouchers:
        text = voucher.get("signed_code") if isinstance(voucher, dict) else None
        if isinstance(text, str) and scanned(text) != text.strip():
            # Published as sent, for reprints: a kiosk's code is the one it printed.
            raise VoucherRefusedError("invalid_voucher", "a voucher's code is in capitals")
        claims, kid, owner = _signed_claims(trusted, text, today)
        if claims.amount_cents is not None:
            raise VoucherRefusedError(
                "amount_voucher_refused", "amount vouchers are issued only by the platform"
            )
        made_at = _now()  # when the ledger takes it
        if kid in inherited:  # the dead kiosk's own order, sent by its replacement
            made_at = _aware(claims.issued_at)
            if made_at >= _aware(inherited[kid][2]):
                raise VoucherRefusedError(
                    "key_revoked", "voucher refused: made after its kiosk was switched off"
                )
        elif owner != device.id:
            raise VoucherRefusedError(
                "foreign_key", "voucher refused: signed with a key this kiosk does not hold"
            )
        service = str(claims.service_id)
        if quantities.get(service) != claims.units:
            raise VoucherRefusedError(
                "voucher_mismatch",
                (
                    f"voucher {claims.code} is for {claims.units} x {service}, which this order "
                    "does not buy"
                ),
            )
        del quantities[service]  # one voucher per service of the order
        if not 0 <= (claims.valid_until - claims.valid_from).days < MAX_VALID_DAYS:
            raise VoucherRefusedError(
                "invalid_voucher", f"voucher {claims.code} is valid too long, or for no day"
            )
        voucher_id = claims.voucher_id.hex()
        taken = session.get(IssuedVoucher, voucher_id) or session.scalar(
            select(IssuedVoucher).where(IssuedVoucher.code == claims.code)
        )
        if taken is not None or session.get(Record, ("vouchers", voucher_id)) is not None:
            raise VoucherRefusedError(
                "voucher_exists", f"voucher {claims.code} already exists and is never replaced"
            )
        record = session.get(Record, ("services", service))
        title = record.data["title"]["it"] if record else service
        issued.append(
            IssuedVoucher(
                id=voucher_id,
                code=claims.code,
                kid=kid.hex(),
                device_id=device.id,
                comune=device.comune,
                programme=title[:200],
                service=service,
                units=claims.units,
                amount_cents=None,
                valid_from=claims.valid_from,
                valid_until=claims.valid_until,
                issued_at=made_at,
                payment=str(payload.get("payment"))[:16],
            )
        )
    return issued


def _inherited_keys(
    session: Session, device: Device
) -> dict[bytes, tuple[Ed25519PublicKey, str, datetime]]:
    """The retired keys (``SigningKey.device_retired``) of the revoked devices this kiosk
    replaces, by kid, with their owner and when they were revoked: a dead kiosk's store,
    restored onto its new machine, sends the orders made offline before it died, whose
    vouchers its old key signed and the citizen took home. Only vouchers made before the
    revocation count; a key revoked as leaked is never inherited."""
    if not device.succeeds_revoked:
        return {}
    owners = [other.id for other in same_kiosk(session, device, revoked=True)]
    rows = session.scalars(
        select(SigningKey).where(
            SigningKey.owner.in_(owners),
            SigningKey.device_retired.is_(True),
            SigningKey.revoked_at.is_not(None),
        )
    )
    return {
        bytes.fromhex(row.kid): (
            Ed25519PublicKey.from_public_bytes(base64.b64decode(row.public_key)),
            row.owner,
            row.revoked_at,
        )
        for row in rows
        if row.revoked_at is not None
    }


def platform_voucher(
    claims: VoucherClaims, kid: bytes, comune: str, programme: str
) -> IssuedVoucher:
    return IssuedVoucher(
        id=claims.voucher_id.hex(),
        code=claims.code,
        kid=kid.hex(),
        device_id=PLATFORM,
        comune=comune,
        programme=programme[:200],
        service=claims.service_id,
        units=claims.units,
        amount_cents=claims.amount_cents,
        valid_from=claims.valid_from,
        valid_until=claims.valid_until,
        issued_at=_now(),
    )


# Redemption ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """A voucher as a merchant may see it: what it is for and what is left of it."""

    voucher: IssuedVoucher
    state: str  # issued, redeemed, cancelled
    units_left: int | None
    amount_left_cents: int | None
    # The answer of a redemption sent again, as it first was: never published (the
    # voucher may have been used up or cancelled since).
    replayed: bool = False


def find(
    session: Session, trusted_only: bool, text: str, today: date, *, lock: bool = False
) -> IssuedVoucher:
    """The voucher a merchant scanned (the SP1: text) or typed (the human code);
    ``lock``: its row locked to the end of the transaction (SELECT … FOR UPDATE), so
    two redemptions of one voucher take turns while other vouchers' go on."""
    text = scanned(text)
    if text.startswith(PREFIX):
        # A revoked key's signature still names its voucher: the ledger decides below.
        trusted = _trusted(session, revoked_too=True) if trusted_only else {}
        claims, _kid, _owner = _signed_claims(trusted, text, today)
        row = session.get(IssuedVoucher, claims.voucher_id.hex(), with_for_update=lock)
    else:
        code = normalise_code(text)
        if code is None:
            raise VoucherRefusedError(
                "bad_code",
                (
                    "not a voucher code: check the characters typed (the last one is a check "
                    "character)"
                ),
            )
        query = select(IssuedVoucher).where(IssuedVoucher.code == code)
        row = session.scalar(query.with_for_update() if lock else query)
    if row is None:
        raise VoucherRefusedError("unknown_voucher", "no such voucher")
    key = session.get(SigningKey, row.kid)
    if key is None or (key.revoked_at is not None and not _kept_after_retirement(row, key)):
        raise VoucherRefusedError("key_revoked", "voucher refused: its issuer's key was revoked")
    return row


def _kept_after_retirement(row: IssuedVoucher, key: SigningKey) -> bool:
    """Whether a voucher under a revoked key stays good: its key was revoked with its
    device (a kiosk that died and was replaced, as the recovery asks), not as leaked,
    and the ledger took the voucher before. Citizens paid for those; a code the ledger
    never took is refused before this (``unknown_voucher``)."""
    revoked_at = key.revoked_at
    if not key.device_retired or revoked_at is None:
        return False
    return _aware(row.issued_at) < _aware(revoked_at)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def standing(session: Session, row: IssuedVoucher, upto: Redemption | None = None) -> Standing:
    """What is left of a voucher now, or, ``upto`` a redemption of it, as that redemption
    left it (its answer, when it is sent again)."""
    used = select(
        func.coalesce(func.sum(Redemption.units), 0),
        func.coalesce(func.sum(Redemption.amount_cents), 0),
    ).where(Redemption.voucher_id == row.id)
    if upto is not None:
        used = used.where(Redemption.at <= upto.at)
    used_units, used_cents = session.execute(used).one()
    # Never NULL (coalesce), though the column types say they could be.
    units_left = None if row.units is None else row.units - int(used_units or 0)
    cents_left = None if row.amount_cents is None else row.amount_cents - int(used_cents or 0)
    record = session.get(Record, ("vouchers", row.id))
    state = record.data["state"] if record is not None and upto is None else "issued"
    if state == "issued" and (units_left == 0 or cents_left == 0):
        state = "redeemed"
    return Standing(row, state, units_left, cents_left, replayed=upto is not None)


def may_accept(device: Device, row: IssuedVoucher) -> bool:
    """A merchant accepts the services it provides, and the money vouchers its scope
    names: each of ``programmes`` and ``comuni`` it has narrows what it takes, both
    must match (a programme's name, "Buoni spesa 2026", is the same in every Comune: a
    Piazzola shop of that programme does not take Limena's buoni, which Limena pays)."""
    scope = device.scope or {}
    if row.service is not None:
        return row.service in (scope.get("services") or [])
    programmes, comuni = scope.get("programmes") or [], scope.get("comuni") or []
    if not programmes and not comuni:
        return False
    if device.comune is not None and row.comune != device.comune:
        return False  # a shop enrolled for a Comune takes that Comune's money vouchers only
    return (not programmes or row.programme in programmes) and (
        not comuni or (row.comune is not None and row.comune in comuni)
    )


def check_scope(device: Device, row: IssuedVoucher) -> None:
    if device.role != "admin" and not may_accept(device, row):
        raise VoucherRefusedError(
            "outside_scope", "this voucher is not one this merchant may accept"
        )


@dataclass(frozen=True)
class RedeemRequest:
    redemption_id: str  # the merchant's own id for this redemption (a UUID)
    units: int | None = None  # service vouchers: how many units (default 1)
    amount_cents: int | None = None  # amount vouchers: how much of it


def _taking(row: IssuedVoucher, request: RedeemRequest) -> tuple[int | None, int | None]:
    """The (units, cents) a request takes of ``row``, as a redemption stores them."""
    if row.units is not None:
        return (1 if request.units is None else request.units), request.amount_cents
    return request.units, request.amount_cents


# What ``redeem`` says for each code of ``refusal_on``.
REFUSALS = {
    "cancelled": "voucher {code} was cancelled",
    "not_yet_valid": "voucher {code} is valid from {valid_from:%d/%m/%Y}",
    "expired": "voucher {code} expired on {valid_until:%d/%m/%Y}",
    "redeemed": "voucher {code} was already used in full",
}


def refusal_on(standing: Standing, today: date) -> str | None:
    """The code a redemption of this voucher gets on ``today`` (the platform's calendar
    day), before what it asks for is weighed; None when it may be taken."""
    row = standing.voucher
    if standing.state == "cancelled":
        return "cancelled"
    if today < row.valid_from:
        return "not_yet_valid"
    if today > row.valid_until:
        return "expired"
    if standing.state == "redeemed":
        return "redeemed"
    return None


def redeem(
    session: Session, device: Device, text: str, request: RedeemRequest, today: date
) -> Standing:
    """Takes (part of) a voucher for a merchant; VoucherRefusedError says why it cannot.
    ``today`` is the platform's calendar day in its time zone."""
    if device.role != "merchant":
        raise VoucherRefusedError("not_a_merchant", "only a merchant's device redeems vouchers")
    row = find(session, True, text, today, lock=True)
    check_scope(device, row)
    done = session.get(Redemption, request.redemption_id)
    if done is not None:  # sent again: the same answer, stored once
        same = (done.voucher_id, done.device_id, done.units, done.amount_cents) == (
            row.id,
            device.id,
            *_taking(row, request),
        )
        if not same:  # another voucher, merchant or quantity: never "taken" when it was not
            raise VoucherRefusedError(
                "redemption_id_reused",
                "this redemption id was used for another redemption (another voucher, shop or"
                " amount): use a new id for a new redemption",
            )
        return standing(session, row, upto=done)
    now = standing(session, row)
    refusal = refusal_on(now, today)
    if refusal is not None:
        said = REFUSALS[refusal].format(
            code=row.code, valid_from=row.valid_from, valid_until=row.valid_until
        )
        raise VoucherRefusedError(refusal, said)
    units = cents = None
    if row.units is not None:
        units = 1 if request.units is None else request.units
        if request.amount_cents is not None or not 1 <= units <= (now.units_left or 0):
            raise VoucherRefusedError(
                "too_much", (f"voucher {row.code} has {now.units_left} of {row.units} units left")
            )
    else:
        cents = request.amount_cents
        if (
            request.units is not None
            or cents is None
            or not 1 <= cents <= (now.amount_left_cents or 0)
        ):
            raise VoucherRefusedError(
                "too_much",
                (
                    f"voucher {row.code} has {now.amount_left_cents} cents left; say how much of "
                    "it to take"
                ),
            )
    session.add(
        Redemption(
            id=request.redemption_id,
            voucher_id=row.id,
            device_id=device.id,
            units=units,
            amount_cents=cents,
            at=_now(),
        )
    )
    session.flush()
    return standing(session, row)
