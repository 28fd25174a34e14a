# SPDX-License-Identifier: EUPL-1.2
"""What comes of a citizen's action on the same screen is said in spoken mode: a state
looked up (or none found), the wallet's vouchers (or none), a wallet PIN set, a desk
payment confirmed, a refusal that sends the checkout back a page. The focus of a control
disabled while it works stays with it, not on the header; signs before numbers are
said as words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.manager_login import LoginOutcome, Manager
from kiosk.core.purchasing import Cart, CreditView, cart_line
from kiosk.core.speech import SilentSpeaker
from kiosk.core.status_lookup import Standing
from kiosk.core.wallet import WalletVoucher
from kiosk.ui.main_window import MainWindow
from kiosk.ui.spoken_mode import speakable
from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import fill, listen, tap
from tests.kiosk.shopping import CF, add_to_cart, identify, type_on_keypad
from tests.kiosk.views import as_manager

WITHHELD = "I dati personali non vengono letti dall’altoparlante: usa le cuffie."
NOT_FOUND = "Nessuna domanda corrisponde a questo codice di verifica"


def press(qtbot, window: QWidget, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A key as the keypad sends it, to the control with focus."""
    qtbot.keyClick(QApplication.focusWidget() or window, key)
    QApplication.processEvents()


def spoken(window: Any, *, headset: bool) -> SilentSpeaker:
    speaker = listen(window)
    window.spoken.start()
    window.spoken.set_headset(headset, moved=False)
    return speaker


def heard(qtbot, speaker: SilentSpeaker, since: int, words: str) -> str:  # type: ignore[no-untyped-def]
    """The sentence said after ``since`` that holds ``words``, waited for (the live texts
    are looked at every 250 ms)."""

    def found() -> str:
        return next((t for t in speaker.texts()[since:] if words in t), "")

    qtbot.waitUntil(lambda: bool(found()), timeout=3_000)
    return found()


def test_a_search_with_no_application_found_is_said_and_the_focus_stays_on_search(  # type: ignore[no-untyped-def]
    qtbot, kiosk
) -> None:
    """Keys only, through the reference platform: OK on Search disabled it while it
    searched, and Qt sent the focus to the header's "Larger text", said aloud over the
    answer, which was never said."""
    window, _backend = kiosk
    window.go("status", {})
    screen = window.screens["status"]
    speaker = spoken(window, headset=False)
    fill(qtbot, window, "tracking", "DOM-KXPW-7M3Q")
    fill(qtbot, window, "status_cf", CF)
    screen.search_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait(50)
    since = len(speaker.texts())
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.not_found.isVisible, timeout=10_000)
    heard(qtbot, speaker, since, NOT_FOUND)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.search_button)
    qtbot.wait(300)
    assert not any("Testo più grande" in t for t in speaker.texts()[since:])
    # The focus came back to Search unannounced: the answer is the news.
    assert not any(t.startswith("Cerca") for t in speaker.texts()[since:])


