# SPDX-License-Identifier: EUPL-1.2
"""What a walk-through of the application form on the panel found: the keyboard after
Back, discarding a person, the applicant in the household, exclusive answers, the
privacy notice, and the end of the visit."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from kiosk.core.apply_wizard import Step
from kiosk.core.applying import Submitted
from kiosk.ui.widgets.form_fields import ChoiceField, field_widget
from tests.kiosk.people import find_button, opened, prefilled, shown, shows, tap, tap_named


def test_back_from_a_person_leaves_no_keyboard_without_a_field(qtbot, window) -> None:
    screen = prefilled(window, page=2)
    tap(qtbot, window, "+ Aggiungi una persona")
    qtbot.mouseClick(shown(window, QLineEdit, "input_nome_cognome"), Qt.MouseButton.LeftButton)
    assert screen.keyboard.isVisible()
    for key in ("key_76", "key_85", "key_67", "key_65"):  # L U C A
        tap_named(qtbot, screen.keyboard, key)
    tap(qtbot, screen.keyboard, "Chiudi")
    assert not screen.keyboard.isVisible()
    tap(qtbot, window, "‹ Indietro")
    if screen.discard.isVisible():  # it asks first: yes, discard
        tap(qtbot, window, "Sì, annulla")
    qtbot.waitUntil(lambda: not shows(window, "Salva questa persona"))
    qtbot.wait(50)  # the old page's fields go with the next deferred deletions
    assert not screen.keyboard.isVisible()
    # A key tapped now types nowhere, and raises nothing.
    with qtbot.captureExceptions() as raised:
        screen.keyboard._type("x")
        screen.keyboard._erase()
    assert raised == []


def test_leaving_a_person_with_answers_asks_first(qtbot, window, snap) -> None:
    screen = prefilled(window, page=2)
    members = len(screen.draft.answers["membri"])
    tap(qtbot, window, "+ Aggiungi una persona")
    shown(window, QLineEdit, "input_nome_cognome").setText("Luca Verdi")
    tap(qtbot, window, "Annulla")
    assert shows(window, "Annullare questa persona?")
    snap(window, "discard-person")
    tap(qtbot, window, "No, continua")
    assert shown(window, QLineEdit, "input_nome_cognome").text() == "Luca Verdi"
    tap(qtbot, window, "‹ Indietro")
    assert shows(window, "Annullare questa persona?")
    tap(qtbot, window, "Sì, annulla")
    assert not shows(window, "Salva questa persona")
    assert len(screen.draft.answers["membri"]) == members
    # Nothing typed: nothing to lose, no question.
    tap(qtbot, window, "+ Aggiungi una persona")
    tap(qtbot, window, "Annulla")
    assert not screen.discard.isVisible() and not shows(window, "Salva questa persona")


def test_finish_ends_the_visit_and_the_next_person_starts_afresh(qtbot, window) -> None:
    screen = prefilled(window, page=5)
    screen.wizard.step = Step.SENDING
    screen.show_submitted(Submitted("u1", "TRK-ABCD-1234", "job1"))
    screen.show_protocol("PROT-2026-000017", True)
    assert shows(window, "TRK-ABCD-1234") and shows(window, "PROT-2026-000017")
    window.ctx.citizen.language = "it"
    tap(qtbot, window, "Ho finito")
    assert window.current_route == "home"
    assert not window.ctx.citizen.active
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Fai domanda qui")
    opened(window)
    tap(qtbot, window, "Ho letto, continua")  # the privacy notice first
    assert shows(window, "Passo 1 di 6")
    assert not shows(window, "TRK-ABCD-1234") and not shows(window, "PROT-2026-000017")


def test_a_confirmation_left_on_screen_is_not_shown_to_the_next_person(qtbot, window) -> None:
    screen = prefilled(window, page=5)
    screen.wizard.step = Step.SENDING
    screen.show_submitted(Submitted("u1", "TRK-ABCD-1234", "job1"))
    tap(qtbot, window, "⌂ Inizio")  # left without "Ho finito"
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Fai domanda qui")
    opened(window)
    tap(qtbot, window, "Ho letto, continua")  # the privacy notice first
    assert shows(window, "Passo 1 di 6") and not shows(window, "TRK-ABCD-1234")
    assert [w for w in window.findChildren(QWidget, "trackingCode") if w.isVisible()] == []


def test_an_exclusive_answer_rules_out_the_others_and_several_are_announced(
    qtbot, window, snap
) -> None:
    screen = prefilled(window, page=3)
    field = screen.widgets["sostegni"]
    assert field.help.isVisible() and "Puoi sceglierne più di una." in field.help.text()
    tap(qtbot, window, "Nessuno")
    assert field.value() == ["nessuno"]
    tap(qtbot, window, "Pensione")  # "Nessuno" goes by itself
    assert field.value() == ["pensione"]
    tap(qtbot, window, "NASpI (disoccupazione)")
    assert field.value() == ["naspi", "pensione"]
    tap(qtbot, window, "Nessuno")  # the others go
    assert field.value() == ["nessuno"]
    snap(window, "exclusive-answer")


def test_an_answer_given_twice_in_a_published_form_shows_chosen_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    # A form published before two answers of one value were refused: both showed chosen
    # when the page was drawn again, and a multi choice then held the value twice.
    choices = {
        "c": [
            {"value": "a", "label": {"it": "Uno"}},
            {"value": "a", "label": {"it": "Due"}},
            {"value": "b", "label": {"it": "Tre"}},
        ]
    }
    for kind, chosen in (("choice", "a"), ("multi_choice", ["a"])):
        item = {"name": "x", "type": kind, "label": {"it": "X"}, "choices": "c"}
        field = field_widget(item, choices, [], lambda _item, _value: "")
        assert isinstance(field, ChoiceField)
        qtbot.addWidget(field)
        field.retranslate("it")
        field.buttons[1].click()
        assert field.value() == chosen
        field.set_value(field.value())  # the page drawn again
        assert [b.isChecked() for b in field.buttons].count(True) == 1
        assert field.value() == chosen


def test_the_review_reads_questions_and_answers_without_stray_signs(qtbot, window, snap) -> None:
    from PySide6.QtWidgets import QLabel

    prefilled(window, page=5)
    lines = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    assert any(line.startswith("Quali aiuti pubblici ricevete? ") for line in lines)
    assert not [line for line in lines if "?:" in line or ".:" in line]
    prefilled(window, page=1)  # a label that says it is optional is not told so again
    assert shows(window, "E-mail (se ce l'hai)")
    assert not shows(window, "(se ce l'hai) (facoltativo)")


def test_the_shift_key_shows_whether_it_is_on(qtbot, window, snap) -> None:
    screen = prefilled(window, page=0)
    shown(window, QLineEdit, "input_cognome").setText("")
    qtbot.mouseClick(shown(window, QLineEdit, "input_cognome"), Qt.MouseButton.LeftButton)
    keyboard = screen.keyboard
    assert keyboard.shift.isChecked()  # a name starts with a capital
    assert shown(keyboard, QPushButton, "key_70").text() == "F"
    snap(window, "keyboard-shift-on")
    tap_named(qtbot, keyboard, "key_70")  # F, then lower case
    assert not keyboard.shift.isChecked()
    assert shown(keyboard, QPushButton, "key_69").text() == "e"  # as it will type
    snap(window, "keyboard-shift-off")


def test_the_household_starts_with_the_applicant_and_a_removal_stays(qtbot, window) -> None:
    screen = prefilled(window, page=1)
    del screen.draft.answers["membri"]  # nobody in the household yet
    tap(qtbot, window, "Avanti ›")
    assert shows(window, "Passo 3 di 6") and shows(window, "Anna Ferraro · 23/01/1941")
    assert not shows(window, "Aggiungi almeno 1")
    [applicant] = screen.draft.answers["membri"]
    assert applicant["cf_membro"].upper() == "FRRNNA41A63E592W" and applicant["relazione"] == "dich"
    tap(qtbot, window, "Togli")
    tap(qtbot, window, "Tocca ancora per togliere")
    tap(qtbot, window, "‹ Indietro")
    tap(qtbot, window, "Avanti ›")
    assert not shows(window, "Anna Ferraro")  # removed by the citizen: not put back


def test_the_call_is_read_on_a_worker_thread_while_the_screen_stays_live(
    qtbot, window, monkeypatch
) -> None:
    from kiosk.ui.screens import apply as apply_screen

    readers: list[threading.Thread] = []
    go_on = threading.Event()
    real = apply_screen.read_call

    def slow_read(*args: Any) -> Any:  # a large form on a slow card
        readers.append(threading.current_thread())
        go_on.wait(10)
        return real(*args)

    monkeypatch.setattr(apply_screen, "read_call", slow_read)
    window.go("calls")
    window.go("apply", {"call_id": "bs-piazzola"})
    screen = window.screens["apply"]
    qtbot.waitUntil(lambda: readers != [])
    assert screen.step == Step.LOADING  # the UI thread did not wait for the read
    assert readers[0] is not threading.main_thread()
    go_on.set()
    opened(window)
    assert shows(window, "Ho letto, continua") and "bs-piazzola" in window.ctx.citizen.drafts


def test_the_review_shows_the_amount_and_what_is_missing_under_its_part(
    qtbot, window, snap
) -> None:
    screen = prefilled(window, page=5)
    # Anna and Matteo (a minor): 100 € + 100 € + 50 €, from the call's own formula.
    assert shows(window, "In base alle tue risposte l'importo sarebbe di € 250,00.")
    assert find_button(window, "Invia la domanda").isEnabled()
    snap(window, "review-top")
    screen.area.ensureWidgetVisible(shown(window, QLabel, "amountHint"))
    snap(window, "review-amount")
    window.ctx.switcher.set_language("en")  # the answers are read back in the new language
    qtbot.waitUntil(lambda: shows(window, "Phone: +393471234567"))
    assert shows(window, "From your answers the amount would be €250.00.")
    window.ctx.switcher.set_language("it")
    assert screen.draft is not None
    del screen.draft.answers["telefono"]
    window.go("calls")
    window.go("apply", {"call_id": "bs-piazzola"})
    opened(window)
    assert shows(window, "⚠  Telefono: Questa risposta è obbligatoria.")
    assert not shows(window, "l'importo sarebbe")  # no amount for answers still missing
    assert not find_button(window, "Invia la domanda").isEnabled()
    snap(window, "review-missing")
    tap_named(qtbot, window, "change_contatti")
    assert shows(window, "Passo 2 di 6") and shows(window, "Dove abiti e come contattarti")
