# SPDX-License-Identifier: EUPL-1.2
"""Design tokens and the style sheet made from them.

Sizes are pixels on the kiosk panel (a 21.5" 1920×1080 touchscreen is about 4 px/mm):
touch targets of at least 64 px (16 mm, above the 48 px floor), body text 22 px. Every
text colour pair used by the style sheet is listed in ``TEXT_PAIRS`` so a test can hold
each to the WCAG AA contrast ratio of 4.5:1.

This module is on the path to the first frame: ``Tokens`` is a NamedTuple, not a
dataclass, and its annotations are evaluated (no ``from __future__ import
annotations``, whose string annotations NamedTuple would compile one by one).
"""

from typing import Any, NamedTuple

from languages import FONT_FAMILIES

# Every language's font, then DejaVu Sans (signs such as ⌂; ./dev installs it): Qt
# looks in each, in order, for a glyph the first lacks.
SYMBOL_FONT = "DejaVu Sans"
FONTS = ", ".join(
    [
        *(f'"{family}"' for family in (*FONT_FAMILIES, SYMBOL_FONT)),
        '"Liberation Sans"',
        "sans-serif",
    ]
)


class Tokens(NamedTuple):
    font_family: str = FONTS
    body_px: int = 22
    small_px: int = 19
    title_px: int = 36
    heading_px: int = 28
    button_px: int = 24
    target_min_px: int = 64
    tile_min_px: int = 150
    home_tile_px: int = 380
    background: str = "#F5F4EF"
    surface: str = "#FFFFFF"
    text: str = "#1B1B1B"
    muted: str = "#474747"
    primary: str = "#0B4F8A"
    primary_pressed: str = "#083A66"
    on_primary: str = "#FFFFFF"
    header: str = "#0A3B63"
    on_header: str = "#FFFFFF"
    help: str = "#9A3F00"
    on_help: str = "#FFFFFF"
    border: str = "#6B6B6B"
    price: str = "#0B5D2A"
    scrim: str = "rgba(0, 0, 0, 150)"
    overlay_edge: str = "#FFFFFF"  # a layer's card against the dimmed page behind it
    disabled_text: str = "#595959"
    disabled_bg: str = "#E2E0D8"
    error: str = "#A3150B"
    placeholder: str = "#595959"
    # The keyboard's focus ring: two rings, so it shows on light and dark alike.
    focus_outer: str = "#000000"
    focus_inner: str = "#FFD400"
    # The least contrast every text pair must reach: WCAG AA, or AAA for high contrast.
    min_contrast: float = 4.5


TOKENS = Tokens()
# A citizen's choice for their visit ("Testo grande"): every text about a quarter larger.
LARGE_SIZES: dict[str, Any] = {
    "body_px": 28,
    "small_px": 24,
    "title_px": 44,
    "heading_px": 34,
    "button_px": 30,
}
LARGE_TEXT = TOKENS._replace(**LARGE_SIZES)
# "Alto contrasto": light text on black, yellow for what can be pressed; every pair at
# least 7:1 (WCAG AAA), for citizens with low vision.
HIGH_CONTRAST = TOKENS._replace(
    background="#000000",
    surface="#000000",
    text="#FFFFFF",
    muted="#E6E6E6",
    primary="#FFE600",
    primary_pressed="#C8B400",
    on_primary="#000000",
    header="#000000",
    on_header="#FFFFFF",
    help="#FFFFFF",
    on_help="#000000",
    border="#FFFFFF",
    price="#7CFC9A",
    scrim="rgba(0, 0, 0, 200)",
    overlay_edge="#FFFFFF",  # black on black: the card's edge must show where it ends
    disabled_text="#D0D0D0",
    disabled_bg="#303030",
    error="#FF9E9E",
    placeholder="#D0D0D0",
    focus_outer="#00FFFF",
    focus_inner="#000000",
    min_contrast=7.0,
)


def theme(*, large: bool = False, contrast: bool = False) -> Tokens:
    """The tokens of a visit's choices: larger text, high contrast, both or neither."""
    base = HIGH_CONTRAST if contrast else TOKENS
    return base._replace(**LARGE_SIZES) if large else base


