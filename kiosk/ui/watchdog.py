# SPDX-License-Identifier: EUPL-1.2
"""The systemd watchdog's pings, sent from the UI thread's event loop.

A QTimer on the UI thread fires only while that thread turns its event loop: when a
handler hangs or the thread deadlocks, the pings stop and systemd restarts the kiosk
after ``WatchdogSec``. A worker thread pinging would keep a frozen screen alive.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kiosk.boot.service_manager import ServiceManager


def start_watchdog(parent: QObject, manager: ServiceManager) -> QTimer | None:
    """Pings now and then every half watchdog period; None when systemd asked for none."""
    if manager.watchdog_interval_s is None:
        return None
    timer = QTimer(parent)
    timer.setInterval(max(1, int(manager.watchdog_interval_s * 1000)))
    timer.timeout.connect(manager.alive)
    manager.alive()
    timer.start()
    return timer
