# SPDX-License-Identifier: EUPL-1.2
"""What a start costs before the home screen is drawn and before the first tap works."""

from __future__ import annotations

import subprocess
import sys

from kiosk.boot.paths import ROOT

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
