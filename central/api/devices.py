# SPDX-License-Identifier: EUPL-1.2
"""Enrollment, device tokens, and the admin's enrollment codes and revocations."""

# No "from __future__ import annotations": FastAPI reads the real annotation objects.

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from central.api.guards import Guards
from central.devices import GrantError
from central.enrollment import AttemptLimiter, known_code
from central.models import Device
from central.platform import EnrollError, Platform, now
from protocol import messages


def router(platform: Platform, guards: Guards) -> APIRouter:
    api = APIRouter()
    admin = [Depends(guards.admin)]
    attempts = AttemptLimiter()

    @api.post("/v1/enroll", response_model=messages.EnrollResponse)
    def enroll(request: messages.EnrollRequest, http: Request) -> messages.EnrollResponse:
        # Limited per client, and a wrong code is refused by a plain read: guessing
        # never takes the write lock the kiosks' submissions wait for.
        client = http.client.host if http.client else "?"
        wait = attempts.retry_after(client)
        if wait is not None:
            raise HTTPException(
                429,
                "too many enrollment attempts: wait and try again",
                headers={"Retry-After": str(wait)},
            )
        if not known_code(platform.sessions, request.code, now()):
            attempts.failed(client)
            raise HTTPException(403, "unknown, expired or already used enrollment code")
        try:
            device_id, token = platform.enroll(request.code, request.kiosk_id, request.claim)
        except EnrollError as error:
            attempts.failed(client)
            raise HTTPException(403, str(error)) from None
        return messages.EnrollResponse(device_id=device_id, token=token)

    @api.post("/v1/device/token")
    def rotate_token(
        holder: Annotated[Device, Depends(guards.device)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, str]:
        """A new token for this device; the one used for this call works until the new
        one is first used, then never again."""
        used = (authorization or "").removeprefix("Bearer ").strip()
        try:
            return {"token": platform.rotate_token(holder.id, used)}
        except EnrollError as error:
            raise HTTPException(403, str(error)) from None

    @api.post("/v1/admin/enrollment-codes", dependencies=admin)
    def enrollment_code(grant: messages.EnrollmentGrant | None = None) -> dict[str, str]:
        grant = grant or messages.EnrollmentGrant()
        try:
            scope: dict[str, list[str]] = {
                key: list(values) for key, values in (grant.scope or {}).items()
            }
            code = platform.new_enrollment_code(grant.role, grant.comune, scope or None)
        except GrantError as error:
            raise HTTPException(422, str(error)) from None
        return {"code": code}

    @api.post("/v1/admin/devices/{device_id}/revoke", dependencies=admin)
    def revoke_device(device_id: str, body: messages.Revocation) -> dict[str, str]:
        if not platform.revoke_device(device_id, body.reason):
            raise HTTPException(404, "no such device")
        return {"status": "revoked"}

    return api
