# SPDX-License-Identifier: EUPL-1.2
"""The throw-away PostgreSQL server of the tests ends with the test process that started
it, even one killed: one started by a killed test run was still running an hour later."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.boot.paths import ROOT

START = """
from tests.postgresql import PostgresUnavailableError, ThrowawayPostgres
try:
    server = ThrowawayPostgres()
except PostgresUnavailableError as error:
    print("unavailable", error, flush=True)
else:
    print(server.data, flush=True)
    import time
    time.sleep(600)
"""


def running(pid: int) -> bool:
    """Whether the process runs (a zombie nobody reaped yet has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
def test_the_server_ends_with_a_killed_test_process() -> None:
    run = subprocess.Popen(
        [sys.executable, "-c", START], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert run.stdout is not None
    line = run.stdout.readline().strip()
    if not line or line.startswith("unavailable"):
        run.kill()
        run.wait()
        pytest.skip(f"PostgreSQL: {line or 'the harness did not start'}")
    data = Path(line)
    server = int((data / "postmaster.pid").read_text().split()[0])
    try:
        assert running(server)
        os.kill(run.pid, signal.SIGKILL)  # no clean-up of its own runs
        run.wait()
        assert wait_until(lambda: not running(server), timeout=10)
        assert wait_until(lambda: not data.parent.exists(), timeout=5)  # its folder too
    finally:
        if running(server):  # left behind: stopped here, not by the next run's operator
            os.kill(server, signal.SIGQUIT)
            wait_until(lambda: not running(server), timeout=10)
        shutil.rmtree(data.parent, ignore_errors=True)
