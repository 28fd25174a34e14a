# SPDX-License-Identifier: EUPL-1.2
"""PySide6's question to every module imported after it ("does your source name
PySide6?") is answered without keeping the module's text in memory
(kiosk/ui/pyside_scan.py)."""

from __future__ import annotations

import importlib
import linecache
import sys
from pathlib import Path
from types import ModuleType

import pytest

import kiosk.ui  # noqa: F401  (installs the quicker question)
from kiosk.ui.pyside_scan import FEATURE_MODULE, names_pyside


@pytest.fixture
def modules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def _fresh_import(folder: Path, name: str, source: str) -> ModuleType:
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    importlib.invalidate_caches()
    try:
        # An import statement: PySide6's hook is on it, not on importlib.import_module.
        return __import__(name)
    finally:
        sys.modules.pop(name, None)


def test_modules_imported_after_pyside_leave_no_source_in_memory(modules_folder: Path) -> None:
    import PySide6.QtCore  # noqa: F401  (the import hook is PySide6's)

    feature = sys.modules[FEATURE_MODULE]
    uses = _fresh_import(modules_folder, "scan_uses_qt", "from PySide6 import QtCore\n")
    plain = _fresh_import(modules_folder, "scan_plain", "VALUE = 1\n")
    # PySide6 asked its question of both, and got the answer its own way would give...
    assert feature.pyside_feature_dict["scan_uses_qt"] == 0
    assert feature.pyside_feature_dict["scan_plain"] == -1
    # ...without the two sources kept (its own way keeps every module's in linecache).
    assert uses.__file__ not in linecache.cache
    assert plain.__file__ not in linecache.cache


def test_a_module_without_a_source_file_is_asked_pyside_s_own_way(tmp_path: Path) -> None:
    asked: list[str] = []

    def fallback(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    built_in = ModuleType("no_file")
    assert names_pyside(built_in, fallback) is False
    missing = ModuleType("gone")
    missing.__file__ = str(tmp_path / "gone.py")  # the file went away after the import
    assert names_pyside(missing, fallback) is False
    assert asked == ["no_file", "gone"]
    present = ModuleType("here")
    present.__file__ = str(tmp_path / "here.py")
    Path(present.__file__).write_text("import PySide6\n", encoding="utf-8")
    assert names_pyside(present, fallback) is True
    assert asked == ["no_file", "gone"]
