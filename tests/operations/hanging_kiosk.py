# SPDX-License-Identifier: EUPL-1.2
"""The real kiosk, whose UI thread hangs for a while when the test asks (a file appears):
a stand-in for a handler stuck in a loop or a deadlock (tests/operations/test_watchdog.py).

    python -m tests.operations.hanging_kiosk TRIGGER_FILE HANG_FOR_S social-point-args...
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.cli import main

trigger, hang_for_s = Path(sys.argv[1]), float(sys.argv[2])
app = QApplication(["social-point"])


def hang_when_asked() -> None:
    if trigger.exists():
        trigger.unlink()
        time.sleep(hang_for_s)  # the UI thread is stuck: no events, no timers


poll = QTimer()
poll.setInterval(50)
poll.timeout.connect(hang_when_asked)
poll.start()
sys.exit(main(sys.argv[3:]))
