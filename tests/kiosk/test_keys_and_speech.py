# SPDX-License-Identifier: EUPL-1.2
"""The kiosk without sight and without touch: keys, the focus ring, spoken mode, contrast.

The speech engine is the one fake here (``SilentSpeaker`` keeps what it was asked to
say): the true edge is a loudspeaker. The real engine is checked on its own, by the
sound it writes (test_espeak_ng_makes_sound).
"""

from __future__ import annotations

import math
import shutil
import struct
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.core.speech import SilentSpeaker, espeak_command, render_wav
from kiosk.ui.key_navigation import can_take_focus
from kiosk.ui.spoken_mode import speakable
from kiosk.ui.theme import HIGH_CONTRAST, THEMES, contrast_ratio, text_pairs
from tests.kiosk.people import listen, opened, prefilled
from tests.printing.escpos_decode import decode


def press(qtbot, window, key: Qt.Key, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    """Keys as a keypad sends them: each one after the event loop has carried out what
    the last one started (a new screen's focus and its announcement)."""
    for _ in range(times):
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, key)
        QApplication.processEvents()


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_tab_goes_through_every_control_in_reading_order(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_Tab)
    seen: list[QWidget] = []
    while focused() not in seen:
        seen.append(focused())
        press(qtbot, window, Qt.Key.Key_Tab)
    reachable = [w for w in window.findChildren(QAbstractButton) if can_take_focus(w)]
    assert set(seen) == set(reachable) and len(reachable) >= 6
    names = [w.objectName() for w in seen]
    start = names.index("largeText")  # Tab goes round: read the round from the top
    names = names[start:] + names[:start]
    # The header first (larger text, contrast, languages), then the screen, then the footer.
    assert names.index("largeText") < names.index("servicesTile") < names.index("helpButton")
    assert names.index("language_it") < names.index("language_en")
    # Shift+Tab walks back the same way.
    press(qtbot, window, Qt.Key.Key_Backtab)
    assert focused() is seen[-1]


def test_arrows_and_ok_open_a_service_and_escape_goes_back(qtbot, window, snap) -> None:
    # The first key goes to the screen's first control (not the header), with a ring.
    window.visits.end()  # a visit starts with no focus
    assert focused() is None and not window.navigator.ring.isVisible()
    press(qtbot, window, Qt.Key.Key_Right)
    assert focused().objectName() == "servicesTile" and window.navigator.ring.isVisible()
    press(qtbot, window, Qt.Key.Key_Right)
    assert focused().objectName() == "callsTile" and window.navigator.ring.isVisible()
    snap(window, "focus-on-the-second-tile")
    press(qtbot, window, Qt.Key.Key_Left)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_route == "catalog")
    # The focus goes into the new screen, never stays on a hidden one.
    qtbot.waitUntil(lambda: focused() is not None and focused().isVisible())
    assert window.stack.currentWidget().isAncestorOf(focused())
    while focused().objectName() != "categoryTile":
        press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Space)  # Space presses too
    qtbot.waitUntil(lambda: window.current_route == "category")
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.current_route == "catalog")


def test_the_focus_ring_surrounds_the_control_and_shows_on_any_colour(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_Tab)
    ring = window.navigator.ring
    assert ring.isVisible() and ring.target is focused()
    image = window.grab().toImage()
    around = ring.ring_rect()
    top_left = focused().mapTo(window, QPoint(0, 0))
    edge = image.pixelColor(around.left() + 1, top_left.y() + focused().height() // 2)
    assert edge.name().upper() == HIGH_CONTRAST.focus_outer.upper() or edge.name() == "#000000"
    for tokens in THEMES.values():
        # The ring's outer colour stands out from the page, its inner one from a button.
        assert contrast_ratio(tokens.focus_outer, tokens.background) >= 3
        assert contrast_ratio(tokens.focus_inner, tokens.primary) >= 3


def test_the_on_screen_keyboard_types_by_keys(qtbot, window) -> None:
    window.go("catalog", {})
    search = window.stack.currentWidget().findChild(QWidget, "searchField")
    assert search is not None
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    keyboard = window.stack.currentWidget().findChild(QWidget, "keyboard")
    qtbot.waitUntil(lambda: keyboard.isVisible())
    key_q = keyboard.findChild(QAbstractButton, f"key_{ord('Q')}")
    key_q.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Right)  # to W
    press(qtbot, window, Qt.Key.Key_Space)
    assert search.text().lower() == "qw"


