# SPDX-License-Identifier: EUPL-1.2
"""A slip drawn as the thermal printer would print it, for the on-screen preview.

It draws the same rows as the ESC/POS renderer (printing.layout) on a strip as wide as
the paper's printable dots, one character per 12 x 24 dot cell like the printer's font
A, so lines break and align as on paper. Qt-free: the UI turns the grey image into a
pixmap.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from printing.codes import code128_image, qr_image
from printing.layout import BarcodeRow, ImageRow, PaperProfile, QrRow, TextRow, layout
from printing.raster import text_image
from printing.slip import Slip

CELL_HEIGHT = 24
MARGIN = 16  # white paper above and below
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _font(size: int, bold: bool) -> Font:
    """DejaVu Sans Mono when installed (Debian: fonts-dejavu-core), else Pillow's own."""
    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def render_image(slip: Slip, profile: PaperProfile, logo: Image.Image | None = None) -> Image.Image:
    """``logo``: as printing.escpos_render.fit_logo made it for the printer."""
    cell = profile.dots // profile.columns
    rows = layout(slip, profile)
    symbols = {
        id(row): _symbol(row, profile.dots) for row in rows if isinstance(row, QrRow | BarcodeRow)
    }
    symbols |= {
        id(row): text_image(
            row.text, row.lang, profile.dots, bold=row.bold, align=row.align
        ).convert("L")
        for row in rows
        if isinstance(row, ImageRow)
    }
    pictures = [logo.convert("L")] if logo is not None else []
    height = (
        2 * MARGIN
        + sum(picture.height for picture in pictures)
        + sum(
            symbols[id(row)].height
            if isinstance(row, QrRow | BarcodeRow | ImageRow)
            else CELL_HEIGHT * (1 + row.big)
            for row in rows
        )
    )
    image = Image.new("L", (profile.dots, height), 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for picture in pictures:
        image.paste(picture, ((profile.dots - picture.width) // 2, y))
        y += picture.height
    for row in rows:
        if isinstance(row, QrRow | BarcodeRow):
            symbol = symbols[id(row)]
            image.paste(symbol, ((profile.dots - symbol.width) // 2, y))
            y += symbol.height
            continue
        if isinstance(row, ImageRow):  # already as wide as the paper, aligned inside
            image.paste(symbols[id(row)], (0, y))
            y += symbols[id(row)].height
            continue
        y += _text(draw, row, y, cell, profile.dots)
    return image


def _text(draw: ImageDraw.ImageDraw, row: TextRow, y: int, cell: int, width: int) -> int:
    scale = 2 if row.big else 1
    step, line_height = cell * scale, CELL_HEIGHT * scale
    used = len(row.text) * step
    x = {"left": 0, "center": (width - used) // 2, "right": width - used}[row.align]
    ink = 255 if row.inverted else 0
    if row.inverted:
        draw.rectangle((x, y, x + used - 1, y + line_height - 1), fill=0)
    font = _font(20 * scale, row.bold)
    for index, char in enumerate(row.text):
        # Each character centred in its own cell: columns line up with any font.
        centre = x + index * step + step / 2
        draw.text((centre, y + line_height / 2), char, font=font, fill=ink, anchor="mm")
    return line_height


def _symbol(row: QrRow | BarcodeRow, dots: int) -> Image.Image:
    """The same QR (quiet zone included) or barcode the printer draws."""
    if isinstance(row, QrRow):
        return qr_image(row.payload, row.module).convert("L")
    return code128_image(row.text, dots).convert("L")
