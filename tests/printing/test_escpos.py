# SPDX-License-Identifier: EUPL-1.2
"""Slips rendered to ESC/POS, sent to a TCP printer on 127.0.0.1, decoded back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from printing.connection import (
    FileConnection,
    NetworkConnection,
    NoPrinter,
    PrinterError,
    State,
    interpret,
)
from printing.escpos_render import PROFILES, render
from printing.layout import TextRow, layout
from printing.slip import NOT_FISCAL, Pair, Qr, Slip, SlipContext, Text, printer_test_page
from printing.text import UNPRINTABLE, printable
from printing.text import pair as pair_lines
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter

CONTEXT = SlipContext(
    social_point="Social Point Piazzola",
    comune="Piazzola sul Brenta",
    kiosk_id="kiosk-01",
    printed_at=datetime(2026, 11, 24, 10, 30),
    operator="Maria Rossi",
)


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.close()


def scan(image: Image.Image) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("paper", ["58mm", "80mm", "58mm-image-qr"])
def test_the_test_page_prints_italian_the_euro_and_a_qr(paper: str) -> None:
    profile = PROFILES[paper]
    job = decode(render(printer_test_page(CONTEXT, "prova"), profile))
    text = "\n".join(job.texts)
    assert job.resets == 1 and job.code_pages == ["cp1252"]
    for expected in (
        "àèéìòù ÀÈÉÌÒÙ",
        "€ 12,50",
        NOT_FISCAL,
        "Social Point Piazzola",
        "Comune di Piazzola sul Brenta",
        "kiosk-01",
        "24/11/2026 10:30",
        "Maria Rossi",
    ):
        assert expected in text, expected
    assert "?" not in text
    assert job.cuts == (1 if profile.cutter else 0)
    assert all(len(line.text) * (2 if line.big else 1) <= profile.columns for line in job.lines)
    payloads = job.qr_payloads if profile.native_qr else [t for i in job.images for t in scan(i)]
    assert payloads == ["SOCIAL POINT - PROVA QR"]
    totale = next(line for line in job.texts if line.startswith("Totale"))
    assert totale.endswith("€ 1.234,56") and len(totale) == profile.columns


def test_typographic_characters_become_plain_and_nothing_is_a_silent_question_mark() -> None:
    assert printable("L’ISEE “ordinario” – 10…") == 'L\'ISEE "ordinario" - 10...'
    assert printable("CO₂ 5µg ½ ⅓") == f"CO2 5µg ½ {UNPRINTABLE}"  # ⅓ has no form in CP1252
    assert printable("ţară ğ") == "tara g"  # Romanian and Turkish letters decomposed
    assert printable("😀 ok") == f"{UNPRINTABLE} ok"
    assert printable("€", "cp858") == "€"


INVISIBLE = {  # as a platform or a copy and paste leaves them; each prints as on screen
    "\ufeffPasti a domicilio": ["Pasti a domicilio"],  # a byte order mark
    "Pasti\u200ba\u200bdomicilio": ["Pastiadomicilio"],  # zero-width spaces
    "Assi\u00adstenza domiciliare": ["Assistenza domiciliare"],  # a soft hyphen (0xAD)
    "Tel.\u2060049 123": ["Tel.049 123"],  # a word joiner
    "Caf\u00e9\u200d \u200eok\u200f": ["Café ok"],  # a joiner, direction marks
    "Riga uno\u2028riga due": ["Riga uno", "riga due"],  # a line separator
    "Uno\u2029due": ["Uno", "due"],  # a paragraph separator
}


@pytest.mark.parametrize(("text", "lines"), INVISIBLE.items(), ids=range(len(INVISIBLE)))
def test_invisible_characters_print_as_nothing_and_separators_break_the_line(
    text: str, lines: list[str]
) -> None:
    """A format character printed as a middle dot in the middle of a word (a soft hyphen
    went out as byte 0xAD, a dash); a line separator as a dot, not a new line."""
    profile = PROFILES["58mm"]
    job = decode(render(Slip("t", (Text(text), Pair("Servizio", text))), profile))
    as_pair = pair_lines("Servizio", "\n".join(lines), profile.columns)
    assert [line for line in job.texts if line.strip()] == [*lines, *as_pair]
    assert UNPRINTABLE not in "".join(job.texts) and "\xad" not in "".join(job.texts)


EMOJI = {  # each emoji one dot, however many code points make it
    "🍎 Frutta e verdura": "· Frutta e verdura",
    "Spesa 🛒 a domicilio": "Spesa · a domicilio",
    "Pasti caldi🍲": "Pasti caldi·",
    "❤️ Ascolto 👨‍👩‍👧 famiglie 👍🏽": "· Ascolto · famiglie ·",
    "1️⃣ Iscrizione 🇮🇹": "1 Iscrizione ·",
    "♿ Accesso ☕ caffè ✅ 🧑‍⚕ medico ‼️ sì": "· Accesso · caffè · · medico · sì",
}


@pytest.mark.parametrize(("text", "printed"), EMOJI.items(), ids=range(len(EMOJI)))
def test_a_provider_s_emoji_print_as_one_dot_each_and_the_line_as_text(
    text: str, printed: str
) -> None:
    """A service's name with an emoji was drawn as a picture, the emoji an empty box in
    it (no printer font has emoji), or printed as one dot per code point (a family is
    five): it prints as text, each emoji one dot."""
    profile = PROFILES["80mm"]
    slip = Slip("t", (Text(text), Pair("Servizio", text)))
    assert all(isinstance(row, TextRow) for row in layout(slip, profile))
    job = decode(render(slip, profile))
    lines = [line.strip() for line in job.texts if line.strip()]
    assert lines[0] == printed and lines[1].startswith("Servizio") and lines[1].endswith(printed)


@pytest.mark.parametrize(
    "pair",
    [
        Pair("Indirizzo", "Via Roma 1\nLimena"),  # an address typed with a line break
        Pair("Servizio richiesto: pasti a domicilio per anziani", "Ахмед", lang="uk"),
    ],
    ids=["line-break-in-a-value", "long-label-beside-a-drawn-value"],
)
def test_each_line_of_a_pair_fits_the_paper_and_breaks_nowhere_inside(pair: Pair) -> None:
    profile = PROFILES["58mm"]
    rows = [row for row in layout(Slip("t", (pair,)), profile) if isinstance(row, TextRow)]
    assert rows and all(len(row.text) <= profile.columns for row in rows), rows
    assert not [row for row in rows if "\n" in row.text]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_prints_within_the_columns_without_new_question_marks(words: str) -> None:
    profile = PROFILES["58mm"]
    slip = Slip("x", (Text(words), Text(words, big=True), Pair(words[:20], words[-20:])))
    job = decode(render(slip, profile))
    assert all(len(line.text) * (2 if line.big else 1) <= profile.columns for line in job.lines)
    # Each "?" printed comes from the text (which this slip prints four times over).
    assert "".join(job.texts).count("?") <= 4 * words.count("?")


def test_bytes_reach_a_network_printer_whole(printer: FakePrinter) -> None:
    data = render(printer_test_page(CONTEXT, "rete"), PROFILES["80mm"])
    NetworkConnection(printer.host, printer.port, timeout=2).send(data)
    _wait(lambda: printer.jobs)  # recorded when the connection closes
    assert printer.jobs == [data]
    assert decode(printer.jobs[0]).qr_payloads == ["SOCIAL POINT - PROVA QR"]


@pytest.mark.parametrize(
    ("mode", "state"),
    [
        ("healthy", State.READY),
        ("paper_out", State.PAPER_OUT),
        ("cover_open", State.COVER_OPEN),
        ("silent", State.NO_ANSWER),
    ],
)
def test_status_queries(printer: FakePrinter, mode: str, state: State) -> None:
    printer.mode = mode
    # Silence is waited out; an answer gets time to come on a busy machine.
    wait = 0.3 if state is State.NO_ANSWER else 5.0
    status = NetworkConnection(printer.host, printer.port, status_timeout=wait).status()
    assert status.state is state
    assert status.state.can_print is (state is State.READY)


def test_unreachable_printer_and_a_dropped_job(printer: FakePrinter) -> None:
    port = printer.port
    printer.mode = "disconnect"
    printer.disconnect_after = 50
    data = render(printer_test_page(CONTEXT, "x"), PROFILES["58mm-image-qr"]) * 40  # ~290 KB
    with pytest.raises(PrinterError) as error:
        NetworkConnection(printer.host, port, timeout=2).send(data)
    assert error.value.sent > 0  # bytes had left: the job must count as uncertain
    printer.close()
    status = NetworkConnection("127.0.0.1", port, status_timeout=0.3).status()
    assert status.state is State.UNREACHABLE


def test_interpreting_status_bytes() -> None:
    assert interpret(0x16, None, 0x1E) is State.PAPER_LOW
    assert interpret(0x1E, 0x12, None) is State.OFFLINE
    assert interpret(0x16, None, 0x12) is State.READY


def test_file_and_no_printer(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    data = render(Slip("x", (Qr("abc"),)), PROFILES["58mm"])
    FileConnection(device).send(data)
    assert device.read_bytes() == data
    assert FileConnection(tmp_path / "missing" / "lp0").status().state is State.UNREACHABLE
    assert NoPrinter().status().state is State.NO_PRINTER
    with pytest.raises(PrinterError):
        NoPrinter().send(data)


def _wait(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.01)
