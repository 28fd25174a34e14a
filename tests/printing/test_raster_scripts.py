# SPDX-License-Identifier: EUPL-1.2
"""The citizen's lines drawn as pictures (printing.raster) keep every dot of their
letters: Arabic's tall and deep letters, Latin words and punctuation inside an Arabic
line, Chinese in its Simplified forms, and all of it without Raqm (no libfribidi0)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

import pytest
from PIL import Image, ImageDraw, ImageFont, ImageOps, features

from printing import raster
from printing.connection import NetworkConnection
from printing.documents import (
    PurchaseReceipt,
    ReceiptLine,
    ServiceCard,
    purchase_receipt,
    service_card,
)
from printing.escpos_render import PROFILES, render
from printing.raster import text_image
from printing.slip import Pair, Slip, SlipContext, Text
from printing.text import UNPRINTABLE
from tests.printing.escpos_decode import Job, decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.samples import same_picture
from tests.printing.waits import eventually

CONTEXT = SlipContext(
    "Social Point", "Piazzola sul Brenta", "kiosk-01", datetime(2026, 11, 24, 10, 30)
)
LINES = {
    "ar": "ستتصل بك البلدية بعد دراسة الطلب.",
    "zh": "请保存此收据：查询申请进展时需要它。",
    "uk": "Олена Коваленко, Допомога Україні",
    "ro": "Ana Ștefănescu: păstrați chitanța",
}


def ink(image: Image.Image) -> int:
    return ImageOps.invert(image.convert("L")).histogram()[255]


def unclipped(text: str, lang: str) -> int:
    """The ink of ``text`` in the font printing.raster picks, on a canvas tall enough."""
    font = raster._font(text, lang, False)
    canvas = Image.new("1", (1200, 300), 1)
    direction = "rtl" if lang == "ar" else "ltr"
    ImageDraw.Draw(canvas).text(
        (10, 150), text, font=font, fill=0, anchor="ls", direction=direction, language=lang
    )
    return ink(canvas)


@pytest.mark.parametrize("lang", sorted(LINES))
def test_a_line_keeps_all_its_ink_and_lines_do_not_overlap(lang: str) -> None:
    """Arabic at 26 px needs 56 dots (ascent 36, descent 20): in a row of 32 it lost 45%
    of its ink, and two lines overlapped."""
    text = LINES[lang]
    whole = unclipped(text, lang)
    assert ink(text_image(text, lang, 1200)) == pytest.approx(whole, rel=0.01)
    assert ink(text_image(f"{text}\n{text}", lang, 1200)) == pytest.approx(2 * whole, rel=0.01)


MIXED = [
    # The Arabic note of a slip paid at the desk, with the kiosk's Latin name.
    ("تم الدفع في مكتب Social Point.", "ar", [("تم الدفع في مكتب", "ar"), ("Social Point.", "it")]),
    # An en dash (Noto Sans Arabic has none) in a call's title.
    (
        "قسائم الطعام – التضامن الغذائي",
        "ar",
        [("قسائم الطعام", "ar"), ("–", "it"), ("التضامن الغذائي", "ar")],
    ),
    # An applicant's name in two scripts, on an Italian citizen's slip.
    ("سلمى Ben Ali", "it", [("سلمى", "ar"), ("Ben Ali", "it")]),
]


@pytest.mark.parametrize(("text", "lang", "parts"), MIXED)
def test_a_line_in_two_scripts_draws_each_letter_in_a_font_that_has_it(
    text: str, lang: str, parts: list[tuple[str, str]]
) -> None:
    """One font for the whole line printed Latin letters and the en dash as empty boxes:
    the line's ink is its parts' ink, each drawn alone in its own script's font."""
    assert ink(text_image(text, lang, 576)) == pytest.approx(
        sum(ink(text_image(part, part_lang, 576)) for part, part_lang in parts), rel=0.01
    )


def test_latin_words_in_a_right_to_left_line_sit_left_of_the_arabic_before_them() -> None:
    mixed = text_image("سلمى Ben Ali", "it", 576, align="right")
    arabic, latin = text_image("سلمى", "ar", 576), text_image("Ben Ali", "it", 576)
    box = ImageOps.invert(arabic.convert("L")).getbbox()
    assert box is not None
    left = box[0] - 4  # the Arabic name ends the line at the right edge, as alone
    assert ink(mixed.crop((left, 0, 576, mixed.height))) == pytest.approx(ink(arabic), rel=0.02)
    assert ink(mixed.crop((0, 0, left, mixed.height))) == pytest.approx(ink(latin), rel=0.02)


