# SPDX-License-Identifier: EUPL-1.2
"""Reading a submission batch entry by entry, so one malformed entry is refused by
itself and never blocks the others (a whole-batch 422 would stop a kiosk's outbox)."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError

from protocol.messages import (
    MAX_BATCH,
    UUID_PATTERN,
    SubmissionBatch,
    SubmissionEntry,
    SubmissionResult,
)

UUID_RE = re.compile(UUID_PATTERN)

Read = SubmissionEntry | SubmissionResult | None


class _WholeBatch(BaseModel):
    """A batch whose every entry is well formed: the usual case, read in one pass."""

    entries: list[SubmissionEntry] = Field(min_length=1, max_length=MAX_BATCH)


def read_batch(body: bytes, content_type: str | None) -> list[Read]:
    """A submission request's body, entry by entry (``read_entries``). The usual batch,
    every entry well formed, is read from its JSON in one pass; any other is read as
    before, with the standard JSON reader (which takes a lone surrogate, left to the
    entry's own check) and each entry on its own. A body that is no batch at all, or
    is not sent as JSON, is refused whole (422), saying where, never what."""
    if not _is_json(content_type):
        raise RequestValidationError(
            [
                {
                    "loc": ("body",),
                    "msg": "not sent as JSON (Content-Type: application/json)",
                    "type": "model_attributes_type",
                }
            ]
        )
    try:
        return list(_WholeBatch.model_validate_json(body).entries)
    except ValidationError:
        pass
    try:
        batch = SubmissionBatch.model_validate(json.loads(body))
    except (ValueError, RecursionError) as error:  # ValidationError is a ValueError
        raise RequestValidationError(_problems(error)) from None
    return read_entries(batch.entries)


def _is_json(content_type: str | None) -> bool:
    """``application/json`` or ``application/...+json``, whatever its parameters (as
    FastAPI checks a declared body)."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    kind, _, subtype = media.partition("/")
    return kind == "application" and (subtype == "json" or subtype.endswith("+json"))


def _problems(error: Exception) -> list[dict[str, Any]]:
    if isinstance(error, ValidationError):
        return [
            {"loc": ("body", *problem["loc"]), "msg": problem["msg"], "type": problem["type"]}
            for problem in error.errors(include_input=False, include_url=False)
        ]
    return [{"loc": ("body",), "msg": "not a JSON document", "type": "json_invalid"}]


def read_entries(raw: list[Any]) -> list[Read]:
    """Each entry in its place: read, or refused (a malformed entry named by its UUID),
    or None when it cannot even be named (no readable UUID: it gets no answer, and its
    kiosk sends it again). A refusal names the field, never echoes the value."""
    read: list[Read] = []
    for item in raw:
        try:
            read.append(SubmissionEntry.model_validate(item))
        except ValidationError as error:
            uuid = item.get("uuid") if isinstance(item, dict) else None
            if not _answerable(uuid):
                read.append(None)
                continue
            first = error.errors(include_input=False)[0]
            where = ".".join(str(part) for part in first["loc"]) or "entry"
            read.append(
                SubmissionResult(
                    uuid=uuid,
                    status="rejected",
                    code="invalid_entry",
                    message=f"{where}: {first['msg']}"[:300],
                )
            )
    return read


def _answerable(uuid: Any) -> bool:
    return isinstance(uuid, str) and UUID_RE.fullmatch(uuid) is not None
