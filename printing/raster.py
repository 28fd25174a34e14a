# SPDX-License-Identifier: EUPL-1.2
"""Lines in a script the printer's code page lacks, drawn as images (Pillow, no Qt).

A citizen's own lines on a slip (what they bought, what to do next) come in their
language too; Arabic, Chinese, Ukrainian and Romanian letters are outside CP1252/CP858,
so those lines are printed as raster images drawn with the same Noto fonts as the
screen, never as dots. Arabic is shaped and laid right to left by Pillow's Raqm layout.

No Noto font has every script, so a line is drawn in runs, each in the first font that
has its letters ("Social Point" in an Arabic sentence), laid in the order the Unicode
bidi algorithm gives. Without Raqm (Pillow loads libfribidi at run time: Debian's
libfribidi0) the basic layout still draws every line, Arabic letters unjoined.
"""

from __future__ import annotations

import bisect
import logging
import math
import subprocess
import unicodedata
from functools import cache
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFont, features

from languages import FONT_FAMILIES, language
from printing.text import UNPRINTABLE, blank_again, emoji_as_dots

log = logging.getLogger(__name__)

FONT_PX = 26  # about the height of the printer's font A (24 dots) with its accents
LINE_GAP = 6  # white around the lines (split above and below): the fonts' ascent and
# descent already space the lines between


class Face(NamedTuple):
    path: str
    number: int  # the face in a collection: Noto Sans CJK SC is not the .ttc's first (JP)


@cache
def font_file(family: str, bold: bool = False) -> Face | None:
    """The font face fontconfig gives for ``family`` (Debian: fonts-noto-core/-cjk)."""
    pattern = f"{family}:style={'Bold' if bold else 'Regular'}"
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}\n%{index}\n%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        log.error("fontconfig (fc-match) is not available")
        return None
    if len(found) < 3 or family not in found[2]:
        log.error("font %s is not installed", family)
        return None
    return Face(found[0], int(found[1]) if found[1].isdigit() else 0)


Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _family_font(family: str, bold: bool, raqm: bool = True) -> Font | None:
    face = font_file(family, bold) or font_file(family)
    if face is None:
        return None
    layout = ImageFont.Layout.RAQM if raqm else ImageFont.Layout.BASIC
    return ImageFont.truetype(face.path, FONT_PX, index=face.number, layout_engine=layout)


@cache
def _has_glyph(family: str, char: str) -> bool:
    font = _family_font(family, False, False)
    if font is None:
        return False
    # A missing glyph draws the font's "notdef" box, as U+FFFF (never assigned) does.
    return bytes(font.getmask(char)) != bytes(font.getmask("\uffff"))


# Scripts no language of the kiosk is written in (Hebrew, Devanagari, Georgian, Thai)
# still come in names and in providers' texts. fonts-noto-core has a Noto Sans face for
# each, which the screen finds through fontconfig; the slip printed empty boxes.
Coverage = tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]


@cache
def _coverage() -> Coverage:
    """Each installed Noto Sans family with its characters as ranges (starts, ends),
    from fontconfig once: a text of thousands of letters no font has starts no process
    per letter."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format=%{family[0]}|%{charset}\n", ":style=Regular"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        log.error("fontconfig (fc-list) is not available")
        return ()
    found = []
    for line in sorted(set(listed.splitlines())):
        family, _, charset = line.partition("|")
        if family.startswith("Noto Sans "):
            ranges = [part.partition("-") for part in charset.split()]
            starts = tuple(int(low, 16) for low, _, _ in ranges)
            ends = tuple(int(high or low, 16) for low, _, high in ranges)
            found.append((family, starts, ends))
    return tuple(found)


@cache
def _other_family(char: str) -> str | None:
    """The first Noto Sans family beyond the languages' own that has ``char``."""
    code = ord(char)
    for family, starts, ends in _coverage():
        at = bisect.bisect_right(starts, code) - 1
        if at >= 0 and code <= ends[at] and _has_glyph(family, char):
            return family
    return None


