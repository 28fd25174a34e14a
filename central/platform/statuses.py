# SPDX-License-Identifier: EUPL-1.2
"""Application statuses: the Comune's decisions, published under a key only the citizen's
tracking code and codice fiscale open (forms/lookup.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.kiosk_lookup import STATUS_KIND, kiosk_secret, lookup_secret_in, note_subject
from central.models import Record, Submission, SubmissionRecord
from central.platform.catalog import Catalog, PublishError
from central.platform.database import Database
from forms.lookup import holder_key, status_key


def code_and_cf(payload: dict[str, Any] | None) -> tuple[str, str]:
    """An application's tracking code and its applicant's codice fiscale, as written."""
    payload = payload or {}
    return str(payload.get("tracking_code")), str((payload.get("answers") or {}).get("cf", ""))


def status_key_of(session: Session, payload: dict[str, Any] | None) -> str:
    """The key an application's status is published under: its tracking code and its
    applicant's codice fiscale, under the platform's own secret."""
    return status_key(lookup_secret_in(session), *code_and_cf(payload))


def status_holder(session: Session, key: str) -> str | None:
    """The protocol number of the application whose status holds ``key``; None when
    no status is published under it."""
    record = session.get(Record, (STATUS_KIND, key))
    return str(record.data.get("protocol")) if record is not None else None


def holder_key_in(session: Session, codice_fiscale: str) -> str:
    """Under which id a citizen's credits and vouchers are published."""
    return holder_key(lookup_secret_in(session), codice_fiscale)


class ApplicationStatuses:
    def __init__(self, database: Database, catalog: Catalog) -> None:
        self.database = database
        self.catalog = catalog

    def lookup_secret(self) -> bytes:
        """The platform's own key (its ledger's and status records' ids); never given out."""
        with self.database.writing() as session:
            return lookup_secret_in(session)

    def kiosk_lookup_secret(self, device_id: str) -> bytes:
        """A kiosk's own lookup key (central/kiosk_lookup.py)."""
        return kiosk_secret(self.lookup_secret(), device_id)

    def received(self, session: Session, row: SubmissionRecord) -> None:
        """An accepted application: its citizen can see it arrived."""
        self.publish_status(session, row, "received", None)

    def publish_status(
        self, session: Session, row: SubmissionRecord, state: str, note: dict[str, str] | None
    ) -> None:
        payload = row.payload or {}
        key = status_key_of(session, payload)
        note_subject(session, key, *code_and_cf(payload))
        record = {
            "id": key,
            "state": state,
            "protocol": row.server_id,
            "call": payload["call"],
            "updated_at": datetime.now(UTC).isoformat(),
            "note": note,
        }
        self.catalog.publish_in(session, "application_statuses", record)

    def set_application_status(
        self, protocol: str, state: str, note: dict[str, str] | None = None
    ) -> None:
        """The Comune's decision or request, published to every kiosk for the citizen."""
        with self.database.writing() as session:
            row = session.scalar(
                select(Submission).where(
                    Submission.server_id == protocol, Submission.kind == "application"
                )
            )
            if row is None:
                raise PublishError(f"no application with protocol {protocol!r}")
            self.publish_status(session, row, state, note)
