# SPDX-License-Identifier: EUPL-1.2
"""Sync speed: initial pull, push batching, and UI responsiveness during a full sync.

* Initial pull of 10,000 services from the reference platform (its own process) over
  loopback HTTP, beside its fair floor: the same JSON pages parsed with orjson, and the
  very rows the kiosk stored (search index included) inserted with plain ``sqlite3``
  executemany in one transaction. For context, the same pages fetched over HTTP and
  parsed, nothing stored; and the bytes the pages take on the wire.
* At 100,000 services: the pull's cost per record (median of three pulls, the platform's
  pages cached first as for the 10,000) beside the figure at 10,000 of three pulls taken
  in turn with them, and 100 changed services applied by an incremental pull.
* Push of 1,000 outbox entries in batches of 100, beside one request per entry.
* The longest gap of a 10 ms QTimer heartbeat on the UI thread while the sync worker
  pulls everything and the screen refreshes, at 10,000 and 100,000 services, the worst
  of six full syncs, with a second process keeping the other core busy.
"""

from __future__ import annotations

import gc
import gzip
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from statistics import median
from typing import Any, NamedTuple

import orjson
import requests

from benchmarks.catalog import generated_services
from central.dataset import seed_if_empty
from central.platform import Platform
from kiosk.boot.paths import DEMO_DATASET
from protocol.wire import Page
from store import outbox
from store.database import Store
from sync import heap
from sync.client import PlatformClient
from sync.engine import PreparedPage, SyncEngine

SERVICES = 10_000
PAGE = 1000
LARGE = 100_000
PULL_RUNS = 5
LARGE_RUNS = 3
PUSHED = 1000
CHANGED = 100
STALL_RUNS = 6  # the worst of these is reported: the target is a maximum
SHADOW = ("_data", "_idx", "_docsize", "_config", "_content")  # FTS5's own tables
# Processor time of each pull and floor (every thread of this process; the platform runs
# in its own): on a shared machine it moves far less than the time on the clock.
PROCESSOR: dict[str, list[float]] = {"pull": [], "floor": [], "store floor": []}


def seeded_platform(folder: Path, services: int = SERVICES) -> Platform:
    platform = Platform(f"sqlite:///{folder / f'central-{services}.sqlite3'}")
    seed_if_empty(platform, DEMO_DATASET)
    platform.publish_many(("services", record) for record in generated_services(services - 36))
    return platform


@contextmanager
def other_core_busy() -> Iterator[None]:
    """A second process spinning on the other core for as long as the block runs."""
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        spinner.kill()
        spinner.wait()


def stored_rows(path: Path) -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
    """The schema of a store the kiosk pulled into, and every row it holds, search rows
    included (read from the full-text table itself, with their rowids)."""
    database = sqlite3.connect(path)
    schema, rows = [], {}
    for name, kind, sql in database.execute(
        "SELECT name, type, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ):
        if name.endswith(SHADOW) or name.startswith("sqlite_") or name == "alembic_version":
            continue
        schema.append(sql)
        if kind == "table" and "fts5vocab" not in sql:  # a vocabulary is a view of an index
            virtual = sql.upper().startswith("CREATE VIRTUAL")
            columns = "rowid, *" if virtual else "*"
            found = database.execute(f"SELECT {columns} FROM {name}").fetchall()
            if found:
                rows[name] = found
    database.close()
    return schema, rows


# The settings the kiosk's store writes with during a pull (store/database.py): for a
# second floor, printed for context beside the target's.
STORE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA secure_delete=ON",
)


