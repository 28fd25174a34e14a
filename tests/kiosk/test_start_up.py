# SPDX-License-Identifier: EUPL-1.2
"""What a start costs before the home screen is drawn and before the first tap works."""

from __future__ import annotations

import subprocess
import sys

from kiosk.boot.paths import ROOT
from tests.kiosk.probes import run_probe

# Imported only after the first frame: each costs tens of milliseconds of a start.
LATE_MODULES = ("importlib.metadata", "email", "sqlalchemy", "alembic", "requests", "pydantic")


def test_the_home_screens_modules_leave_the_heavy_libraries_for_later() -> None:
    probe = (
        "import sys; import kiosk.cli, kiosk.boot.backend, kiosk.ui.application; "
        f"print(' '.join(m for m in {LATE_MODULES!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


CATALOG_READY_PROBE = """
import sys
import kiosk.ui.application as application

def progress(self, step):
    if step == "home screen shown":
        late = ("_hashlib", "zoneinfo", "sqlite3", "logging.handlers", "kiosk.ui.screens.catalog")
        print("before the first paint:", " ".join(n for n in late if n in sys.modules) or "none")
    if step != "catalog ready":
        return
    late = ("requests", "escpos", "pydantic", "sync.engine", "printing.print_worker")
    print("loaded:", " ".join(name for name in late if name in sys.modules) or "none")
    self.window.go("catalog")  # the first tap
    print("shown:", self.window.current_route, self.window.stack.currentWidget().route)
    print("printer and sync:", self.backend is not None)

application.KioskApplication._progress = progress
from kiosk.cli import main
sys.exit(main(["run", "--config", sys.argv[1], "--platform", "offscreen", "--exit-when-ready"]))
"""


def test_the_catalog_answers_before_the_printer_and_the_sync_are_loaded(tmp_path) -> None:
    # The home screen is drawn before anything it does not show is loaded.
    # The first tap works once the store is open: the printer's, the platform's and the
    # wire contract's libraries load after it, on the worker.
    result = run_probe(CATALOG_READY_PROBE, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        # Not needed to draw the home screen: OpenSSL (the icons' cache key is a CRC),
        # the time zone database (no time is shown), the store, the screens behind it.
        "before the first paint: none",
        "loaded: none",
        "shown: catalog catalog",
        "printer and sync: False",
    ]
