# SPDX-License-Identifier: EUPL-1.2
"""The reference platform under a fleet: ``./dev bench platform [N ...] [--sqlite |
--postgresql] [--workers=N] [--threads=N] [--pull-only]``.

N simulated kiosks (10, 50 and 200 unless given) sync at once against the platform in
its own processes (``social-point central --workers``) over loopback HTTP, on SQLite and
on PostgreSQL (a throw-away server, as the platform's tests start one; skipped when the
machine has no PostgreSQL binaries). Each kiosk does what a real one does in a sync
pass, with no pause between passes: it pushes a batch of outbox entries, then pulls
every stream it may pull from its cursor, page by page (the kiosk's default page size),
until it is up to date. Its first pass is an initial pull of the whole catalog; while
the fleet syncs, the platform publishes a few changed services every second, so later
passes pull changes too. ``--pull-only``: the kiosks only pull, for the pull's own
figure apart from the platform's writes.

For each kind of request (a push, a pull page that carries changes, a pull that finds
nothing new) it prints p50, p95 and the slowest, beside the same figures for one kiosk
alone, measured in the same run (the floor: the platform with nobody else to serve),
with the load average, the throughput and the processor time the platform and its
database spent per pushed entry. A push the platform did not answer goes again with
the same entries, as a kiosk's does; after each fleet the database must hold every
pushed entry exactly once. A last table puts the push figures of both databases side
by side, with PostgreSQL's p95 over SQLite's from the same run.
Targets: p95 of a pull request under 1 s with 50 kiosks pulling at once; p95 of a push
under 2 s with 200 kiosks on PostgreSQL, and PostgreSQL at least as fast as SQLite.
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import Any

import orjson
import requests
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from benchmarks.catalog import generated_services
from central.dataset import seed_if_empty
from central.models import Submission
from central.platform import Platform
from kiosk.boot.paths import DEMO_DATASET
from sync.engine import STREAMS

FLEETS = (10, 50, 200)
SERVICES = 2_000  # services in the catalog besides the demo's own
PAGE = 500  # the kiosk's default page size (sync.page_size)
PASSES = 3  # sync passes per kiosk: the first is an initial pull
PUSHED = 100  # outbox entries a kiosk pushes in a pass (the kiosk's sync.push_batch)
PUSH_TRIES = 3  # a push that got no answer goes again, with the same entries
WORKERS = 2  # platform processes: one per core of the machine it was measured on
CHANGED = 10  # services changed on the platform every second meanwhile
TARGET_FLEET, TARGET_P95 = 50, 1.0
PUSH_TARGET_FLEET, PUSH_TARGET_P95 = 200, 2.0
KINDS = ("push", "pull, page of changes", "pull, nothing new")

Sample = tuple[str, float, int]  # kind, seconds, HTTP status (0: no answer)
Pushed = tuple[int, int]  # entries sent (each UUID once), entries answered "accepted"
PULL_ONLY = "SOCIAL_POINT_BENCH_PULL_ONLY"  # set by --pull-only


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PlatformWorkers:
    """``social-point central --workers N`` in a process group of its own."""

    def __init__(self, database: str, workers: int, threads: int | None = None) -> None:
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "kiosk.cli", "central", "--db", database),
                *("--port", str(port), "--workers", str(workers)),
                *(("--threads", str(threads)) if threads else ()),
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


def _push(samples: list[Sample], http: requests.Session, url: str) -> Pushed:
    """One batch of ``PUSHED`` entries, sent again (the same UUIDs) when no answer came."""
    batch = {"entries": _entries(PUSHED)}
    for _ in range(PUSH_TRIES):
        reply = _timed(
            samples,
            "push",
            lambda: http.post(f"{url}/v1/submissions", json=batch, timeout=120),
        )
        if reply is not None and reply.status_code == 200:
            answers = orjson.loads(reply.content)["results"]
            return PUSHED, sum(answer["status"] == "accepted" for answer in answers)
    return PUSHED, 0


def simulated_kiosk(
    url: str, token: str, passes: int, start: threading.Event
) -> tuple[list[Sample], Pushed]:
    """The requests of ``passes`` sync passes of one kiosk, each with its time, and how
    many entries it pushed and saw accepted."""
    samples: list[Sample] = []
    sent = accepted = 0
    http = requests.Session()
    # No ~/.netrc and proxy look-up on every request: the simulator's own cost, on the
    # platform's cores here; real kiosks pay what they pay on their own machines.
    http.trust_env = False
    http.headers["Authorization"] = f"Bearer {token}"
    cursors = dict.fromkeys(STREAMS, "0")
    start.wait()
    for _ in range(passes):
        if not os.environ.get(PULL_ONLY):
            pushed, answered = _push(samples, http, url)
            sent, accepted = sent + pushed, accepted + answered
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
    return samples, (sent, accepted)


def client_process(
    url: str, codes: list[str], passes: int, ready: Any, go: Any, results: Any
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
    found: list[tuple[list[Sample], Pushed]] = [([], (0, 0)) for _ in tokens]

    def run(index: int, token: str) -> None:
        found[index] = simulated_kiosk(url, token, passes, start)

    threads = [
        threading.Thread(target=run, args=(index, token)) for index, token in enumerate(tokens)
    ]
    for thread in threads:
        thread.start()
    ready.put(len(tokens))
    go.wait()
    began = time.process_time()
    start.set()
    for thread in threads:
        thread.join()
    pushed = (sum(sent for _s, (sent, _a) in found), sum(a for _s, (_sent, a) in found))
    samples = [sample for samples, _pushed in found for sample in samples]
    results.put((samples, pushed, time.process_time() - began))


def publisher(platform: Platform, stop: threading.Event) -> None:
    """Changes ``CHANGED`` services every second, as a platform's editors do."""
    round_ = 0
    while not stop.wait(1.0):
        round_ += 1
        changed = generated_services(CHANGED, seed=1000 + round_)
        for record in changed:
            record["price_cents"] += round_
        try:
            platform.publish_many(("services", record) for record in changed)
        except OperationalError as error:  # SQLite busy past its timeout: next second
            print(f"    (a publication waited too long and was skipped: {error.orig})")


