# SPDX-License-Identifier: EUPL-1.2
"""The Italian catalog is complete and up to date with the code; placeholders match."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.boot.paths import ROOT
from kiosk.ui.i18n import I18N_DIR, compile_translation, lrelease_binary

PLACEHOLDER = re.compile(r"\{\w+\}|%n")


def messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).iter("message"))


def test_italian_catalog_is_complete_with_matching_placeholders() -> None:
    found = messages(I18N_DIR / "kiosk_it.ts")
    assert found
    for message in found:
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), source
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        for form in forms:
            assert form, source
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), source


def test_catalogs_hold_every_string_of_the_code(tmp_path: Path) -> None:
    lupdate = lrelease_binary().with_name("lupdate")
    for lang in ("it", "en"):
        copy = tmp_path / f"kiosk_{lang}.ts"
        shutil.copy(I18N_DIR / f"kiosk_{lang}.ts", copy)
        sources = [str(p) for p in sorted((ROOT / "kiosk").rglob("*.py"))]
        result = subprocess.run(
            [str(lupdate), "-no-obsolete", *sources, "-ts", str(copy)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "0 new and" in result.stdout or "(0 new" in result.stdout, result.stdout
        before = {m.findtext("source") for m in messages(I18N_DIR / f"kiosk_{lang}.ts")}
        after = {m.findtext("source") for m in messages(copy)}
        assert after == before, f"kiosk_{lang}.ts is stale: run pyside6-lupdate"


def test_translations_compile_once_and_again_only_when_changed(tmp_path: Path) -> None:
    qm = compile_translation("it", tmp_path)
    assert qm is not None and qm.stat().st_size > 0
    stamp = qm.stat().st_mtime_ns
    assert compile_translation("it", tmp_path) == qm
    assert qm.stat().st_mtime_ns == stamp
    assert compile_translation("xx", tmp_path) is None


def test_switching_language_keeps_no_old_translators(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

    from kiosk.ui.i18n import LanguageSwitcher

    switcher = LanguageSwitcher(tmp_path)
    try:
        for lang in ("it", "en") * 20:
            switcher.set_language(lang)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Only the catalogs of the language in use remain: each switch used to keep its
        # removed translators (about 90 KB) alive as children of the switcher.
        alive = switcher.findChildren(QTranslator)
        assert 1 <= len(alive) <= 2
        assert len(alive) == len(switcher._translators)
    finally:
        switcher.detach()
        switcher.deleteLater()
