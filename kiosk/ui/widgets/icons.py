# SPDX-License-Identifier: EUPL-1.2
"""Icons beside the texts of home tiles and category cards (never in their place).

The icons are Tabler outline SVGs bundled in ``assets/icons`` (MIT, see its README).
An ``Icon`` draws its SVG in its own text colour, which the theme's style sheet sets
through the role it shares with the title beside it: the icon follows the normal and
high-contrast themes with no colour of its own. An icon id the kiosk does not know (the
platform may add categories) gets a neutral icon; a missing file draws nothing.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel

from kiosk.boot.paths import ASSETS

ICON_DIR = ASSETS / "icons"
FALLBACK = "category"
# Icon ids (the platform's category icons and the kiosk's own tiles) -> SVG file name.
ICONS = {
    "childcare": "baby-carriage",
    "silvercare": "old",
    "familycare": "home-heart",
    "fragility": "heart-handshake",
    "youcare": "school",
    "housepet": "paw",
    "shops": "building-store",
    "services": "building-community",
    "calls": "file-certificate",
    "help": "help",
}


def icon_file(icon_id: str) -> str:
    """The bundled SVG's name (without ``.svg``) shown for an icon id."""
    return ICONS.get(icon_id, FALLBACK)


@cache
def _svg(name: str) -> bytes:
    path = ICON_DIR / f"{name}.svg"
    return path.read_bytes() if path.is_file() else b""


@cache
def _renderer(name: str, colour: str) -> QSvgRenderer | None:
    svg = _svg(name)
    if not svg:
        return None
    renderer = QSvgRenderer(QByteArray(svg.replace(b"currentColor", colour.encode())))
    return renderer if renderer.isValid() else None


class Icon(QLabel):
    """A square icon; ``role`` is the role of the text it stands beside (its colour)."""

    def __init__(self, size: int, *, role: str) -> None:
        super().__init__()
        self.setObjectName("icon")
        self.setProperty("role", role)
        self.setFixedSize(size, size)
        self.name = ""

    def set_icon(self, icon_id: str) -> None:
        self.name = icon_file(icon_id)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        colour = self.palette().color(self.foregroundRole()).name()
        renderer = _renderer(self.name, colour) if self.name else None
        if renderer is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(self.rect()))
        painter.end()
