# SPDX-License-Identifier: EUPL-1.2
"""Application statuses: the Comune's decisions, published under a key only the citizen's
tracking code and codice fiscale open (forms/lookup.py)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import PlatformSecret, Submission
from central.platform.catalog import Catalog, PublishError
from central.platform.database import Database
from forms.lookup import holder_key, status_key


def lookup_secret_in(session: Session) -> bytes:
    """The key of the application status and holder records, made on first use."""
    row = session.get(PlatformSecret, "status_lookup")
    if row is None:
        row = PlatformSecret(name="status_lookup", value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return bytes.fromhex(row.value)


def holder_key_in(session: Session, codice_fiscale: str) -> str:
    """Under which id a citizen's credits and vouchers are published."""
    return holder_key(lookup_secret_in(session), codice_fiscale)


class ApplicationStatuses:
    def __init__(self, database: Database, catalog: Catalog) -> None:
        self.database = database
        self.catalog = catalog

    def lookup_secret(self) -> bytes:
        """Enrolled kiosks get it to look a status up (see forms/lookup.py)."""
        with self.database.writing() as session:
            return lookup_secret_in(session)

    def received(self, session: Session, row: Submission) -> None:
        """An accepted application: its citizen can see it arrived."""
        self.publish_status(session, row, "received", None)

    def publish_status(
        self, session: Session, row: Submission, state: str, note: dict[str, str] | None
    ) -> None:
        payload = row.payload or {}
        key = status_key(
            lookup_secret_in(session),
            str(payload.get("tracking_code")),
            str((payload.get("answers") or {}).get("cf", "")),
        )
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
