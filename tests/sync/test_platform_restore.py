# SPDX-License-Identifier: EUPL-1.2
"""A platform restored from a real backup file (SQLite's online backup, PostgreSQL's
pg_dump and pg_restore), served again over loopback: the kiosks notice its new epoch,
take a fresh snapshot (a withdrawn service leaves, a new price applies, what the backup
never held goes), and send again what it lost, each record once and under the protocol
number printed on its receipt; no protocol number is ever given twice."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from central.dataset import seed_if_empty
from central.epochs import watermark_path
from kiosk.boot.paths import DEMO_DATASET
from kiosk.core.purchasing import Cart, Checkout, cart_line, place_order
from printing.slip import SlipContext
from store import outbox
from store.database import Store
from store.models import OutboxEntry, Service
from store.retention import RetentionRule, housekeep
from sync.client import PlatformClient, Submission
from sync.engine import SyncEngine
from tests.conftest import sqlite_platform_url
from tests.postgresql import PostgresUnavailableError
from tests.sync.conftest import KIOSK_SIGNER, assert_mirror_equals_server
from tests.sync.helpers import application, move_kiosk_clock
from tests.sync.restores import PlatformBackups, Served, serve
from vouchers.keys import public_key_text


@pytest.fixture(params=["sqlite", "postgresql"])
def backups(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PlatformBackups]:
    if request.param == "sqlite":
        yield PlatformBackups(sqlite_platform_url(tmp_path), tmp_path, None)
        return
    server = request.getfixturevalue("postgres")
    if isinstance(server, PostgresUnavailableError):
        pytest.skip(f"PostgreSQL: {server}")
    made = PlatformBackups(server.new_database(), tmp_path, server)
    yield made
    made.drop_restored()
    server.drop_database(made.url)


def kiosk(url: str, token: str, store: Store) -> SyncEngine:
    client = PlatformClient(url, token=token)
    return SyncEngine(store, client, page_size=20, push_batch=10)


def apply_for(engine: SyncEngine, count: int) -> list[str]:
    with engine.store.write() as session:
        return [outbox.add(session, "application", application(engine)) for _ in range(count)]


def outbox_rows(store: Store) -> dict[str, OutboxEntry]:
    with store.read() as session:
        return {row.uuid: row for row in session.scalars(select(OutboxEntry))}


def prices(store: Store) -> dict[str, int | None]:
    with store.read() as session:
        return {row.id: row.price_cents for row in session.scalars(select(Service))}


@pytest.fixture
def first(backups: PlatformBackups) -> Iterator[Served]:
    served = serve(backups.url)
    seed_if_empty(served.platform, DEMO_DATASET)
    yield served
    served.stop()


def test_a_platform_restored_from_a_backup_is_caught_up_by_its_kiosks(
    backups: PlatformBackups, first: Served, store: Store
) -> None:
    code = first.platform.new_enrollment_code("kiosk", None)
    _device, token = PlatformClient(first.server.url).enroll(code, "kiosk-restore")
    engine = kiosk(first.server.url, token, store)
    engine.run_once()
    before = apply_for(engine, 3)
    engine.run_once()
    backup = backups.take()

    # After the backup: applications accepted (numbers printed on their receipts), a new
    # service and a new price published; the kiosk has it all.
    after = apply_for(engine, 4)
    services = first.platform.records("services")
    first.platform.publish("services", {**services["s01"], "id": "s-new", "price_cents": 700})
    first.platform.publish("services", {**services["s02"], "price_cents": 4321})
    engine.run_once()
    printed = {uuid: row.server_id for uuid, row in outbox_rows(store).items()}
    assert all(printed[uuid] for uuid in before + after)
    assert prices(store)["s02"] == 4321 and "s-new" in prices(store)
    first.stop()

    restored = serve(backups.restore(backup))
    try:
        assert restored.platform.epoch.id != first.platform.epoch.id
        # The restored platform changes on: its sequence numbers are those the kiosk
        # had already seen (a withdrawn service, a price), which a cursor would skip.
        old = restored.platform.records("services")
        withdrawn = next(
            s for s in sorted(old) if s not in ("s01", "s02", "s03") and old[s].get("price_cents")
        )
        assert restored.platform.unpublish("services", withdrawn)
        restored.platform.publish("services", {**old["s03"], "price_cents": 1234})
        assert len(restored.platform.submissions()) == 3  # the four after the backup: lost

        engine = kiosk(restored.server.url, token, store)
        report = engine.run_once()
        assert report.problems == {} and report.accepted == 4  # the lost ones, again
        engine.run_once()  # the statuses of what was sent again
        assert_mirror_equals_server(store, restored.platform)
        assert withdrawn not in prices(store) and "s-new" not in prices(store)
        assert prices(store)["s03"] == 1234 and prices(store)["s02"] != 4321

        stored = restored.platform.submissions()
        assert sorted(row.uuid for row in stored) == sorted(before + after)  # each once
        numbers = {row.uuid: row.server_id for row in stored}
        assert all(numbers[uuid] == printed[uuid] for uuid in before + after)

        later = apply_for(engine, 2)
        engine.run_once()
        given = [row.server_id for row in restored.platform.submissions()]
        assert len(given) == len(set(given)) == 9
        fresh = {outbox_rows(store)[uuid].server_id for uuid in later}
        assert not fresh & set(printed.values())  # never a number printed before
        assert engine.run_once().problems == {}  # and nothing more to catch up
        assert len(restored.platform.submissions()) == 9
    finally:
        restored.stop()


def test_a_restored_copy_whose_epoch_file_was_lost_still_never_repeats_a_number(
    backups: PlatformBackups, first: Served, store: Store, tmp_path: Path
) -> None:
    """SQLite keeps what it last committed in a file beside the database; restored with
    that file deleted, the copy cannot be told from the database it was. It starts a new
    epoch anyway: other kiosks sending first (so the head catches up with this kiosk's
    cursor) are still never given a protocol number printed on one of its receipts."""
    if watermark_path(first.platform.engine) is None:
        pytest.skip("PostgreSQL tells a restored database by its own identity")
    code = first.platform.new_enrollment_code("kiosk", None)
    _device, token = PlatformClient(first.server.url).enroll(code, "kiosk-lost-file")
    engine = kiosk(first.server.url, token, store)
    engine.run_once()
    apply_for(engine, 2)
    engine.run_once()
    backup = backups.take()
    after = apply_for(engine, 3)
    engine.run_once()
    printed = {outbox_rows(store)[uuid].server_id for uuid in after}
    assert all(printed)
    first.stop()
    url = backups.restore(backup)
    path = watermark_path(first.platform.engine)
    assert path is not None
    path.unlink()  # lost with the old disk, or left out of the copy
    restored = serve(url)
    try:
        assert restored.platform.epoch.id != first.platform.epoch.id
        other_code = restored.platform.new_enrollment_code("kiosk", None)
        _other, other_token = PlatformClient(restored.server.url).enroll(other_code, "kiosk-b")
        other = kiosk(restored.server.url, other_token, Store(tmp_path / "other.sqlite3"))
        other.run_once()
        mine = apply_for(other, 4)
        assert other.run_once().accepted == 4
        given = {outbox_rows(other.store)[uuid].server_id for uuid in mine}
        assert all(given) and not given & printed
    finally:
        restored.stop()


def test_a_new_epoch_on_demand_makes_every_kiosk_take_a_snapshot(
    first: Served, store: Store
) -> None:
    engine = _synced_with_a_stale_row(first, store, "kiosk-epoch")
    epoch = first.platform.new_epoch()
    assert engine.run_once().problems == {}
    assert "s-stale" not in prices(store)
    assert_mirror_equals_server(store, first.platform)
    assert _cursor_epochs(store) == {epoch.id}


def test_a_platform_restored_again_during_a_snapshot_is_snapshotted_anew(
    first: Served, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The epoch changes again while the kiosk's snapshot is half-way: what the kiosk
    saw before no longer tells what the platform lacks, so the snapshot starts again
    under the newest epoch, and the cursor keeps that one."""
    engine = _synced_with_a_stale_row(first, store, "kiosk-twice")
    first.platform.new_epoch()
    newest: list[str] = []
    changes = engine.client.changes

    def restored_meanwhile(stream: str, since: str, limit: int) -> object:
        page = changes(stream, since, limit)
        if stream == "catalog" and since != "0" and not newest:  # the snapshot's second page
            newest.append(first.platform.new_epoch().id)
        return page

    monkeypatch.setattr(engine.client, "changes", restored_meanwhile)
    assert engine.run_once().problems == {}
    assert newest, "the catalog took more than one page"
    assert "s-stale" not in prices(store)
    assert_mirror_equals_server(store, first.platform)
    assert _cursor_epochs(store) == {newest[0]}


