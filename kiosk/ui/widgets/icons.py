# SPDX-License-Identifier: EUPL-1.2
"""Icons beside the texts of home tiles and category cards (never in their place).

The icons are Tabler outline SVGs bundled in ``assets/icons`` (MIT, see its README).
An ``Icon`` draws its SVG in its own text colour, which the theme's style sheet sets
through the role it shares with the title beside it: the icon follows the normal and
high-contrast themes with no colour of its own. An icon id the kiosk does not know (the
platform may add categories) gets a neutral icon; a missing file draws nothing.

Each icon is drawn once per colour and size into a picture kept in the kiosk's cache
folder (``use_cache``): the home screen's first paint after a restart loads three small
PNGs instead of loading Qt's SVG module and rendering vectors (about a tenth of what the
kiosk adds to a bare window's first paint). The picture's name holds a checksum of the
SVG and colour (CRC-32 from zlib, which Qt's start has loaded already; hashlib's OpenSSL
took 3 ms of the first paint), so an updated icon is drawn again.
"""

from __future__ import annotations

import logging
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QLabel

from kiosk.boot.paths import ASSETS

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

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


_cache_dir: list[Path] = []  # where drawn icons are kept; none: drawn on every start


def use_cache(folder: Path) -> None:
    """Keeps drawn icons in ``folder`` (the kiosk's cache folder)."""
    _cache_dir[:] = [folder]


@cache
def _renderer(name: str, colour: str) -> QSvgRenderer | None:
    from PySide6.QtCore import QByteArray  # only when a picture is not in the cache
    from PySide6.QtSvg import QSvgRenderer

    svg = _svg(name)
    if not svg:
        return None
    renderer = QSvgRenderer(QByteArray(svg.replace(b"currentColor", colour.encode())))
    return renderer if renderer.isValid() else None


@cache
def picture(name: str, colour: str, width: int, height: int) -> QPixmap | None:
    """The icon drawn in ``colour`` at ``width`` x ``height`` device pixels."""
    svg = _svg(name)
    if not svg:
        return None
    digest = f"{zlib.crc32(svg + colour.encode()):08x}"
    kept = _cache_dir[0] / f"{name}-{digest}-{width}x{height}.png" if _cache_dir else None
    if kept is not None and kept.is_file():
        loaded = QPixmap(str(kept))
        if not loaded.isNull():
            return loaded
    renderer = _renderer(name, colour)
    if renderer is None:
        return None
    from PySide6.QtCore import QRectF  # drawing: only when a picture is not in the cache
    from PySide6.QtGui import QImage

    # Transparent from zero bytes: QImage.fill would build Qt's whole enum namespace
    # (resolving its overloads) on the first paint's path.
    image = QImage(
        bytes(width * height * 4), width, height, QImage.Format.Format_ARGB32_Premultiplied
    ).copy()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    if kept is not None:
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(kept)):
                log.warning("icon %s cannot be kept in %s", name, kept.parent)
        except OSError as error:  # a full or read-only disk: drawn again next start
            log.warning("icon %s cannot be kept: %s", name, error)
    return QPixmap.fromImage(image)


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
        if not self.name:
            return
        colour = self.palette().color(self.foregroundRole()).name()
        ratio = self.devicePixelRatioF()
        drawn = picture(
            self.name, colour, round(self.width() * ratio), round(self.height() * ratio)
        )
        if drawn is None:
            return
        drawn.setDevicePixelRatio(ratio)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, drawn)
        painter.end()
