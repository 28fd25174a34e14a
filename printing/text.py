# SPDX-License-Identifier: EUPL-1.2
"""Text for thermal paper: only characters the selected code page can print.

Typographic characters become their plain forms (some printers' CP1252 tables lack
them), letters with marks the code page lacks are decomposed to their base letter, and
anything still unprintable becomes a visible middle dot, logged, never a silent "?".
What is invisible on a screen prints as nothing: format characters (a byte order mark,
zero-width spaces and joiners, a word joiner, a soft hyphen, direction marks) are
dropped, and a line or paragraph separator (U+2028, U+2029) is a line break. Emoji (a
provider's "🍎 Frutta") are decoration no printer font has: they are left out with the
space beside them, rather than printed as dots or as the empty box of a missing glyph.
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
# An emoji: a pictograph of the emoji planes (emoticons, transport, flags, skin tones),
# or a symbol asked to show as one (U+2764 U+FE0F), with the selectors and joiners that
# build one emoji out of several. Left over alone, a selector or a keycap's frame is
# invisible: "1️⃣" prints as "1".
_EMOJI = "(?:[\U0001f000-\U0001faff]|[\u2190-\u2bff](?=[\ufe0f\u200d]))[\ufe0e\ufe0f\u200d\u20e3]*"
_EMOJI_BEFORE_A_GAP = re.compile(f" (?:{_EMOJI})+(?=\\s|$)")
_EMOJI_ANYWHERE = re.compile(f"(?:{_EMOJI})+ ?")
_INVISIBLE_MARKS = re.compile("[\ufe0e\ufe0f\u20e3]")


def without_emoji(text: str) -> str:
    """``text`` without its emoji, nor the space each leaves twice: "Spesa 🛒 a casa" is
    "Spesa a casa", "🍎 Frutta" is "Frutta"."""
    text = _EMOJI_ANYWHERE.sub("", _EMOJI_BEFORE_A_GAP.sub("", text))
    return _INVISIBLE_MARKS.sub("", text)


def printable(text: str, encoding: str = "cp1252") -> str:
    """``text`` made of characters ``encoding`` can print (see the module docstring)."""
    result = []
    # Composed first: "e" and a combining accent (as some keyboards and platforms send
    # it) is "é", which the code page has; apart, the accent printed as a dot.
    for char in unicodedata.normalize("NFC", without_emoji(text)).translate(PLAIN):
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
    for char in unicodedata.normalize("NFC", without_emoji(text)).translate(PLAIN):
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
        for c in unicodedata.normalize("NFC", without_emoji(text)).translate(PLAIN)
    )


def _encodes(char: str, encoding: str) -> bool:
    if ord(char) < 32:
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
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
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
