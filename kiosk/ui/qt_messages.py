# SPDX-License-Identifier: EUPL-1.2
"""Qt's own messages (warnings of its painter, fonts, platform plugin) in the kiosk's log.

Qt writes them to standard error, which a kiosk started by systemd sends to the journal
and a technician reading ``kiosk.log`` (or the manager's "recent log") never sees. Here
they go through Python's logging, as the logger ``qt`` (its category beside the text:
``qt.qpa.plugin: ...``), so the redacting filter and the log's rotation apply to them
too. The handler is called on whichever thread Qt writes from; it never raises, since
an exception there would go back into Qt's C++ code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")


def level_of(kind: QtMsgType) -> int:
    """The logging level of a kind of Qt message."""
    return {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(kind, logging.WARNING)


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    try:
        category = context.category or ""
        text = message if category in ("", "default") else f"{category}: {message}"
        log.log(level_of(kind), "%s", text)
    except Exception:  # nothing may go back into Qt: the message is lost
        pass


def route_qt_messages() -> Callable[[], None]:
    """Sends Qt's messages to the log from now on; returns what puts back the handler
    that was there before (Qt's own, or a test harness's)."""
    previous: Any = qInstallMessageHandler(_to_log)

    def restore() -> None:
        qInstallMessageHandler(previous)

    return restore
