# SPDX-License-Identifier: EUPL-1.2
"""Publishing (admin) and the change streams the devices pull."""

# No "from __future__ import annotations": FastAPI reads the real annotation objects.

import gzip
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema
from starlette.datastructures import QueryParams

from central.api.guards import Guards, bearer_token
from central.api.submissions import defined
from central.devices import may_pull
from central.models import Device
from central.platform import Platform, PublishError
from protocol import messages
from protocol.records import PUBLISHED, RECORD_TYPES, STREAMS

SINCE = re.compile(r"[0-9]{1,18}")  # a cursor: digits only
MAX_LIMIT, DEFAULT_LIMIT = 1000, 200
# The page's query, for /openapi.json (read by ``page_query``, not by FastAPI).
PAGE_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "since",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "pattern": "^[0-9]{1,18}$", "default": "0"},
        "description": "the cursor: the next_cursor of the page applied last",
    },
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
        "description": f"changes at most on the page (default {DEFAULT_LIMIT})",
    },
]


class OneOfPublished:
    """The schema of a published record: one of the record types, each as the change
    pages carry it (``RECORD_TYPES``, the same components) but with no other field, as
    ``PUBLISHED`` takes them. Documentation only: the body is read as any object and
    judged by ``platform.publish``, which names the kind's problem (a 422 of its own)."""

    def __get_pydantic_json_schema__(
        self, _schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "oneOf": [
                {**defined(RECORD_TYPES[kind], handler), "unevaluatedProperties": False}
                for kind in PUBLISHED
            ],
            "description": "The record of the kind in the path ("
            + "; ".join(f"{kind}: {RECORD_TYPES[kind].__name__}" for kind in PUBLISHED)
            + "), with no other field.",
        }


def page_query(query: QueryParams) -> tuple[int, int]:
    """``since`` and ``limit`` of a pull, or 422 saying which is wrong (never echoing it)."""
    since, limit = query.get("since", "0"), query.get("limit", str(DEFAULT_LIMIT))
    problems: list[dict[str, Any]] = []
    if not SINCE.fullmatch(since):
        problems.append(
            {
                "loc": ("query", "since"),
                "msg": "must be 1 to 18 digits",
                "type": "string_pattern_mismatch",
            }
        )
    if not (
        len(limit) <= 4 and limit.isascii() and limit.isdigit() and 1 <= int(limit) <= MAX_LIMIT
    ):
        problems.append(
            {
                "loc": ("query", "limit"),
                "msg": f"must be a whole number from 1 to {MAX_LIMIT}",
                "type": "int_parsing",
            }
        )
    if problems:
        raise RequestValidationError(problems)
    return int(since), int(limit)


def router(platform: Platform, guards: Guards) -> APIRouter:
    api = APIRouter()
    admin = [Depends(guards.admin)]

    @api.get(
        "/v1/changes/{stream}",
        response_model=messages.ChangePage,
        openapi_extra={"parameters": PAGE_PARAMETERS},
    )
    def changes(stream: str, request: Request) -> Response:
        """A page of changes (``protocol.messages.ChangePage``). The caller's device is
        read with the platform's epoch and newest change in one statement, and checked
        as every other call's (``guards.admit``) before any page is read. The query
        and the headers are read here, not declared one by one: FastAPI's reading of
        each declared parameter cost more than the page itself when nothing is new."""
        invalid: RequestValidationError | None = None
        try:
            since, limit = page_query(request.query_params)
        except RequestValidationError as error:  # said after the caller is known, as before
            since, limit, invalid = 0, DEFAULT_LIMIT, error
        headers = request.headers
        authorization, accept_encoding = (
            headers.get("authorization"),
            headers.get("accept-encoding"),
        )

        def admitted(found: Device | None) -> Device:
            reader = guards.admit(found)
            if invalid is not None:
                raise invalid
            if stream not in STREAMS:
                raise HTTPException(404, "unknown stream")  # never echoed back
            if not may_pull(reader, stream):
                raise HTTPException(
                    403, f"not_allowed: a {reader.role} device does not pull {stream}"
                )
            return reader

        # Serialised by the platform from the stored JSON (the model documents the page,
        # the records were validated when published), and compressed once: a full page
        # is kept and served as it is to every kiosk that asks for it.
        page = platform.pull(bearer_token(authorization), stream, since, limit, admitted)
        if "gzip" not in (accept_encoding or ""):  # every kiosk accepts it; curl may not
            return Response(gzip.decompress(page), media_type="application/json")
        return Response(
            page,
            media_type="application/json",
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )

    @api.put("/v1/admin/records/{kind}/{record_id}", dependencies=admin)
    def publish(
        kind: str,
        record_id: str,
        record: Annotated[dict[str, Any], OneOfPublished()],
    ) -> dict[str, str]:
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
            raise HTTPException(404, "unknown kind")  # never echoed back
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
