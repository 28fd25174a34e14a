# SPDX-License-Identifier: EUPL-1.2
"""The kiosk's own disk stops taking writes in the middle of a sync (an SD card turned
read-only, a full disk): nothing is lost, nothing reaches the platform twice, the
manager is told why, and all of it goes through once the disk takes writes again."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from kiosk.boot.config import parse_config
from kiosk.boot.doctor import Verdict, check_store
from store import outbox
from store.database import Store
from store.models import OutboxEntry, Service
from sync.engine import SyncEngine
from sync.worker import SyncWorker
from tests.records import service_record
from tests.sync.conftest import Central, assert_mirror_equals_server, enrolled_client
from tests.sync.disk_faults import ReadOnlyDisk
from tests.sync.helpers import assert_exactly_once, converge

CREATED = 25


def states(store: Store) -> dict[str, int]:
    with store.read() as session:
        found = [row.state for row in session.scalars(select(OutboxEntry))]
    return {state: found.count(state) for state in set(found)}


def services(store: Store) -> set[str]:
    with store.read() as session:
        return set(session.scalars(select(Service.id)))


def test_a_disk_that_stops_taking_writes_loses_nothing_and_sends_nothing_twice(
    central: Central, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = ReadOnlyDisk(store)
    with store.write() as session:
        for number in range(CREATED):
            outbox.add(session, "event", {"n": number})
    client = enrolled_client(central)
    worker = SyncWorker(store, lambda: SyncEngine(store, client, page_size=20, push_batch=10))
    assert worker.run_pass() is not None  # the mirror is up to date, the outbox empty
    with store.write() as session:
        for number in range(CREATED, 2 * CREATED):
            outbox.add(session, "event", {"n": number})
    central.platform.publish("services", service_record("new1", "Servizio nuovo"))
    before = services(store)

    # The platform stores the first batch; the disk fails before its answers are written.
    stored_by_platform = central.platform.submit

    def submit_then_disk_fails(*args: Any) -> Any:
        answers = stored_by_platform(*args)
        disk.on = True
        return answers

    monkeypatch.setattr(central.platform, "submit", submit_then_disk_fails)
    assert worker.run_pass() is None
    assert worker.status.problem == "storage"
    assert "readonly database" in worker.status.detail
    assert worker.status.waiting == CREATED
    assert states(store) == {"accepted": CREATED, "sending": 10, "pending": CREATED - 10}
    assert len(central.platform.submissions()) == CREATED + 10

    # While the disk refuses writes, nothing more leaves and the mirror stays as it was.
    monkeypatch.setattr(central.platform, "submit", stored_by_platform)
    assert worker.run_pass() is None
    assert worker.status.problem == "storage"
    assert len(central.platform.submissions()) == CREATED + 10
    assert services(store) == before

    disk.on = False
    converge(store, worker)
    assert worker.status.problem is None
    assert "new1" in services(store)
    assert_exactly_once(store, central.platform, 2 * CREATED)
    assert_mirror_equals_server(store, central.platform)


def test_a_record_damaged_on_disk_holds_back_no_other(central: Central, store: Store) -> None:
    """A damaged page can leave an entry's stored text no longer JSON (quick_check does not
    see it): it used to fail every push, and no record of anyone reached the platform.
    The others go on; the damaged ones stay as they are, named in the log and by doctor."""
    with store.write() as session:
        made = [outbox.add(session, "event", {"type": "help_requested", "n": n}) for n in range(8)]
        made.append(outbox.add(session, "application", {"call": "bs-piazzola", "answers": {}}))
    damaged = {made[2]: '{"type": "help_req', made[8]: '{"call": "bs-pia\ufffd'}
    with store.write() as session:
        for entry_uuid, text in damaged.items():
            session.connection().exec_driver_sql(
                "UPDATE outbox SET payload = ? WHERE uuid = ?", (text, entry_uuid)
            )
    client = enrolled_client(central)
    worker = SyncWorker(store, lambda: SyncEngine(store, client, page_size=50, push_batch=3))
    for _ in range(3):  # the application is sealed first: the damaged one is left alone
        assert worker.run_pass() is not None
        assert worker.status.problem is None
    assert worker.status.waiting == len(damaged)
    on_platform = [s.uuid for s in central.platform.submissions()]
    assert sorted(on_platform) == sorted(set(made) - set(damaged))
    with store.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT uuid, state, payload FROM outbox WHERE NOT json_valid(payload)"
        )
        assert {row[0]: (row[1], row[2]) for row in rows} == {
            entry_uuid: ("pending", text) for entry_uuid, text in damaged.items()
        }
    config = parse_config(f'[paths]\ndatabase = "{store.path}"\n')
    [warning] = [f for f in check_store(config) if f.verdict is Verdict.WARNING]
    assert warning.message.startswith("2 records waiting to be sent are damaged")
