# SPDX-License-Identifier: EUPL-1.2
"""Applications: the Comune moves an application on; its status reaches the kiosks."""

from fastapi import APIRouter, Depends, HTTPException

from central.platform import Platform, PublishError
from central.routes.deps import Guards
from protocol import messages


def applications_router(platform: Platform, guards: Guards) -> APIRouter:
    router = APIRouter(tags=["applications"], dependencies=[Depends(guards.admin)])

    @router.post("/v1/admin/applications/{protocol}/status")
    def application_status(protocol: str, change: messages.StatusChange) -> dict[str, str]:
        try:
            platform.set_application_status(protocol, change.state, change.note)
        except PublishError as error:
            raise HTTPException(404, str(error)) from None
        return {"status": "published"}

    return router
