# SPDX-License-Identifier: EUPL-1.2
"""Who may call: the dependencies every router shares (a device's token, the admin's)."""

# No "from __future__ import annotations": FastAPI resolves the Depends() of these
# functions from the real annotation objects.

from collections.abc import Callable
from typing import Annotated, NamedTuple

from fastapi import Header, HTTPException

from central.platform import Platform


class Guards(NamedTuple):
    device: Callable[..., str]  # the calling kiosk's device id, or 401
    admin: Callable[..., None]  # passes with the admin token, else 401


def guards(platform: Platform, admin_token: str | None) -> Guards:
    def device(authorization: Annotated[str | None, Header()] = None) -> str:
        token = (authorization or "").removeprefix("Bearer ").strip()
        device_id = platform.device_for(token) if token else None
        if device_id is None:
            raise HTTPException(401, "unknown or missing device token")
        return device_id

    def admin(authorization: Annotated[str | None, Header()] = None) -> None:
        if not admin_token or authorization != f"Bearer {admin_token}":
            raise HTTPException(401, "admin token required")

    return Guards(device, admin)
