# SPDX-License-Identifier: EUPL-1.2
"""Kiosks built for a test in ways more than one test module needs (the wired kiosk
itself is ``kiosk_window`` in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from kiosk.boot.backend import Backend, open_backend
from kiosk.ui.application import attach_printing, build_window
from kiosk.ui.controllers.printer import PrintBridge
from kiosk.ui.tasks import TaskRunner
from tests.conftest import KIOSK_SIZE, make_config


def printing_kiosk(qtbot, qapp, tmp_path: Path, printer_settings: str):  # type: ignore[no-untyped-def]
    config = make_config(tmp_path, printer_settings)
    bridge = PrintBridge()
    backend: Backend = open_backend(config, on_print_update=bridge.on_update)
    backend.printing.worker.retry_s = backend.printing.worker.idle_s = 0.05
    window = build_window(config, qapp)
    window.attach(backend.catalog)
    tasks = TaskRunner(window)
    attach_printing(window, backend, tasks, bridge)
    backend.printing.worker.start()
    qtbot.addWidget(window)
    window.resize(*KIOSK_SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window, backend, tasks


def embedded_platform(backend):  # type: ignore[no-untyped-def]
    # The demo launcher keeps the platform; tests publish through its admin side.
    from central.platform import Platform

    return Platform(f"sqlite:///{backend.config.paths.data_dir / 'central.sqlite3'}")