@dataclass(frozen=True)
class FleetRun:
    """What one fleet did: its requests, its pushed entries and what the platform held
    after, and what it cost (clock, load, processor time)."""

    samples: list[Sample]
    elapsed: float  # seconds, first request to last answer
    sent: int  # entries pushed, each UUID counted once
    accepted: int  # entries answered "accepted"
    stored: int  # submissions the database gained
    load: tuple[float, float, float]  # the machine's load average at the end
    platform_cpu: float  # processor seconds of the platform's processes
    database_cpu: float  # processor seconds of PostgreSQL's (0 on SQLite: in-process)
    kiosks_cpu: float  # processor seconds of the simulated kiosks, on the same cores

    @property
    def stored_once(self) -> bool:
        """Every accepted entry is in the database once, and nothing else is: no entry
        stored twice, none lost after its answer. (An entry whose pushes all went
        unanswered is not stored; its kiosk sends it again on its next pass.)"""
        return self.accepted == self.stored


def _cpu_seconds(pids: Iterator[int], reaped: int | None = None) -> float:
    """Processor time (user and system) of these live processes; ``reaped``: a parent
    whose ended children count too (PostgreSQL's postmaster and its backends)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        total += int(fields[11]) + int(fields[12])  # utime, stime
        if pid == reaped:
            total += int(fields[13]) + int(fields[14])  # cutime, cstime
    return total / tick


def _processes(parent_or_session: int, field: int) -> Iterator[int]:
    """Live processes whose ppid (``field`` 1) or session id (3) is the given one, and
    that process itself."""
    yield parent_or_session
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[field]) == parent_or_session:
                yield int(entry.name)


def _stored(platform: Platform) -> int:
    with platform.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Submission)) or 0)


def fleet_run(
    platform: Platform, server: PlatformWorkers, kiosks: int, passes: int, postmaster: int | None
) -> FleetRun:
    """``kiosks`` kiosks syncing at once."""
    url = server.url
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
        context.Process(target=client_process, args=(url, group, passes, ready, go, results))
        for group in groups
    ]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get(timeout=300)
    stored_before = _stored(platform)

    def cpu() -> tuple[float, float]:
        database = (
            0.0 if postmaster is None else _cpu_seconds(_processes(postmaster, 1), postmaster)
        )
        return _cpu_seconds(_processes(server.process.pid, 3)), database

    stop = threading.Event()
    editor = threading.Thread(target=publisher, args=(platform, stop))
    cpu_before = cpu()
    begin = time.perf_counter()
    editor.start()
    go.set()
    found = [results.get(timeout=3600) for _ in processes]
    elapsed = time.perf_counter() - begin
    cpu_after = cpu()
    stop.set()
    editor.join()
    for process in processes:
        process.join()
    return FleetRun(
        samples=[sample for samples, _pushed, _cpu in found for sample in samples],
        elapsed=elapsed,
        sent=sum(sent for _s, (sent, _a), _cpu in found),
        accepted=sum(accepted for _s, (_sent, accepted), _cpu in found),
        stored=_stored(platform) - stored_before,
        load=os.getloadavg(),
        platform_cpu=cpu_after[0] - cpu_before[0],
        database_cpu=cpu_after[1] - cpu_before[1],
        kiosks_cpu=sum(cpu for _s, _p, cpu in found),
    )


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


def _load(load: tuple[float, float, float]) -> str:
    return "load average " + " ".join(f"{figure:.1f}" for figure in load)


def report(label: str, run: FleetRun, alone: list[Sample]) -> None:
    samples = run.samples
    pushes = sum(kind == "push" for kind, _seconds, _status in samples)
    print(
        f"  {label}: {len(samples):,} requests in {run.elapsed:.1f} s"
        f" ({len(samples) / run.elapsed:,.0f}/s; {run.sent / run.elapsed:,.0f} pushed entries/s"
        f" in {pushes:,} pushes), {_load(run.load)}"
    )
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
    per_entry = (run.platform_cpu + run.database_cpu) / max(run.sent, 1)
    print(
        f"    processor time: platform {run.platform_cpu:.1f} s, database"
        f" {run.database_cpu:.1f} s, {per_entry * 1000:.2f} ms per pushed entry (pulls included);"
        f" the simulated kiosks {run.kiosks_cpu:.1f} s on the same cores"
    )
    unanswered = run.sent - run.accepted
    print(
        f"    every accepted entry stored once: {'yes' if run.stored_once else 'NO'}"
        f" (pushed {run.sent:,}, accepted {run.accepted:,}, stored {run.stored:,})"
        + (
            f"; {unanswered:,} unanswered after {PUSH_TRIES} tries, for the next pass"
            if unanswered
            else ""
        )
    )


def pull_p95(samples: list[Sample]) -> float:
    pulls = [seconds for kind, seconds, _status in samples if kind.startswith("pull")]
    return percentile(pulls, 0.95) if pulls else 0.0


def push_times(samples: list[Sample]) -> list[float]:
    return [seconds for kind, seconds, _status in samples if kind == "push"]


@dataclass(frozen=True)
class Measured:
    """One database's figures for one fleet, for the closing table."""

    push_p50: float
    push_p95: float
    entries_per_s: float
    load: tuple[float, float, float]
    stored_once: bool


