# SPDX-License-Identifier: EUPL-1.2
"""The kiosks' submissions (and, after a restore, which of them the platform still
holds), and the application statuses the Comune publishes back."""

# No "from __future__ import annotations": FastAPI reads the real annotation objects.

import functools
import operator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.openapi.constants import REF_PREFIX
from pydantic import BaseModel, Field, GetJsonSchemaHandler, RootModel, create_model
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema
from starlette.concurrency import run_in_threadpool

from central.api.guards import Guards
from central.models import Device
from central.platform import Platform, PublishError
from central.submission_entries import read_batch
from protocol import messages
from protocol.messages import SubmissionEntry
from protocol.states import SubmissionKind


def defined(model: type[BaseModel], handler: GetJsonSchemaHandler) -> JsonSchemaValue:
    """A reference to ``model``'s schema, which goes with the others among the document's
    components (``#/components/schemas/``, named as FastAPI names every model). Handed
    over as it is, a model's schema would come back whole, in place: as a definition it
    is kept apart and referred to."""
    schema: CoreSchema = model.__pydantic_core_schema__
    ref = None if schema["type"] == "definitions" else schema.get("ref")
    if ref is not None:  # a model, or one checked as a whole (a model validator)
        schema = core_schema.definitions_schema(
            core_schema.definition_reference_schema(ref), [schema]
        )
    return handler(schema)


class AlsoDefines:
    """Metadata of a model FastAPI documents that puts these models among the
    components too: a body the endpoint reads itself, which FastAPI never meets, gets
    there its schema and those of the types in it, made by the same generator as every
    other (same names, references that resolve), for ``openapi_extra`` to refer to."""

    def __init__(self, *models: type[BaseModel]) -> None:
        self.models = models

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        for model in self.models:
            defined(model, handler)
        return handler(schema)


def documented_entry(kind: SubmissionKind) -> type[SubmissionEntry]:
    """An entry of ``kind`` as documented: its payload of the contract's type for that
    kind (``messages.PAYLOADS``)."""
    payload: Any = messages.PAYLOADS.get(kind, dict[str, Any])
    tag: Any = Literal[kind.value]
    return create_model(
        "".join(word.title() for word in kind.split("_")) + "Entry",
        __base__=SubmissionEntry,
        __doc__=f"A {kind} entry: ``payload`` null when ``sealed`` carries it instead.",
        kind=(tag, ...),
        payload=(payload | None, None),
    )


# The batch as /openapi.json describes it, for documentation only: the endpoint reads
# the body itself (``read_batch``), each entry as a ``SubmissionEntry`` on its own.
ENTRY_KINDS = tuple(documented_entry(kind) for kind in SubmissionKind)
ANY_KIND: Any = Annotated[functools.reduce(operator.or_, ENTRY_KINDS), Field(discriminator="kind")]
DocumentedEntry = create_model(
    "SubmissionEntry",
    __base__=RootModel[ANY_KIND],
    __doc__="One entry of a batch, told by its kind. Each is answered by itself: a kind"
    " not listed ``unknown_kind``, a malformed entry ``invalid_entry``.",
)
DocumentedBatch = create_model(
    "SubmissionBatch",
    __doc__=messages.SubmissionBatch.__doc__,
    entries=(list[DocumentedEntry], Field(min_length=1, max_length=messages.MAX_BATCH)),
)
# The body, and the 422 answered when it is no batch, documented as FastAPI documents a
# declared body: the batch in place, its entries' schemas among the components (their
# definitions, which FastAPI makes, left out here).
BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    key: value
                    for key, value in DocumentedBatch.model_json_schema(
                        ref_template=REF_PREFIX + "{model}"
                    ).items()
                    if key != "$defs"
                }
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
        # The reply's model is documentation only (the endpoint writes its own reply):
        # it takes the batch's schemas along to the components, where BATCH_BODY points
        # (made in the reply's mode: these types read and write alike, and
        # tests/central/test_openapi_contract.py checks every reference resolves).
        response_model=Annotated[messages.SubmissionResults, AlsoDefines(DocumentedEntry)],
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
        answered = platform.submit(sender.id, entries)
        stored = platform.with_call_backs(entries, answered, sealed, sender)
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
