# SPDX-License-Identifier: EUPL-1.2
"""The dashboard only for whoever just typed a manager's PIN (README, "Manager mode").

During an assisted session the manager may step away (the reason a desk payment asks
for the PIN again): the long press on the Social Point's name, the citizen's "Finish"
and "End assisted session" lead to the login, never to an open dashboard; a reprint or
a citizen's wallet PIN wants a PIN typed in the last minutes; and a login check that
answers after its login screen was left opens nothing."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy import func, select, update

from kiosk.ui.main_window import MainWindow
from kiosk.ui.navigation import data_screens
from kiosk.ui.tasks import TaskRunner
from printing import print_queue
from printing.slip import Slip, Text
from store.models import OutboxEntry, PrintJob
from tests.kiosk.people import key_in, listen, log_in, shows, tap
from tests.kiosk.shopping import type_on_keypad

LOGIN_S = 15_000  # a login hashes the PIN with scrypt at 64 MiB: a while on a busy machine
AN_HOUR_AGO = 3600.0


def long_press_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Whoever is at the kiosk holds a finger on the Social Point's name."""
    before = window.current_route
    QTest.mousePress(window.name_label, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: window.current_route != before, timeout=10_000)
    QTest.mouseRelease(window.name_label, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def logged_in_and_assisting(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    tap(qtbot, window, "Inizia una sessione assistita")
    assert window.current_route == "home" and window.ctx.citizen.assisted_by is not None


def test_a_long_press_in_an_assisted_session_asks_for_the_pin_again(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    window, _backend, _tasks = offline
    logged_in_and_assisting(qtbot, window)
    tap(qtbot, window, "Servizi")  # the citizen's screen; the manager steps away
    long_press_name(qtbot, window)
    assert window.current_route == "manager_login"  # not the dashboard
    assert shows(window, "Accesso welfare manager") and not window.screens["manager"].isVisible()
    assert window.manager is not None and window.ctx.citizen.assisted_by is not None
    tap(qtbot, window, "‹ Indietro")  # back to the citizen's screen, the session goes on
    assert window.current_route == "catalog" and window.ctx.citizen.assisted_by is not None

    long_press_name(qtbot, window)  # the manager is back: their PIN opens the dashboard
    key_in(qtbot, window, "1001")
    key_in(qtbot, window, "246810")
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    assisted_by = window.ctx.citizen.assisted_by
    assert assisted_by is not None and assisted_by.id == "1001"  # their session goes on


def test_another_operator_s_login_ends_the_assisted_session(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    window, _backend, _tasks = offline
    logged_in_and_assisting(qtbot, window)
    long_press_name(qtbot, window)
    assert window.current_route == "manager_login"
    key_in(qtbot, window, "1002")
    key_in(qtbot, window, "135791")
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    assert window.manager is not None and window.manager.id == "1002"
    assert window.ctx.citizen.assisted_by is None  # nothing is made in 1001's name


def test_the_citizen_s_finish_and_end_assisted_session_lead_to_the_login(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    window, _backend, _tasks = offline
    logged_in_and_assisting(qtbot, window)
    window.visits.finish()  # the citizen tapped "Ho finito" (checkout, application)
    assert window.current_route == "manager_login"
    assert window.ctx.citizen.assisted_by is None and not window.screens["manager"].isVisible()
    tap(qtbot, window, "‹ Indietro")  # nobody types the PIN: Back logs the manager out
    assert window.manager is None and window.current_route == "home"

    logged_in_and_assisting(qtbot, window)
    tap(qtbot, window, "Termina assistenza")
    tap(qtbot, window, "Sì, termina")
    assert window.current_route == "manager_login" and window.manager is not None
    assert window.ctx.citizen.assisted_by is None
    window.manager_mode.open_area()  # the long press: the login again, not the dashboard
    assert window.current_route == "manager_login"
    key_in(qtbot, window, "1001")
    key_in(qtbot, window, "246810")
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    tap(qtbot, window, "⌂ Inizio")
    assert window.manager is None and window.current_route == "home"


def test_a_reprint_and_a_wallet_pin_want_a_pin_typed_in_the_last_minutes(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    window, backend, _tasks = offline
    with backend.store.write() as session:
        job = print_queue.add(session, Slip("x", (Text("x"),)), "voucher", "AB12-CD34-EF56")
        session.execute(update(PrintJob).where(PrintJob.uuid == job).values(state="printed"))

    def jobs() -> int:
        with backend.store.read() as session:
            return int(session.scalar(select(func.count()).select_from(PrintJob)) or 0)

    def pin_requests() -> int:
        with backend.store.read() as session:
            rows = select(func.count()).where(OutboxEntry.kind == "wallet_pin")
            return int(session.scalar(rows) or 0)

    controller = next(c for c in window.children() if type(c).__name__ == "ManagerController")
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    desk = window.screens["manager"]
    window.manager_mode.pin_typed_at = time.monotonic() - AN_HOUR_AGO  # logged in long ago

    controller.reprint(desk, job)  # "Ristampa"
    assert window.current_route == "manager_login"
    QTest.qWait(300)
    assert jobs() == 1  # nothing printed again
    key_in(qtbot, window, "1001")
    key_in(qtbot, window, "246810")
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    controller.reprint(desk, job)  # just typed: the copy is queued
    qtbot.waitUntil(lambda: jobs() == 2, timeout=5_000)

    window.manager_mode.pin_typed_at = time.monotonic() - AN_HOUR_AGO
    tap(qtbot, window, "Imposta un PIN del portafoglio")
    assert window.current_route == "manager_login"
    key_in(qtbot, window, "1001")
    key_in(qtbot, window, "246810")
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    tap(qtbot, window, "Imposta un PIN del portafoglio")
    assert window.current_route == "wallet_pin"
    window.manager_mode.pin_typed_at = time.monotonic() - AN_HOUR_AGO  # slow typing
    screen = window.screens["wallet_pin"]
    controller.set_wallet_pin(screen, "FRRNNA41A63E592W", "582941", "passaporto")
    assert window.current_route == "manager_login"
    QTest.qWait(300)
    assert pin_requests() == 0 and screen.state == ""  # type: ignore[attr-defined]


Held = list[tuple[Callable[[Any], None], Any]]


def hold_answers(tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch) -> Held:
    """The workers' answers wait for the test to deliver them, in order."""
    held: Held = []
    run = tasks.run

    def holding(work: Any, on_done: Any, on_error: Any) -> Any:
        return run(work, lambda result: held.append((on_done, result)), on_error)

    monkeypatch.setattr(tasks, "run", holding)
    return held


def test_a_login_check_that_answers_after_home_opens_nothing(  # type: ignore[no-untyped-def]
    qtbot, offline, monkeypatch
) -> None:
    window, _backend, tasks = offline
    held = hold_answers(tasks, monkeypatch)
    window.manager_mode.open_area()
    key_in(qtbot, window, "1001")
    key_in(qtbot, window, "246810")  # the check starts (a slow hash, off the UI thread)
    tap(qtbot, window, "⌂ Inizio")  # the manager changes their mind at once
    assert window.current_route == "home" and window.manager is None
    qtbot.waitUntil(lambda: len(held) == 1, timeout=LOGIN_S)
    done, outcome = held.pop()
    assert outcome.manager is not None  # the right PIN…
    done(outcome)
    assert window.current_route == "home" and window.manager is None  # …too late


def test_only_the_check_the_login_screen_waits_for_is_taken(  # type: ignore[no-untyped-def]
    qtbot, offline, monkeypatch
) -> None:
    window, _backend, tasks = offline
    held = hold_answers(tasks, monkeypatch)
    window.manager_mode.open_area()
    key_in(qtbot, window, "1001")
    key_in(qtbot, window, "246810")
    tap(qtbot, window, "⌂ Inizio")
    window.manager_mode.open_area()  # someone else at the login, with a wrong PIN
    key_in(qtbot, window, "1001")
    key_in(qtbot, window, "111111")
    qtbot.waitUntil(lambda: len(held) == 2, timeout=LOGIN_S)
    for done, outcome in list(held):
        done(outcome)
    assert window.manager is None and window.current_route == "manager_login"
    assert shows(window, "Tentativi rimasti: 4")


def test_the_citizen_s_headset_never_hears_the_manager_s_login_pin(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    """An assisted session in spoken mode (the citizen's headset): the manager types the
    login PIN, fixes the operator code and goes back to the PIN; how many digits is
    said, never which."""
    window, _backend, _tasks = offline
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    tap(qtbot, window, "Inizia una sessione assistita")
    speaker = listen(window)
    window.spoken.set_headset(True)
    qtbot.waitUntil(lambda: window.spoken.on)
    window.manager_mode.open_area()
    qtbot.waitUntil(lambda: window.current_route == "manager_login")
    screen = window.screens["manager_login"]
    type_on_keypad(qtbot, screen.keypad, "1002")
    qtbot.mouseClick(screen.pin_field, Qt.MouseButton.LeftButton)
    type_on_keypad(qtbot, screen.keypad, "246810")
    for field in (screen.code_field, screen.pin_field):  # back to the PIN
        qtbot.wait(300)  # a person's pace: each change is said
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: speaker.texts()[-1].startswith("PIN."))
    said = speaker.texts()
    assert not [t for t in said if "2 4 6" in t or "246" in t], said
    assert "6 cifre, nascoste" in said[-1]


def test_speech_never_says_a_secret_s_characters(offline) -> None:  # type: ignore[no-untyped-def]
    """Every secret field of every screen (the citizen's wallet PIN, the one a manager
    sets for a citizen, the manager's login PIN), described through a headset."""
    window, _backend, _tasks = offline
    window.spoken.headset = True
    screens = [window.screen_for(route) for route in data_screens()]
    secrets: list[QWidget] = [
        field
        for screen in screens
        for field in screen.findChildren(QLineEdit)
        if field.echoMode() != QLineEdit.EchoMode.Normal
    ]
    assert {f.objectName() for f in secrets} >= {
        "input_wallet_cf_pin",
        "input_walletPinNew",
        "input_walletPinAgain",
    }
    for field in secrets:
        assert isinstance(field, QLineEdit)
        field.setText("246810")
    login = window.screens["manager_login"]
    login.pin = "246810"
    login.retranslate()
    secrets.append(login.pin_field)
    for secret in secrets:
        said = window.spoken.describe(secret)
        assert "6" in said and "2 4 6" not in said and "246" not in said, said
