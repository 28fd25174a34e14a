# SPDX-License-Identifier: EUPL-1.2
"""The on-screen keyboard types into the field the citizen chose, by keys too.

The keyboard is docked under the page, after all its fields in reading order: a keypad
user going from the codice fiscale to the keys passes "Cognome", "Nome" and "Next". The
keypad's OK (Enter) on a field takes the focus to the keys, bound to that field; the
fields passed on the way back to the keys do not take them; Close or the back key
(Escape) brings the focus back to the field, without going back a page.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.applying import start
from kiosk.ui.screens.apply import ApplyScreen
from kiosk.ui.widgets.common import ScrollList
from kiosk.ui.widgets.form_fields import DateField, field_widget
from kiosk.ui.widgets.form_keyboard import FormKeyboard
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from tests.kiosk.people import opened

ONE = f"key_{ord('1')}"


def press(qtbot, window, key: Qt.Key, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    """Keys as a keypad sends them, each after the event loop has done the last one's work."""
    for _ in range(times):
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, key)
        QApplication.processEvents()


def focused_name() -> str:
    focus = QApplication.focusWidget()
    return focus.objectName() if focus is not None else ""


def tab_to(qtbot, window, name: str, key: Qt.Key = Qt.Key.Key_Tab) -> list[str]:  # type: ignore[no-untyped-def]
    """Tab (or another key) until the control called ``name`` has the focus; the way."""
    way: list[str] = []
    for _ in range(120):
        press(qtbot, window, key)
        way.append(focused_name())
        if way[-1].startswith(name):
            return way
    raise AssertionError(f"{name!r} never reached; the way: {way}")


def form_page(window) -> ApplyScreen:  # type: ignore[no-untyped-def]
    """The application form's page whose first field is the codice fiscale."""
    with window.catalog.store.read() as session:
        draft = start(session, "bs-piazzola", datetime.now(UTC))
    draft.notice_read = True
    draft.page = 0
    window.ctx.citizen.drafts["bs-piazzola"] = draft
    window.go("calls")
    window.go("apply", {"call_id": "bs-piazzola"})
    return opened(window)


def texts(root: QWidget) -> dict[str, str]:
    return {w.objectName(): w.text() for w in root.findChildren(QLineEdit) if w.isVisible()}


