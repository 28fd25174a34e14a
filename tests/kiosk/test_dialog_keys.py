# SPDX-License-Identifier: EUPL-1.2
"""Messages and questions driven by keys: wherever a layer shows (over the window or over
one screen) the keys and the voice go into it; the back key gives its safe answer, never
the one that acts; once it closes the focus goes back where it was. Also the focus after
a household member is removed by keys, and a keypad read as one in Tab's order."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

import kiosk
import kiosk.ui.screens
import kiosk.ui.widgets
from kiosk.ui.key_navigation import visible_layer
from kiosk.ui.navigation import data_screens
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.overlay import Confirm, Layer
from kiosk.ui.widgets.print_panel import PrintPanel
from printing.connection import State
from printing.print_worker import PrintUpdate
from tests.kiosk.people import find_button, listen, prefilled


def press(qtbot, window, key: Qt.Key, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, key)
        QApplication.processEvents()


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_to(qtbot, window, name: str) -> QWidget:  # type: ignore[no-untyped-def]
    for _ in range(80):
        focus = focused()
        if focus is not None and focus.objectName().startswith(name):
            return focus
        press(qtbot, window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}")


def tabs_stay_inside(qtbot, window, layer: QWidget, times: int = 5) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        press(qtbot, window, Qt.Key.Key_Tab)
        focus = focused()
        assert focus is not None and layer.isAncestorOf(focus), focus and focus.objectName()


# A. A screen's own question or notice takes the keys and the voice ----------------------


def test_a_screens_own_question_takes_the_keys_and_is_said(qtbot, window) -> None:
    screen = prefilled(window, page=2)
    speaker = listen(window)
    window.spoken.start()
    find_button(window, "+ Aggiungi una persona").click()
    name = next(w for w in screen.findChildren(QLineEdit, "input_nome_cognome") if w.isVisible())
    name.setText("Luca Verdi")
    tab_to(qtbot, window, "applyCancel")
    said = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)  # Cancel: "Discard this person?"
    assert screen.discard.isVisible() and visible_layer(window) is screen.discard
    qtbot.waitUntil(lambda: focused() is screen.discard.keep_button)
    qtbot.waitUntil(lambda: any(screen.discard.title.text() in t for t in speaker.texts()[said:]))
    tabs_stay_inside(qtbot, window, screen.discard)
    press(qtbot, window, Qt.Key.Key_Escape)  # "No, go on": the person is still there
    assert not screen.discard.isVisible() and name.text() == "Luca Verdi"
    assert focused() is screen.cancel_button  # where the keys were (C)


def test_the_calls_privacy_notice_takes_the_keys_and_the_back_key_closes_it(qtbot, window) -> None:
    window.go("calls", {})
    speaker = listen(window)
    window.spoken.start()
    button = tab_to(qtbot, window, "privacy_")
    said = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)
    notice = window.stack.currentWidget()._notice
    assert notice.isVisible() and visible_layer(window) is notice
    qtbot.waitUntil(lambda: focused() is notice.close_button)
    qtbot.waitUntil(lambda: any(notice.title.text() in t for t in speaker.texts()[said:]))
    tabs_stay_inside(qtbot, window, notice, times=3)
    press(qtbot, window, Qt.Key.Key_Escape)  # its "OK", not away from the screen
    assert window.current_route == "calls" and not notice.isVisible()
    assert focused() is button


def test_a_notice_left_open_by_touch_is_gone_on_return(qtbot, window) -> None:
    window.go("calls", {})
    screen = window.stack.currentWidget()
    next(
        b for b in screen.findChildren(QAbstractButton) if b.objectName().startswith("privacy_")
    ).click()
    assert screen._notice.isVisible()
    window.back_button.click()  # the header's back, above the screen's notice
    window.go("calls", {})
    assert not screen._notice.isVisible() and visible_layer(window) is None


# B. The back key gives the safe answer ---------------------------------------------------


def _confirm_names_in_the_code() -> set[str]:
    """The name of every question (``Confirm(parent, "name")``) the kiosk's code makes."""
    names = set()
    for path in Path(kiosk.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Confirm"
            ):
                assert len(node.args) == 2 and isinstance(node.args[1], ast.Constant), path
                names.add(str(node.args[1].value))
    return names


def test_every_question_the_kiosk_asks_is_answered_no_by_the_back_key(qtbot, window) -> None:
    for route in data_screens():  # every screen built
        window.screen_for(route)
    window.end_assisted_question  # noqa: B018  (built on first use)
    questions = window.findChildren(Confirm)
    assert len(questions) >= 2
    assert {q.accessibleName() for q in questions} == _confirm_names_in_the_code()
    press(qtbot, window, Qt.Key.Key_Tab)  # a keys user
    for question in questions:
        screen = next((p for p in _ancestors(question) if isinstance(p, Screen)), None)
        if screen is not None:
            window.stack.setCurrentWidget(screen)
        accepted: list[bool] = []
        question.accepted.connect(lambda said=accepted: said.append(True))
        question.ask("Question?", "", "No, go on", "Yes, do it")
        assert visible_layer(window) is question
        assert question.safe_answer() is question.keep_button
        press(qtbot, window, Qt.Key.Key_Escape)
        assert not question.isVisible() and accepted == [], question.accessibleName()