def fair_floor(
    pages: list[bytes],
    schema: list[str],
    rows: dict[str, list[tuple[Any, ...]]],
    folder: Path,
    pragmas: tuple[str, ...] = (),
) -> float:
    """The pages parsed with orjson, and the rows the kiosk stores inserted with one
    executemany per table in one transaction, into the kiosk's own schema (with
    ``pragmas``: also with its store's settings; processor time kept apart)."""
    path = folder / f"fair-floor-{time.monotonic_ns()}.sqlite3"
    database = sqlite3.connect(path, isolation_level=None)
    for pragma in pragmas:
        database.execute(pragma)
    for sql in schema:
        database.execute(sql)
    statements = {
        table: f"INSERT INTO {table} VALUES ({', '.join('?' * len(found[0]))})"
        for table, found in rows.items()
    }
    for table in rows:
        if "fts" in table:  # a full-text table is written with its rowid named
            width = len(rows[table][0]) - 1
            statements[table] = (
                f"INSERT INTO {table} (rowid, {', '.join(fts_columns(database, table))})"
                f" VALUES ({', '.join('?' * (width + 1))})"
            )
    with heap.frozen_meanwhile():
        begin, processor = time.perf_counter(), time.process_time()
        for raw in pages:
            orjson.loads(raw)
        database.execute("BEGIN")
        for table, found in rows.items():
            database.executemany(statements[table], found)
        database.execute("COMMIT")
        elapsed = time.perf_counter() - begin
        PROCESSOR["floor" if not pragmas else "store floor"].append(time.process_time() - processor)
    database.close()
    path.unlink()
    return elapsed


def fts_columns(database: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in database.execute(f"PRAGMA table_info({table})")]


def incremental_pull(
    platform: Platform, store: Store, client: PlatformClient, round_: int = 1
) -> float:
    """Seconds to pull and apply ``CHANGED`` changed services into a full mirror."""
    changed = generated_services(CHANGED, seed=11)
    for record in changed:
        record["price_cents"] += 10 * round_
    platform.publish_many(("services", record) for record in changed)
    engine = SyncEngine(store, client, page_size=PAGE)
    begin = time.perf_counter()
    pulled = engine.pull_stream("catalog")
    elapsed = time.perf_counter() - begin
    assert pulled == CHANGED, pulled
    return elapsed


def enrolled(platform: Platform, url: str) -> PlatformClient:
    client = PlatformClient(url, read_timeout=60)
    _device, token = client.enroll(platform.new_enrollment_code(), "bench")
    client.set_token(token)
    return client


