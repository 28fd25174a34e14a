# SPDX-License-Identifier: EUPL-1.2
"""A kiosk started in a fresh process with a probe: Python code that patches the running
kiosk (its progress lines, say) before ``social-point run --exit-when-ready``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.boot.paths import ROOT


def run_probe(probe: str, folder: Path, settings: str = "") -> subprocess.CompletedProcess[str]:
    """Runs ``probe`` (it reads the configuration's path from ``sys.argv[1]``) with a
    configuration keeping everything in ``folder``; ``settings``: more TOML."""
    config = folder / "kiosk.toml"
    config.write_text(
        f'[paths]\ndata_dir = "{folder}"\nlog_dir = "{folder}"\ncache_dir = "{folder}"\n'
        + settings,
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-c", probe, str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
