# SPDX-License-Identifier: EUPL-1.2
"""Qt's own warnings reach the kiosk's log, masked like every other line."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QLoggingCategory, QtMsgType, qCWarning, qWarning
from PySide6.QtGui import QImage, QPainter

from kiosk.ui.qt_messages import level_of, route_qt_messages
from tests.kiosk.probes import run_probe


@pytest.mark.qt_log_ignore("after the handler was put back")
def test_qt_warnings_go_to_the_qt_logger_with_their_category(qapp, qtlog, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="qt")
    restore = route_qt_messages()
    try:
        painter = QPainter()
        assert not painter.begin(QImage())  # Qt itself warns: a null image cannot be drawn on
        qCWarning(QLoggingCategory("social.test"), "a categorised warning")
    finally:
        restore()
    qWarning("after the handler was put back")
    said = [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name == "qt"]
    assert said[0][:2] == ("qt", logging.WARNING)
    assert said[0][2].startswith("QPainter::begin: ")
    assert said[1] == ("qt", logging.WARNING, "social.test: a categorised warning")
    assert len(said) == 2
    # The last one went to the handler from before (here the test harness's).
    assert [r.message for r in qtlog.records] == ["after the handler was put back"]


@pytest.mark.parametrize(
    ("kind", "level"),
    [
        (QtMsgType.QtDebugMsg, logging.DEBUG),
        (QtMsgType.QtInfoMsg, logging.INFO),
        (QtMsgType.QtWarningMsg, logging.WARNING),
        (QtMsgType.QtCriticalMsg, logging.ERROR),
        (QtMsgType.QtFatalMsg, logging.CRITICAL),
    ],
)
def test_each_kind_of_qt_message_has_its_level(kind: QtMsgType, level: int) -> None:
    assert level_of(kind) == level


RUNNING_KIOSK = """
import sys
import kiosk.ui.application as application
from PySide6.QtCore import qWarning

said = application.KioskApplication._progress

def progress(self, step):
    if step == "catalog ready":  # the log has started by then
        qWarning("a Qt warning about RSSMRA85T10A562S")
    said(self, step)

application.KioskApplication._progress = progress
from kiosk.cli import main
sys.exit(main(["run", "--config", sys.argv[1], "--platform", "offscreen", "--exit-when-ready"]))
"""


def test_a_running_kiosk_logs_qt_warnings_in_its_file_masked(tmp_path) -> None:
    result = run_probe(RUNNING_KIOSK, tmp_path)
    assert result.returncode == 0, result.stderr
    logged = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert " WARNING qt: a Qt warning about [redacted]" in logged
    assert "RSSMRA85T10A562S" not in logged + result.stderr
