# SPDX-License-Identifier: EUPL-1.2
"""A kiosk printer worker in its own process, for the kill tests: prints one job, or
(``--loop``) drains the queue as the kiosk does until it is killed.

Usage: python -m tests.printing.print_child STORE HOST PORT [--loop]
"""

from __future__ import annotations

import sys
import threading
from datetime import timedelta
from pathlib import Path

from printing.connection import NetworkConnection
from printing.layout import PROFILES
from printing.print_worker import PrintWorker
from store.database import Store


def main() -> None:
    store_path, host, port = sys.argv[1:4]
    store = Store(Path(store_path))
    # A long status timeout: the worker waits on the frozen printer until it is killed.
    connection = NetworkConnection(host, int(port), timeout=60, status_timeout=60)
    worker = PrintWorker(store, connection, PROFILES["80mm"], expire_after=timedelta(hours=1))
    if sys.argv[4:] == ["--loop"]:
        worker.retry_s = worker.idle_s = 0.05
        worker.start()
        print("started", flush=True)
        threading.Event().wait()  # until killed
    print("started", flush=True)
    print(worker.step(), flush=True)


if __name__ == "__main__":
    main()
