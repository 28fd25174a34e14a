# SPDX-License-Identifier: EUPL-1.2
"""Drive the UI as a person does: find what is visible by its text, and tap it."""

from __future__ import annotations

import copy
import time
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.core.apply_wizard import Step
from kiosk.core.applying import start
from kiosk.core.speech import SilentSpeaker
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.apply import ApplyScreen
from kiosk.ui.widgets.common import CardButton
from tests.forms.samples import GOOD


def visible_text(button: QAbstractButton) -> list[str]:
    texts = [button.text()] if button.text() else []
    if isinstance(button, CardButton):
        texts += button.lines()
    return texts


def buttons(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible()]


def find_button(root: QWidget, text: str) -> QAbstractButton:
    """The one visible button whose text, or a line of it, is exactly ``text``."""
    matches = [b for b in buttons(root) if text in visible_text(b)]
    seen = sorted({t for b in buttons(root) for t in visible_text(b)})
    assert len(matches) == 1, f"{len(matches)} visible buttons say {text!r}; visible: {seen}"
    return matches[0]


def tap(qtbot, root: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    target = find_button(root, text)
    assert target.isEnabled(), f"{text!r} is disabled"
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def choose_language(qtbot, window: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    """Chooses a language by its own name, as a person does: away from the home screen
    the header shows only the language in use, and a tap on it opens the others."""

    def choices() -> list[QAbstractButton]:
        return [
            b
            for b in buttons(window)
            if b.objectName().startswith("language_") and name in visible_text(b)
        ]

    if not choices():
        tap_named(qtbot, window, "languageToggle")
    found = choices()
    assert len(found) == 1, f"{len(found)} language buttons say {name!r}"
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)


def visible_labels(root: QWidget) -> list[str]:
    return [label.text() for label in root.findChildren(QLabel) if label.isVisible()]


def shows(root: QWidget, text: str) -> bool:
    """Whether some visible label or button contains ``text``."""
    texts = visible_labels(root) + [t for b in buttons(root) for t in visible_text(b)]
    return any(text in shown for shown in texts)


def visible(window: QWidget, kind: type, name: str) -> list[Any]:
    return [w for w in window.findChildren(kind, name) if w.isVisible()]


def shown(window: QWidget, kind: type, name: str) -> Any:
    """The one visible widget of ``kind`` with this object name."""
    found = visible(window, kind, name)
    assert len(found) == 1, f"{len(found)} visible {kind.__name__} named {name!r}"
    return found[0]


def tap_named(qtbot, window: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(shown(window, QAbstractButton, name), Qt.MouseButton.LeftButton)


def fill(qtbot, window: QWidget, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Taps the field, then types as a person does (the physical keyboard of a desk)."""
    field = shown(window, QLineEdit, f"input_{name}")
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    field.selectAll()
    for char in text:
        QTest.keyClick(field, char, delay=70)  # slower than a scanner: a person typing
    assert field.text().replace(" ", "") or not text


def error_of(window: QWidget, name: str) -> str:
    return shown(window, QWidget, f"error_{name}").text()


def prefilled(window: MainWindow, *, page: int) -> ApplyScreen:
    """The buoni spesa form with every answer given, opened at ``page`` (5 = review)."""
    assert window.catalog is not None
    with window.catalog.store.read() as session:
        draft = start(session, "bs-piazzola", datetime.now(UTC))
    draft.answers = copy.deepcopy(GOOD)
    draft.page = page
    window.ctx.citizen.drafts["bs-piazzola"] = draft
    window.go("calls")
    window.go("apply", {"call_id": "bs-piazzola"})
    return opened(window)


def opened(window: MainWindow) -> ApplyScreen:
    """The apply screen once its call has been read (off the UI thread)."""
    screen = window.screens["apply"]
    assert isinstance(screen, ApplyScreen)
    deadline = time.monotonic() + 10
    while screen.step == Step.LOADING:
        assert time.monotonic() < deadline, "the call was not read within 10 s"
        QTest.qWait(10)
    return screen


def key_in(qtbot, window: MainWindow, digits: str) -> None:  # type: ignore[no-untyped-def]
    for digit in digits:
        tap(qtbot, window, digit)
    tap(qtbot, window, "OK")


def log_in(qtbot, window: MainWindow, code: str = "1001", pin: str = "246810") -> None:  # type: ignore[no-untyped-def]
    window.manager_mode.open_area()
    key_in(qtbot, window, code)
    key_in(qtbot, window, pin)


def listen(window) -> SilentSpeaker:  # type: ignore[no-untyped-def]
    """Puts a recording speaker in place of the loudspeaker."""
    speaker = SilentSpeaker()
    speaker.volume = window.spoken.settings.volume
    window.spoken.speaker = speaker
    return speaker


def printer_rounds(qtbot, backend, rounds: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Waits, with the event loop running, until the kiosk's print worker has looked at
    its queue ``rounds`` more times: what it has not printed by then it held back on
    purpose, however slow the machine (a fixed wait proves nothing on a busy one)."""
    worker = backend.printing.worker
    start = worker.rounds

    def looked() -> bool:
        worker.wake()  # a round now, not after its idle wait
        return bool(worker.rounds >= start + rounds)

    qtbot.waitUntil(looked, timeout=10_000)
