# SPDX-License-Identifier: EUPL-1.2
"""Vouchers and credits: issuing (admin), checking and redeeming (providers, shops)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException

from central.platform import Platform, PublishError
from central.routes.deps import Guards
from protocol import messages


def _status(record: dict[str, Any]) -> messages.VoucherStatus:
    return messages.VoucherStatus(**{k: record[k] for k in messages.VoucherStatus.model_fields})


def vouchers_router(platform: Platform, guards: Guards) -> APIRouter:
    router = APIRouter(tags=["vouchers"])

    @router.post("/v1/admin/vouchers", dependencies=[Depends(guards.admin)])
    def issue_voucher(issue: messages.VoucherIssue) -> dict[str, Any]:
        """A subsidy voucher the Comune approved (buoni spesa): signed by the platform and
        published under the citizen's holder key; the citizen prints it at a kiosk."""
        try:
            record = platform.issue_voucher(issue.cf, issue.comune, issue.programme,
                                            issue.amount_cents, issue.valid_days)  # fmt: skip
        except PublishError as error:
            raise HTTPException(422, str(error)) from None
        return {"id": record["id"], "code": record["code"]}

    @router.post("/v1/admin/credits", dependencies=[Depends(guards.admin)])
    def set_credit(grant: messages.CreditGrant) -> dict[str, str]:
        platform.set_credit(grant.cf, grant.programme, grant.balance_cents)
        return {"status": "published"}

    @router.get("/v1/vouchers/{code}", response_model=messages.VoucherStatus)
    def voucher_status(code: str, _device: Annotated[str, Depends(guards.device)]) -> Any:
        """For providers and shops (with a device token): is this voucher good?"""
        record = platform.voucher_by_code(code)
        if record is None:
            raise HTTPException(404, f"no voucher {code!r}")
        return _status(record)

    @router.post("/v1/vouchers/{code}/redeem", response_model=messages.VoucherStatus)
    def redeem(code: str, _device: Annotated[str, Depends(guards.device)]) -> Any:
        try:
            record = platform.redeem(code)
        except PublishError as error:
            raise HTTPException(409, str(error)) from None
        return _status(record)

    return router
