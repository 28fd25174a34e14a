# SPDX-License-Identifier: EUPL-1.2
"""A few hundred taps on the real kiosk in its own process, as the soak benchmark does.

The suite's other tests each live a few dozen interactions; a Qt binding that loses a
reference per call (PySide6 6.12.0 on Python 3.11) aborted the kiosk only after 100 to
150 of them. This one walks catalog, search, category, service, Back and Home with
language switches and visit ends, and needs the process to finish cleanly.
"""

from __future__ import annotations

import os
import subprocess
import sys

from kiosk.boot.paths import ROOT


def test_the_kiosk_lives_through_300_interactions() -> None:
    # The soak's warm-up (200 interactions, every language shown), then 100 measured.
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.soak", "--child", "100"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "200 + 100 interactions in" in result.stdout and "without a crash" in result.stdout
    assert "after warm-up" in result.stdout
    assert "Traceback" not in result.stderr
    # 300 taps are too few to exhaust them, but a binding that loses references shows it
    # (the drift is signed: PySide adds one for each widget made and gone).
    drift = int(result.stdout.split("references to None: ")[1].split()[0])
    assert drift > -1_000, f"{-drift} references to None lost in 300 taps"