@dataclass(frozen=True)
class Database:
    name: str
    url: str
    postmaster: int | None = None  # PostgreSQL's main process, for its processor time


@contextmanager
def databases(sqlite_only: bool, postgresql_only: bool = False) -> Iterator[Iterator[Database]]:
    """Each database the platform is measured on."""
    folder = Path(tempfile.mkdtemp(prefix="bench-platform-"))
    postgres: Any = None

    def each() -> Iterator[Database]:
        nonlocal postgres
        if not postgresql_only:
            yield Database("SQLite", f"sqlite:///{folder / 'central.sqlite3'}")
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
        postmaster = int((postgres.data / "postmaster.pid").read_text().split()[0])
        yield Database("PostgreSQL", postgres.new_database(), postmaster)

    try:
        yield each()
    finally:
        if postgres is not None:
            postgres.stop()
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def measure(
    database: Database, fleets: list[int], workers: int, threads: int | None = None
) -> dict[int, Measured]:
    name = database.name
    print(f"\n{name}: publishing {SERVICES:,} services ...", flush=True)
    platform = Platform(database.url)
    seed_if_empty(platform, DEMO_DATASET)
    platform.publish_many(("services", record) for record in generated_services(SERVICES))
    server = PlatformWorkers(database.url, workers, threads)
    found: dict[int, Measured] = {}
    try:
        print(
            f"{name}, {workers} platform processes, {PASSES} sync passes per kiosk"
            f" (push {PUSHED} entries, pull every stream in pages of {PAGE}):"
        )
        floor = fleet_run(platform, server, 1, PASSES, database.postmaster)
        alone = floor.samples
        report("1 kiosk (the floor)", floor, alone)
        for kiosks in fleets:
            run = fleet_run(platform, server, kiosks, PASSES, database.postmaster)
            report(f"{kiosks} kiosks at once", run, alone)
            pull = pull_p95(run.samples)
            print(
                f"    p95 of a pull request {pull * 1000:.0f} ms,"
                f" {pull / max(pull_p95(alone), 1e-6):.1f}x one kiosk alone"
                + (f"   (target at {TARGET_FLEET}: < 1 s)" if kiosks == TARGET_FLEET else "")
            )
            pushes = push_times(run.samples)
            if not pushes:  # --pull-only
                continue
            found[kiosks] = Measured(
                push_p50=median(pushes),
                push_p95=percentile(pushes, 0.95),
                entries_per_s=run.sent / run.elapsed,
                load=run.load,
                stored_once=run.stored_once,
            )
    finally:
        server.stop()
        platform.engine.dispose()
    return found


