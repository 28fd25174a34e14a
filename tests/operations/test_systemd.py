# SPDX-License-Identifier: EUPL-1.2
"""The deploy/ units under a real systemd (Debian's systemd 252, not a stand-in):
``systemd-analyze verify`` reads every unit as the installer leaves it, and a real
service manager runs the kiosk with the kiosk unit's own service settings (Type=notify,
NotifyAccess, a watchdog, Restart): it becomes active only once the home screen is
drawn (READY=1), and is killed and started again when its UI thread hangs.

This machine's PID 1 is not systemd, so the manager is a systemd *user* manager started
by the test in a private mount namespace, where a tmpfs on /run/systemd says "booted
with systemd" to it alone (nothing outside the namespace sees it). That needs root and
unshare(1); elsewhere the test says why it skips. The unit's ExecStart wraps the kiosk
in cage, which refuses to run as root: here the kiosk runs on Qt's offscreen platform
(tests/operations/test_cage.py runs it under cage as another user).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.boot.paths import ROOT

DEPLOY = ROOT / "deploy"
SYSTEMD = Path("/lib/systemd/systemd")
WATCHDOG_S = 4  # the unit says 30 s; scaled down so the test takes seconds
HANG_S = 15.0  # far longer than the watchdog: systemd must act before it ends


def installed_units(tmp_path: Path) -> list[Path]:
    """The units as deploy/README.md installs them, with /opt/social-point being this
    checkout (whose .venv holds the commands the units run)."""
    copies = []
    for unit in sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer")):
        text = unit.read_text(encoding="utf-8").replace("/opt/social-point", str(ROOT))
        copy = tmp_path / unit.name
        copy.write_text(text, encoding="utf-8")
        copies.append(copy)
    return copies


def test_systemd_analyze_verifies_every_unit(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is missing (Debian package systemd)")
    if not (ROOT / ".venv" / "bin" / "uvicorn").exists():
        pytest.skip("the checkout's .venv has no uvicorn: run ./dev test to make it")
    units = installed_units(tmp_path)
    assert {u.name for u in units} >= {
        "social-point-kiosk.service",
        "social-point-central.service",
        "social-point-backup.service",
        "social-point-backup.timer",
    }
    checked = subprocess.run(
        ["systemd-analyze", "verify", *map(str, units)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # Any complaint (an unknown directive, a bad value, a missing command) fails.
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


def service_settings() -> dict[str, str]:
    """The kiosk unit's [Service] settings that decide how systemd supervises it."""
    text = (DEPLOY / "social-point-kiosk.service").read_text(encoding="utf-8")
    section = text.split("[Service]", 1)[1].split("\n[", 1)[0]
    settings = dict(re.findall(r"^(\w+)=(.*)$", section, re.MULTILINE))
    return {key: settings[key] for key in ("Type", "NotifyAccess", "Restart", "RestartSec")}


def why_no_manager() -> str | None:
    if sys.platform != "linux" or os.geteuid() != 0:
        return "needs root: the user manager is started in a private mount namespace"
    for tool in ("unshare", "nsenter", "systemd-run", "systemctl"):
        if shutil.which(tool) is None:
            return f"{tool} is missing (Debian packages systemd, util-linux)"
    if not SYSTEMD.exists():
        return f"{SYSTEMD} is missing (Debian package systemd)"
    return None