def fetched_pages(url: str, token: str) -> list[bytes]:
    """The catalog's change pages as the platform sends them, fetched once."""
    pages, since = [], "0"
    while True:
        reply = requests.get(
            f"{url}/v1/changes/catalog",
            params={"since": since, "limit": str(PAGE)},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
        pages.append(reply.content)
        body = orjson.loads(reply.content)
        since = body["next_cursor"]
        if not body["has_more"]:
            break
    return pages


def wire_bytes(url: str, token: str) -> tuple[int, int]:
    """Bytes the catalog's pages take on the wire (compressed) and as JSON."""
    wire = plain = 0
    since = "0"
    while True:
        with requests.get(
            f"{url}/v1/changes/catalog",
            params={"since": since, "limit": str(PAGE)},
            headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"},
            stream=True,
            timeout=60,
        ) as reply:
            raw = reply.raw.read(decode_content=False)
            body = gzip.decompress(raw) if reply.headers.get("Content-Encoding") == "gzip" else raw
        wire, plain = wire + len(raw), plain + len(body)
        page = orjson.loads(body)
        since = page["next_cursor"]
        if not page["has_more"]:
            return wire, plain


def timed_pull(
    platform: Platform, url: str, folder: Path, name: str, then: Callable[..., Any] | None = None
) -> tuple[float, int]:
    """Seconds to pull the catalog into a new store, and records pulled; ``then(store,
    client)`` runs on the full store before it is closed."""
    store = Store(folder / f"{name}.sqlite3")
    client = enrolled(platform, url)
    engine = SyncEngine(store, client, page_size=PAGE)
    begin, processor = time.perf_counter(), time.process_time()
    pulled = engine.pull_stream("catalog")
    elapsed = time.perf_counter() - begin
    PROCESSOR["pull"].append(time.process_time() - processor)
    if then is not None:
        then(store, client)
    client.close()
    store.close()
    return elapsed, pulled


def ready_pages(platform: Platform, url: str, folder: Path) -> list[tuple[Page, PreparedPage]]:
    """Every page of the catalog fetched and prepared as the pull prepares it (validated,
    converted, search rows made from a store holding the pages before it), written
    into a scratch store on the way."""
    client = enrolled(platform, url)
    store = Store(folder / "ready.sqlite3")
    engine = SyncEngine(store, client, page_size=PAGE)
    ready, since = [], "0"
    while True:
        page = client.changes("catalog", since, PAGE)
        prepared = engine._prepare("catalog", page)
        prepared = prepared._replace(steps=engine._search_rows_ahead(prepared.steps))
        engine._apply("catalog", prepared)
        ready.append((page, prepared))
        if not page.has_more:
            break
        since = page.next_cursor
    client.close()
    store.close()
    return ready


def writer_share(
    platform: Platform, url: str, folder: Path, name: str, ready: list[tuple[Page, PreparedPage]]
) -> float:
    """Seconds the pull takes when its pages come ready (``ready_pages``): the engine's
    own pull, its fetching and preparing replaced by handing over the next page. No
    arrangement of the preparation (a helper process, say) brings a pull below this."""
    store = Store(folder / f"{name}.sqlite3")
    client = enrolled(platform, url)
    engine = SyncEngine(store, client, page_size=PAGE)
    handed = iter(ready)
    first_page, first_prepared = next(handed)
    client.changes = lambda *_: first_page  # type: ignore[method-assign]
    engine._prepare = lambda *_: first_prepared  # type: ignore[method-assign]
    engine._fetch_prepared = lambda *_: next(handed)  # type: ignore[method-assign]
    begin = time.perf_counter()
    engine.pull_stream("catalog")
    elapsed = time.perf_counter() - begin
    client.close()
    store.close()
    return elapsed


def large_pulls(
    large: Platform,
    url: str,
    folder: Path,
    then: Callable[..., Any] | None = None,
    in_turn: Callable[[], object] | None = None,
) -> tuple[float, float, int]:
    """Median clock and processor seconds of ``LARGE_RUNS`` pulls of the large catalog,
    and records pulled, measured as the 10,000-service pull they are compared with: the
    platform has made and cached its pages first (the first kiosk to pull pays for them
    on the platform's side, which shares this machine's two cores). ``in_turn()`` runs
    before each (the pull they are compared with, taken in turn with them: the machine's
    speed drifts by 10-15% within the minutes between the two sizes). ``then(store,
    client)`` runs on the last pull's store."""
    warming = enrolled(large, url)
    try:
        fetched_pages(url, warming._token or "")
    finally:
        warming.close()
    clock: list[float] = []
    processor: list[float] = []
    pulled = 0
    for run in range(LARGE_RUNS):
        if in_turn is not None:
            in_turn()
        last = run == LARGE_RUNS - 1
        seconds, pulled = timed_pull(large, url, folder, f"large{run}", then if last else None)
        clock.append(seconds)
        processor.append(PROCESSOR["pull"][-1])
        for stored in folder.glob(f"large{run}.sqlite3*"):
            stored.unlink()  # a 100,000-service store takes about 200 MB
    return median(clock), median(processor), pulled


class InTurn:
    """Pulls of the 10,000-service catalog taken in turn with the large ones
    (``large_pulls(in_turn=...)``): their clock and processor seconds."""

    def __init__(self, platform: Platform, url: str, folder: Path) -> None:
        self.platform, self.url, self.folder = platform, url, folder
        self.clock: list[float] = []
        self.processor: list[float] = []

    def __call__(self) -> None:
        name = f"in-turn{len(self.clock)}"
        seconds, _pulled = timed_pull(self.platform, self.url, self.folder, name)
        self.clock.append(seconds)
        self.processor.append(PROCESSOR["pull"][-1])
        for stored in self.folder.glob(f"{name}.sqlite3*"):
            stored.unlink()


def print_cost_per_record(large: float, small: InTurn, pulled: int, first: float) -> None:
    """The target's line: seconds per record at 100,000 against the pulls of 10,000
    taken in turn with them; beside it, against the first pulls of 10,000 (minutes
    earlier)."""
    in_turn = median(small.clock) / pulled
    print(
        f"  cost per record {large * 1e6:.1f} µs vs {in_turn * 1e6:.1f} µs at {pulled:,},"
        f" taken in turn: {large / in_turn:.2f}x   (target: <= 1.1x);"
        f" against the first pulls of {pulled:,} ({first * 1e6:.1f} µs): {large / first:.2f}x"
    )


def timed_push(platform: Platform, url: str, folder: Path, batch: int) -> float:
    store = Store(folder / f"push{batch}-{time.monotonic_ns()}.sqlite3")
    with store.write() as session:
        for number in range(PUSHED):
            outbox.add(session, "event", {"n": number, "note": "benchmark"})
    client = enrolled(platform, url)
    engine = SyncEngine(store, client, push_batch=batch)
    begin = time.perf_counter()
    accepted, _rejected = engine.push()
    elapsed = time.perf_counter() - begin
    assert accepted == PUSHED
    client.close()
    store.close()
    return elapsed


def ui_stall(
    platform: Platform, url: str, folder: Path, route: str, params: dict[str, str]
) -> Stall:
    """Longest gap between 10 ms heartbeats on the UI thread during a full sync, run as
    the kiosk runs it (in its own process, ``kiosk/boot/sync_process.py``), including
    the refresh of the screen on show when the sync has finished."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.boot.config import parse_config
    from kiosk.boot.sync_process import SyncProcess
    from kiosk.ui.application import build_window, settle_heap
    from kiosk.ui.sync_bridge import SyncBridge
    from store.catalog import CatalogReader

    app = QApplication.instance() or QApplication([])
    data = folder / f"ui-{route}-{time.monotonic_ns()}"
    config = parse_config(
        f'[paths]\ndata_dir = "{data}"\ndatabase = "{data / "kiosk.sqlite3"}"\n'
        f'cache_dir = "{folder / "cache"}"\nlog_dir = "{data / "log"}"\n'
        f'[sync]\nplatform_url = "{url}"\nenrollment_code = "{platform.new_enrollment_code()}"\n'
        f"page_size = {PAGE}\ninterval_s = 3600\nread_timeout_s = 60\n"
    )
    data.mkdir(parents=True)
    store = Store(config.paths.database)
    window = build_window(config, app)  # type: ignore[arg-type]
    reader = CatalogReader(store)
    window.attach(reader)
    window.resize(1920, 1080)
    window.show()
    window.go(route, params)
    bridge = SyncBridge()
    bridge.mirror_changed.connect(window.refresh)
    done = threading.Event()

    def mirror_changed() -> None:  # as the kiosk wires it (kiosk.boot.backend.open_services):
        bridge.on_mirror_changed()  # the sync process has answered the screen's questions
        done.set()

    def status(update: Any) -> None:
        if update.problem is not None:
            print(f"  (the sync failed: {update.problem} {update.detail})")
            done.set()

    worker = SyncProcess(
        config, store=store, on_status=status, on_mirror_changed=mirror_changed, catalog=reader
    )
    gaps: list[tuple[float, float]] = []  # (when it ended, how long)
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now, now - last[0]))
        if os.environ.get("BENCH_TRACE") and now - last[0] > 0.03:
            print(f"  (gap of {1000 * (now - last[0]):.0f} ms ending at {now:.3f})")
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)

    def turn_for(seconds: float) -> None:
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.001)

    turn_for(0.1)  # the screen is laid out and painted before the sync starts
    settle_heap()  # as the kiosk does once its catalog is ready
    # What could explain a long gap: this process's collections, and the time the
    # machine's host took from it (a virtual machine's "steal").
    collections: list[float] = []
    collection_began = [0.0]

    def on_collection(phase: str, _info: dict[str, Any]) -> None:
        now = time.perf_counter()
        if phase == "start":
            collection_began[0] = now
        else:
            collections.append(now - collection_began[0])

    gc.callbacks.append(on_collection)
    stolen = stolen_ms()
    last[0] = began = time.perf_counter()
    heartbeat.start()
    worker.start()
    while not done.is_set():
        app.processEvents()
        time.sleep(0.001)
    synced = time.perf_counter()
    turn_for(0.1)  # the refresh that follows the sync runs on the UI thread too
    refreshed = time.perf_counter()
    gc.callbacks.remove(on_collection)
    stolen = stolen_ms() - stolen
    worker.stop()
    # The floor: the same screen and heartbeat, as long again, with nothing syncing.
    last[0] = quiet = time.perf_counter()
    turn_for(synced - began)
    heartbeat.stop()
    window.ctx.switcher.detach()
    window.close()
    # Deleted now, with its timers: left to the collector (off, as in the kiosk) each
    # run's window lived on, and its timers ran through every later run's figures.
    for qt_object in (window, bridge, heartbeat):
        qt_object.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    store.close()

    def longest(start: float, end: float) -> float:
        return 1000 * max((gap for ended, gap in gaps if start < ended <= end), default=0.0)

    return Stall(
        syncing=longest(began, synced),
        refresh=longest(synced, refreshed),
        floor=longest(quiet, float("inf")),
        seconds=synced - began,
        collecting=1000 * max(collections, default=0.0),
        stolen=stolen,
    )


def stolen_ms() -> float:
    """Milliseconds the host has taken from this machine's processors since it started
    (Linux /proc/stat, "steal"; 0 where it is not counted)."""
    fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()
    steal = int(fields[8]) if len(fields) > 8 else 0
    return steal * 1000 / os.sysconf("SC_CLK_TCK")


class Stall(NamedTuple):
    """Longest heartbeat gaps (ms) during a sync, in the refresh after it, and with
    nothing syncing for as long (the floor: what the busy machine alone causes)."""

    syncing: float
    refresh: float
    floor: float
    seconds: float
    collecting: float  # the longest collection of this process during the sync and refresh
    stolen: float  # processor time the host took from the machine meanwhile (ms)


class PlatformProcess:
    """The reference platform in its own process, as a kiosk meets it in production."""

    def __init__(self, database: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk.cli",
                "central",
                "--db",
                f"sqlite:///{database}",
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/v1/health", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("the platform process did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def stalls(platform: Platform, url: str, folder: Path) -> None:
    for route, params, what in (
        ("catalog", {}, "on the catalog screen"),
        (
            "category",
            {"category_id": "silvercare", "comune_id": "piazzola"},
            "on a category, Piazzola's services in it",
        ),
    ):
        with other_core_busy():
            found = [ui_stall(platform, url, folder, route, params) for _ in range(STALL_RUNS)]
        worst = max(max(run.syncing, run.refresh) for run in found)
        floor = max(run.floor for run in found)
        print(f"  {what}: longest stall {worst:5.1f} ms (target: <= 50 ms)")
        print(
            "    during the sync     " + ", ".join(f"{run.syncing:4.0f}" for run in found) + " ms"
        )
        print(
            "    refresh after it    " + ", ".join(f"{run.refresh:4.0f}" for run in found) + " ms"
        )
        print(
            "    floor, no sync      " + ", ".join(f"{run.floor:4.0f}" for run in found) + " ms"
            f"   (as long as each sync: {median(run.seconds for run in found):.1f} s)"
        )
        print(f"    worst over floor {worst:5.1f} / {floor:5.1f} ms = {worst / floor:.2f}x")
        print(
            "    longest collection  "
            + ", ".join(f"{run.collecting:4.1f}" for run in found)
            + " ms; taken by the host "
            + ", ".join(f"{run.stolen:.0f}" for run in found)
            + " ms   (what could explain a long gap)"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as platforms:
        folder = Path(tmp)
        print(f"publishing {SERVICES:,} services on the reference platform ...", flush=True)
        platform = seeded_platform(folder)
        # The platform runs in its own process, as a kiosk meets it in production.
        remote = PlatformProcess(Path(platform.engine.url.database or ""))
        platforms.callback(remote.stop)
        floor_client = enrolled(platform, remote.url)
        token = floor_client._token or ""
        pages = fetched_pages(remote.url, token)
        timed_pull(platform, remote.url, folder, "rows")
        schema, rows = stored_rows(folder / "rows.sqlite3")
        pulls, floors, fetches = [], [], []
        for run in range(PULL_RUNS):  # interleaved, so a slow moment hits all
            with heap.frozen_meanwhile():  # as the pull and the floor
                begin = time.perf_counter()
                fetched_pages(remote.url, token)
                fetches.append(time.perf_counter() - begin)
            floors.append(fair_floor(pages, schema, rows, folder))
            pull, pulled = timed_pull(platform, remote.url, folder, f"pull{run}")
            pulls.append(pull)
        pull, floor = median(pulls), median(floors)
        stored = sum(len(found) for found in rows.values())
        print(
            f"\ninitial pull of the catalog ({pulled:,} records, pages of {PAGE}),"
            f" medians of {PULL_RUNS} runs:"
        )
        print(f"  kiosk pull over HTTP (validate, upsert, index)  {pull * 1000:7.0f} ms")
        print(
            f"  fair floor: orjson + executemany of the {stored:,} rows stored"
            f" {floor * 1000:6.0f} ms"
        )
        print(f"  ratio {pull / floor:.2f}x   (target: <= 1.6x)")
        cpu_pull = median(PROCESSOR["pull"][-PULL_RUNS:])
        cpu_floor = median(PROCESSOR["floor"][-PULL_RUNS:])
        print(
            f"  processor time: pull {cpu_pull * 1000:.0f} ms, floor {cpu_floor * 1000:.0f} ms"
            f" = {cpu_pull / cpu_floor:.2f}x (steadier than the clock on a busy machine)"
        )
        print(
            f"  for context: the same pages fetched over HTTP and parsed, nothing stored"
            f" {median(fetches) * 1000:5.0f} ms"
        )
        wire, plain = wire_bytes(remote.url, token)
        print(
            f"  bytes on the wire {wire / 1024:,.0f} KiB of {plain / 1024:,.0f} KiB JSON"
            f" = {wire / plain:.0%}   (target: <= 20%)"
        )
        one_by_one = timed_push(platform, remote.url, folder, 1)
        batched = timed_push(platform, remote.url, folder, 100)
        print(f"\npush of {PUSHED:,} outbox entries:")
        print(f"  batches of 100   {batched * 1000:7.0f} ms")
        print(f"  one per request  {one_by_one * 1000:7.0f} ms")
        print(f"  speed-up {one_by_one / batched:.1f}x   (target: >= 10x)")
        print(
            f"\nUI event loop during a full sync of {SERVICES:,} services, 10 ms heartbeat,"
            " other core busy (target: no stall over 50 ms):"
        )
        stalls(platform, remote.url, folder)
        small = InTurn(platform, remote.url, folder)  # its platform runs on (``platforms``)
        print(f"\npublishing {LARGE:,} services on the reference platform ...", flush=True)
        large = seeded_platform(folder, LARGE)
        remote = PlatformProcess(Path(large.engine.url.database or ""))
        platforms.callback(remote.stop)
        incremental: list[float] = []
        big, _cpu, big_pulled = large_pulls(
            large,
            remote.url,
            folder,
            then=lambda store, client: incremental.append(incremental_pull(large, store, client)),
            in_turn=small,
        )
        print(f"\npull of {big_pulled:,} records, median of {LARGE_RUNS} runs: {big:.1f} s")
        print_cost_per_record(big / big_pulled, small, pulled, pull / pulled)
        print(
            f"  {CHANGED} changed services applied by an incremental pull"
            f" {incremental[0] * 1000:6.1f} ms   (target: <= 50 ms)"
        )
        print(
            f"\nUI event loop during a full sync of {LARGE:,} services, 10 ms heartbeat,"
            " other core busy (target: no stall over 50 ms):"
        )
        stalls(large, remote.url, folder)


def stall_main() -> None:
    """Only the UI stall figures, at 10,000 and 100,000 services (``./dev bench stall``)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for services in (SERVICES, LARGE):
            print(f"publishing {services:,} services on the reference platform ...", flush=True)
            platform = seeded_platform(folder, services)
            remote = PlatformProcess(Path(platform.engine.url.database or ""))
            try:
                print(
                    f"\nUI event loop during a full sync of {services:,} services, 10 ms"
                    " heartbeat, other core busy (target: no stall over 50 ms):"
                )
                stalls(platform, remote.url, folder)
            finally:
                remote.stop()


def pull_main() -> None:
    """Only the pull's figures (``./dev bench pull``): the initial pull of 10,000 services
    beside its fair floor, and at 100,000 the cost per record and incremental pulls,
    each as clock time and as this process's processor time."""
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as platforms:
        folder = Path(tmp)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        platform = seeded_platform(folder)
        remote = PlatformProcess(Path(platform.engine.url.database or ""))
        platforms.callback(remote.stop)
        token = enrolled(platform, remote.url)._token or ""
        pages = fetched_pages(remote.url, token)
        timed_pull(platform, remote.url, folder, "rows")
        schema, rows = stored_rows(folder / "rows.sqlite3")
        pulls, floors, store_floors = [], [], []
        for run in range(PULL_RUNS):
            floors.append(fair_floor(pages, schema, rows, folder))
            store_floors.append(fair_floor(pages, schema, rows, folder, STORE_PRAGMAS))
            pull, pulled = timed_pull(platform, remote.url, folder, f"pull{run}")
            pulls.append(pull)
        pull, floor, store_floor = median(pulls), median(floors), median(store_floors)
        # After the pulls: the pages kept ready would weigh on them (memory, caches).
        ready = ready_pages(platform, remote.url, folder)
        shares = [
            writer_share(platform, remote.url, folder, f"ready{run}", ready)
            for run in range(PULL_RUNS)
        ]
        del ready
        cpu_small = median(PROCESSOR["pull"][-PULL_RUNS:])
        cpu_floor = median(PROCESSOR["floor"][-PULL_RUNS:])
        print(f"\ninitial pull of {pulled:,} records, medians of {PULL_RUNS} runs:")
        print(
            f"  clock {pull * 1000:.0f} ms vs floor {floor * 1000:.0f} ms"
            f" = {pull / floor:.2f}x   (target: <= 1.6x)"
        )
        print(
            f"  processor {cpu_small * 1000:.0f} ms vs floor {cpu_floor * 1000:.0f} ms"
            f" = {cpu_small / cpu_floor:.2f}x"
        )
        cpu_store = median(PROCESSOR["store floor"][-PULL_RUNS:])
        print(
            "  for context, the same floor written with the store's own settings (WAL,"
            f" foreign keys, secure delete): {store_floor * 1000:.0f} ms, the pull"
            f" {pull / store_floor:.2f}x it (processor {cpu_small / cpu_store:.2f}x)"
        )
        share = median(shares)
        print(
            "  for context, the same pull with every page fetched and prepared"
            f" beforehand (the writer's share, the least any way of preparing pages"
            f" elsewhere could reach): {share * 1000:.0f} ms = {share / floor:.2f}x the floor"
        )
        small = InTurn(platform, remote.url, folder)  # its platform runs on (``platforms``)
        print(f"\npublishing {LARGE:,} services on the reference platform ...", flush=True)
        large = seeded_platform(folder, LARGE)
        remote = PlatformProcess(Path(large.engine.url.database or ""))
        platforms.callback(remote.stop)
        incremental: list[float] = []

        def changes(store: Store, client: PlatformClient) -> None:
            for round_ in range(1, 6):
                incremental.append(incremental_pull(large, store, client, round_))

        big, cpu_big, big_pulled = large_pulls(
            large, remote.url, folder, then=changes, in_turn=small
        )
        print(f"\npull of {big_pulled:,} records, median of {LARGE_RUNS} runs: {big:.1f} s")
        print_cost_per_record(big / big_pulled, small, pulled, pull / pulled)
        cpu_turn = median(small.processor) / pulled
        print(
            f"  processor per record {cpu_big / big_pulled * 1e6:.1f} µs vs"
            f" {cpu_turn * 1e6:.1f} µs = {cpu_big / big_pulled / cpu_turn:.2f}x"
            f" (against the first pulls: {cpu_big / big_pulled / (cpu_small / pulled):.2f}x)"
        )
        each = ", ".join(f"{1000 * seconds:.0f}" for seconds in incremental)
        print(
            f"  {CHANGED} changed services applied by an incremental pull, median of"
            f" {len(incremental)}: {median(incremental) * 1000:.1f} ms (runs: {each})"
            "   (target: <= 50 ms)"
        )
