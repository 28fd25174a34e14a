# SPDX-License-Identifier: EUPL-1.2
"""The operators' commands, run as processes: ``social-point central`` serves the
reference platform over the database it is given (SQLite or PostgreSQL), and
``social-point sync --once`` enrolls, pulls and pushes one pass, saying what it did."""

from __future__ import annotations

import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from central.platform import Platform
from kiosk.boot.paths import ROOT
from store import outbox
from store.database import Store
from store.models import Service
from sync.engine import STREAMS
from tests.helpers import social_point
from tests.postgresql import free_port


@contextmanager
def serving(platform_database: str, *options: str) -> Iterator[tuple[str, int]]:
    """``social-point central`` in its own process, with the demo catalog: its address
    and process id."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk.cli",
            "central",
            "--db",
            platform_database,
            "--port",
            str(port),
            "--seed-demo",
            *options,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"{url}/v1/health", timeout=1).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the platform did not start: {process.communicate()[1]}")
        time.sleep(0.1)
    yield url, process.pid
    process.terminate()
    _out, log = process.communicate(timeout=30)
    # It finishes what it serves, then exits by the signal it was sent (uvicorn's way).
    assert process.returncode in (0, -signal.SIGTERM), log
    assert "Finished server process" in log


@pytest.fixture
def served(platform_database: str) -> Iterator[str]:
    with serving(platform_database) as (url, _pid):
        yield url


def serving_processes(parent: int) -> list[int]:
    """The worker processes a supervisor started (Linux: /proc)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [
        int(child)
        for child in children
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


def kiosk_config(folder: Path, url: str, code: str) -> Path:
    config = folder / "kiosk.toml"
    config.write_text(
        f'[social_point]\ncomune = "piazzola"\n'
        f'[paths]\ndata_dir = "{folder / "data"}"\nlog_dir = "{folder / "log"}"\n'
        f'cache_dir = "{folder / "cache"}"\n'
        f'[sync]\nplatform_url = "{url}"\nenrollment_code = "{code}"\n',
        encoding="utf-8",
    )
    return config


def test_central_serves_and_sync_once_enrolls_pulls_and_pushes(
    served: str, platform_database: str, tmp_path: Path
) -> None:
    made = social_point("central", "--db", platform_database, "--enrollment-code")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip().splitlines()[-1]
    config = kiosk_config(tmp_path, served, code)

    first = social_point("sync", "--once", "--config", str(config))
    assert first.returncode == 0, first.stderr
    assert "pushed: 0 accepted, 0 rejected" in first.stdout
    device_file = tmp_path / "data" / "device.json"
    assert stat.S_IMODE(device_file.stat().st_mode) == 0o600
    platform = Platform(platform_database)
    try:
        published = len(platform.records("services"))
        catalog = sum(len(platform.records(kind)) for kind in STREAMS["catalog"])
        assert f"pulled: catalog {catalog}, " in first.stdout
        store = Store(tmp_path / "data" / "kiosk.sqlite3")
        with store.read() as session:
            assert session.scalar(select(func.count()).select_from(Service)) == published
        with store.write() as session:
            outbox.add(session, "event", {"note": "sent by sync --once"})
        store.close()

        second = social_point("sync", "--once", "--config", str(config))
        assert second.returncode == 0, second.stderr
        assert "pushed: 1 accepted, 0 rejected" in second.stdout
        assert "waiting: 0" in second.stdout
        sent = [s for s in platform.submissions() if s.payload == {"note": "sent by sync --once"}]
        assert len(sent) == 1
        assert code not in (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")
    finally:
        platform.engine.dispose()


def test_central_serves_from_several_processes_on_one_database(
    platform_database: str, tmp_path: Path
) -> None:
    """``--workers 2``: two processes answer on one port, each with its own connections
    to the same database, so what one stores the other serves."""
    made = social_point("central", "--db", platform_database, "--enrollment-code")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip().splitlines()[-1]
    with serving(platform_database, "--workers", "2") as (url, pid):
        assert len(serving_processes(pid)) == 2
        config = kiosk_config(tmp_path, url, code)
        store_path = tmp_path / "data" / "kiosk.sqlite3"
        first = social_point("sync", "--once", "--config", str(config))
        assert first.returncode == 0, first.stderr
        store = Store(store_path)
        with store.write() as session:
            for number in range(30):
                outbox.add(session, "event", {"note": f"sent to one of two workers {number}"})
        store.close()
        second = social_point("sync", "--once", "--config", str(config))
        assert second.returncode == 0, second.stderr
        assert "pushed: 30 accepted, 0 rejected" in second.stdout
    platform = Platform(platform_database)
    try:
        sent = [s for s in platform.submissions() if "two workers" in str(s.payload)]
        assert len(sent) == 30
        store = Store(store_path)
        with store.read() as session:
            stored = session.scalar(select(func.count()).select_from(Service))
        store.close()
        assert stored == len(platform.records("services"))
    finally:
        platform.engine.dispose()


def test_central_refuses_no_workers(platform_database: str) -> None:
    result = social_point("central", "--db", platform_database, "--workers", "0")
    assert result.returncode == 2
    assert "--workers must be 1 or more" in result.stderr
    assert "Traceback" not in result.stderr


def test_sync_once_says_why_it_failed_without_a_traceback(tmp_path: Path) -> None:
    config = kiosk_config(tmp_path, f"http://127.0.0.1:{free_port()}", "NOBODY-LISTENS")
    result = social_point("sync", "--once", "--config", str(config))
    assert result.returncode == 1
    assert "social-point: sync failed:" in result.stderr
    assert "Traceback" not in result.stderr
