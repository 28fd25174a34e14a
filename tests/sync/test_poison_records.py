# SPDX-License-Identifier: EUPL-1.2
"""Records a kiosk cannot apply, against the real platform over loopback.

Each kind of bad record an operator or a device could produce: the platform refuses to
publish it; and when one reaches the change log anyway (written before the platform
checked it, or by an older platform), every kiosk sets it aside with its reason, reports
it, moves its cursor on, applies the rest of the page and every other stream, and takes
the corrected version when it comes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from sqlalchemy import select, text

from protocol.records import STREAM_OF
from store import set_aside
from store.database import Store
from store.models import OutboxEntry
from sync.engine import STREAMS, SyncEngine
from tests.sync.conftest import ADMIN, Central, assert_mirror_equals_server
from tests.sync.helpers import inject
from tests.sync.poison import CF, POISON


def admin(central: Central, method: str, path: str, **kwargs: Any) -> requests.Response:
    return requests.request(
        method,
        central.url + path,
        headers={"Authorization": f"Bearer {ADMIN}"},
        timeout=10,
        **kwargs,
    )


@pytest.mark.parametrize("case", list(POISON), ids=list(POISON))
def test_the_platform_refuses_to_publish_what_kiosks_would_refuse(
    central: Central, case: str
) -> None:
    kind, good, spoil = POISON[case]
    record = spoil(good(central.platform))
    before = central.platform.records(kind).get(record["id"])
    reply = admin(central, "PUT", f"/v1/admin/records/{kind}/{record['id']}", json=record)
    assert reply.status_code == 422, reply.text
    assert reply.json()["detail"].startswith(kind)  # names the field, e.g. services.title.it
    assert central.platform.records(kind).get(record["id"]) == before


def test_a_record_still_used_cannot_be_deleted(central: Central) -> None:
    for kind, record_id in [
        ("categories", "childcare"),
        ("providers", "coop-girasole"),
        ("comuni", "piazzola"),
    ]:
        reply = admin(central, "DELETE", f"/v1/admin/records/{kind}/{record_id}")
        assert reply.status_code == 409, reply.text
        assert "still used by" in reply.json()["detail"]
        assert record_id in central.platform.records(kind)


POISON_CHANGES = {**{name: name for name in POISON}, "tombstone of a category still used": ""}


@pytest.mark.parametrize("case", list(POISON_CHANGES), ids=list(POISON_CHANGES))
def test_a_bad_record_is_set_aside_and_its_correction_replaces_it(
    central: Central, engine: SyncEngine, store: Store, case: str
) -> None:
    platform = central.platform
    engine.run_once()
    if case in POISON:
        kind, good, spoil = POISON[case]
        record = good(platform)
        if kind != "wallets":  # the platform seals and publishes a wallet itself
            platform.publish(kind, record)
        engine.run_once()
        inject(platform, kind, record["id"], spoil(record))
    else:
        kind, record = "categories", platform.records("categories")["childcare"]
        inject(platform, kind, "childcare", None)
    stream = STREAM_OF[kind]
    # Changes after the bad one, on its stream and on every other stream.
    other_service = next(
        s
        for s in platform.records("services").values()
        if s["category"] != "childcare" and s["id"] != record["id"]
    )
    platform.publish("services", {**other_service, "keywords": ["nuovo"]})
    other_call = next(c for c in platform.records("calls").values() if c["id"] != record["id"])
    platform.publish("calls", {**other_call, "budget_cents": 123})
    platform.publish("operators", {**platform.records("operators")["1002"], "name": "Nuovo"})
    platform.set_wallet_pin("BNCMTT15B19G224I", "402718")  # another citizen's wallet

    report = engine.run_once()
    assert report.problems == {}
    seen_id = record["id"]
    if kind == "application_statuses":  # a kiosk gets statuses under its own lookup key
        from central.kiosk_lookup import rekeyed

        own = bytes.fromhex(engine.client.lookup_key())
        with platform.sessions() as session:
            [row] = rekeyed(session, own, [(0, kind, "upsert", record["id"], None)])
        seen_id = row[3]
    with store.read() as session:
        aside = set_aside.waiting(session)
    assert [(row.stream, row.kind, row.record_id) for row in aside] == [(stream, kind, seen_id)]
    assert aside[0].reason
    for every in STREAMS:  # each cursor at its stream's head
        head = json.loads(platform.changes(every, 0, 100_000))["next_cursor"]
        assert engine.cursor(every) == head
    engine.run_once()  # the report goes out with the next push
    events = [s.payload for s in platform.submissions() if s.kind == "event" and s.payload]
    assert [(e["type"], e["kind"], e["id"]) for e in events] == [
        ("record_set_aside", kind, seen_id)
    ]

    if kind == "wallets":  # the corrected version: resealed by the platform
        platform.set_credit(CF, "Credito welfare", 5000)
    else:
        platform.publish(kind, record)  # the corrected version
    engine.run_once()
    with store.read() as session:
        assert set_aside.waiting(session) == []
        assert session.scalar(select(OutboxEntry.state).where(OutboxEntry.kind == "event")) == (
            "accepted"
        )
    assert_mirror_equals_server(store, platform)


def test_a_record_waiting_for_what_it_refers_to_applies_once_that_arrives(
    central: Central, engine: SyncEngine, store: Store
) -> None:
    platform = central.platform
    engine.run_once()
    category = platform.records("categories")["childcare"]
    inject(
        platform, "categories", "newcat", {**category, "id": "newcat", "label": {"it": "bad\x00"}}
    )
    service = {**platform.records("services")["s01"], "id": "s99", "category": "newcat"}
    inject(platform, "services", "s99", service)
    engine.run_once()
    with store.read() as session:
        assert {row.record_id for row in set_aside.waiting(session)} == {"newcat", "s99"}
        reasons = {row.record_id: row.reason for row in set_aside.waiting(session)}
    assert "lacks" in reasons["s99"]
    platform.publish("categories", {**category, "id": "newcat"})
    engine.run_once()  # the category applies, then the service waiting for it
    with store.read() as session:
        assert set_aside.waiting(session) == []
    assert_mirror_equals_server(store, platform)


def test_a_refused_publication_names_the_field_never_the_value(central: Central) -> None:
    """An administrator's typo may be a citizen's data in the wrong place: the refusal
    says which field and what it may hold, never what was sent."""
    cf = "RSSMRA80A01G224K"
    service = central.platform.records("services")["s01"]
    for path, body in [
        (f"/v1/admin/records/{cf.lower()}/x", {"id": "x"}),
        ("/v1/admin/records/services/s01", {**service, "unit": cf}),
        ("/v1/admin/records/services/s01", {**service, "price_cents": -int(cf[6:8])}),
    ]:
        reply = admin(central, "PUT", path, json=body)
        assert reply.status_code == 422, reply.text
        assert cf not in reply.text.upper() and f"-{cf[6:8]}" not in reply.text


def test_a_record_the_kiosk_fails_to_convert_is_set_aside_whatever_the_error(
    central: Central, engine: SyncEngine, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the contract, converting a record for the store may still fail (a gap in the
    contract, a bug): that record is set aside with the kind of failure, never a stream
    stopped on every pass. Simulated by a conversion that fails on one service."""
    from sync import engine as sync_engine

    engine.run_once()
    prepare = sync_engine.mirror.prepare

    def failing_on_s02(kind: str, batch: Any) -> Any:
        if any(record.get("id") == "s02" for record in batch):
            raise OverflowError("date value out of range")
        return prepare(kind, batch)

    monkeypatch.setattr(sync_engine.mirror, "prepare", failing_on_s02)
    services = central.platform.records("services")
    central.platform.publish("services", {**services["s02"], "keywords": ["rotto"]})
    central.platform.publish("services", {**services["s03"], "keywords": ["nuovo"]})
    report = engine.run_once()
    assert report.problems == {}
    with store.read() as session:
        [aside] = set_aside.waiting(session)
    assert (aside.kind, aside.record_id) == ("services", "s02")
    assert aside.reason == "services s02: cannot be stored by this kiosk (OverflowError)"
    head = json.loads(central.platform.changes("catalog", 0, 100_000))["next_cursor"]
    assert engine.cursor("catalog") == head
    with store.read() as session:
        keywords = session.scalar(text("SELECT keywords FROM services WHERE id = 's03'"))
    assert "nuovo" in keywords
