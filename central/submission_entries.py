"""Reading a submission batch entry by entry, so one malformed entry is refused by
itself and never blocks the others (a whole-batch 422 would stop a kiosk's outbox)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from central.schemas import UUID_RE, SubmissionEntry, SubmissionResult


def read_entries(raw: list[Any]) -> tuple[list[SubmissionEntry], dict[str, SubmissionResult]]:
    """The well-formed entries, and a refusal for each malformed one that can be named
    by its UUID (one without a readable UUID cannot be answered: it gets no answer and
    its kiosk sends it again). The refusal names the field, never echoes the value."""
    entries: list[SubmissionEntry] = []
    refused: dict[str, SubmissionResult] = {}
    for item in raw:
        try:
            entries.append(SubmissionEntry.model_validate(item))
        except ValidationError as error:
            uuid = item.get("uuid") if isinstance(item, dict) else None
            if not _answerable(uuid):
                continue
            first = error.errors(include_input=False)[0]
            where = ".".join(str(part) for part in first["loc"]) or "entry"
            refused[uuid] = SubmissionResult(
                uuid=uuid, status="rejected", code="invalid_entry",
                message=f"{where}: {first['msg']}"[:300],
            )  # fmt: skip
    return entries, refused


def _answerable(uuid: Any) -> bool:
    return isinstance(uuid, str) and UUID_RE.fullmatch(uuid) is not None
