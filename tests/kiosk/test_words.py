# SPDX-License-Identifier: EUPL-1.2
"""One word per idea on every screen and slip, in every language: the machine has one
name (Italian "totem", never also "chiosco" or "postazione") and so has the person at
the desk (Italian "welfare manager", never also "operatore"). Each language keeps the
word its catalog already used most; the synonyms it replaced are listed so that they
cannot come back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import pytest

from kiosk.boot.paths import ROOT
from kiosk.ui.i18n import I18N_DIR, SOURCE_LANGUAGE, compile_translation
from languages import CODES
from printing.escpos_render import PROFILES, render
from printing.slip import Slip, SlipContext, header
from tests.printing.escpos_decode import decode


class Words(NamedTuple):
    kiosk: str  # the one word for the machine
    manager: str  # the one word for the person at the desk
    others: re.Pattern[str]  # the synonyms they replaced


WORDS = {
    "it": Words(
        "totem",
        "welfare manager",
        re.compile(r"\b(operator[ei]|chiosc(o|hi)|postazion[ei])\b", re.IGNORECASE),
    ),
    "en": Words("kiosk", "welfare manager", re.compile(r"\b(totems?|operators?)\b", re.IGNORECASE)),
    "ro": Words(
        "terminal",
        "operator",
        re.compile(r"\bchio[șş]c|\basistent\w*\s+social", re.IGNORECASE),
    ),
    "sq": Words("terminal", "operator", re.compile(r"\bkiosk|\bpunonjës", re.IGNORECASE)),
    "uk": Words(
        "термінал", "працівник", re.compile(r"кіоск|соціальн\w*\s+працівник", re.IGNORECASE)
    ),
    "ar": Words("الجهاز", "الموظف", re.compile(r"الكشك|مسؤول الرعاية")),
    "zh": Words("本机", "工作人员", re.compile(r"自助机|终端|福利工作人员")),
}
OTHER_WORDS = WORDS["it"].others


def shown_texts(lang: str) -> list[tuple[str, str, str]]:
    """(context, source, text) for each text of the catalog a screen or slip shows."""
    root = ET.parse(I18N_DIR / f"kiosk_{lang}.ts").getroot()
    found = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            assert translation is not None, source
            forms = [f.text or "" for f in translation.findall("numerusform")]
            forms = [form for form in forms or [translation.text or ""] if form]
            if not forms and lang == SOURCE_LANGUAGE:
                forms = [source]  # English shows its source unless the catalog says otherwise
            # Elsewhere an empty translation is a welfare managers' screen left in
            # English (tests/kiosk/test_translations.py): not this language's words.
            found += [(context.findtext("name", ""), source, form) for form in forms]
    return found


def test_every_language_has_its_words() -> None:
    assert sorted(WORDS) == sorted(CODES)


@pytest.mark.parametrize("lang", CODES)
def test_the_screens_use_one_word_per_idea(lang: str) -> None:
    words = WORDS[lang]
    texts = shown_texts(lang)
    found = [(context, text) for context, _, text in texts if words.others.search(text)]
    assert found == []
    # The chosen words are really the ones in use, so the list above is the right one.
    for word in (words.kiosk, words.manager):
        assert any(word in text.lower() for _, _, text in texts), (lang, word)


def test_the_english_screens_show_the_one_word_at_runtime(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # English sources in the code still say "totem" or "operator": the English catalog
    # replaces them, and lrelease must keep those (unfinished) translations.
    from PySide6.QtCore import QTranslator

    others = WORDS["en"].others
    translator = QTranslator()
    assert translator.load(str(compile_translation("en", tmp_path)))
    checked = 0
    for context, source, _ in shown_texts("en"):
        if others.search(source):
            shown = translator.translate(context, source)
            assert shown and not others.search(shown), (context, source, shown)
            checked += 1
    assert checked


def test_the_italian_slips_and_messages_use_one_word_per_idea() -> None:
    # Italian written in the code itself: slips, form messages, payment notes.
    found = []
    for folder in ("printing", "forms", "kiosk/core", "vouchers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                strings = re.findall(r"\"[^\"]*\"|'[^']*'", line)
                if any(OTHER_WORDS.search(text) for text in strings):
                    found.append(f"{Path(path).relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_slip_header_names_the_totem_as_the_receipt_does() -> None:
    # The header said "Postazione: kiosk-02" above "Il totem non riceve denaro".
    context = SlipContext("Social Point Limena", "Limena", "kiosk-02", datetime(2026, 11, 24, 9, 5))
    job = decode(render(Slip("Ricevuta", tuple(header(context, "RICEVUTA"))), PROFILES["80mm"]))
    lines = [line.text for line in job.lines]
    assert [line.split() for line in lines if "kiosk-02" in line] == [["Totem", "kiosk-02"]]
    assert not any(OTHER_WORDS.search(line) for line in lines), lines
