# SPDX-License-Identifier: EUPL-1.2
"""The kiosks' submissions (and, after a restore, which of them the platform still
holds), and the application statuses the Comune publishes back."""

# No "from __future__ import annotations": FastAPI reads the real annotation objects.

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from central.api.guards import Guards
from central.models import Device
from central.platform import Platform, PublishError
from central.submission_entries import read_batch
from protocol import messages
from protocol.messages import SubmissionEntry

# The body, and the 422 answered when it is no batch, documented as FastAPI documents a
# declared body (the endpoint reads its body itself, see below).
BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": messages.SubmissionBatch.model_json_schema(
                    ref_template="#/components/schemas/{model}"
                )
            }
        },
    }
}
INVALID_BATCH: dict[int | str, dict[str, Any]] = {
    422: {
        "description": "Validation Error",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}
        },
    }
}


def router(platform: Platform, guards: Guards) -> APIRouter:
    api = APIRouter()

    # The body and the headers are read here and the work is done in one go on a worker
    # thread: declared as a body and a dependency, FastAPI took two threads in turn and
    # read the batch twice (``./dev bench platform``).
    @api.post(
        "/v1/submissions",
        response_model=messages.SubmissionResults,
        responses=INVALID_BATCH,
        openapi_extra=BATCH_BODY,
    )
    async def submissions(request: Request) -> Response:
        """A batch of records (``protocol.messages.SubmissionBatch``, as JSON), each
        answered on its own: ``accepted`` with its server id, or ``rejected`` with a
        code. A malformed entry is refused by itself; a body that is no batch, 422."""
        body = await request.body()
        headers = request.headers
        return await run_in_threadpool(
            submit, body, headers.get("authorization"), headers.get("content-type")
        )

    def submit(body: bytes, authorization: str | None, content_type: str | None) -> Response:
        sender = guards.kiosk_by(authorization)  # the caller first, as before: 401, 403
        read, sealed = platform.open_sealed(read_batch(body, content_type))
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
