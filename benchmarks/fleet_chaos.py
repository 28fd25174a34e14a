# SPDX-License-Identifier: EUPL-1.2
"""A fleet of kiosks through a bad afternoon: ``./dev bench chaos [KIOSKS] [--late]``.

The reference platform runs in a process of its own (``social-point central``, SQLite);
each kiosk (12 unless given) is a process of its own with its store and its sync worker
(the real engine and worker: a pass every 2 s and at each new record, a short backoff),
making applications, purchases and events as citizens do, for about two minutes.
Meanwhile one kiosk is killed (SIGKILL) while a push of its is in flight (its requests
go through a proxy that answers late) and started again on its store, the platform is
stopped and started again (SIGTERM), and later killed and kept down 25 s (the network
cut). ``--late``: the cut comes first, and the kills while the fleet sends what it
queued offline: the kiosk twice, the platform once (SIGKILL), then a SIGTERM restart.

Then the citizens stop, every kiosk syncs until its outbox is empty, and the run checks
that each record a kiosk holds is on the platform exactly once, answered as the kiosk
recorded it (state and protocol number), that the platform holds nothing else, that no
protocol number was given twice, that nothing waits or is set aside, and that no kiosk
logged a traceback or an error. It prints the kiosks' open files and threads before
the storm and after it. Exit status 1 when a check fails.
"""

from __future__ import annotations

import importlib
import logging
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

KIOSKS = 12
MAKING_S = 110.0  # how long the citizens make records
KILL_KIOSK_AT, RESTART_PLATFORM_AT, CUT_AT, CUT_S = 15.0, 35.0, 60.0, 25.0
SETTLE_S = 120.0  # for every outbox to empty once the citizens stop


def proc_counts(pid: int) -> tuple[int, int]:
    """A process's open file descriptors and threads."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        threads = next(int(line.split()[1]) for line in status if line.startswith("Threads:"))
    return len(os.listdir(f"/proc/{pid}/fd")), threads


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def kiosk(folder: Path, url: str, seed: int, price: int) -> None:
    """A kiosk's process: syncs its store with its worker, and makes records (woken for
    each, as the screens wake the sync) until ``stop-making`` appears, then syncs on
    until ``exit`` does."""
    from kiosk.core.applying import tracking_code
    from store import outbox
    from store.database import Store
    from sync.client import PlatformClient
    from sync.device import load
    from sync.engine import SyncEngine
    from sync.worker import SyncWorker

    # The test suite's helpers, by name: its modules are not type-checked.
    application = importlib.import_module("tests.sync.helpers").application

    logging.basicConfig(
        filename=folder / "kiosk.log",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    rng = random.Random(seed)
    identity = load(folder / "device.json")
    assert identity is not None
    store = Store(folder / "kiosk.sqlite3")
    client = PlatformClient(url, token=identity.token, read_timeout=10)
    engine = SyncEngine(store, client, push_batch=10)
    worker = SyncWorker(store, lambda: engine, interval=2.0, backoff_base=0.5, backoff_cap=4.0)
    while True:  # the form an application is made on, before the citizens come
        try:
            form = application(engine)
            break
        except AssertionError:
            worker.run_pass()
            time.sleep(0.2)
    worker.start()
    (folder / "ready").touch()
    line = {"service": "s03", "quantity": 1, "unit_price_cents": price}
    while not (folder / "exit").exists():
        if not (folder.parent / "stop-making").exists():
            with store.write() as session:
                for _ in range(rng.randint(1, 3)):
                    roll = rng.random()
                    if roll < 0.3:
                        outbox.add(
                            session, "application", {**form, "tracking_code": tracking_code()}
                        )
                    elif roll < 0.5:
                        order = f"ORD-{uuid.uuid4().hex[:8].upper()}"
                        purchase = {"order": order, "total_cents": price, "payment": "provider",
                                    "lines": [line], "phone": "+39 347 000 0000"}  # fmt: skip
                        outbox.add(session, "purchase", purchase)
                    else:
                        outbox.add(session, "event", {"type": "help_requested", "note": "€ è"})
            worker.wake()
        time.sleep(rng.uniform(0.2, 1.2))
    worker.stop()
    client.close()
    store.close()


class Central:
    """The platform's process, started again on the same database and port."""

    def __init__(self, database: str, log: Path) -> None:
        self.database, self.port, self.log = database, _free_port(), log
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "kiosk.cli",
                    "central",
                    "--db",
                    self.database,
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=log,
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/v1/health", timeout=2).ok:
                    return
            except requests.RequestException:  # not up yet, or busy with the fleet
                time.sleep(0.1)
        raise RuntimeError("the platform did not start")

    def stop(self, sig: int) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(30)


