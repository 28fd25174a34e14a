# SPDX-License-Identifier: EUPL-1.2
"""Fault injection: every record created on the kiosk (events, applications, purchases
paid with a credit) reaches the platform exactly once, credits are debited to the cent,
and the mirror ends equal to the platform's data, whatever happens on the way: network
faults, records made while a sync runs, the kiosk's clock a month fast or two months
slow, every kind of poison record in the change log, and sync processes killed, two of
them at once."""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import store.outbox
from central.platform import Platform
from kiosk.core.applying import tracking_code
from kiosk.core.purchasing import Cart, Checkout, cart_line, place_order
from kiosk.core.wallet import OpenedWallet
from printing.slip import SlipContext
from store import outbox, set_aside
from store.backup import backup, restore
from store.database import Store
from store.models import OutboxEntry
from sync.client import PlatformClient
from sync.device import DeviceIdentity, save
from sync.engine import SyncEngine
from sync.worker import SyncWorker
from tests.records import service_record
from tests.sync import sync_child
from tests.sync.conftest import KIOSK_SIGNER, Central, assert_mirror_equals_server, enrolled_client
from tests.sync.faults import FAULTS, FaultProxy
from tests.sync.helpers import (
    application,
    assert_exactly_once,
    converge,
    inject,
    move_kiosk_clock,
    outbox_rows,
)
from tests.sync.poison import CF as POISONED_WALLET_CF
from tests.sync.poison import POISON
from tests.sync.restores import PlatformBackups, Served, serve
from tests.sync.wallets import PIN, opened

MIN_FAULTS = 600
MIN_RECORDS = 300
# The kiosk's clock over the run: right, a month fast, two months slow (a dead battery).
CLOCKS = (timedelta(0), timedelta(days=30), -timedelta(days=60))
CITIZEN = "FRRNNA41A63E592W"  # pays with her credit
CREDIT_CENTS = 1_000_000
BOUGHT = "s03"  # the service bought: change_catalog leaves its price alone
OTHER_CALL = "affitto-villafranca"  # poisoned instead of the call the applications go to


def change_catalog(platform: Platform, rng: random.Random) -> None:
    """A platform-side edit while the kiosk syncs: new prices, new or withdrawn services."""
    roll = rng.random()
    if roll < 0.6:
        service_id = f"s{rng.randint(4, 33):02d}"
        current = platform.records("services").get(service_id)
        if current is not None:
            platform.publish("services", {**current, "price_cents": rng.randrange(100, 9000, 10)})
    elif roll < 0.85:
        number = rng.randint(100, 140)
        platform.publish("services", service_record(f"f{number}", f"Servizio nuovo {number}"))
    else:
        victims = [key for key in platform.records("services") if key.startswith("f")]
        if victims:
            platform.unpublish("services", rng.choice(victims))


class Citizens:
    """What people do at the kiosk meanwhile: events, applications, and purchases paid
    with a credit, in the kiosk's store (from any thread), counted by kind."""

    def __init__(self, kiosk_store: Store, form_payload: dict[str, Any], wallet: OpenedWallet):
        self.store, self.form_payload, self.wallet = kiosk_store, form_payload, wallet
        self.made: Counter[str] = Counter()
        self.spent_cents = 0
        self._lock = threading.Lock()

    def new_application(self) -> dict[str, Any]:
        """The form's application, under a tracking code of its own as a kiosk gives."""
        return {**self.form_payload, "tracking_code": tracking_code()}

    @property
    def created(self) -> int:
        return sum(self.made[kind] for kind in ("event", "application", "purchase"))

    def act(self, rng: random.Random, count: int, during_sync: bool = False) -> None:
        with self._lock, self.store.write() as session:
            for _ in range(count):
                roll = rng.random()
                if roll < 0.15:
                    outbox.add(session, "application", self.new_application())
                    self.made["application"] += 1
                elif roll < 0.25:
                    cart = Cart()
                    cart.add(cart_line(session, BOUGHT, 1))
                    checkout = Checkout("credit", self.wallet, credit_limit_cents=CREDIT_CENTS)
                    context = SlipContext("SP", "Piazzola sul Brenta", "kiosk-test", datetime.now())
                    now = store.outbox.utcnow().replace(tzinfo=UTC)  # the kiosk's clock
                    placed = place_order(session, cart, checkout, context, KIOSK_SIGNER, now)
                    self.spent_cents += placed.total_cents
                    self.made["purchase"] += 1
                else:
                    outbox.add(session, "event", {"n": self.created, "note": "prova àèì €"})
                    self.made["event"] += 1
                if during_sync:
                    self.made["made while a sync ran"] += 1


