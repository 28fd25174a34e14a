# SPDX-License-Identifier: EUPL-1.2
"""A welfare manager sets a citizen's wallet PIN at the kiosk (kiosk/core/wallet_pin.py):
sealed in the outbox, set by the platform only with the manager's login proof, never
readable on the kiosk's disk; and the dashboard's facts about locked wallets."""

from __future__ import annotations

import dataclasses
import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from central.platform import wallet as platform_wallet
from forms.lookup import holder_key
from kiosk.boot.config import ManagerSettings
from kiosk.core.manager_login import Manager, log_in
from kiosk.core.wallet import KIOSK_ATTEMPTS
from kiosk.core.wallet_pin import (
    NoSealingKeyError,
    new_pin_problem,
    pin_state,
    queue_pin,
    wallet_locks,
)
from store.database import Store
from store.models import OutboxEntry
from store.outbox import utcnow
from sync.client import Submission
from sync.engine import SyncEngine
from tests.printing.waits import eventually
from tests.sync.conftest import Central, enrolled_client, someone_waits_on_a_lock
from tests.sync.wallets import opened, try_wallet

CF = "FRRNNA41A63E592W"
NEW_PIN = "582941"
RULES = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)


def _silvia(store: Store) -> Manager:
    with store.write() as session:
        manager = log_in(session, "1001", "246810", "piazzola", utcnow(), RULES).manager
    assert manager is not None
    return manager


def test_a_pin_set_while_another_kiosk_reports_a_wrong_pin_waits_its_turn(
    central: Central,
    engine: SyncEngine,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """PostgreSQL: a wrong PIN is counted in the writers' turn; a PIN set through the
    outbox at that moment changes the same wallet after the report, never deadlocking
    with it (one of the two batches failed, and was taken again entry by entry)."""
    if central.platform.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: BEGIN IMMEDIATE")
    central.platform.set_wallet_pin(CF, "402718")
    engine.run_once()  # the operators, and the platform's sealing key
    silvia = _silvia(engine.store)
    with engine.store.write() as session:
        done = queue_pin(session, silvia, "kiosk-test", CF, NEW_PIN, "passaporto", utcnow())
    count = platform_wallet.wallet_event
    counted, release = threading.Event(), threading.Event()

    def held(*args: Any) -> Any:  # the report counted in its turn, not yet committed
        answer = count(*args)
        counted.set()
        release.wait(30)
        return answer

    monkeypatch.setattr(platform_wallet, "wallet_event", held)
    other = enrolled_client(central)
    tag = holder_key(bytes.fromhex(other.lookup_key()), CF)
    report = Submission(
        str(uuid.uuid4()),
        "event",
        datetime.now(UTC).isoformat(),
        {"type": "wallet_pin_failed", "holder": tag},
    )
    answers: list[Any] = []
    reporting = threading.Thread(target=lambda: answers.extend(other.submit([report])))
    reporting.start()
    pushing = threading.Thread(target=engine.push)
    try:
        assert counted.wait(10)
        pushing.start()
        eventually(lambda: someone_waits_on_a_lock(central))  # the PIN, for its turn
    finally:
        release.set()
        reporting.join(30)
        pushing.join(30)
        other.close()
    assert [answer.accepted for answer in answers] == [True]
    with engine.store.read() as session:
        assert pin_state(session, done) == ("accepted", None)
    holder = central.platform.wallet_holder(CF)
    assert holder is not None and (holder.set_by, holder.failures) == ("1001", 0)
    assert "a batch failed" not in caplog.text


def test_a_manager_sets_a_pin_through_the_sealed_outbox_and_the_wallet_opens_with_it(
    central: Central, engine: SyncEngine
) -> None:
    central.platform.set_credit(CF, "Credito welfare", 2_500)
    engine.run_once()  # the operators, and the platform's sealing key
    silvia = _silvia(engine.store)
    now = datetime.now(UTC)
    with engine.store.write() as session:
        done = queue_pin(session, silvia, "kiosk-test", CF.lower(), NEW_PIN, "passaporto", now)
        forged = queue_pin(
            session,
            dataclasses.replace(silvia, proof_key=b"\x01" * 32),  # a claim, not a login
            "kiosk-test",
            CF,
            "739152",
            "passaporto",
            now,
        )
        stale = queue_pin(
            session, silvia, "kiosk-test", CF, "739152", "patente", now - timedelta(minutes=11)
        )
        assert pin_state(session, done) == ("waiting", None)
    with engine.store.read() as session:
        rows = list(session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "wallet_pin")))
    for row in rows:  # the PIN and the codice fiscale are sealed; the kind of document is not
        assert row.sealed is not None and NEW_PIN not in str(row.payload)
        assert CF not in str(row.payload) and row.payload["operator"] == "1001"
    engine.run_once()
    with engine.store.read() as session:
        assert pin_state(session, done) == ("accepted", None)
        assert pin_state(session, forged) == ("rejected", "unconfirmed_operator")
        assert pin_state(session, stale) == ("rejected", "stale_proof")
    holder = central.platform.wallet_holder(CF)
    assert holder is not None and (holder.set_by, holder.document) == ("1001", "passaporto")
    stored = {s.uuid: s for s in central.platform.submissions()}[done]
    assert NEW_PIN not in str(stored.payload)  # the platform keeps no PIN either
    # Nor when the same UUID comes again with another request (kept apart for staff).
    from central.models import SubmissionConflict
    from protocol.messages import SubmissionEntry

    again = SubmissionEntry(
        uuid=done,
        kind="wallet_pin",
        created_at=now,
        payload={
            "codice_fiscale": CF,
            "pin": "739152",
            "operator": "1001",
            "document": "patente",
            "issued_at": now.isoformat(),
            "login_proof": "0" * 64,
        },
    )
    [answer] = central.platform.submit(stored.device_id, [again])
    assert answer.code == "uuid_conflict"
    with central.platform.sessions() as session:
        kept = session.scalars(select(SubmissionConflict)).one()
    assert kept.payload is not None and "pin" not in kept.payload
    assert kept.payload["document"] == "patente"
    assert opened(engine.store, central, CF, NEW_PIN).balance_cents == 2_500


