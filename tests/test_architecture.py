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
    # The one exception: the record checks both sides share (the wire contract), so the
    # platform refuses to publish what kiosks would refuse.
    bad = [
        f"{f}:{n} {m}"
        for f, n, m in imports("central")
        if m.split(".")[0] in ("kiosk", "sync") and m != "sync.records"
    ]
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


FIRST_FRAME_PROBE = """
import sys
import PySide6.QtCore as core
import kiosk.ui.application as application

def progress(self, step):
    if step == "home screen shown":
        print("Qt enum namespace built:", "Qt" in vars(core))
        print("idle watch installed:", self.window.idle.watching)
        print("painted:", self.window.windowHandle().isExposed())
    elif step == "catalog ready":
        print("idle watch installed:", self.window.idle.watching)
        self.app.quit()

application.KioskApplication._progress = progress
from kiosk.cli import main
sys.exit(main(["run", "--config", sys.argv[1], "--platform", "offscreen", "--exit-when-ready"]))
"""


def test_the_home_screen_is_drawn_before_the_costly_parts_of_qt(tmp_path) -> None:
    # Building Qt's enum namespace (15 ms) and resolving every lazily loaded PySide
    # class, which an application-wide event filter causes (20 ms), come after the
    # first frame; the home screen is reported once it has really been painted.
    import subprocess
    import sys

    config = tmp_path / "kiosk.toml"  # full screen, as installed: it must still exit
    config.write_text(
        f'[paths]\ndata_dir = "{tmp_path}"\nlog_dir = "{tmp_path}"\ncache_dir = "{tmp_path}"\n'
        "[demo]\nenabled = true\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE, str(config)],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Qt enum namespace built: False",
        "idle watch installed: False",
        "painted: True",
        "idle watch installed: True",
    ]
