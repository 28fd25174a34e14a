# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures: a real SQLite store with the demo data, the kiosk window, screenshots."""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from kiosk.boot.config import Config, parse_config
from kiosk.boot.paths import DEMO_DATASET, ROOT
from store import demo
from store.catalog import CatalogReader
from store.database import Store
from tests import scrypt_memo

scrypt_memo.install()  # callers look hashlib.scrypt up at each call

SCREENSHOT_DIR = Path(os.environ.get("KIOSK_SCREENSHOT_DIR", ROOT / "artifacts" / "screens"))
KIOSK_SIZE = (1920, 1080)


def make_config(tmp_path: Path, extra: str = "") -> Config:
    text = f"""
[social_point]
name = "Social Point Piazzola"
comune = "piazzola"
address = "Municipio, Viale Silvestro Camerini (demo)"
phone = "049 000 0000"
opening_hours = "lun–ven 9:00–12:30"
[paths]
data_dir = "{tmp_path / "data"}"
log_dir = "{tmp_path / "log"}"
cache_dir = "{tmp_path / "cache"}"
[demo]
enabled = true
{extra}
"""
    return parse_config(text)


_tests_collected = [0]


@pytest.fixture(autouse=True)
def _collect_cycles_on_the_main_thread() -> Iterator[None]:
    # A kiosk window moves the cycle collector to the UI thread and switches automatic
    # collection off (kiosk/ui/collector.py); once its window is gone, the cycles each
    # test leaves are collected here, on the main thread, as the kiosk would: the young
    # generations after every test, everything after every 50th (a full collection of
    # the suite's objects takes ~100 ms).
    yield
    if not gc.isenabled():
        _tests_collected[0] += 1
        gc.collect(2 if _tests_collected[0] % 50 == 0 else 1)


@pytest.fixture(autouse=True)
def _windows_end_with_their_test() -> Iterator[None]:
    # pytest-qt closes a test's widgets with deleteLater(), which only an event loop
    # carries out: after a test that never ran one (processEvents() does not) its window
    # stayed alive, and every later restyle (larger text, high contrast) restyled all of
    # them: a header test took 2.6 s first and 15.6 s seventh, the suite minutes more.
    # (Fixtures end inside pytest-qt's teardown, after it has closed the widgets.)
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is not None and widgets.QApplication.instance() is not None:
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _the_kiosk_log_ends_with_its_test() -> Iterator[None]:
    # A test that starts the kiosk's logging (setup_logging) sent every later test's
    # lines to its own, deleted folder, and its level stayed on the root logger.
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if getattr(h, "_social_point", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture(scope="session", autouse=True)
def _stores_start_from_a_migrated_template(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    # Migrating a new store runs every Alembic migration (~0.2 s); hundreds of tests open
    # one. A store file migrated once per test process is copied where a test's store
    # would start empty: the schema is the same, as the migration tests (which build
    # their older stores first) and every subprocess kiosk still migrate from nothing.
    template = tmp_path_factory.mktemp("migrated") / "kiosk.sqlite3"
    Store(template).close()
    assert not template.with_name("kiosk.sqlite3-wal").exists()
    original = Store.__init__

    def from_template(self: Store, path: Path) -> None:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(template, path)
        original(self, path)

    Store.__init__ = from_template  # type: ignore[method-assign]
    yield
    Store.__init__ = original  # type: ignore[method-assign]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "kiosk.sqlite3")
    yield opened
    opened.close()


def sqlite_platform_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'central.sqlite3'}"


@pytest.fixture
def platform_database(tmp_path: Path) -> str:
    """The reference platform's database: SQLite in the test's folder (the platform's own
    tests, in tests/sync, run on PostgreSQL too)."""
    return sqlite_platform_url(tmp_path)


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo.load_if_empty(store, DEMO_DATASET)
    return store


@pytest.fixture
def backend(tmp_path: Path):  # type: ignore[no-untyped-def]
    from kiosk.boot.backend import open_backend

    opened = open_backend(make_config(tmp_path))
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, qapp, backend):  # type: ignore[no-untyped-def]
    from kiosk.ui.application import build_window

    main = build_window(backend.config, qapp)
    main.attach(backend.catalog)
    qtbot.addWidget(main)
    main.resize(*KIOSK_SIZE)
    main.show()
    qtbot.waitExposed(main)
    yield main
    if main.ctx.citizen.large_text:  # the style is the application's: leave it as found
        main.set_large_text(False)
    main.ctx.switcher.detach()


@pytest.fixture
def catalog(demo_store: Store) -> CatalogReader:
    return CatalogReader(demo_store)


