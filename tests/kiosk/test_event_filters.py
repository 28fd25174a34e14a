# SPDX-License-Identifier: EUPL-1.2
"""The kiosk's event filters never let an exception reach PySide's C++ code, whose
report of it could crash the process (kiosk/ui/event_filters.py)."""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

import kiosk.ui
from kiosk.ui.event_filters import never_raises
from kiosk.ui.scanner_input import ScannerInput


def kiosk_event_filters() -> list[tuple[str, object]]:
    found = []
    for module_info in pkgutil.walk_packages(kiosk.ui.__path__, "kiosk.ui."):
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and "eventFilter" in vars(cls):
                found.append((f"{module.__name__}.{name}", vars(cls)["eventFilter"]))
    return found


def test_every_event_filter_of_the_kiosk_is_guarded() -> None:
    filters = kiosk_event_filters()
    assert len(filters) >= 10
    unguarded = [name for name, method in filters if not hasattr(method, "__wrapped__")]
    assert unguarded == []


def test_the_kiosk_s_application_filters_go_behind_those_kept_in_front() -> None:
    """An application filter installed directly would see each key before the barcode
    reader, and could take a reading's Enter for a press or its "+" for the volume."""
    direct = re.compile(r"app\w*(\(\))?\.installEventFilter\(", re.IGNORECASE)
    found = [
        f"{path}:{number}"
        for path in sorted(Path(kiosk.ui.__path__[0]).rglob("*.py"))
        if path.name != "event_filters.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if direct.search(line)
    ]
    assert found == []


class Broken(QObject):
    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  (Qt's name)
        if event.type() == QEvent.Type.KeyPress:
            raise RuntimeError("Internal C++ object already deleted")
        return False


def test_a_failing_filter_is_logged_once_and_the_event_goes_on(
    qtbot, caplog: pytest.LogCaptureFixture
) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    broken = Broken()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(broken)
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.ui.event_filters"):
            QTest.keyClicks(field, "abc")
    finally:
        app.removeEventFilter(broken)
    assert field.text() == "abc"  # every key reached the field
    told = [r.getMessage() for r in caplog.records if "Broken.eventFilter" in r.getMessage()]
    assert len(told) == 1 and "RuntimeError" in told[0]


def test_a_scan_whose_field_was_deleted_meanwhile_is_still_read(qtbot) -> None:
    """A language switch rebuilds a form: the field a burst began in may be gone when
    its Enter arrives (the kiosk then died in PySide's report of the error)."""
    window = QWidget()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    window.show()
    field.setFocus()
    scanner = ScannerInput()
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    try:
        QTest.keyClicks(field, "RSSMRA80A01G224X")
        field.deleteLater()
        qtbot.waitUntil(lambda: window.findChild(QLineEdit) is None)
        QTest.keyClick(window, Qt.Key.Key_Return)
    finally:
        scanner.detach()
    assert scans == ["RSSMRA80A01G224X"]


def test_the_focus_ring_and_the_keys_let_go_of_widgets_already_deleted(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closing the kiosk after the keys were used: the window deletes its widgets, then
    the focus moves, and the ring and the keys' filter were taken off widgets already
    gone (RuntimeError out of a Qt slot, which PySide 6.11 on Python 3.11 can turn into a
    crash as it reports it)."""
    import shiboken6
    from PySide6.QtWidgets import QPushButton

    from kiosk.ui.key_navigation import FocusRing, KeyNavigator

    window = QWidget()
    qtbot.addWidget(window)
    page = QWidget(window)
    button = QPushButton("Avanti", page)
    navigator = KeyNavigator(
        window, layer=lambda: None, back=lambda: None, help=lambda: None, body=lambda: None
    )
    navigator.ring.follow(button)  # watching the button and the page it is on
    navigator._keyed = button  # the control with focus gets the keys' filter
    shiboken6.delete(page)  # the page goes, its button with it
    assert not shiboken6.isValid(button)
    navigator.ring.follow(None)  # raised: "Internal C++ object already deleted"
    navigator._focus_changed(None, None)
    assert navigator._keyed is None and isinstance(navigator.ring, FocusRing)
