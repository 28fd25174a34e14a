# SPDX-License-Identifier: EUPL-1.2
"""A kiosk printer worker in its own process, for the kill tests: prints one job, or
(``--loop``) drains the queue as the kiosk does until it is killed.

Usage: python -m tests.printing.print_child STORE HOST PORT [--loop | --zygote]

``--zygote`` imports everything once, then forks a looping worker for each line read
on standard input; each says ``started PID`` once it runs. A test that kills workers
dozens of times then spends its time killing them, not on each one's half a second of
imports (the same worker, the same store file, a process of its own to kill).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path

from printing.connection import NetworkConnection
from printing.layout import PROFILES
from printing.print_worker import PrintWorker
from store.database import Store


def worker_for(store_path: str, host: str, port: str) -> PrintWorker:
    store = Store(Path(store_path))
    # A long status timeout: the worker waits on the frozen printer until it is killed.
    connection = NetworkConnection(host, int(port), timeout=60, status_timeout=60)
    return PrintWorker(store, connection, PROFILES["80mm"], expire_after=timedelta(hours=1))


def loop(worker: PrintWorker) -> None:
    worker.retry_s = worker.idle_s = 0.05
    worker.start()
    print(f"started {os.getpid()}", flush=True)
    threading.Event().wait()  # until killed


def zygote(store_path: str, host: str, port: str) -> None:
    """Forks a worker per line read; the store is opened in each child, never here, so
    no SQLite connection crosses a fork."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children killed are reaped at once
    for _line in sys.stdin:
        if os.fork() == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            loop(worker_for(store_path, host, port))


def main() -> None:
    store_path, host, port = sys.argv[1:4]
    if sys.argv[4:] == ["--zygote"]:
        zygote(store_path, host, port)
        return
    worker = worker_for(store_path, host, port)
    if sys.argv[4:] == ["--loop"]:
        loop(worker)
    print("started", flush=True)
    print(worker.step(), flush=True)


if __name__ == "__main__":
    main()