def _families(lang: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys((language(lang).font, *FONT_FAMILIES)))


def _font(text: str, lang: str, bold: bool) -> Font:
    """The language's font, or the first of the others that has every glyph (a name in
    Arabic letters on an Italian citizen's slip): a text in one script is drawn in it."""
    drawn = {c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")}
    for family in _families(lang):
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


# Bidi formatting characters: they order the text and draw nothing (the basic layout
# would draw them as boxes).
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_BIDI_CONTROLS |= dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_SEPARATORS = str.maketrans("\u2028\u2029", "\n\n")  # line, paragraph


# UAX #9's max_depth: an isolate that would go deeper overflows (X5a-X5c), its content
# at the level around it. Text from the platform may hold thousands of isolates.
MAX_DEPTH = 125
_INITIATORS = ("LRI", "RLI", "FSI")


def _matching_pdis(text: str) -> dict[int, int]:
    """Each isolate initiator's matching PDI (BD9), or the text's end when none."""
    found: dict[int, int] = {}
    open_: list[int] = []
    for index, char in enumerate(text):
        kind = unicodedata.bidirectional(char)
        if kind in _INITIATORS:
            open_.append(index)
        elif kind == "PDI" and open_:
            found[open_.pop()] = index
    found.update(dict.fromkeys(open_, len(text)))
    return found


def _fsi_right_to_left(text: str, start: int, matching: dict[int, int]) -> bool:
    """P2, P3 for an FSI's content: its first strong letter, skipping nested isolates."""
    index, end = start + 1, matching[start]
    while index < end:
        kind = unicodedata.bidirectional(text[index])
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
        index = matching[index] + 1 if kind in _INITIATORS else index + 1
    return False


def _levels(text: str, base: int) -> list[int]:
    """Each character's bidi level (odd: right to left), by a short form of the Unicode
    bidi algorithm (UAX #9): letters, numbers, the neutrals between them, and isolates
    (languages.isolated); no explicit embeddings or bracket pairs, which slips lack.

    In one pass with a stack, never recursion (a text may nest thousands of isolates):
    each isolate's content is a sequence of its own, resolved apart; its initiator and
    its PDI are neutrals of the sequence around it."""
    levels = [base] * len(text)
    matching = _matching_pdis(text)
    sequences: list[tuple[int, list[int]]] = [(base, [])]  # (level, positions)
    open_ = [0]  # the sequences of the isolates open here, innermost last
    overflow = 0  # isolates open beyond MAX_DEPTH: their content stays where it is
    for index, char in enumerate(text):
        kind = unicodedata.bidirectional(char)
        if kind == "PDI":
            if overflow:
                overflow -= 1
            elif len(open_) > 1:
                open_.pop()
        level, positions = sequences[open_[-1]]
        positions.append(index)
        if kind not in _INITIATORS:
            continue
        rtl = kind == "RLI" or (kind == "FSI" and _fsi_right_to_left(text, index, matching))
        inner = level + 1 if (level + 1) % 2 == rtl else level + 2
        if overflow or inner > MAX_DEPTH:
            overflow += 1
            continue
        open_.append(len(sequences))
        sequences.append((inner, []))
    for level, positions in sequences:
        _resolve(text, positions, level, levels)
    return levels


def _resolve(text: str, positions: list[int], base: int, levels: list[int]) -> None:
    """Sets the levels of one sequence's characters (``positions``, in order) at ``base``."""
    kinds: list[str] = []  # bidi classes; "" for a neutral, resolved below
    for position in positions:
        kind = unicodedata.bidirectional(text[position])
        if kind == "NSM":  # a mark goes with its letter
            kinds.append(kinds[-1] if kinds else "")
        else:
            kinds.append(kind if kind in ("L", "R", "AL", "EN", "AN", "ES", "CS", "ET") else "")
    sos = "R" if base % 2 else "L"
    # W2, W3: digits after an Arabic letter are Arabic numbers; Arabic letters are R.
    strong = sos
    for i, kind in enumerate(kinds):
        if kind in ("L", "R", "AL"):
            strong = kind
            kinds[i] = "R" if kind == "AL" else kind
        elif kind == "EN" and strong == "AL":
            kinds[i] = "AN"
    # W4, W5, W6: "12,50", "1.5", "1-2" and "50%" are one number; other separators are
    # neutral.
    for i, kind in enumerate(kinds):
        if kind in ("ES", "CS"):
            pair = kinds[i - 1] if 0 < i < len(kinds) - 1 and kinds[i - 1] == kinds[i + 1] else ""
            kinds[i] = pair if pair == "EN" or (pair == "AN" and kind == "CS") else ""
    for i, kind in enumerate(kinds):
        if kind == "ET":
            j = i
            while j < len(kinds) and kinds[j] == "ET":
                j += 1
            touching = (i > 0 and kinds[i - 1] == "EN") or (j < len(kinds) and kinds[j] == "EN")
            kinds[i:j] = ["EN" if touching else ""] * (j - i)
    # W7: a number after a Latin letter (or opening a left-to-right line) is laid as Latin.
    strong = sos
    for i, kind in enumerate(kinds):
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            kinds[i] = "L"
    # N1, N2: neutrals between two letters of one direction take it (a number counts as
    # right to left), others the line's.
    i = 0
    while i < len(kinds):
        if kinds[i]:
            i += 1
            continue
        j = i
        while j < len(kinds) and not kinds[j]:
            j += 1
        before = kinds[i - 1] if i else sos
        after = kinds[j] if j < len(kinds) else sos
        before, after = ("L" if k == "L" else "R" for k in (before, after))
        kinds[i:j] = [before if before == after else sos] * (j - i)
        i = j
    # I1, I2
    for position, kind in zip(positions, kinds, strict=True):
        if base % 2 == 0:
            levels[position] = base + {"L": 0, "R": 1}.get(kind, 2)
        else:
            levels[position] = base + (kind != "R")


class _Run(NamedTuple):
    text: str  # in logical order
    font: Font
    level: int  # odd: right to left


def _clusters_reversed(text: str) -> str:
    """``text`` in visual order for the basic layout: right to left, a letter's marks
    still after it, brackets mirrored."""
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return "".join(reversed(clusters)).translate(_MIRRORED)


class _Writer:
    """Draws a line in runs, each in the first font that has its letters."""

    def __init__(self, lang: str, bold: bool, raqm: bool) -> None:
        self.lang, self.bold, self.raqm = lang, bold, raqm
        self.families = _families(lang)

    def font(self, family: str) -> Font:
        return _family_font(family, self.bold, self.raqm) or ImageFont.load_default(FONT_PX)

    def family(self, char: str, current: str | None) -> str | None:
        """``char``'s font: the current run's when it has the glyph (spaces, marks and
        bidi controls always stay), else the first that has it."""
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Mn", "Me"):
            return current
        if current is not None and _has_glyph(current, char):
            return current
        own = next((f for f in self.families if _has_glyph(f, char)), None)
        return own or _other_family(char) or self.families[0]

    def runs(self, line: str, rtl: bool) -> list[_Run]:
        """The line's runs in visual order, left to right."""
        levels = _levels(line, 1 if rtl else 0)
        families: list[str | None] = []
        current: str | None = None
        for char in line:
            current = self.family(char, current)
            families.append(current)
        # Leading spaces and marks go with the first letter's font.
        first = next((f for f in families if f is not None), self.families[0])
        runs: list[_Run] = []
        start = 0
        for end in range(1, len(line) + 1):
            if end < len(line) and (families[end] or first, levels[end]) == (
                families[start] or first,
                levels[start],
            ):
                continue
            text = line[start:end].translate(_BIDI_CONTROLS)
            if text:
                runs.append(_Run(text, self.font(families[start] or first), levels[start]))
            start = end
        return _visual_order(runs)

    def laid(self, run: _Run) -> tuple[str, str | None, str | None]:
        """The run's text, direction and language as Pillow takes them: the basic layout
        refuses a direction or a language, so its right-to-left runs come reversed."""
        if self.raqm:
            return run.text, "rtl" if run.level % 2 else "ltr", self.lang
        return _clusters_reversed(run.text) if run.level % 2 else run.text, None, None

    def width(self, run: _Run) -> float:
        text, direction, lang = self.laid(run)
        return run.font.getlength(text, direction=direction, language=lang)

    def getlength(self, text: str, mode: str = "", direction: str | None = None) -> float:
        """The width of ``text`` drawn in runs (as a font's, for _lines)."""
        return sum(self.width(run) for run in self.runs(text, direction == "rtl"))

    def draw(self, draw: ImageDraw.ImageDraw, x: float, baseline: int, run: _Run) -> None:
        text, direction, lang = self.laid(run)
        draw.text(
            (x, baseline),
            text,
            font=run.font,
            fill=0,
            anchor="ls",
            direction=direction,
            language=lang,
        )

    def extent(self, runs: list[_Run], fallback: Font) -> tuple[int, int]:
        """Dots above and below the baseline the line needs: its fonts' ascent and
        descent, or more if a glyph reaches further (stacked Arabic marks)."""
        above, below = 0, 0
        for font in [run.font for run in runs] or [fallback]:
            if isinstance(font, ImageFont.FreeTypeFont):
                ascent, descent = font.getmetrics()
                above, below = max(above, ascent), max(below, descent)
            else:
                above = max(above, FONT_PX)
        for run in runs:
            text, direction, lang = self.laid(run)
            box = run.font.getbbox(text, direction=direction, language=lang, anchor="ls")
            above, below = max(above, math.ceil(-box[1])), max(below, math.ceil(box[3]))
        return above, below


def _visual_order(runs: list[_Run]) -> list[_Run]:
    """UAX #9 rule L2: from the highest level down to the lowest odd one, each sequence
    of runs at that level or higher is reversed (a run's letters: its drawing direction)."""
    if not runs:
        return runs
    levels = [run.level for run in runs]
    lowest_odd = min(levels) + (min(levels) % 2 == 0)
    for level in range(max(levels), lowest_odd - 1, -1):
        index = 0
        while index < len(runs):
            if runs[index].level < level:
                index += 1
                continue
            end = index
            while end < len(runs) and runs[end].level >= level:
                end += 1
            runs[index:end] = runs[index:end][::-1]
            index = end
    return runs


def _lines(text: str, font: Font | _Writer, width: int, direction: str | None) -> list[str]:
    """Lines no wider than ``width`` dots: broken at spaces, or anywhere (Chinese)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not blank_again(paragraph, lines):
            lines += _paragraph_lines(paragraph, font, width, direction)
    return lines


def _paragraph_lines(
    paragraph: str, font: Font | _Writer, width: int, direction: str | None
) -> list[str]:
    """Each line takes as many words as fit (``_fitting_words``); a word wider than the
    paper alone is cut where it fills the line, its rest beginning the next."""
    spaced = " " in paragraph
    words = paragraph.split(" ") if spaced else list(paragraph)
    joiner = " " if spaced else ""
    lines: list[str] = []
    line, index = "", 0
    while index < len(words):
        count = _fitting_words(line, words[index:], joiner, font, width, direction)
        if count:
            line = _joined(line, words[index : index + count], joiner)
            index += count
            if index < len(words):  # the next word does not fit: a new line
                lines.append(line)
                line = ""
        elif line:
            lines.append(line)
            line = ""
        else:
            line, index = words[index], index + 1
            while font.getlength(line, direction=direction) > width and len(line) > 1:
                cut = _longest_fitting(line, font, width, direction)
                lines.append(line[:cut])
                line = line[cut:]
    lines.append(line)
    return lines


def _joined(line: str, words: list[str], joiner: str) -> str:
    """``line`` with ``words`` after it, as typed (two spaces stay two); none before the
    first word of a line."""
    parts = [line, *words]
    while len(parts) > 1 and not parts[0]:
        parts.pop(0)
    return joiner.join(parts)


def _fitting_words(
    line: str,
    words: list[str],
    joiner: str,
    font: Font | _Writer,
    width: int,
    direction: str | None,
) -> int:
    """How many of ``words`` fit after ``line`` within ``width`` dots: doubling, then
    halving, so a line of n words is measured about 2 log n times. Measured again for
    every word, a text of thousands of characters with no space (or of marks that take
    no room) took half a minute to lay out."""

    def fits(count: int) -> bool:
        joined = _joined(line, words[:count], joiner)
        return font.getlength(joined, direction=direction) <= width

    low, step = 0, 1
    while low + step <= len(words) and fits(low + step):
        low, step = low + step, step * 2
    high = min(len(words), low + step - 1)  # low + step did not fit, or is past the end
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _longest_fitting(line: str, font: Font | _Writer, width: int, direction: str | None) -> int:
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


# Marks stacked on one letter: no script needs more (Vietnamese and Thai two or three,
# Hebrew with its accents four). A text from the platform may pile thousands on one
# letter ("Zalgo" text): each was drawn above the last, a line metres tall.
MAX_MARKS = 8


def _fewer_marks(text: str) -> str:
    """``text`` with at most MAX_MARKS marks on a letter, and a dot where more were (an
    invisible format character between them still leaves them on the letter)."""
    kept: list[str] = []
    marks = 0
    for char in text:
        kind = unicodedata.category(char)
        marks = marks + (kind != "Cf") if kind in ("Mn", "Me", "Cf") else 0
        if marks <= MAX_MARKS:
            kept.append(char)
        elif marks == MAX_MARKS + 1 and kind != "Cf":
            kept.append(UNPRINTABLE)  # once for all those left out
    if len(kept) < len(text):
        log.warning("marks piled on one letter left out")
    return "".join(kept)


def text_image(
    text: str, lang: str, width: int, *, bold: bool = False, align: str = "left"
) -> Image.Image:
    """``text`` in ``lang``'s font, wrapped to ``width`` dots, black on white ("1")."""
    # Control characters draw nothing (and Raqm refuses some): line breaks stay, and a
    # line or paragraph separator is one (drawn, it was a box).
    # Emoji have no glyph in any font a 1-bit slip can use: a dot each, never a box.
    text = _fewer_marks(emoji_as_dots(text).translate(_SEPARATORS))
    # Every space is a plain one, as in a line printed as text: an ideographic or an em
    # space was a letter here, never a break, and a run of them fed metres of paper.
    text = "".join(
        " " if c != "\n" and unicodedata.category(c) in ("Cc", "Zs") else c for c in text
    )
    # Without Raqm Pillow refuses a direction or a language: the writer lays out itself.
    writer = _Writer(lang, bold, bool(features.check("raqm")))
    rtl = language(lang).right_to_left or _right_to_left(text)
    lines = [
        writer.runs(line, rtl) for line in _lines(text, writer, width, "rtl" if rtl else "ltr")
    ]
    fallback = writer.font(language(lang).font)
    extents = [writer.extent(runs, fallback) for runs in lines]
    image = Image.new("1", (width, sum(a + b for a, b in extents) + LINE_GAP), 1)
    draw = ImageDraw.Draw(image)
    top = LINE_GAP // 2
    for runs, (above, below) in zip(lines, extents, strict=True):
        widths = [writer.width(run) for run in runs]
        used = sum(widths)
        start = {"left": 0, "center": (width - used) / 2, "right": width - used}[align]
        if rtl and align == "left":  # a right-to-left line starts at the right edge
            start = width - used
        x = start
        for run, run_width in zip(runs, widths, strict=True):
            writer.draw(draw, x, top + above, run)
            x += run_width
        top += above + below
    return image