class Fleet:
    """The kiosks' folders and processes; kiosk 0 talks through ``proxy_url``."""

    def __init__(self, top: Path, url: str, proxy_url: str, price: int) -> None:
        self.top, self.url, self.proxy_url, self.price = top, url, proxy_url, price
        self.folders: list[Path] = []
        self.processes: list[subprocess.Popen[bytes]] = []
        self.starts = 0

    def add(self, folder: Path) -> None:
        self.folders.append(folder)
        self.processes.append(self._start(len(self.processes)))

    def restart(self, number: int) -> None:
        self.processes[number] = self._start(number)

    def _start(self, number: int) -> subprocess.Popen[bytes]:
        self.starts += 1
        folder, url = self.folders[number], self.proxy_url if number == 0 else self.url
        with open(folder / "stderr.txt", "ab") as err:
            return subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.fleet_chaos",
                    "--kiosk",
                    str(folder),
                    url,
                    str(self.starts),
                    str(self.price),
                ],
                stdout=err,
                stderr=err,
            )

    def waiting(self) -> int:
        """Records not yet answered, in every kiosk's outbox."""
        count = 0
        for folder in self.folders:
            with sqlite3.connect(folder / "kiosk.sqlite3") as connection:
                query = "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')"
                count += int(connection.execute(query).fetchone()[0])
        return count

    def handles(self) -> str:
        return " ".join("{}/{}".format(*proc_counts(p.pid)) for p in self.processes)

    def kill_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()


def run(kiosks: int, late: bool = False) -> int:
    from central.dataset import seed_if_empty
    from central.platform import Platform
    from kiosk.boot.paths import DEMO_DATASET
    from sync.client import PlatformClient
    from sync.device import DeviceIdentity, save

    top = Path(tempfile.mkdtemp(prefix="fleet-chaos-"))
    print(f"Chaos: {kiosks} kiosks{' (late kills)' if late else ''}, folder {top}", flush=True)
    database = f"sqlite:///{top / 'central.sqlite3'}"
    platform = Platform(database)
    seed_if_empty(platform, DEMO_DATASET)
    central = Central(database, top / "central.log")
    central.start()
    proxy = importlib.import_module("tests.sync.faults").FaultProxy(("127.0.0.1", central.port))
    # It answers kiosk 0 late, so that a kill lands while a push of its is in flight.
    proxy.delay = (0.05, 0.4)
    price = int(platform.records("services")["s03"]["price_cents"])
    fleet = Fleet(top, central.url, proxy.url, price)
    try:
        for number in range(kiosks):
            folder = top / f"kiosk-{number:02d}"
            folder.mkdir()
            code = platform.new_enrollment_code()
            save(
                folder / "device.json",
                DeviceIdentity(*PlatformClient(central.url).enroll(code, folder.name)),
            )
            fleet.add(folder)
        storm(fleet, central, proxy, late)
    finally:  # whatever went wrong, no process of the run is left behind
        fleet.kill_all()
        central.stop(signal.SIGKILL)
        proxy.close()
    return check(fleet, platform, central.log)


