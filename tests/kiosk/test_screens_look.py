# SPDX-License-Identifier: EUPL-1.2
"""Every screen in Italian and English: screenshots for review, and measurable rules.

Rules held on each screen: touch targets at least 48 px, text at least 18 px, nothing
drawn past the kiosk panel, and every text colour pair at WCAG AA contrast.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.core.purchasing import Cart, cart_line
from kiosk.ui.theme import LARGE_TEXT, TEXT_PAIRS, TOKENS, contrast_ratio
from kiosk.ui.widgets.common import label
from store import mirror
from tests.conftest import KIOSK_SIZE, texts_cut_off
from tests.kiosk.people import shows, tap
from tests.records import service_record

MIN_TARGET_PX = 48
MIN_TEXT_PX = 18

SCREENS = [
    ("home", {}),
    ("catalog", {}),
    ("category", {"category_id": "silvercare", "comune_id": "piazzola"}),
    ("service", {"service_id": "s14"}),
    ("calls", {}),
]


def visible(root: QWidget, kind: type) -> list:
    return [w for w in root.findChildren(kind) if w.isVisible()]


def check_rules(window: QWidget) -> None:
    for button in visible(window, QAbstractButton):
        name = button.objectName() or button.text()
        assert button.height() >= MIN_TARGET_PX, f"{name} is {button.height()} px high"
        assert button.width() >= MIN_TARGET_PX, f"{name} is {button.width()} px wide"
    for text in visible(window, QLabel) + visible(window, QAbstractButton):
        size = text.font().pixelSize()
        assert size >= MIN_TEXT_PX, f"{text.objectName()} uses {size} px text"
    assert (window.width(), window.height()) == KIOSK_SIZE  # nothing pushed the window larger


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize(("route", "params"), SCREENS, ids=[s[0] for s in SCREENS])
def test_every_screen_in_both_languages(qtbot, window, snap, lang, route, params) -> None:
    window.ctx.switcher.set_language(lang)
    qtbot.waitUntil(lambda: window.language_buttons[lang].isChecked())
    window.go(route, params)
    qtbot.wait(10)
    check_rules(window)
    snap(window, f"{route}-{lang}")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_keyboard_and_help_overlay_in_both_languages(qtbot, window, snap, lang) -> None:
    window.ctx.switcher.set_language(lang)
    window.go("catalog", {})
    screen = window.screens["catalog"]
    screen.search.setText("anz")
    screen._show_keyboard(True)
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.results_page)
    check_rules(window)
    snap(window, f"search-keyboard-{lang}")
    window.show_help()
    check_rules(window)
    snap(window, f"help-overlay-{lang}")


def test_text_colours_meet_wcag_aa() -> None:
    for name, (foreground, background) in TEXT_PAIRS.items():
        assert contrast_ratio(foreground, background) >= 4.5, name


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_markup_from_the_platform_is_shown_literally(qtbot, window, backend) -> None:
    hostile = '<img src="file:///etc/passwd"><a href="http://x">Clicca</a> <b>Assistenza</b>'
    with backend.store.write() as session:
        mirror.upsert(
            session,
            "services",
            [service_record("evil", hostile, description={"it": "<h1>grande</h1>"})],
        )
    window.go("service", {"service_id": "evil"})
    assert shows(window, hostile)
    assert shows(window, "<h1>grande</h1>")
    for text in visible(window, QLabel):
        assert text.textFormat().name == "PlainText", text.objectName()
    assert label("<b>x</b>").textFormat().name == "PlainText"


def in_view(window: QWidget, widget: QWidget) -> bool:
    """Shown whole inside the window and, if it is on the part of the screen that
    scrolls, inside what of that part is seen."""
    where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    viewport = window.stack.currentWidget().page.viewport()
    seen = window.rect()
    if viewport.isAncestorOf(widget):
        seen = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
    return widget.isVisible() and seen.contains(where)


def type_on_screen(qtbot, window: QWidget, field_name: str, text: str) -> QWidget:  # type: ignore[no-untyped-def]
    """Taps the field, then the keys of the on-screen keyboard that opened for it."""
    field = window.findChild(QLineEdit, field_name)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    keyboards = [k for k in window.findChildren(QWidget, "keyboard") if k.isVisible()]
    assert len(keyboards) == 1, "the keyboard did not open"
    for char in text:
        key = keyboards[0].findChild(QAbstractButton, f"key_{ord(char)}")
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)
    return keyboards[0]


# Screen, its field of the codice fiscale and what is typed in it, another field and
# what is typed there, the button to go on, and how many messages that brings.
TYPING = [
    (
        "checkout",
        "input_checkout_cf",
        "FRRNNA41A63E592W",
        ("input_checkout_cf_phone", "12345"),
        "checkout_cf_next",
        1,
    ),  # a valid codice fiscale: then the phone is checked
    ("wallet", "input_wallet_cf", "RSSMRA", None, "wallet_cf_next", 1),
    ("status", "input_status_cf", "RSSMRA", ("input_tracking", "DOM22"), "statusSearch", 2),
]


@pytest.mark.parametrize("text", ["normal", "large"])
@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize(
    ("route", "cf_field", "cf", "other", "next_name", "problems"),
    TYPING,
    ids=[t[0] for t in TYPING],
)
def test_typing_with_messages_keeps_the_field_and_the_way_on_in_view(
    qtbot, window, snap, text, lang, route, cf_field, cf, other, next_name, problems
) -> None:
    """With the keyboard open and a message under each field, what the citizen needs
    is on the panel: the field, the messages, the button to go on, the keyboard, and
    Back, Home and help (the window grew past the panel before, cutting them off)."""
    window.ctx.switcher.set_language(lang)
    window.set_large_text(text == "large")
    if route == "checkout":
        window.ctx.citizen.cart = Cart()
        with window.catalog.store.read() as session:
            window.ctx.citizen.cart.add(cart_line(session, "s01", 2))
    window.go(route, {})
    if other is not None:
        type_on_screen(qtbot, window, other[0], other[1])
    keyboard = type_on_screen(qtbot, window, cf_field, cf)
    qtbot.mouseClick(window.findChild(QAbstractButton, next_name), Qt.MouseButton.LeftButton)
    messages = [
        m
        for m in window.stack.currentWidget().findChildren(QLabel)
        if m.property("role") == "fieldError" and m.isVisible()
    ]
    assert len(messages) == problems, [m.text() for m in messages]
    if route != "status":  # its search closes the keyboard: tap the field again
        assert keyboard.isVisible()
    else:
        keyboard = type_on_screen(qtbot, window, cf_field, "")
    qtbot.wait(20)  # the screen scrolls what it reveals once the layout has settled
    snap(window, f"typing-{route}-{lang}-{text}")
    field = window.findChild(QLineEdit, cf_field)
    go_on = window.findChild(QAbstractButton, next_name)
    footer = [window.back_button, window.home_button, window.help_button]
    for widget in (field, go_on, keyboard, *messages, *footer):
        assert in_view(window, widget), widget.objectName() or widget.text()


def test_the_rule_on_cut_text_sees_it(qtbot) -> None:
    """The rule every screenshot holds (``snap``) finds a line wider than its label and
    a wrapped text lower than its lines, and passes the same texts given room."""
    root = QWidget()
    qtbot.addWidget(root)
    narrow = label("Assistenza domiciliare OSS – fascia notturna", name="narrow")
    narrow.setWordWrap(False)
    low = label("Una descrizione lunga che va a capo più volte. " * 4, name="low")
    low.setWordWrap(True)
    for widget in (narrow, low):
        widget.setParent(root)
    root.resize(400, 300)
    root.show()  # styled now: the sizes below are in the font the style gives
    wide = narrow.sizeHint().width()
    narrow.setGeometry(0, 0, wide // 2, 40)
    low.setGeometry(0, 50, 200, 20)
    assert [cut.split(":")[0] for cut in texts_cut_off(root)] == ["'narrow'", "'low'"]
    narrow.setGeometry(0, 0, wide, 40)
    low.setGeometry(0, 50, 200, low.heightForWidth(200))
    assert texts_cut_off(root) == []


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize(("route", "params"), SCREENS, ids=[s[0] for s in SCREENS])
def test_every_screen_with_larger_text(qtbot, window, snap, lang, route, params) -> None:
    """The citizen's "A+" choice: every screen still fits the panel with its texts whole."""
    window.ctx.switcher.set_language(lang)
    choice = {"it": "A+ Testo più grande", "en": "A+ Larger text"}[lang]
    qtbot.waitUntil(lambda: window.large_text_button.text() == choice)
    tap(qtbot, window, choice)
    window.go(route, params)
    qtbot.wait(10)
    check_rules(window)
    snap(window, f"{route}-{lang}-large")


