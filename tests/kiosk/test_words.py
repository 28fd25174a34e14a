# SPDX-License-Identifier: EUPL-1.2
"""One word per idea on every screen and slip: the person at the desk is a "welfare
manager" (never also an "operatore"), the machine a "totem" (never also a "chiosco")."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.boot.paths import ROOT
from kiosk.ui.i18n import I18N_DIR

OTHER_WORDS = re.compile(r"\b(operator[ei]|chiosc(o|hi))\b", re.IGNORECASE)


def test_the_italian_screens_use_one_word_per_idea() -> None:
    found = []
    for message in ET.parse(I18N_DIR / "kiosk_it.ts").iter("message"):
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text]
        found += [form for form in forms if form and OTHER_WORDS.search(form)]
    assert found == []


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
