# SPDX-License-Identifier: EUPL-1.2
"""Publishing: an administrator puts, deletes and lists records (protocol.records types)."""

from typing import Any

from fastapi import APIRouter, Depends, HTTPException

from central.platform import Platform, PublishError
from central.routes.deps import Guards
from protocol.records import PUBLISHED


def records_router(platform: Platform, guards: Guards) -> APIRouter:
    router = APIRouter(tags=["records"], dependencies=[Depends(guards.admin)])

    @router.put("/v1/admin/records/{kind}/{record_id}")
    def publish(kind: str, record_id: str, record: dict[str, Any]) -> dict[str, str]:
        if record.get("id") != record_id:
            raise HTTPException(422, "the record id must match the address")
        try:
            platform.publish(kind, record)
        except PublishError as error:
            raise HTTPException(422, str(error)) from None
        return {"status": "published"}

    @router.delete("/v1/admin/records/{kind}/{record_id}")
    def unpublish(kind: str, record_id: str) -> dict[str, str]:
        if kind not in PUBLISHED:
            raise HTTPException(404, f"unknown kind {kind!r}")
        if not platform.unpublish(kind, record_id):
            raise HTTPException(404, "no such record")
        return {"status": "deleted"}

    @router.get("/v1/admin/records/{kind}")
    def records(kind: str) -> dict[str, dict[str, Any]]:
        return platform.records(kind)

    return router
