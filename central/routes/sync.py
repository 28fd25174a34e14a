# SPDX-License-Identifier: EUPL-1.2
"""Sync: pages of changes per stream, and batches of submissions answered one by one."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from central.platform import Platform
from central.routes.deps import Guards
from protocol import messages
from protocol.records import STREAMS


def sync_router(platform: Platform, guards: Guards) -> APIRouter:
    router = APIRouter(tags=["sync"])

    @router.get("/v1/changes/{stream}", response_model=messages.ChangePage)
    def changes(
        stream: str,
        _device: Annotated[str, Depends(guards.device)],
        since: Annotated[str, Query(pattern=r"^[0-9]{1,18}$")] = "0",
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> Response:
        if stream not in STREAMS:
            raise HTTPException(404, f"unknown stream {stream!r}")
        # Serialised by the platform from the stored JSON: the model documents the page,
        # the records were validated when published.
        return Response(platform.changes(stream, int(since), limit), media_type="application/json")

    @router.post("/v1/submissions", response_model=messages.SubmissionResults)
    def submissions(
        batch: messages.SubmissionBatch, device_id: Annotated[str, Depends(guards.device)]
    ) -> messages.SubmissionResults:
        return messages.SubmissionResults(results=platform.submit(device_id, batch.entries))

    return router
