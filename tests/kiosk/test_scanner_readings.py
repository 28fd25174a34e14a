# SPDX-License-Identifier: EUPL-1.2
"""A barcode scanner's reading is data, wherever it lands (README, "Applications for
calls and subsidies"): never lost to a guard meant for a person's presses, never a
shortcut, in any mode.

The keys here carry a device's timestamps, as a keypad's and a scanner's do (the
double-tap guard reads them), and come at a scanner's pace: no pause between them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kiosk.core.apply_wizard import Step
from kiosk.ui.main_window import MainWindow
from kiosk.ui.scanner_input import ScannerInput
from kiosk.ui.screens.apply import ApplyScreen
from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import listen, opened, prefilled

CF = "FRRNNA41A63E592W"


def now_ms() -> int:
    return int(time.monotonic() * 1000)


def send_key(key: int, text: str = "") -> None:
    """One key pressed and let go where the focus is, stamped with the time as a
    device stamps it."""
    target = QApplication.focusWidget()
    assert target is not None
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(now_ms())
        QApplication.sendEvent(target, event)


KEYS = {"\t": Qt.Key.Key_Tab, "\x1b": Qt.Key.Key_Escape, "\b": Qt.Key.Key_Backspace}


def scan(text: str) -> None:
    """A keyboard-wedge scanner: each character at once after the last, then Enter."""
    for char in text:
        send_key(KEYS.get(char, ord(char.upper())), char)
    send_key(Qt.Key.Key_Return, "\r")
    QApplication.processEvents()


def readings(window: MainWindow) -> list[str]:
    """What the kiosk's reader hands the screens."""
    [reader] = window.findChildren(ScannerInput)
    read: list[str] = []
    reader.scanned.connect(read.append)
    return read


def first_page(window: MainWindow) -> ApplyScreen:
    """The form's first page, with the codice fiscale and "Next ›"."""
    window.go("calls")
    window.go("apply", {"call_id": "bs-piazzola"})
    screen = opened(window)
    screen.draft.notice_read = True
    screen.wizard.go_to_page(0)
    screen._render()
    assert screen.step == Step.PAGE
    return screen


def focus_on(qtbot, window: MainWindow, where: str) -> QWidget:  # type: ignore[no-untyped-def]
    """A keys user's focus on "Next ›", or on the codice fiscale's box."""
    screen = window.screens["apply"]
    assert isinstance(screen, ApplyScreen)
    target = screen.next_button if where == "button" else screen.widgets["cf"].text_inputs()[0]
    window.navigator.used = True
    target.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait(150)  # a person: well after any key before
    assert target.hasFocus()
    return target


