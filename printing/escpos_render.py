# SPDX-License-Identifier: EUPL-1.2
"""Slips to ESC/POS bytes, with python-escpos used only as a byte generator.

The code page is ours: every job starts with ESC @ (reset), ESC R 0 (USA character set,
so # $ @ [ ] keep their shapes) and ESC t n for the profile's table (printer_setup picks
it from python-escpos's capability profile of the printer model, or the configuration);
python-escpos's "magic encode" is off, so it never hops between tables or prints a
silent "?". Text is made printable for that table first (printing.text).

QR codes get a quiet zone of 4 modules: a native one is fed past before and after, an
image one carries it. Images (QR on printers without native QR, Code 128 barcodes, the
logo) are one GS v 0 raster each, as wide as the printable dots.

A job cut off mid-command leaves the printer waiting for the rest of it: the next bytes
it gets are swallowed as, say, image data. So the first job after one cut off starts
with ``resync``: enough ESC @ pairs to complete the longest command we ever send, and
each one left over just resets the printer.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from dataclasses import replace
from typing import Any

from PIL import Image, ImageOps

from printing.codes import QUIET_MODULES, code128_image, qr_image
from printing.layout import PROFILES, BarcodeRow, ImageRow, PaperProfile, QrRow, layout
from printing.raster import text_image
from printing.slip import Slip

__all__ = ["PROFILES", "PaperProfile", "render"]

LOGO_MAX_ROWS = 200  # a logo taller than 25 mm is scaled down


def _dummy_import() -> None:
    """Imports python-escpos with its side effects contained."""
    # python-escpos 3.1 calls logging.basicConfig() when imported, and caches its
    # capability file as a pickle in a folder of our choosing.
    own = os.path.join(tempfile.gettempdir(), "social-point-escpos")
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", own)
    try:
        os.makedirs(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"], exist_ok=True)
    except OSError:  # set to a file, or somewhere unwritable: our own folder instead
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = own
        os.makedirs(own, exist_ok=True)
    root = logging.getLogger()
    guard = logging.NullHandler()
    root.addHandler(guard)  # basicConfig does nothing when the root has a handler
    # Its capabilities module also makes a folder with mkdtemp() as the default of that
    # setting, even when it is set: an empty /tmp/tmpXXXX left at every start. Its one
    # call is answered with the folder it will use; any other caller gets a new one.
    make_folder = tempfile.mkdtemp

    def folder_for_escpos(*args: Any, **kwargs: Any) -> str:
        if sys._getframe(1).f_globals.get("__name__") == "escpos.capabilities":
            return os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]
        return str(make_folder(*args, **kwargs))

    tempfile.mkdtemp = folder_for_escpos  # type: ignore[assignment]
    try:
        import escpos.printer  # noqa: F401
    finally:
        tempfile.mkdtemp = make_folder
        root.removeHandler(guard)


def _dummy(profile: PaperProfile) -> Any:
    """A python-escpos Dummy printer for the profile's model."""
    _dummy_import()
    from escpos.printer import Dummy

    return Dummy(
        profile=profile.escpos_profile,
        magic_encode_args={"encoding": profile.code_page.upper(), "disabled": True},
    )


def max_command_bytes(profile: PaperProfile) -> int:
    """The longest single command a job for ``profile`` can hold: a full-width raster
    band (``_raster`` draws every image, logo, QR code or text, in bands of at most
    LOGO_MAX_ROWS rows)."""
    return 8 + profile.dots // 8 * LOGO_MAX_ROWS


