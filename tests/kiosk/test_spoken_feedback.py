# SPDX-License-Identifier: EUPL-1.2
"""Spoken mode answers what the citizen does: a language chosen is said in its own
voice, with the control that has the focus named as the screen now shows it; a toggle
says its new state; a search's result count and a printout's state are said as they
change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.spoken_mode import speakable
from tests.kiosk.people import listen, opened


def press(qtbot, window, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, key)
    QApplication.processEvents()


def test_a_language_chosen_away_from_home_is_said_in_its_voice(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("catalog", {})
    speaker = listen(window)
    window.spoken.start()
    window.navigator.used = True
    back = speakable(window.back_button.text())  # as it reads before the switch
    window.language_toggle.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, window, Qt.Key.Key_Return)  # the choices open, with the focus
    window.language_buttons["en"].setFocus(Qt.FocusReason.TabFocusReason)
    said = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(speaker.said) > said)
    qtbot.wait(50)
    new = speaker.said[said:]
    assert window.ctx.lang == "en"
    assert [u.lang for u in new] == ["en"]
    words = new[0].text
    assert not any(back in u.text for u in new)  # no name from before the switch
    assert words.startswith(LANGUAGE_NAMES["en"])
    assert "Services" in words  # the screen's title, translated
    # The focus stays on the languages: their toggle, now naming the one chosen, not
    # the footer's Back (which hiding the choice gave it to).
    focus = QApplication.focusWidget()
    assert focus is window.language_toggle
    assert words.endswith(window.spoken.describe(focus))


def open_form(window):  # type: ignore[no-untyped-def]
    """The application form's first page of questions, its notice already read."""
    from datetime import UTC, datetime

    from kiosk.core.applying import start

    with window.catalog.store.read() as session:
        draft = start(session, "bs-piazzola", datetime.now(UTC))
    draft.notice_read, draft.page = True, 1
    window.ctx.citizen.drafts["bs-piazzola"] = draft
    window.go("calls")
    window.go("apply", {"call_id": "bs-piazzola"})
    return opened(window)


def test_a_toggle_says_its_new_state_when_chosen(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    screen = open_form(window)
    speaker = listen(window)
    window.spoken.start()
    choice = next(
        b
        for b in screen.findChildren(QAbstractButton)
        if b.objectName().startswith("choice_") and b.isVisible() and not b.isChecked()
    )
    choice.setFocus(Qt.FocusReason.TabFocusReason)
    said = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)  # OK chooses the answer
    qtbot.waitUntil(lambda: len(speaker.texts()) > said)
    assert choice.isChecked()
    assert speaker.texts()[said:] == [window.spoken.describe(choice)]
    # Larger text, by OK and by a touch: on, then off again.
    large = window.large_text_button
    large.setFocus(Qt.FocusReason.TabFocusReason)
    said = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(speaker.texts()) > said)
    assert large.isChecked() and speaker.texts()[said:] == [window.spoken.describe(large)]
    said = len(speaker.texts())
    qtbot.mouseClick(large, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(speaker.texts()) > said)
    assert not large.isChecked() and speaker.texts()[said:] == [window.spoken.describe(large)]
    # A button that is no toggle says nothing more than what it does.
    window.contrast_button.setCheckable(False)  # as a plain button
    window.contrast_button.setFocus(Qt.FocusReason.TabFocusReason)
    said = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert speaker.texts()[said:] == []
    window.contrast_button.setCheckable(True)


def test_the_search_result_count_is_said_through_a_headset_only(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("catalog", {})
    speaker = listen(window)
    window.spoken.start()
    summary = window.screens["catalog"].results_summary
    search = window.screens["catalog"].search
    search.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(search, "anz")
    qtbot.waitUntil(lambda: summary.isVisible() and "anz" in summary.text())
    qtbot.wait(600)  # the live texts are looked at every 250 ms
    # Through the loudspeaker what was searched for stays unsaid (it was typed).
    assert not any("anz" in t for t in speaker.texts())
    window.spoken.headset = True
    qtbot.keyClicks(search, "i")
    qtbot.waitUntil(lambda: "anzi" in summary.text())
    qtbot.waitUntil(lambda: speakable(summary.text()) in speaker.texts(), timeout=2000)


def test_a_printout_s_new_state_is_said(qtbot, qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.kiosk.kiosks import printing_kiosk
    from tests.kiosk.people import shows, tap
    from tests.printing.fake_printer import FakePrinter

    printer = FakePrinter()
    printer.mode = "paper_out"
    settings = (
        f'[printer]\nconnection = "network"\nhost = "127.0.0.1"\nport = {printer.port}\n'
        'paper = "80mm"\nstatus_timeout_ms = 1000\n'
    )
    window, backend, tasks = printing_kiosk(qtbot, qapp, tmp_path, settings)
    try:
        speaker = listen(window)
        window.spoken.start()
        window.go("service", {"service_id": "s16"})
        tap(qtbot, window, "Stampa questa scheda")
        qtbot.waitUntil(lambda: shows(window, "La stampante è senza carta"), timeout=10_000)
        qtbot.waitUntil(lambda: any("senza carta" in t for t in speaker.texts()))
        speaker.busy = True  # a sentence is being said: the news waits for its end
        printer.mode = "healthy"
        qtbot.waitUntil(lambda: shows(window, "Stampato"), timeout=10_000)
        qtbot.wait(600)  # the live texts are looked at every 250 ms
        assert "Stampato" not in speaker.texts()
        speaker.busy = False
        qtbot.waitUntil(lambda: "Stampato" in speaker.texts(), timeout=2000)
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()
        printer.close()


def test_a_button_whose_words_change_when_pressed_says_them(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The "Togli" button asks for a second press by its words ("Tocca ancora per togliere"): a
    citizen who cannot see heard nothing, and the second press never came."""
    from tests.kiosk.people import prefilled

    prefilled(window, page=2)
    speaker = listen(window)
    window.spoken.start()
    remove = next(
        b
        for b in window.findChildren(QAbstractButton)
        if b.objectName().startswith("remove_membri_") and b.isVisible()
    )
    before = remove.text()
    remove.setFocus(Qt.FocusReason.TabFocusReason)
    said = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(speaker.texts()) > said)
    assert remove.text() != before
    assert speaker.texts()[said:] == [window.spoken.describe(remove)]
    assert speakable(remove.text()) in speaker.texts()[-1]
