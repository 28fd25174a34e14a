# SPDX-License-Identifier: EUPL-1.2
"""Live language switching with Qt translators.

Source strings in the code are English; ``assets/i18n/kiosk_<lang>.ts`` holds the
translations (edit them with Qt Linguist, refresh them with ``pyside6-lupdate``). At
start the ``.ts`` files are compiled into the cache folder with the ``lrelease`` that
ships in the PySide6 wheel, only when the source is newer, so a checkout never runs with
stale translations. Installing a translator makes Qt send ``LanguageChange`` to every
widget, and each screen retranslates itself. The languages themselves (names, locales,
direction) come from the registry in ``languages``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QGuiApplication

from languages import LANGUAGES, language

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parents[2] / "assets" / "i18n"
SOURCE_LANGUAGE = "en"
# Shown in their own language, never translated: a person must find their own.
LANGUAGE_NAMES = {entry.code: entry.name for entry in LANGUAGES}


def lrelease_binary() -> Path:
    return Path(PySide6.__file__).parent / "lrelease"


def compile_translation(lang: str, cache_dir: Path) -> Path | None:
    """Returns an up-to-date ``.qm`` for ``lang``, compiling it when needed."""
    source = I18N_DIR / f"kiosk_{lang}.ts"
    if not source.exists():
        return None
    target = cache_dir / f"kiosk_{lang}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    import subprocess  # rarely needed: only when the catalog changed

    cache_dir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(lrelease_binary()), "-silent", str(source), "-qm", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not target.exists():
        log.error("cannot compile translations %s: %s", source.name, result.stderr.strip())
        return None
    return target


class LanguageSwitcher(QObject):
    """Owns the installed translators (a collected QTranslator silently uninstalls)."""

    changed = Signal(str)

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache_dir = cache_dir
        self._translators: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE

    def set_language(self, lang: str) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        entry = language(lang)
        # Set first: the LanguageChange events that follow make screens read it.
        self.language = entry.code
        QLocale.setDefault(QLocale(entry.qt_locale))
        if isinstance(app, QGuiApplication) and app.isRightToLeft() != entry.right_to_left:
            # Arabic mirrors every layout: Back, Home and Help, arrows, forms, keyboards.
            # Qt's enum namespace is built only here (15 ms), never before the first frame.
            from PySide6.QtCore import Qt

            app.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft
                if entry.right_to_left
                else Qt.LayoutDirection.LeftToRight
            )
        self._discard_translators(app)
        # English, the source language, has a catalog too: only its plural forms.
        self._install(app, compile_translation(entry.code, self._cache_dir))
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        # Qt ships qtbase_zh_CN, qtbase_ar, qtbase_uk; none for Romanian or Albanian.
        for name in (f"qtbase_{entry.qt_locale}.qm", f"qtbase_{entry.code}.qm"):
            if (qt_dir / name).exists():
                self._install(app, qt_dir / name)
                break
        self.changed.emit(entry.code)

    def detach(self) -> None:
        """Removes this switcher's translators (and a right-to-left layout) from the app."""
        app = QCoreApplication.instance()
        if app is not None:
            self._discard_translators(app)
            if isinstance(app, QGuiApplication) and app.isRightToLeft():
                from PySide6.QtCore import Qt

                app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def _discard_translators(self, app: QCoreApplication) -> None:
        # A removed translator keeps this switcher as its Qt parent: without deleteLater
        # every language switch would keep its catalog (about 90 KB) until shutdown.
        for translator in self._translators:
            app.removeTranslator(translator)
            translator.deleteLater()
        self._translators = []

    def _install(self, app: QCoreApplication, path: Path | None) -> None:
        if path is None or not path.exists():
            return
        translator = QTranslator(self)
        if translator.load(str(path)):
            app.installTranslator(translator)
            self._translators.append(translator)
        else:
            log.error("cannot load translations from %s", path.name)
