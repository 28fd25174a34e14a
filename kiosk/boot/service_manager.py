# SPDX-License-Identifier: EUPL-1.2
"""Telling systemd how the kiosk is: ready, still alive (the watchdog), stopping.

The kiosk's unit is ``Type=notify`` with ``WatchdogSec=``: systemd considers it started
when it says READY=1 (the home screen is drawn) and restarts it when the WATCHDOG=1 pings
stop. The pings come from a timer on the UI thread (kiosk/ui/watchdog.py), so a frozen
screen, not only a dead process, gets the kiosk restarted. Outside systemd (no
NOTIFY_SOCKET) every call does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import sdnotify


class ServiceManager:
    def __init__(self) -> None:
        env = os.environ  # sdnotify reads NOTIFY_SOCKET from it too
        self.enabled = bool(env.get("NOTIFY_SOCKET"))
        self._notifier = sdnotify.SystemdNotifier() if self.enabled else None
        if self._notifier is not None and self._notifier.socket is not None:
            # Never block the UI thread on a full socket buffer: a ping that cannot be
            # written now is dropped (sdnotify swallows the error), the next one follows.
            self._notifier.socket.setblocking(False)
        self.watchdog_interval_s = _watchdog_interval(env)

    def _send(self, message: str) -> None:
        if self._notifier is not None:
            self._notifier.notify(message)

    def ready(self, status: str) -> None:
        self._send(f"READY=1\nSTATUS={status}")

    def status(self, status: str) -> None:
        self._send(f"STATUS={status}")

    def alive(self) -> None:
        self._send("WATCHDOG=1")

    def stopping(self) -> None:
        self._send("STOPPING=1")


def _watchdog_interval(env: Mapping[str, str]) -> float | None:
    """Half the watchdog timeout systemd asked for (sd_watchdog_enabled's rule), or None.

    The watched process is the one systemd names, or its child: on the touchscreen the
    unit's main process is cage, which starts the kiosk (NotifyAccess=all lets the child
    answer). Ignoring a parent's pid, the kiosk sent no WATCHDOG=1 and was killed every
    WatchdogSec."""
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    pid = env.get("WATCHDOG_PID")
    if usec <= 0 or (pid and pid not in (str(os.getpid()), str(os.getppid()))):
        return None
    return usec / 2_000_000
