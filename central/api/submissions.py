# SPDX-License-Identifier: EUPL-1.2
"""The kiosks' submissions, and the application statuses the Comune publishes back."""

# No "from __future__ import annotations": FastAPI reads the real annotation objects.

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from central.api.guards import Guards
from central.models import Device
from central.platform import Platform, PublishError
from central.submission_entries import read_entries
from protocol import messages
from protocol.messages import SubmissionEntry


def router(platform: Platform, guards: Guards) -> APIRouter:
    api = APIRouter()

    @api.post("/v1/submissions", response_model=messages.SubmissionResults)
    def submissions(
        batch: messages.SubmissionBatch, sender: Annotated[Device, Depends(guards.kiosk)]
    ) -> messages.SubmissionResults:
        read = read_entries(batch.entries)
        stored = platform.submit(sender.id, [e for e in read if isinstance(e, SubmissionEntry)])
        answers = iter(stored)
        results = [next(answers) if isinstance(e, SubmissionEntry) else e for e in read]
        return messages.SubmissionResults(results=[r for r in results if r is not None])

    @api.get("/v1/device/lookup-key", response_model=messages.LookupKey)
    def lookup_key(_device: Annotated[Device, Depends(guards.kiosk)]) -> messages.LookupKey:
        """The key under which application statuses are published (forms/lookup.py)."""
        return messages.LookupKey(lookup_key=platform.lookup_secret().hex())

    @api.post("/v1/admin/applications/{protocol}/status", dependencies=[Depends(guards.admin)])
    def application_status(protocol: str, change: messages.StatusChange) -> dict[str, str]:
        try:
            platform.set_application_status(protocol, change.state, change.note)
        except PublishError as error:
            raise HTTPException(404, str(error)) from None
        return {"status": "published"}

    return api
