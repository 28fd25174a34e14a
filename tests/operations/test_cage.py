# SPDX-License-Identifier: EUPL-1.2
"""The kiosk as deploy/social-point-kiosk.service runs it: inside the cage Wayland
compositor (wlroots' headless backend standing in for the panel), as an unprivileged
user, telling systemd through NOTIFY_SOCKET when its home screen is drawn."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.boot.paths import ROOT
from tests.operations.notify_socket import NotifySocket

NOBODY = 65534
UNITS = ROOT / "deploy"


def cage_missing() -> str | None:
    if shutil.which("cage") is None:
        return "cage is not installed (./dev test installs it when run as root)"
    return None


def kiosk_command() -> list[str]:
    """The kiosk's command line for the user cage runs as. cage refuses to run as root,
    so as root the kiosk runs as nobody, with the system's Python of the same version
    and this environment's packages (its own interpreter may sit in root's home)."""
    if os.getuid() != 0:
        return [sys.executable, "-m", "kiosk.cli"]
    python = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
    if not os.access(python, os.X_OK):
        pytest.skip(f"running as root, cage needs another user and {python} to run the kiosk")
    packages = sysconfig.get_paths()["purelib"]
    start = f"import site, sys; site.addsitedir({packages!r}); from kiosk.cli import main; "
    return [python, "-c", start + "sys.exit(main())"]


@pytest.fixture
def home() -> Iterator[Path]:
    """A folder the kiosk's user owns (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="social-point-cage-"))
    folder.chmod(0o755)
    for name in ("data", "runtime", "tmp"):
        (folder / name).mkdir(mode=0o700)
        if os.getuid() == 0:
            os.chown(folder / name, NOBODY, NOBODY)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow  # a compositor and a kiosk started for real
def test_the_kiosk_reaches_its_home_screen_under_cage(home: Path) -> None:
    missing = cage_missing()
    if missing:
        pytest.skip(missing)
    config = home / "kiosk.toml"
    config.write_text(
        f'[paths]\ndata_dir = "{home / "data"}"\nlog_dir = "{home / "data" / "log"}"\n'
        f'cache_dir = "{home / "data" / "cache"}"\n[demo]\nenabled = true\n',
        encoding="utf-8",
    )
    notify = NotifySocket(home / "notify")
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home / "data"),
        "TMPDIR": str(home / "tmp"),  # as PrivateTmp= gives the unit
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "WLR_BACKENDS": "headless",  # no panel here: wlroots draws into memory
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_RENDERER": "pixman",  # no GPU either
        "NOTIFY_SOCKET": str(notify.path),
        "XDG_SESSION_TYPE": "wayland",
    }
    as_user = (
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        if os.getuid() == 0
        else []
    )
    run = [
        *kiosk_command(),
        "run",
        "--config",
        str(config),
        "--platform",
        "wayland",
        "--exit-when-ready",
    ]
    try:
        done = subprocess.run(
            [*as_user, "cage", "-d", "--", *run],
            env=environment,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        ready = notify.times_of("READY=1")
    finally:
        notify.close()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "home screen shown" in done.stdout and "catalog ready" in done.stdout
    assert ready, "systemd was not told the kiosk is ready"
    assert (home / "data" / "kiosk.sqlite3").exists()


def test_the_units_pass_systemds_own_check(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    missing = cage_missing()
    if missing:
        pytest.skip(missing)
    # The units name the installed paths; here they point at this checkout instead.
    for unit in ("social-point-kiosk.service", "social-point-central.service"):
        text = (UNITS / unit).read_text(encoding="utf-8")
        (tmp_path / unit).write_text(text.replace("/opt/social-point", str(ROOT)))
    if not (ROOT / ".venv" / "bin" / "uvicorn").exists():
        pytest.skip("the platform's unit runs .venv/bin/uvicorn, not installed here")
    checked = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.glob("*.service"))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert checked.returncode == 0 and checked.stderr.strip() == "", checked.stderr


def test_the_kiosk_unit_restarts_a_frozen_or_dead_kiosk() -> None:
    unit = (UNITS / "social-point-kiosk.service").read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in unit.splitlines() if "=" in line and line[0] != "#"
    )
    assert settings["Type"] == "notify" and settings["NotifyAccess"] == "all"
    assert int(settings["WatchdogSec"]) > 0 and settings["Restart"] == "always"
    assert settings["User"] == "social-point" and settings["StandardOutput"] == "journal"
    assert settings["ExecStart"].startswith("/usr/bin/cage ")
