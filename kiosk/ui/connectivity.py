# SPDX-License-Identifier: EUPL-1.2
"""Tells the sync worker when the operating system says the network is back.

Qt's QNetworkInformation reads reachability from the system (NetworkManager, ConnMan or
GLib on Linux). Where none of them answers, the worker's retries with backoff still
find the network, only later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger(__name__)


def watch_connectivity(on_online: Callable[[], None]) -> bool:
    """Calls ``on_online`` each time the system reports the network reachable again."""
    if not QNetworkInformation.loadDefaultBackend():
        log.info("no network information backend: relying on sync retries")
        return False
    information = QNetworkInformation.instance()
    online = QNetworkInformation.Reachability.Online

    def changed(reachability: QNetworkInformation.Reachability) -> None:
        if reachability == online:
            log.info("network reachable again: syncing now")
            on_online()

    information.reachabilityChanged.connect(changed)
    return True
