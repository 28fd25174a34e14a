"""Dependency rules: only kiosk/ui imports Qt; sync/ and printing/ never import kiosk/;
only the launcher imports central/, which imports neither; no pop-up windows in the UI."""

from __future__ import annotations

import ast

import pytest

from kiosk.paths import ROOT

QT = ("PySide6", "shiboken6")


def imports(package: str) -> list[tuple[str, int, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            found += [(str(path.relative_to(ROOT)), node.lineno, name) for name in names]
    return found


@pytest.mark.parametrize("package", ["sync", "printing", "central", "forms"])
def test_no_qt_outside_the_kiosk(package: str) -> None:
    bad = [f"{f}:{n} {m}" for f, n, m in imports(package) if m.split(".")[0] in QT]
    assert bad == []


@pytest.mark.parametrize("package", ["sync", "printing"])
def test_core_packages_never_import_the_kiosk(package: str) -> None:
    bad = [f"{f}:{n} {m}" for f, n, m in imports(package) if m.split(".")[0] == "kiosk"]
    assert bad == []


def test_only_the_launcher_imports_central() -> None:
    # The kiosk speaks HTTP to the platform; the launcher only starts it (demo mode and
    # the `social-point central` command).
    bad = [
        f"{f}:{n} {m}"
        for f, n, m in imports("kiosk")
        if m.split(".")[0] == "central" and f != "kiosk/launcher.py"
    ]
    assert bad == []


def test_forms_stand_alone_for_kiosk_and_platform_alike() -> None:
    bad = [
        f"{f}:{n} {m}"
        for f, n, m in imports("forms")
        if m.split(".")[0] in ("kiosk", "sync", "printing", "central")
    ]
    assert bad == []


def test_central_imports_neither_the_kiosk_nor_its_store() -> None:
    bad = [f"{f}:{n} {m}" for f, n, m in imports("central") if m.split(".")[0] in ("kiosk", "sync")]
    assert bad == []


def test_qt_stays_in_the_ui_layer_of_the_kiosk() -> None:
    allowed = ("kiosk/ui/", "kiosk/display.py")
    bad = [
        f"{f}:{n} {m}"
        for f, n, m in imports("kiosk")
        if m.split(".")[0] in QT and not f.startswith(allowed)
    ]
    assert bad == []


def test_no_separate_windows_in_the_ui() -> None:
    # Dialogs, menus, combo pop-ups and tooltips open top-level windows that a kiosk
    # compositor misplaces and the on-screen keyboard cannot reach.
    forbidden = {"QDialog", "QMessageBox", "QMenu", "QComboBox", "QToolTip", "QInputDialog"}
    used = []
    for path in (ROOT / "kiosk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name in forbidden:
                    used.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert used == []


def test_the_first_frame_needs_no_database_or_network_library() -> None:
    # The home screen is drawn before the store opens (see kiosk/app.py); importing
    # these for it would put their load time in front of every start.
    import subprocess
    import sys

    probe = (
        "import sys; import kiosk.cli, kiosk.app, kiosk.ui.application; "
        "print(' '.join(m for m in ('sqlalchemy', 'alembic', 'requests', 'fastapi') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""
