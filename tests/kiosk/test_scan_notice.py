# SPDX-License-Identifier: EUPL-1.2
"""A code read on a page that reads none (home, catalog, calls, a service) is told to
the citizen, who saw the scanner light up: a passing line, said in spoken mode, that
takes nothing from anyone. A keypad or switch user's focus and highlight stay where
they were, the next key or tap acts as it would have, and a page that reads cards
still takes the card."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.ui.main_window import MainWindow
from kiosk.ui.switch_scanning import SwitchScanner
from kiosk.ui.widgets.scan_notice import NOTICE_MS, ScanNotice
from tests.conftest import SCREENSHOT_DIR, make_config, texts_cut_off
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import listen, opened

CF = "FRRNNA41A63E592W"

WORDS = {
    "it": ("Codice letto", "Non serve in questa pagina. Puoi continuare."),
    "uk": ("Код зчитано", "На цій сторінці він не потрібен. Можете продовжувати."),
    "ar": ("تمت قراءة الرمز", "هذا الرمز غير مطلوب في هذه الصفحة. يمكنك المتابعة."),
}


@pytest.fixture
def switches(qtbot, qapp, tmp_path: Path) -> Iterator[tuple[MainWindow, SwitchScanner]]:  # type: ignore[no-untyped-def]
    """The kiosk with two switches (the first moves the highlight, the second chooses)."""
    config = make_config(tmp_path, '[switches]\nscanning = "two"\n')
    window, backend, tasks = kiosk_window(qtbot, qapp, config)
    [scanner] = window.findChildren(SwitchScanner)
    yield window, scanner
    tasks.shutdown()
    backend.close()
    window.ctx.switcher.detach()


def now_ms() -> int:
    return int(time.monotonic() * 1000)


def key(window: MainWindow, code: int, text: str) -> None:
    """A key pressed and let go where the focus is (on the window when nothing has it,
    as after a tap), stamped with the time as a device stamps it."""
    target = QApplication.focusWidget() or window
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(now_ms())
        QApplication.sendEvent(target, event)


def switch_press(window: MainWindow) -> None:
    """The first switch."""
    key(window, Qt.Key.Key_Space, " ")


def scan(window: MainWindow, text: str) -> None:
    """A keyboard-wedge scanner: each character at once after the last, then Enter."""
    for char in text:
        key(window, ord(char.upper()), char)
    key(window, Qt.Key.Key_Return, "\r")
    QApplication.processEvents()


def notice_of(window: MainWindow) -> ScanNotice:
    [notice] = window.findChildren(ScanNotice)
    return notice


def shown_words(notice: ScanNotice) -> tuple[str, str]:
    assert notice.title.textFormat() == notice.body.textFormat() == Qt.TextFormat.PlainText
    return notice.title.text(), notice.body.text()


def catalog_with_highlight(qtbot, window: MainWindow, scanner: SwitchScanner) -> QWidget:  # type: ignore[no-untyped-def]
    """The catalog, the switch user's highlight moved to its third control."""
    window.go("catalog")
    qtbot.wait(150)
    switch_press(window)  # the first press starts the scan
    for _ in range(2):
        qtbot.wait(150)  # a person's presses, well apart
        switch_press(window)
    qtbot.wait(150)  # and the card comes well after the last
    focus = QApplication.focusWidget()
    assert scanner.scanning and focus is not None and window.navigator is not None
    assert window.stack.currentWidget().isAncestorOf(focus)
    assert window.navigator.ring.target is focus and window.navigator.ring.isVisible()
    return focus


def test_a_reading_on_the_catalog_is_told_and_takes_nothing(qtbot, qapp, switches) -> None:  # type: ignore[no-untyped-def]
    window, scanner = switches
    focus = catalog_with_highlight(qtbot, window, scanner)
    controls = window.navigator.controls()
    moves: list[object] = []

    def moved(_old: object, new: object) -> None:
        moves.append(new)

    qapp.focusChanged.connect(moved)
    try:
        scan(window, CF)
    finally:
        qapp.focusChanged.disconnect(moved)
    notice = notice_of(window)
    assert notice.isVisible() and shown_words(notice) == WORDS["it"]
    # Nothing moved, not even for a moment, and nothing was pressed or opened.
    assert moves == [] and QApplication.focusWidget() is focus
    assert window.navigator.ring.target is focus and window.navigator.ring.isVisible()
    assert scanner.scanning and window.current_route == "catalog"
    # It takes no touch and no key: every tap reaches what is under it.
    assert notice.focusPolicy() == Qt.FocusPolicy.NoFocus
    for part in (notice, notice.title, notice.body):
        assert part.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    centre = notice.mapTo(window, notice.rect().center())
    under = window.childAt(centre)
    assert under is not None and not (under is notice or notice.isAncestorOf(under))
    # The next press of the first switch moves the highlight on, as it would have.
    qtbot.wait(150)
    switch_press(window)
    after = controls[(controls.index(focus) + 1) % len(controls)]
    assert QApplication.focusWidget() is after and window.navigator.ring.target is after
    assert notice.isVisible()  # and the line stays its time


