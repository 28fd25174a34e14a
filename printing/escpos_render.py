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
from dataclasses import dataclass
from typing import Any

from printing.slip import Pair, Qr, Rule, Slip, Text
from printing.text import pair, printable, wrap

CODE_PAGES = {"cp1252": 16, "cp858": 19}  # ESC t n on Epson-compatible firmware


@dataclass(frozen=True)
class PaperProfile:
    """What the renderer needs to know about a printer model and its paper."""

    name: str
    columns: int  # characters per line in font A
    dots: int  # printable width in dots
    code_page: str = "cp1252"
    native_qr: bool = True  # GS ( k; cheap clones need the QR as an image
    qr_module: int = 5  # dots per QR module
    escpos_profile: str = "TM-T20II"  # python-escpos capability profile
    cutter: bool = True  # without one, the slip is fed out to be torn off

    @property
    def big_columns(self) -> int:
        return self.columns // 2


PROFILES = {
    "58mm": PaperProfile("58mm", columns=32, dots=384, qr_module=5),
    "80mm": PaperProfile("80mm", columns=48, dots=576, qr_module=6),
    "58mm-image-qr": PaperProfile("58mm-image-qr", columns=32, dots=384, native_qr=False,
                                  qr_module=5, escpos_profile="POS-5890", cutter=False),
}  # fmt: skip


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
    for element in slip.elements:
        if isinstance(element, Text):
            columns = profile.big_columns if element.big else profile.columns
            printer.set(
                align=element.align,
                bold=element.bold,
                double_width=element.big,
                double_height=element.big,
                normal_textsize=not element.big,
            )
            for line in wrap(printable(element.text, profile.code_page), columns):
                printer.textln(line)
        elif isinstance(element, Pair):
            printer.set(align="left", bold=element.bold, normal_textsize=True)
            label = printable(element.label, profile.code_page)
            value = printable(element.value, profile.code_page)
            for line in pair(label, value, profile.columns):
                printer.textln(line)
        elif isinstance(element, Rule):
            printer.set(align="left", bold=False, normal_textsize=True)
            printer.textln("-" * profile.columns)
        elif isinstance(element, Qr):
            printer.set(align="center", bold=False, normal_textsize=True)
            # Error correction Q: a crumpled or smudged slip still scans.
            printer.qr(element.payload, ec=2, size=profile.qr_module, native=profile.native_qr,
                       center=not profile.native_qr)  # fmt: skip
            if element.caption:
                for line in wrap(printable(element.caption, profile.code_page), profile.columns):
                    printer.textln(line)
    printer.set(align="left", bold=False, normal_textsize=True)
    printer.cut()
    return bytes(printer.output)
