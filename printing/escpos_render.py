"""Slips to ESC/POS bytes, with python-escpos used only as a byte generator.

The code page is ours: every job starts with ESC @ (reset), ESC R 0 (USA character set,
so # $ @ [ ] keep their shapes) and ESC t n for the configured table; python-escpos's
"magic encode" is off, so it never hops between tables or prints a silent "?". Text is
made printable for that table first (printing.text).
"""

from __future__ import annotations

import logging
import os
import tempfile
from typing import Any

from printing.layout import PROFILES, ImageRow, PaperProfile, QrRow, layout
from printing.raster import text_image
from printing.slip import Slip

__all__ = ["PROFILES", "PaperProfile", "render"]

CODE_PAGES = {"cp1252": 16, "cp858": 19}  # ESC t n on Epson-compatible firmware


def _dummy(profile: PaperProfile) -> Any:
    """A python-escpos Dummy printer, imported with its side effects contained."""
    # python-escpos 3.1 calls logging.basicConfig() when imported, and caches its
    # capability file as a pickle in a folder of our choosing.
    os.environ.setdefault(
        "ESCPOS_CAPABILITIES_PICKLE_DIR", os.path.join(tempfile.gettempdir(), "social-point-escpos")
    )
    os.makedirs(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"], exist_ok=True)
    root = logging.getLogger()
    guard = logging.NullHandler()
    root.addHandler(guard)  # basicConfig does nothing when the root has a handler
    try:
        from escpos.printer import Dummy
    finally:
        root.removeHandler(guard)
    return Dummy(
        profile=profile.escpos_profile,
        magic_encode_args={"encoding": profile.code_page.upper(), "disabled": True},
    )


def render(slip: Slip, profile: PaperProfile) -> bytes:
    printer = _dummy(profile)
    printer._raw(b"\x1b@\x1bR\x00\x1bt" + bytes([CODE_PAGES[profile.code_page]]))
    for row in layout(slip, profile):
        if isinstance(row, QrRow):
            printer.set(align="center", bold=False, normal_textsize=True, invert=False)
            # Error correction Q: a crumpled or smudged slip still scans.
            printer.qr(row.payload, ec=2, size=profile.qr_module, native=profile.native_qr,
                       center=not profile.native_qr)  # fmt: skip
            continue
        if isinstance(row, ImageRow):
            printer.set(align="left", bold=False, normal_textsize=True, invert=False)
            image = text_image(row.text, row.lang, profile.dots, bold=row.bold, align=row.align)
            printer.image(image, impl="bitImageRaster", center=False)
            continue
        printer.set(
            align=row.align,
            bold=row.bold,
            double_width=row.big,
            double_height=row.big,
            normal_textsize=not row.big,
            invert=row.inverted,
        )
        printer.textln(row.text)
    printer.set(align="left", bold=False, normal_textsize=True, invert=False)
    printer.cut()
    return bytes(printer.output)
