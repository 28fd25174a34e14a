# SPDX-License-Identifier: EUPL-1.2
"""Refused records as a welfare manager deals with them: a real SQLite store and the
store's own way of recording the platform's answers."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from kiosk.core.manager_desk import desk_facts
from kiosk.core.refusals import OUTCOMES, citizen_contact, mark_dealt_with
from protocol.wire import Result
from store import outbox
from store.database import Store
from store.models import FormDefinition, OutboxEntry
from store.retention import RetentionRule

NOW = datetime(2026, 12, 3, 9, 0)
# A form whose phone field has a name of its own: found by its type, not its name.
FORM = {
    "id": "contributo-affitti",
    "version": "2",
    "pages": [
        {"id": "chi", "fields": [{"name": "nome", "type": "text"}]},
        {
            "id": "recapiti",
            "fields": [
                {"name": "numero_di_casa", "type": "phone"},
                {"name": "cellulare_figlia", "type": "phone"},
                {"name": "note", "type": "text"},
            ],
        },
    ],
}


def refused(store: Store, kind: str, payload: dict[str, object], code: str) -> str:
    with store.write() as session:
        entry = outbox.add(session, kind, payload)
    with store.write() as session:
        outbox.record_results(session, [Result(entry, False, None, code, "in English")])
    return entry


def test_the_phone_is_found_by_its_type_and_the_slip_number_is_the_citizens(
    store: Store,
) -> None:
    with store.write() as session:
        session.add(
            FormDefinition(
                id="contributo-affitti@2",
                form_id="contributo-affitti",
                version="2",
                sha256="0" * 64,
                definition=FORM,
            )
        )
    answers = {"nome": "Anna", "cognome": "Ferraro", "numero_di_casa": "049 555 1234"}
    answers |= {"cellulare_figlia": "347 000 1111", "note": "333 999 0000 non chiamare"}
    refused(
        store,
        "application",
        {"form": "contributo-affitti@2", "tracking_code": "DOM-AAAA-BBBB", "answers": answers},
        "call_closed",
    )
    refused(store, "purchase", {"order": "ORD-123", "phone": ""}, "price_changed")
    with store.read() as session:
        order, application = desk_facts(session, NOW, RetentionRule(7, 7)).refused
    assert (application.reference, application.name) == ("DOM-AAAA-BBBB", "Anna Ferraro")
    assert application.phones == ("049 555 1234", "347 000 1111")  # not the free-text note
    assert (order.reference, order.phones, order.code) == ("ORD-123", (), "price_changed")
    with store.read() as session:
        # The form is no longer in the mirror: the usual name still finds the phone.
        gone = {"form": "x@1", "answers": {"telefono": "340 1"}}
        assert citizen_contact(session, "application", gone).phones == ("340 1",)


def test_a_refusal_dealt_with_leaves_the_dashboard_and_tells_the_platform(store: Store) -> None:
    entry = refused(store, "purchase", {"order": "ORD-9", "phone": "347"}, "insufficient_credit")
    with store.write() as session:
        with pytest.raises(ValueError):
            mark_dealt_with(session, entry, "1001", "kiosk-1", "shrugged", NOW)
        assert mark_dealt_with(session, entry, "1001", "kiosk-1", OUTCOMES[1], NOW)
    with store.write() as session:  # a second tap, or a second manager: nothing twice
        assert not mark_dealt_with(session, entry, "1002", "kiosk-1", OUTCOMES[0], NOW)
    with store.read() as session:
        assert desk_facts(session, NOW, RetentionRule(7, 7)).refused == []
        row = session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == entry)).one()
        assert row.state == "rejected" and row.payload["order"] == "ORD-9"  # kept
        events = [e.payload for e in session.scalars(select(OutboxEntry)) if e.kind == "event"]
    assert events == [
        {
            "type": "refusal_dealt_with",
            "record": entry,
            "record_kind": "purchase",
            "code": "insufficient_credit",
            "outcome": "citizen_told",
            "operator": "1001",
            "kiosk": "kiosk-1",
        }
    ]
