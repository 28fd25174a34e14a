# SPDX-License-Identifier: EUPL-1.2
"""Slips as data: what a receipt, voucher or report says, independent of the printer.

Every slip starts with the same header (DOCUMENTO NON FISCALE, the Social Point, its
Comune, the kiosk, date and time, and the operator when a session was assisted).
Renderers turn a slip into ESC/POS bytes or an on-screen preview.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Text:
    text: str
    align: Align = "left"
    bold: bool = False
    big: bool = False  # double width and height
    inverted: bool = False  # white on black, for banners such as DUPLICATO
    # A citizen's line in their language (not Italian): drawn as an image when the
    # printer's code page lacks its letters (printing.raster).
    lang: str = ""


@dataclass(frozen=True)
class Pair:
    """A label on the left and a value on the right, as in "Totale ..... € 12,50"."""

    label: str
    value: str
    bold: bool = False
    lang: str = ""  # the value's language, when it is the citizen's (a name, a title)


@dataclass(frozen=True)
class Rule:
    """A full-width separator line."""


@dataclass(frozen=True)
class Qr:
    payload: str
    caption: str = ""
    # Shorter payloads, in order, for paper too narrow for ``payload`` (a contact card's
    # phone as tel:, a web address), then ``fallback`` printed as text instead of any QR.
    alternatives: tuple[str, ...] = ()
    fallback: str = ""


@dataclass(frozen=True)
class Barcode:
    """A Code 128 barcode of ``text``, for shops' laser scanners (left out when the
    paper is too narrow: the same text is always printed too)."""

    text: str


Element = Text | Pair | Rule | Qr | Barcode


@dataclass(frozen=True)
class SlipContext:
    social_point: str
    comune: str  # the Comune's name ("" when unknown), never its id
    kiosk_id: str
    printed_at: datetime  # local time
    operator: str | None = None


@dataclass(frozen=True)
class Slip:
    title: str
    elements: tuple[Element, ...] = field(default_factory=tuple)


NOT_FISCAL = "DOCUMENTO NON FISCALE"


def header(context: SlipContext, title: str) -> list[Element]:
    lines: list[Element] = [Text(context.social_point, align="center", bold=True)]
    if context.comune:
        lines.append(Text(f"Comune di {context.comune}", align="center"))
    lines += [
        Text(NOT_FISCAL, align="center", bold=True),
        Rule(),
        Text(title, align="center", bold=True, big=True),
        Rule(),
        Pair("Data", context.printed_at.strftime("%d/%m/%Y %H:%M")),
        Pair("Totem", context.kiosk_id),  # the word the screens use
    ]
    if context.operator:
        lines.append(Pair("Assistito da", context.operator))
    lines.append(Rule())
    return lines


def printer_test_page(context: SlipContext, printer_description: str) -> Slip:
    """A page that shows the printer prints accents, the euro sign and QR codes."""
    return Slip(
        title="Pagina di prova",
        elements=(
            *header(context, "PAGINA DI PROVA"),
            Text("Stampante: " + printer_description),
            Text("Accenti: àèéìòù ÀÈÉÌÒÙ"),
            Text("Simboli: € 12,50 - 100% - n° 7"),
            Pair("Totale", "€ 1.234,56", bold=True),
            Qr("SOCIAL POINT - PROVA QR", caption="Se leggi questo codice, il QR funziona."),
            Text(NOT_FISCAL, align="center", bold=True),
        ),
    )


DUPLICATE_MARK = "DUPLICATO n. "


def duplicate_banner(copy_no: int, reprinted_at: datetime) -> tuple[Element, ...]:
    return (
        Text(f"{DUPLICATE_MARK}{copy_no}", align="center", bold=True, big=True, inverted=True),
        Text(f"ristampa del {reprinted_at:%d/%m/%Y %H:%M}", align="center"),
    )


def as_duplicate(slip: Slip, copy_no: int, reprinted_at: datetime) -> Slip:
    """The slip as a marked copy: the banner opens and closes it, so a torn-off half
    still says it is a copy."""
    banner = duplicate_banner(copy_no, reprinted_at)
    return replace(slip, elements=(*banner, Rule(), *slip.elements, Rule(), *banner))


# Slips are stored in the print queue as JSON, so a job can be printed, previewed and
# reprinted after a restart exactly as it was first made.
_TYPES: dict[str, type[Any]] = {
    "text": Text,
    "pair": Pair,
    "rule": Rule,
    "qr": Qr,
    "barcode": Barcode,
}
_NAMES = {kind: name for name, kind in _TYPES.items()}


def to_json(slip: Slip) -> dict[str, Any]:
    return {
        "title": slip.title,
        "elements": [{"type": _NAMES[type(e)], **asdict(e)} for e in slip.elements],
    }


def from_json(data: dict[str, Any]) -> Slip:
    elements: list[Element] = []
    for item in data["elements"]:
        fields = dict(item)
        kind = fields.pop("type")
        if "alternatives" in fields:  # JSON has lists; the slip keeps tuples
            fields["alternatives"] = tuple(fields["alternatives"])
        elements.append(_TYPES[kind](**fields))
    return Slip(title=data["title"], elements=tuple(elements))
