# SPDX-License-Identifier: EUPL-1.2
"""Slips keep their Italian text and add the citizen's own lines in their language:
printed as text when the code page has the letters, as raster images drawn with the
Noto fonts when it does not (never as dots). Decoded back from the ESC/POS bytes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PIL import ImageOps

from printing.documents import (
    ApplicationReceipt,
    PurchaseReceipt,
    ReceiptLine,
    Voucher,
    application_receipt,
    purchase_receipt,
    voucher,
)
from printing.escpos_render import PROFILES, render
from printing.preview import render_image
from printing.raster import text_image
from printing.slip import NOT_FISCAL, SlipContext
from printing.text import UNPRINTABLE
from tests.printing.escpos_decode import decode
from tests.printing.samples import same_picture

CONTEXT = SlipContext(
    "Social Point Piazzola", "Piazzola sul Brenta", "kiosk-01", datetime(2026, 11, 24, 10, 30)
)
TITLES = {
    "ro": "Masă caldă livrată acasă",
    "ar": "وجبة ساخنة إلى البيت",
    "uk": "Гарячий обід додому",
    "zh": "送热餐到家",
    "sq": "Vakt i ngrohtë në shtëpi (çdo ditë)",
}
NOTES = {
    "ro": "Păstrați chitanța: arătați codul furnizorului.",
    "ar": "احتفظ بالإيصال: أظهر الرمز 123-ABC لمقدّم الخدمة.",
    "uk": "Збережіть квитанцію: покажіть код постачальнику.",
    "zh": "请保存收据：把代码出示给服务提供方。",
    "sq": "Ruajeni dëftesën: tregojani kodin ofruesit.",
}


def receipt(lang: str) -> PurchaseReceipt:
    return PurchaseReceipt(
        kind="purchase",
        reference="ORD-7K3M",
        provider="Cooperativa Il Girasole",
        provider_phone="049 123 4567",
        lines=[ReceiptLine("Pasto caldo a domicilio", 2, 650, translated=TITLES[lang])],
        payment_note="Da pagare al fornitore.",
        language=lang,
        citizen_notes=[NOTES[lang]],
    )


@pytest.mark.parametrize("paper", ["58mm", "80mm"])
@pytest.mark.parametrize("lang", ["ro", "ar", "uk", "zh"])
def test_lines_outside_the_code_page_print_as_images_of_the_text(lang: str, paper: str) -> None:
    profile = PROFILES[paper]
    job = decode(render(purchase_receipt(CONTEXT, receipt(lang)), profile))
    text = "\n".join(job.texts)
    # The Italian stays text, as before: the legal lines, the description, the total.
    for italian in (NOT_FISCAL, "Pasto caldo a domicilio", "Totale", "ORD-7K3M"):
        assert italian in text
    assert UNPRINTABLE not in text and "?" not in text
    pictures = job.images
    assert len(pictures) == 2
    for printed, line in zip(pictures, (TITLES[lang], NOTES[lang]), strict=True):
        assert same_picture(printed, text_image(line, lang, profile.dots))
        # Ink on the paper, not a blank strip.
        assert ImageOps.invert(printed).getbbox() is not None


def test_albanian_fits_the_code_page_and_prints_as_text() -> None:
    job = decode(render(purchase_receipt(CONTEXT, receipt("sq")), PROFILES["80mm"]))
    text = " ".join(" ".join(job.texts).split())
    assert "Vakt i ngrohtë në shtëpi (çdo ditë)" in text
    assert "Ruajeni dëftesën: tregojani kodin ofruesit." in text
    assert job.images == []


def test_italian_citizens_get_no_second_copy_of_their_lines() -> None:
    italian = PurchaseReceipt(
        kind="purchase",
        reference="ORD-7K3M",
        provider="Il Girasole",
        provider_phone="",
        lines=[ReceiptLine("Pasto caldo", 1, 650, translated="Pasto caldo")],
        payment_note="Da pagare al fornitore.",
        language="it",
        citizen_notes=["Nota"],
    )
    job = decode(render(purchase_receipt(CONTEXT, italian), PROFILES["80mm"]))
    assert "\n".join(job.texts).count("Pasto caldo") == 1 and "Nota" not in job.texts


def test_an_arabic_line_reads_right_to_left_from_the_right_edge() -> None:
    image = text_image("قسيمة", "ar", 384)
    ink = ImageOps.invert(image.convert("L")).getbbox()
    assert ink is not None and ink[2] > 384 - 8 and ink[0] > 384 // 2


def test_application_receipt_and_preview_carry_the_citizen_lines() -> None:
    slip = application_receipt(
        CONTEXT,
        ApplicationReceipt(
            call_title="Buoni spesa",
            comune="Piazzola sul Brenta",
            tracking_code="DOM-ABCD-EFGH",
            submitted_at=datetime(2026, 11, 24, 10, 0),
            language="ro",
            call_title_translated="Tichete de alimente",
            citizen_notes=["Păstrați această chitanță."],
        ),
    )
    job = decode(render(slip, PROFILES["58mm"]))
    text = "\n".join(job.texts)
    # Plain Latin letters print as text; ț and ă need the image.
    assert "Buoni spesa" in text and "DOM-ABCD-EFGH" in text and "Tichete de alimente" in text
    [note] = job.images
    assert same_picture(note, text_image("Păstrați această chitanță.", "ro", 384))
    preview = render_image(slip, PROFILES["58mm"])
    assert preview.width == 384 and preview.height > 400


def test_a_name_in_arabic_letters_prints_as_its_picture_never_as_dots() -> None:
    slip = application_receipt(
        CONTEXT,
        ApplicationReceipt(
            call_title="Buoni spesa",
            comune="Ana سلمى",  # the platform's text, in whatever letters
            tracking_code="DOM-ABCD-EFGH",
            submitted_at=datetime(2026, 11, 24, 10, 0),
        ),
    )
    job = decode(render(slip, PROFILES["80mm"]))
    assert UNPRINTABLE not in "\n".join(job.texts) and "Comune" in "\n".join(job.texts)
    [name] = job.images
    # Drawn in the font that has the letters (Arabic), though the citizen chose Italian.
    assert same_picture(name, text_image("Ana سلمى", "it", 576, align="right"))
    assert ImageOps.invert(name).getbbox() is not None


@pytest.mark.parametrize("paper", ["58mm", "80mm"])
def test_lines_from_the_platform_in_letters_the_code_page_lacks_print_as_pictures(
    paper: str,
) -> None:
    """A programme, an issuer or a provider comes from the platform in whatever letters
    the Comune wrote it: it prints as its picture, never as dots, whatever the citizen's
    language; a name the code page can spell stays text."""
    profile = PROFILES[paper]
    programme, issuer = "Допомога Україні 2026", "مركز الخدمات الاجتماعية"
    slip = voucher(
        CONTEXT,
        Voucher(
            programme=programme,
            issuer=issuer,
            signed_code="SP1.AAAA",
            human_code="ABCD-EFGH-JKMN-PQ",
            valid_from=date(2026, 12, 1),
            valid_until=date(2026, 12, 31),
            amount_cents=5000,
        ),
    )
    job = decode(render(slip, profile))
    assert UNPRINTABLE not in "\n".join(job.texts) and "ABCD-EFGH-JKMN-PQ" in job.texts
    drawn = job.images[:2]  # then the voucher's codes
    assert same_picture(
        drawn[0], text_image(programme, "it", profile.dots, bold=True, align="center")
    )
    assert same_picture(drawn[1], text_image(issuer, "it", profile.dots, align="center"))

    provider = "送餐合作社"
    chinese = decode(
        render(purchase_receipt(CONTEXT, replace(receipt("ro"), provider=provider)), profile)
    )
    assert UNPRINTABLE not in "\n".join(chinese.texts)
    assert any(
        same_picture(p, text_image(provider, "it", profile.dots, bold=True)) for p in chinese.images
    )
    latin = decode(render(purchase_receipt(CONTEXT, receipt("ro")), profile))
    assert "Cooperativa Il Girasole" in "\n".join(latin.texts)  # as before: text


def test_labels_outside_the_code_page_print_as_pictures_and_accents_compose() -> None:
    """A label (a service's title on a receipt line, an operator's name in the day's
    report) in letters the code page lacks printed as dots; an accent sent apart from
    its letter ("e" + U+0301) too, though the code page has "é"."""
    from printing.slip import Pair, Slip

    slip = Slip(
        "Ricevuta",
        (
            Pair("Σούπα λαχανικών", "€ 6,50"),
            Pair("Оксана Коваленко", "3"),
            Pair("Cafe\u0301 solidale", "€ 1,00"),
        ),
    )
    job = decode(render(slip, PROFILES["80mm"]))
    text = "\n".join(job.texts)
    assert "·" not in text
    assert "Café solidale" in text and "€ 6,50" in text and "3" in text
    assert len(job.images) == 2  # the Greek and the Cyrillic label