class Poisoner:
    """Every kind of poison record (tests/sync/poison.py) written into the change log
    past the platform's checks, one after the other during the run, each corrected some
    passes later: the kiosk sets it aside and takes the correction."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.waiting = list(POISON)
        self.corrections: list[tuple[int, Callable[[], None]]] = []
        self.corrected: list[Callable[[], None]] = []  # in the order they were made
        self.injected = 0

    def step(self, pass_number: int) -> None:
        for due, correct in [c for c in self.corrections if c[0] <= pass_number]:
            correct()
            self.corrections.remove((due, correct))
            self.corrected.append(correct)
        if pass_number % 5 == 3 and self.waiting:
            self._inject(self.waiting.pop(0), pass_number)

    def restored(self, platform: Platform, corrected_before_backup: int) -> None:
        """The platform went back to a backup: the corrections made since, lost with it,
        are made again (as its staff would), on the restored platform."""
        self.platform = platform
        for correct in self.corrected[corrected_before_backup:]:
            correct()

    def finish(self) -> None:
        for _due, correct in self.corrections:
            correct()
        self.corrections.clear()

    def _inject(self, case: str, pass_number: int) -> None:
        platform = self.platform
        kind, good, spoil = POISON[case]
        record = good(platform)
        if kind == "calls":  # not the call the applications go to: they must be accepted
            record = {**platform.records("calls")[OTHER_CALL]}
        if kind != "wallets":  # the platform seals and publishes a wallet itself
            platform.publish(kind, record)
        inject(platform, kind, record["id"], spoil(record))
        self.injected += 1

        def correct() -> None:  # on the platform of the moment (a restore replaces it)
            if kind == "wallets":  # the corrected version: resealed by the platform
                self.platform.set_credit(POISONED_WALLET_CF, "Credito welfare", 5000)
            else:
                self.platform.publish(kind, record)

        self.corrections.append((pass_number + 5, correct))


def outbox_uuids(kiosk_store: Store) -> dict[str, str]:
    """The kiosk's records: UUID and kind."""
    with kiosk_store.read() as session:
        rows = session.execute(select(OutboxEntry.uuid, OutboxEntry.kind)).all()
        return {uuid: kind for uuid, kind in rows}


def platform_backups(
    central: Central, folder: Path, request: pytest.FixtureRequest
) -> PlatformBackups:
    """Backups of the platform's database under test; restored copies are dropped after."""
    url = central.platform.engine.url
    on_postgres = url.get_backend_name() == "postgresql"
    postgres = request.getfixturevalue("postgres") if on_postgres else None
    backups = PlatformBackups(url.render_as_string(hide_password=False), folder, postgres)
    request.addfinalizer(backups.drop_restored)
    return backups


