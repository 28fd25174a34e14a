# SPDX-License-Identifier: EUPL-1.2
"""A small ESC/POS decoder for tests: bytes back to lines, cuts, QR codes and images.

It knows the commands our renderer sends and fails on any other, so a change in what we
send is noticed. Text is decoded with the code page the job selected (ESC t), numbered
as in the printer model's capability profile (Epson's numbers by default). ESC @ clears
text not yet ended by a line feed, as a printer clears its print buffer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageOps

from printing.escpos_render import LOGO_MAX_ROWS

CODE_PAGES = {16: "cp1252", 19: "cp858", 0: "cp437"}
BAND_ROWS = LOGO_MAX_ROWS  # printing.escpos_render draws images in bands this tall


@dataclass
class Line:
    text: str
    align: int
    bold: bool
    big: bool
    inverted: bool = False


@dataclass
class Job:
    lines: list[Line] = field(default_factory=list)
    cuts: int = 0
    qr_payloads: list[str] = field(default_factory=list)
    images: list[Image.Image] = field(default_factory=list)
    raster_commands: list[int] = field(default_factory=list)  # each GS v 0's length
    code_pages: list[str] = field(default_factory=list)
    resets: int = 0
    feeds: list[int] = field(default_factory=list)  # ESC J, in dots
    qr_modules: list[int] = field(default_factory=list)  # native QR module sizes

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]


def decode(data: bytes, code_pages: dict[int, str] | None = None) -> Job:
    tables = code_pages or CODE_PAGES
    job = Job()
    align, bold, big, inverted, page = 0, False, False, False, "cp437"
    text = bytearray()
    i = 0
    band: list[Any] | None = None  # the last raster: where it ended, its width, its bits

    def flush() -> None:
        job.lines.append(Line(text.decode(page), align, bold, big, inverted))
        text.clear()

    while i < len(data):
        byte = data[i]
        if byte == 0x0A:
            flush()
            i += 1
        elif byte == 0x1B:
            command = data[i + 1]
            if command == 0x40:  # ESC @
                job.resets += 1
                align, bold, big, inverted = 0, False, False, False
                text.clear()
                i += 2
            elif command == 0x4A:  # ESC J n: feed n dots
                job.feeds.append(data[i + 2])
                i += 3
            elif command in (0x52, 0x45, 0x61, 0x21, 0x64, 0x2D, 0x4D):  # one argument
                value = data[i + 2]
                if command == 0x45:
                    bold = bool(value)
                elif command == 0x61:
                    align = value
                elif command == 0x21:
                    big = value & 0x30 == 0x30
                i += 3
            elif command == 0x74:  # ESC t n
                page = tables[data[i + 2]]
                job.code_pages.append(page)
                i += 3
            else:
                raise ValueError(f"unknown command ESC {command:#04x} at {i}")
        elif byte == 0x1D:
            command = data[i + 1]
            if command == 0x56:  # GS V m [n]
                job.cuts += 1
                i += 4 if data[i + 2] in (65, 66) else 3
            elif command == 0x21:  # GS ! n
                big = data[i + 2] & 0x11 == 0x11
                i += 3
            elif command == 0x42:  # GS B n: white on black
                inverted = bool(data[i + 2] & 1)
                i += 3
            elif command == 0x28 and data[i + 2] == 0x6B:  # GS ( k
                length = data[i + 3] + 256 * data[i + 4]
                body = data[i + 5 : i + 5 + length]
                if body[0] == 0x31 and body[1] == 0x50:  # store the symbol's data
                    job.qr_payloads.append(body[3:].decode("utf-8"))
                elif body[0] == 0x31 and body[1] == 0x43:  # module size in dots
                    job.qr_modules.append(body[2])
                i += 5 + length
            elif command == 0x76 and data[i + 2] == 0x30:  # GS v 0: raster image
                width_bytes = data[i + 4] + 256 * data[i + 5]
                height = data[i + 6] + 256 * data[i + 7]
                bits = data[i + 8 : i + 8 + width_bytes * height]
                job.raster_commands.append(8 + width_bytes * height)
                if band is not None and band[0] == i and band[1] == width_bytes:
                    # The next band of an image drawn in bands (a full band, then this
                    # one, right after it and as wide): the printer draws one image.
                    band[2].extend(bits)
                    job.images[-1] = _raster(band[2], width_bytes, len(band[2]) // width_bytes)
                else:
                    job.images.append(_raster(bits, width_bytes, height))
                    band = [0, width_bytes, bytearray(bits)]
                i += 8 + width_bytes * height
                band[0] = i if height == BAND_ROWS else -1  # only a full band goes on
            else:
                raise ValueError(f"unknown command GS {command:#04x} at {i}")
        elif byte < 0x20:
            raise ValueError(f"unexpected control byte {byte:#04x} at {i}")
        else:
            text.append(byte)
            i += 1
    if text:
        flush()
    return job


def _raster(bits: bytes, width_bytes: int, height: int) -> Image.Image:
    """A 1-bit raster (1 = black) as a grey image with a white margin, for zxing-cpp."""
    image = Image.frombytes("1", (width_bytes * 8, height), bytes(bits))  # 1 = white here
    return ImageOps.expand(ImageOps.invert(image.convert("L")), border=16, fill=255)