class UserManager:
    """A systemd user manager in its own mount namespace, and systemctl beside it."""

    def __init__(self, runtime: Path) -> None:
        self.runtime = runtime
        runtime.mkdir(mode=0o700)
        script = (
            "mount -t tmpfs tmpfs /run/systemd && mkdir /run/systemd/system && "
            f"exec {SYSTEMD} --user"
        )
        self.process = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
            env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *command: str, check: bool = True) -> str:
        done = subprocess.run(
            ["nsenter", "--target", str(self.process.pid), "--mount", "--", *command],
            env={**os.environ, "XDG_RUNTIME_DIR": str(self.runtime)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        if check:
            assert done.returncode == 0, f"{command}: {done.stderr}"
        return done.stdout.strip()

    def wait_running(self, timeout: float = 30) -> str | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return f"systemd --user exited: {self.process.stderr.read()[-500:]}"  # type: ignore[union-attr]
            state = self.run("systemctl", "--user", "is-system-running", check=False)
            if state in ("running", "degraded"):
                return None
            time.sleep(0.2)
        return "systemd --user did not start in time"

    def show(self, unit: str) -> dict[str, str]:
        out = self.run(
            "systemctl", "--user", "show", unit,
            "-p", "ActiveState,SubState,NRestarts,Result,MainPID,StatusText",
        )  # fmt: skip
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def manager(tmp_path: Path) -> Iterator[UserManager]:
    reason = why_no_manager()
    if reason:
        pytest.skip(reason)
    started = UserManager(tmp_path / "runtime")
    try:
        problem = started.wait_running()
        if problem:
            pytest.skip(f"no systemd user manager here: {problem}")
        yield started
    finally:
        started.close()


def wait_for(manager: UserManager, unit: str, test, timeout: float) -> dict[str, str]:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    shown = manager.show(unit)
    while not test(shown):
        assert time.monotonic() < deadline, f"{unit}: {shown}"
        time.sleep(0.2)
        shown = manager.show(unit)
    return shown


@pytest.mark.slow  # a real kiosk started twice under systemd
def test_systemd_starts_the_kiosk_as_notify_and_restarts_it_when_its_screen_hangs(
    manager: UserManager, tmp_path: Path
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[paths]\ndata_dir = "{tmp_path / "data"}"\nlog_dir = "{tmp_path / "log"}"\n'
        f'cache_dir = "{tmp_path / "cache"}"\n[demo]\nenabled = true\n',
        encoding="utf-8",
    )
    trigger = tmp_path / "hang-now"
    settings = service_settings()
    assert settings["Type"] == "notify" and settings["Restart"] in ("always", "on-failure")
    unit = "social-point-kiosk-test.service"
    properties = [f"--property={key}={value}" for key, value in settings.items()]
    properties += [f"--property=WatchdogSec={WATCHDOG_S}", "--property=TimeoutStartSec=120"]
    manager.run(
        "systemd-run", "--user", f"--unit={unit}", "--no-block", *properties,
        f"--working-directory={ROOT}",
        "--setenv=QT_QPA_PLATFORM=offscreen",
        f"--setenv=PYTHONPATH={ROOT}",
        sys.executable, "-m", "tests.operations.hanging_kiosk", str(trigger), str(HANG_S),
        "run", "--config", str(config), "--windowed",
    )  # fmt: skip
    try:
        # Active only after READY=1: the kiosk sends it once the home screen is drawn.
        first = wait_for(manager, unit, lambda s: s.get("ActiveState") == "active", 120)
        assert first["SubState"] == "running" and first["NRestarts"] == "0", first
        pid = first["MainPID"]
        time.sleep(WATCHDOG_S * 1.5)  # pings keep it alive past the watchdog's period
        assert manager.show(unit)["MainPID"] == pid

        trigger.touch()  # the UI thread hangs: no more pings
        hung_at = time.monotonic()
        seen: list[dict[str, str]] = []
        gone_after: list[float] = []  # seconds from the hang to the old kiosk's end

        def restarted(shown: dict[str, str]) -> bool:
            seen.append(shown)
            if shown.get("MainPID") != pid and not gone_after:
                gone_after.append(time.monotonic() - hung_at)
            return shown.get("NRestarts", "0") != "0" and shown.get("ActiveState") == "active"

        again = wait_for(manager, unit, restarted, 120)
        # systemd killed it for the silent watchdog, well before the hang would have ended
        # by itself, and started a new kiosk that drew its home screen again.
        assert any(s.get("Result") == "watchdog" for s in seen), seen
        assert gone_after and gone_after[0] < HANG_S, (gone_after, seen)
        assert again["MainPID"] != pid and again["NRestarts"] == "1", again
    finally:
        manager.run("systemctl", "--user", "stop", unit, check=False)


def test_the_nightly_backup_is_due_at_a_time_every_day_has_once() -> None:
    """systemd skips a calendar time the clock jumps over (in Italy 02:00-03:00 on the
    last Sunday of March), and Persistent= does not make it up: every minute of the
    backup's window (its time and its random delay) must exist, once, every day."""
    text = (DEPLOY / "social-point-backup.timer").read_text(encoding="utf-8")
    due = re.search(r"^OnCalendar=\*-\*-\* (\d\d):(\d\d)$", text, re.M)
    delay = re.search(r"^RandomizedDelaySec=(\d+)min$", text, re.M)
    assert due is not None and delay is not None
    rome = ZoneInfo("Europe/Rome")
    first = datetime(2027, 1, 1, int(due.group(1)), int(due.group(2)))
    for day in range(365):
        for extra in range(int(delay.group(1)) + 1):
            wall = first + timedelta(days=day, minutes=extra)
            once, twice = wall.replace(tzinfo=rome), wall.replace(tzinfo=rome, fold=1)
            exists = once.astimezone(UTC).astimezone(rome).replace(tzinfo=None) == wall
            assert exists and once.utcoffset() == twice.utcoffset(), wall
