# SPDX-License-Identifier: EUPL-1.2
"""Helpers that tests of several packages share (fixtures are in the conftest files)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

from kiosk.boot.paths import ROOT


def social_point(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )


def wait_until_serving(process: subprocess.Popen[str], url: str, *, within: float = 60) -> None:
    """Returns once the platform started as ``process`` answers its health check at
    ``url``; kills it, with what it said, if it exits or stays silent ``within`` s."""
    deadline = time.monotonic() + within
    while True:
        try:
            if requests.get(f"{url}/v1/health", timeout=1).ok:
                return
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the platform did not start: {process.communicate()[1]}")
        time.sleep(0.05)


def raw_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows read from a store's SQLite file itself, not through the store's code."""
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def file_bytes(path: Path) -> bytes:
    """A store's file and its WAL, as a thief holding the disk would read them."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
