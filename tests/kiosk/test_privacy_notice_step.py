# SPDX-License-Identifier: EUPL-1.2
"""The data controller's privacy notice (GDPR art. 13) before any personal data is typed:
the first step of an application, and on the screen of a service that can be bought;
"Stampa l'informativa" prints it, read back here from the ESC/POS bytes a TCP printer on
127.0.0.1 received."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from kiosk.core.privacy import printed_notice, sections
from languages.catalog import translate
from tests.kiosk.kiosks import printing_kiosk
from tests.kiosk.people import choose_language, opened, shows, tap
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter

DATASET = json.loads(Path("assets/demo/dataset.json").read_text(encoding="utf-8"))
CALL = next(c for c in DATASET["calls"] if c["id"] == "bs-piazzola")
SERVICE = next(s for s in DATASET["services"] if s["id"] == "s01")


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


def form_inputs(window) -> list[QLineEdit]:  # type: ignore[no-untyped-def]
    return [
        w
        for w in window.findChildren(QLineEdit)
        if w.isVisible() and w.objectName().startswith("input_")
    ]


def printed_text(qtbot, window, printer: FakePrinter) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: shows(window, "Stampato"), timeout=10_000)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1)
    tap(qtbot, window, "Fatto")
    return "\n".join(decode(printer.jobs[0]).texts)


def test_applying_starts_with_the_comunes_notice_in_full_and_it_prints(
    qtbot, kiosk, printer: FakePrinter, snap
) -> None:
    window, _backend = kiosk
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Fai domanda qui")
    opened(window)
    notice = CALL["privacy_notice"]
    for text in (
        "Informativa privacy",
        "Titolare del trattamento",
        notice["controller"],
        notice["purposes"]["it"],
        notice["legal_basis"]["it"],
        notice["retention"]["it"],
        notice["rights"]["it"],
        notice["dpo_contact"],
    ):
        assert shows(window, text), text
    assert form_inputs(window) == []  # not a single field before the notice is read
    snap(window, "apply-notice")

    tap(qtbot, window, "Stampa l'informativa")
    text = printed_text(qtbot, window, printer)
    assert "INFORMATIVA PRIVACY" in text and "art. 13" in text
    assert "Buoni spesa" in text  # the call it concerns
    for expected in (
        notice["controller"],
        "Titolare del trattamento",
        "Responsabile della protezione dei dati",
        notice["dpo_contact"],
        "piano di conservazione",
    ):
        assert expected in text, expected

    tap(qtbot, window, "Ho letto, continua")
    assert shows(window, "Passo 1 di 6") and form_inputs(window)
    # Back to the calls and in again: the notice was read for this application.
    tap(qtbot, window, "‹ Indietro")
    assert window.current_route == "calls"
    tap(qtbot, window, "Fai domanda qui")
    opened(window)
    assert shows(window, "Passo 1 di 6") and form_inputs(window)


@pytest.mark.parametrize(
    ("lang", "name", "texts_in"),
    [("en", "English", "en"), ("ro", "Română", "ro"), ("ar", "العربية", "ar")],
)
def test_the_notice_is_in_the_citizens_language_where_the_platform_gave_it(
    qtbot, kiosk, printer: FakePrinter, snap, lang: str, name: str, texts_in: str
) -> None:
    window, _backend = kiosk
    choose_language(qtbot, window, name)
    qtbot.waitUntil(lambda: window.ctx.lang == lang)
    window.go("calls", {})
    tap(qtbot, window, translate("CallsScreen", "Apply here", lang))
    opened(window)
    notice = CALL["privacy_notice"]
    assert shows(window, translate("Privacy", "Data controller", lang))
    assert shows(window, translate("Privacy", "Your rights", lang))
    # The demo platform gives every language's texts (``pick`` falls back to Italian).
    assert shows(window, notice["purposes"][texts_in])
    assert shows(window, notice["rights"][texts_in])
    assert form_inputs(window) == []
    snap(window, f"apply-notice-{lang}")


def test_a_paid_services_notice_is_on_its_screen_and_prints(
    qtbot, kiosk, printer: FakePrinter, snap
) -> None:
    window, _backend = kiosk
    window.go("service", {"service_id": SERVICE["id"]})
    notice = SERVICE["privacy_notice"]
    assert shows(window, "Aggiungi al carrello")
    for text in (notice["controller"], notice["purposes"]["it"], notice["dpo_contact"]):
        assert shows(window, text), text
    snap(window, "service-notice")
    tap(qtbot, window, "Stampa l'informativa")
    text = printed_text(qtbot, window, printer)
    assert "INFORMATIVA PRIVACY" in text and notice["controller"] in text
    assert notice["dpo_contact"] in text and "Baby sitter qualificata" in text


def test_an_information_only_service_shows_no_notice(qtbot, kiosk) -> None:
    window, _backend = kiosk
    info_only = next(s for s in DATASET["services"] if s["booking"] == "info_only")
    window.go("service", {"service_id": info_only["id"]})
    assert not shows(window, "Stampa l'informativa")


def test_sections_pick_the_language_and_fall_back_to_italian() -> None:
    notice = {
        "controller": "Comune di Esempio",
        "purposes": {"it": "Scopi", "ro": "Scopuri"},
        "legal_basis": {"it": "Base"},
        "retention": {"it": "Tempo"},
        "rights": {"it": "Diritti", "ro": "Drepturi"},
        "dpo_contact": "dpo@example.org",
    }
    ro = [(s.heading, s.text) for s in sections(notice, "ro")]
    assert ro[0][1] == "Comune di Esempio" and ro[1][1] == "Scopuri" and ro[2][1] == "Base"
    assert ro[4] == (translate("Privacy", "Your rights", "ro"), "Drepturi")
    printed = printed_notice(notice, {"it": "Bando", "ro": "Apel"}, "ro")
    assert printed.sections[1] == ("Perché usiamo i tuoi dati", "Scopi")
    assert printed.citizen_sections[1][1] == "Scopuri" and printed.about_translated == "Apel"
    # Nothing in the citizen's language: the printed notice is the Italian one alone.
    assert printed_notice(notice, {"it": "Bando"}, "uk").citizen_sections == ()
