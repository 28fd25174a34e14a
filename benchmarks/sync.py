"""Sync speed: initial pull, push batching, and UI responsiveness during a full sync.

* Initial pull of 10,000 services from the reference platform (its own process) over
  loopback HTTP, beside its floor: the same JSON pages parsed and inserted with a single
  executemany, parsed with orjson as the kiosk parses them (and, for comparison with
  earlier figures, with the json module). For context, the same pages fetched over HTTP
  and parsed, nothing stored: what the platform and the transport take on their own.
* Push of 1,000 outbox entries in batches of 100, beside one request per entry.
* The longest gap of a 10 ms QTimer heartbeat on the UI thread while the sync worker
  pulls everything (target: no stall over 50 ms), the worst of three full syncs.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median
from typing import Any

import orjson
import requests

from benchmarks.catalog import generated_services
from central.dataset import seed_if_empty
from central.platform import Platform
from kiosk.paths import DEMO_DATASET
from sync import heap, outbox
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.store import Store

SERVICES = 10_000
PAGE = 1000
PULL_RUNS = 5
PUSHED = 1000
STALL_RUNS = 3  # the worst of these is reported: the target is a maximum


def seeded_platform(folder: Path) -> Platform:
    platform = Platform(f"sqlite:///{folder / 'central.sqlite3'}")
    seed_if_empty(platform, DEMO_DATASET)
    platform.publish_many(("services", record) for record in generated_services(SERVICES - 36))
    return platform


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
            params={"since": since, "limit": PAGE},
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
            params={"since": since, "limit": PAGE},
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


def pull_floor(
    pages: list[bytes], folder: Path, loads: Callable[[bytes], Any], dumps: Callable[[Any], str]
) -> tuple[float, int]:
    """The floor: the same pages parsed, each record's data turned back into JSON text and
    inserted with one executemany, in one transaction; no validation, no search rows.

    It runs with the objects older than it frozen, as the pull does (``heap``): else
    Python's collector walks this process's 100,000 objects during it, which added
    about 55 ms (measured), nearly doubling it."""
    path = folder / f"floor-{time.monotonic_ns()}.sqlite3"
    database = sqlite3.connect(path)
    database.execute("CREATE TABLE services (id TEXT PRIMARY KEY, kind TEXT, data TEXT)")
    with heap.frozen_meanwhile():
        begin = time.perf_counter()
        rows = []
        for raw in pages:
            for item in loads(raw)["items"]:
                rows.append((item["id"], item["kind"], dumps(item["data"])))
        with database:
            database.executemany("INSERT OR REPLACE INTO services VALUES (?, ?, ?)", rows)
        elapsed = time.perf_counter() - begin
    database.close()
    path.unlink()
    return elapsed, len(rows)


def orjson_text(value: Any) -> str:
    return orjson.dumps(value).decode()


def timed_pull(platform: Platform, url: str, folder: Path, name: str) -> tuple[float, int]:
    store = Store(folder / f"{name}.sqlite3")
    client = enrolled(platform, url)
    engine = SyncEngine(store, client, page_size=PAGE)
    begin = time.perf_counter()
    pulled = engine.pull_stream("catalog")
    elapsed = time.perf_counter() - begin
    client.close()
    store.close()
    return elapsed, pulled


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
) -> tuple[float, int]:
    """Longest gap between 10 ms heartbeats on the UI thread during a full sync,
    including the refresh of the screen on show when the sync has finished."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.config import parse_config
    from kiosk.ui.application import build_window, settle_heap
    from kiosk.ui.sync_bridge import SyncBridge
    from sync.catalog import CatalogReader
    from sync.worker import SyncWorker

    app = QApplication.instance() or QApplication([])
    config = parse_config(f'[paths]\ncache_dir = "{folder / "cache"}"\n')
    store = Store(folder / f"ui-{route}-{time.monotonic_ns()}.sqlite3")
    window = build_window(config, app)  # type: ignore[arg-type]
    window.attach(CatalogReader(store))
    window.resize(1920, 1080)
    window.show()
    window.go(route, params)
    bridge = SyncBridge()
    bridge.mirror_changed.connect(window.refresh)
    client = enrolled(platform, url)
    engine = SyncEngine(store, client, page_size=PAGE)
    worker = SyncWorker(store, lambda: engine, on_mirror_changed=bridge.on_mirror_changed)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        if os.environ.get("BENCH_TRACE") and now - last[0] > 0.03:
            print(f"  (gap of {1000 * (now - last[0]):.0f} ms ending at {now:.3f})")
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)
    done = threading.Event()

    def sync() -> None:
        worker.run_pass()
        done.set()

    for _ in range(20):  # the screen is laid out and painted before the sync starts
        app.processEvents()
        time.sleep(0.005)
    settle_heap()  # as the kiosk does once its catalog is ready
    last[0] = time.perf_counter()
    heartbeat.start()
    thread = threading.Thread(target=sync)
    thread.start()
    while not done.is_set():
        app.processEvents()
        time.sleep(0.001)
    for _ in range(20):  # the refresh that follows the sync runs on the UI thread too
        app.processEvents()
        time.sleep(0.005)
    heartbeat.stop()
    thread.join()
    window.ctx.switcher.detach()
    window.close()
    store.close()
    client.close()
    return max(gaps) * 1000, len(gaps)


