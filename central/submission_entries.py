# SPDX-License-Identifier: EUPL-1.2
"""Reading a submission batch entry by entry, so one malformed entry is refused by
itself and never blocks the others (a whole-batch 422 would stop a kiosk's outbox)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from protocol.messages import UUID_PATTERN, SubmissionEntry, SubmissionResult

UUID_RE = re.compile(UUID_PATTERN)


def read_entries(raw: list[Any]) -> list[SubmissionEntry | SubmissionResult | None]:
    """Each entry in its place: read, or refused (a malformed entry named by its UUID),
    or None when it cannot even be named (no readable UUID: it gets no answer, and its
    kiosk sends it again). A refusal names the field, never echoes the value."""
    read: list[SubmissionEntry | SubmissionResult | None] = []
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