def test_spoken_mode_starts_by_the_help_key_and_speaks_each_screen(qtbot, window) -> None:
    speaker = listen(window)
    press(qtbot, window, Qt.Key.Key_F1)
    assert window.spoken.on
    assert "Modalità vocale attiva" in speaker.texts()[-1]
    press(qtbot, window, Qt.Key.Key_Tab)
    assert speaker.texts()[-1].startswith(speakable(focused().text()))
    assert "pulsante" in speaker.texts()[-1]
    window.go("catalog", {})
    qtbot.waitUntil(lambda: any(t.startswith("Schermata:") for t in speaker.texts()[-1:]))
    # Repeat (F5) says it again, a key stops the speech.
    stops = speaker.stops
    press(qtbot, window, Qt.Key.Key_F5)
    assert speaker.texts()[-1] == speaker.texts()[-2] and speaker.stops > stops
    # The volume without sight, back to the configured level after the visit.
    press(qtbot, window, Qt.Key.Key_VolumeUp)  # while typing, + is a character
    assert speaker.volume == window.spoken.settings.volume + 10
    assert speaker.texts()[-1] == f"Volume {speaker.volume} per cento"
    window.visits.end()
    assert not window.spoken.on and speaker.volume == window.spoken.settings.volume


def test_a_long_press_on_help_in_its_corner_starts_spoken_mode(qtbot, window) -> None:
    speaker = listen(window)
    window.spoken._hold.setInterval(50)  # two seconds on the kiosk
    help_button = window.help_button
    corner = help_button.mapTo(window, QPoint(help_button.width(), help_button.height()))
    assert corner.x() > window.width() - 100 and corner.y() > window.height() - 40
    qtbot.mousePress(help_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.spoken.on)
    qtbot.mouseRelease(help_button, Qt.MouseButton.LeftButton)
    assert speaker.said


def test_typed_text_is_spoken_only_through_a_headset(qtbot, window) -> None:
    speaker = listen(window)
    window.go("catalog", {})
    search = window.stack.currentWidget().findChild(QWidget, "searchField")
    search.setText("anziani")
    window.spoken.start()
    search.setFocus(Qt.FocusReason.TabFocusReason)
    said = speaker.texts()[-1]
    assert "anziani" not in said and "nascosto" in said
    window.spoken.set_headset(True)
    search.clearFocus()
    search.setFocus(Qt.FocusReason.TabFocusReason)
    assert "a n z i a n i" in speaker.texts()[-1]


def test_errors_and_the_idle_countdown_are_spoken(qtbot, window) -> None:
    speaker = listen(window)
    window.go("catalog", {})
    window.spoken.start()
    window.ask_still_there()
    qtbot.waitUntil(lambda: any("Sei ancora" in t for t in speaker.texts()))
    # Focus goes to the question's buttons, and the countdown is read as it runs down.
    assert window.visits.still_there.isAncestorOf(focused())
    window.visits.still_there.remaining = 6
    qtbot.waitUntil(lambda: any(t.startswith("5 secondi") for t in speaker.texts()), timeout=4000)
    press(qtbot, window, Qt.Key.Key_Escape)  # back: the question's "Continue"
    assert not window.visits.still_there.isVisible()


def test_high_contrast_for_the_visit_only(qtbot, window, snap) -> None:
    window.contrast_button.click()
    assert window.ctx.citizen.high_contrast
    assert HIGH_CONTRAST.background in QApplication.instance().styleSheet()
    press(qtbot, window, Qt.Key.Key_Tab, times=3)
    snap(window, "high-contrast-home-with-focus")
    window.set_large_text(True)
    window.go("catalog", {})
    snap(window, "high-contrast-large-catalog")
    window.visits.end()
    assert not window.ctx.citizen.high_contrast and not window.contrast_button.isChecked()
    assert HIGH_CONTRAST.background not in QApplication.instance().styleSheet()


@pytest.mark.parametrize("name", list(THEMES))
def test_every_text_pair_of_each_theme_meets_its_contrast(name: str) -> None:
    tokens = THEMES[name]
    for pair, (foreground, background) in text_pairs(tokens).items():
        ratio = contrast_ratio(foreground, background)
        assert ratio >= tokens.min_contrast, f"{name} {pair}: {ratio:.2f}"


