# SPDX-License-Identifier: EUPL-1.2
"""systemd's watchdog: the kiosk pings it from the UI thread, so a frozen screen is
restarted. systemd's end is played by a datagram socket speaking the real protocol."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.boot.paths import ROOT
from kiosk.boot.service_manager import ServiceManager
from tests.operations.notify_socket import NotifySocket

WATCHDOG_S = 2.0  # WatchdogSec of the test's "unit": pings every second
HANG_S = 6.0


@pytest.fixture
def notify(tmp_path: Path) -> Iterator[NotifySocket]:
    listener = NotifySocket(tmp_path / "notify")
    yield listener
    listener.close()


def kiosk_environment(notify: NotifySocket, tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[paths]\ndata_dir = "{tmp_path / "data"}"\nlog_dir = "{tmp_path / "log"}"\n'
        f'cache_dir = "{tmp_path / "cache"}"\n[demo]\nenabled = true\n',
        encoding="utf-8",
    )
    return {
        **os.environ,
        "NOTIFY_SOCKET": str(notify.path),
        "WATCHDOG_USEC": str(int(WATCHDOG_S * 1_000_000)),
        "QT_QPA_PLATFORM": "offscreen",
    }


def gaps(pings: list[float]) -> list[float]:
    return [later - earlier for earlier, later in itertools.pairwise(pings)]


def steady(pings: list[float], count: int) -> bool:
    return len(pings) > count and all(gap <= WATCHDOG_S for gap in gaps(pings)[-count:])


@pytest.mark.slow  # a real kiosk hanging for six seconds
def test_pings_stop_while_the_ui_thread_hangs(tmp_path: Path, notify: NotifySocket) -> None:
    env = kiosk_environment(notify, tmp_path)
    trigger = tmp_path / "hang-now"
    kiosk = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.operations.hanging_kiosk",
            str(trigger),
            str(HANG_S),
            "run",
            "--config",
            str(tmp_path / "kiosk.toml"),
            "--windowed",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        notify.wait_for("READY=1", timeout=60)
        deadline = time.monotonic() + 90
        while not steady(notify.times_of("WATCHDOG=1"), 3):  # start-up work done
            assert kiosk.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        hung_at = time.monotonic()
        trigger.touch()
        while not any(gap > HANG_S * 0.9 for gap in gaps(notify.times_of("WATCHDOG=1"))):
            assert kiosk.poll() is None, "the kiosk died instead of hanging"
            assert time.monotonic() < deadline, "the pings never stopped"
            time.sleep(0.05)
        # ...and they come again after it: the UI thread's event loop drives them.
        notify.wait_for("WATCHDOG=1", timeout=30, count=len(notify.times_of("WATCHDOG=1")) + 2)
    finally:
        kiosk.terminate()
        kiosk.wait(timeout=30)
    around = [when for when in notify.times_of("WATCHDOG=1") if when >= hung_at - WATCHDOG_S]
    found = gaps(around)
    # systemd would have restarted the kiosk: one silence longer than WatchdogSec, as long
    # as the hang; the pings around it came within WatchdogSec.
    long_gaps = [gap for gap in found if gap > WATCHDOG_S]
    assert len(long_gaps) == 1 and long_gaps[0] >= HANG_S * 0.9, found


def test_outside_systemd_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    manager = ServiceManager()
    assert not manager.enabled and manager.watchdog_interval_s is None
    manager.ready("x")
    manager.alive()  # no socket, no error


def test_the_watchdog_interval_is_half_of_what_systemd_asked(
    notify: NotifySocket, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", str(notify.path))
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    assert ServiceManager().watchdog_interval_s == 15
    ServiceManager().ready("home screen shown")
    notify.wait_for("READY=1", timeout=5)
    assert notify.messages[-1][1] == "READY=1\nSTATUS=home screen shown"
    # The unit's main process is cage, which starts the kiosk: the watchdog named for
    # its parent is the kiosk's to answer (NotifyAccess=all). Ignored, systemd killed
    # the kiosk every WatchdogSec.
    monkeypatch.setenv("WATCHDOG_PID", str(os.getppid()))
    assert ServiceManager().watchdog_interval_s == 15
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert ServiceManager().watchdog_interval_s == 15
    monkeypatch.setenv("WATCHDOG_PID", "4194305")  # another process's (above pid_max)
    assert ServiceManager().watchdog_interval_s is None
    monkeypatch.setenv("WATCHDOG_USEC", "soon")
    monkeypatch.delenv("WATCHDOG_PID")
    assert ServiceManager().watchdog_interval_s is None
