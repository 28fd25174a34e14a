# SPDX-License-Identifier: EUPL-1.2
"""Manager mode on the touchscreen, as a welfare manager uses it: the hidden way in, the
keypad login, the dashboard and its actions, the assisted session, leaving the kiosk.
Against the reference platform over loopback HTTP and the recording TCP printer."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from sqlalchemy import select, update

from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.manager_desk import ManagerDeskScreen
from store import outbox
from store.models import OutboxEntry
from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import choose_language, key_in, log_in, prefilled, shows, tap
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.sync.conftest import Central
from tests.sync.disk_faults import ReadOnlyDisk

# A login hashes the PIN with scrypt at 64 MiB (a fifth of a second on an idle core):
# on a busy test machine allow it a while.
LOGIN_S = 15_000


def long_press_name(qtbot, window: MainWindow, hold_ms: int) -> None:  # type: ignore[no-untyped-def]
    target = window.name_label
    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.wait(hold_ms)
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def close_print_panel(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: shows(window, "Fatto"), timeout=5_000)
    tap(qtbot, window, "Fatto")


def printed_texts(printer: FakePrinter, count: int, qtbot) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(printer.jobs) >= count, timeout=10_000)
    return "\n".join(decode(printer.jobs[count - 1]).texts)


def test_the_hidden_way_in_and_the_keypad_login(qtbot, kiosk, snap) -> None:  # type: ignore[no-untyped-def]
    window, _backend = kiosk
    long_press_name(qtbot, window, 300)  # a short touch does nothing
    assert window.current_route == "home"
    started = time.monotonic()
    QTest.mousePress(window.name_label, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: window.current_route == "manager_login", timeout=10_000)
    assert time.monotonic() - started >= 2.9  # held for the 3 seconds
    QTest.mouseRelease(window.name_label, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert shows(window, "Accesso welfare manager")
    snap(window, "login-it")

    key_in(qtbot, window, "1001")
    key_in(qtbot, window, "999999")
    qtbot.waitUntil(lambda: shows(window, "Tentativi rimasti: 4"), timeout=5_000)
    assert window.manager is None
    snap(window, "login-wrong-pin")
    choose_language(qtbot, window, "English")
    qtbot.waitUntil(lambda: shows(window, "Welfare manager access"))
    snap(window, "login-en")
    choose_language(qtbot, window, "Italiano")

    key_in(qtbot, window, "246810")  # the PIN field is still the one being typed
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    assert window.manager is not None and shows(window, "Silvia Demo")
    qtbot.waitUntil(lambda: shows(window, "Ultima sincronizzazione riuscita"), timeout=5_000)
    assert shows(window, "Nessun rifiuto.")
    snap(window, "dashboard-it")

    tap(qtbot, window, "⌂ Inizio")  # leaving the dashboard logs out
    assert window.manager is None and window.current_route == "home"


def test_five_wrong_pins_lock_the_code(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    window, _backend = kiosk
    window.manager_mode.open_area()
    key_in(qtbot, window, "1001")
    screen = window.screens["manager_login"]
    for _attempt in range(5):
        key_in(qtbot, window, "111111")
        qtbot.waitUntil(lambda: not screen.waiting, timeout=5_000)  # type: ignore[attr-defined]
    assert shows(window, "Troppi PIN errati: questo codice è bloccato fino alle")
    key_in(qtbot, window, "246810")  # the right PIN, but too late
    qtbot.waitUntil(lambda: not screen.waiting, timeout=5_000)  # type: ignore[attr-defined]
    assert window.manager is None and shows(window, "bloccato")


def test_the_dashboard_shows_what_needs_a_hand_and_acts_on_it(
    qtbot, kiosk, printer: FakePrinter, central: Central, snap
) -> None:
    window, backend = kiosk
    # A citizen's application the platform refuses (its form changed in the meantime).
    prefilled(window, page=5)
    tap(qtbot, window, "Invia la domanda")
    text = printed_texts(printer, 1, qtbot)
    with backend.store.write() as session:
        outbox.add(
            session,
            "application",
            {
                "call": "bs-piazzola",
                "form": "x",
                "form_sha256": "0" * 64,
                "tracking_code": "DOM-REFA-STAT",
                "answers": {"nome": "Anna", "cognome": "Ferraro", "telefono": "347 123 4567"},
            },
        )
    window.visits.end()
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    tap(qtbot, window, "Sincronizza ora")
    qtbot.waitUntil(lambda: shows(window, "Rifiutati dalla piattaforma: 1"), timeout=10_000)
    assert shows(window, "Numero sulla ricevuta del cittadino: DOM-REFA-STAT")
    assert shows(window, "Chiama Anna Ferraro al 347 123 4567")
    # The platform's code in the manager's words, never its English.
    assert shows(window, "Perché: il modulo usato non è quello che il bando usa ora.")
    assert not shows(window, "does not use form") and not shows(window, "wrong_form")
    assert shows(window, "rifai la domanda con lui sul modulo che il bando usa ora")
    snap(window, "dashboard-refused")
    choose_language(qtbot, window, "English")
    qtbot.waitUntil(lambda: shows(window, "Refused by the platform: 1"))
    snap(window, "dashboard-en")
    choose_language(qtbot, window, "Italiano")

    # Reprint the receipt: the same slip, marked DUPLICATO.
    assert "DUPLICATO" not in text
    [reprint] = [
        b for b in window.findChildren(type(window.back_button), "reprintSlip") if b.isVisible()
    ]
    qtbot.mouseClick(reprint, Qt.MouseButton.LeftButton)
    copy = printed_texts(printer, 2, qtbot)
    assert "DUPLICATO" in copy and "RICEVUTA DI" in copy and "Ferraro" not in copy
    close_print_panel(qtbot, window)

    tap(qtbot, window, "Stampa pagina di prova")
    assert "PAGINA DI PROVA" in printed_texts(printer, 3, qtbot).upper()
    close_print_panel(qtbot, window)

    tap(qtbot, window, "Stampa il riepilogo del giorno")
    report = printed_texts(printer, 4, qtbot)
    assert "RIEPILOGO GIORNALIERO" in report
    assert any(
        line.startswith("Domande presentate") and line.endswith(" 2")
        for line in report.splitlines()
    )
    assert any(
        line.startswith("Rifiutati dalla piattaforma") and line.endswith(" 1")
        for line in report.splitlines()
    )
    assert any(  # the receipt printed again above: a copy, apart from what was made
        line.startswith("Ricevute ristampate") and line.endswith(" 1")
        for line in report.splitlines()
    )
    assert "Ferraro" not in report and "Anna" not in report  # no personal data
    close_print_panel(qtbot, window)

    # Dealt with: off the dashboard, and the platform hears how.
    tap(qtbot, window, "Segna come gestito")
    tap(qtbot, window, "Il cittadino è stato avvisato")
    qtbot.waitUntil(lambda: shows(window, "Rifiutati dalla piattaforma: 0"), timeout=5_000)
    assert not shows(window, "DOM-REFA-STAT")
    snap(window, "dashboard-refusal-dealt-with")

    def told() -> list[dict[str, object]]:
        return [
            s.payload
            for s in central.platform.submissions()
            if s.kind == "event" and (s.payload or {}).get("type") == "refusal_dealt_with"
        ]

    qtbot.waitUntil(lambda: len(told()) == 1, timeout=10_000)
    [event] = told()
    assert (event["code"], event["outcome"], event["operator"]) == (
        "wrong_form",
        "citizen_told",
        "1001",
    )


def test_sync_now_brings_a_published_change_at_once(qtbot, kiosk, central: Central) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    service = dict(central.platform.records("services")["s01"])
    service["title"] = {"it": "Servizio appena cambiato", "en": "A service just changed"}
    central.platform.publish("services", service)
    tap(qtbot, window, "Sincronizza ora")  # the worker would wait an hour (interval_s)
    assert shows(window, "Sincronizzazione avviata")

    def title() -> str:
        detail = backend.catalog.service("s01")
        return detail.title["it"] if detail else ""

    qtbot.waitUntil(lambda: title() == "Servizio appena cambiato", timeout=10_000)


def test_an_assisted_session_marks_what_is_made_and_ends_back_at_the_login(
    qtbot, kiosk, printer: FakePrinter, central: Central, snap
) -> None:
    window, _backend = kiosk
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    tap(qtbot, window, "Inizia una sessione assistita")
    assert window.current_route == "home" and shows(window, "Assistenza di Silvia Demo")
    snap(window, "assisted-home")

    prefilled(window, page=5)
    tap(qtbot, window, "Invia la domanda")
    receipt = printed_texts(printer, 1, qtbot)
    assert "Assistito da" in receipt and "Silvia Demo" in receipt

    def assisted_on_the_platform() -> bool:
        return any(s.payload.get("assisted_by") == "1001" for s in central.platform.submissions())

    qtbot.waitUntil(assisted_on_the_platform, timeout=10_000)
    kinds = {(s.kind, (s.payload or {}).get("type")) for s in central.platform.submissions()}
    assert ("event", "assisted_session") in kinds  # the platform learns of the session
    [application] = [s for s in central.platform.submissions() if s.kind == "application"]
    assert application.payload["channel"] == "kiosk_assisted"

    close_print_panel(qtbot, window)
    tap(qtbot, window, "Termina assistenza")
    assert shows(window, "Terminare l'assistenza?")  # one tap too many forgets nothing
    assert window.ctx.citizen.assisted_by is not None
    snap(window, "end-assisted-question")
    tap(qtbot, window, "No, continua")
    assert window.ctx.citizen.assisted_by is not None
    tap(qtbot, window, "Termina assistenza")
    tap(qtbot, window, "Sì, termina")  # the dashboard again only with the PIN
    assert window.current_route == "manager_login" and window.manager is not None
    assert not window.ctx.citizen.drafts and window.ctx.citizen.assisted_by is None
    assert not shows(window, "Assistenza di")


def test_a_manager_left_alone_is_logged_out(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    window, _backend = kiosk
    # Two seconds: long enough to see the dashboard on a busy machine, short for a test.
    window.manager_mode.idle_s = 2  # configured: 180 s
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    assert window.idle is not None and window.idle.timer.interval() == 2_000
    qtbot.waitUntil(lambda: window.manager is None, timeout=8_000)
    assert window.current_route == "home"
    assert window.idle.timer.interval() == 90_000  # the citizens' wait again
    desk = window.screens["manager"]
    assert isinstance(desk, ManagerDeskScreen) and desk.manager is None


def test_only_a_manager_can_close_the_kiosk(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    window, _backend = kiosk
    window.locked = True  # as in full screen
    window.close()
    assert window.isVisible()  # Alt+F4 from a citizen does nothing
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    tap(qtbot, window, "Chiudi il totem per manutenzione")
    assert shows(window, "Tocca di nuovo per chiudere il totem") and window.locked
    controller = next(c for c in window.children() if type(c).__name__ == "ManagerController")
    with qtbot.waitSignal(controller.maintenance_requested, timeout=2_000):
        tap(qtbot, window, "Tocca di nuovo per chiudere il totem")
    assert not window.locked


def test_old_unsent_data_raises_the_alert_on_the_dashboard(
    qtbot, qapp, tmp_path: Path, snap
) -> None:
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path))  # no platform
    try:
        with backend.store.write() as session:
            outbox.add(session, "application", {"call": "bs-piazzola", "answers": {}})
            session.execute(
                update(OutboxEntry).values(created_at=outbox.utcnow() - timedelta(days=8))
            )
        log_in(qtbot, window)
        qtbot.waitUntil(
            lambda: shows(window, "Dati personali in attesa da troppo tempo"), timeout=5_000
        )
        assert shows(window, "Questo totem non è collegato a una piattaforma.")
        assert shows(window, "Dati in attesa di invio: 1")
        snap(window, "dashboard-overdue")
        with backend.store.read() as session:
            assert session.scalar(select(OutboxEntry.state)) == "pending"  # never dropped
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()


def test_a_disk_that_takes_no_writes_is_explained_to_the_manager(qtbot, kiosk, snap) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    disk = ReadOnlyDisk(backend.store)
    disk.on = True
    tap(qtbot, window, "Sincronizza ora")
    qtbot.waitUntil(lambda: shows(window, "non riesce a salvare sul suo disco"), timeout=10_000)
    assert shows(window, "Dettaglio: attempt to write a readonly database")
    snap(window, "dashboard-disk-fails")
    choose_language(qtbot, window, "English")
    qtbot.waitUntil(lambda: shows(window, "The kiosk cannot save to its disk"), timeout=5_000)
    snap(window, "dashboard-disk-fails-en")
    choose_language(qtbot, window, "Italiano")
    qtbot.waitUntil(lambda: shows(window, "non riesce a salvare sul suo disco"), timeout=5_000)
    disk.on = False
    tap(qtbot, window, "Sincronizza ora")
    qtbot.waitUntil(lambda: not shows(window, "non riesce a salvare"), timeout=10_000)
    # The dashboard redraws by hiding its old cards and deleting them on the event loop's
    # next turn (a card may be the sender of the tap being handled): until that turn the
    # hidden old label is still a child. Wait for the deletion, not for luck.
    assert not [lbl for lbl in window.findChildren(QLabel, "syncProblem") if lbl.isVisible()]
    qtbot.waitUntil(lambda: not window.findChildren(QLabel, "syncProblem"), timeout=5_000)


def test_a_revoked_kiosk_tells_its_manager_why(qtbot, kiosk, central: Central, snap) -> None:  # type: ignore[no-untyped-def]
    window, _backend = kiosk
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    [device] = central.platform.devices()
    central.platform.revoke_device(device.id, "chiosco sostituito il 3 dicembre")
    tap(qtbot, window, "Sincronizza ora")
    qtbot.waitUntil(
        lambda: shows(window, "La piattaforma ha disattivato questo totem"), timeout=10_000
    )
    assert shows(window, "chiosco sostituito il 3 dicembre")  # the platform's reason
    assert not shows(window, "Traceback") and not shows(window, "403")
    snap(window, "dashboard-revoked")


def test_paper_near_its_end_and_slips_dealt_with_on_the_dashboard(
    qtbot, kiosk, printer: FakePrinter, snap
) -> None:  # type: ignore[no-untyped-def]
    from printing import print_queue
    from printing.slip import Slip, Text
    from store.models import PrintJob

    window, backend = kiosk
    printer.mode = "near_end"
    with backend.store.write() as session:
        cut_off = print_queue.add(
            session, Slip("Ricevuta", (Text("PR-0042"),)), "receipt", "PR-0042"
        )
        session.flush()
        session.execute(
            update(PrintJob)
            .where(PrintJob.uuid == cut_off)
            .values(state="uncertain", bytes_sent=120)
        )
    backend.printing.worker.wake()
    qtbot.waitUntil(
        lambda: backend.printing.worker.last.printer.value == "paper_low", timeout=10_000
    )
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    qtbot.waitUntil(lambda: shows(window, "Il rotolo di carta sta per finire"), timeout=5_000)
    assert shows(window, "Stampe da verificare: 1") and shows(window, "PR-0042")
    snap(window, "dashboard-paper-low")
    with backend.store.read() as session:
        alerts = [e.payload for e in session.scalars(select(OutboxEntry)) if e.kind == "event"]
    assert {"type": "printer_alert", "state": "paper_low"} in alerts
    [done] = [
        b for b in window.findChildren(type(window.back_button), "dealtWith") if b.isVisible()
    ]
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shows(window, "Stampe da verificare: 0"), timeout=5_000)
    assert not shows(window, "PR-0042 —")
    snap(window, "dashboard-dealt-with")
    assert printer.jobs == []  # dealing with a slip prints nothing


def test_a_platform_record_the_kiosk_cannot_use_is_shown_set_aside(
    qtbot, kiosk, central: Central, snap
) -> None:  # type: ignore[no-untyped-def]
    from tests.sync.helpers import inject

    window, _backend = kiosk
    service = central.platform.records("services")["s01"]
    inject(central.platform, "services", "s01", {**service, "title": {"it": "Baby\x07sitter"}})
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=5_000)
    tap(qtbot, window, "Sincronizza ora")
    qtbot.waitUntil(
        lambda: shows(window, "Record della piattaforma messi da parte: 1"), timeout=10_000
    )
    assert shows(window, "services s01")
    assert shows(window, "Motivo: services s01: title.it: ")  # and what is wrong with it
    assert shows(window, "In linea") and not shows(window, "Non in linea")
    snap(window, "dashboard-set-aside")


def test_a_kiosk_clock_off_by_minutes_is_shown_to_the_manager(
    qtbot, kiosk, central: Central, snap, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.sync.helpers import move_kiosk_clock

    window, _backend = kiosk
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=5_000)
    assert not shows(window, "L'orologio del totem è sbagliato")
    move_kiosk_clock(monkeypatch, timedelta(minutes=-12))
    tap(qtbot, window, "Sincronizza ora")
    qtbot.waitUntil(lambda: shows(window, "L'orologio del totem è sbagliato"), timeout=10_000)
    assert shows(window, "indietro di 12 minuti rispetto a quello della piattaforma")
    snap(window, "dashboard-clock-off")
