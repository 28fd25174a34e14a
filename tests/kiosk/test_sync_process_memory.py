# SPDX-License-Identifier: EUPL-1.2
"""The sync process's passes leave no garbage behind: it never settled its start-up
objects, so each pull froze and thawed them (sync.heap), the collector's counts were
reset every time, and every pass's reference cycles ended in the oldest generation,
which nothing collected. The process grew by about 50 KB a pass, idle or not.

Run in a process of its own: the collector's state (what is frozen, its counts) is the
whole process's, and ``child_main`` is what the sync process runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PASSES = 400
CYCLES_PER_PASS = 200  # a pass's leftovers: sessions, results, reports that refer back

CHILD = f"""
import gc, sys
from multiprocessing import Pipe
from pathlib import Path

import kiosk.boot.syncing as syncing
from kiosk.boot.sync_process import child_main
from sync import heap
from tests.conftest import make_config


class Node:
    def __init__(self):
        self.me = self  # a reference cycle, as a pass's objects make


class Worker:
    def start(self):
        # The passes, as the worker's thread runs them: each pull under frozen_meanwhile.
        for _ in range({PASSES}):
            for _stream in range(5):
                with heap.frozen_meanwhile():
                    kept = [Node() for _ in range({CYCLES_PER_PASS} // 5)]
                del kept

    def wake(self): ...
    def connectivity_returned(self): ...


class Setup:
    worker = Worker()
    def stop(self): ...


syncing.make_sync = lambda *args, **kwargs: Setup()
kiosk, child = Pipe()
kiosk.send(("stop", None))
child_main(make_config(Path(sys.argv[1])), child)
left = sum(1 for item in gc.get_objects() if type(item).__name__ == "Node")
print(left)
"""


def test_the_sync_process_collects_what_its_passes_leave(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    left = int(done.stdout.split()[-1])
    # Collected as they go: at most what a few young collections have not reached yet.
    assert left < 5 * CYCLES_PER_PASS, left
