# SPDX-License-Identifier: EUPL-1.2
"""Each call and each paid service carries its controller's privacy notice (GDPR art. 13)
from the platform to the kiosk's mirror."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from protocol.records import RecordError, validate_batch
from store.catalog import open_calls, service_detail
from store.database import Store
from store.models import Call, Service
from sync.engine import SyncEngine
from tests.sync.conftest import Central, enrolled_client

FIELDS = {"controller", "purposes", "legal_basis", "retention", "rights", "dpo_contact"}


def test_the_platform_publishes_the_notice_with_each_call_and_paid_service(
    central: Central, store: Store
) -> None:
    client = enrolled_client(central)
    try:
        SyncEngine(store, client, page_size=50, push_batch=10).run_once()
    finally:
        client.close()
    with store.read() as session:
        calls = list(session.scalars(select(Call)))
        paid = [s for s in session.scalars(select(Service)) if s.price_cents is not None]
    assert calls and paid
    for row in [*calls, *paid]:
        notice = row.privacy_notice
        assert notice is not None and set(notice) == FIELDS, row.id
        assert notice["purposes"]["it"] and notice["rights"]["it"] and notice["dpo_contact"]
    [buoni] = [c for c in calls if c.id == "bs-piazzola"]
    assert buoni.privacy_notice["controller"].startswith("Comune di Piazzola sul Brenta")
    # What the screens read: the call's and the service's notice come with them.
    with store.read() as session:
        shown = {
            c.id: c for c in open_calls(session, "piazzola", datetime.now(UTC).replace(tzinfo=None))
        }
        detail = service_detail(session, paid[0].id)
    assert shown["bs-piazzola"].privacy_notice == buoni.privacy_notice
    assert detail is not None and detail.privacy_notice == paid[0].privacy_notice


def test_a_notice_without_its_dpo_contact_is_refused() -> None:
    notice = {
        "controller": "Comune di Limena",
        "purposes": {"it": "Istruire la domanda"},
        "legal_basis": {"it": "Art. 6 par. 1 lett. e GDPR"},
        "retention": {"it": "Dieci anni"},
        "rights": {"it": "Artt. 15-21 GDPR"},
    }
    call = {
        "id": "c1",
        "kind": "contributo",
        "title": {"it": "Contributo"},
        "description": {"it": ""},
        "opens_at": "2026-01-01T00:00:00Z",
        "closes_at": "2026-12-31T00:00:00Z",
        "eligibility": [],
        "documents": [],
        "privacy_notice": notice,
    }
    with pytest.raises(RecordError, match="dpo_contact"):
        validate_batch("calls", [call])
    [accepted] = validate_batch(
        "calls", [{**call, "privacy_notice": {**notice, "dpo_contact": "rpd@limena.example"}}]
    )
    assert accepted.privacy_notice.dpo_contact == "rpd@limena.example"  # type: ignore[attr-defined]