def keypad_ok(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    """A keypad user's OK on ``button``."""
    qtbot.wait(150)  # a person: well after any key before
    button.setFocus(Qt.FocusReason.TabFocusReason)
    send_key(Qt.Key.Key_Return, "\r")
    QApplication.processEvents()


def test_a_card_read_right_after_ok_changed_the_button_fills_the_field(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    """OK on "I have read it" shows the first page, the button now "Next ›" under the
    focus; the card passed over the reader at once is read into the codice fiscale,
    not dropped as the second press of a double tap."""
    window, _backend, _tasks = offline
    window.navigator.used = True
    window.go("calls")
    window.go("apply", {"call_id": "bs-piazzola"})
    screen = opened(window)
    assert isinstance(screen, ApplyScreen) and screen.step == Step.NOTICE
    keypad_ok(qtbot, screen.next_button)
    assert screen.step == Step.PAGE and screen.next_button.hasFocus()
    scan(CF)  # within the double tap’s 400 ms
    field = screen.widgets["cf"]
    assert field.value() == CF


def test_a_double_ok_is_still_held_back_with_the_reader_in_front(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    """The reader goes before the double-tap guard, and leaves a person's keys to it."""
    window, _backend, _tasks = offline
    window.navigator.used = True
    screen = prefilled(window, page=4)
    screen.draft.notice_read = True
    screen.wizard.go_to_page(4)
    screen._render()
    keypad_ok(qtbot, screen.next_button)
    assert screen.step == Step.REVIEW and screen.next_button.text() == "Invia la domanda"
    qtbot.wait(120)  # OK pressed twice
    screen.next_button.setFocus(Qt.FocusReason.TabFocusReason)
    send_key(Qt.Key.Key_Return, "\r")
    assert screen.step == Step.REVIEW


@pytest.mark.parametrize(
    ("reading", "read"),
    [("AB+12+34-56-78", "AB+12+345678"), ("-12345678", "12345678"), ("+A123BJC5D6E71G", None)],
    ids=["inside", "first", "hibc"],  # a HIBC code, on a medicine's box, begins with "+"
)
@pytest.mark.parametrize("where", ["button", "field"])
def test_plus_and_minus_in_a_reading_leave_the_spoken_volume_as_it_was(
    qtbot, offline, where: str, reading: str, read: str | None
) -> None:  # type: ignore[no-untyped-def]
    """In spoken mode "+" and "-" are the volume keys; in a reading they are data (read
    as the forms read a code: without its dashes)."""
    window, _backend, _tasks = offline
    first_page(window)
    speaker = listen(window)
    window.spoken.start()
    volume = speaker.volume
    target = focus_on(qtbot, window, where)
    scans = readings(window)
    scan(reading)
    qtbot.wait(150)  # longer than a "+" of a person's waits for a scanner's next key
    assert speaker.volume == volume
    assert not any("Volume" in said for said in speaker.texts())
    assert scans == [read or reading]
    assert target.hasFocus() and window.screens["apply"].widgets["cf"].value() is None
    if where == "button":
        send_key(Qt.Key.Key_Plus, "+")  # a person's own "+" on "Next ›": louder
        qtbot.waitUntil(lambda: speaker.volume == volume + 10)
        qtbot.wait(150)  # a person's next key
        send_key(Qt.Key.Key_Minus, "-")
        qtbot.waitUntil(lambda: speaker.volume == volume)


@pytest.mark.parametrize("key", ["\t", "\x1b", " "], ids=["tab", "escape", "space"])
@pytest.mark.parametrize("where", ["button", "field"])
def test_a_tab_escape_or_space_in_a_reading_moves_nothing(
    qtbot, qapp, offline, where: str, key: str
) -> None:  # type: ignore[no-untyped-def]
    """Tab would move the focus, Escape go back a screen, Space press "Next ›"."""
    window, _backend, _tasks = offline
    screen = first_page(window)
    target = focus_on(qtbot, window, where)
    read = readings(window)
    moves: list[object] = []

    def moved(_old: object, new: object) -> None:
        moves.append(new)

    qapp.focusChanged.connect(moved)
    try:
        scan(f"1234{key}5678")
        qtbot.wait(100)
    finally:
        qapp.focusChanged.disconnect(moved)
    assert moves == []  # not even for a moment (spoken mode would say where it went)
    assert window.current_route == "apply" and screen.step == Step.PAGE
    assert screen.draft.page == 0 and target.hasFocus()
    assert screen.widgets["cf"].value() is None
    assert read == ["12345678"]


def test_a_space_in_a_reading_is_no_switch_press(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Switch access: Space is the first switch, also with the focus in a text box."""
    from kiosk.ui.switch_scanning import SwitchScanner

    config = make_config(tmp_path, '[switches]\nscanning = "two"\n')
    window, backend, tasks = kiosk_window(qtbot, qapp, config)
    try:
        [switches] = window.findChildren(SwitchScanner)
        first_page(window)
        target = focus_on(qtbot, window, "field")
        read = readings(window)
        scan("TESSERA 1234")
        assert not switches.scanning and target.hasFocus()
        assert read == ["TESSERA1234"]
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()


def test_a_reader_of_another_window_keeps_none_of_this_one_s_keys(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A reader left over with another window (in front, as the last made) neither
    keeps this window's reading nor takes it for its own."""
    here, there = QWidget(), QWidget()
    qtbot.addWidget(here)
    qtbot.addWidget(there)
    field = QLineEdit(here)
    here.show()
    qtbot.waitExposed(here)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    mine, other = ScannerInput(here), ScannerInput(there)
    read: list[str] = []
    stray: list[str] = []
    mine.scanned.connect(read.append)
    other.scanned.connect(stray.append)
    try:
        scan(CF)
    finally:
        mine.detach()
        other.detach()
    assert read == [CF] and stray == [] and field.text() == ""