def storm(fleet: Fleet, central: Central, proxy: Any, late: bool) -> None:
    """The afternoon: kills, restarts and the cut, then the settling (``proxy``: the
    test suite's FaultProxy in front of kiosk 0)."""
    # The afternoon's clock starts once every kiosk syncs (they start slowly on a busy
    # machine), and their open files and threads are counted then.
    while not all((folder / "ready").exists() for folder in fleet.folders):
        time.sleep(0.1)
    began = time.monotonic()

    def at(moment: float) -> None:
        time.sleep(max(0.0, moment - (time.monotonic() - began)))

    def note(what: str) -> None:
        print(f"  {time.monotonic() - began:5.1f} s {what}", flush=True)

    def kill_kiosk_mid_push() -> None:
        deadline = time.monotonic() + 30
        while proxy.in_flight["push"] == 0 and time.monotonic() < deadline:
            time.sleep(0.002)
        pushing = proxy.in_flight["push"] > 0
        fleet.processes[0].send_signal(signal.SIGKILL)
        fleet.processes[0].wait()
        note(f"kiosk 0 killed ({'mid-push' if pushing else 'no push in flight'})")
        time.sleep(2)
        fleet.restart(0)
        note("kiosk 0 started again")

    note(f"every kiosk syncing; their open files/threads: {fleet.handles()}")
    if not late:
        at(KILL_KIOSK_AT)
        kill_kiosk_mid_push()
        at(RESTART_PLATFORM_AT)
        central.stop(signal.SIGTERM)
        central.start()
        note("platform stopped and started again")
    at(KILL_KIOSK_AT if late else CUT_AT)  # late: records queue up offline first
    central.stop(signal.SIGKILL)
    note(f"platform killed: network cut for {CUT_S:.0f} s")
    time.sleep(CUT_S)
    central.start()
    note("platform back")
    if late:  # while every kiosk sends what it queued offline
        kill_kiosk_mid_push()
        time.sleep(0.5)
        central.stop(signal.SIGKILL)
        note("platform killed while the fleet catches up")
        central.start()
        note("platform back")
        kill_kiosk_mid_push()
        central.stop(signal.SIGTERM)
        central.start()
        note("platform stopped and started again")
    at(MAKING_S)
    (fleet.top / "stop-making").touch()
    note("citizens stop")
    settle = time.monotonic() + SETTLE_S
    while fleet.waiting() and time.monotonic() < settle:
        time.sleep(0.5)
    note(f"outboxes: {fleet.waiting()} records waiting")
    note(f"kiosks' open files/threads: {fleet.handles()}")
    for folder in fleet.folders:
        (folder / "exit").touch()
    for process in fleet.processes:
        process.wait(60)
    central.stop(signal.SIGTERM)


def check(fleet: Fleet, platform: object, central_log: Path) -> int:
    """Each kiosk's records on the platform exactly once, as answered; 1 when not."""
    from central.models import Submission
    from central.platform import Platform
    from store import set_aside
    from store.database import Store
    from store.models import OutboxEntry
    from sync.device import load

    assert isinstance(platform, Platform)
    with platform.database.sessions() as session:
        stored = list(session.scalars(select(Submission)))
    problems: list[str] = []
    numbers = [s.server_id for s in stored if s.server_id]
    if len(numbers) != len(set(numbers)):
        problems.append("a protocol number given twice")
    kinds: Counter[str] = Counter()
    states: Counter[str] = Counter()
    warnings: list[int] = []
    for folder in fleet.folders:
        identity = load(folder / "device.json")
        assert identity is not None
        held = [s for s in stored if s.device_id == identity.device_id]
        server = {s.uuid: s for s in held}
        store = Store(folder / "kiosk.sqlite3")
        with store.read() as session:
            mine = {row.uuid: row for row in session.scalars(select(OutboxEntry))}
            aside = set_aside.waiting(session)
        store.close()
        kinds.update(row.kind for row in mine.values())
        states.update(str(row.state) for row in mine.values())
        found = {
            "stored twice": len(held) - len(server),
            "missing": len(set(mine) - set(server)),
            "on the platform only": len(set(server) - set(mine)),
            "answered otherwise": sum(
                (row.state, row.server_id) != (server[u].status, server[u].server_id)
                for u, row in mine.items()
                if u in server
            ),
            "set aside": len(aside),
        }
        problems += [f"{folder.name}: {n} {what}" for what, n in found.items() if n]
        log = (folder / "kiosk.log").read_text(errors="replace")
        log += (folder / "stderr.txt").read_text(errors="replace")
        warnings.append(log.count(" WARNING "))
        problems += [
            f"{folder.name}: {w!r} in its log" for w in ("Traceback", " ERROR ") if w in log
        ]
    said = central_log.read_text(errors="replace")
    print(
        f"  records made: {sum(kinds.values())} ({dict(kinds)}), {dict(states)};"
        f" on the platform: {len(stored)}; warnings in the kiosks' logs (offline passes):"
        f" {min(warnings)}-{max(warnings)}; in the platform's log: {said.count('Traceback')}"
        " tracebacks"
    )
    for problem in problems:
        print("  PROBLEM " + problem)
    print("  FAILED" if problems else "  each record exactly once, nothing waiting or set aside")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    numbers = [int(a) for a in args if a.isdigit()]
    return run(numbers[0] if numbers else KIOSKS, late="--late" in args)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--kiosk"]:
        kiosk(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(main())
