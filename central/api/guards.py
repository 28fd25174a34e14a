# SPDX-License-Identifier: EUPL-1.2
"""Who is calling: the dependencies that authenticate a device or the admin, and check
its role (central/devices.py says what each role may do)."""

# No "from __future__ import annotations": FastAPI resolves the Depends() of local
# functions from the real annotation objects.

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException

from central.admin_token import checked_admin_token
from central.devices import revoked_message
from central.models import Device
from central.platform import Platform


@dataclass(frozen=True)
class Guards:
    """FastAPI dependencies; each refuses the call (401/403) or returns the caller."""

    device: Callable[..., Device]  # any enrolled device, not revoked
    admit: Callable[[Device | None], Device]  # the same check, of a device already read
    kiosk: Callable[..., Awaitable[Device]]
    kiosk_by: Callable[[str | None], Device]  # the kiosk check, of an Authorization header
    merchant: Callable[..., Awaitable[Device]]  # a merchant, or an admin device
    kiosk_id: Callable[..., Awaitable[str]]  # the calling kiosk's device id
    admin: Callable[..., None]  # the admin token, or an admin device's


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer`` header ("" when there is none)."""
    return (authorization or "").removeprefix("Bearer ").strip()


def guards(platform: Platform, admin_token: str | None) -> Guards:
    expected = f"Bearer {admin_token}".encode() if admin_token else None
    if admin_token is not None:
        checked_admin_token(admin_token)

    # The role checks read nothing: they run on the event loop (async), not on a thread
    # of their own as a synchronous dependency would (a hop per check and request).
    def admit(found: Device | None) -> Device:
        if found is None:
            raise HTTPException(401, "unknown or missing device token")
        if found.revoked_at is not None:
            raise HTTPException(403, f"device_revoked: {revoked_message(found)}")
        return found

    def device(authorization: Annotated[str | None, Header()] = None) -> Device:
        token = bearer_token(authorization)
        return admit(platform.device_for(token) if token else None)

    def a_kiosk(found: Device) -> Device:
        if found.role != "kiosk":
            raise HTTPException(403, f"not_allowed: a {found.role} device cannot do this")
        return found

    async def kiosk(found: Annotated[Device, Depends(device)]) -> Device:
        return a_kiosk(found)

    def kiosk_by(authorization: str | None) -> Device:
        """``kiosk`` for an endpoint that reads its header itself, on its own thread."""
        return a_kiosk(device(authorization))

    async def merchant(found: Annotated[Device, Depends(device)]) -> Device:
        if found.role not in ("merchant", "admin"):
            raise HTTPException(403, "not_allowed: only a merchant looks vouchers up")
        return found

    async def kiosk_id(found: Annotated[Device, Depends(kiosk)]) -> str:
        return found.id

    def admin(authorization: Annotated[str | None, Header()] = None) -> None:
        given = (authorization or "").encode("utf-8", "replace")
        if expected is not None and hmac.compare_digest(given, expected):  # constant time
            return
        token = bearer_token(authorization)
        found = platform.device_for(token) if token else None
        if found is None or found.role != "admin" or found.revoked_at is not None:
            raise HTTPException(401, "admin token required")

    return Guards(
        device=device,
        admit=admit,
        kiosk=kiosk,
        kiosk_by=kiosk_by,
        merchant=merchant,
        kiosk_id=kiosk_id,
        admin=admin,
    )