def rms_of(path: Path) -> float:
    with wave.open(str(path)) as audio:
        assert audio.getsampwidth() == 2
        frames = audio.readframes(audio.getnframes())
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    return math.sqrt(sum(s * s for s in samples) / len(samples))


@pytest.mark.parametrize("lang", ["it", "en", "ro", "ar", "uk"])
def test_espeak_ng_makes_sound(tmp_path: Path, lang: str) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (./dev installs it when run as root)")
    wav = tmp_path / "said.wav"
    render_wav("Buoni spesa: domanda registrata.", lang, wav)
    assert rms_of(wav) > 500  # 16-bit samples: silence is 0, speech some thousands


def test_a_sentence_starting_with_a_dash_is_text_not_an_option() -> None:
    command = espeak_command("-v xx", "it", volume=50, rate_wpm=150)
    assert command[-2:] == ["--", "-v xx"] and command[:3] == ["espeak-ng", "-v", "it"]


def test_control_and_format_characters_are_not_spoken() -> None:
    # From a platform's form: a NUL stopped the voice's launch; zero-width and bidi
    # characters are invisible on screen and have no sound either.
    label = "Nome\u0000 e\u200b cognome\u202e\tdata\ndi\x1b nascita\u00ad \ufeff✓"
    assert speakable(label) == "Nome e cognome data di nascita"
    every = "".join(map(chr, [*range(0x20), *range(0x7F, 0xA0), 0x200B, 0x200E, 0x202E, 0x2066]))
    assert speakable(f"a{every}b") == "a b"  # tab and newlines still part the words


def press_until(qtbot, window, speaker: SilentSpeaker, words: str) -> None:  # type: ignore[no-untyped-def]
    """Tab until the voice names the wanted control (as a blind citizen listens)."""
    for _ in range(150):  # the on-screen keyboard has some 45 keys
        press(qtbot, window, Qt.Key.Key_Tab)
        if words in speaker.texts()[-1]:
            return
    raise AssertionError(f"no control called {words!r}; last heard: {speaker.texts()[-3:]}")


def heard(qtbot, speaker: SilentSpeaker, words: str, timeout: int = 5000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(words in t for t in speaker.texts()), timeout=timeout)


def test_a_blind_citizen_with_headset_and_keypad_finds_a_service_applies_hears_the_receipt(
    qtbot, kiosk, printer
) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    speaker = listen(window)
    window.spoken.headset = True  # the headset jack reports a headset
    # The answers of the form given earlier in the visit (typing them is covered by
    # the on-screen keyboard's own key test); from here on, keys only.
    import copy
    from datetime import UTC, datetime

    from kiosk.core.applying import start
    from tests.forms.samples import GOOD

    with window.catalog.store.read() as session:
        draft = start(session, "bs-piazzola", datetime.now(UTC))
    draft.answers, draft.page = copy.deepcopy(GOOD), 5  # 5: the review before sending
    window.ctx.citizen.drafts["bs-piazzola"] = draft
    assert focused() is None  # not on the header's toggle, where Qt put it at activation
    press(qtbot, window, Qt.Key.Key_F1)  # the keypad's help key starts spoken mode
    # The screen, then its first control (not the header's toggle Qt focused at start).
    assert "Schermata: Benvenuti al Social Point" in speaker.texts()[-1]
    assert "Servizi" in speaker.texts()[-1].split("Benvenuti")[-1]

    # Find a service: Services, the elderly, the first service.
    press(qtbot, window, Qt.Key.Key_Return)
    heard(qtbot, speaker, "Schermata: Servizi")
    press_until(qtbot, window, speaker, "Anziani")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_route == "category")
    heard(qtbot, speaker, "Schermata: ")
    said = len(speaker.said)
    press_until(qtbot, window, speaker, "Assistenza domiciliare")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_route == "service")
    qtbot.waitUntil(lambda: any("Schermata: Assistenza" in t for t in speaker.texts()[said:]))

    # Back home by the back key, then the call for buoni spesa.
    while window.current_route != "home":
        press(qtbot, window, Qt.Key.Key_Escape)
    press_until(qtbot, window, speaker, "Bandi e contributi")
    press(qtbot, window, Qt.Key.Key_Return)
    heard(qtbot, speaker, "Schermata: Bandi e contributi")
    press_until(qtbot, window, speaker, "Fai domanda qui")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_route == "apply")
    opened(window)
    press_until(qtbot, window, speaker, "Invia la domanda")
    speaker.busy = True  # from here the voice takes its time over each sentence
    press(qtbot, window, Qt.Key.Key_Return)

    # The receipt, read aloud in the headset with its tracking code, before it prints:
    # the printer worker has put it aside (that is what brought it on screen), and
    # nothing comes out while the voice reads it.
    heard(qtbot, speaker, "Codice di verifica", timeout=15_000)
    receipt = next(t for t in speaker.texts() if "Codice di verifica" in t)
    assert "DOMANDA" in receipt.upper() and "Buoni spesa" in receipt
    assert printer.jobs == []
    speaker.busy = False  # the reading is over: the receipt prints
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=10_000)
    printed = " ".join(decode(printer.jobs[0]).texts)
    code = window.screens["apply"].findChild(QLabel, "trackingCode")
    if code is not None and code.text():
        assert code.text().split()[-1] in receipt and code.text().split()[-1] in printed
    window.visits.end()  # spoken mode ends with the visit, and jobs print at once again
    assert not backend.printing.worker.reading_first