def resync_bytes(profile: PaperProfile) -> bytes:
    return b"\x1b@" * (max_command_bytes(profile) // 2 + 1)


def render(
    slip: Slip, profile: PaperProfile, *, logo: Image.Image | None = None, resync: bool = False
) -> bytes:
    """The slip's ESC/POS bytes. ``logo``: printed at the top (printing.escpos_render.
    fit_logo); ``resync``: the job follows one that was cut off (see the module doc)."""
    printer = _dummy(profile)
    if resync:
        printer._raw(resync_bytes(profile))
    printer._raw(b"\x1b@\x1bR\x00\x1bt" + bytes([profile.code_page_table]))
    if logo is not None:
        _raster(printer, logo, profile.dots)
    for row in layout(slip, profile):
        if isinstance(row, QrRow):
            printer.set(align="center", bold=False, normal_textsize=True, invert=False)
            if profile.native_qr:
                feed = b"\x1bJ" + bytes([QUIET_MODULES * row.module])  # ESC J n: n dots
                printer._raw(feed)
                # Error correction Q: a crumpled or smudged slip still scans.
                printer.qr(row.payload, ec=2, size=row.module, native=True)
                printer._raw(feed)
            else:
                _raster(printer, qr_image(row.payload, row.module), profile.dots)
            continue
        if isinstance(row, BarcodeRow):
            _raster(printer, code128_image(row.text, profile.dots), profile.dots)
            continue
        if isinstance(row, ImageRow):  # as wide as the paper, aligned inside
            image = text_image(row.text, row.lang, profile.dots, bold=row.bold, align=row.align)
            _raster(printer, image, profile.dots)
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


def _raster(printer: Any, image: Image.Image, dots: int) -> None:
    """GS v 0 rasters, centred on the full printable width (ink is a 1 bit), in bands
    of at most LOGO_MAX_ROWS rows: a text drawn as an image (Arabic, Chinese) is as tall
    as all its lines, and one command for it was longer than the resync after a cut-off
    job covers (``max_command_bytes``): the next job was swallowed as image data."""
    canvas = Image.new("1", (dots, image.height), 1)
    canvas.paste(image.convert("1"), ((dots - image.width) // 2, 0))
    ink = without_real_time_commands(ImageOps.invert(canvas.convert("L")).convert("1").tobytes())
    width = dots // 8
    for top in range(0, image.height, LOGO_MAX_ROWS):
        height = min(LOGO_MAX_ROWS, image.height - top)
        header = b"\x1dv0\x00" + bytes([width % 256, width // 256, height % 256, height // 256])
        printer._raw(header + ink[top * width : (top + height) * width])


# DLE followed by EOT, ENQ or DC4 starts a real-time command: a printer with real-time
# commands on acts on it wherever it arrives, inside image data too (Epson ESC/POS), so
# a grey logo's dots could ask for status mid-job (an answer then taken for the one after
# the job: printed on a roll that had run out), recover from an error, clear the buffer,
# kick the drawer or switch the printer off.
REAL_TIME_PREFIXES = (0x04, 0x05, 0x14)
_DLE = 0x10


def without_real_time_commands(ink: bytes) -> bytes:
    """Raster bytes in which no DLE can start a real-time command: each DLE (a lone dot,
    0x10) followed by EOT, ENQ or DC4, or ending the data (what follows is not ours to
    see), loses its dot. A lone dot is never a QR module or a bar (those are wider than
    one dot) and is invisible in a logo or a drawn letter.

    Not GS ( D instead: it switches off only DLE DC4's pulse and power-off, never DLE
    EOT or DLE ENQ, and a printer without it would print its bytes or take them for part
    of a command. This works on every printer; the status question after a job still
    counts any DLE EOT a job holds (printing.connection.real_time_queries)."""
    data = bytearray(ink)
    at = data.find(_DLE)
    while at != -1:
        if at + 1 == len(data) or data[at + 1] in REAL_TIME_PREFIXES:
            data[at] = 0x00  # a zero never starts one, nor ends DLE's pair before it
        at = data.find(_DLE, at + 1)
    return bytes(data)


def fit_logo(image: Image.Image, dots: int) -> Image.Image:
    """A logo as the printer draws it: at most the printable width and LOGO_MAX_ROWS
    tall, dithered to black and white once."""
    grey = image.convert("L")
    if image.mode in ("RGBA", "LA", "P"):  # transparent parts print as paper
        backdrop = Image.new("RGBA", image.size, (255, 255, 255, 255))
        grey = Image.alpha_composite(backdrop, image.convert("RGBA")).convert("L")
    scale = min(1.0, dots / grey.width, LOGO_MAX_ROWS / grey.height)
    if scale < 1.0:
        size = (max(1, int(grey.width * scale)), max(1, int(grey.height * scale)))
        grey = grey.resize(size, Image.Resampling.LANCZOS)
    return grey.convert("1")  # Floyd-Steinberg dithering


FONT_A_DOTS = 12  # the width of a character of font A, the one slips print in


def fitted_to_model(paper: PaperProfile) -> PaperProfile:
    """``paper`` as its printer model prints, by python-escpos's capability profile: no
    wider (``_narrowed``), and QR codes as pictures when the model draws none itself (a
    NT-5890K or a POS-5890 on "58mm" paper ignored GS ( k: each voucher came out with
    no QR code). An unknown model is code_page_for's to report."""
    _dummy_import()
    from escpos.capabilities import get_profile

    try:
        data = get_profile(paper.escpos_profile).profile_data
    except Exception:
        return paper
    fitted = _narrowed(paper, data)
    if data.get("features", {}).get("qrCode") is False:
        fitted = replace(fitted, native_qr=False)
    return fitted


def _narrowed(paper: PaperProfile, data: dict[str, Any]) -> PaperProfile:
    """``paper`` no wider than the model prints: a TM-T88V draws 512 dots, 42 characters,
    on 80 mm paper. Laid out for the roll's usual 576 dots and 48 characters, each full
    line of a slip came out in two and the right of each picture was cut off. A profile
    without a width (default, simple) or as wide as the paper leaves it as it is."""
    pixels = data.get("media", {}).get("width", {}).get("pixels")
    if not isinstance(pixels, int) or pixels >= paper.dots:
        return paper
    dots = pixels // 8 * 8  # a raster row is whole bytes (_raster)
    columns = [paper.columns, dots // FONT_A_DOTS]
    listed = data.get("fonts", {}).get("0", {}).get("columns")
    if isinstance(listed, int) and listed > 0:  # fewer when its font A is wider
        columns.append(listed)
    return replace(paper, dots=dots, columns=min(columns))


def code_page_for(escpos_profile: str, wanted: str = "", table: int = -1) -> tuple[str, int]:
    """The text encoding and its ESC t number for a printer model, from python-escpos's
    capability profile: ``wanted`` (a name such as "cp858") or the first of CP1252,
    CP858, CP850 and CP437 the model has; ``table`` >= 0 overrides the number. The
    lowest number wins when a model lists a page twice. ValueError names the problem."""
    import codecs

    _dummy_import()
    from escpos.capabilities import get_profile

    try:
        pages = get_profile(escpos_profile).profile_data["codePages"]
    except Exception:
        raise ValueError(f"unknown printer model {escpos_profile!r}") from None
    by_name: dict[str, int] = {}
    for number, name in sorted(pages.items(), key=lambda item: int(item[0])):
        by_name.setdefault(name.lower().replace("_", "").replace("-", ""), int(number))
    choices = [wanted] if wanted else ["cp1252", "cp858", "cp850", "cp437"]
    for choice in choices:
        key = choice.lower().replace("_", "").replace("-", "")
        try:
            codec = codecs.lookup(choice).name
        except LookupError:
            raise ValueError(f"unknown code page {choice!r}") from None
        if table >= 0:
            return codec, table
        if key in by_name:
            return codec, by_name[key]
    raise ValueError(
        f"the {escpos_profile} profile has no {wanted or 'Western'} code page; "
        "set printer.code_page_table to its ESC t number"
    )
