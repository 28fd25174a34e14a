# SPDX-License-Identifier: EUPL-1.2
"""A field that takes only some characters gets only their keys: the codice fiscale's
keyboard showed accented letters and an e-mail's signs (À È É @ _ / +), keys a codice
fiscale can never take, and a shift key for letters it writes in capitals anyway.
Every codice fiscale field, on every screen and in every language, shows A-Z and
0-9, each once, and nothing else; a PIN's fields show the digits."""

from __future__ import annotations

import string
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.ui.i18n import LANGUAGE_NAMES
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from tests.conftest import SCREENSHOT_DIR
from tests.kiosk.people import opened
from tests.kiosk.views import add_to_cart, as_manager

CODICE_FISCALE = sorted(string.digits + string.ascii_uppercase)


def _wallet_pin(window) -> None:  # type: ignore[no-untyped-def]
    as_manager(window)
    window.go("wallet_pin", {})


# route, how to get there, a codice fiscale field there
CODICE_FISCALE_FIELDS: list[tuple[str, Callable, str]] = [  # type: ignore[type-arg]
    (
        "apply",
        lambda w: (w.go("apply", {"call_id": "bs-piazzola"}), opened(w)._next()),
        "input_cf",
    ),
    ("status", lambda w: w.go("status", {}), "input_status_cf"),
    ("checkout", lambda w: (add_to_cart(w), w.go("checkout", {})), "input_checkout_cf"),
    ("wallet", lambda w: w.go("wallet", {}), "input_wallet_cf"),
    ("wallet_pin", _wallet_pin, "input_walletPinCf"),
]


def _keys_shown(qtbot, window, field: str) -> tuple[OnScreenKeyboard, list[str]]:  # type: ignore[no-untyped-def]
    """The keys typing into ``field`` once it is tapped: the characters they type."""
    box = window.stack.currentWidget().findChild(QLineEdit, field)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    [keyboard] = [
        k for k in window.findChildren(OnScreenKeyboard) if k.isVisible() and k.bound_to() is box
    ]
    typed = sorted(key.text().upper() for key in keyboard._keys if key.isVisible())
    return keyboard, typed


@pytest.mark.parametrize("lang", list(LANGUAGE_NAMES))
@pytest.mark.parametrize(
    "route,show,field", CODICE_FISCALE_FIELDS, ids=[f[0] for f in CODICE_FISCALE_FIELDS]
)
def test_a_codice_fiscale_gets_only_its_letters_and_digits(  # type: ignore[no-untyped-def]
    qtbot, window, lang: str, route: str, show: Callable, field: str
) -> None:
    window.resize(1280, 800)
    window.ctx.switcher.set_language(lang)
    show(window)
    qtbot.wait(10)
    keyboard, typed = _keys_shown(qtbot, window, field)
    if typed != CODICE_FISCALE:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SCREENSHOT_DIR / f"codice-fiscale-keys-{route}-{lang}.png"))
    assert typed == CODICE_FISCALE, f"{route}: {''.join(sorted(set(typed) ^ set(CODICE_FISCALE)))}"
    assert not keyboard.shift.isVisible() and not keyboard.switch.isVisible()
    assert not keyboard.space.isVisible()  # a codice fiscale has no spaces
    assert keyboard.hide_button.isVisible() and keyboard.backspace.isVisible()


def test_a_form_field_for_words_after_a_codice_fiscale_gets_every_key_back(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("apply", {"call_id": "bs-piazzola"})
    opened(window)._next()
    qtbot.wait(10)
    _keys_shown(qtbot, window, "input_cf")
    keyboard, typed = _keys_shown(qtbot, window, "input_cognome")
    assert {"À", "È", "@", "'"} <= set(typed)
    assert keyboard.space.isVisible() and keyboard.shift.isVisible()


@pytest.mark.parametrize("field", ["input_walletPinNew", "input_walletPinAgain"])
def test_a_pin_gets_the_digits(qtbot, window, field: str) -> None:  # type: ignore[no-untyped-def]
    _wallet_pin(window)
    qtbot.wait(10)
    keyboard, typed = _keys_shown(qtbot, window, field)
    assert typed == sorted(string.digits)
    assert not keyboard.space.isVisible()
