# SPDX-License-Identifier: EUPL-1.2
"""Lines in a script the printer's code page lacks, drawn as images (Pillow, no Qt).

A citizen's own lines on a slip (what they bought, what to do next) come in their
language too; Arabic, Chinese, Ukrainian and Romanian letters are outside CP1252/CP858,
so those lines are printed as raster images drawn with the same Noto fonts as the
screen, never as dots. Arabic is shaped and laid right to left by Pillow's Raqm layout.
"""

from __future__ import annotations

import logging
import subprocess
import unicodedata
from functools import cache

from PIL import Image, ImageDraw, ImageFont, features

from languages import FONT_FAMILIES, language

log = logging.getLogger(__name__)

FONT_PX = 26  # about the height of the printer's font A (24 dots) with its accents
LINE_GAP = 6


@cache
def font_file(family: str, bold: bool = False) -> str | None:
    """The font file fontconfig gives for ``family`` (Debian: fonts-noto-core/-cjk)."""
    pattern = f"{family}:style={'Bold' if bold else 'Regular'}"
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}\n%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        log.error("fontconfig (fc-match) is not available")
        return None
    if len(found) < 2 or family not in found[1]:
        log.error("font %s is not installed", family)
        return None
    return found[0]


Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _family_font(family: str, bold: bool) -> Font | None:
    path = font_file(family, bold) or font_file(family)
    if path is None:
        return None
    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, FONT_PX, layout_engine=layout)


@cache
def _has_glyph(family: str, char: str) -> bool:
    font = _family_font(family, False)
    if font is None:
        return False
    # A missing glyph draws the font's "notdef" box, as U+FFFF (never assigned) does.
    return bytes(font.getmask(char)) != bytes(font.getmask("\uffff"))


def _font(text: str, lang: str, bold: bool) -> Font:
    """The language's font, or the first of the others that has every glyph (a name in
    Arabic letters on an Italian citizen's slip)."""
    drawn = {c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")}
    for family in (language(lang).font, *FONT_FAMILIES):
        if all(_has_glyph(family, c) for c in drawn):
            return _family_font(family, bold) or ImageFont.load_default(FONT_PX)
    return _family_font(language(lang).font, bold) or ImageFont.load_default(FONT_PX)


def _right_to_left(text: str) -> bool:
    """Whether the text's first strong letter is right to left (Unicode bidi classes)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _lines(
    text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int, direction: str
) -> list[str]:
    """Lines no wider than ``width`` dots: broken at spaces, or anywhere (Chinese)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" ") if " " in paragraph else list(paragraph):
            joiner = " " if line and " " in paragraph else ""
            candidate = f"{line}{joiner}{word}"
            if line and font.getlength(candidate, direction=direction) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
            while font.getlength(line, direction=direction) > width and len(line) > 1:
                cut = _longest_fitting(line, font, width, direction)  # a word wider than the paper
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def _longest_fitting(
    line: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int, direction: str
) -> int:
    """How many characters of ``line`` (at least 1, fewer than all) fit ``width`` dots.
    Halving, not one character at a time: a name of 2,000 letters with no space took 19 s
    to measure (each shorter prefix measured again), and held the print queue."""
    low, high = 1, len(line) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(line[:middle], direction=direction) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def text_image(
    text: str, lang: str, width: int, *, bold: bool = False, align: str = "left"
) -> Image.Image:
    """``text`` in ``lang``'s font, wrapped to ``width`` dots, black on white ("1")."""
    # Control characters draw nothing (and Raqm refuses some): line breaks stay.
    text = "".join(c if c == "\n" or unicodedata.category(c) != "Cc" else " " for c in text)
    font = _font(text, lang, bold)
    rtl = language(lang).right_to_left or _right_to_left(text)
    direction = "rtl" if rtl else "ltr"
    if not features.check("raqm"):
        direction = None  # type: ignore[assignment]  # the basic layout knows no direction
    lines = _lines(text, font, width, direction)
    height = len(lines) * (FONT_PX + LINE_GAP) + LINE_GAP
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        used = font.getlength(line, direction=direction)
        start = {"left": 0, "center": (width - used) / 2, "right": width - used}[align]
        if rtl and align == "left":  # a right-to-left line starts at the right edge
            start = width - used
        y = LINE_GAP + index * (FONT_PX + LINE_GAP)
        draw.text((start, y), line, font=font, fill=0, direction=direction, language=lang)
    return image
