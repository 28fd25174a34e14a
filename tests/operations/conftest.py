# SPDX-License-Identifier: EUPL-1.2
"""A kiosk as an installer leaves it: a configuration file, a real store, the reference
platform over loopback HTTP and a network printer on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from central.app import create_app
from central.dataset import seed_if_empty
from central.platform import Platform
from central.server import EmbeddedServer
from kiosk.boot.paths import DEMO_DATASET, ROOT
from kiosk.cli import main
from tests.conftest import sqlite_platform_url
from tests.printing.fake_printer import FakePrinter

ADMIN = "admin-secret-for-the-operations-tests-01"


@dataclass
class Central:
    platform: Platform
    server: EmbeddedServer

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    platform = Platform(sqlite_platform_url(tmp_path))
    seed_if_empty(platform, DEMO_DATASET)
    server = EmbeddedServer(create_app(platform, admin_token=ADMIN)).start()
    yield Central(platform, server)
    server.stop()
    platform.engine.dispose()


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.close()


def closed_port() -> int:
    """A loopback port nobody listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_config(folder: Path, *, platform_url: str, printer_port: int, extra: str = "") -> Path:
    path = folder / "kiosk.toml"
    path.write_text(
        f"""[social_point]
name = "Social Point Limena"
comune = "limena"
[kiosk]
id = "kiosk-lim"
[paths]
data_dir = "{folder / "data"}"
log_dir = "{folder / "log"}"
[printer]
connection = "network"
host = "127.0.0.1"
port = {printer_port}
status_timeout_ms = 300
[sync]
platform_url = "{platform_url}"
enrollment_code = "ABCD-1234"
connect_timeout_s = 2
{extra}
""",
        encoding="utf-8",
    )
    return path


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def config_file(
    folder: Path, paths: str = "", printer: str = "", data_dir: Path | None = None
) -> Path:
    text = (
        "[paths]\n"
        f'data_dir = "{data_dir or folder / "data"}"\nlog_dir = "{folder / "log"}"\n'
        f'cache_dir = "{folder / "cache"}"\n{paths}\n'
        f"[printer]\n{printer}\n"
    )
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def answered(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) != 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    [line] = captured.err.strip().splitlines()
    assert line.startswith("social-point: ")
    return line
