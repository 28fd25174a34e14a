# SPDX-License-Identifier: EUPL-1.2
"""Voucher keys, vouchers and credits: kiosks register their signing key, merchants look
vouchers up and redeem them, the admin issues vouchers and sets credits."""

# No "from __future__ import annotations": FastAPI reads the real annotation objects.

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException

from central.api.guards import Guards
from central.models import Device
from central.platform import Platform, PublishError
from central.voucher_authority import RedeemRequest, Standing, VoucherRefusedError, refusal_on
from central.wallets import WalletError
from protocol import messages

# How a voucher refusal is answered over HTTP.
REFUSAL_STATUS = {
    "not_a_merchant": 403,
    "outside_scope": 403,
    "not_a_kiosk": 403,
    "unknown_voucher": 404,
    "bad_code": 422,
    "invalid_key": 422,
}


def _refused(refusal: VoucherRefusedError) -> HTTPException:
    return HTTPException(REFUSAL_STATUS.get(refusal.code, 409), f"{refusal.code}: {refusal}")


# A refused credit or voucher is 422, but a request id already used for other terms is
# a conflict with what the platform did before, as a reused redemption id is.
PUBLISH_CONFLICTS = frozenset({"request_id_reused"})


def _not_published(error: PublishError) -> HTTPException:
    """A credit or voucher refused: "code: message" when the refusal has a code."""
    status = 409 if error.code in PUBLISH_CONFLICTS else 422
    return HTTPException(status, f"{error.code}: {error}" if error.code else str(error))


def voucher_status_of(result: Standing, today: date) -> messages.VoucherStatus:
    row = result.voucher
    refusal = refusal_on(result, today)
    return messages.VoucherStatus(
        code=row.code,
        state=result.state,
        programme=row.programme,
        amount_cents=row.amount_cents,
        service=row.service,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        units=row.units,
        units_left=result.units_left,
        amount_left_cents=result.amount_left_cents,
        usable_today=refusal is None,
        refusal=refusal,
    )


def router(platform: Platform, guards: Guards) -> APIRouter:
    api = APIRouter()
    admin = [Depends(guards.admin)]

    @api.put("/v1/device/signing-key")
    def signing_key(
        body: messages.SigningKeyBody, signer: Annotated[Device, Depends(guards.kiosk)]
    ) -> dict[str, str]:
        """Registers the kiosk's voucher key: it may sign the service vouchers of the
        orders this kiosk sends, nothing else."""
        try:
            return {"kid": platform.register_signing_key(signer, body.public_key)}
        except VoucherRefusedError as refusal:
            raise _refused(refusal) from None

    @api.get("/v1/keys", response_model=messages.PublishedKeys)
    def keys(_device: Annotated[Device, Depends(guards.device)]) -> messages.PublishedKeys:
        """Every voucher key with what it signs and whether it is revoked, for offline
        checks at kiosks and shops."""
        return messages.PublishedKeys.model_validate({"keys": platform.signing_keys()})

    @api.post("/v1/admin/vouchers", dependencies=admin)
    def issue_voucher(issue: messages.VoucherIssue) -> dict[str, Any]:
        """A subsidy voucher the Comune approved (buoni spesa): signed by the platform and
        published under the citizen's holder key; the citizen prints it at a kiosk. The
        same ``request_id`` sent again gets the same voucher, issued once."""
        try:
            record = platform.issue_voucher(
                issue.cf,
                issue.comune,
                issue.programme,
                issue.amount_cents,
                issue.valid_days,
                issue.request_id,
            )
        except PublishError as error:
            raise _not_published(error) from None
        return {"id": record["id"], "code": record["code"]}

    @api.post("/v1/admin/credits", dependencies=admin)
    def set_credit(grant: messages.CreditGrant) -> dict[str, str]:
        try:
            platform.set_credit(
                grant.cf, grant.programme, grant.balance_cents, grant.comune, grant.request_id
            )
        except PublishError as error:
            raise _not_published(error) from None
        return {"status": "published"}

    @api.post("/v1/admin/wallet-pins", dependencies=admin)
    def set_wallet_pin(grant: messages.WalletPinGrant) -> messages.WalletPinSet:
        """The Comune sets (or resets) a citizen's wallet PIN, as in its approval letter."""
        try:
            return messages.WalletPinSet(
                wallet=platform.set_wallet_pin(grant.cf, grant.pin, grant.comune)
            )
        except WalletError as error:
            raise HTTPException(422, f"{error.code}: {error}") from None

    @api.post("/v1/device/wallet-pin")
    def set_wallet_pin_at_kiosk(
        request: messages.WalletPinRequest, sender: Annotated[Device, Depends(guards.kiosk)]
    ) -> messages.WalletPinSet:
        """A welfare manager, after checking the citizen's identity document, sets their
        wallet PIN at this kiosk; the request proves the manager's login here."""
        try:
            return messages.WalletPinSet(wallet=platform.set_wallet_pin_at_kiosk(sender, request))
        except WalletError as error:
            raise HTTPException(403, f"{error.code}: {error}") from None

    def _standing(shop: Device, code: str) -> messages.VoucherStatus:
        try:
            return voucher_status_of(platform.voucher_standing(shop, code), platform.today())
        except VoucherRefusedError as refusal:
            raise _refused(refusal) from None

    # Before the code-in-the-path routes: "lookup" is never read as a code.
    @api.post("/v1/vouchers/lookup", response_model=messages.VoucherStatus)
    def voucher_lookup(
        body: messages.VoucherLookup, shop: Annotated[Device, Depends(guards.merchant)]
    ) -> messages.VoucherStatus:
        """For a merchant, about a voucher it may accept, the code in the body (the way
        to use: an unescaped code in a URL path is rewritten by HTTP clients)."""
        return _standing(shop, body.code)

    # ``:path``: a QR's Base45 text may hold "/", which the URL cannot keep escaped.
    @api.get("/v1/vouchers/{code:path}", response_model=messages.VoucherStatus)
    def voucher_status(
        code: str, shop: Annotated[Device, Depends(guards.merchant)]
    ) -> messages.VoucherStatus:
        """For a merchant, about a voucher it may accept: is it good, what is left? The
        code percent-escaped (``POST /v1/vouchers/lookup`` takes it in the body)."""
        return _standing(shop, code)

    def _redeem(shop: Device, voucher: str, body: messages.RedeemBody) -> messages.VoucherStatus:
        request = RedeemRequest(body.redemption_id, body.units, body.amount_cents)
        try:
            return voucher_status_of(platform.redeem(shop, voucher, request), platform.today())
        except VoucherRefusedError as refusal:
            raise _refused(refusal) from None

    @api.post("/v1/redemptions", response_model=messages.VoucherStatus)
    def redemption(
        body: messages.Redemption, shop: Annotated[Device, Depends(guards.merchant)]
    ) -> messages.VoucherStatus:
        """A merchant takes a voucher it scanned (the QR's SP1: text) or typed."""
        return _redeem(shop, body.voucher, body)

    @api.post("/v1/vouchers/{code:path}/redeem", response_model=messages.VoucherStatus)
    def redeem(
        code: str,
        body: messages.RedeemBody,
        shop: Annotated[Device, Depends(guards.merchant)],
    ) -> messages.VoucherStatus:
        return _redeem(shop, code, body)

    @api.post("/v1/admin/keys/{kid}/revoke", dependencies=admin)
    def revoke_key(kid: str) -> dict[str, str]:
        if not platform.revoke_signing_key(kid):
            raise HTTPException(404, "no such key")
        return {"status": "revoked"}

    return api
