# SPDX-License-Identifier: EUPL-1.2
"""The kiosks' submissions (and, after a restore, which of them the platform still
holds), and the application statuses the Comune publishes back."""

# No "from __future__ import annotations": FastAPI reads the real annotation objects.

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response

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
    ) -> Response:
        read, sealed = platform.open_sealed(read_entries(batch.entries))
        entries = [e for e in read if isinstance(e, SubmissionEntry)]
        answered = platform.submit(sender.id, entries, sender)
        stored = platform.with_call_backs(entries, answered, sealed)
        answers = iter(stored)
        results = [next(answers) if isinstance(e, SubmissionEntry) else e for e in read]
        reply = messages.SubmissionResults(results=[r for r in results if r is not None])
        # Built from the contract's own types: written out as it is, not validated again
        # against the response model (FastAPI's way, a second pass over every answer).
        return Response(reply.model_dump_json(), media_type="application/json")

    @api.post("/v1/submissions/known", response_model=messages.KnownRecords)
    def known(
        query: messages.KnownQuery, sender: Annotated[Device, Depends(guards.kiosk)]
    ) -> messages.KnownRecords:
        """Which of these records, accepted from this kiosk, the platform still holds
        with the same payload. A kiosk asks when the epoch changed (the database was
        restored from an older copy) and sends again what is missing."""
        epoch, known = platform.known(sender.id, query.entries)
        return messages.KnownRecords(epoch=epoch, known=known)

    @api.post("/v1/admin/epoch", dependencies=[Depends(guards.admin)])
    def new_epoch() -> dict[str, str]:
        """A new epoch, after a restore the platform could not notice by itself: every
        kiosk takes a fresh snapshot and sends again what the platform lost."""
        return {"epoch": platform.new_epoch().id}

    @api.get("/v1/device/lookup-key", response_model=messages.LookupKey)
    def lookup_key(device: Annotated[Device, Depends(guards.kiosk)]) -> messages.LookupKey:
        """This kiosk's own key of the application statuses and wrong-PIN reports
        (forms/lookup.py, central/kiosk_lookup.py): another kiosk's says nothing here."""
        return messages.LookupKey(lookup_key=platform.kiosk_lookup_secret(device.id).hex())

    @api.get("/v1/device/sealing-key", response_model=messages.SealingKey)
    def sealing_key(_device: Annotated[Device, Depends(guards.kiosk)]) -> messages.SealingKey:
        """The public key kiosks seal personal records to (protocol/sealing.py)."""
        return platform.sealing_key()

    @api.post("/v1/admin/applications/{protocol}/status", dependencies=[Depends(guards.admin)])
    def application_status(protocol: str, change: messages.StatusChange) -> dict[str, str]:
        try:
            platform.set_application_status(protocol, change.state, change.note)
        except PublishError as error:
            raise HTTPException(404, str(error)) from None
        return {"status": "published"}

    return api