def test_personal_values_are_read_aloud_only_through_a_headset(qtbot, window) -> None:
    import copy
    from datetime import UTC, datetime

    from kiosk.core.applying import start
    from tests.forms.samples import GOOD

    speaker = listen(window)
    with window.catalog.store.read() as session:
        draft = start(session, "bs-piazzola", datetime.now(UTC))
    draft.answers, draft.page = copy.deepcopy(GOOD), 5  # the review of the answers
    window.ctx.citizen.drafts["bs-piazzola"] = draft
    window.go("apply", {"call_id": "bs-piazzola"})
    screen = window.stack.currentWidget()
    qtbot.waitUntil(lambda: any("Ferraro" in t.text() for t in screen.findChildren(QLabel)))
    window.spoken.start()
    window.spoken.read_screen()  # the repeat key, twice: the whole screen
    aloud = speaker.texts()[-1]
    assert "Buoni spesa" in aloud  # the screen is read ...
    for answer in ("Ferraro", "Via Roma", "347 123 4567"):
        assert answer not in aloud  # ... but not the citizen's answers
    window.spoken.set_headset(True)
    window.spoken.read_screen()
    assert all(answer in speaker.texts()[-1] for answer in ("Ferraro", "Via Roma"))


@pytest.mark.parametrize("page", range(6))
def test_no_form_page_reads_a_household_s_data_on_the_loudspeaker(qtbot, window, page: int) -> None:  # type: ignore[no-untyped-def]
    """Every page of the form, the household's included (names, codici fiscali, birth
    dates of the people who live with the applicant): read on the loudspeaker without
    any of it (EN 301 549 5.1.3.9)."""
    import copy
    from datetime import UTC, datetime

    from kiosk.core.applying import start
    from tests.forms.samples import GOOD

    speaker = listen(window)
    with window.catalog.store.read() as session:
        draft = start(session, "bs-piazzola", datetime.now(UTC))
    draft.answers, draft.page = copy.deepcopy(GOOD), page
    window.ctx.citizen.drafts["bs-piazzola"] = draft
    window.go("apply", {"call_id": "bs-piazzola"})
    screen = window.stack.currentWidget()
    qtbot.waitUntil(lambda: screen.findChildren(QLabel) != [])
    qtbot.wait(50)
    window.spoken.start()
    window.spoken.read_screen()
    aloud = " ".join(speaker.texts())
    members = [m["cf_membro"] for m in GOOD["membri"]]
    for secret in ("Ferraro", "Bianchi", "1941", "2015", *members):
        assert secret not in aloud, (page, secret)