def _ancestors(widget: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def test_escape_on_ending_the_assisted_session_keeps_it(qtbot, window) -> None:
    from tests.kiosk.views import as_manager

    as_manager(window)
    window.manager_mode.start_assisted_session()
    manager = window.ctx.citizen.assisted_by
    assert manager is not None
    window.end_assisted_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.end_assisted_question.isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.ctx.citizen.assisted_by is manager
    assert not window.end_assisted_question.isVisible()


def test_every_kind_of_layer_names_the_answer_of_the_back_key() -> None:
    for package in (kiosk.ui.widgets, kiosk.ui.screens):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    kinds, todo = [], list(Layer.__subclasses__())
    while todo:
        kind = todo.pop()
        kinds.append(kind)
        todo += kind.__subclasses__()
    assert {k.__name__ for k in kinds} >= {"Overlay", "Confirm", "StillTherePanel", "PrintPanel"}
    for kind in kinds:
        assert kind.safe_answer is not Layer.safe_answer, kind
    with pytest.raises(TypeError, match="safe answer"):

        class Forgetful(Layer):  # a new kind of layer that does not say it
            pass


# C. The focus goes back where it was once a layer closes --------------------------------


def _help(window) -> tuple[QWidget, QAbstractButton]:  # type: ignore[no-untyped-def]
    window.show_help()
    return window.overlay, window.overlay.close_button  # OK


def _still_there(window) -> tuple[QWidget, QAbstractButton]:  # type: ignore[no-untyped-def]
    window.ask_still_there()
    panel = window.visits.still_there
    return panel, panel.continue_button


def _print_panel(window) -> tuple[QWidget, QAbstractButton]:  # type: ignore[no-untyped-def]
    panel = PrintPanel(window.body)
    image = Image.new("L", (576, 400), 255)
    panel.show_job("job", image, PrintUpdate(State.READY, "job", "pending"))
    return panel, panel.done_button


@pytest.mark.parametrize("show", [_help, _still_there, _print_panel], ids=lambda f: f.__name__)
def test_closing_a_layer_gives_the_focus_back(qtbot, window, show) -> None:  # type: ignore[no-untyped-def]
    window.go("catalog", {})
    speaker = listen(window)
    window.spoken.start()
    press(qtbot, window, Qt.Key.Key_Tab, times=3)
    before = focused()
    assert before is not None and window.stack.currentWidget().isAncestorOf(before)
    layer, close = show(window)
    qtbot.waitUntil(lambda: focused() is not None and layer.isAncestorOf(focused()))
    close.setFocus(Qt.FocusReason.TabFocusReason)
    said = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)  # OK, Continue, Done
    assert not layer.isVisible()
    assert focused() is before and window.navigator.ring.target is before
    assert speaker.texts()[said:] == [window.spoken.describe(before)]


def test_a_layer_closing_over_a_control_gone_gives_the_screens_first(qtbot, window) -> None:
    window.go("catalog", {})
    press(qtbot, window, Qt.Key.Key_Tab, times=3)
    before = focused()
    assert before is not None
    _layer, close = _help(window)
    close.setFocus(Qt.FocusReason.TabFocusReason)
    before.setEnabled(False)
    press(qtbot, window, Qt.Key.Key_Return)
    focus = focused()
    assert focus is not None and window.stack.currentWidget().isAncestorOf(focus)


# D. Removing a household member by keys -------------------------------------------------


def test_removing_a_person_by_keys_moves_the_focus_on(qtbot, window) -> None:
    screen = prefilled(window, page=2)
    speaker = listen(window)
    window.spoken.start()
    count = len(screen.draft.answers["membri"])
    assert count >= 2
    remove = tab_to(qtbot, window, "remove_membri_1")
    press(qtbot, window, Qt.Key.Key_Return)  # "Tap again to remove"
    assert focused() is remove
    said = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)
    assert len(screen.draft.answers["membri"]) == count - 1
    focus = focused()  # the next person's card, now the first
    assert focus is not None and focus.objectName() == "edit_membri_1" and focus.isVisible()
    assert window.navigator.ring.target is focus
    assert speaker.texts()[said:][-1] == window.spoken.describe(focus)
    # The last person: "Add a person" next.
    tab_to(qtbot, window, f"remove_membri_{count - 1}")
    press(qtbot, window, Qt.Key.Key_Return, times=2)
    focus = focused()
    assert focus is not None and focus.objectName() == "add_membri"


# E. A keypad is read as one --------------------------------------------------------------


def test_a_keypad_is_read_as_one_in_tabs_order(qtbot, window) -> None:
    window.go("manager_login", {})
    press(qtbot, window, Qt.Key.Key_Tab)
    names: list[str] = []
    while (focus := focused()) is not None and focus.objectName() not in names:
        names.append(focus.objectName())
        press(qtbot, window, Qt.Key.Key_Tab)
    keys = [i for i, n in enumerate(names) if n.startswith("keypad")]
    assert len(keys) == 12 and keys == list(range(keys[0], keys[0] + 12)), names
    run = names[keys[0] : keys[-1] + 1]
    assert run[:3] == ["keypad_1", "keypad_2", "keypad_3"] and run[-1] == "keypadOk"
    assert "operatorCode" not in run and "pinField" not in run
