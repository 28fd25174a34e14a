# SPDX-License-Identifier: EUPL-1.2
"""Every document on every paper profile: header, wording, widths, cut, and a QR that
scans back to what was meant (a voucher's verifies with the kiosk's key)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import qrcode
import zxingcpp

from printing.escpos_render import PROFILES, render
from printing.samples import DOCUMENTS, sample
from printing.slip import NOT_FISCAL, SlipContext
from tests.printing.escpos_decode import decode
from tests.printing.samples import ASSISTED, SIGNER
from vouchers.codes import PREFIX, normalise_code, verify


@pytest.mark.parametrize("paper", list(PROFILES))
@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_document_prints_whole_on_every_paper(document: str, paper: str) -> None:
    profile = PROFILES[paper]
    job = decode(render(sample(document, ASSISTED, SIGNER, "prova"), profile))
    text = "\n".join(job.texts)
    for expected in (
        NOT_FISCAL,
        "Social Point Villafranca",
        "Comune di Villafranca Padovana",
        "kiosk-05",
        "24/11/2026 16:45",
        "Maria Rossi",
    ):
        assert expected in text, expected
    assert "?" not in text  # every character printable, or deliberately replaced
    assert all(len(line.text) * (2 if line.big else 1) <= profile.columns for line in job.lines)
    assert job.cuts == (1 if profile.cutter else 0) and job.resets == 1
    assert job.code_pages == ["cp1252"]


@pytest.mark.parametrize("paper", list(PROFILES))
def test_a_voucher_qr_scans_and_verifies_offline(paper: str) -> None:
    profile = PROFILES[paper]
    slip = sample("voucher", ASSISTED, SIGNER)
    job = decode(render(slip, profile))
    if profile.native_qr:
        codes = job.qr_payloads
    else:
        assert all(image.width - 32 <= profile.dots for image in job.images)  # fits the paper
        codes = [
            code.text
            for image in job.images
            for code in zxingcpp.read_barcodes(image)
            if code.format == zxingcpp.BarcodeFormat.QRCode
        ]
    assert len(codes) == 1 and codes[0].startswith(PREFIX)
    verdict = verify(codes[0], {SIGNER.kid: SIGNER.private_key.public_key()}, date(2026, 12, 1))
    assert verdict.outcome == "valid" and verdict.claims.amount_cents == 5000
    text = "\n".join(job.texts)
    assert verdict.claims.code in text  # the code for typing by hand is printed too
    assert "BUONO SPESA" in text and "€ 50,00" in text
    until = next(line for line in job.texts if line.startswith("Valido fino al"))
    assert until.endswith(f"{ASSISTED.printed_at.date() + timedelta(days=60):%d/%m/%Y}")
    # A version 9 or 10 symbol at level Q: on 58 mm paper it is about 33 mm wide.
    symbol = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q)
    symbol.add_data(codes[0])
    symbol.make(fit=True)
    assert symbol.version <= 10
    assert (symbol.version * 4 + 17 + 8) * profile.qr_module <= profile.dots


def test_an_application_receipt_says_where_its_protocol_number_will_come_from() -> None:
    job = decode(render(sample("application", ASSISTED, SIGNER), PROFILES["58mm"]))
    text = " ".join(job.texts)
    assert "RICEVUTA DI" in text and "DOM-9QX4-7HB2" in text
    assert "Richiedente" not in text  # no name: it waits on disk in the print queue
    assert "numero di protocollo viene" in text
    assert "Buoni spesa per famiglie in difficolta - 2026" not in text  # accents kept...
    assert "difficoltà - 2026" in text  # ...and the dash made plain
    assert job.qr_payloads == ["DOM-9QX4-7HB2"]


def test_a_session_without_an_operator_names_none() -> None:
    alone = SlipContext("Social Point Limena", "Limena", "kiosk-02", datetime(2026, 11, 24, 9, 0))
    job = decode(render(sample("receipt", alone, SIGNER), PROFILES["80mm"]))
    assert not any(line.startswith("Assistito da") for line in job.texts)
    totale = next(line for line in job.texts if line.startswith("Totale"))
    assert totale.endswith("€ 65,00")  # 2 x € 32,50, and free delivery


@pytest.mark.parametrize("paper", list(PROFILES))
def test_a_voucher_carries_a_code_128_of_its_code_under_the_qr(paper: str) -> None:
    profile = PROFILES[paper]
    job = decode(render(sample("voucher", ASSISTED, SIGNER), profile))
    barcodes = [
        code
        for image in job.images
        for code in zxingcpp.read_barcodes(image)
        if code.format == zxingcpp.BarcodeFormat.Code128
    ]
    assert len(barcodes) == 1
    scanned = barcodes[0].text
    [human] = [t for t in job.texts if t.replace("-", "") == scanned]  # printed right under
    # 13 characters of id and a check character, grouped by four.
    assert len(scanned) == 14 and human[4] == human[9] == human[14] == "-"
    assert normalise_code(scanned) == human  # a scanned code is looked up like a typed one


@pytest.mark.parametrize("paper", list(PROFILES))
def test_a_service_voucher_names_its_service_once(paper: str) -> None:
    from printing.documents import Voucher, voucher

    title = "Trasporto sociale per visita medica"
    for programme, service in ((f"{title} x 2", title), (title, title)):
        slip = voucher(
            ASSISTED,
            Voucher(
                programme=programme,
                issuer="Associazione Età Serena",
                signed_code="SP1:ABC",
                human_code="K7M2-9XQ4-T1B8",
                valid_from=date(2026, 11, 24),
                valid_until=date(2027, 2, 21),
                service=service,
            ),
        )
        text = " ".join(decode(render(slip, PROFILES[paper])).texts)
        assert text.count("Trasporto sociale") == 1, text
        assert "x 2" in text or programme == title


@pytest.mark.parametrize("paper", ["58mm", "80mm"])
@pytest.mark.parametrize("document", [d for d in DOCUMENTS if d != "test"])
def test_every_sample_says_it_is_a_sample_whole_on_one_line(document: str, paper: str) -> None:
    """A test print's order number, code or voucher was invented: "CAMPIONE – NON
    VALIDO" is printed twice, never cut in two on the narrowest paper."""
    job = decode(render(sample(document, ASSISTED), PROFILES[paper]))
    assert sum("CAMPIONE - NON VALIDO" in line for line in job.texts) == 2, job.texts
