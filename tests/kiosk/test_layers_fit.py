# SPDX-License-Identifier: EUPL-1.2
"""Messages and questions over the screen show every line of their text: when shown,
when their text changes while shown, and when the citizen changes the language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.ui.widgets.overlay import Confirm

LONG = " ".join(
    [
        "Quello che hai scritto su questa persona non verrà conservato, né sul totem né"
        " sulla piattaforma del Comune, e dovrai scriverlo di nuovo se cambi idea."
    ]
    * 6
)


def fits(text: QLabel) -> bool:
    return text.height() >= text.heightForWidth(text.width())


def test_a_long_question_shows_every_line(qtbot, window, snap) -> None:
    question = Confirm(window.centralWidget(), "longQuestion")
    question.ask("Vuoi togliere questa persona?", LONG, "No, continua", "Sì, togli")
    snap(window, "long-question")  # fails on any text cut off
    assert fits(question.body) and question.body.height() > 200
    # A shorter text while shown: the card gives the room back.
    question.ask("Vuoi togliere questa persona?", "Breve.", "No, continua", "Sì, togli")
    snap(window, "short-question")
    assert question.body.minimumHeight() < 100


def test_a_question_on_screen_follows_the_language_and_fits(qtbot, window, snap) -> None:
    window.ask_end_assisted_session()
    question = window.end_assisted_question
    italian = question.body.text()
    for lang in ("uk", "ar", "ro", "zh", "it"):
        window.ctx.switcher.set_language(lang)
        snap(window, f"end-assisted-{lang}")
        assert (question.body.text() == italian) == (lang == "it"), lang
        assert fits(question.body) and fits(question.title)


def test_a_message_on_screen_follows_the_language_and_fits(qtbot, window, snap) -> None:
    window.show_help()
    body = window.overlay.body
    italian = body.text()
    for lang in ("ar", "uk", "en", "it"):
        window.ctx.switcher.set_language(lang)
        snap(window, f"help-{lang}")
        assert (body.text() == italian) == (lang == "it"), lang
        assert fits(body)


def test_a_long_text_set_while_shown_fits_without_being_shown_again(qtbot, window, snap) -> None:
    window.show_help()
    body = window.overlay.body
    body.setText(LONG)  # as the help message does when the managers' answer comes
    snap(window, "help-changed-while-shown")
    assert fits(body)
