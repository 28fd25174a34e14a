# SPDX-License-Identifier: EUPL-1.2
"""Fault injection: every record created on the kiosk reaches the platform exactly once,
and the mirror ends equal to the platform's data, whatever happens on the way."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from central.platform import Platform
from kiosk.boot.paths import ROOT
from store import outbox
from store.database import Store
from sync.client import PlatformClient
from sync.device import DeviceIdentity, save
from sync.engine import SyncEngine
from sync.worker import SyncWorker
from tests.records import service_record
from tests.sync.conftest import Central, assert_mirror_equals_server
from tests.sync.faults import FAULTS, FaultProxy
from tests.sync.helpers import assert_exactly_once, converge

MIN_FAULTS = 1000
MIN_RECORDS = 500


def change_catalog(platform: Platform, rng: random.Random) -> None:
    """A platform-side edit while the kiosk syncs: new prices, new or withdrawn services."""
    roll = rng.random()
    if roll < 0.6:
        service_id = f"s{rng.randint(1, 33):02d}"
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


def test_exactly_once_through_a_thousand_network_faults(
    central: Central, store: Store, capsys
) -> None:
    rng = random.Random(20261124)
    proxy = FaultProxy(
        (central.server.host, central.server.port),
        rates={
            "drop_after_commit": 0.18,
            "http_503": 0.14,
            "drop_before_forward": 0.10,
            "stall": 0.015,
        },
        stall_seconds=0.6,
        seed=7,
    )
    client = PlatformClient(proxy.url, read_timeout=0.3, connect_timeout=2)
    _device, token = PlatformClient(central.url).enroll(central.platform.new_enrollment_code(), "k")
    client.set_token(token)
    engine = SyncEngine(store, client, page_size=4, push_batch=3)
    worker = SyncWorker(store, lambda: engine)
    created = passes = 0
    started = time.monotonic()
    while proxy.faults < MIN_FAULTS or created < MIN_RECORDS + 100:
        if created < MIN_RECORDS + 100:
            with store.write() as session:
                for _ in range(rng.randint(0, 6)):
                    outbox.add(session, "event", {"n": created, "note": "prova àèì €"})
                    created += 1
        if rng.random() < 0.25:
            change_catalog(central.platform, rng)
        worker.run_pass()
        passes += 1
        assert time.monotonic() - started < 240, f"too slow: {proxy.counts}"
    proxy.rates = {}
    converge(store, worker)
    assert_exactly_once(store, central.platform, created)
    assert_mirror_equals_server(store, central.platform)
    with capsys.disabled():
        faults = ", ".join(f"{name} {proxy.counts[name]}" for name in FAULTS)
        print(
            f"\nnetwork faults, platform on {central.platform.engine.dialect.name}:"
            f" {proxy.faults} injected ({faults}) over "
            f"{proxy.counts['push requests']} push and {proxy.counts['pull requests']} pull "
            f"requests, {passes} sync passes; {created} records created, each on the "
            "platform exactly once; mirror equal to the platform"
        )
    proxy.close()
    client.close()


def test_exactly_once_when_the_sync_process_is_killed(
    central: Central, tmp_path: Path, capsys
) -> None:
    rng = random.Random(99)
    store_path = tmp_path / "kiosk.sqlite3"
    store = Store(store_path)
    token_file = tmp_path / "device.json"
    device, token = PlatformClient(central.url).enroll(central.platform.new_enrollment_code(), "k")
    save(token_file, DeviceIdentity(device, token))
    proxy = FaultProxy((central.server.host, central.server.port))
    proxy.delay = (0.02, 0.15)  # answers arrive late: kills land while requests are in flight
    kills: dict[str, int] = {"mid-push": 0, "mid-pull": 0, "between requests": 0}
    created = 0
    child_env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_number in range(24):
        if round_number % 2 == 0:  # records to push while the kill comes
            with store.write() as session:
                for _ in range(rng.randint(8, 20)):
                    outbox.add(session, "event", {"n": created, "round": round_number})
                    created += 1
        else:  # only pages to pull while the kill comes
            for _ in range(rng.randint(10, 25)):
                change_catalog(central.platform, rng)
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.sync.sync_child",
                str(store_path),
                proxy.url,
                str(token_file),
            ],
            cwd=ROOT,
            env=child_env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "started"
        # Kill while a request of this round's kind is in flight (answers come late).
        target = "push" if round_number % 2 == 0 else "pull"
        deadline = time.monotonic() + 10
        while proxy.in_flight[target] == 0 and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.03))
        in_flight = dict(proxy.in_flight)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        where = (
            "mid-push"
            if in_flight.get("push")
            else "mid-pull"
            if in_flight.get("pull")
            else "between requests"
        )
        kills[where] += 1
    proxy.delay = (0.0, 0.0)
    client = PlatformClient(central.url, token=token)
    worker = SyncWorker(store, lambda: SyncEngine(store, client))
    converge(store, worker)
    assert kills["mid-push"] > 0 and kills["mid-pull"] > 0, kills
    assert_exactly_once(store, central.platform, created)
    assert_mirror_equals_server(store, central.platform)
    with capsys.disabled():
        print(
            f"\nSIGKILL, platform on {central.platform.engine.dialect.name}:"
            f" {sum(kills.values())} kills of the sync process ({kills}); "
            f"{created} records created, each on the platform exactly once; mirror equal"
        )
    proxy.close()
    store.close()
