# SPDX-License-Identifier: EUPL-1.2
"""Every translated string can be drawn: each character has a glyph in the fonts its
language is shown in (its own font, then the others the style sheet lists), and those
fonts are installed (Debian fonts-noto-core and fonts-noto-cjk; ./dev installs them)."""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QImage, QPainter, QRawFont

from kiosk.ui.i18n import I18N_DIR, LANGUAGE_NAMES
from kiosk.ui.theme import SYMBOL_FONT
from kiosk.ui.widgets.keyboard import LAYOUTS
from languages import CODES, FONT_FAMILIES, language


def texts(lang: str) -> list[str]:
    root = ET.parse(I18N_DIR / f"kiosk_{lang}.ts").getroot()
    found = []
    for message in root.iter("message"):
        translation = message.find("translation")
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        # An untranslated string is shown in its English source.
        found += [form for form in forms if form] or [message.findtext("source", "")]
    return found


def drawn(char: str) -> bool:
    """Characters that need a glyph (not spaces, line breaks or bidi controls)."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")


def raw_font(family: str) -> QRawFont:
    font = QFont(family)
    font.setPixelSize(22)
    raw = QRawFont.fromFont(font)
    # Without the font, Qt would silently substitute another and the check would lie.
    assert raw.familyName() == family, f"font {family!r} is not installed"
    return raw


@pytest.mark.parametrize("lang", CODES)
def test_every_translated_string_has_its_glyphs(qapp, lang: str) -> None:  # type: ignore[no-untyped-def]
    assert language(lang).font in QFontDatabase.families()
    # The style sheet's order: the language's font, the others, then the signs' font.
    families = [language(lang).font, *FONT_FAMILIES, SYMBOL_FONT]
    chain = [raw_font(family) for family in families]
    keyboard = LAYOUTS[language(lang).keyboard]
    strings = [
        *texts(lang),
        LANGUAGE_NAMES[lang],
        *keyboard.rows,
        keyboard.form_row,
        keyboard.switch_label,
    ]
    assert len(strings) > 20
    # By code point: PySide's QChar overload of supportsCharacter says False past Latin-1.
    missing = {
        f"U+{ord(char):04X} {char!r} in {text[:40]!r}"
        for text in strings
        for char in text
        if drawn(char) and not any(font.supportsCharacter(ord(char)) for font in chain)
    }
    assert not missing, sorted(missing)[:20]
    # Render them too, in the language's font first: drawing must not fail either.
    image = QImage(1200, 60, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    font = QFont()
    font.setFamilies(families)
    font.setPixelSize(22)
    painter.setFont(font)
    for text in strings:
        image.fill(0xFFFFFF)
        painter.drawText(4, 40, text.split("\n")[0])
    painter.end()


def test_an_emoji_in_a_provider_s_text_is_drawn_not_a_box(qapp) -> None:  # type: ignore[no-untyped-def]
    """A provider may write "🍎 Frutta e verdura": with the kiosk's fonts (and Debian's
    fonts-noto-color-emoji, which ./dev installs) the apple is drawn in its colours,
    not as the empty box of a missing glyph."""
    families = [language("it").font, *FONT_FAMILIES, SYMBOL_FONT]
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    font = QFont()
    font.setFamilies(families)
    font.setPixelSize(48)
    painter.setFont(font)
    painter.drawText(8, 64, "\U0001f34e")  # a red apple
    painter.end()
    red = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 90 and c.blue() < 90
    )
    assert red > 200, f"the apple was not drawn in colour ({red} red pixels)"
