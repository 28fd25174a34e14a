# SPDX-License-Identifier: EUPL-1.2
"""Text for thermal paper: only characters the selected code page can print.

Typographic characters become their plain forms (some printers' CP1252 tables lack
them), letters with marks the code page lacks are decomposed to their base letter, and
anything still unprintable becomes a visible middle dot, logged, never a silent "?".
What is invisible on a screen prints as nothing: format characters (a byte order mark,
zero-width spaces and joiners, a word joiner, a soft hyphen, direction marks) are
dropped, and a line or paragraph separator (U+2028, U+2029) is a line break. An emoji
(a provider's "🍎 Frutta") is one dot however many code points make it (a family, a
flag, a skin tone), and no reason to print its line as a picture: no printer font has
emoji, and drawn it was the empty box of a missing glyph.
"""

from __future__ import annotations

import logging
import re
import unicodedata

log = logging.getLogger(__name__)

PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
        "\u2028": "\n",  # line separator
        "\u2029": "\n",  # paragraph separator
    }
)
UNPRINTABLE = "\u00b7"  # a visible middle dot, present in CP1252 and CP858
# An emoji: a pictograph of the emoji planes (emoticons, transport, skin tones), a flag
# (two regional letters), a sign drawn as an emoji without asking (♿ ☕ ✅ ⭐: Unicode's
# Emoji_Presentation below U+2C00), one asked to be drawn as one (❤ followed by U+FE0F)
# or joined into one (the ⚕ of 🧑‍⚕), with the selectors, skin tones, joiners and tags
# that build one emoji out of several. Left over alone, a selector or a keycap's frame
# is invisible: "1️⃣" prints as "1".
_PRESENTED = (
    "\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653"
    "\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea"
    "\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e"
    "\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55"
)
_EMOJI = re.compile(
    "(?:[\U0001f1e6-\U0001f1ff]{2}|[\U0001f000-\U0001faff" + _PRESENTED + "]"
    "|[\u2000-\u2bff](?=[\ufe0f\u200d]))"
    "(?:[\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]"
    "|\u200d(?:[\U0001f000-\U0001faff]|[\u2000-\u2bff]))*"
)
_INVISIBLE_MARKS = re.compile("[\ufe0e\ufe0f\u20e3]")


def emoji_as_dots(text: str) -> str:
    """``text`` with each emoji one visible dot: "🍎 Frutta" is "· Frutta", and 👨‍👩‍👧
    (five code points) one dot, not five."""
    return _INVISIBLE_MARKS.sub("", _EMOJI.sub(UNPRINTABLE, text))


def printable(text: str, encoding: str = "cp1252") -> str:
    """``text`` made of characters ``encoding`` can print (see the module docstring)."""
    result = []
    # Composed first: "e" and a combining accent (as some keyboards and platforms send
    # it) is "é", which the code page has; apart, the accent printed as a dot.
    dotted, emoji = _EMOJI.subn(UNPRINTABLE, text)
    if emoji:
        log.warning("%d emoji printed as dots", emoji)
    for char in unicodedata.normalize("NFC", _INVISIBLE_MARKS.sub("", dotted)).translate(PLAIN):
        if unicodedata.category(char) == "Cf":
            # Invisible where the text was written (U+FEFF, U+200B, U+2060, U+200D) or
            # shown only at a line's end (U+00AD, which CP1252 has, as a dash mid-word).
            continue
        if char == "\n" or _encodes(char, encoding):
            result.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base and all(_encodes(c, encoding) for c in base):
            result.append(base)
        else:
            log.warning("unprintable character U+%04X replaced", ord(char))
            result.append(UNPRINTABLE)
    return "".join(result)


def loses_letters(text: str, encoding: str = "cp1252") -> bool:
    """Whether ``printable`` would turn a visible character of ``text`` into a dot: one
    the code page lacks with no base letter it has (Cyrillic, Arabic, Chinese)."""
    for char in unicodedata.normalize("NFC", emoji_as_dots(text)).translate(PLAIN):
        if _encodes(char, encoding) or char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if not (base and all(_encodes(c, encoding) for c in base)):
            return True
    return False


def encodable(text: str, encoding: str = "cp1252") -> bool:
    """Whether every visible character of ``text`` prints as itself (after PLAIN) in
    ``encoding``; control and format characters do not count (they print as nothing)."""
    return all(
        _encodes(c, encoding) or c.isspace() or unicodedata.category(c) in ("Cc", "Cf")
        for c in unicodedata.normalize("NFC", emoji_as_dots(text)).translate(PLAIN)
    )


def _encodes(char: str, encoding: str) -> bool:
    if ord(char) < 32:
        return False
    if unicodedata.bidirectional(char) in ("R", "AL"):
        # A Hebrew or Arabic page (cp862, cp720) has the letters, but the printer lays
        # text left to right, one letter at a time: a name came out backwards, unjoined.
        # Drawn (printing.raster), it reads right to left as on the screen.
        return False
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


# E-mail and web addresses: never broken after their hyphens (comune-piazzola.example),
# also a bare host name (servizisociali.comune.piazzola-sul-brenta.pd.it): a dot and a
# domain ending, then a path, a port, a query, or the word's end (a sentence's stop).
_ADDRESS = re.compile(
    r"@|://|^www\.|\.[a-z]{2,}(?:[/:?#]|[.,;:!?)\]\"']*$)",
    re.IGNORECASE,
)


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most ``columns`` characters; none is lost.

    Lines break between words only, never after a hyphen, so e-mail and web addresses,
    codes and double surnames stay whole, moved to the next line when they do not fit.
    A single word longer than a line breaks at its natural points (_word_pieces).
    Blank lines in a row are one (``blank_again``).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if blank_again(paragraph, lines):
            continue
        line = ""
        for word in paragraph.split():
            if len(line) + 1 + len(word) <= columns and line:
                line += " " + word
                continue
            if line:
                lines.append(line)
            *whole, line = _word_pieces(word, columns)
            lines += whole
        lines.append(line)
    return lines


def blank_again(paragraph: str, lines: list[str]) -> bool:
    """Whether ``paragraph`` is blank after a blank line: a text from the platform of
    thousands of line breaks (a description may hold 4,000) fed metres of blank paper,
    where one blank line parts two paragraphs as well."""
    return not paragraph.strip() and bool(lines) and not lines[-1].strip()


def _word_pieces(word: str, columns: int) -> list[str]:
    """A word cut into lines: after a "/", before ".", "@", "?", "&", "=", "#" or "_", and
    after a hyphen only outside an address; cut at the line's end when nothing else fits."""
    if len(word) <= columns:
        return [word]
    address = bool(_ADDRESS.search(word))
    points = [
        i
        for i in range(1, len(word))
        if word[i] in ".@?&=#_" or word[i - 1] == "/" or (word[i - 1] == "-" and not address)
    ]
    pieces, start = [], 0
    while len(word) - start > columns:
        fitting = [p for p in points if start < p <= start + columns]
        cut = max(fitting) if fitting else start + columns
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return pieces


def pair(label: str, value: str, columns: int) -> list[str]:
    """ "Label ....... value" on one line when it fits, else the value on its own line
    (and so a value of several lines, an address typed with a line break)."""
    if "\n" not in label + value and len(label) + len(value) + 1 <= columns:
        return [label + " " * (columns - len(label) - len(value)) + value]
    return [*wrap(label, columns), *(line.rjust(columns) for line in wrap(value, columns))]