class PlatformProcess:
    """The reference platform in its own process, as a kiosk meets it in production."""

    def __init__(self, database: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli", "central", "--db", f"sqlite:///{database}",
             "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"publishing {SERVICES:,} services on the reference platform ...", flush=True)
        platform = seeded_platform(folder)
        # The platform runs in its own process, as a kiosk meets it in production.
        remote = PlatformProcess(folder / "central.sqlite3")
        try:
            floor_client = enrolled(platform, remote.url)
            pages = fetched_pages(remote.url, floor_client._token or "")
            pulls, floors, stdlib_floors, fetches = [], [], [], []
            for run in range(PULL_RUNS):  # interleaved, so a slow moment hits all
                with heap.frozen_meanwhile():  # as the pull and the floor
                    begin = time.perf_counter()
                    fetched_pages(remote.url, floor_client._token or "")
                    fetches.append(time.perf_counter() - begin)
                floors.append(pull_floor(pages, folder, orjson.loads, orjson_text)[0])
                stdlib_floors.append(pull_floor(pages, folder, json.loads, json.dumps)[0])
                pull, pulled = timed_pull(platform, remote.url, folder, f"pull{run}")
                pulls.append(pull)
            pull, with_orjson, with_json = median(pulls), median(floors), median(stdlib_floors)
            print(
                f"\ninitial pull of the catalog ({pulled:,} records, pages of {PAGE}),"
                f" medians of {PULL_RUNS} runs:"
            )
            print(f"  kiosk pull over HTTP (validate, upsert, index)  {pull * 1000:7.0f} ms")
            print(f"  floor: same JSON, orjson + one executemany      {with_orjson * 1000:7.0f} ms")
            print(f"  floor: same JSON, json module + one executemany {with_json * 1000:7.0f} ms")
            print(
                f"  ratio {pull / min(with_orjson, with_json):.2f}x to the faster floor"
                "   (target: <= 2x)"
            )
            print(
                f"  for context: the same pages fetched over HTTP and parsed, nothing stored"
                f" {median(fetches) * 1000:5.0f} ms"
            )
            wire, plain = wire_bytes(remote.url, floor_client._token or "")
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
                "\nUI event loop during a full sync, 10 ms heartbeat (target: no stall over 50 ms):"
            )
            for route, params, what in (
                ("catalog", {}, "on the catalog screen"),
                ("category", {"category_id": "silvercare", "comune_id": "piazzola"},
                 "on a category that fills with 3,300 services"),
            ):  # fmt: skip
                stalls = [
                    ui_stall(platform, remote.url, folder, route, params)[0]
                    for _ in range(STALL_RUNS)
                ]
                each = ", ".join(f"{stall:.0f}" for stall in stalls)
                print(f"  {what:46s} longest stall {max(stalls):5.1f} ms (runs: {each})")
        finally:
            remote.stop()