def closing_table(measured: dict[str, dict[int, Measured]]) -> None:
    """The push figures of every database side by side, and PostgreSQL's p95 over
    SQLite's: measured in the same run, so the machine's load weighs on both."""
    if not any(measured.values()):
        return  # --pull-only: no push to compare
    print(
        f"\nPush latency, {PUSHED} entries a push (target at {PUSH_TARGET_FLEET} kiosks on"
        f" PostgreSQL: p95 < {PUSH_TARGET_P95:.0f} s, and no slower than SQLite):"
    )
    print(
        f"  {'kiosks':>6}  {'database':10}  {'p50':>8}  {'p95':>8}  {'entries/s':>9}"
        f"  {'once':4}  load average"
    )
    for kiosks in sorted({k for figures in measured.values() for k in figures}):
        for name, figures in measured.items():
            if kiosks in figures:
                m = figures[kiosks]
                print(
                    f"  {kiosks:6}  {name:10}  {m.push_p50:7.2f}s  {m.push_p95:7.2f}s"
                    f"  {m.entries_per_s:9,.0f}  {'yes' if m.stored_once else 'NO':4}"
                    f"  {' '.join(f'{x:.1f}' for x in m.load)}"
                )
        sqlite, postgres = measured.get("SQLite", {}), measured.get("PostgreSQL", {})
        if kiosks in sqlite and kiosks in postgres:
            ratio = postgres[kiosks].push_p95 / max(sqlite[kiosks].push_p95, 1e-6)
            print(f"  {kiosks:6}  PostgreSQL p95 / SQLite p95 = {ratio:.2f}")


def main(args: list[str] | None = None) -> None:
    args = list(args or [])
    fleets = [int(arg) for arg in args if arg.isdigit()] or list(FLEETS)
    workers, threads = WORKERS, None
    for arg in args:
        if arg.startswith("--workers="):
            workers = int(arg.split("=", 1)[1])
        if arg.startswith("--threads="):  # requests a process handles at once
            threads = int(arg.split("=", 1)[1])
    if "--pull-only" in args:  # the client processes are spawned: they read it there
        os.environ[PULL_ONLY] = "1"
    measured: dict[str, dict[int, Measured]] = {}
    with databases("--sqlite" in args, "--postgresql" in args) as each:
        for database in each:
            measured[database.name] = measure(database, fleets, workers, threads)
    closing_table(measured)