def test_a_tap_right_after_a_reading_acts(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    """The citizen taps a category at once: it opens, even with the line over it."""
    window, _backend, _tasks = offline
    window.go("catalog")
    qtbot.wait(150)
    scan(window, CF)
    notice = notice_of(window)
    screen = window.stack.currentWidget()
    tile = next(b for b in screen.findChildren(QAbstractButton, "categoryTile") if b.isVisible())
    spot = tile.mapTo(window.body, tile.rect().center())
    notice.move(spot - notice.rect().center())  # the worst place: right over it
    assert notice.isVisible() and notice.geometry().contains(spot)
    # Pressed where the finger is, as the panel's touch is: the window finds the widget.
    finger = tile.mapTo(window, tile.rect().center())
    QTest.mouseClick(
        window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, finger
    )
    qtbot.waitUntil(lambda: window.current_route == "category")


def test_the_reading_is_said_in_spoken_mode_without_moving_the_focus(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    window, _backend, _tasks = offline
    window.go("catalog")
    speaker = listen(window)
    window.spoken.start()
    qtbot.wait(150)
    focus = QApplication.focusWidget()
    assert focus is not None
    scan(window, CF)
    said = "Codice letto. Non serve in questa pagina. Puoi continuare."
    qtbot.waitUntil(lambda: said in speaker.texts())
    assert QApplication.focusWidget() is focus and window.current_route == "catalog"


@pytest.mark.parametrize("lang", ["uk", "ar"])
def test_the_line_is_in_the_citizen_s_language(qtbot, offline, lang: str) -> None:  # type: ignore[no-untyped-def]
    window, _backend, _tasks = offline
    window.ctx.switcher.set_language(lang)
    window.go("catalog")
    scan(window, CF)
    notice = notice_of(window)
    assert notice.isVisible() and shown_words(notice) == WORDS[lang]
    first, second = (notice.title.x(), notice.body.x())
    assert (first > second) == (lang == "ar")  # the title first, from the reading side
    window.ctx.switcher.set_language("it")
    qtbot.waitUntil(lambda: shown_words(notice) == WORDS["it"])


def test_any_code_is_told_a_second_one_again_and_the_line_goes(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    window, _backend, _tasks = offline
    window.go("calls")
    scan(window, "8001234567890")  # a product's barcode: no card at all
    notice = notice_of(window)
    assert notice.isVisible()
    qtbot.wait(600)
    scan(window, CF)  # again: its time starts again
    assert notice.isVisible() and notice.timer.remainingTime() > NOTICE_MS - 400
    window.go("catalog")  # the citizen leaves the page: it was about that one
    assert not notice.isVisible()
    scan(window, CF)
    assert notice.isVisible()
    window.visits.end()  # the visit ends: the next person does not find it
    assert not notice.isVisible()
    scan(window, CF)
    notice.timer.setInterval(50)  # its time, shortened
    notice.timer.start()
    qtbot.waitUntil(lambda: not notice.isVisible())


def test_a_form_page_still_takes_the_card_and_says_nothing(qtbot, offline) -> None:  # type: ignore[no-untyped-def]
    window, _backend, _tasks = offline
    window.go("calls")
    window.go("apply", {"call_id": "bs-piazzola"})
    screen = opened(window)
    screen.draft.notice_read = True
    screen.wizard.go_to_page(0)  # the first page: the codice fiscale
    screen._render()
    qtbot.wait(150)
    scan(window, CF)
    assert screen.widgets["cf"].value() == CF
    assert all(not n.isVisible() for n in window.findChildren(ScanNotice))


PANELS = [(1280, 800), (1920, 1080)]


@pytest.mark.parametrize("size", PANELS, ids=[f"{w}x{h}" for w, h in PANELS])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "contrast"])
def test_the_line_on_both_panels(qtbot, qapp, switches, size, contrast: bool) -> None:  # type: ignore[no-untyped-def]
    """For a look by eye: in Italian and Arabic, on both panels, with the switch user's
    highlight on a control of the catalog (the line keeps away from it)."""
    window, scanner = switches
    window.resize(*size)
    window.set_high_contrast(contrast)
    focus = catalog_with_highlight(qtbot, window, scanner)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for lang in ("it", "ar"):
        window.ctx.switcher.set_language(lang)
        qtbot.wait(150)
        scan(window, CF)
        notice = notice_of(window)
        for _ in range(3):
            qapp.processEvents()
        assert (window.width(), window.height()) == size
        assert not texts_cut_off(notice)
        spot = notice.geometry()
        ring = focus.mapTo(notice.parentWidget(), QPoint(0, 0))
        assert not spot.intersects(focus.rect().translated(ring))
        name = f"scan-notice-{lang}-{size[0]}x{size[1]}-{'contrast' if contrast else 'normal'}"
        window.grab().save(str(SCREENSHOT_DIR / f"{name}.png"))
    window.set_high_contrast(False)
