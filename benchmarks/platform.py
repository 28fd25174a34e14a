# SPDX-License-Identifier: EUPL-1.2
"""The reference platform under a fleet: ``./dev bench platform [N ...] [--sqlite]
[--workers=N] [--pull-only]``.

N simulated kiosks (10, 50 and 200 unless given) sync at once against the platform in
its own processes (``social-point central --workers``) over loopback HTTP, on SQLite and
on PostgreSQL (a throw-away server, as the platform's tests start one; skipped when the
machine has no PostgreSQL binaries). Each kiosk does what a real one does in a sync
pass, with no pause between passes: it pushes a batch of outbox entries, then pulls
every stream it may pull from its cursor, page by page (the kiosk's default page size),
until it is up to date. Its first pass is an initial pull of the whole catalog; while
the fleet syncs, the platform publishes a few changed services every second, so later
passes pull changes too.

``--pull-only``: the kiosks only pull (no outbox to push), to see the pull's own figure
apart from the platform's writes.

For each kind of request (a push, a pull page that carries changes, a pull that finds
nothing new) it prints p50, p95 and the slowest, beside the same figures for one kiosk
alone, measured in the same run (the floor: the platform with nobody else to serve).
The target: p95 of a pull request under 1 s with 50 kiosks pulling at once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import Any

import orjson
import requests

from benchmarks.catalog import generated_services
from central.dataset import seed_if_empty
from central.platform import Platform
from kiosk.boot.paths import DEMO_DATASET
from sync.engine import STREAMS

FLEETS = (10, 50, 200)
SERVICES = 2_000  # services in the catalog besides the demo's own
PAGE = 500  # the kiosk's default page size (sync.page_size)
PASSES = 3  # sync passes per kiosk: the first is an initial pull
PUSHED = 20  # outbox entries a kiosk pushes in a pass
WORKERS = 2  # platform processes: one per core of the machine it was measured on
CHANGED = 10  # services changed on the platform every second meanwhile
TARGET_FLEET, TARGET_P95 = 50, 1.0
KINDS = ("push", "pull, page of changes", "pull, nothing new")

Sample = tuple[str, float, int]  # kind, seconds, HTTP status (0: no answer)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PlatformWorkers:
    """``social-point central --workers N`` in a process group of its own."""

    def __init__(self, database: str, workers: int) -> None:
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "kiosk.cli", "central", "--db", database),
                *("--port", str(port), "--workers", str(workers)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the platform did not start")
            try:
                requests.get(f"{self.url}/v1/health", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the platform did not answer within 60 s")

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass


def _entries(count: int) -> list[dict[str, Any]]:
    moment = datetime.now(UTC).isoformat()
    return [
        {
            "uuid": str(uuid.uuid4()),
            "kind": "event",
            "created_at": moment,
            "payload": {"n": number, "note": "benchmark"},
        }
        for number in range(count)
    ]


def _timed(samples: list[Sample], kind: str, send: Any) -> requests.Response | None:
    begin = time.perf_counter()
    try:
        reply: requests.Response = send()
        reply.content  # noqa: B018  (the whole body is part of the request's time)
    except requests.RequestException:
        samples.append((kind, time.perf_counter() - begin, 0))
        return None
    samples.append((kind, time.perf_counter() - begin, reply.status_code))
    return reply


def simulated_kiosk(
    url: str, token: str, passes: int, start: threading.Event, push: bool = True
) -> list[Sample]:
    """The requests of ``passes`` sync passes of one kiosk, each with its time."""
    samples: list[Sample] = []
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"
    cursors = dict.fromkeys(STREAMS, "0")
    start.wait()
    for _ in range(passes):
        if push:
            _timed(
                samples,
                "push",
                lambda: http.post(f"{url}/v1/submissions", json={"entries": _entries(PUSHED)}),
            )
        for stream in STREAMS:
            while True:
                begin = time.perf_counter()
                try:
                    reply = http.get(
                        f"{url}/v1/changes/{stream}",
                        params={"since": cursors[stream], "limit": str(PAGE)},
                        timeout=120,
                    )
                    body = reply.content
                except requests.RequestException:
                    samples.append(("pull, page of changes", time.perf_counter() - begin, 0))
                    break
                elapsed = time.perf_counter() - begin
                if reply.status_code != 200:
                    samples.append(("pull, page of changes", elapsed, reply.status_code))
                    break
                page = orjson.loads(body)
                kind = "pull, page of changes" if page["items"] else "pull, nothing new"
                samples.append((kind, elapsed, 200))
                cursors[stream] = page["next_cursor"]
                if not page["has_more"]:
                    break
    http.close()
    return samples


def client_process(
    url: str, codes: list[str], passes: int, ready: Any, go: Any, results: Any, push: bool = True
) -> None:
    """Enrolls its kiosks (not timed), says it is ready, and on ``go`` runs them all at
    once, one thread each; puts every sample on ``results``."""
    tokens = []
    for code in codes:
        reply = requests.post(
            f"{url}/v1/enroll", json={"code": code, "kiosk_id": f"bench-{code}"}, timeout=60
        )
        reply.raise_for_status()
        tokens.append(reply.json()["token"])
    start = threading.Event()
    found: list[list[Sample]] = [[] for _ in tokens]

    def run(index: int, token: str) -> None:
        found[index] = simulated_kiosk(url, token, passes, start, push)

    threads = [
        threading.Thread(target=run, args=(index, token)) for index, token in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    ready.put(len(tokens))
    go.wait()
    start.set()
    for thread in threads:
        thread.join()
    results.put([sample for samples in found for sample in samples])


def publisher(platform: Platform, stop: threading.Event) -> None:
    """Changes ``CHANGED`` services every second, as a platform's editors do."""
    round_ = 0
    while not stop.wait(1.0):
        round_ += 1
        changed = generated_services(CHANGED, seed=1000 + round_)
        for record in changed:
            record["price_cents"] += round_
        platform.publish_many(("services", record) for record in changed)