@pytest.mark.timeout(400)  # bounded below; a loaded machine is several times slower than CI
def test_exactly_once_through_hundreds_of_network_faults(
    central: Central,
    store: Store,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    rng, writer_rng = random.Random(20261124), random.Random(5)
    platform = central.platform
    credit = platform.set_credit(CITIZEN, "Credito welfare", CREDIT_CENTS)
    platform.set_wallet_pin(CITIZEN, PIN)
    proxy = FaultProxy((central.server.host, central.server.port), stall_seconds=0.8, seed=7)
    enrolled = enrolled_client(central, signer=KIOSK_SIGNER)  # its key registered
    client = PlatformClient(proxy.url, read_timeout=0.5, connect_timeout=2)
    client.set_token(enrolled._token)
    enrolled.close()
    engine = SyncEngine(store, client, page_size=4, push_batch=10)
    worker = SyncWorker(store, lambda: engine)
    converge(store, worker)  # the forms and the wallet, before the faults start
    citizens = Citizens(store, application(engine), opened(store, central, CITIZEN))
    poisoner = Poisoner(platform)
    proxy.rates = {
        "drop_after_commit": 0.18,
        "http_503": 0.14,
        "drop_before_forward": 0.10,
        "stall": 0.006,
    }

    target = MIN_RECORDS + 100

    def due() -> int:  # records made so far, spread over the run by the faults injected
        return min(target, 1 + target * proxy.faults // MIN_FAULTS)

    syncing, stop = threading.Event(), threading.Event()

    def made_while_syncing() -> None:  # a citizen at the screen while the worker syncs
        while not stop.is_set():
            if syncing.wait(0.05) and citizens.created < due():
                citizens.act(writer_rng, 1, during_sync=True)
            time.sleep(0.005)

    writer = threading.Thread(target=made_while_syncing, daemon=True)
    writer.start()
    # The platform's database is backed up when a quarter of the records are made and
    # taken back to that copy at half (a new epoch): what it accepted meanwhile is lost
    # there, and the kiosk sends it again; its staff redo the corrections made since.
    backups = platform_backups(central, tmp_path, request)
    backup: Path | None = None
    restored: Served | None = None
    held_at_backup = corrected_at_backup = lost_by_platform = 0
    clock = passes = 0
    started = time.monotonic()
    while proxy.faults < MIN_FAULTS or citizens.created < target or poisoner.waiting:
        if backup is None and citizens.created >= target // 4:
            backup, corrected_at_backup = backups.take(), len(poisoner.corrected)
            held_at_backup = len(platform.submissions())
        elif restored is None and backup is not None and citizens.created >= target // 2:
            lost_by_platform = len(platform.submissions()) - held_at_backup
            central.server.stop()
            platform.engine.dispose()
            restored = serve(backups.restore(backup))
            request.addfinalizer(restored.stop)
            assert restored.platform.epoch.id != platform.epoch.id
            platform = restored.platform
            assert len(platform.submissions()) == held_at_backup
            proxy.upstream = (restored.server.host, restored.server.port)
            poisoner.restored(platform, corrected_at_backup)
        if clock + 1 < len(CLOCKS) and citizens.created >= (clock + 1) * target // len(CLOCKS):
            clock += 1  # the kiosk's clock jumps; one clean pass measures it again
            move_kiosk_clock(monkeypatch, CLOCKS[clock])
            saved, proxy.rates = proxy.rates, {}
            worker.run_pass()
            proxy.rates = saved
        if citizens.created < due():
            citizens.act(rng, rng.randint(0, min(4, due() - citizens.created)))
        if rng.random() < 0.25:
            change_catalog(platform, rng)
        poisoner.step(passes)
        syncing.set()
        worker.run_pass()
        syncing.clear()
        passes += 1
        assert time.monotonic() - started < 360, f"too slow: {proxy.counts}"
    stop.set()
    writer.join()
    proxy.rates = {}
    poisoner.finish()
    converge(store, worker)

    assert restored is not None and lost_by_platform > 0
    assert_exactly_once(store, platform, len(outbox_rows(store)))
    kinds = Counter(row.kind for row in outbox_rows(store))
    assert all(kinds[kind] == citizens.made[kind] for kind in ("application", "purchase"))
    assert citizens.made["made while a sync ran"] > 0 and citizens.made["purchase"] > 0
    assert platform.records("credits")[credit]["balance_cents"] == (
        CREDIT_CENTS - citizens.spent_cents
    )
    with store.read() as session:
        assert set_aside.waiting(session) == []
    reported = [
        s.payload
        for s in platform.submissions()
        if (s.payload or {}).get("type") == "record_set_aside"
    ]
    assert len(reported) >= len(POISON)  # each kind set aside (and reported) on the way
    assert_mirror_equals_server(store, platform)
    assert all(proxy.counts[name] for name in FAULTS), proxy.counts
    with capsys.disabled():
        faults = ", ".join(f"{name} {proxy.counts[name]}" for name in FAULTS)
        made = ", ".join(f"{kind}: {n}" for kind, n in sorted(citizens.made.items()))
        print(
            f"\nnetwork faults, platform on {platform.engine.dialect.name}:"
            f" {proxy.faults} injected ({faults}) over "
            f"{proxy.counts['push requests']} push and {proxy.counts['pull requests']} pull "
            f"requests, {passes} sync passes, kiosk clock off by "
            f"{', '.join(f'{c.days:+d} days' for c in CLOCKS)}; {poisoner.injected} poison "
            f"records set aside and corrected; the platform restored from a backup mid-run"
            f" (new epoch, {lost_by_platform} accepted records lost there and sent again);"
            f" {citizens.created} records created ({made}), each on the platform exactly"
            " once, no protocol number twice; credit debited to the cent; mirror equal"
        )
    proxy.close()
    client.close()


@pytest.mark.timeout(400)
def test_exactly_once_when_sync_processes_are_killed(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(99)
    store_path = tmp_path / "kiosk.sqlite3"
    kiosk_store = Store(store_path)
    token_file = tmp_path / "device.json"
    device, token = PlatformClient(central.url).enroll(central.platform.new_enrollment_code(), "k")
    save(token_file, DeviceIdentity(device, token))
    client = PlatformClient(central.url, token=token)
    engine = SyncEngine(kiosk_store, client)
    worker = SyncWorker(kiosk_store, lambda: engine)
    converge(kiosk_store, worker)  # the form an application is made on
    form_payload = application(engine)
    proxy = FaultProxy((central.server.host, central.server.port))
    proxy.delay = (0.02, 0.15)  # answers arrive late: kills land while requests are in flight
    kills: dict[str, int] = {"mid-push": 0, "mid-pull": 0, "between requests": 0}
    made: Counter[str] = Counter()
    pairs = 0
    # The kiosk's store is copied after round 8 and taken back to that copy after round
    # 16 (store/backup.py, the kiosk stopped): what it made meanwhile is gone from it,
    # though the platform may hold it; what it had queued is sent again, answered as
    # before.
    copy = tmp_path / "kiosk-backup.sqlite3"
    in_copy: set[str] = set()
    lost_by_kiosk: set[str] = set()
    for round_number in range(24):
        if round_number % 2 == 0:  # records to push while the kill comes
            with kiosk_store.write() as session:
                for _ in range(rng.randint(8, 20)):
                    if rng.random() < 0.3:
                        outbox.add(
                            session,
                            "application",
                            {**form_payload, "tracking_code": tracking_code()},
                        )
                        made["application"] += 1
                    else:
                        outbox.add(session, "event", {"n": sum(made.values())})
                        made["event"] += 1
        else:  # only pages to pull while the kill comes
            for _ in range(rng.randint(10, 25)):
                change_catalog(central.platform, rng)
        together = round_number % 3 == 2  # two sync processes on one store at once
        pairs += together
        children = [
            sync_child.start(store_path, proxy.url, token_file) for _ in range(1 + together)
        ]
        # Kill while a request of this round's kind is in flight (answers come late).
        target = "push" if round_number % 2 == 0 else "pull"
        deadline = time.monotonic() + 10
        while proxy.in_flight[target] == 0 and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.03))
        for child in children:
            in_flight = dict(proxy.in_flight)
            assert child.pid is not None
            os.kill(child.pid, signal.SIGKILL)
            child.join()
            where = (
                "mid-push"
                if in_flight.get("push")
                else "mid-pull"
                if in_flight.get("pull")
                else "between requests"
            )
            kills[where] += 1
        if round_number == 8:
            backup(store_path, copy)
            in_copy = set(outbox_uuids(kiosk_store))
        elif round_number == 16:
            lost_by_kiosk = set(outbox_uuids(kiosk_store)) - in_copy
            kiosk_store.close()
            restore(copy, store_path)
            kiosk_store = Store(store_path)
            engine = SyncEngine(kiosk_store, client)
            worker = SyncWorker(kiosk_store, lambda reopened=engine: reopened)
            made = Counter(outbox_uuids(kiosk_store).values())
    proxy.delay = (0.0, 0.0)
    converge(kiosk_store, worker)
    assert kills["mid-push"] > 0 and kills["mid-pull"] > 0, kills
    created = sum(made.values())
    assert lost_by_kiosk, "records made between the kiosk's backup and its restore"
    assert_exactly_once(kiosk_store, central.platform, created, lost_by_kiosk)
    with kiosk_store.read() as session:
        sent = Counter(session.scalars(select(OutboxEntry.kind)))
    assert sent == made
    assert_mirror_equals_server(kiosk_store, central.platform)
    with capsys.disabled():
        print(
            f"\nSIGKILL, platform on {central.platform.engine.dialect.name}:"
            f" {sum(kills.values())} kills of sync processes ({kills}), {pairs} rounds with"
            f" two processes at once; the kiosk's store restored from an older copy"
            f" ({len(lost_by_kiosk)} records made since gone from it); {created} records"
            f" kept ({made['application']} applications), each on the platform exactly once,"
            " no protocol number twice; mirror equal"
        )
    proxy.close()
    client.close()
    kiosk_store.close()