def test_the_next_page_of_a_form_is_announced_and_the_keys_start_on_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A blind citizen moving through the form with the keypad hears the new page's
    title, and the next key works on that page (the old page's button is gone)."""
    screen = prefilled(window, page=1)
    speaker = listen(window)
    window.spoken.set_headset(True)
    qtbot.waitUntil(lambda: window.spoken.on)
    before = screen.page_title.text()
    screen.next_button.setFocus()
    heard = len(speaker.said)
    QTest.keyClick(screen.next_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.page_title.text() != before)
    after = screen.page_title.text()
    qtbot.waitUntil(lambda: any(after in text for text in speaker.texts()[heard:]))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    focused = QApplication.focusWidget()
    assert focused is not None and screen.isAncestorOf(focused)


def test_spoken_mode_left_on_at_the_home_screen_is_asked_about_then_ends(qtbot, window) -> None:
    """Someone listening at the home screen is asked aloud before the visit ends; left
    alone, spoken mode goes with the visit, and the next person does not find it on."""
    speaker = listen(window)
    window.spoken.start()
    assert window.current_route == "home" and not window.visits.at_rest()
    window.visits.countdown_s = 1
    window.idle.timeout_ms = 200
    window.idle.longer(False)
    qtbot.waitUntil(lambda: any("Sei ancora" in t for t in speaker.texts()), timeout=3_000)
    qtbot.waitUntil(lambda: not window.spoken.on, timeout=5_000)
    assert window.visits.at_rest()


def checkout_with_credit(qtbot, window):  # type: ignore[no-untyped-def]
    """A cart at the checkout, the citizen identified with € 432,10 to spend, spoken
    mode on through the loudspeaker."""
    from kiosk.core.purchasing import Cart, CreditView, cart_line

    window.ctx.citizen.cart = Cart()
    with window.catalog.store.read() as session:
        window.ctx.citizen.cart.add(cart_line(session, "s01", 2))
    window.go("checkout", {})
    screen = window.screens["checkout"]
    screen.show_identified(CreditView(43210, 0, 43210))
    speaker = listen(window)
    window.spoken.start()
    qtbot.wait(10)
    return screen, speaker


def test_the_checkout_reads_the_balance_items_and_order_code_only_through_a_headset(
    qtbot, window
) -> None:  # type: ignore[no-untyped-def]
    """The page checking the order (what is bought, "How you pay" with the balance) and
    the order's code once saved: read on the loudspeaker without the citizen's data,
    and saying that something was left out (EN 301 549 5.1.3.9)."""
    from kiosk.core.purchasing import Placed

    screen, speaker = checkout_with_credit(qtbot, window)
    screen.pay_buttons["credit"].click()
    screen.confirm_button.click()  # "Check the order ›": the review page
    assert screen.mode == "review"
    window.spoken.read_screen()
    aloud = speaker.texts()[-1]
    assert "Come paghi: Uso il mio credito welfare" in aloud
    for secret in ("432,10", "Baby sitter"):
        assert secret not in aloud
    assert "usa le cuffie" in aloud
    window.spoken.set_headset(True, moved=False)
    window.spoken.read_screen()
    assert all(said in speaker.texts()[-1] for said in ("432,10", "Baby sitter"))
    window.spoken.set_headset(False)
    screen.show_placed(Placed("ORD-7Q4K", "uuid", "receipt", ("voucher",), 2600))
    window.spoken.read_screen()
    aloud = speaker.texts()[-1]
    assert "7Q4K" not in aloud and "Dalla stampante escono la ricevuta" in aloud
    window.spoken.set_headset(True, moved=False)
    window.spoken.read_screen()
    assert "7Q4K" in speaker.texts()[-1]


def test_a_refusal_with_the_credit_left_is_spoken_without_the_amount(qtbot, window) -> None:
    screen, speaker = checkout_with_credit(qtbot, window)
    screen.show_refused("credit_too_low", "1234")
    qtbot.waitUntil(lambda: speaker.texts()[-1].startswith("Errore"))
    assert "12,34" not in speaker.texts()[-1]
    assert "credito non può pagare questo ordine" in speaker.texts()[-1]
    window.spoken.read_screen()  # the repeat key, twice, neither
    assert "12,34" not in speaker.texts()[-1]
    window.spoken.set_headset(True, moved=False)
    screen.show_refused("credit_limit", "4321")
    qtbot.waitUntil(lambda: "43,21" in speaker.texts()[-1])  # through a headset, in full


def test_any_error_marked_personal_is_announced_without_its_text_on_the_loudspeaker(
    qtbot, window
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.widgets.common import label, personal

    speaker = listen(window)
    window.go("catalog", {})
    window.spoken.start()
    qtbot.wait(10)
    error = personal(label(role="fieldError", name="someonesError"))
    window.stack.currentWidget().layout().addWidget(error)
    error.setText("Il PIN 246810 non è giusto")
    error.show()
    qtbot.waitUntil(lambda: speaker.texts()[-1].startswith("Errore"))
    assert "246810" not in speaker.texts()[-1] and "usa le cuffie" in speaker.texts()[-1]


def test_the_keypad_and_the_quantity_signs_are_said_in_words(qtbot, window) -> None:
    """The keys "⌫", "OK", "−" and "+" are named in the citizen's language, and "+"
    says the quantity it made."""
    speaker = listen(window)
    window.go("service", {"service_id": "s01"})
    screen = window.screens["service"]
    window.spoken.start()
    qtbot.wait(10)
    screen.more_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert speaker.texts()[-1].startswith("Uno in più. pulsante")
    screen.less_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert speaker.texts()[-1].startswith("Uno in meno. pulsante")
    screen.more_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, window, Qt.Key.Key_Return)
    assert screen.quantity_label.text() == "2 ore"
    qtbot.waitUntil(lambda: speaker.texts()[-1] == "2 ore")
    window.go("manager_login", {})
    keypad = window.screens["manager_login"].keypad
    assert window.spoken.describe(keypad.erase_key).startswith("Cancella. pulsante")
    assert window.spoken.describe(keypad.confirm_key).startswith("OK, conferma. pulsante")
    window.ctx.switcher.set_language("ro")
    qtbot.waitUntil(lambda: window.spoken.describe(keypad.erase_key).startswith("Șterge"))


def test_each_checkout_step_is_read_out_and_the_focus_goes_into_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Pay, then check the order: each step is a page of its own. Nothing was said
    when the order's summary came, and the focus stayed on the button just pressed,
    now "Confirm the order": a second press placed the order unheard."""
    from kiosk.core.purchasing import Cart, cart_line

    window.ctx.citizen.cart = Cart()
    with window.catalog.store.read() as session:
        window.ctx.citizen.cart.add(cart_line(session, "s01", 2))
    window.go("checkout", {})
    checkout = window.screens["checkout"]
    speaker = listen(window)
    window.spoken.set_headset(True, moved=False)
    window.spoken.start()
    qtbot.wait(50)
    checkout.show_identified(None)  # the controller's answer
    qtbot.waitUntil(lambda: any("Come paghi?" in said for said in speaker.texts()), timeout=3_000)
    checkout.pay_buttons["provider"].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(checkout.pay_buttons["provider"], Qt.Key.Key_Return)
    checkout.confirm_button.setFocus(Qt.FocusReason.TabFocusReason)
    heard = len(speaker.texts())
    QTest.keyClick(checkout.confirm_button, Qt.Key.Key_Return)  # "Check the order"
    assert checkout.mode == "review"
    qtbot.waitUntil(
        lambda: any("Controlla il tuo ordine" in said for said in speaker.texts()[heard:]),
        timeout=3_000,
    )
    qtbot.wait(50)
    assert QApplication.focusWidget() is not checkout.confirm_button


def test_a_keypad_is_reached_from_its_left_in_arabic_too(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The numeric keypad stays 1 2 3 from the left in Arabic: Tab and the arrows went
    3, 2, 1 over it, and the right arrow from 2 went to 1, on its left."""
    from tests.kiosk.views import VIEWS

    window.ctx.switcher.set_language("ar")
    VIEWS["assisted desk payment"](window)
    window.ctx.switcher.set_language("ar")
    keypad = window.screens["checkout"].desk.keypad
    window.navigator.used = True
    keys = keypad.keys
    keys["1"].setFocus(Qt.FocusReason.TabFocusReason)
    met = [keys["1"]]
    for _ in range(5):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        met.append(QApplication.focusWidget())
    assert met == [keys[c] for c in "123456"]
    keys["2"].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(keys["2"], Qt.Key.Key_Right)
    assert QApplication.focusWidget() is keys["3"]
    QTest.keyClick(keys["3"], Qt.Key.Key_Left)
    assert QApplication.focusWidget() is keys["2"]


def test_the_language_picker_opened_by_keys_takes_the_focus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The toggle hides itself when it opens the choices, and Qt sent the focus on to
    the footer's Back: a switch user scanned the whole screen again to reach them."""
    window.go("calls", {})
    qtbot.wait(20)
    for _ in range(60):
        if focused() is window.language_toggle:
            break
        press(qtbot, window, Qt.Key.Key_Tab)
    assert focused() is window.language_toggle
    press(qtbot, window, Qt.Key.Key_Return)
    assert focused() is window.language_buttons[window.ctx.lang]
