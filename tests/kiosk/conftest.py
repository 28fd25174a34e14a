# SPDX-License-Identifier: EUPL-1.2
"""Kiosk tests: the reference platform over loopback HTTP (``central``), the recording
TCP printer (``printer``), and the kiosk wired as the application wires it (``kiosk``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.boot.backend import Backend, open_backend
from kiosk.ui.application import build_window, connect_backend
from kiosk.ui.controllers.printer import PrintBridge
from kiosk.ui.main_window import MainWindow
from kiosk.ui.sync_bridge import SyncBridge
from kiosk.ui.tasks import TaskRunner
from tests.conftest import KIOSK_SIZE, make_config
from tests.printing.fake_printer import FakePrinter
from tests.sync.conftest import Central, central  # noqa: F401  (a fixture)


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.close()


def kiosk_window(qtbot, qapp, config) -> tuple[MainWindow, Backend, TaskRunner]:  # type: ignore[no-untyped-def]
    """The kiosk wired as the application wires it, with its workers running."""
    sync_bridge, print_bridge = SyncBridge(), PrintBridge()
    backend = open_backend(
        config,
        on_status=sync_bridge.on_status,
        on_mirror_changed=sync_bridge.on_mirror_changed,
        on_print_update=print_bridge.on_update,
    )
    backend.printing.worker.retry_s = 0.05
    window = build_window(config, qapp)
    tasks = TaskRunner(window)
    connect_backend(window, backend, tasks, sync_bridge, print_bridge)
    sync_bridge.status_changed.connect(window.sync_badge.show_status)
    sync_bridge.mirror_changed.connect(window.refresh)  # as the application does
    backend.printing.worker.start()
    if backend.sync is not None:
        backend.sync.worker.start()
    qtbot.addWidget(window)
    window.resize(*KIOSK_SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window, backend, tasks


@pytest.fixture
def kiosk(qtbot, qapp, tmp_path: Path, printer: FakePrinter, central: Central):  # type: ignore[no-untyped-def]  # noqa: F811
    settings = (
        f'[printer]\nconnection = "network"\nhost = "127.0.0.1"\nport = {printer.port}\n'
        "status_timeout_ms = 1000\n"
        f'[sync]\nplatform_url = "{central.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\ninterval_s = 3600\n'
    )
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path, settings))
    qtbot.waitUntil(lambda: "● In linea" in window.sync_badge.text(), timeout=15_000)
    yield window, backend
    tasks.shutdown()
    backend.close()
    window.ctx.switcher.detach()


@pytest.fixture
def synced(qtbot, qapp, tmp_path: Path):  # type: ignore[no-untyped-def]
    config = make_config(tmp_path, '[sync]\nplatform_url = "embedded"\ninterval_s = 3600')
    window = build_window(config, qapp)
    bridge = SyncBridge()
    bridge.status_changed.connect(window.sync_badge.show_status)
    bridge.mirror_changed.connect(window.refresh)
    backend = open_backend(
        config, on_status=bridge.on_status, on_mirror_changed=bridge.on_mirror_changed
    )
    window.attach(backend.catalog)
    qtbot.addWidget(window)
    window.resize(*KIOSK_SIZE)
    window.show()
    assert backend.sync is not None
    backend.sync.worker.start()
    qtbot.waitUntil(lambda: window.sync_badge.isVisible(), timeout=10_000)
    yield window, backend
    backend.close()
    window.ctx.switcher.detach()


@pytest.fixture
def offline(qtbot, qapp, tmp_path: Path) -> Iterator[tuple[MainWindow, Backend, TaskRunner]]:  # type: ignore[no-untyped-def]
    """The kiosk with no platform (nothing to sync), as the application wires it."""
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path))
    yield window, backend, tasks
    tasks.shutdown()
    backend.close()
    window.ctx.switcher.detach()