THEMES = {
    "normal": TOKENS,
    "large": LARGE_TEXT,
    "contrast": HIGH_CONTRAST,
    "large contrast": theme(large=True, contrast=True),
}


def text_pairs(t: Tokens) -> dict[str, tuple[str, str]]:
    """(foreground, background) of every text the style sheet draws with ``t``."""
    return {
        "body": (t.text, t.background),
        "muted": (t.muted, t.background),
        "card text": (t.text, t.surface),
        "card muted": (t.muted, t.surface),
        "price": (t.price, t.surface),
        "primary button": (t.on_primary, t.primary),
        "pressed button": (t.on_primary, t.primary_pressed),
        "header": (t.on_header, t.header),
        "help button": (t.on_help, t.help),
        "chip": (t.primary, t.surface),
        "language": (t.on_header, t.header),
        "chosen language": (t.header, t.on_header),
        "disabled button": (t.disabled_text, t.disabled_bg),
        "error": (t.error, t.background),
        "error on a card": (t.error, t.surface),
        "answer button": (t.primary, t.surface),
        "placeholder": (t.placeholder, t.surface),
    }


TEXT_PAIRS = text_pairs(TOKENS)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def style_sheet(t: Tokens = TOKENS) -> str:
    return f"""
QWidget {{
    font-family: {t.font_family};
    font-size: {t.body_px}px;
    color: {t.text};
}}
QMainWindow, QWidget#body, QScrollArea, QWidget#scrollContent {{
    background: {t.background};
}}
QLabel[role="title"] {{ font-size: {t.title_px}px; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {t.heading_px}px; font-weight: bold; }}
QLabel[role="muted"] {{ color: {t.muted}; }}
QLabel[role="cardTitle"] {{ font-size: {t.button_px}px; font-weight: bold; }}
QLabel[role="tileTitle"] {{
    font-size: {t.heading_px}px; font-weight: bold; color: {t.on_primary};
}}
QLabel[role="tileText"] {{ font-size: {t.body_px}px; color: {t.on_primary}; }}
QLabel[role="cardPrice"] {{ font-size: {t.button_px}px; font-weight: bold; color: {t.price}; }}
QLabel[role="price"] {{ color: {t.price}; font-size: {t.title_px}px; font-weight: bold; }}
QWidget#header {{ background: {t.header}; }}
QWidget#header QLabel {{ color: {t.on_header}; }}
QLabel#syncBadge {{ font-size: {t.small_px}px; }}
QLabel#socialPointName {{ font-size: {t.heading_px}px; font-weight: bold; }}
QWidget#footer {{ background: {t.surface}; border-top: 2px solid {t.border}; }}
QFrame[role="card"] {{
    background: {t.surface}; border: 2px solid {t.border}; border-radius: 12px;
}}
QFrame[role="card"] QLabel {{ background: transparent; }}
QPushButton {{
    min-height: {t.target_min_px}px; min-width: {t.target_min_px}px;
    font-size: {t.button_px}px; font-weight: bold;
    padding: 8px 24px; border-radius: 12px;
    background: {t.primary}; color: {t.on_primary}; border: 2px solid {t.primary};
}}
QPushButton:pressed {{ background: {t.primary_pressed}; }}
QPushButton:disabled {{
    background: {t.disabled_bg}; color: {t.disabled_text}; border-color: {t.disabled_bg};
}}
QPushButton[role="tile"] {{
    min-height: {t.tile_min_px}px; text-align: left; padding: 16px 28px;
}}
QPushButton[role="help"] {{ background: {t.help}; border-color: {t.help}; color: {t.on_help}; }}
QPushButton#servicesTile, QPushButton#callsTile, QPushButton#helpTile {{
    min-height: {t.home_tile_px}px;
}}
QPushButton[role="chip"], QPushButton[role="card"], QPushButton[role="key"] {{
    background: {t.surface}; color: {t.primary}; border: 2px solid {t.primary};
}}
QPushButton[role="card"] {{
    text-align: left; padding: 14px 24px; color: {t.text}; border-color: {t.border};
    font-weight: normal;
}}
QPushButton[role="chip"]:checked {{ background: {t.primary}; color: {t.on_primary}; }}
QPushButton[role="lang"] {{
    background: {t.header}; color: {t.on_header}; border: 3px solid {t.on_header};
    padding: 8px 14px;
}}
QWidget#footer QPushButton {{ padding: 8px 14px; }}
QPushButton[role="lang"]:checked {{ background: {t.on_header}; color: {t.header}; }}
QPushButton[role="chip"]:pressed, QPushButton[role="card"]:pressed,
QPushButton[role="key"]:pressed {{ background: {t.disabled_bg}; }}
QPushButton[role="key"]:checked {{ background: {t.primary}; color: {t.on_primary}; }}
/* A key's least height is the target's with its 2 px border: short of room it gives
   up its font's extra height, not the 8 px between keys. */
QPushButton[role="key"] {{
    padding: 0; font-size: {t.heading_px}px;
    min-height: {t.target_min_px - 4}px; min-width: {t.target_min_px - 4}px;
}}
QLineEdit {{
    min-height: {t.target_min_px}px; font-size: {t.heading_px}px; padding: 0 16px;
    background: {t.surface}; border: 3px solid {t.primary}; border-radius: 12px;
    placeholder-text-color: {t.placeholder};
}}
QPlainTextEdit {{
    font-size: {t.heading_px}px; padding: 8px;
    background: {t.surface}; border: 3px solid {t.primary}; border-radius: 12px;
}}
QLabel[role="fieldLabel"] {{ font-size: {t.button_px}px; font-weight: bold; }}
QLabel[role="fieldError"] {{ color: {t.error}; font-weight: bold; }}
QPushButton[role="choice"] {{
    background: {t.surface}; color: {t.primary}; border: 3px solid {t.primary};
}}
QPushButton[role="choice"]:checked {{ background: {t.primary}; color: {t.on_primary}; }}
QLabel[role="answer"] {{
    font-size: {t.button_px}px; font-weight: bold; color: {t.primary}; background: transparent;
}}
QLabel[role="answer"][on="true"] {{ color: {t.on_primary}; }}
QPushButton[role="choice"]:pressed {{ background: {t.disabled_bg}; color: {t.primary}; }}
QPushButton[role="choice"]:disabled, QPushButton[role="chip"]:disabled {{
    background: {t.disabled_bg}; color: {t.disabled_text}; border-color: {t.disabled_bg};
}}
QPushButton#stillThereContinue {{
    min-width: 320px; min-height: 96px; font-size: {t.title_px}px;
}}
QWidget#keypad QPushButton {{
    min-width: 150px; min-height: 104px; padding: 0; font-size: {t.title_px}px;
}}
QPushButton[role="entry"] {{
    min-height: 88px; font-size: {t.title_px}px; letter-spacing: 4px;
    background: {t.surface}; color: {t.text}; border: 3px solid {t.border};
}}
QPushButton[role="entry"]:checked {{ border: 6px solid {t.primary}; }}
QWidget#overlay {{ background: {t.scrim}; }}
QWidget#outOfService {{ background: {t.header}; }}
QFrame#overlayCard {{
    background: {t.surface}; border-radius: 16px; border: 3px solid {t.overlay_edge};
}}
QWidget#keyboard {{ background: {t.disabled_bg}; }}
QFrame#scanNotice {{
    background: {t.header}; border: 3px solid {t.overlay_edge}; border-radius: 16px;
}}
QFrame#scanNotice QLabel {{ color: {t.on_header}; background: transparent; }}
QLabel#scanNoticeTitle {{ font-size: {t.button_px}px; font-weight: bold; }}
QLabel#scanNoticeText {{ font-size: {t.button_px}px; }}
QScrollBar:vertical {{ width: 20px; background: {t.disabled_bg}; }}
QScrollBar::handle:vertical {{ background: {t.border}; min-height: 60px; border-radius: 8px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
"""