def test_a_new_pin_set_here_opens_a_wallet_wrong_pins_locked_here(
    central: Central, engine: SyncEngine
) -> None:
    """Five wrong PINs lock a codice fiscale at this kiosk for a day; the welfare manager
    who checked the citizen's document and set a new PIN here lifts that lock: the new
    PIN opens the wallet at once (the README's remedy, at the kiosk where it happened)."""
    central.platform.set_credit(CF, "Credito welfare", 3_300)
    central.platform.set_wallet_pin(CF, "402718")
    engine.run_once()
    lookup_key = bytes.fromhex(engine.client.lookup_key())
    wrong = [try_wallet(engine.store, central, CF, f"90{n}517", lookup_key) for n in range(5)]
    assert [getattr(w, "reason", "opened") for w in wrong][-1] == "locked_here"
    silvia = _silvia(engine.store)
    other_cf = "BNCMTT15B19G224I"  # another citizen's lock at this kiosk stays
    for n in range(KIOSK_ATTEMPTS):
        try_wallet(engine.store, central, other_cf, f"91{n}517", lookup_key)
    with engine.store.write() as session:
        queue_pin(
            session, silvia, "kiosk-test", CF, NEW_PIN, "carta_identita", utcnow(), lookup_key
        )
    engine.run_once()
    wallet = try_wallet(engine.store, central, CF, NEW_PIN, lookup_key)
    assert getattr(wallet, "balance_cents", None) == 3_300, wallet
    still = try_wallet(engine.store, central, other_cf, "402718", lookup_key)
    assert getattr(still, "reason", None) == "locked_here"


def test_no_pin_is_queued_before_the_kiosk_has_the_platforms_key(store: Store) -> None:
    manager = Manager("1001", "Silvia", "Coop", "welfare_manager", b"\x02" * 32)
    with store.write() as session, pytest.raises(NoSealingKeyError):
        queue_pin(session, manager, "kiosk-test", CF, NEW_PIN, "passaporto", datetime.now(UTC))
    with store.read() as session:
        assert session.scalars(select(OutboxEntry)).first() is None


def test_a_new_pin_must_be_good_and_typed_twice_alike() -> None:
    assert new_pin_problem("12345", "12345") == "format"
    assert new_pin_problem("111111", "111111") == "weak"
    assert new_pin_problem("234567", "234567") == "weak"
    assert new_pin_problem(NEW_PIN, "582942") == "mismatch"
    assert new_pin_problem(NEW_PIN, NEW_PIN) is None


def test_the_dashboard_counts_wallets_locked_here_and_on_the_network(
    central: Central, engine: SyncEngine
) -> None:
    central.platform.set_wallet_pin(CF, "402718", "piazzola")
    engine.run_once()
    for _ in range(KIOSK_ATTEMPTS):  # one wrong PIN, tried again: one scrypt, cached
        try_wallet(engine.store, central, CF, "300300")
    now = utcnow()
    with engine.store.read() as session:
        locks = wallet_locks(session, now)
    assert locks.network == 0 and len(locks.here_until) == 1
    assert timedelta(hours=23) < locks.here_until[0] - now <= timedelta(hours=24)
    with engine.store.read() as session:
        assert wallet_locks(session, now + timedelta(hours=25)).here_until == []
