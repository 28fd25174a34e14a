# SPDX-License-Identifier: EUPL-1.2
"""Every QR fits the paper with its quiet zone, or gives way to a shorter code or to
text; a voucher carries a Code 128 barcode of its code; a slip that cannot be drawn
ends failed without stopping the queue. Decoded back from the bytes with zxing-cpp."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import zxingcpp
from sqlalchemy import select

from kiosk.core.contact_card import vcard
from kiosk.core.service_card import contact_alternatives
from printing import print_queue
from printing.codes import QUIET_MODULES, code128_image, qr_modules
from printing.connection import NetworkConnection
from printing.documents import ServiceCard, service_card
from printing.escpos_render import PROFILES, render
from printing.layout import PaperProfile
from printing.print_worker import PrintWorker
from printing.slip import Qr, Slip, SlipContext, Text
from store.database import Store
from store.models import PrintJob
from tests.printing.escpos_decode import Job, decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.waits import eventually

CONTEXT = SlipContext(
    "Social Point Piazzola", "Piazzola sul Brenta", "kiosk-01", datetime(2026, 11, 24, 10, 30)
)
# A provider whose whole contact card is a large QR (version 16 and more at level Q).
NAME = "Cooperativa Sociale di Solidarietà e Servizi alla Persona «Il Girasole Nuovo» Onlus"
PHONE = "+39 049 000 1101"
EMAIL = "segreteria.servizi-domiciliari@cooperativa-girasole-nuovo.example.org"
ADDRESS = (
    "Via dei Tigli 4, scala B, interno 7, 35016 Piazzola sul Brenta (PD), "
    "presso il Centro Servizi Sociali Integrati del Comune"
)


def codes_of(job: Job, profile: PaperProfile) -> list[str]:
    if profile.native_qr:
        return job.qr_payloads
    return [
        c.text
        for image in job.images
        for c in zxingcpp.read_barcodes(image)
        if c.format == zxingcpp.BarcodeFormat.QRCode
    ]


def card(contact: str) -> Slip:
    return service_card(
        CONTEXT,
        ServiceCard(
            title="Pasti a domicilio",
            category="Alimentazione",
            price="€ 6,50 / pasto",
            description="Un pasto caldo a casa.",
            who="Residenti",
            provider=NAME,
            contacts=(f"Telefono: {PHONE}", f"E-mail: {EMAIL}"),
            contact_qr=contact,
            contact_alternatives=contact_alternatives(NAME, PHONE, EMAIL),
        ),
    )


@pytest.mark.parametrize("paper", list(PROFILES))
def test_a_large_contact_card_prints_a_code_that_fits_and_scans(paper: str) -> None:
    profile = PROFILES[paper]
    contact = vcard(NAME, PHONE, EMAIL, ADDRESS)
    assert (qr_modules(contact) or 0) >= 81  # version 16 or more: wider than 58 mm at 5 dots
    job = decode(render(card(contact), profile))
    [code] = codes_of(job, profile)
    assert code == contact or code in contact_alternatives(NAME, PHONE, EMAIL)
    if profile.native_qr:  # what the printer will draw, with its quiet zone
        [module] = job.qr_modules
        assert (qr_modules(code, byte_mode=True) + 2 * QUIET_MODULES) * module <= profile.dots
    assert "Inquadra il codice per salvare il contatto." in " ".join(job.texts)


@pytest.mark.parametrize("paper", list(PROFILES))
def test_a_code_no_qr_can_hold_gives_way_to_its_alternative_then_to_text(paper: str) -> None:
    profile = PROFILES[paper]
    huge = "BEGIN:VCARD\r\nNOTE:" + "x" * 4000
    job = decode(
        render(
            Slip(
                "x",
                (
                    Qr(
                        huge,
                        caption="Inquadra",
                        alternatives=("tel:+390490001101",),
                        fallback="Telefono 049 000 1101",
                    ),
                ),
            ),
            profile,
        )
    )
    assert codes_of(job, profile) == ["tel:+390490001101"]
    job = decode(
        render(
            Slip(
                "x", (Qr(huge, caption="Inquadra", fallback="Telefono 049 000 1101"), Text("fine"))
            ),
            profile,
        )
    )
    assert codes_of(job, profile) == [] and job.images == []
    assert "Telefono 049 000 1101" in job.texts and "Inquadra" not in job.texts
    assert job.texts[-1] == "fine"


def test_a_native_qr_has_four_modules_of_paper_before_and_after() -> None:
    profile = PROFILES["58mm"]
    job = decode(render(Slip("x", (Text("sopra"), Qr("SOCIAL POINT"), Text("sotto"))), profile))
    [module] = job.qr_modules
    assert job.feeds == [4 * module, 4 * module]


def test_an_image_qr_carries_a_quiet_zone_of_four_modules() -> None:
    profile = PROFILES["58mm-image-qr"]
    job = decode(render(Slip("x", (Qr("SOCIAL POINT"),)), profile))
    [image] = job.images  # with the decoder's own 16-dot white border
    ink = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink is not None
    left, top, right, bottom = (ink[0] - 16, ink[1] - 16, ink[2] - 16, ink[3] - 16)
    modules = qr_modules("SOCIAL POINT")
    module = (right - left) // modules
    assert module * modules == right - left  # square, whole-dot modules
    assert top >= 4 * module and image.height - 32 - bottom >= 4 * module
    assert left >= 4 * module and profile.dots - right >= 4 * module


@pytest.mark.parametrize("paper", ["58mm", "58mm-image-qr"])
def test_a_slip_that_cannot_be_drawn_fails_with_its_reason_and_the_queue_goes_on(
    store: Store, paper: str
) -> None:
    printer = FakePrinter()
    broken = Slip("Scheda", (Text("rotta"), Qr(12345)))  # type: ignore[arg-type]
    with store.write() as session:
        bad = print_queue.add(session, broken, "card")
        good = print_queue.add(session, Slip("Scheda", (Text("buona"),)), "card")
    worker = PrintWorker(
        store,
        NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0),
        PROFILES[paper],
        expire_after=timedelta(minutes=5),
        retry_s=0.05,
        idle_s=0.05,
    )
    worker.start()
    try:

        def state(job_uuid: str) -> PrintJob:
            with store.read() as session:
                return session.scalars(select(PrintJob).where(PrintJob.uuid == job_uuid)).one()

        eventually(lambda: state(good).state == "printed")
        row = state(bad)
        assert row.state == "failed" and "could not be drawn" in (row.last_error or "")
        assert "Traceback" not in (row.last_error or "")
        with store.read() as session:
            assert bad in [j.uuid for j in print_queue.needing_attention(session)]
        assert len(printer.jobs) == 1 and "buona" in decode(printer.jobs[0]).texts
    finally:
        worker.stop()
        printer.close()


def test_the_contact_alternatives_are_short_and_real_links() -> None:
    found = contact_alternatives(NAME, PHONE, EMAIL)
    assert found[1] == "tel:+390490001101" and found[2] == f"mailto:{EMAIL}"
    assert "TEL;TYPE=WORK,VOICE:+39 049 000 1101" in found[0] and "ADR" not in found[0]
    assert contact_alternatives(NAME, "", "") == ()


@pytest.mark.parametrize(
    "text", ["995MPPRQ1EBYJK", "99", "9912", "99AB", "0099AB", "9AB", "ABC99", "1234567890"]
)
def test_a_code_128_scans_as_its_text_whatever_digits_it_begins_with(text: str) -> None:
    # Voucher codes that began with "99" scanned without them (python-barcode's Code 128
    # took the digits' value, 99, for a switch of code set and dropped it).
    scanned = zxingcpp.read_barcodes(code128_image(text, PROFILES["58mm"].dots))
    assert [(code.format, code.text) for code in scanned] == [
        (zxingcpp.BarcodeFormat.Code128, text)
    ]
