# SPDX-License-Identifier: EUPL-1.2
"""Spoken mode and the idle watch: "Are you still there?" said whole, and every key of a
citizen who cannot see or touch the screen counted as activity.

The speech engine is the one fake (``SilentSpeaker``); how long a sentence takes is
said by the test (``busy``), as a real voice would be still speaking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.boot.config import SwitchSettings
from kiosk.core.speech import SilentSpeaker
from kiosk.ui.switch_scanning import SwitchScanner
from tests.kiosk.people import listen


def press(qtbot, window, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, key)
    QApplication.processEvents()


def talking(speaker: SilentSpeaker) -> None:
    """Each sentence goes on until the test says it is over (``busy = False``)."""
    say = speaker.say

    def long_say(text: str, lang: str) -> None:
        say(text, lang)
        speaker.busy = True

    speaker.say = long_say  # type: ignore[method-assign]


def test_the_still_there_question_is_not_cut_off_by_its_countdown(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("catalog", {})
    speaker = listen(window)
    spoken = window.spoken
    spoken.start()
    talking(speaker)
    window.ask_still_there()
    panel = window.visits.still_there
    panel.ticker.stop()  # the seconds are counted by hand below
    qtbot.waitUntil(lambda: any(panel.title.text() in t for t in speaker.texts()))
    question = next(t for t in speaker.texts() if panel.title.text() in t)
    assert panel.more_button.text() in question and panel.countdown.text() in question
    said = len(speaker.texts())

    def tick(seconds: int) -> list[str]:
        for _ in range(seconds):
            panel._tick()
        spoken._check_live()
        return speaker.texts()[said:]

    # The countdown read with the question is not said again over it, and its next
    # fifth second neither while the question is still being said.
    assert tick(0) == []
    assert tick(5) == []
    assert speaker.busy  # nothing stopped the question
    speaker.busy = False  # the question is over: the count goes on aloud
    assert tick(5) == [panel.countdown.text()]
    said = len(speaker.texts())
    assert speaker.busy
    assert tick(5) == [panel.countdown.text()]  # the last seconds, whatever is being said
    panel.close_panel()


def test_the_repeat_and_volume_keys_of_spoken_mode_are_activity(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("catalog", {})
    listen(window)
    window.spoken.start()
    idle = window.idle
    for key in (Qt.Key.Key_F5, Qt.Key.Key_F8, Qt.Key.Key_F7, Qt.Key.Key_VolumeUp):
        idle.timer.stop()
        press(qtbot, window, key)
        assert idle.timer.isActive(), key.name  # the wait starts again


def test_a_switch_press_is_activity(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.visits.end()
    scanner = SwitchScanner(window, window.navigator, SwitchSettings("one", 1500))
    idle = window.idle
    idle.timer.stop()
    press(qtbot, window, Qt.Key.Key_Space)  # starts scanning
    assert scanner.scanning and idle.timer.isActive()
    idle.timer.stop()
    press(qtbot, window, Qt.Key.Key_Space)  # chooses
    qtbot.waitUntil(lambda: window.current_route != "home")
    assert idle.timer.isActive()
    scanner.stop()


def test_the_second_switch_and_spoken_mode_together_are_activity(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Spoken mode started after the scanner: its filter comes first, and the watch
    still sees both switches."""
    window.visits.end()
    scanner = SwitchScanner(window, window.navigator, SwitchSettings("two", 1500))
    listen(window)
    window.spoken.start()
    idle = window.idle
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Space, Qt.Key.Key_F5, Qt.Key.Key_Return):
        idle.timer.stop()
        press(qtbot, window, key)
        assert idle.timer.isActive(), key.name
    qtbot.waitUntil(lambda: window.current_route != "home")
    scanner.stop()
