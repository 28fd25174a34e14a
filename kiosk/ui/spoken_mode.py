# SPDX-License-Identifier: EUPL-1.2
"""Spoken mode: the kiosk for a citizen who cannot see the screen (EN 301 549 5.1.3).

Started without sight (README, "Accessibility"): the help key of the navigation keypad
(F1), a headset plugged in where the hardware reports it, or a press of two seconds on
"Ask for help", always in the bottom corner of the screen. Then each screen says its
title and the control with focus; a control says its name, what it is, its state and its
format hint; errors, messages and the "Are you still there?" countdown are spoken; a
receipt or voucher is read aloud. Any key or touch stops the speech; the repeat key (F5)
says the last sentence again, the whole screen after a second press; + and - (or the
keypad's volume keys) change the volume, which goes back to the configured level when
the visit ends, as does spoken mode itself.

Privacy (5.1.3.8–9): what a citizen typed, PINs and other personal data are spoken only
when the sound goes to a headset (``speech.output = "headset"`` or a headset reported
plugged in); through the loudspeaker they are announced as hidden.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from kiosk.boot.config import SpeechSettings
from kiosk.core.scanner import MAX_GAP_S
from kiosk.core.speech import MAX_VOLUME, MIN_VOLUME, Speaker
from kiosk.ui.event_filters import install_on_application, never_raises, quiet_slot
from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.key_navigation import can_take_focus, visible_layer
from kiosk.ui.scanner_input import ScannerInput
from languages.catalog import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from kiosk.core.headset import JackSource
    from kiosk.ui.main_window import MainWindow
    from printing.slip import Slip

REPEAT_KEYS = {Qt.Key.Key_F5, Qt.Key.Key_MediaPlay}
LOUDER_KEYS = {Qt.Key.Key_VolumeUp, Qt.Key.Key_Plus, Qt.Key.Key_F8}
SOFTER_KEYS = {Qt.Key.Key_VolumeDown, Qt.Key.Key_Minus, Qt.Key.Key_F7}
VOLUME_STEP = 10
# "+" and "-" are also characters a barcode may begin with (a HIBC code on a medicine's
# box begins with "+"): their step waits until a scanner's next key would have come.
SIGN_VOLUME_KEYS = {Qt.Key.Key_Plus, Qt.Key.Key_Minus}
SIGN_WAIT_MS = int(MAX_GAP_S * 1000) + 30
LONG_PRESS_MS = 2000
LIVE_CHECK_MS = 250
READ_FIRST_MAX_MS = 180_000  # a slip read before printing prints after this at the latest
# What came of an action, shown on the same screen: said as it changes like a text
# marked live, once the sentence being said is over. A name is a label's or that of a
# part holding the labels (a result card, a list). True: it holds what was typed (a
# search's words), said only through a headset; the others say their labels marked
# personal (a state found, a voucher's code) in full only through a headset too.
OUTCOMES = {
    "resultsSummary": True,  # a search's result count
    "printState": False,  # a printout's state
    "statusResult": False,  # an application's state found
    "statusNotFound": False,  # no application found, or the search failed
    "walletList": False,  # the wallet's vouchers, or that there are none
    "walletPinOutcome": False,  # a wallet PIN sent, set or refused
    "deskConfirmed": False,  # a desk payment confirmed by the welfare manager
}
# Signs a voice would lose (espeak-ng reads no "<"), said as words before a number:
# "+40 721" (a telephone number), "< 1.000 €" (a platform's hint).
SIGN_WORDS = {
    "+": QT_TRANSLATE_NOOP("SpokenMode", "plus"),
    "<": QT_TRANSLATE_NOOP("SpokenMode", "less than"),
    ">": QT_TRANSLATE_NOOP("SpokenMode", "more than"),
}
ACTIVATING_KEYS = {
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Select,
    Qt.Key.Key_Space,
}


def spoken_char(c: str) -> str:
    """One character as the voice gets it: a pictograph is a pause; a control character
    (a NUL in a platform's label stops the voice's launch) or a format one (zero-width,
    bidi overrides) is nothing, except those that separate words (tab, newline)."""
    category = unicodedata.category(c)
    if category in ("Cc", "Cf"):
        return " " if c.isspace() else ""
    return " " if category.startswith("S") and category != "Sc" else c


def speakable(text: str, lang: str = "") -> str:
    """Text as a voice should read it: without pictographs (✓, ⚠, ‹, ⌂), control and
    format characters, and extra space. A sign before a number ("+40", "< 1.000") is no
    pictograph: said as its word in ``lang``, the voice's language (kept as the sign
    without one)."""
    said = []
    for at, c in enumerate(text):
        if c in SIGN_WORDS and text[at + 1 :].lstrip()[:1].isdigit():
            said.append(f" {translate('SpokenMode', SIGN_WORDS[c], lang)} " if lang else c)
        else:
            said.append(spoken_char(c))
    return " ".join("".join(said).split())


def outcome_of(text: QLabel) -> bool | None:
    """Whether ``text`` is an outcome (OUTCOMES), or is inside one: whether it holds
    what was typed; None if it is none."""
    node: QWidget | None = text
    while node is not None:
        if node.objectName() in OUTCOMES:
            return OUTCOMES[node.objectName()]
        node = node.parentWidget()
    return None


def is_error(text: QLabel) -> bool:
    """An error under a field, or an outcome shown with the warning sign (the sign has
    no sound: the word "Error" says it)."""
    return text.property("role") == "fieldError" or (
        text.text().lstrip().startswith("⚠") and outcome_of(text) is not None
    )


def is_personal(widget: QWidget) -> bool:
    """What the citizen typed, and what is marked personal (PIN, balance, codes)."""
    return bool(widget.property("personal")) or isinstance(widget, QLineEdit | QPlainTextEdit)


def screen_title(screen: QWidget) -> str:
    """The screen's title; one hidden for the keyboard's room still names the screen."""
    titles = [t for t in screen.findChildren(QLabel) if t.property("role") == "title" and t.text()]
    shown = [t for t in titles if t.isVisible()]
    return (shown or titles)[0].text() if titles else ""


class SpokenMode(QObject):
    switched = Signal(bool)  # started (True), or ended with the visit (False)

    def __init__(self, window: MainWindow, speaker: Speaker, settings: SpeechSettings) -> None:
        super().__init__(window)
        self.window = window
        self.speaker = speaker
        self.settings = settings
        self.on = False
        self.headset = False  # a headset reported plugged in
        self.jack: JackSource | None = None  # watched by application.watch_headset
        self.speaker.volume = settings.volume
        self.last = ""
        self._repeats = 0
        self._announcing = False
        self._seen_live: set[str] = set()
        self._left = ""  # what the control said that the focus was last taken off
        self._layer: QWidget | None = None
        self._countdown = ""
        # A button being clicked, as it was (checked, words): its change is said after.
        self._pressed: tuple[QAbstractButton, bool, str] | None = None
        self._live = QTimer(self)
        self._live.setInterval(LIVE_CHECK_MS)
        self._live.timeout.connect(self._check_live)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(LONG_PRESS_MS)
        self._hold.timeout.connect(self.start)
        # A slip read before it prints: what to do once the reading is over.
        self._after_reading: Callable[[], None] | None = None
        self._reading = QTimer(self)
        self._reading.setInterval(LIVE_CHECK_MS)
        self._reading.timeout.connect(self._check_reading)
        self._reading_cap = QTimer(self)
        self._reading_cap.setSingleShot(True)
        self._reading_cap.setInterval(READ_FIRST_MAX_MS)
        self._reading_cap.timeout.connect(self._reading_over)
        self._volume_step = 0  # a "+" or "-" waiting to be no reading's first key
        self._sign_wait = QTimer(self)
        self._sign_wait.setSingleShot(True)
        self._sign_wait.setInterval(SIGN_WAIT_MS)
        self._sign_wait.timeout.connect(self._sign_step)
        self._readers: list[ScannerInput] = []  # the scanners whose bursts it hears of
        window.help_button.installEventFilter(self)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._app = app
        app.focusChanged.connect(self._focus_changed)
        window.screen_shown.connect(self._screen_shown)
        window.visit_ended.connect(self.reset)
        window.ctx.switcher.changed.connect(self._language_changed)

    @property
    def private(self) -> bool:
        """The sound goes to one person's ears only."""
        return self.headset or self.settings.output == "headset"

    # Starting and ending --------------------------------------------------------------

    def start(self) -> None:
        if self.on:
            return
        self.on = True
        self.switched.emit(True)
        # Every key and touch, before any widget: only while spoken (an application
        # filter costs a call for every event of every widget).
        # Behind the idle watch (the repeat and volume keys it takes are activity) and
        # the scanner's reader (a "+" or "-" in a reading is data, not the volume).
        install_on_application(self)
        self._hear_readers()
        self._seen_live = set(self._live_texts())
        self._layer = visible_layer(self.window)
        self._live.start()
        if self.window.navigator is not None:
            self._announcing = True  # the focus is said with the screen, below
            self.window.navigator.begin()
            self._announcing = False
        self.say(
            " ".join(
                [
                    self.tr(
                        "Spoken mode is on. Arrows or Tab move between controls, OK chooses,"
                        " the back key goes back, the help key asks for help, F5 repeats,"
                        " plus and minus change the volume."
                    ),
                    self._screen_words(),
                ]
            )
        )

    def set_headset(self, plugged: bool, moved: bool = True) -> None:
        """The hardware reports the headset jack: plugging in starts spoken mode (a
        headset found plugged in at start-up does not: it may be the kiosk's handset)."""
        self.headset = plugged
        if plugged and moved:
            self.start()

    def reset(self) -> None:
        """The visit ended: silence, spoken mode off, volume back to the configured level."""
        self.speaker.stop()
        self._left = ""
        was_on = self.on
        if self.on:
            self._app.removeEventFilter(self)
        self.on = False
        self._live.stop()
        self._sign_wait.stop()
        self._reading_over()  # a slip being read prints (the visit is over)
        self.speaker.volume = self.settings.volume
        self.last = ""
        if was_on:
            self.switched.emit(False)

    # Speaking -------------------------------------------------------------------------

    def say(self, text: str) -> None:
        text = speakable(text, self.window.ctx.lang)
        if not self.on or not text:
            return
        self.last = text
        self._repeats = 0
        self.speaker.say(text, self.window.ctx.lang)

    def describe(self, widget: QWidget) -> str:
        """What a control is, said when it gets focus: name, kind, state, value, hint."""
        face = QAccessible.queryAccessibleInterface(widget)
        name = face.text(QAccessible.Text.Name) if face is not None else ""
        parts = [name or widget.objectName()]
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            parts.append(self.tr("text field"))
            typed = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            if not typed:
                parts.append(self.tr("empty"))
            elif isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal:
                parts.append(self.tr("%n character(s), hidden", "", len(typed)))
            elif self.private:
                parts.append(self.tr("contains {text}").format(text=" ".join(typed)))
            else:
                parts.append(self.tr("filled in, hidden: use a headset to hear it"))
        elif isinstance(widget, QAbstractButton):
            if widget.property("personal"):
                value = widget.property("spokenValue") or ""
                if value and self.private and widget.property("spokenAsWords"):
                    parts.append(str(value))  # a balance is said as words, not spelled
                elif value and self.private:
                    parts.append(self.tr("contains {text}").format(text=" ".join(str(value))))
                elif value and widget.property("spokenAloud"):
                    # Words that tell nothing of the value (a PIN's count of hidden
                    # digits): a headset would say no more, so none is asked for.
                    parts.append(str(widget.property("spokenAloud")))
                elif value:
                    parts.append(self.tr("filled in, hidden: use a headset to hear it"))
                else:
                    parts.append(self.tr("empty"))
            parts.append(self.tr("button"))
            if widget.isCheckable():
                parts.append(self.tr("selected") if widget.isChecked() else self.tr("not selected"))
        if not widget.isEnabled():
            parts.append(self.tr("not available"))
        description = widget.accessibleDescription()
        if description:
            parts.append(description)
        return ". ".join(speakable(p) for p in parts if p)

    def _screen_words(self) -> str:
        layer = visible_layer(self.window)
        if layer is not None:
            words = [self._layer_text(layer)]
        else:
            title = screen_title(self.window.navigation.current_screen)
            words = [self.tr("Screen: {title}").format(title=title) if title else ""]
            # Errors already shown are said with the screen, not taken as heard: a
            # refusal that sent the citizen back a page shows on the page it opens.
            errors = [self._aloud(t) for t in self._live_labels() if is_error(t)]
            if errors:
                words.append(self.tr("Error: {text}").format(text=". ".join(errors)))
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self.window:
            words.append(self.describe(focus))
        return ". ".join(w for w in words if w)

    def _layer_text(self, layer: QWidget) -> str:
        return ". ".join(self._readable(layer))

    def _readable(self, root: QWidget) -> list[str]:
        """The visible texts under ``root``; what is marked personal (a balance, an
        answer, a code) only through a headset (5.1.3.9): through the loudspeaker its
        words without the citizen's data, if it has them, and a word that some were
        left out."""
        said, withheld = [], False
        for each in root.findChildren(QLabel):
            if not (each.isVisible() and each.text()):
                continue
            if self.private or not is_personal(each):
                said.append(each.text())
                continue
            withheld = True
            if each.property("spokenAloud"):
                said.append(str(each.property("spokenAloud")))
        if withheld:
            said.append(self.tr("Personal details are not read on the loudspeaker: use a headset."))
        return said

    def _aloud(self, text: QLabel) -> str:
        """A label's text as spoken now: a personal one in full only through a headset;
        through the loudspeaker its words without the citizen's data, or that it holds
        some (an error with the credit left, say)."""
        if self.private or not is_personal(text):
            return text.text()
        aloud = text.property("spokenAloud")
        return (
            str(aloud)
            if aloud
            else self.tr("a message with personal details: use a headset to hear it")
        )

    def read_screen(self) -> None:
        """Every text of the screen in reading order (the repeat key, pressed twice)."""
        root = visible_layer(self.window) or self.window.navigation.current_screen
        self.say(". ".join(self._readable(root)))

    def read_slip(self, slip: Slip, also: Sequence[Slip] = ()) -> None:
        """A receipt or voucher, and the slips printed with it (a purchase's vouchers),
        read aloud with every line (5.1.3.16): codes, amounts and validity are personal,
        so only through a headset."""
        if not self.on:
            return
        self._layer = visible_layer(self.window)  # the print panel: the slip speaks for it
        if not self.private:
            self.say(self.tr("A receipt is being printed. Use a headset to hear what it says."))
            return
        from printing.spoken import slip_words

        # Slips are printed in Italian: read in the Italian voice whatever the screen's.
        self.last = speakable(". ".join(slip_words(each) for each in (slip, *also)), "it")
        self.speaker.say(self.last, "it")

    def read_before_printing(
        self, slip: Slip, then: Callable[[], None], also: Sequence[Slip] = ()
    ) -> None:
        """A receipt or voucher about to print is read aloud first (5.1.3.16: the citizen
        hears what they will get before the paper comes out); ``then`` lets it print once
        the reading is over: said to the end, stopped by the citizen's key or touch, the
        visit over, or after READ_FIRST_MAX_MS at most."""
        self._reading_over()  # an earlier slip still being read: it prints now
        if not self.on or not self.private:
            self.read_slip(slip)  # through the loudspeaker only that it prints
            then()
            return
        self._after_reading = then
        self.read_slip(slip, also)
        self._reading.start()
        self._reading_cap.start()

    def _check_reading(self) -> None:
        if not self.speaker.speaking():
            self._reading_over()

    def _reading_over(self) -> None:
        self._reading.stop()
        self._reading_cap.stop()
        then, self._after_reading = self._after_reading, None
        if then is not None:
            then()

    def _screen_shown(self, _route: str) -> None:
        if not self.on:
            return
        self._announcing = True
        # Once the screen has settled and the navigator has put the focus in it.
        QTimer.singleShot(0, self, self._announce)

    def _announce(self) -> None:
        self._announcing = False
        self._seen_live = set(self._live_texts())
        self.say(self._screen_words())

    @quiet_slot
    def _language_changed(self, code: str) -> None:
        """The citizen chose a language: said once its words have reached the screen.
        (Its buttons hide as it changes and the focus moves on, to a control still named
        in the old language: that is not said.)"""
        if not self.on:
            return
        self._announcing = True
        # After the LanguageChange events the switch has posted to the widgets.
        QTimer.singleShot(0, self, lambda: self._announce_language(code))

    @quiet_slot  # called by a timer: speech never raises
    def _announce_language(self, code: str) -> None:
        self._announcing = False
        self._seen_live = set(self._live_texts())
        self.say(". ".join(w for w in (LANGUAGE_NAMES.get(code, ""), self._screen_words()) if w))

    @quiet_slot
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self.on and new is None and old is not None and shiboken6.isValid(old):
            # The focus taken off a control (a list about to be drawn again): what it
            # said, for the control that takes it back (see _same_again).
            self._left = self.describe(old) if old.window() is self.window else ""
        if (
            self.on
            and not self._announcing
            and self._after_reading is None  # a slip is read before it prints: let it be
            and new is not None
            and new is QApplication.focusWidget()  # not moved on already (key_navigation)
            and not self._focus_returning()
            and new.window() is self.window
            and can_take_focus(new)
        ):
            words = self.describe(new)
            if not self._same_again(words):
                self.say(words)
        if new is not None:
            # Matched once only: after a control was said (Qt's own move to the header
            # when the one with the focus was deleted), the one given back is news.
            self._left = ""

    def _same_again(self, words: str) -> bool:
        """A list drawn again (a sync pass) gave the focus back to a control that says
        what the one it left said (the same service's card): the citizen never moved,
        and hearing it at every pass that changed the list would be noise."""
        navigator = self.window.navigator
        return navigator is not None and navigator.redrawing and words == self._left

    def _focus_returning(self) -> bool:
        """The focus goes back to the control that had it before it was disabled (Search
        as its search ends): the citizen never left it, and the outcome is the news."""
        navigator = self.window.navigator
        return navigator is not None and navigator.restoring

    # Errors, messages and the countdown, as they appear --------------------------------

    def _live_labels(self) -> list[QLabel]:
        """The errors of the screen and of the message over it, the texts marked live (a
        quantity beside its "+") and the outcomes (OUTCOMES: a search's count, a
        printout's state, a state found)."""
        roots: list[QWidget] = [self.window.navigation.current_screen]
        layer = visible_layer(self.window)
        if layer is not None and not roots[0].isAncestorOf(layer):
            roots.append(layer)
        return [
            t
            for root in roots
            for t in root.findChildren(QLabel)
            # The cheap checks first: the outcome's walk up the parents comes last (this
            # runs every LIVE_CHECK_MS on the UI thread).
            if t.isVisible()
            and t.text()
            and (
                t.property("role") == "fieldError"
                or t.property("live")
                or outcome_of(t) is not None
            )
        ]

    def _live_texts(self) -> list[str]:
        return [t.text() for t in self._live_labels()]

    def _check_live(self) -> None:
        layer = visible_layer(self.window)
        countdown = layer.findChild(QLabel, "stillThereCountdown") if layer else None
        if layer is not self._layer:
            self._layer = layer
            # The countdown is said with its layer: its next numbers follow from there.
            self._countdown = countdown.text() if countdown is not None else ""
            if layer is not None:
                if layer.findChild(QAbstractButton) is not None and self.window.navigator:
                    self.window.navigator.focus_first()
                self._announcing = False
                self._seen_live = set(self._live_texts())  # said with the layer
                self.say(self._screen_words())
                return
        if countdown is not None and countdown.text() != self._countdown:
            self._countdown = countdown.text()
            seconds = int("".join(c for c in self._countdown if c.isdigit()) or 0)
            # The last seconds always; every fifth only in silence: a number must not cut
            # off the question, what happens when the time runs out and the way to more.
            if seconds <= 5 or (seconds % 5 == 0 and not self.speaker.speaking()):
                self.say(self._countdown)
        if self._announcing:
            return  # the screen about to be announced says its errors itself
        now = self._live_labels()
        new = [t for t in now if t.text() not in self._seen_live]
        # An outcome waits for the sentence being said (a slip read aloud, a screen): it
        # stays new until it can be said.
        waiting = (
            {t.text() for t in new if outcome_of(t) is not None}
            if self.speaker.speaking()
            else set()
        )
        new = [t for t in new if t.text() not in waiting]
        self._seen_live = {t.text() for t in now} - waiting
        errors = [self._aloud(t) for t in new if is_error(t)]
        news = self._news(
            [t for t in new if not is_error(t) and (self.private or not outcome_of(t))]
        )
        words = [self.tr("Error: {text}").format(text=". ".join(errors))] if errors else []
        if words or news:
            self.say(". ".join(words + news))

    def _news(self, texts: list[QLabel]) -> list[str]:
        """New texts as said now: through the loudspeaker the personal ones (a voucher's
        code, a state found) by their words without the citizen's data, if they have
        them, and once that some were left out."""
        said, withheld = [], False
        for each in texts:
            if self.private or not is_personal(each) or each.property("spokenAloud"):
                said.append(self._aloud(each))
            else:
                withheld = True
        if withheld:
            said.append(self.tr("Personal details are not read on the loudspeaker: use a headset."))
        return said

    # Keys and touches -------------------------------------------------------------------

    @never_raises
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window.help_button:
            if kind == QEvent.Type.MouseButtonPress:
                self._hold.start()
            elif kind == QEvent.Type.MouseButtonRelease:
                self._hold.stop()
            return False
        if kind == QEvent.Type.MouseButtonPress and self.on:
            self.speaker.stop()  # the citizen acts: silence
            return False
        if kind == QEvent.Type.MouseButtonRelease and isinstance(watched, QAbstractButton):
            self._may_toggle(watched)  # a touch clicks on release
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        assert isinstance(event, QKeyEvent)
        key = Qt.Key(event.key())
        if key in ACTIVATING_KEYS:  # OK clicks on the press, Space on the release
            focus = QApplication.focusWidget()
            if isinstance(focus, QAbstractButton):
                self._may_toggle(focus)
        return self._key(key) if kind == QEvent.Type.KeyPress else False

    def _may_toggle(self, button: QAbstractButton) -> None:
        """A button about to be clicked: its new state or words are said once the click
        is done (an answer chosen, larger text on, "Togli" now "Tocca ancora per
        togliere"): nothing else tells a citizen who cannot see."""
        if self.on and self._pressed is None:
            self._pressed = (button, button.isChecked(), button.text())
            QTimer.singleShot(0, self, self._say_toggled)

    @quiet_slot  # called by a timer: speech never raises
    def _say_toggled(self) -> None:
        pressed, self._pressed = self._pressed, None
        if pressed is None or self._announcing:  # a new screen or language says it all
            return
        button, was, words = pressed
        try:
            changed = button.isVisible() and (
                button.isChecked() != was or (button.hasFocus() and button.text() != words)
            )
        except RuntimeError:  # the button went with what the click replaced
            return
        if changed:
            self.say(self.describe(button))

    def _key(self, key: Qt.Key) -> bool:
        self.speaker.stop()
        if key in REPEAT_KEYS:
            self._repeats += 1
            if self._repeats >= 2:
                self.read_screen()
            elif self.last:
                self.speaker.say(self.last, self.window.ctx.lang)
            return True
        typing = isinstance(QApplication.focusWidget(), QLineEdit | QPlainTextEdit)
        louder, softer = key in LOUDER_KEYS, key in SOFTER_KEYS
        if (louder or softer) and not (typing and key in SIGN_VOLUME_KEYS):
            step = VOLUME_STEP if louder else -VOLUME_STEP
            if key in SIGN_VOLUME_KEYS:
                self._volume_step = step
                self._sign_wait.start()
            else:
                self._change_volume(step)
            return True
        return False

    def _change_volume(self, step: int) -> None:
        volume = max(MIN_VOLUME + VOLUME_STEP, min(MAX_VOLUME, self.speaker.volume + step))
        self.speaker.volume = volume
        self.say(self.tr("Volume {n} percent").format(n=volume))

    def _hear_readers(self) -> None:
        """The barcode readers' bursts: a "+" or "-" that began one is data."""
        for reader in self.window.findChildren(ScannerInput):
            if all(reader is not known for known in self._readers):
                self._readers.append(reader)
                reader.burst_went_on.connect(self._sign_wait.stop)

    @quiet_slot  # called by a timer: speech never raises
    def _sign_step(self) -> None:
        """No scanner's key followed the "+" or "-": a person's, for the volume."""
        if self.on:
            self._change_volume(self._volume_step)


class HeadsetBridge(QObject):
    """The jack's news, from its thread to spoken mode on the UI thread."""

    changed = Signal(bool, bool)  # plugged, moved (False: the state found at the start)
