# SPDX-License-Identifier: EUPL-1.2
"""A kiosk sync process for the kill tests: syncs in a loop until it is killed.

Usage: python -m tests.sync.sync_child STORE URL TOKEN_FILE
"""

from __future__ import annotations

import sys
from pathlib import Path

from store.database import Store
from sync.client import PlatformClient
from sync.device import load
from sync.engine import SyncEngine
from sync.worker import SyncWorker


def main() -> None:
    store_path, url, token_file = sys.argv[1:4]
    identity = load(Path(token_file))
    assert identity is not None
    store = Store(Path(store_path))
    client = PlatformClient(url, token=identity.token, read_timeout=5)
    engine = SyncEngine(store, client, page_size=2, push_batch=2)
    worker = SyncWorker(store, lambda: engine)
    print("started", flush=True)
    while True:
        worker.run_pass()


if __name__ == "__main__":
    main()
