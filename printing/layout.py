# SPDX-License-Identifier: EUPL-1.2
"""A slip laid out for one paper width: the rows both renderers draw.

The ESC/POS renderer and the on-screen preview start from the same rows, so the preview
wraps, aligns and marks text exactly as the paper will.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from printing.codes import code128_fits, qr_module_for
from printing.slip import Align, Barcode, Pair, Qr, Rule, Slip, Text
from printing.text import encodable, loses_letters, pair, printable, wrap

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PaperProfile:
    """What the renderers need to know about a printer model and its paper."""

    name: str
    columns: int  # characters per line in font A
    dots: int  # printable width in dots
    code_page: str = "cp1252"  # Python's name for the table the text is encoded in
    code_page_table: int = 16  # ESC t n selecting that table on this printer model
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
    "58mm-image-qr": PaperProfile(
        "58mm-image-qr",
        columns=32,
        dots=384,
        native_qr=False,
        qr_module=5,
        escpos_profile="POS-5890",
        cutter=False,
    ),
}


@dataclass(frozen=True)
class TextRow:
    text: str  # printable in the profile's code page, at most one line wide
    align: Align = "left"
    bold: bool = False
    big: bool = False
    inverted: bool = False


@dataclass(frozen=True)
class QrRow:
    payload: str
    module: int  # dots per module, chosen so the QR and its quiet zone fit the paper


@dataclass(frozen=True)
class BarcodeRow:
    text: str  # Code 128


@dataclass(frozen=True)
class ImageRow:
    """A citizen's line whose letters the code page lacks: printed as an image."""

    text: str
    lang: str
    align: Align = "left"
    bold: bool = False


Row = TextRow | QrRow | BarcodeRow | ImageRow


def _qr_rows(element: Qr, profile: PaperProfile) -> list[Row]:
    """The first of the payload and its alternatives that fits the paper, else the
    fallback text: a code too large never reaches the printer to be dropped there."""
    for payload in (element.payload, *element.alternatives):
        module = qr_module_for(payload, profile.dots, profile.qr_module, profile.native_qr)
        if module is not None:
            return [QrRow(payload, module)]
    log.warning(
        "a %d-character QR does not fit %s paper; printed as text",
        len(element.payload),
        profile.name,
    )
    text = printable(element.fallback, profile.code_page)
    return [TextRow(line, align="center") for line in wrap(text, profile.columns)] if text else []


def _drawn(element: Text, page: str) -> bool:
    """Whether the line prints as a picture rather than as text."""
    if element.lang:
        return not encodable(element.text, page)
    return loses_letters(element.text, page)


def layout(slip: Slip, profile: PaperProfile) -> list[Row]:
    rows: list[Row] = []
    page = profile.code_page
    for element in slip.elements:
        if isinstance(element, Text) and _drawn(element, page):
            # A citizen's line in letters the code page lacks, or any line (a programme,
            # an issuer, a provider from the platform) that would otherwise print as dots.
            rows.append(ImageRow(element.text, element.lang or "it", element.align, element.bold))
        elif isinstance(element, Text):
            columns = profile.big_columns if element.big else profile.columns
            rows += [
                TextRow(line, element.align, element.bold, element.big, element.inverted)
                for line in wrap(printable(element.text, page), columns)
            ]
        elif isinstance(element, Pair) and (
            not encodable(element.value, page) or loses_letters(element.label, page)
        ):
            # Letters the code page lacks (a name in Arabic letters, a service's Greek
            # title, an operator's Cyrillic name as a label): each part that has them
            # as its picture, never as dots; the other as text.
            lang = element.lang or "it"
            if loses_letters(element.label, page):
                rows.append(ImageRow(element.label, lang, "left", element.bold))
            else:
                label_lines = wrap(printable(element.label, page), profile.columns)
                rows += [TextRow(line, bold=element.bold) for line in label_lines]
            if encodable(element.value, page):
                shown = wrap(printable(element.value, page), profile.columns)
                rows += [TextRow(line, "right", element.bold) for line in shown]
            else:
                rows.append(ImageRow(element.value, lang, "right", element.bold))
        elif isinstance(element, Pair):
            label, value = printable(element.label, page), printable(element.value, page)
            lines = pair(label, value, profile.columns)
            rows += [TextRow(line, bold=element.bold) for line in lines]
        elif isinstance(element, Rule):
            rows.append(TextRow("-" * profile.columns))
        elif isinstance(element, Barcode):
            if code128_fits(element.text, profile.dots):
                rows.append(BarcodeRow(element.text))
        elif isinstance(element, Qr):
            qr_rows = _qr_rows(element, profile)
            rows += qr_rows
            if element.caption and any(isinstance(row, QrRow) for row in qr_rows):
                rows += [
                    TextRow(line, align="center")
                    for line in wrap(printable(element.caption, page), profile.columns)
                ]
    return rows
