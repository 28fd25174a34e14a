# SPDX-License-Identifier: EUPL-1.2
"""Printing from the touchscreen: the citizen taps, sees the slip and the printer's state
in plain words, and the TCP printer on 127.0.0.1 receives it once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.kiosk.kiosks import printing_kiosk
from tests.kiosk.people import printer_rounds, shows, tap
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter

SERVICE = "s16"  # Coop. Sociale Il Ponte (demo), Villafranca Padovana


@pytest.fixture
def kiosk(qtbot, qapp, tmp_path: Path, printer: FakePrinter):  # type: ignore[no-untyped-def]
    settings = (
        f'[printer]\nconnection = "network"\nhost = "127.0.0.1"\nport = {printer.port}\n'
        'paper = "80mm"\nstatus_timeout_ms = 1000\n'
    )
    window, backend, tasks = printing_kiosk(qtbot, qapp, tmp_path, settings)
    yield window, backend
    tasks.shutdown()
    backend.close()
    window.ctx.switcher.detach()


def test_printing_a_service_card_shows_it_and_prints_it_once(
    qtbot, kiosk, printer: FakePrinter, snap
) -> None:
    window, backend = kiosk
    sender_threads: list[str] = []
    send = backend.printing.connection.send
    backend.printing.connection.send = lambda data: (  # type: ignore[method-assign]
        sender_threads.append(threading.current_thread().name),
        send(data),
    )[-1]
    window.go("service", {"service_id": SERVICE})
    tap(qtbot, window, "Stampa questa scheda")
    qtbot.waitUntil(lambda: shows(window, "Stampato"), timeout=10_000)
    assert shows(window, "Ritira il foglio dalla stampante.")
    snap(window, "printed")
    assert sender_threads == ["kiosk-printer"]  # never the UI thread
    qtbot.waitUntil(lambda: len(printer.jobs) == 1)
    job = decode(printer.jobs[0])
    text = "\n".join(job.texts)
    assert "SCHEDA SERVIZIO" in text and "Coop. Sociale Il Ponte (demo)" in text
    assert "Comune di Piazzola sul Brenta" in text and "DOCUMENTO NON FISCALE" in text
    assert job.qr_payloads[0].startswith("BEGIN:VCARD") and "049 000 1303" in job.qr_payloads[0]
    tap(qtbot, window, "Fatto")
    assert not shows(window, "Stampato")
    printer_rounds(qtbot, backend)
    assert len(printer.jobs) == 1


def test_out_of_paper_is_said_plainly_and_the_sheet_prints_once_paper_is_back(
    qtbot, kiosk, printer: FakePrinter, snap
) -> None:
    window, _backend = kiosk
    printer.mode = "paper_out"
    window.go("service", {"service_id": SERVICE})
    tap(qtbot, window, "Stampa questa scheda")
    qtbot.waitUntil(lambda: shows(window, "La stampante è senza carta"), timeout=10_000)
    # Nobody is told by the printer: the citizen is never told somebody was.
    assert shows(window, "Avvisa il welfare manager allo sportello")
    assert not shows(window, "avvisato")
    snap(window, "paper-out")
    window.ctx.switcher.set_language("en")
    qtbot.waitUntil(lambda: shows(window, "The printer is out of paper"))
    assert not shows(window, "has been told")
    window.ctx.switcher.set_language("it")
    assert printer.jobs == []
    printer.mode = "healthy"
    qtbot.waitUntil(lambda: shows(window, "Stampato"), timeout=10_000)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1)


def test_without_a_printer_the_citizen_is_told_what_to_do(
    qtbot, qapp, tmp_path: Path, snap
) -> None:
    window, backend, tasks = printing_kiosk(qtbot, qapp, tmp_path, "")
    try:
        window.go("service", {"service_id": SERVICE})
        tap(qtbot, window, "Stampa questa scheda")
        qtbot.waitUntil(
            lambda: shows(window, "Questo Social Point non ha una stampante"), timeout=10_000
        )
        assert shows(window, "Mostra questa schermata al welfare manager, oppure fotografala.")
        snap(window, "no-printer")
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()


def test_paper_running_out_mid_sheet_says_it_stopped_and_never_prints_it_again(
    qtbot, kiosk, printer: FakePrinter, snap
) -> None:
    window, backend = kiosk
    printer.paper_left = 300  # healthy when asked before, out of paper after the sheet
    window.go("service", {"service_id": SERVICE})
    tap(qtbot, window, "Stampa questa scheda")
    qtbot.waitUntil(lambda: shows(window, "La stampa si è interrotta"), timeout=10_000)
    assert shows(window, "Chiedi una copia al welfare manager")
    assert not shows(window, "Stampato")
    snap(window, "stopped-half-way")
    printer.mode, printer.paper_left = "healthy", None
    printer_rounds(qtbot, backend)
    assert len(printer.jobs) == 1  # the cut-off sheet only


def test_a_web_server_on_the_printers_address_is_not_called_out_of_paper(
    qtbot, qapp, tmp_path: Path, snap
) -> None:
    from tests.printing.fake_printer import HTTP_BAD_REQUEST, AlienServer

    server = AlienServer(answer=HTTP_BAD_REQUEST)
    settings = (
        f'[printer]\nconnection = "network"\nhost = "127.0.0.1"\nport = {server.port}\n'
        "status_timeout_ms = 1000\n"
    )
    window, backend, tasks = printing_kiosk(qtbot, qapp, tmp_path, settings)
    try:
        window.go("service", {"service_id": SERVICE})
        tap(qtbot, window, "Stampa questa scheda")
        qtbot.waitUntil(lambda: shows(window, "La stampante non risponde"), timeout=10_000)
        assert not shows(window, "senza carta")
        snap(window, "not-a-printer")
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()
        server.close()


def test_the_job_states_kept_for_the_panel_stay_few_over_months_of_printing() -> None:
    from kiosk.ui.controllers.printer import RECENT_JOBS, remember

    states: dict[str, str] = {}
    for job in range(10_000):
        remember(states, f"job-{job}", "pending")
        remember(states, f"job-{job}", "printed")
    assert len(states) == RECENT_JOBS
    assert states[f"job-{9_999}"] == "printed" and "job-0" not in states
    remember(states, f"job-{10_000 - RECENT_JOBS}", "failed")  # the oldest, told again
    remember(states, "job-new", "pending")
    assert states[f"job-{10_000 - RECENT_JOBS}"] == "failed"  # kept: its news was recent