def test_a_state_found_is_said_its_details_only_through_a_headset(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("status", {})
    screen = window.screens["status"]
    speaker = spoken(window, headset=False)
    since = len(speaker.texts())
    screen.show_standing(
        Standing("needs_documents", "PRT-77", {"it": "Buoni spesa"}, datetime(2026, 11, 1))
    )
    said = heard(qtbot, speaker, since, WITHHELD)
    assert "Buoni spesa" in said
    assert "PRT-77" not in said and "documenti" not in said
    window.spoken.set_headset(True, moved=False)
    since = len(speaker.texts())
    screen.show_standing(Standing("admitted", "PRT-78", {"it": "Contributo affitto"}, None))
    said = heard(qtbot, speaker, since, "Accolta")
    assert "PRT-78" in said and "Contributo affitto" in said
    since = len(speaker.texts())
    screen.show_standing(None)
    heard(qtbot, speaker, since, NOT_FOUND)
    since = len(speaker.texts())
    screen.show_search_failed()
    heard(qtbot, speaker, since, "In questo momento la ricerca non è possibile")


def vouchers() -> list[WalletVoucher]:
    return [
        WalletVoucher(
            f"v{i}",
            "Buoni spesa",
            "Comune di Piazzola",
            2500 * (i + 1),
            None,
            date(2026, 1, 1),
            date(2027, 3, 31),
            f"BS-QQ{i}",
            "x",
        )
        for i in range(2)
    ]


def test_the_wallet_s_vouchers_or_none_are_said_codes_only_through_a_headset(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    window.go("wallet", {})
    screen = window.screens["wallet"]
    speaker = spoken(window, headset=False)
    since = len(speaker.texts())
    screen.show_vouchers([])
    heard(qtbot, speaker, since, "Non ci sono buoni a tuo nome da stampare")
    since = len(speaker.texts())
    screen.show_vouchers(vouchers())
    said = heard(qtbot, speaker, since, WITHHELD)
    assert "BS-QQ0" not in said and "25,00" not in said
    screen.forget()
    window.spoken.set_headset(True, moved=False)
    qtbot.wait(300)
    since = len(speaker.texts())
    screen.show_vouchers(vouchers())
    said = heard(qtbot, speaker, since, "BS-QQ1")
    assert "BS-QQ0" in said and "50,00" in said


def test_a_wallet_pin_s_outcome_is_said_a_failure_as_an_error(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    as_manager(window)
    window.go("wallet_pin", {})
    screen = window.screens["wallet_pin"]
    speaker = spoken(window, headset=False)
    since = len(speaker.texts())
    screen.show_state("accepted")
    heard(qtbot, speaker, since, "Fatto: il PIN è impostato")
    since = len(speaker.texts())
    screen.show_state("error")
    said = heard(qtbot, speaker, since, "Non è riuscito")
    assert said.startswith("Errore: ")  # the ⚠ on screen has no sound


SILVIA = Manager("1001", "Silvia Demo", "Coop", "welfare_manager", b"k" * 32)


@pytest.fixture
def desk_kiosk(qtbot, qapp, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path))
    yield window
    tasks.shutdown()
    backend.close()
    window.ctx.switcher.detach()


def test_a_desk_payment_confirmed_is_said(  # type: ignore[no-untyped-def]
    qtbot, desk_kiosk: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def check(*_args: Any, **_kwargs: Any) -> LoginOutcome:
        return LoginOutcome(SILVIA)

    monkeypatch.setattr("kiosk.ui.controllers.purchase.log_in", check)
    window = desk_kiosk
    window.manager_mode.manager = SILVIA
    window.manager_mode.start_assisted_session()
    add_to_cart(qtbot, window, "s01")
    window.go("checkout")
    identify(qtbot, window, CF)
    tap(qtbot, window, "Pago ora allo sportello (contanti o carta, con il welfare manager)")
    checkout: Any = window.screens["checkout"]
    type_on_keypad(qtbot, checkout.desk.keypad, "246810")
    speaker = spoken(window, headset=True)
    since = len(speaker.texts())
    tap(qtbot, window, "Conferma il pagamento")
    qtbot.waitUntil(lambda: checkout.desk.confirmed, timeout=5_000)
    heard(qtbot, speaker, since, "Pagamento ricevuto")


def test_a_refusal_after_confirming_is_said_with_the_page_it_sends_back_to(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    """The refusal shows on "How do you pay?": that page's announcement took the error
    as heard, and the citizen heard only the page's title."""
    window.ctx.citizen.cart = Cart()
    with window.catalog.store.read() as session:
        window.ctx.citizen.cart.add(cart_line(session, "s01", 3))
    window.go("checkout", {})
    screen = window.screens["checkout"]
    screen.show_identified(CreditView(43210, 0, 43210))
    speaker = spoken(window, headset=True)
    screen.pay_buttons["credit"].setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, window, Qt.Key.Key_Return)
    screen.confirm_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, window, Qt.Key.Key_Return)  # "Check the order ›"
    qtbot.waitUntil(lambda: screen.mode == "review")
    screen.confirm_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, window, Qt.Key.Key_Return)  # "Confirm the order"
    assert screen.mode == "sending"
    since = len(speaker.texts())
    screen.show_refused("credit_too_low", "1234")  # the purchase controller's answer
    said = heard(qtbot, speaker, since, "Schermata: Come paghi?")
    assert "Errore: Il credito non basta" in said


def test_a_control_disabled_with_the_focus_keeps_it_until_enabled(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("status", {})
    search = window.screens["status"].search_button
    navigator = window.navigator
    navigator.begin()  # keys drive the visit
    search.setFocus(Qt.FocusReason.TabFocusReason)
    search.setEnabled(False)
    assert QApplication.focusWidget() is None  # not the header's first toggle
    assert navigator.ring.target is search and navigator.ring.isVisible()
    search.setEnabled(True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search)
    # Once the focus is elsewhere, enabling the control again leaves it there.
    search.setEnabled(False)
    clear = window.screens["status"].code
    clear.setFocus(Qt.FocusReason.TabFocusReason)
    search.setEnabled(True)
    qtbot.wait(50)
    assert QApplication.focusWidget() is clear


@pytest.mark.parametrize(
    ("text", "lang", "said"),
    [
        ("come 347 123 4567 o +40 721 234 567.", "it", "come 347 123 4567 o più 40 721 234 567."),
        ("like +40 721 234 567", "en", "like plus 40 721 234 567"),
        ("importo < 1.000 €", "it", "importo minore di 1.000 €"),
        ("età >65", "uk", "età більше ніж 65"),
        ("+40", "", "+40"),  # no voice's language: the sign as it is
        ("A+ Testo più grande", "it", "A Testo più grande"),  # a pictograph: dropped
        ("<< >> + =", "it", ""),  # not before a number: no word
    ],
)
def test_a_sign_before_a_number_is_said_as_a_word(text: str, lang: str, said: str) -> None:
    assert speakable(text, lang) == said


def test_the_voice_says_the_sign_in_the_screen_s_language(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    speaker = spoken(window, headset=False)
    window.ctx.switcher.set_language("en")
    window.spoken.say("Call +39 049 123")
    assert speaker.said[-1].text == "Call plus 39 049 123" and speaker.said[-1].lang == "en"
