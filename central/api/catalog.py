# SPDX-License-Identifier: EUPL-1.2
"""Publishing (admin) and the change streams the devices pull."""

# No "from __future__ import annotations": FastAPI reads the real annotation objects.

import gzip
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Response

from central.api.guards import Guards, bearer_token
from central.devices import may_pull
from central.models import Device
from central.platform import Platform, PublishError
from protocol import messages
from protocol.records import PUBLISHED, STREAMS


def router(platform: Platform, guards: Guards) -> APIRouter:
    api = APIRouter()
    admin = [Depends(guards.admin)]

    @api.get("/v1/changes/{stream}", response_model=messages.ChangePage)
    def changes(
        stream: str,
        since: Annotated[str, Query(pattern=r"^[0-9]{1,18}$")] = "0",
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
        authorization: Annotated[str | None, Header()] = None,
        accept_encoding: Annotated[str | None, Header()] = None,
    ) -> Response:
        """A page of changes (``protocol.messages.ChangePage``). The caller's device is
        read with the platform's epoch and newest change in one statement, and checked
        as every other call's (``guards.admit``) before any page is read."""

        def admitted(found: Device | None) -> Device:
            reader = guards.admit(found)
            if stream not in STREAMS:
                raise HTTPException(404, f"unknown stream {stream!r}")
            if not may_pull(reader, stream):
                raise HTTPException(
                    403, f"not_allowed: a {reader.role} device does not pull {stream}"
                )
            return reader

        # Serialised by the platform from the stored JSON (the model documents the page,
        # the records were validated when published), and compressed once: a full page
        # is kept and served as it is to every kiosk that asks for it.
        page = platform.pull(bearer_token(authorization), stream, int(since), limit, admitted)
        if "gzip" not in (accept_encoding or ""):  # every kiosk accepts it; curl may not
            return Response(gzip.decompress(page), media_type="application/json")
        return Response(
            page,
            media_type="application/json",
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )

    @api.put("/v1/admin/records/{kind}/{record_id}", dependencies=admin)
    def publish(kind: str, record_id: str, record: dict[str, Any]) -> dict[str, str]:
        if record.get("id") != record_id:
            raise HTTPException(422, "the record id must match the address")
        try:
            platform.publish(kind, record)
        except PublishError as error:
            raise HTTPException(422, str(error)) from None
        return {"status": "published"}

    @api.delete("/v1/admin/records/{kind}/{record_id}", dependencies=admin)
    def unpublish(kind: str, record_id: str) -> dict[str, str]:
        if kind not in PUBLISHED:
            raise HTTPException(404, f"unknown kind {kind!r}")
        try:
            found = platform.unpublish(kind, record_id)
        except PublishError as error:
            raise HTTPException(409, str(error)) from None
        if not found:
            raise HTTPException(404, "no such record")
        return {"status": "deleted"}

    @api.get("/v1/admin/records/{kind}", dependencies=admin)
    def records(kind: str) -> dict[str, dict[str, Any]]:
        return platform.records(kind)

    @api.post("/v1/admin/compact", dependencies=admin)
    def compact() -> dict[str, int]:
        """Folds superseded changes away, so a new kiosk's first pull is a snapshot."""
        return {"removed": platform.compact()}

    return api
