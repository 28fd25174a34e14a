# SPDX-License-Identifier: EUPL-1.2
"""The printer model's capability profile gives the code page and its ESC t number, the
configuration can override both; the logo from the configuration prints on every slip."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from kiosk.boot.config import ConfigError
from kiosk.boot.paths import ROOT
from kiosk.boot.printer_setup import paper_for
from printing.connection import NetworkConnection
from printing.escpos_render import render
from printing.samples import sample
from printing.slip import Qr, Slip, Text
from tests.conftest import make_config
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.samples import CONTEXT
from tests.printing.waits import eventually

ITALIAN = "Città più è però perché € 1.234,50"


@pytest.mark.parametrize(
    ("settings", "page", "table", "printed"),
    [
        ('paper = "80mm"\n', "cp1252", 16, ITALIAN),
        ('paper = "80mm"\ncode_page = "cp858"\n', "cp858", 19, ITALIAN),
        (
            'paper = "58mm-image-qr"\nmodel = "NT-5890K"\ncode_page = "CP858"\n',
            "cp858",
            19,
            ITALIAN,
        ),
        # CP437 has no euro sign: the line prints as its picture rather than with a dot.
        ('paper = "58mm"\nmodel = "simple"\n', "cp437", 0, None),
        ('paper = "58mm"\ncode_page_table = 71\n', "cp1252", 71, ITALIAN),
    ],
)
def test_the_code_page_comes_from_the_model_unless_configured(
    tmp_path: Path, settings: str, page: str, table: int, printed: str | None
) -> None:
    profile = paper_for(make_config(tmp_path, "[printer]\n" + settings))
    assert (profile.code_page, profile.code_page_table) == (page, table)
    data = render(Slip("x", (Text(ITALIAN),)), profile)
    assert data.startswith(b"\x1b@\x1bR\x00\x1bt" + bytes([table]))
    job = decode(data, {table: page})
    if printed is None:
        assert len(job.images) == 1 and "·" not in " ".join(job.texts)
    else:
        assert printed in " ".join(job.texts) and not job.images


def test_a_code_page_the_model_lacks_or_an_unknown_model_is_a_clear_error(
    tmp_path: Path,
) -> None:
    with pytest.raises(ConfigError, match="ZJ-5870 profile has no cp858"):
        paper_for(make_config(tmp_path, '[printer]\nmodel = "ZJ-5870"\ncode_page = "cp858"\n'))
    with pytest.raises(ConfigError, match="unknown printer model 'TM-NOPE'"):
        paper_for(make_config(tmp_path, '[printer]\nmodel = "TM-NOPE"\n'))
    with pytest.raises(ConfigError, match="unknown code page 'klingon'"):
        paper_for(make_config(tmp_path, '[printer]\ncode_page = "klingon"\n'))


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        ("iso8859-15", "python-escpos refuses it for the TM-T20II model"),
        ("ISO_8859-2", "python-escpos refuses it for the TM-T20II model"),
        ("ISO_8859-7", "python-escpos refuses it for the TM-T20II model"),
        ("RK1048", "python-escpos refuses it for the TM-T20II model"),
        ("cp932", 'multi-byte code page: python-escpos prints "?"'),
    ],
)
def test_a_code_page_the_model_lists_but_slips_cannot_print_in_is_refused(
    tmp_path: Path, page: str, problem: str
) -> None:
    """The model's capability profile lists these pages, and the configuration took
    them: then every slip failed to render (or printed "?" for every letter)."""
    settings = f'[printer]\nmodel = "TM-T20II"\ncode_page = "{page}"\n'
    with pytest.raises(ConfigError) as refused:
        paper_for(make_config(tmp_path, settings))
    message = str(refused.value)
    assert message.startswith(f"printer.code_page: {page} ") and problem in message
    assert "choose cp1252 (the model's Western page)" in message
    # What it suggests prints.
    chosen = paper_for(make_config(tmp_path, settings.replace(page, "cp1252")))
    assert ITALIAN in " ".join(decode(render(Slip("x", (Text(ITALIAN),)), chosen)).texts)


def print_test(tmp_path: Path, printer: FakePrinter, extra: str) -> subprocess.CompletedProcess:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[paths]\ndata_dir = "{tmp_path}"\n[printer]\nconnection = "network"\n'
        f'host = "127.0.0.1"\nport = {printer.port}\npaper = "58mm"\n{extra}',
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "print-test", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_the_configured_logo_prints_at_the_top_as_a_raster(tmp_path: Path) -> None:
    logo = Image.new("RGBA", (900, 300), (255, 255, 255, 0))  # wider than any paper
    draw = ImageDraw.Draw(logo)
    draw.rectangle((0, 0, 449, 299), fill=(0, 0, 60, 255))  # left half a dark blue
    logo.save(tmp_path / "stemma.png")
    printer = FakePrinter()
    try:
        result = print_test(tmp_path, printer, 'logo = "stemma.png"\n')
        assert result.returncode == 0, result.stderr
        deadline = time.monotonic() + 5
        while not printer.jobs:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        data = printer.jobs[-1]
        job = decode(data)
        assert data.index(b"\x1dv0") < data.index(b"Social Point")  # the logo comes first
        first = job.images[0].crop((16, 16, job.images[0].width - 16, job.images[0].height - 16))
        assert first.width == 384 and first.height <= 200  # scaled to the paper
        left, right = first.crop((0, 0, 180, first.height)), first.crop((200, 0, 384, first.height))
        assert sum(left.histogram()[:128]) > 0.9 * left.width * left.height  # dark: black
        assert sum(right.histogram()[:128]) < 0.05 * right.width * right.height  # clear: paper
        missing = print_test(tmp_path, printer, 'logo = "missing.png"\n')
        assert missing.returncode == 2 and "printer.logo: cannot use" in missing.stderr
        assert "Traceback" not in missing.stderr
    finally:
        printer.close()


def printed(data: bytes) -> bytes:
    """What a printer on a TCP socket received of ``data`` (real ESC/POS bytes)."""
    printer = FakePrinter()
    try:
        NetworkConnection(printer.host, printer.port, timeout=2).send(data)
        eventually(lambda: printer.jobs)
        return printer.jobs[0]
    finally:
        printer.close()


@pytest.mark.parametrize(("model", "dots", "columns"), [("TM-T88V", 512, 42), ("T-1", 504, 42)])
def test_a_model_printing_narrower_than_the_roll_gets_slips_as_wide_as_it_prints(
    tmp_path: Path, model: str, dots: int, columns: int
) -> None:
    """A TM-T88V prints 512 dots, 42 characters, on 80 mm paper (its capability profile
    says so): slips laid out for the roll's usual 576 dots and 48 characters came out
    with each full line in two and the right of each picture cut off."""
    paper = paper_for(make_config(tmp_path, f'[printer]\npaper = "80mm"\nmodel = "{model}"\n'))
    slip = sample("voucher", CONTEXT)  # rules, pairs, a QR code and a barcode
    job = decode(printed(render(slip, paper)))
    assert max(len(line.text) for line in job.lines) == columns  # a rule, edge to edge
    assert all(len(line.text) <= (columns // 2 if line.big else columns) for line in job.lines)
    assert job.images and all(image.width - 32 <= dots for image in job.images)  # 16 a side
    assert job.qr_payloads and job.qr_payloads[0].startswith("SP1:")


@pytest.mark.parametrize(
    ("page", "name"), [("cp862", "עמותת עזרה לקהילה"), ("cp720", "جمعية الخير")], ids=["he", "ar"]
)
def test_a_right_to_left_name_prints_as_its_picture_even_on_a_page_that_has_its_letters(
    tmp_path: Path, page: str, name: str
) -> None:
    """With a Hebrew or Arabic code page configured, the letters were "printable": sent
    as text, which the printer lays left to right, a name came out backwards (and Arabic
    unjoined). It prints as the same picture as on a Western page."""
    rtl_page = paper_for(make_config(tmp_path, f'[printer]\ncode_page = "{page}"\n'))
    western = paper_for(make_config(tmp_path, "[printer]\n"))
    slip = Slip("x", (Text("Fornitore"), Text(name, bold=True)))
    job = decode(printed(render(slip, rtl_page)), {rtl_page.code_page_table: page})
    expected = decode(render(slip, western))
    assert job.texts == expected.texts == ["Fornitore"]
    assert [image.tobytes() for image in job.images] == [i.tobytes() for i in expected.images]


@pytest.mark.parametrize("model", ["NT-5890K", "POS-5890"])
def test_a_voucher_on_a_model_that_draws_no_qr_code_carries_it_as_a_picture(
    tmp_path: Path, model: str
) -> None:
    """These models take no GS ( k (their capability profiles say so): configured with
    "58mm" paper rather than "58mm-image-qr", each voucher came out with no QR code."""
    paper = paper_for(make_config(tmp_path, f'[printer]\npaper = "58mm"\nmodel = "{model}"\n'))
    slip = sample("voucher", CONTEXT)
    [code] = [e.payload for e in slip.elements if isinstance(e, Qr)]
    job = decode(printed(render(slip, paper)))
    assert not job.qr_payloads  # nothing the printer would ignore
    scanned = [found.text for image in job.images for found in zxingcpp.read_barcodes(image)]
    assert code in scanned