@pytest.fixture
def without_raqm(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pillow as on a machine without libfribidi0: no Raqm layout."""
    real = features.check
    monkeypatch.setattr(features, "check", lambda name: False if name == "raqm" else real(name))
    raster._family_font.cache_clear()
    yield
    raster._family_font.cache_clear()


@pytest.mark.usefixtures("without_raqm")
@pytest.mark.parametrize("lang", ["ar", "uk", "zh", "ro"])
def test_without_raqm_a_slip_with_citizen_lines_still_prints(lang: str) -> None:
    """Pillow refuses a direction or a language without Raqm: every slip with a line in
    the citizen's script failed to print ("not supported without libraqm")."""
    receipt = PurchaseReceipt(
        kind="purchase",
        reference="ORD-7K3M",
        provider="Il Girasole",
        provider_phone="",
        lines=[ReceiptLine("Pasto caldo", 1, 650, translated=LINES[lang])],
        payment_note="Da pagare al fornitore.",
        language=lang,
    )
    [picture] = decode(render(purchase_receipt(CONTEXT, receipt), PROFILES["80mm"])).images
    box = ImageOps.invert(picture.convert("L")).getbbox()
    assert box is not None
    if lang == "ar":  # still laid right to left, from the right edge
        assert box[2] > 576 - 16 and box[0] > 16


def glyphs(image: Image.Image) -> Image.Image:
    box = ImageOps.invert(image.convert("L")).getbbox()
    assert box is not None
    return image.convert("1").crop(box)


@pytest.mark.usefixtures("without_raqm")
@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig is not installed")
def test_chinese_is_drawn_with_the_simplified_chinese_face_of_the_collection() -> None:
    """Noto Sans CJK is one .ttc of several faces; fontconfig names SC's index (2), and the
    first face (JP) drew 关, 门, 直 and 骨 in their Japanese forms wherever no language
    tag picks the Chinese ones for it (Raqm's does: without Raqm none)."""
    found = subprocess.run(
        ["fc-match", "--format=%{file}\n%{index}\n%{family}", "Noto Sans CJK SC"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split("\n")
    if len(found) < 3 or "Noto Sans CJK SC" not in found[2] or found[1] == "0":
        pytest.skip("Noto Sans CJK (a collection with SC as its third face) is not installed")
    text = "关门说直骨"

    def face(index: int) -> Image.Image:
        font = ImageFont.truetype(
            found[0], raster.FONT_PX, index=index, layout_engine=ImageFont.Layout.BASIC
        )
        canvas = Image.new("1", (400, 100), 1)
        ImageDraw.Draw(canvas).text((0, 60), text, font=font, fill=0, anchor="ls")
        return glyphs(canvas)

    simplified, japanese = face(int(found[1])), face(0)
    assert simplified.tobytes() != japanese.tobytes()
    assert glyphs(text_image(text, "zh", 576)).tobytes() == simplified.tobytes()


@pytest.mark.parametrize("initiator", ["\u2067", "\u2066", "\u2068"], ids=["RLI", "LRI", "FSI"])
@pytest.mark.parametrize("count", [1000, 3990])
def test_thousands_of_nested_isolates_draw_quickly_and_never_raise(
    initiator: str, count: int
) -> None:
    """A service's description from the platform (4,000 characters at most) made of
    isolates opened one inside the other: each was resolved by a call inside the last
    (RecursionError at 1,000) and the line measured again per character (30 s at 900).
    Now resolved in one pass, no deeper than UAX #9's 125 levels, in well under a second."""
    text = "مرحبا" + initiator * count + "x"
    started = time.monotonic()
    job = decode(
        render(Slip("t", (Text(text), Pair("Servizio", text, lang="ar"))), PROFILES["58mm"])
    )
    assert time.monotonic() - started < 1.0
    assert len(job.images) == 2 and all(ink(image) for image in job.images)
    assert max(raster._levels(text, 1)) <= raster.MAX_DEPTH + 1


def test_isolates_are_resolved_as_uax_9_says_below_and_beyond_the_deepest_level() -> None:
    """Each isolate's content at its own level, its initiator and PDI at the level around
    it; an isolate past the 125th level overflows, its content where it stands."""
    assert raster._levels("a\u2067ب\u2069c", 0) == [0, 0, 1, 0, 0]
    assert raster._levels("ب\u2066a\u2069ب", 1) == [1, 1, 2, 1, 1]
    assert raster._levels("\u2068ب\u2069a", 0) == [0, 1, 0, 0]  # FSI: its first letter
    deep = "\u2067" * 200 + "ب"
    levels = raster._levels(deep, 0)
    # The 63rd RLI opens level 125 (RLI levels are odd); those after it overflow, at 125.
    assert levels[:63] == [0, *range(1, 124, 2)] and set(levels[63:]) == {125}


@pytest.mark.parametrize(
    ("text", "dotted", "lang"),
    [
        ("Привіт 🙂 друже", "Привіт · друже", "uk"),
        ("مرحبا 🍎 بكم", "مرحبا · بكم", "ar"),
        ("你好 🇮🇹", "你好 ·", "zh"),
    ],
)
def test_an_emoji_in_a_drawn_line_is_a_dot_not_a_box(text: str, dotted: str, lang: str) -> None:
    """No font of the slip's has emoji: drawn, each was the empty box of a missing glyph."""
    drawn = text_image(text, lang, 384)
    expected = text_image(dotted, lang, 384)
    assert drawn.size == expected.size and drawn.tobytes() == expected.tobytes()


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"], ids=["line", "paragraph"])
def test_a_line_separator_in_a_drawn_line_breaks_it_as_a_new_line_does(separator: str) -> None:
    """Drawn, a line or paragraph separator was a box in the middle of the line."""
    broken = text_image(f"مرحبا{separator}بكم", "ar", 384)
    expected = text_image("مرحبا\nبكم", "ar", 384)
    assert broken.size == expected.size and broken.tobytes() == expected.tobytes()


# Providers' names in scripts none of the kiosk's languages is written in.
OTHER_SCRIPTS = {
    "Noto Sans Hebrew": "עמותת עזרה לקהילה",
    "Noto Sans Devanagari": "सामाजिक सहायता केंद्र",
    "Noto Sans Georgian": "სოციალური დახმარება",
}


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig is not installed")
@pytest.mark.parametrize(
    ("family", "provider"), OTHER_SCRIPTS.items(), ids=["hebrew", "devanagari", "georgian"]
)
def test_a_name_in_a_script_no_kiosk_language_has_prints_in_its_own_letters(
    family: str, provider: str
) -> None:
    """The fonts of the kiosk's languages have no Hebrew, Devanagari or Georgian letters:
    a provider named in them printed as a row of empty boxes, where the screen (through
    fontconfig) showed the name. fonts-noto-core has a face for each."""
    face = raster.font_file(family, bold=True)
    if face is None:
        pytest.skip(f"{family} is not installed")
    receipt = PurchaseReceipt(
        kind="purchase",
        reference="ORD-7K3M",
        provider=provider,
        provider_phone="",
        lines=[ReceiptLine("Pasto caldo", 1, 650)],
        payment_note="Da pagare al fornitore.",
    )
    data = render(purchase_receipt(CONTEXT, receipt), PROFILES["80mm"])
    printer = FakePrinter()
    try:
        NetworkConnection(printer.host, printer.port, timeout=2).send(data)
        eventually(lambda: printer.jobs)
    finally:
        printer.close()
    [picture] = decode(printer.jobs[0]).images  # the provider's line, bold
    font = ImageFont.truetype(face.path, raster.FONT_PX, index=face.number)
    canvas = Image.new("1", (1200, 120), 1)
    ImageDraw.Draw(canvas).text((10, 80), provider, font=font, fill=0, anchor="ls")
    assert ink(picture) == pytest.approx(ink(canvas), rel=0.02)


CARD = ServiceCard(
    title="Pasti a domicilio",
    category="Alimentazione",
    price="gratuito",
    description="",
    who="Tutti",
    provider="Il Girasole",
    contacts=["Telefono: 049 123 4567"],
    contact_qr="tel:0491234567",
)


def on_paper(data: bytes) -> Job:
    """``data`` as the fake network printer received it, decoded."""
    printer = FakePrinter()
    try:
        NetworkConnection(printer.host, printer.port, timeout=2).send(data)
        eventually(lambda: printer.jobs)
    finally:
        printer.close()
    return decode(printer.jobs[0])


def test_marks_piled_on_one_letter_print_a_few_and_a_dot_not_metres_of_paper() -> None:
    """A service's description from the platform (4,000 characters at most) of one letter
    and 3,999 accents: each accent was drawn above the last, a picture 23,800 dots (3
    metres) tall for one card. Now a letter keeps a few, then a dot says more were left."""
    card = replace(CARD, description="a" + "\u0301" * 3999)
    [picture] = on_paper(render(service_card(CONTEXT, card), PROFILES["58mm"])).images
    assert picture.height - 32 <= 3 * text_image("a", "it", 384).height  # 16 a side
    kept = text_image("a" + "\u0301" * raster.MAX_MARKS + UNPRINTABLE, "it", 384)
    assert same_picture(picture, kept)


@pytest.mark.parametrize("space", ["\u3000", "\u2003", "\u00a0"], ids=["ideographic", "em", "nbsp"])
def test_a_run_of_unicode_spaces_in_a_drawn_line_is_drawn_as_plain_spaces(space: str) -> None:
    """Drawn, an ideographic, em or no-break space was a letter as wide as a glyph that
    no line could break at: a description of thousands of them (the text printed as
    text makes each a plain space) fed two metres of blank paper."""
    text = "مرحبا" + space * 3990 + "بكم"
    job = on_paper(render(service_card(CONTEXT, replace(CARD, description=text)), PROFILES["58mm"]))
    plain = replace(CARD, description=text.replace(space, " "))
    expected = decode(render(service_card(CONTEXT, plain), PROFILES["58mm"]))
    assert [image.tobytes() for image in job.images] == [i.tobytes() for i in expected.images]
