# SPDX-License-Identifier: EUPL-1.2
"""QR codes and Code 128 barcodes sized for the paper, before anything is printed.

A QR is drawn with square modules of a whole number of dots and a quiet zone of 4
modules all round (ISO/IEC 18004). It must fit the printable width with that zone; the
module shrinks from the profile's size down to 3 dots (smaller does not scan reliably
from thermal paper at 203 dpi), and a payload that still does not fit gets no QR at all:
the layout then uses the slip's shorter alternative or its text (printing.layout).

The printer chooses a native QR's version itself: the fit is computed in byte mode, the
largest its firmware may pick, so the symbol never comes out wider than computed.

A Code 128 barcode is drawn with 2-dot modules (0.25 mm); its quiet zones of 10 modules
fall in the paper's unprinted margins (at least 4 mm on 58 and 80 mm rolls), so the bars
alone must fit the printable width.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import qrcode
import qrcode.util
from PIL import Image

QUIET_MODULES = 4
SMALLEST_MODULE = 3
BARCODE_MODULE = 2  # dots per bar module
BARCODE_HEIGHT = 80  # dots: 10 mm at 203 dpi


@lru_cache(maxsize=256)
def qr_modules(payload: str, byte_mode: bool = False) -> int | None:
    """Modules per side at error correction Q; None when no QR version can hold it."""
    symbol = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0)
    data = qrcode.util.QRData(payload.encode("utf-8"), mode=qrcode.util.MODE_8BIT_BYTE)
    symbol.add_data(data if byte_mode else payload)
    try:
        version: int = symbol.best_fit()  # the version alone: no matrix, no mask to choose
    except (qrcode.exceptions.DataOverflowError, ValueError):
        return None
    return 4 * version + 17


def qr_module_for(payload: str, dots: int, preferred: int, native: bool) -> int | None:
    """The largest module (dots) up to ``preferred`` at which the QR and its quiet zone
    fit ``dots``; None when even the smallest does not."""
    modules = qr_modules(payload, byte_mode=native)
    if modules is None:
        return None
    for module in range(preferred, SMALLEST_MODULE - 1, -1):
        if (modules + 2 * QUIET_MODULES) * module <= dots:
            return module
    return None


def qr_image(payload: str, module: int) -> Image.Image:
    """The QR as a 1-bit image with its quiet zone (white is 1, as Pillow has it)."""
    symbol = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_Q, box_size=module, border=QUIET_MODULES
    )
    symbol.add_data(payload)
    symbol.make(fit=True)
    image: Image.Image = symbol.make_image().get_image().convert("1")
    return image


def code128_bars(text: str) -> str | None:
    """The bars and spaces of ``text`` in Code 128 ("1" a bar module), or None when it
    cannot be encoded (characters outside ASCII)."""
    if not text or not text.isascii() or not text.isprintable():
        return None
    return str(_code128(text).build()[0])


def _code128(text: str) -> Any:
    return _code128_class()(text)


@lru_cache(maxsize=1)
def _code128_class() -> Any:
    """python-barcode's Code 128, without its one wrong shortcut (imported at the first
    barcode, not at start-up).

    It starts every symbol in code set C and then folds "Start C, switch to B" into
    "Start B", taking any second symbol of value 99 or more for a switch. A text that
    begins with the digits "99" is encoded in set C as the value 99 itself, which was
    folded away: the voucher code "995M-PPRQ-1EBY-JK" scanned as "5MPPRQ1EBYJK"
    (about one voucher in a thousand). Here the fold is made only when the second
    symbol is a switch, which it is unless the text begins with two digits."""
    from barcode.codex import Code128

    class _Code128(Code128):  # type: ignore[misc]
        def _try_to_optimize(self, encoded: list[int]) -> list[int]:
            if len(self.code) >= 2 and self.code[:2].isdigit():
                return encoded  # the second symbol is two digits, never a switch
            return list(super()._try_to_optimize(encoded))

    return _Code128


def code128_fits(text: str, dots: int) -> bool:
    bars = code128_bars(text)
    return bars is not None and len(bars) * BARCODE_MODULE <= dots


def code128_image(text: str, dots: int) -> Image.Image:
    """The barcode centred on a strip ``dots`` wide, 1-bit (white is 1)."""
    bars = code128_bars(text)
    if bars is None:
        raise ValueError(f"{text!r} cannot be drawn as a Code 128 barcode")
    width = len(bars) * BARCODE_MODULE
    if width > dots:
        raise ValueError(f"the barcode of {text!r} is {width} dots wide, the paper {dots}")
    image = Image.new("1", (dots, BARCODE_HEIGHT), 1)
    left = (dots - width) // 2
    for index, bar in enumerate(bars):
        if bar == "1":
            x = left + index * BARCODE_MODULE
            image.paste(0, (x, 0, x + BARCODE_MODULE, BARCODE_HEIGHT))
    return image
