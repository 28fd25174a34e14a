# SPDX-License-Identifier: EUPL-1.2
"""A kiosk sync process for the kill tests: syncs in a loop until it is killed.

The tests start it from a fork server that has already imported the kiosk's modules
(``start``), so a round costs a fork, not a Python start-up and its imports.
Usage by hand: python -m tests.sync.sync_child STORE URL TOKEN_FILE
"""

from __future__ import annotations

import multiprocessing
import sys
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event
from pathlib import Path

from store.database import Store
from sync.client import PlatformClient
from sync.device import load
from sync.engine import SyncEngine
from sync.worker import SyncWorker

_context: ForkServerContext | None = None


def run(store_path: str, url: str, token_file: str, started: Event | None = None) -> None:
    identity = load(Path(token_file))
    assert identity is not None
    store = Store(Path(store_path))
    client = PlatformClient(url, token=identity.token, read_timeout=5)
    engine = SyncEngine(store, client, page_size=2, push_batch=2)
    worker = SyncWorker(store, lambda: engine)
    if started is None:
        print("started", flush=True)
    else:
        started.set()
    while True:
        worker.run_pass()


def start(store_path: Path, url: str, token_file: Path) -> BaseProcess:
    """A sync process, running once it returns (its SIGKILL leaves no clean-up)."""
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload([__name__])
    started = _context.Event()
    process = _context.Process(
        target=run, args=(str(store_path), url, str(token_file), started), daemon=True
    )
    process.start()
    assert started.wait(60), "the sync process did not start"
    return process


def main() -> None:
    store_path, url, token_file = sys.argv[1:4]
    run(store_path, url, token_file)


if __name__ == "__main__":
    main()
