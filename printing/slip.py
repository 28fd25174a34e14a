"""Slips as data: what a receipt, voucher or report says, independent of the printer.

Every slip starts with the same header (DOCUMENTO NON FISCALE, the Social Point, its
Comune, the kiosk, date and time, and the operator when a session was assisted).
Renderers turn a slip into ESC/POS bytes or an on-screen preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Text:
    text: str
    align: Align = "left"
    bold: bool = False
    big: bool = False  # double width and height


@dataclass(frozen=True)
class Pair:
    """A label on the left and a value on the right, as in "Totale ..... € 12,50"."""

    label: str
    value: str
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A full-width separator line."""


@dataclass(frozen=True)
class Qr:
    payload: str
    caption: str = ""


Element = Text | Pair | Rule | Qr


@dataclass(frozen=True)
class SlipContext:
    social_point: str
    comune: str
    kiosk_id: str
    printed_at: datetime  # local time
    operator: str | None = None


@dataclass(frozen=True)
class Slip:
    title: str
    elements: tuple[Element, ...] = field(default_factory=tuple)


NOT_FISCAL = "DOCUMENTO NON FISCALE"


def header(context: SlipContext, title: str) -> list[Element]:
    lines: list[Element] = [
        Text(context.social_point, align="center", bold=True),
        Text(f"Comune di {context.comune}", align="center"),
        Text(NOT_FISCAL, align="center", bold=True),
        Rule(),
        Text(title, align="center", bold=True, big=True),
        Rule(),
        Pair("Data", context.printed_at.strftime("%d/%m/%Y %H:%M")),
        Pair("Postazione", context.kiosk_id),
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
