# SPDX-License-Identifier: EUPL-1.2
"""Dependency rules, lowest layer first (docs/architecture.md):

forms                      the form format and answer checks: nothing of ours
protocol, vouchers         the wire contract (with the form definitions it carries) and
                           signed vouchers: none of the packages above
store                      the local database: not sync, printing, kiosk or central
sync, printing             not the kiosk, central or each other
central                    the reference platform: protocol, forms and vouchers only
kiosk.core                 Qt-free use cases: not kiosk.boot, kiosk.ui or central
kiosk.boot                 configuration and wiring: not kiosk.ui
kiosk.ui                   the only code that imports Qt; screens never import each other
Only the demo launcher (kiosk/boot/launcher.py) and the tests import central. No pop-up
windows in the UI.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kiosk.boot.paths import ROOT
from tests.kiosk.probes import run_probe

QT = ("PySide6", "shiboken6")
OURS = ("protocol", "forms", "vouchers", "store", "sync", "printing", "central", "kiosk")


def imports(package: str) -> list[tuple[str, int, str]]:
    """(file, line, imported module) for every absolute import under ``package``."""
    found = []
    folder = ROOT / package.replace(".", "/")
    files = [folder.with_suffix(".py")] if not folder.is_dir() else sorted(folder.rglob("*.py"))
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
                names += [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            found += [(str(path.relative_to(ROOT)), node.lineno, name) for name in names]
    return found


def offending(package: str, forbidden: tuple[str, ...]) -> list[str]:
    def hit(module: str) -> bool:
        return any(module == f or module.startswith(f + ".") for f in forbidden)

    return [f"{f}:{n} {m}" for f, n, m in imports(package) if hit(m)]


LAYERS = {
    "protocol": ("vouchers", "store", "sync", "printing", "central", "kiosk"),
    "forms": ("protocol", "vouchers", "store", "sync", "printing", "central", "kiosk"),
    "vouchers": ("store", "sync", "printing", "central", "kiosk"),
    "store": ("sync", "printing", "central", "kiosk"),
    "sync": ("printing", "central", "kiosk"),
    "printing": ("sync", "central", "kiosk"),
    "central": ("store", "sync", "printing", "kiosk"),
    "kiosk.core": ("kiosk.boot", "kiosk.ui", "kiosk.cli", "central"),
    "kiosk.boot": ("kiosk.ui", "kiosk.cli"),
    "kiosk.ui": ("kiosk.cli", "central"),
}


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_each_layer_imports_only_the_layers_below(package: str) -> None:
    assert offending(package, LAYERS[package]) == []


@pytest.mark.parametrize("package", [*OURS[:-1], "kiosk.core", "kiosk.boot", "kiosk.cli"])
def test_only_the_ui_imports_qt(package: str) -> None:
    assert offending(package, QT) == []


def test_only_the_launcher_imports_central() -> None:
    # The kiosk speaks HTTP to the platform; the launcher only starts it (demo mode and
    # the `social-point central` command).
    bad = [
        line
        for package in ("protocol", "forms", "vouchers", "store", "sync", "printing", "kiosk")
        for line in offending(package, ("central",))
        if not line.startswith("kiosk/boot/launcher.py:")
    ]
    assert bad == []


def test_screens_never_import_each_other() -> None:
    # What two screens share is a widget (kiosk/ui/widgets/); a screen is reached by its
    # route through the window, never by importing it.
    bad = [
        f"{f}:{n} {m}"
        for f, n, m in imports("kiosk.ui.screens")
        if m.startswith("kiosk.ui.screens.") and not m.startswith("kiosk.ui.screens.base")
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


# Widgets that render a text that looks like HTML as rich text (QLabel's default is
# Qt.AutoText), or draw markup: the platform's and citizens' texts reach the screen
# through kiosk/ui/widgets/common.py's ``label()`` and ``button()`` instead, which keep
# them plain (and their "&" visible).
RICH_TEXT_WIDGETS = {"QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton"}
RICH_TEXT_APIS = {
    "QTextEdit",
    "QTextBrowser",
    "QTextDocument",
    "QStaticText",
    "QGraphicsTextItem",
    "setHtml",
    "insertHtml",
    "toHtml",
    "setToolTip",
    "setWhatsThis",
    "setStatusTip",
    "mightBeRichText",
    "RichText",
    "AutoText",
    "MarkdownText",
    "setMarkdown",
}
# A QLabel that only ever shows a picture (set with setPixmap), never a text.
PICTURE_LABELS = {"kiosk/ui/widgets/print_panel.py"}


def test_texts_reach_the_screen_only_through_plain_text_widgets() -> None:
    used = []
    for path in (ROOT / "kiosk").rglob("*.py"):
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if name in RICH_TEXT_WIDGETS and where not in PICTURE_LABELS:
                    used.append(f"{where}:{node.lineno} {name}()")
            if isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name in RICH_TEXT_APIS:
                    used.append(f"{where}:{node.lineno} {name}")
    assert used == []


@pytest.mark.slow  # a fresh interpreter
def test_the_first_frame_needs_no_database_or_network_library() -> None:
    # The home screen is drawn before the store opens (see kiosk/boot/backend.py); importing
    # these for it would put their load time in front of every start.
    import subprocess
    import sys

    probe = (
        "import sys; import kiosk.cli, kiosk.boot.backend, kiosk.ui.application; "
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


@pytest.mark.slow  # a kiosk process started
def test_the_home_screen_is_drawn_before_the_costly_parts_of_qt(tmp_path) -> None:
    # Building Qt's enum namespace (15 ms) and resolving every lazily loaded PySide
    # class, which an application-wide event filter causes (20 ms), come after the
    # first frame; the home screen is reported once it has really been painted.

    # Full screen, as installed: it must still exit.
    result = run_probe(FIRST_FRAME_PROBE, tmp_path, "[demo]\nenabled = true\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Qt enum namespace built: False",
        "idle watch installed: False",
        "painted: True",
        "idle watch installed: True",
    ]


# Qt's virtual methods a class of ours may override; any other name of its Qt base that
# it defines or assigns hides Qt's own (``self.icon = ...`` on a button makes ``icon()``
# an attribute; a ``screen`` method hides the display the widget is on).
QT_OVERRIDES = {"event", "eventFilter", "sizeHint", "minimumSizeHint", "hasHeightForWidth",
                "heightForWidth", "setGeometry", "minimumSize", "expandingDirections",
                "addItem", "count", "itemAt", "takeAt"}  # fmt: skip


def test_no_class_of_the_ui_hides_a_method_of_its_qt_base() -> None:
    import importlib
    import inspect
    import pkgutil

    from PySide6.QtCore import QObject

    import kiosk.ui

    hidden = []
    for info in pkgutil.walk_packages(kiosk.ui.__path__, "kiosk.ui."):
        module = importlib.import_module(info.name)
        for name, cls in vars(module).items():
            if not (inspect.isclass(cls) and issubclass(cls, QObject)):
                continue
            if cls.__module__ != module.__name__:
                continue
            qt = next(base for base in cls.__mro__ if base.__module__.startswith("PySide6"))
            body = ast.parse(inspect.getsource(cls)).body[0]
            assert isinstance(body, ast.ClassDef)
            defined = {node.name for node in body.body if isinstance(node, ast.FunctionDef)}
            assigned = {
                node.attr
                for node in ast.walk(body)
                if isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            }
            for attr in sorted(defined | assigned):
                if attr.startswith("_") or not callable(getattr(qt, attr, None)):
                    continue
                if attr in defined and (attr.endswith("Event") or attr in QT_OVERRIDES):
                    continue  # a virtual of Qt's, overridden
                if attr in defined and attr in getattr(cls, "HIDES_ON_PURPOSE", ()):
                    continue  # declared, with the reason, by the class itself
                hidden.append(f"{info.name}.{name}.{attr} hides {qt.__name__}.{attr}")
    assert hidden == []


def _modules_named_by(path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The dotted names an import statement may load, relative imports resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = path.relative_to(ROOT).parent.parts
        kept = package[: len(package) - (node.level - 1)]
        base = ".".join([*kept, *([base] if base else [])])
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def _test_module_in(dotted: str) -> str | None:
    """The test module (tests/**/test_*.py) ``dotted`` loads, if it names one."""
    parts = dotted.split(".")
    for end in range(1, len(parts) + 1):
        file = ROOT.joinpath(*parts[:end]).with_suffix(".py")
        if file.name.startswith("test_") and file.is_file():
            return str(file.relative_to(ROOT))
    return None


def test_no_module_imports_a_test_module() -> None:
    # A test module holds tests: what several share (helpers, fixtures, samples) lives in a
    # helper module or a conftest.py. Importing a test module also collects its tests
    # twice and drags its fixtures into the importer's namespace.
    found = []
    for path in sorted([*(ROOT / "tests").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for dotted in _modules_named_by(path, node):
                    target = _test_module_in(dotted)
                    if target:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {target}")
    assert found == []


def test_the_application_screen_reads_no_store_on_the_ui_thread() -> None:
    # What the review shows, the step texts and where problems go are decided in
    # kiosk/core (tested without Qt); the call is read by kiosk.core.applying.read_call
    # on a worker thread. The screen imports no store or database code at run time and
    # calls no reader of the catalog.
    path = ROOT / "kiosk" / "ui" / "screens" / "apply.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in tree.body
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for node in ast.walk(block)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in typing_only:
            for name in _modules_named_by(path, node):
                if name.split(".")[0] in ("store", "sqlalchemy", "sync"):
                    found.append(f"{node.lineno}: imports {name}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = ast.unparse(node.func.value)
            if owner.endswith("catalog") or owner.endswith("store") or node.func.attr == "read":
                found.append(f"{node.lineno}: calls {ast.unparse(node.func)}")
    assert found == []