def fleet_run(
    platform: Platform, url: str, kiosks: int, passes: int, push: bool = True
) -> tuple[list[Sample], float]:
    """Every sample of ``kiosks`` kiosks syncing at once, and the seconds it took."""
    comuni = sorted(platform.records("comuni"))
    codes = [
        platform.new_enrollment_code("kiosk", comuni[number % len(comuni)])
        for number in range(kiosks)
    ]
    context = multiprocessing.get_context("spawn")
    # Client processes, so the kiosks' own parsing does not queue behind one GIL.
    groups = [codes[index::2] for index in range(2)] if kiosks >= 20 else [codes]
    ready, go, results = context.Queue(), context.Event(), context.Queue()
    processes = [
        context.Process(target=client_process, args=(url, group, passes, ready, go, results, push))
        for group in groups
    ]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get(timeout=300)
    stop = threading.Event()
    editor = threading.Thread(target=publisher, args=(platform, stop))
    begin = time.perf_counter()
    editor.start()
    go.set()
    samples = [sample for _ in processes for sample in results.get(timeout=3600)]
    elapsed = time.perf_counter() - begin
    stop.set()
    editor.join()
    for process in processes:
        process.join()
    return samples, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def figures(samples: list[Sample], kind: str) -> tuple[int, float, float, float, str]:
    """Count, p50, p95 and slowest (seconds), and failures by HTTP status (0: no
    answer), of one kind of request."""
    times = [seconds for found, seconds, _status in samples if found == kind]
    failed = Counter(status for found, _s, status in samples if found == kind and status != 200)
    said = ", ".join(f"{n} x {status or 'no answer'}" for status, n in sorted(failed.items()))
    if not times:
        return 0, 0.0, 0.0, 0.0, said
    return len(times), median(times), percentile(times, 0.95), max(times), said