def test_larger_text_lasts_the_visit(qtbot, window) -> None:
    welcome = window.screens["home"].welcome
    assert welcome.font().pixelSize() == TOKENS.title_px
    tap(qtbot, window, "A+ Testo più grande")
    assert window.large_text_button.isChecked() and window.ctx.citizen.large_text
    assert welcome.font().pixelSize() == LARGE_TEXT.title_px > TOKENS.title_px
    tap(qtbot, window, "Servizi")
    title = window.screens["catalog"].title
    assert title.font().pixelSize() == LARGE_TEXT.title_px  # on every screen, new ones too
    window.visits.end()  # the citizen left (the idle watch ends the visit)
    assert not window.large_text_button.isChecked() and not window.ctx.citizen.large_text
    assert welcome.font().pixelSize() == TOKENS.title_px
    assert title.font().pixelSize() == TOKENS.title_px


def test_more_comuni_go_on_to_more_lines(qtbot, window, backend, snap) -> None:
    """The Comuni come from the platform: when the network grows, their chips go on to
    a second line rather than squeezing each other's names."""
    more = [
        ("cervarese", "Cervarese Santa Croce", "C544"),
        ("mestrino", "Mestrino", "F161"),
        ("rubano", "Rubano", "H625"),
        ("selvazzano", "Selvazzano Dentro", "I595"),
        ("veggiano", "Veggiano", "L710"),
    ]
    with backend.store.write() as session:
        mirror.upsert(
            session,
            "comuni",
            [
                {"id": key, "name": name, "catastale": code, "province": "PD", "cap": "35030"}
                for key, name, code in more
            ],
        )
    window.go("catalog", {})  # built now, with every Comune of the mirror
    chips = window.screens["catalog"].comune_chips
    assert len(chips) == 11
    check_rules(window)
    snap(window, "eleven-comuni")
    rows = {chip.mapTo(window, chip.rect().topLeft()).y() for chip in chips.values()}
    assert len(rows) == 2
