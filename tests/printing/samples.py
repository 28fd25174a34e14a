# SPDX-License-Identifier: EUPL-1.2
"""What the printing tests share: a voucher signer, an assisted session's slip context,
a numbered receipt, and comparing a printed picture with the one expected."""

from __future__ import annotations

from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image, ImageChops, ImageOps

from printing.slip import NOT_FISCAL, Pair, Slip, SlipContext, Text, header
from vouchers.codes import Signer

SIGNER = Signer(Ed25519PrivateKey.generate())
ASSISTED = SlipContext(
    "Social Point Villafranca",
    "Villafranca Padovana",
    "kiosk-05",
    datetime(2026, 11, 24, 16, 45),
    operator="Maria Rossi",
)

CONTEXT = SlipContext("Social Point Limena", "Limena", "kiosk-02", datetime(2026, 11, 24, 9, 5))


def receipt(number: int = 1) -> Slip:
    return Slip(
        "Ricevuta",
        (
            *header(CONTEXT, "RICEVUTA"),
            Pair("Codice", f"PR-{number:04d}"),
            Text("Pasti a domicilio – 5 giorni"),
            Pair("Totale", "€ 32,50"),
            Text(NOT_FISCAL),
        ),
    )


def same_picture(printed: Image.Image, expected: Image.Image) -> bool:
    framed = ImageOps.expand(expected.convert("L"), border=16, fill=255)
    return printed.size == framed.size and ImageChops.difference(printed, framed).getbbox() is None