def report(label: str, samples: list[Sample], alone: list[Sample], elapsed: float) -> None:
    print(f"  {label}: {len(samples):,} requests in {elapsed:.1f} s")
    for kind in KINDS:
        count, p50, p95, slowest, failed = figures(samples, kind)
        _c, alone50, alone95, _s, _f = figures(alone, kind)
        if not count:
            continue
        print(
            f"    {kind:22s} {count:6,}  p50 {p50 * 1000:6.0f} ms  p95 {p95 * 1000:6.0f} ms"
            f"  slowest {slowest * 1000:6.0f} ms   (one kiosk alone: p50 {alone50 * 1000:4.0f},"
            f" p95 {alone95 * 1000:4.0f} ms)" + (f"  FAILED: {failed}" if failed else "")
        )


def pull_p95(samples: list[Sample]) -> float:
    pulls = [seconds for kind, seconds, _status in samples if kind.startswith("pull")]
    return percentile(pulls, 0.95) if pulls else 0.0


@contextmanager
def databases(sqlite_only: bool) -> Iterator[Iterator[tuple[str, str]]]:
    """(name, SQLAlchemy URL) of each database the platform is measured on."""
    folder = Path(tempfile.mkdtemp(prefix="bench-platform-"))
    postgres: Any = None

    def each() -> Iterator[tuple[str, str]]:
        nonlocal postgres
        yield "SQLite", f"sqlite:///{folder / 'central.sqlite3'}"
        if sqlite_only:
            return
        try:
            from tests.postgresql import PostgresUnavailableError, ThrowawayPostgres
        except ImportError:
            print("\nPostgreSQL: skipped (the tests folder is not here)")
            return
        try:
            postgres = ThrowawayPostgres()
        except PostgresUnavailableError as error:
            print(f"\nPostgreSQL: skipped ({error})")
            return
        yield "PostgreSQL", postgres.new_database()

    try:
        yield each()
    finally:
        if postgres is not None:
            postgres.stop()
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def measure(
    name: str, database: str, fleets: list[int], workers: int, push: bool = True
) -> dict[int, float]:
    print(f"\n{name}: publishing {SERVICES:,} services ...", flush=True)
    platform = Platform(database)
    seed_if_empty(platform, DEMO_DATASET)
    platform.publish_many(("services", record) for record in generated_services(SERVICES))
    server = PlatformWorkers(database, workers)
    found: dict[int, float] = {}
    try:
        print(
            f"{name}, {workers} platform processes, {PASSES} sync passes per kiosk"
            f" ({f'push {PUSHED} entries, ' if push else 'no push, '}"
            f"pull every stream in pages of {PAGE}), load average {os.getloadavg()[0]:.1f}:"
        )
        alone, elapsed = fleet_run(platform, server.url, 1, PASSES, push)
        report("1 kiosk (the floor)", alone, alone, elapsed)
        for kiosks in fleets:
            samples, elapsed = fleet_run(platform, server.url, kiosks, PASSES, push)
            report(f"{kiosks} kiosks at once", samples, alone, elapsed)
            found[kiosks] = pull_p95(samples)
            print(
                f"    p95 of a pull request {found[kiosks] * 1000:.0f} ms,"
                f" {found[kiosks] / max(pull_p95(alone), 1e-6):.1f}x one kiosk alone"
                + (f"   (target at {TARGET_FLEET}: < 1 s)" if kiosks == TARGET_FLEET else "")
            )
    finally:
        server.stop()
        platform.engine.dispose()
    return found


def main(args: list[str] | None = None) -> None:
    args = list(args or [])
    fleets = [int(arg) for arg in args if arg.isdigit()] or list(FLEETS)
    workers = WORKERS
    for arg in args:
        if arg.startswith("--workers="):
            workers = int(arg.split("=", 1)[1])
    with databases("--sqlite" in args) as each:
        for name, database in each:
            measure(name, database, fleets, workers, push="--pull-only" not in args)