def test_a_platform_restored_over_and_over_leaves_the_snapshot_to_the_next_sync(
    first: Served, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = first.platform.new_enrollment_code("kiosk", None)
    _device, token = PlatformClient(first.server.url).enroll(code, "kiosk-again")
    engine = kiosk(first.server.url, token, store)
    engine.run_once()
    first.platform.new_epoch()
    changes = engine.client.changes

    def restored_on_every_page(stream: str, since: str, limit: int) -> object:
        page = changes(stream, since, limit)
        if stream == "catalog" and since != "0":
            first.platform.new_epoch()
        return page

    with monkeypatch.context() as patched:
        patched.setattr(engine.client, "changes", restored_on_every_page)
        problems = engine.run_once().problems
    assert "keeps changing" in str(problems["catalog"])
    assert engine.run_once().problems == {}
    assert_mirror_equals_server(store, first.platform)


def test_a_cursor_beyond_the_platform_head_takes_a_snapshot(
    backups: PlatformBackups, first: Served, store: Store
) -> None:
    """A restored copy the platform could not tell apart (its epoch file lost too): the
    kiosk's cursor is beyond the platform's newest change."""
    code = first.platform.new_enrollment_code("kiosk", None)
    _device, token = PlatformClient(first.server.url).enroll(code, "kiosk-head")
    engine = kiosk(first.server.url, token, store)
    engine.run_once()
    backup = backups.take()
    services = first.platform.records("services")
    for n in range(3):
        first.platform.publish("services", {**services["s01"], "id": f"s-after-{n}"})
    engine.run_once()
    first.stop()
    path = watermark_path(first.platform.engine)
    if path is not None:
        path.unlink()
    url = backups.restore(backup)
    restored = serve(url)
    try:
        engine = kiosk(restored.server.url, token, store)
        assert engine.run_once().problems == {}
        assert_mirror_equals_server(store, restored.platform)
    finally:
        restored.stop()


def _synced_with_a_stale_row(first: Served, store: Store, name: str) -> SyncEngine:
    """A kiosk caught up with ``first``, then holding a row the platform never sent (a
    snapshot removes it)."""
    code = first.platform.new_enrollment_code("kiosk", None)
    _device, token = PlatformClient(first.server.url).enroll(code, name)
    engine = kiosk(first.server.url, token, store)
    engine.run_once()
    with store.write() as session:
        session.add(Service(**{**_service_row(store, "s01"), "id": "s-stale"}))
    return engine


def _cursor_epochs(store: Store) -> set[str | None]:
    from store.models import SyncCursor

    with store.read() as session:
        return {row.epoch for row in session.scalars(select(SyncCursor))}


def _service_row(store: Store, service_id: str) -> dict[str, object]:
    with store.read() as session:
        row = session.get(Service, service_id)
        assert row is not None
        return {c.name: getattr(row, c.name) for c in Service.__table__.columns}


def test_a_kiosk_restored_from_its_own_older_backup_sends_nothing_twice(
    engine: SyncEngine, central: object, store: Store, tmp_path: Path
) -> None:
    """The other side: the kiosk's store goes back to an older copy (store/backup.py).
    What it had queued then is sent again and answered as before (same server ids),
    what it had pulled since is pulled again, and the platform holds each record once."""
    from store.backup import backup, restore
    from tests.sync.conftest import Central

    assert isinstance(central, Central)
    engine.run_once()
    sent = apply_for(engine, 2)
    engine.run_once()
    queued = apply_for(engine, 3)  # in the backup as waiting to be sent
    copy = tmp_path / "kiosk-backup.sqlite3"
    backup(store.path, copy)
    engine.run_once()  # accepted after the backup
    services = central.platform.records("services")
    central.platform.publish("services", {**services["s02"], "price_cents": 2468})
    engine.run_once()
    answered = {uuid: row.server_id for uuid, row in outbox_rows(store).items()}
    store.close()

    restore(copy, store.path)
    reopened = Store(store.path)
    try:
        again = SyncEngine(reopened, engine.client, page_size=20, push_batch=10)
        assert again.run_once().problems == {}
        rows = outbox_rows(reopened)
        assert {uuid: rows[uuid].server_id for uuid in sent + queued} == {
            uuid: answered[uuid] for uuid in sent + queued
        }
        stored = [row.uuid for row in central.platform.submissions()]
        assert sorted(stored) == sorted(sent + queued)  # each once
        assert prices(reopened)["s02"] == 2468
        assert_mirror_equals_server(reopened, central.platform)
    finally:
        reopened.close()


def test_a_purchase_sent_again_to_a_restored_platform_is_taken_back_not_judged_again(
    backups: PlatformBackups, first: Served, store: Store
) -> None:
    """Accepted at a price published after the backup, the purchase goes again to the
    restored platform, which has the older price: with the platform's receipt of its
    acceptance it is taken back under its number, not refused as "price changed". A
    receipt for another record proves nothing."""
    code = first.platform.new_enrollment_code("kiosk", None)
    client = PlatformClient(first.server.url)
    _device, token = client.enroll(code, "kiosk-receipts")
    client.set_token(token)
    client.register_signing_key(public_key_text(KIOSK_SIGNER))
    client.close()
    engine = kiosk(first.server.url, token, store)
    engine.run_once()
    backup = backups.take()
    service = first.platform.records("services")["s01"]
    first.platform.publish("services", {**service, "price_cents": 1500})  # after the backup
    engine.run_once()
    with store.write() as session:
        cart = Cart()
        cart.add(cart_line(session, "s01", 1))
        context = SlipContext("Social Point", "Piazzola sul Brenta", "kiosk-test", datetime.now())
        checkout = Checkout("provider", None, phone="3471234567")
        place_order(session, cart, checkout, context, KIOSK_SIGNER, datetime.now(UTC))
    engine.run_once()
    [order] = [row for row in outbox_rows(store).values() if row.kind == "purchase"]
    assert order.state == "accepted" and order.receipt and order.payload["total_cents"] == 1500
    number = order.server_id
    first.stop()

    restored = serve(backups.restore(backup))
    try:
        engine = kiosk(restored.server.url, token, store)
        engine.run_once()
        engine.run_once()
        [order] = [row for row in outbox_rows(store).values() if row.kind == "purchase"]
        assert (order.state, order.server_id, order.reject_code) == ("accepted", number, None)
        [held] = [s for s in restored.platform.submissions() if s.kind == "purchase"]
        assert (held.status, held.server_id) == ("accepted", number)
        # Another record under a receipt that is not its own is judged as any new one.
        forged = {**(held.payload or {}), "order": "ORD-FORGED", "total_cents": 1500}
        forged["lines"] = [{**forged["lines"][0], "unit_price_cents": 1500}]
        [answer] = engine.client.submit(
            [
                Submission(
                    str(uuid.uuid4()),
                    "purchase",
                    datetime.now(UTC).isoformat(),
                    {**forged, "vouchers": []},
                    server_id="ORD-2026-999999",
                    receipt=order.receipt,
                )
            ]
        )
        assert (answer.accepted, answer.code) == (False, "price_changed")
    finally:
        restored.stop()


def test_a_clock_that_jumped_ahead_drops_nothing_a_restored_platform_needs(
    backups: PlatformBackups, first: Served, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accepted records stay whole for days, to be sent again to a platform restored
    from an older backup. A kiosk clock that jumped four days ahead for one pass aged
    them by the jump, and the retention dropped what the restored platform then lacked
    for good: their age is now counted from the platform's time."""
    code = first.platform.new_enrollment_code("kiosk", None)
    _device, token = PlatformClient(first.server.url).enroll(code, "kiosk-jump")
    engine = kiosk(first.server.url, token, store)
    engine.run_once()
    backup = backups.take()
    sent = apply_for(engine, 2)
    engine.run_once()  # accepted
    jump = timedelta(days=4)
    move_kiosk_clock(monkeypatch, jump)  # a bad time source, for one pass
    engine.run_once()  # it pulls, and measures the platform's clock
    housekeep(store, RetentionRule(7, 7, keep_sent_days=3), now=datetime.now(UTC) + jump)
    monkeypatch.undo()  # the clock is right again
    first.stop()
    restored = serve(backups.restore(backup))  # restored the same hour
    try:
        engine = kiosk(restored.server.url, token, store)
        engine.run_once()
        engine.run_once()
        held = {row.uuid for row in restored.platform.submissions()}
        assert set(sent) <= held, "accepted applications lost for good"
    finally:
        restored.stop()
