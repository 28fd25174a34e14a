# SPDX-License-Identifier: EUPL-1.2
"""Printing: time from a document (plain data) to the last byte at a TCP printer.

Each run builds the slip (a voucher is signed on the way), renders it to ESC/POS, opens
a connection to a recording printer on 127.0.0.1 and sends it, as the printer worker
does. The printer notes when the job's last byte arrived. The floor is the same bytes,
already rendered, sent over a fresh connection: what the network part alone costs.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from printing.connection import NetworkConnection
from printing.escpos_render import PROFILES, render
from printing.preview import render_image
from printing.samples import sample
from printing.slip import SlipContext
from vouchers.codes import Signer

RUNS = 200


class RecordingPrinter:
    """Takes jobs, answers the status queries, notes when each job's last byte came."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.last_byte: list[float] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                last = 0.0
                while chunk := connection.recv(65536):
                    if chunk[-3:-1] == b"\x10\x04":  # DLE EOT n: a healthy printer's reply
                        if len(chunk) > 3:
                            last = time.perf_counter()
                        connection.sendall(b"\x16" if chunk[-1] == 1 else b"\x12")
                    else:
                        last = time.perf_counter()
                if last:
                    self.last_byte.append(last)

    def close(self) -> None:
        self.listener.close()


def _delivered(printer: RecordingPrinter, connection: NetworkConnection, data: bytes) -> float:
    """Sends a job; returns when (perf_counter) its last byte reached the printer."""
    count = len(printer.last_byte)
    connection.send(data)
    while len(printer.last_byte) == count:  # noted when the connection closes
        time.sleep(0.0001)
    return printer.last_byte[-1]


def _figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"p50 {statistics.median(ordered) * 1000:6.2f} ms, p95 {p95 * 1000:6.2f} ms"


def main() -> None:
    signer = Signer(Ed25519PrivateKey.generate())
    context = SlipContext("Social Point Limena", "Limena", "kiosk-02", datetime.now(), "M. Rossi")
    printer = RecordingPrinter()
    connection = NetworkConnection("127.0.0.1", printer.port, timeout=5, status_timeout=2)
    print(f"printing: document to last byte at a TCP printer on 127.0.0.1, {RUNS} runs each")
    for document in ("receipt", "voucher"):
        for paper in ("58mm", "80mm", "58mm-image-qr"):
            profile = PROFILES[paper]
            whole, floor = [], []
            size = 0
            for _ in range(RUNS):
                start = time.perf_counter()
                data = render(sample(document, context, signer), profile)
                whole.append(_delivered(printer, connection, data) - start)
                size = len(data)
                start = time.perf_counter()
                floor.append(_delivered(printer, connection, data) - start)
            ratio = statistics.median(whole) / statistics.median(floor)
            print(
                f"  {document:8} {paper:14} {size:6d} bytes: {_figures(whole)};"
                f" sending alone {_figures(floor)}; ratio {ratio:4.1f}x"
            )
    for paper in ("58mm", "80mm"):
        slip = sample("voucher", context, signer)
        times = []
        for _ in range(50):
            start = time.perf_counter()
            render_image(slip, PROFILES[paper])
            times.append(time.perf_counter() - start)
        print(f"  on-screen preview of a voucher, {paper}: {_figures(times)}")
    printer.close()


if __name__ == "__main__":
    main()
