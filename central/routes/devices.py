# SPDX-License-Identifier: EUPL-1.2
"""Devices: health, enrolment with a one-time code, the codes themselves, the lookup key."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from central.platform import EnrollError, Platform
from central.routes.deps import Guards
from protocol import messages


def devices_router(platform: Platform, guards: Guards) -> APIRouter:
    router = APIRouter(tags=["devices"])

    @router.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @router.post("/v1/enroll", response_model=messages.EnrollResponse)
    def enroll(request: messages.EnrollRequest) -> messages.EnrollResponse:
        try:
            device_id, token = platform.enroll(request.code, request.kiosk_id)
        except EnrollError as error:
            raise HTTPException(403, str(error)) from None
        return messages.EnrollResponse(device_id=device_id, token=token)

    @router.get("/v1/device/lookup-key", response_model=messages.LookupKey)
    def lookup_key(_device: Annotated[str, Depends(guards.device)]) -> messages.LookupKey:
        """The key under which application statuses are published (forms/lookup.py)."""
        return messages.LookupKey(lookup_key=platform.lookup_secret().hex())

    @router.post("/v1/admin/enrollment-codes", dependencies=[Depends(guards.admin)])
    def enrollment_code() -> dict[str, str]:
        return {"code": platform.new_enrollment_code()}

    return router
