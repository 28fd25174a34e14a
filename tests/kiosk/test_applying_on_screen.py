# SPDX-License-Identifier: EUPL-1.2
"""Applying for the demo buoni spesa call on the touchscreen, as a person would, against
the reference platform over loopback HTTP and the recording TCP printer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.boot.backend import Backend
from kiosk.ui.screens.apply import ApplyScreen
from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import (
    error_of,
    fill,
    opened,
    prefilled,
    printer_rounds,
    shown,
    shows,
    tap,
    tap_named,
    visible,
)
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.sync.conftest import Central

CF_RIGHT = "FRRNNA41A63E592W"
CF_WRONG = "FRRNNA41A63E592X"  # the check letter is wrong


def test_a_citizen_applies_for_buoni_spesa_and_leaves_with_the_protocol_number(
    qtbot, kiosk, printer: FakePrinter, central: Central, snap
) -> None:
    window, backend = kiosk
    tap(qtbot, window, "Bandi e contributi")
    snap(window, "calls")
    tap(qtbot, window, "Fai domanda qui")
    opened(window)
    tap(qtbot, window, "Ho letto, continua")  # the privacy notice first
    assert shows(window, "Passo 1 di 6") and shows(window, "Chi fa la domanda")

    # Page 1: the on-screen keyboard for the surname, a wrong codice fiscale, then the card.
    qtbot.mouseClick(shown(window, QLineEdit, "input_cognome"), Qt.MouseButton.LeftButton)
    keyboard = window.screens["apply"].keyboard
    assert keyboard.isVisible()
    for key in ("key_70", "key_69", "key_82", "key_82", "key_65", "key_82", "key_79"):
        tap_named(qtbot, keyboard, key)  # F E R R A R O
    assert shown(window, QLineEdit, "input_cognome").text() == "Ferraro"  # capital first
    fill(qtbot, window, "nome", "Anna")
    fill(qtbot, window, "cf", CF_WRONG.lower())
    assert shown(window, QLineEdit, "input_cf").text() == CF_WRONG  # upper-cased as typed
    tap(qtbot, window, "Avanti ›")
    assert error_of(window, "cf") == (
        "⚠  Il codice fiscale non è valido: una lettera o una cifra è sbagliata,"
        " confrontalo con la tessera sanitaria."
    )
    assert shows(window, "Controlla le risposte segnate qui sotto.")
    snap(window, "wrong-codice-fiscale")
    # The card goes over the reader while the focus is in "Nome": the code lands in the
    # codice fiscale field, and "Nome" keeps what the person typed.
    name_field = shown(window, QLineEdit, "input_nome")
    qtbot.mouseClick(name_field, Qt.MouseButton.LeftButton)
    QTest.keyClicks(name_field, "8001234567890")  # a product's barcode: ignored
    QTest.keyClick(name_field, Qt.Key.Key_Return)
    assert shown(window, QLineEdit, "input_cf").text() == CF_WRONG
    assert name_field.text() == "Anna"
    qtbot.wait(80)  # the next card is a new burst
    QTest.keyClicks(name_field, CF_RIGHT)
    QTest.keyClick(name_field, Qt.Key.Key_Return)
    assert shown(window, QLineEdit, "input_cf").text() == CF_RIGHT
    assert name_field.text() == "Anna"
    assert visible(window, QWidget, "error_cf") == []  # the problem is solved
    tap(qtbot, window, "Avanti ›")

    # Page 2: where the citizen lives.
    assert shows(window, "Passo 2 di 6")
    tap(qtbot, window, "Piazzola sul Brenta")
    fill(qtbot, window, "indirizzo", "Via Roma 1")
    fill(qtbot, window, "telefono", "347 123 4567")
    tap(qtbot, window, "Avanti ›")

    # Page 3: the household, one person at a time.
    assert shows(window, "Passo 3 di 6")
    # The applicant is already in the household, born on the day their code says.
    assert shows(window, "FRRNNA41A63E592W · Anna Ferraro · 23/01/1941")
    for cf, name, born, relation in (
        ("BNCMTT15B19G224I", "Matteo Bianchi", "19/02/2015", "Altro familiare"),
    ):
        tap(qtbot, window, "+ Aggiungi una persona")
        fill(qtbot, window, "cf_membro", cf)
        fill(qtbot, window, "nome_cognome", name)
        fill(qtbot, window, "data_nascita", born)
        tap(qtbot, window, relation)
        if name == "Anna Ferraro":
            tap(qtbot, window, "No")
        tap(qtbot, window, "Salva questa persona")
    assert shows(window, "Persona 2") and shows(window, "Matteo Bianchi · 19/02/2015")
    snap(window, "household")
    tap(qtbot, window, "Avanti ›")

    # Page 4: money; a question shows only while it applies.
    assert shows(window, "Passo 4 di 6")
    fill(qtbot, window, "patrimonio", "1.200")
    tap(qtbot, window, "Pensione")
    fill(qtbot, window, "sostegni_importo", "650,00")
    tap(qtbot, window, "Nessuno")
    assert [
        w for w in window.findChildren(QWidget, "field_sostegni_importo") if w.isVisible()
    ] == []
    assert shows(window, "✓  Nessuno") and shows(window, "Pensione")  # "Nessuno" stands alone
    tap(qtbot, window, "Pensione")  # changed mind: "Pensione" only again
    assert not shows(window, "✓  Nessuno")
    assert shown(window, QLineEdit, "input_sostegni_importo").text() == "650,00"
    tap(qtbot, window, "Avanti ›")

    # Back and forth: nothing is lost.
    tap(qtbot, window, "‹ Indietro")
    assert shows(window, "Passo 4 di 6")
    assert shown(window, QLineEdit, "input_patrimonio").text() == "1.200"
    assert shown(window, QLineEdit, "input_sostegni_importo").text() == "650"
    tap(qtbot, window, "‹ Indietro")
    assert shows(window, "Matteo Bianchi · 19/02/2015")
    tap(qtbot, window, "Avanti ›")
    tap(qtbot, window, "Avanti ›")

    # Page 5: declarations, then the review.
    assert shows(window, "Passo 5 di 6")
    tap(qtbot, window, "Avanti ›")
    assert error_of(window, "dich_445") == (
        "⚠  Per andare avanti devi confermare questa dichiarazione."
    )
    tap_named(qtbot, window, "confirm_dich_445")
    tap_named(qtbot, window, "confirm_privacy")
    tap(qtbot, window, "Avanti ›")
    assert shows(window, "Passo 6 di 6") and shows(window, "Controlla le risposte e invia")
    assert shows(window, "Codice fiscale: FRRNNA41A63E592W")
    assert shows(window, "Saldo di tutti i conti del nucleo al 31 dicembre: € 1.200")
    assert shows(window, "In base alle tue risposte sembri avere i requisiti.")
    snap(window, "review")
    tap(qtbot, window, "Invia la domanda")

    # Saved at once; the platform gives the protocol number; the receipt prints with it.
    qtbot.waitUntil(lambda: shows(window, "La tua domanda è stata registrata"), timeout=10_000)
    assert "apply" not in window.ctx.citizen.drafts and not window.ctx.citizen.drafts
    qtbot.waitUntil(lambda: shows(window, "Numero di protocollo: PROT-"), timeout=15_000)
    qtbot.waitUntil(lambda: shows(window, "Stampato"), timeout=15_000)
    snap(window, "done-printed")
    window.refresh()  # a sync that brought a change (this application's state, say)
    assert shows(window, "Numero di protocollo: PROT-")  # the number stays in view
    [stored] = [s for s in central.platform.submissions() if s.kind == "application"]
    assert stored.status == "accepted" and stored.server_id.startswith("PROT-")
    answers = stored.payload["answers"]
    assert answers["cf"] == CF_RIGHT and answers["cognome"] == "Ferraro"
    assert [m["nome_cognome"] for m in answers["membri"]] == ["Anna Ferraro", "Matteo Bianchi"]
    assert answers["patrimonio"] == 120000 and answers["sostegni_importo"] == 65000
    assert answers["telefono"] == "+393471234567" and answers["n_minori"] == 1
    code = stored.payload["tracking_code"]
    assert shows(window, f"Il tuo codice di verifica: {code}")
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5_000)
    receipt = decode(printer.jobs[0])
    text = "\n".join(receipt.texts)
    assert code in text and stored.server_id in text
    assert "Ferraro" not in text  # the slip waits on disk: it names nobody
    assert "Il numero di protocollo viene assegnato" not in text
    assert receipt.qr_payloads == [code]
    printer_rounds(qtbot, backend)
    assert len(printer.jobs) == 1 and len(central.platform.submissions()) == 1

    # Later the Comune asks for a document; the citizen checks with receipt and card.
    note = {
        "it": "Porta l'ISEE 2026 all'Ufficio Servizi Sociali entro il 15 dicembre.",
        "en": "Bring your 2026 ISEE to the Social Services office by 15 December.",
    }
    central.platform.set_application_status(stored.server_id, "needs_documents", note)
    backend.sync.worker.wake()
    qtbot.waitUntil(lambda: mirrored_state(backend) == "needs_documents", timeout=15_000)
    tap(qtbot, window, "Fatto")
    tap(qtbot, window, "Ho finito")
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "A che punto è la mia domanda?")
    fill(qtbot, window, "tracking", code.lower().replace("-", " "))
    fill(qtbot, window, "status_cf", CF_WRONG)
    tap(qtbot, window, "Cerca")
    assert shown(window, QWidget, "error_status_cf").text() == (
        "⚠  Il codice fiscale non è valido: una lettera o una cifra è sbagliata,"
        " confrontalo con la tessera sanitaria."
    )
    fill(qtbot, window, "status_cf", "BNCMTT15B19G224I")  # valid, but not the applicant
    tap(qtbot, window, "Cerca")
    qtbot.waitUntil(lambda: shows(window, "Nessuna domanda corrisponde"), timeout=5_000)
    fill(qtbot, window, "status_cf", CF_RIGHT)
    tap(qtbot, window, "Cerca")
    qtbot.waitUntil(lambda: shows(window, "Il Comune ha bisogno di altri documenti"))
    assert shows(window, f"Numero di protocollo: {stored.server_id}")
    assert shows(window, note["it"]) and shows(window, "Buoni spesa – solidarietà alimentare")
    snap(window, "status-it")
    window.ctx.switcher.set_language("en")
    qtbot.waitUntil(lambda: shows(window, "The Comune needs more documents"))
    assert shows(window, note["en"])
    snap(window, "status-en")


def mirrored_state(backend: Backend) -> str | None:
    from sqlalchemy import select

    from store.models import ApplicationStatus

    with backend.store.read() as session:
        return session.scalar(select(ApplicationStatus.state))


def test_offline_the_receipt_prints_at_once_without_the_protocol_number(
    qtbot, qapp, tmp_path: Path, printer: FakePrinter
) -> None:
    settings = (
        f'[printer]\nconnection = "network"\nhost = "127.0.0.1"\nport = {printer.port}\n'
        'status_timeout_ms = 300\n[sync]\nplatform_url = "http://127.0.0.1:9"\n'
        'enrollment_code = "code"\ninterval_s = 3600\nconnect_timeout_s = 1\n'
    )
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path, settings))
    try:
        qtbot.waitUntil(lambda: "Senza rete" in window.sync_badge.text(), timeout=15_000)
        screen = prefilled(window, page=5)
        assert isinstance(screen, ApplyScreen)
        tap(qtbot, window, "Invia la domanda")
        qtbot.waitUntil(lambda: shows(window, "Il Social Point non è collegato"), timeout=10_000)
        qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5_000)
        text = "\n".join(decode(printer.jobs[0]).texts)
        assert "Il numero di protocollo viene assegnato" in text and "PROT-" not in text
        code = screen.wizard.submitted.tracking_code  # type: ignore[union-attr]
        assert code in text
        qtbot.waitUntil(lambda: shows(window, "Stampato"))
        tap(qtbot, window, "Fatto")
        window.go("status")  # asked at once: saved here, not yet sent
        fill(qtbot, window, "tracking", code)
        fill(qtbot, window, "status_cf", CF_RIGHT)
        tap(qtbot, window, "Cerca")
        qtbot.waitUntil(lambda: shows(window, "Registrata in questo Social Point"))
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()


def test_every_page_of_the_wizard_in_italian_and_english(qtbot, window, snap) -> None:
    titles = []
    for page in range(6):
        screen = prefilled(window, page=page)
        for lang in ("it", "en"):
            window.ctx.switcher.set_language(lang)
            progress = f"Passo {page + 1} di 6" if lang == "it" else f"Step {page + 1} of 6"
            qtbot.waitUntil(lambda p=progress, s=screen: s.progress.text() == p)
            titles.append(screen.page_title.text())
            snap(window, f"page-{page + 1}-{lang}")
        window.ctx.switcher.set_language("it")
    assert titles[:4] == [
        "Chi fa la domanda",
        "Who is applying",
        "Dove abiti e come contattarti",
        "Where you live and how to reach you",
    ]
    assert titles[-2:] == ["Controlla le risposte e invia", "Check your answers and send"]
    prefilled(window, page=2)
    tap(qtbot, window, "+ Aggiungi una persona")
    snap(window, "person-it")
    window.ctx.switcher.set_language("en")
    qtbot.waitUntil(lambda: shows(window, "Person 3") and shows(window, "Save this person"))
    snap(window, "person-en")
    window.ctx.switcher.set_language("it")


def test_a_draft_is_kept_for_the_visit_and_forgotten_when_the_kiosk_is_left_alone(
    qtbot, window
) -> None:
    screen = prefilled(window, page=0)
    shown(window, QLineEdit, "input_cognome").setText("Ferraro-Bianchi")
    tap(qtbot, window, "⌂ Inizio")  # the citizen looks at something else...
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Fai domanda qui")  # ...and comes back: nothing is lost
    opened(window)
    assert shown(window, QLineEdit, "input_cognome").text() == "Ferraro-Bianchi"
    assert window.ctx.citizen.drafts["bs-piazzola"].answers["cognome"] == "Ferraro-Bianchi"
    window.visits.countdown_s = 1  # configured: 90 s without a touch, then 20 s of countdown
    window.idle.timer.setInterval(300)
    window.idle.timer.start()
    qtbot.waitUntil(lambda: shows(window, "Sei ancora lì?"), timeout=3_000)
    qtbot.waitUntil(lambda: window.current_route == "home", timeout=3_000)
    assert window.ctx.citizen.drafts == {} and screen.draft is None
    # The old page's widgets go with the event loop's next deferred deletions.
    qtbot.waitUntil(
        lambda: [w for w in window.findChildren(QLineEdit) if "Ferraro" in w.text()] == []
    )
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Fai domanda qui")
    opened(window)
    tap(qtbot, window, "Ho letto, continua")  # the privacy notice first
    assert shown(window, QLineEdit, "input_cognome").text() == ""


def close_the_call(central: Central) -> None:
    """The platform closes the buoni spesa call: it closed yesterday."""
    closes = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    call = central.platform.records("calls")["bs-piazzola"]
    opens = (closes - timedelta(days=30)).isoformat()
    central.platform.publish("calls", {**call, "opens_at": opens, "closes_at": closes.isoformat()})


def test_an_application_the_platform_refuses_says_so_not_that_a_number_is_coming(
    qtbot, kiosk, central: Central, snap
) -> None:
    """The call closed on the platform while the citizen filled the form in: the
    application is saved and sent, the platform refuses it, and the screen says so
    (it kept saying "The Comune is giving it a protocol number…")."""
    window, _backend = kiosk
    screen = prefilled(window, page=5)
    assert isinstance(screen, ApplyScreen)
    close_the_call(central)
    tap(qtbot, window, "Invia la domanda")
    qtbot.waitUntil(lambda: shows(window, "La tua domanda è stata registrata"), timeout=10_000)
    refused = "La piattaforma del Comune non ha potuto accettarla."
    qtbot.waitUntil(lambda: shows(window, refused), timeout=15_000)
    assert not shows(window, "Il Comune le sta assegnando il numero di protocollo")
    snap(window, "done-refused")
    [stored] = [s for s in central.platform.submissions() if s.kind == "application"]
    assert (stored.status, stored.code) == ("rejected", "call_closed")


def test_a_call_that_closed_while_the_form_was_filled_is_not_sent_nor_printed(
    qtbot, kiosk, central: Central, printer: FakePrinter, snap
) -> None:
    """The sync brought the call closed while the citizen filled the form in: Send
    queues nothing and prints no receipt for a refusal to come; the page says the call
    may have just closed and that the welfare manager can help."""
    from sqlalchemy import func, select

    from store.models import Call, OutboxEntry, PrintJob

    window, backend = kiosk
    screen = prefilled(window, page=5)
    assert isinstance(screen, ApplyScreen)
    close_the_call(central)

    def closed_here() -> bool:
        with backend.store.read() as session:
            row = session.get(Call, "bs-piazzola")
            return row is not None and row.closes_at < datetime.now(UTC)

    backend.sync.worker.wake()
    qtbot.waitUntil(closed_here, timeout=15_000)
    tap(qtbot, window, "Invia la domanda")
    qtbot.waitUntil(lambda: shows(window, "Forse è appena scaduto"), timeout=10_000)
    snap(window, "call-gone")
    with backend.store.read() as session:
        applications = select(func.count()).where(OutboxEntry.kind == "application")
        assert session.scalar(applications) == 0
        assert session.scalar(select(func.count()).select_from(PrintJob)) == 0
    assert "bs-piazzola" not in window.ctx.citizen.drafts


def test_the_next_citizens_language_after_a_call_that_could_not_open(qtbot, window) -> None:
    """A call closed as the citizen was about to send: the page says so. The visit
    ends, the page is cleared, and the next citizen's language set the text of that
    deleted label again: the kiosk died (a segmentation fault outside the tests)."""
    screen = prefilled(window, page=5)
    screen.show_call_gone()
    assert screen.unavailable is not None and screen.unavailable.isVisible()
    window.visits.end()
    qtbot.wait(50)  # the cleared page's widgets are deleted by the event loop
    for lang in ("en", "ar", "it"):
        window.ctx.switcher.set_language(lang)
        qtbot.wait(20)
    assert screen.unavailable is None
    assert window.current_route == "home"
