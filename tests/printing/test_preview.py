# SPDX-License-Identifier: EUPL-1.2
"""The on-screen preview draws the same slip as the paper: width, rows, and a QR that
scans back to the signed voucher code."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import zxingcpp

from printing.escpos_render import PROFILES
from printing.layout import QrRow, layout
from printing.preview import CELL_HEIGHT, render_image
from printing.samples import sample
from printing.slip import as_duplicate
from tests.conftest import SCREENSHOT_DIR
from tests.printing.samples import ASSISTED, SIGNER
from vouchers.codes import verify


@pytest.mark.parametrize("paper", ["58mm", "80mm"])
def test_the_preview_is_the_paper_strip_with_a_scannable_qr(paper: str) -> None:
    profile = PROFILES[paper]
    slip = sample("voucher", ASSISTED, SIGNER)
    image = render_image(slip, profile)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    image.save(SCREENSHOT_DIR / f"preview-voucher-{paper}.png")
    assert image.width == profile.dots
    text_rows = [row for row in layout(slip, profile) if not isinstance(row, QrRow)]
    assert image.height > len(text_rows) * CELL_HEIGHT
    found = {code.format: code.text for code in zxingcpp.read_barcodes(image)}
    code = found[zxingcpp.BarcodeFormat.QRCode]
    verdict = verify(code, {SIGNER.kid: SIGNER.private_key.public_key()}, date(2026, 12, 1))
    assert verdict.outcome == "valid"
    assert found[zxingcpp.BarcodeFormat.Code128] == verdict.claims.code.replace("-", "")


def test_a_copy_shows_its_banner_white_on_black() -> None:
    profile = PROFILES["58mm"]
    slip = as_duplicate(sample("receipt", ASSISTED, SIGNER), 2, datetime(2026, 11, 24, 17, 0))
    image = render_image(slip, profile)
    image.save(SCREENSHOT_DIR / "preview-receipt-duplicate-58mm.png")
    banner = image.crop((0, 16, profile.dots, 16 + 2 * CELL_HEIGHT))  # the first row, big
    dark = sum(banner.histogram()[:128])
    assert dark > banner.width * banner.height * 0.5  # mostly black: white letters on black
    plain = render_image(sample("receipt", ASSISTED, SIGNER), profile)
    first = plain.crop((0, 16, profile.dots, 16 + CELL_HEIGHT))
    assert sum(first.histogram()[:128]) < first.width * CELL_HEIGHT * 0.2
