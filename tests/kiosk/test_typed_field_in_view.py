# SPDX-License-Identifier: EUPL-1.2
"""The field being typed in on the on-screen keyboard stays wholly in view, on every
screen with a keyboard, on the smallest panel (1280 x 800) and the usual one, by a tap
and by keys: on the small panel the tracking code and the codice fiscale were scrolled
behind the header (the screens brought their button into view, not the field), and the
letters typed went into a box the citizen could not see. Where the field and its button
fit together, both are in view. The window keeps the panel's size (the form's keyboard
pushed it past a 1280 x 800 panel)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from kiosk.ui.navigation import data_screens
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.in_view import TypedFieldInView
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from tests.kiosk.people import prefilled
from tests.kiosk.views import add_to_cart, as_manager

SMALL_PANEL, USUAL_PANEL = (1280, 800), (1920, 1080)


def _wallet_pin(window) -> None:  # type: ignore[no-untyped-def]
    as_manager(window)
    window.go("wallet_pin", {})


# route, how to get there, the fields typed in, the button that sends them (if any)
SCREENS: list[tuple[str, Callable, tuple[str, ...], str]] = [
    ("status", lambda w: w.go("status", {}), ("input_tracking", "input_status_cf"), "statusSearch"),
    (
        "checkout",
        lambda w: (add_to_cart(w), w.go("checkout", {})),
        ("input_checkout_cf", "input_checkout_cf_pin", "input_checkout_cf_phone"),
        "checkout_cf_next",
    ),
    (
        "wallet",
        lambda w: w.go("wallet", {}),
        ("input_wallet_cf", "input_wallet_cf_pin"),
        "wallet_cf_next",
    ),
    ("catalog", lambda w: w.go("catalog", {}), ("searchField",), ""),
    ("wallet_pin", _wallet_pin, ("input_walletPinCf", "input_walletPinNew"), "walletPinSet"),
    ("apply", lambda w: prefilled(w, page=1), ("input_indirizzo", "input_telefono"), ""),
]


def _settle(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(20)
    for _ in range(3):
        qapp.processEvents()


def _wholly_shown(widget: QWidget) -> bool:
    return widget.visibleRegion().boundingRect().height() >= widget.height()


def _fit_together(screen: Screen, box: QWidget, button: QWidget) -> bool:
    content = screen.page.widget()
    if not content.isAncestorOf(button):
        return True  # above the keys while they are open: it must be in view
    tops = [w.mapTo(content, QPoint(0, 0)).y() for w in (box, button)]
    bottom = max(top + w.height() for top, w in zip(tops, (box, button), strict=True))
    return bottom - min(tops) <= screen.page.viewport().height()


@pytest.mark.parametrize("size", [SMALL_PANEL, USUAL_PANEL], ids=["1280", "1920"])
@pytest.mark.parametrize("lang", ["it", "ar"])
@pytest.mark.parametrize("large", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("route,show,fields,send", SCREENS, ids=[s[0] for s in SCREENS])
def test_the_field_typed_in_is_wholly_in_view(  # type: ignore[no-untyped-def]
    qtbot, qapp, window, snap, size, lang, large, route, show, fields, send
) -> None:
    window.resize(*size)
    window.ctx.switcher.set_language(lang)
    window.set_large_text(large)
    show(window)
    _settle(qtbot, qapp)
    screen = window.stack.currentWidget()
    assert screen is window.screens[route]
    problems = []
    for name in fields:
        box = screen.findChild(QLineEdit, name)
        assert box is not None and box.isVisible(), name
        box.clear()
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        _settle(qtbot, qapp)
        key = next(
            k
            for k in screen.findChildren(QAbstractButton)
            if k.isVisible() and len(k.text()) == 1 and k.text().isalnum()
        )
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)
        _settle(qtbot, qapp)
        assert box.text(), f"{name}: the key typed nowhere"
        if (grown := (window.width(), window.height())) != size:
            # The screen's snap would not see it: the window past the panel, whose
            # bottom (the keys' last row, Back, help) a full-screen kiosk cuts off.
            problems.append(f"{name}: the window grew to {grown[0]}x{grown[1]}")
        if not _wholly_shown(box):
            problems.append(
                f"{name}: {box.visibleRegion().boundingRect().height()} of {box.height()} px"
            )
        button = screen.findChild(QAbstractButton, send) if send else None
        if button is not None and _fit_together(screen, box, button) and not _wholly_shown(button):
            problems.append(f"{name}: its button {send} out of view, though both fit")
    snap(screen, f"{route}-{lang}-typing")
    assert not problems, problems


@pytest.mark.parametrize("lang", ["it", "ar"])
def test_by_keys_the_field_stays_in_view_while_its_keys_type(qtbot, qapp, window, lang) -> None:  # type: ignore[no-untyped-def]
    """OK on the field (a keypad) takes the focus to the keys; the field they type
    into stays wholly in view on the small panel."""
    window.resize(*SMALL_PANEL)
    window.ctx.switcher.set_language(lang)
    window.go("status", {})
    _settle(qtbot, qapp)
    screen = window.screens["status"]
    box = screen.findChild(QLineEdit, "input_status_cf")
    window.navigator.used = True
    box.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    _settle(qtbot, qapp)
    focus = QApplication.focusWidget()
    assert screen.keyboard.isAncestorOf(focus)
    qtbot.keyClick(focus, Qt.Key.Key_Return)  # a key typed by keys
    _settle(qtbot, qapp)
    assert box.text()
    assert _wholly_shown(box), box.visibleRegion().boundingRect()


def test_every_screen_keyboard_keeps_its_field_in_view(window) -> None:  # type: ignore[no-untyped-def]
    """The class: every on-screen keyboard of every screen has what keeps the field it
    types in wholly in view (Screen.dock_keyboard, or the form's keyboard)."""
    for route in data_screens():
        window.screen_for(route)
    for route, screen in window.screens.items():
        assert isinstance(screen, Screen)
        for keyboard in screen.findChildren(OnScreenKeyboard):
            keepers = keyboard.findChildren(TypedFieldInView)
            assert keepers, f"{route}: a keyboard that leaves its field out of view"