def texts_cut_off(root) -> list[str]:  # type: ignore[no-untyped-def]
    """The visible labels and buttons under ``root`` whose text does not fit them: a
    wrapping label lower than its lines, or a line wider than its widget."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    cut = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.text():
            continue
        name = widget.objectName() or widget.text()[:40]
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                cut.append(f"{name!r}: {widget.height()} px high of {needed}")
            continue
        wide = max(
            widget.fontMetrics().horizontalAdvance(line) for line in widget.text().split("\n")
        )
        room = _room_for_text(widget)
        if wide > room + 1:
            cut.append(f"{name!r}: {room} px wide of {wide}")
    return cut


def _room_for_text(widget) -> int:  # type: ignore[no-untyped-def]
    """The width a widget's text is drawn in: a push button's inside its style's border
    and padding (a text wider than that is clipped, though not wider than the button)."""
    from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton

    if isinstance(widget, QPushButton):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        contents = widget.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, widget
        )
        return contents.width()
    return widget.contentsRect().width()


@pytest.fixture
def snap(request, qapp):  # type: ignore[no-untyped-def]
    """snap(widget, name): saves a PNG of ``widget`` for review by eye, then holds two
    rules on it: no text is cut off, and a window still has the kiosk panel's size (a
    screen that needs more room pushes it larger here; on the panel its bottom, the
    way back and help included, would be cut off)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    test_id = re.sub(r"[^\w.-]+", "_", request.node.name)

    def take(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
        for _ in range(3):  # a text change asks for a new layout, which asks for a repaint
            qapp.processEvents()
        # Cards a list has just drawn wait for their layout (as they do before they are
        # painted): a grab before it shows their lines squeezed, text cut at the bottom.
        from PySide6.QtCore import QCoreApplication, QEvent

        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        path = SCREENSHOT_DIR / f"{test_id}--{name}.png"
        assert widget.grab().save(str(path)), f"cannot save {path}"
        if widget.isWindow():
            size = (widget.width(), widget.height())
            assert size == KIOSK_SIZE, f"{name}: the window grew to {size[0]}x{size[1]}"
        assert not (cut := texts_cut_off(widget)), f"{name}: text cut off: {cut}"
        return path

    return take


# What `./dev test --quick` leaves out (-m "not slow"); CI runs them all. The quick loop
# keeps each package's unit tests and a few screens; it skips the runs that cost seconds
# a test: fault injection and soak, every PostgreSQL variant (its SQLite variant runs),
# a real browser, processes started from the command line, property-based fuzzing over
# HTTP, and walks through the whole kiosk window. A module here is slow as a whole; a
# single slow test in a quick module carries its own @pytest.mark.slow.
SLOW_MODULES = {
    # fault injection and soak
    "tests/sync/test_faults.py",
    "tests/sync/test_storage_faults.py",
    "tests/operations/test_restore_cut_short.py",
    "tests/kiosk/test_soak.py",
    # a real chromium
    "tests/central/test_desk_browser.py",
    "tests/central/test_staff_fleet_browser.py",
    # the kiosk's or the platform's command line, in processes of their own
    "tests/sync/test_commands.py",
    "tests/kiosk/test_config_and_cli.py",
    "tests/kiosk/test_start_up.py",
    "tests/kiosk/test_manager_login.py",
    "tests/printing/test_print_test_command.py",
    "tests/printing/test_printer_profile.py",
    "tests/operations/test_backup.py",
    "tests/operations/test_doctor.py",
    "tests/publication/test_publication.py",
    "tests/publication/test_placeholders.py",
    # generated hostile pages, records and replies against a live platform
    "tests/sync/test_hostile_platform.py",
    "tests/sync/test_hostile_input.py",
    "tests/sync/test_poison_records.py",
    "tests/sync/test_attacks.py",
    "tests/sync/test_pull_checksum.py",
    "tests/sync/test_push_cost.py",
    "tests/sync/test_platform_restore.py",
    # whole pulls of the catalog through a live platform, compressed or compacted
    "tests/sync/test_compression.py",
    "tests/sync/test_compaction.py",
    # whole visits through the kiosk window, with the platform and a printer
    "tests/kiosk/test_citizen_flows.py",
    "tests/kiosk/test_applying_on_screen.py",
    "tests/kiosk/test_applying_walkthrough.py",
    "tests/kiosk/test_buying_on_screen.py",
    "tests/kiosk/test_buying_walkthrough.py",
    "tests/kiosk/test_keys_and_speech.py",
    "tests/kiosk/test_languages_end_to_end.py",
    "tests/kiosk/test_manager_mode.py",
    "tests/kiosk/test_manager_dashboard.py",
    "tests/kiosk/test_manager_walkthrough.py",
    "tests/kiosk/test_printing_on_screen.py",
    "tests/kiosk/test_sync_on_screen.py",
    "tests/kiosk/test_help_call.py",
    "tests/kiosk/test_one_window.py",
    "tests/kiosk/test_session_safety.py",
    "tests/kiosk/test_privacy_notice_step.py",
    "tests/kiosk/test_wallet_pin_screen.py",
    "tests/kiosk/test_visit_forgotten.py",
    "tests/kiosk/test_screens_look.py",
    "tests/kiosk/test_layers_fit.py",
    "tests/kiosk/test_refresh_off_ui_thread.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.relative_to(ROOT).as_posix()
        if module in SLOW_MODULES or "[postgresql" in item.nodeid:
            item.add_marker(pytest.mark.slow)
