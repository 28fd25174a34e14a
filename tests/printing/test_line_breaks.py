# SPDX-License-Identifier: EUPL-1.2
"""Lines on paper break between words, never inside an e-mail or web address, a code or
a double surname; a word longer than the line breaks at its natural points."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from printing.connection import NetworkConnection
from printing.documents import ServiceCard, service_card
from printing.escpos_render import PROFILES, render
from printing.slip import Pair, Slip, Text
from printing.text import wrap
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.samples import CONTEXT
from tests.printing.waits import eventually

WORDS = (
    "sociali@comune-piazzola.example",
    "https://piazzola.example/sociali",
    "Dal Santo-Ferraro",
    "DOM-9QX4-7HB2",
    "K7M2-9XQ4-T1B8A",
    "info@girasole.example",
)


@pytest.mark.parametrize("paper", list(PROFILES))
def test_addresses_codes_and_surnames_stay_whole_on_paper(paper: str) -> None:
    profile = PROFILES[paper]
    text = (
        "Per informazioni scrivi all'ufficio sociali@comune-piazzola.example oppure "
        "visita https://piazzola.example/sociali o chiedi di Maria Dal "
        "Santo-Ferraro con il codice DOM-9QX4-7HB2; altrimenti info@girasole.example."
    )
    contact = Pair("Contatto", "sociali@comune-piazzola.example")
    job = decode(render(Slip("x", (Text(text), contact)), profile))
    lines = job.texts
    for word in (
        "sociali@comune-piazzola.example",
        "https://piazzola.example/sociali",
        "Santo-Ferraro",
        "DOM-9QX4-7HB2",
        "info@girasole.example.",
    ):
        assert any(word in line for line in lines), (word, lines)
    assert not any(line.rstrip().endswith("-") for line in lines)  # no break after a hyphen
    assert " ".join(" ".join(lines).split()).count("sociali@comune-piazzola.example") == 2


def test_a_word_longer_than_the_line_breaks_at_its_natural_points() -> None:
    address = "https://www.comune-piazzolasulbrenta.example/servizi-sociali/buoni-spesa-2026"
    lines = wrap(address, 32)
    assert "".join(lines) == address and all(len(line) <= 32 for line in lines)
    assert not any(line.endswith("-") for line in lines)  # never after an address's hyphen
    assert all(
        line.endswith("/") or nxt[0] in "./@?&=#_" for line, nxt in itertools.pairwise(lines)
    )
    email = "segreteria.servizi-domiciliari@cooperativa-girasole-nuovo.example.org"
    pieces = wrap(email, 32)
    assert "".join(pieces) == email and not any(p.endswith("-") for p in pieces)


@pytest.mark.parametrize(
    "address",
    [
        "servizisociali.comune.piazzola-sul-brenta.pd.it",
        "servizisociali.comune.piazzola-sul-brenta.pd.it.",  # at a sentence's end
        "prenotazioni.ulss6-euganea.it/servizi-sociali/trasporto-anziani",
    ],
)
def test_a_web_address_without_www_is_not_broken_after_its_hyphens(address: str) -> None:
    lines = wrap(f"Sito: {address}", 32)
    assert "".join(lines[1:]) == address and all(len(line) <= 32 for line in lines)
    assert not any(line.endswith("-") for line in lines), lines
    # A double surname or a code longer than a line still breaks after its hyphens.
    surname = "Dal-Santo-Ferraro-Bortolami-Zanon"
    assert wrap(surname, 32) == ["Dal-Santo-Ferraro-Bortolami-", "Zanon"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS) | st.text(min_size=1, max_size=50), max_size=12),
    st.integers(min_value=8, max_value=64),
)
def test_wrapping_loses_nothing_and_keeps_short_words_whole(words: list[str], columns: int) -> None:
    text = " ".join(words)
    lines = wrap(text, columns)
    assert all(len(line) <= columns for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for word in text.split():
        if len(word) <= columns:
            assert word in lines or any(word in line.split() for line in lines)


def test_a_long_word_drawn_as_an_image_is_cut_where_it_fills_the_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A name of hundreds of letters with no space, in letters the printer's code page
    lacks, is drawn; each line is cut where it is full, found by halving: measured one
    character at a time, 2,000 letters took 19 s and held the print queue."""
    from PIL import ImageFont

    from printing import raster

    measured = [0]
    real = ImageFont.FreeTypeFont.getlength

    def counted(self: ImageFont.FreeTypeFont, text: str, *args: object, **kwargs: object) -> float:
        measured[0] += 1
        return real(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", counted)
    word = "Жовтневий" * 80  # 720 letters, after a first name
    font = raster._font(word, "uk", False)
    lines = raster._lines(f"Анна {word}", font, 384, "ltr")
    assert lines[0] == "Анна" and "".join(lines[1:]) == word
    lines = lines[1:]
    for line, following in itertools.pairwise(lines):
        assert real(font, line, "ltr") <= 384  # type: ignore[arg-type]
        assert real(font, line + following[0], "ltr") > 384  # type: ignore[arg-type]
    assert measured[0] < 30 * len(lines)  # one character at a time: hundreds a line


@pytest.mark.parametrize("text", ["Riga uno.", "السطر الأول."], ids=["text", "picture"])
def test_thousands_of_line_breaks_print_one_blank_line_not_metres_of_paper(text: str) -> None:
    """A service's description from the platform (4,000 characters at most) of two lines
    with thousands of line breaks between them: each fed a line of blank paper, metres
    of it for one card. Blank lines in a row print as one."""
    card = ServiceCard(
        title="Pasti a domicilio",
        category="Alimentazione",
        price="gratuito",
        description=text + "\n" * 3900 + text,
        who="Tutti",
        provider="Il Girasole",
        contacts=["Telefono: 049 123 4567"],
        contact_qr="tel:0491234567",
    )
    printer = FakePrinter()
    try:
        data = render(service_card(CONTEXT, card), PROFILES["80mm"])
        NetworkConnection(printer.host, printer.port, timeout=2).send(data)
        eventually(lambda: printer.jobs)
    finally:
        printer.close()
    job = decode(printer.jobs[0])
    one_blank = replace(card, description=f"{text}\n\n{text}")
    expected = decode(render(service_card(CONTEXT, one_blank), PROFILES["80mm"]))
    assert job.texts == expected.texts
    assert [image.tobytes() for image in job.images] == [i.tobytes() for i in expected.images]
