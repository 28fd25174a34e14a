# SPDX-License-Identifier: EUPL-1.2
"""With the on-screen keyboard open and a message under the field being typed in, the
field, its message and the button that goes on (Next, Search, Set the PIN) are all in
view above the keys, on both panels, in both text sizes: on a 1280 x 800 panel the
header, five rows of keys and the footer left the page about 190 px, and the button
(then the message too) stayed below the keys. The keys take four rows on a short
panel, the form's banner and format lines give the keys their room, and the button
sits just above the keys while they are open."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from tests.conftest import SCREENSHOT_DIR
from tests.kiosk.people import opened
from tests.kiosk.views import add_to_cart, as_manager, on_window, out_of_view

PANELS = [(1280, 800), (1920, 1080)]


def _settle(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(20)
    for _ in range(3):
        qapp.processEvents()


def _form_with_problems(window) -> QAbstractButton:  # type: ignore[no-untyped-def]
    """The form's first page sent empty: a message under each question."""
    window.go("apply", {"call_id": "bs-piazzola"})
    screen = opened(window)
    screen._next()  # past the privacy notice
    screen._next()  # nothing answered
    return screen.next_button


def _sent_wrong(show: Callable, field: str, send: str) -> Callable:  # type: ignore[type-arg]
    """``show``'s screen with a wrong codice fiscale typed in ``field`` and sent."""

    def view(window) -> QAbstractButton:  # type: ignore[no-untyped-def]
        show(window)
        screen = window.stack.currentWidget()
        screen.findChild(QLineEdit, field).setText("ABC")
        button = screen.findChild(QAbstractButton, send)
        button.click()
        return button

    return view


def _wallet_pin(window) -> None:  # type: ignore[no-untyped-def]
    as_manager(window)
    window.go("wallet_pin", {})


# what, how to get a message under the field, the field typed in, its message
CASES: list[tuple[str, Callable, str, str]] = [  # type: ignore[type-arg]
    ("form codice fiscale", _form_with_problems, "input_cf", "error_cf"),
    ("form name", _form_with_problems, "input_cognome", "error_cognome"),
    (
        "status",
        _sent_wrong(lambda w: w.go("status", {}), "input_status_cf", "statusSearch"),
        "input_status_cf",
        "error_status_cf",
    ),
    (
        "checkout",
        _sent_wrong(
            lambda w: (add_to_cart(w), w.go("checkout", {})),
            "input_checkout_cf",
            "checkout_cf_next",
        ),
        "input_checkout_cf",
        "error_checkout_cf",
    ),
    (
        "wallet",
        _sent_wrong(lambda w: w.go("wallet", {}), "input_wallet_cf", "wallet_cf_next"),
        "input_wallet_cf",
        "error_wallet_cf",
    ),
    (
        "wallet PIN",
        _sent_wrong(_wallet_pin, "input_walletPinCf", "walletPinSet"),
        "input_walletPinCf",
        "error_walletPinCf",
    ),
]


@pytest.mark.parametrize("large", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("size", PANELS, ids=[str(p[0]) for p in PANELS])
@pytest.mark.parametrize("lang", ["it", "uk", "ar"])
@pytest.mark.parametrize("what,show,field,message", CASES, ids=[c[0] for c in CASES])
def test_the_field_its_message_and_the_button_that_goes_on_are_above_the_keys(  # type: ignore[no-untyped-def]
    qtbot, qapp, window, what, show, field, message, lang, size, large
) -> None:
    window.resize(*size)
    window.ctx.switcher.set_language(lang)
    window.set_large_text(large)
    go_on = show(window)
    _settle(qtbot, qapp)
    screen = window.stack.currentWidget()
    box = screen.findChild(QLineEdit, field)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    _settle(qtbot, qapp)
    [keys] = [k for k in screen.findChildren(OnScreenKeyboard) if k.isVisible()]
    keys_top = on_window(keys).top()
    page = on_window(screen.page.viewport())
    shown = {
        "field": box,
        "message": screen.findChild(QLabel, message),
        "button": go_on,
    }
    problems = [
        f"{name}: {why}"
        for name, widget in shown.items()
        if (why := out_of_view(widget, keys_top, page.top()))
    ]
    if (window.width(), window.height()) != size:
        problems.append(f"the window grew to {window.width()}x{window.height()}")
    if problems:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = f"go-on-{what.replace(' ', '-')}-{lang}-{size[0]}-{'larger' if large else 'normal'}"
        window.grab().save(str(SCREENSHOT_DIR / f"{name}.png"))
    assert not problems, problems
