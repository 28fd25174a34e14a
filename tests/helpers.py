# SPDX-License-Identifier: EUPL-1.2
"""Helpers that tests of several packages share (fixtures are in the conftest files)."""

from __future__ import annotations

import subprocess
import sys

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