def test_a_keypad_types_the_codice_fiscale_first_on_the_form(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    screen = form_page(window)
    qtbot.wait(50)
    keyboard = screen.keyboard
    tab_to(qtbot, window, "input_cf")
    cf = QApplication.focusWidget()
    assert isinstance(cf, QLineEdit)
    press(qtbot, window, Qt.Key.Key_Return)  # OK: type here
    assert focused_name() == ONE and keyboard.isVisible()
    assert keyboard.bound_to() is cf
    press(qtbot, window, Qt.Key.Key_Return)
    assert texts(screen)["input_cf"] == "1"
    # The citizen can tell where the keys type: a mark on the field, the keyboard's name.
    assert cf.property("typingHere") is True
    face = QAccessible.queryAccessibleInterface(cf)
    assert face is not None and face.text(QAccessible.Text.Name)
    assert keyboard.accessibleDescription() == face.text(QAccessible.Text.Name)

    # Up the page by the arrows past "Nome", "Cognome", and back down to the keys by Tab:
    # the fields passed on the way do not take the keys.
    tab_to(qtbot, window, "input_cognome", Qt.Key.Key_Up)
    assert "input_nome" in tab_to(qtbot, window, ONE)
    press(qtbot, window, Qt.Key.Key_Return)
    assert texts(screen) == {"input_cf": "11", "input_cognome": "", "input_nome": ""}
    # By Tab alone, all the way round the screen and back to the keys.
    tab_to(qtbot, window, "input_nome")
    tab_to(qtbot, window, ONE)
    press(qtbot, window, Qt.Key.Key_Return)
    assert texts(screen)["input_cf"] == "111" and texts(screen)["input_nome"] == ""

    # The back key in the keys: back to the field, the keyboard closed, the page kept.
    press(qtbot, window, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is cf and not keyboard.isVisible()
    assert window.current_route == "apply" and screen.isVisible()
    assert cf.property("typingHere") is False
    # OK again on "Nome": its keyboard, with its letters.
    tab_to(qtbot, window, "input_nome")
    press(qtbot, window, Qt.Key.Key_Return)
    assert focused_name() == ONE and keyboard.bound_to() is screen.findChild(
        QLineEdit, "input_nome"
    )
    tab_to(qtbot, window, f"key_{ord('A')}", Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Return)
    assert texts(screen) == {"input_cf": "111", "input_cognome": "", "input_nome": "A"}
    # Close by its key: the focus back on "Nome".
    tab_to(qtbot, window, "keyboardHide")
    press(qtbot, window, Qt.Key.Key_Return)
    assert focused_name() == "input_nome" and not keyboard.isVisible()


def test_a_tap_still_chooses_the_field_as_before(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    screen = form_page(window)
    qtbot.wait(50)
    keyboard = screen.keyboard
    cognome = screen.findChild(QLineEdit, "input_cognome")
    qtbot.mouseClick(cognome, Qt.MouseButton.LeftButton)
    assert keyboard.isVisible() and keyboard.bound_to() is cognome
    qtbot.mouseClick(keyboard.findChild(QWidget, f"key_{ord('R')}"), Qt.MouseButton.LeftButton)
    assert cognome.text() == "R" and QApplication.focusWidget() is cognome
    assert not cognome.property("typingHere")  # the focus is on it: no mark needed
    # A keypad user typing into the codice fiscale who then taps "Nome": it takes them.
    tab_to(qtbot, window, "input_cf")
    press(qtbot, window, Qt.Key.Key_Return)
    nome = screen.findChild(QLineEdit, "input_nome")
    qtbot.mouseClick(nome, Qt.MouseButton.LeftButton)
    assert keyboard.bound_to() is nome and QApplication.focusWidget() is nome
    qtbot.mouseClick(keyboard.findChild(QWidget, f"key_{ord('R')}"), Qt.MouseButton.LeftButton)
    assert texts(screen) == {"input_cf": "", "input_cognome": "R", "input_nome": "R"}


def test_a_keypad_types_the_codice_fiscale_and_then_the_pin_of_the_wallet(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("wallet", {})
    qtbot.wait(50)
    screen = window.stack.currentWidget()
    keyboard = screen.identify.keyboard
    tab_to(qtbot, window, "input_wallet_cf")
    cf = QApplication.focusWidget()
    press(qtbot, window, Qt.Key.Key_Return)
    assert focused_name() == ONE and keyboard.bound_to() is cf
    press(qtbot, window, Qt.Key.Key_Return)
    # Back past Next and the PIN, then down to the keys again: still the codice fiscale.
    tab_to(qtbot, window, "input_wallet_cf_pin", Qt.Key.Key_Backtab)
    tab_to(qtbot, window, ONE)
    press(qtbot, window, Qt.Key.Key_Return)
    assert texts(screen) == {"input_wallet_cf": "11", "input_wallet_cf_pin": ""}
    press(qtbot, window, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is cf and window.current_route == "wallet"
    # The PIN, chosen by OK.
    tab_to(qtbot, window, "input_wallet_cf_pin")
    press(qtbot, window, Qt.Key.Key_Return)
    assert focused_name() == ONE
    press(qtbot, window, Qt.Key.Key_Return)
    assert texts(screen) == {"input_wallet_cf": "11", "input_wallet_cf_pin": "1"}


def test_the_keys_go_on_to_a_dates_next_box(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = QWidget()
    qtbot.addWidget(page)
    area = ScrollList(name="formArea")
    date = field_widget(
        {"name": "nato", "type": "date", "label": {"it": "Nato il"}}, {}, [], lambda _i, _v: ""
    )
    assert isinstance(date, DateField)
    area.content.layout().insertWidget(0, date)
    typing = FormKeyboard(page, area, lambda: [date], [], lambda: "it")
    column = QVBoxLayout(page)
    column.addWidget(area)
    column.addWidget(typing.keyboard)
    page.show()
    qtbot.waitExposed(page)
    day, month, year = date.boxes
    day.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(typing.keyboard.isVisible)
    press(qtbot, page, Qt.Key.Key_Return)
    keyboard: OnScreenKeyboard = typing.keyboard
    for digits in ("23", "12", "1941"):
        for digit in digits:
            keyboard.findChild(QWidget, f"key_{ord(digit)}").setFocus(Qt.FocusReason.TabFocusReason)
            press(qtbot, page, Qt.Key.Key_Space)
    assert [b.text() for b in (day, month, year)] == ["23", "12", "1941"]


def test_a_switch_chooses_a_field_and_its_keys_type_there(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Two switches (move, choose): choosing a field opens the keys bound to it, as
    the keypad's OK does; a switch only pressed buttons before, and its keys typed into
    the last field the scan passed."""
    from kiosk.boot.config import SwitchSettings
    from kiosk.ui.switch_scanning import SwitchScanner

    screen = form_page(window)
    qtbot.wait(50)
    scanner = SwitchScanner(window, window.navigator, SwitchSettings("two", 1500))
    press(qtbot, window, Qt.Key.Key_Space)  # the first press starts scanning
    for _ in range(60):
        if focused_name() == "input_cf":
            break
        press(qtbot, window, Qt.Key.Key_Space)  # move
    cf = QApplication.focusWidget()
    assert isinstance(cf, QLineEdit) and cf.objectName() == "input_cf"
    press(qtbot, window, Qt.Key.Key_Return)  # choose the field
    assert focused_name() == ONE and screen.keyboard.bound_to() is cf
    press(qtbot, window, Qt.Key.Key_Return)  # choose the key
    assert texts(screen)["input_cf"] == "1"
    scanner.stop()
