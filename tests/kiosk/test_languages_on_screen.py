# SPDX-License-Identifier: EUPL-1.2
"""Every citizen screen in every language: screenshots for review by native speakers,
each holding the screenshot rules (panel size, no text cut off), and Arabic mirrored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.core.purchasing import Cart, cart_line
from kiosk.ui.i18n import LANGUAGE_NAMES
from languages import CODES, language
from tests.kiosk.people import opened

CITIZEN_SCREENS = [
    ("home", {}),
    ("catalog", {}),
    ("category", {"category_id": "silvercare", "comune_id": "piazzola"}),
    ("service", {"service_id": "s14"}),
    ("calls", {}),
    ("apply", {"call_id": "bs-piazzola"}),
    ("status", {}),
    ("wallet", {}),
    ("cart", {}),
    ("checkout", {}),
]


def left(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).x()


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize(("route", "params"), CITIZEN_SCREENS, ids=[s[0] for s in CITIZEN_SCREENS])
def test_every_citizen_screen_in_every_language(qtbot, window, snap, lang, route, params) -> None:
    window.ctx.switcher.set_language(lang)
    if route in ("cart", "checkout"):
        window.ctx.citizen.cart = Cart()
        with window.catalog.store.read() as session:
            window.ctx.citizen.cart.add(cart_line(session, "s01", 2))
        window._show_cart()
    window.go(route, params)
    if route == "apply":
        opened(window)
    qtbot.wait(10)
    snap(window, f"{route}-{lang}")
    mirrored = language(lang).right_to_left
    assert QApplication.isRightToLeft() == mirrored
    # Back and Home lead the footer from the side the language reads from; help closes it.
    back, home, helper = window.back_button, window.home_button, window.help_button
    assert (left(back, window) > left(home, window) > left(helper, window)) == mirrored
    assert (left(back, window) < left(home, window) < left(helper, window)) != mirrored
    if route != "home":  # away from home, the language in use is named in the header
        assert window.language_toggle.text() == LANGUAGE_NAMES[lang]


def test_the_language_picker_names_each_language_in_its_own_script(qtbot, window) -> None:
    window.go_home()
    names = {code: window.language_buttons[code].accessibleName() for code in CODES}
    assert names == {
        "it": "Italiano",
        "en": "English",
        "ro": "Română",
        "ar": "العربية",
        "sq": "Shqip",
        "uk": "Українська",
        "zh": "简体中文",
    }
    for code in ("ar", "zh", "it"):
        qtbot.mouseClick(window.language_buttons[code], Qt.MouseButton.LeftButton)
        assert window.ctx.lang == code
        # The names never change with the language on screen.
        assert {c: window.language_buttons[c].accessibleName() for c in CODES} == names
        # The one in use says so by a tick, not by its colour alone.
        assert [c for c in CODES if window.language_buttons[c].text().startswith("✓ ")] == [code]
    # Away from home only the language in use shows; tapping it offers the others.
    window.go("calls", {})
    assert window.language_toggle.isVisible() and window.language_toggle.text() == "Italiano"
    assert not window.language_buttons["ro"].isVisible()
    qtbot.mouseClick(window.language_toggle, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.language_buttons["ro"], Qt.MouseButton.LeftButton)
    assert window.ctx.lang == "ro" and window.language_toggle.text() == "Română"
    assert not window.language_buttons["ro"].isVisible()
    assert window.findChild(QAbstractButton, "languageToggle").isVisible()


def ink_between(widget: QWidget) -> tuple[int, int]:
    """The leftmost and rightmost columns where ``widget`` drew anything on its background."""
    image = widget.grab().toImage()
    background = image.pixel(0, 0)
    inked = [
        x
        for x in range(image.width())
        if any(image.pixel(x, y) != background for y in range(0, image.height(), 2))
    ]
    return inked[0], inked[-1]


@pytest.mark.parametrize("lang", ["ar", "it"])
def test_the_header_names_sit_on_the_side_the_language_reads_from(  # type: ignore[no-untyped-def]
    qtbot, window, snap, lang
) -> None:
    window.ctx.switcher.set_language(lang)
    window.go("calls", {})
    qtbot.wait(10)
    snap(window.findChild(QWidget, "header"), f"header-{lang}")
    for name in (window.name_label, window.comune_label):  # Latin names, in either language
        first, last = ink_between(name)
        if language(lang).right_to_left:
            assert name.width() - last < 12, (name.objectName(), first, last, name.width())
        else:
            assert first < 12, (name.objectName(), first, last, name.width())


def test_codes_and_amounts_stay_left_to_right_inside_arabic(qapp) -> None:  # type: ignore[no-untyped-def]
    from kiosk.core.apply_review import answer_text
    from languages.money import format_euro

    isolate = "\u2066{}\u2069".format
    assert format_euro(123450, "ar") == isolate("€1,234.50")
    assert format_euro(123450, "en") == "€1,234.50" and format_euro(1250, "it") == "€ 12,50"
    cf, iban = "FRRNNA41A63E592W", "IT60X0542811101000000123456"
    for kind, value in (("codice_fiscale", cf), ("iban", iban), ("phone", "+40721234567")):
        assert answer_text({"type": kind}, value, {}, [], "ar") == isolate(value)
        assert answer_text({"type": kind}, value, {}, [], "ro") == value
    assert answer_text({"type": "text"}, "سلمى", {}, [], "ar") == "سلمى"  # words: as typed


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("it", "€ 1.234,50"),
        ("en", "€1,234.50"),
        ("ro", "1.234,50\u00a0€"),  # a dot here groups thousands: "€250.00" read 250,000
        ("sq", "1\u00a0234,50\u00a0€"),
        ("uk", "1\u00a0234,50\u00a0€"),
        ("zh", "€1,234.50"),
    ],
)
def test_amounts_are_written_as_each_language_reads_them(lang: str, written: str) -> None:
    from languages.money import format_euro

    assert format_euro(123450, lang) == written
    assert format_euro(-5, lang).startswith("-") and "05" in format_euro(-5, lang)


@pytest.mark.parametrize("lang", ["ro", "sq", "uk", "en"])
def test_every_amount_on_the_review_and_the_cart_reads_one_way(qtbot, window, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The answers typed as money and the amounts the kiosk computes, on one page, in
    the language's own way (a page used to mix "€ 1.200" with "€250.00")."""
    import re

    from kiosk.core.purchasing import Cart, cart_line
    from tests.kiosk.people import prefilled

    window.ctx.switcher.set_language(lang)
    screen = prefilled(window, page=5)  # the review: savings 1.200 €, pension 650 €
    qtbot.wait(50)
    amounts = [t.text() for t in screen.findChildren(QLabel) if t.isVisible() and "€" in t.text()]
    window.ctx.citizen.cart = Cart()
    with window.catalog.store.read() as session:
        window.ctx.citizen.cart.add(cart_line(session, "s01", 2))
    window.go("cart", {})
    qtbot.wait(50)
    amounts.append(window.stack.currentWidget().findChild(QLabel, "cartTotal").text())
    assert len(amounts) >= 3, amounts
    comma_decimals = lang != "en"
    for text in amounts:
        for amount in re.findall(r"\d[\d.,\u00a0]*\d", text):
            if comma_decimals:
                assert not re.search(r"\.\d\d$", amount), (lang, text)
            else:
                assert not re.search(r",\d\d$", amount) and "1.200" not in text, (lang, text)


def test_the_pin_keypad_reads_from_the_left_in_arabic_too(qtbot, window, snap) -> None:  # type: ignore[no-untyped-def]
    """1 2 3 from the left, as on every phone and PIN pad: mirrored, a code typed by
    habit pressed the wrong keys."""
    window.ctx.switcher.set_language("ar")
    window.manager_mode.open_area()
    qtbot.waitUntil(lambda: window.current_route == "manager_login")
    keys = {n: window.findChild(QAbstractButton, f"keypad_{n}") for n in ("1", "3", "7", "0")}
    qtbot.waitUntil(lambda: all(key.isVisible() for key in keys.values()))
    x = {n: key.mapTo(window, QPoint(0, 0)).x() for n, key in keys.items()}
    assert x["1"] < x["3"] and x["7"] < x["0"]  # 1 top left, 0 in the middle below 8
    snap(window, "manager-login-ar")


def test_dates_in_arabic_use_the_digits_of_every_other_number() -> None:
    from datetime import datetime

    from kiosk.ui.texts import local_date_time

    day, hour = local_date_time(datetime(2026, 12, 25, 11, 0), "ar", "Europe/Rome")
    assert "2026" in day and "25" in day and hour == "12:00"
    assert not any("\u0660" <= c <= "\u0669" or "\u06f0" <= c <= "\u06f9" for c in day + hour)


def switch_to(qtbot, window, lang: str) -> None:  # type: ignore[no-untyped-def]
    window.ctx.switcher.set_language(lang)
    qtbot.wait(20)


def test_messages_under_the_fields_follow_a_language_chosen_after_them(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A wrong code or codice fiscale, a search that could not be made, a wallet PIN
    refused: their messages were written once and stayed Italian on a Romanian or
    Arabic screen after the citizen chose that language."""
    switch_to(qtbot, window, "it")
    window.go("status", {})
    status = window.screen_for("status")
    status.code.setText("XYZ")
    status.cf.setText("RSSMRA")
    qtbot.mouseClick(status.search_button, Qt.MouseButton.LeftButton)
    italian = (status.code_error.text(), status.cf_error.text())
    switch_to(qtbot, window, "ro")
    assert status.code_error.text() != italian[0] and status.code_error.isVisible()
    assert status.cf_error.text() != italian[1] and status.cf_error.isVisible()
    status.show_search_failed()
    failed = status.not_found.text()
    switch_to(qtbot, window, "it")
    assert status.not_found.isVisible() and status.not_found.text() != failed

    window.go("wallet", {})
    box = window.screen_for("wallet").identify
    box.field.setText("RSSMRA")
    qtbot.mouseClick(box.next_button, Qt.MouseButton.LeftButton)
    window.screen_for("wallet").show_wallet_refused("wrong", 3)
    italian = (box.error.text(), box.pin_error.text())
    switch_to(qtbot, window, "ar")
    assert box.error.text() != italian[0] and box.pin_error.text() != italian[1]
    assert "3" in box.pin_error.text() or "٣" in box.pin_error.text()
    switch_to(qtbot, window, "it")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("it", "26 dicembre 2026"),
        ("zh", "2026年12月26日"),
        ("uk", "26 грудня 2026"),
        ("en", "26 December 2026"),
    ],
)
def test_dates_follow_each_language_s_own_order(lang: str, expected: str) -> None:
    from datetime import datetime

    from kiosk.ui.texts import local_date_time

    day, _ = local_date_time(datetime(2026, 12, 26, 11, 0), lang, "Europe/Rome")
    assert day.startswith(expected)
    assert not any(weekday in day for weekday in ("sabato", "Saturday", "星期", "субота"))


@pytest.mark.parametrize("lang", ["ro", "ar", "uk", "zh"])
def test_who_can_apply_and_what_to_bring_are_in_the_citizens_language(
    qtbot, window, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """The platform may send a call's lists in every language, as its other texts: they
    were plain Italian strings, shown in Italian on every screen."""
    from kiosk.ui.texts import local_date_time
    from languages import FIRST_STRONG_ISOLATE, LEFT_TO_RIGHT_ISOLATE, pick
    from tests.kiosk.people import shows

    switch_to(qtbot, window, lang)
    window.go("calls", {})
    qtbot.wait(20)
    (call,) = [c for c in window.catalog.open_calls("piazzola", utc_now()) if c.id == "bs-piazzola"]
    first, document = call.eligibility[0], call.documents[0]
    assert pick(first, lang) != first["it"] and pick(document, lang) != document["it"]
    assert shows(window, pick(first, lang)) and shows(window, pick(document, lang))
    assert not shows(window, first["it"])
    # The closing day holds the month's name: an Arabic one is in its own direction.
    day, _ = local_date_time(call.closes_at, lang, window.ctx.time_zone)
    cards = [w.text() for w in window.findChildren(QLabel) if w.isVisible() and day in w.text()]
    assert cards, day
    if language(lang).right_to_left:
        assert all(FIRST_STRONG_ISOLATE + day in text for text in cards)
        assert not any(LEFT_TO_RIGHT_ISOLATE + day in text for text in cards)


def utc_now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(tzinfo=None)


def assert_on_reading_side(lines: list[QLabel], lang: str) -> None:
    """Each line's text starts from the side ``lang`` reads from, whatever its first
    letter: Qt aligns a plain-text label by its text's own direction otherwise."""
    assert lines
    for line in lines:
        first, last = ink_between(line)
        where = (line.text(), first, last, line.width())
        if language(lang).right_to_left:
            assert line.width() - last < 12, where
        else:
            assert first < 12, where


def card_lines(window: QWidget) -> list[QLabel]:
    from kiosk.ui.widgets.common import CardButton

    cards = [c for c in window.findChildren(CardButton) if c.isVisible()]
    return [line for card in cards[:3] for line in card.findChildren(QLabel) if line.isVisible()]


@pytest.mark.parametrize("lang", ["ar", "it"])
def test_a_card_s_latin_lines_sit_on_the_side_the_language_reads_from(  # type: ignore[no-untyped-def]
    qtbot, window, snap, lang
) -> None:
    window.ctx.switcher.set_language(lang)
    window.go("category", {"category_id": "silvercare", "comune_id": "piazzola"})
    snap(window, f"category-{lang}")  # lays the cards out
    lines = card_lines(window)
    # A provider's name, in Latin letters in every language, under a translated title.
    assert "Coop. Sociale Il Girasole (demo)" in [line.text() for line in lines]
    assert_on_reading_side(lines, lang)


def test_cards_made_in_one_direction_follow_a_language_chosen_after_them(
    qtbot, window, snap
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.widgets.common import label

    window.go("category", {"category_id": "silvercare", "comune_id": "piazzola"})
    centred = label("Piazzola sul Brenta")
    centred.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.screens["category"].body.addWidget(centred)
    for lang in ("ar", "it", "ar"):
        window.ctx.switcher.set_language(lang)
        snap(window, f"category-after-{lang}")
        assert_on_reading_side(card_lines(window), lang)
        # An alignment chosen for a label stays as chosen in either direction.
        assert centred.alignment() == Qt.AlignmentFlag.AlignCenter


@pytest.mark.parametrize("lang", ["ar", "it"])
def test_a_voucher_s_latin_title_and_issuer_sit_on_the_reading_side(  # type: ignore[no-untyped-def]
    qtbot, window, snap, lang
) -> None:
    from datetime import date

    from kiosk.core.wallet import WalletVoucher

    window.ctx.switcher.set_language(lang)
    window.go("wallet")
    screen = window.screens["wallet"]
    day = date(2026, 12, 31)
    screen.show_vouchers(
        [
            WalletVoucher(
                "v1",
                "Buoni spesa 2026",
                "Comune di Piazzola",
                15_000,
                None,
                day,
                day,
                "9255-CRYV",
                "",
            )
        ]
    )
    snap(window, f"wallet-card-{lang}")
    lines = [line for line in screen.list.content.findChildren(QLabel) if line.isVisible()]
    assert lines[0].text() == "Buoni spesa 2026"
    assert_on_reading_side(lines, lang)


@pytest.mark.parametrize("lang", ["ar", "it"])
def test_a_call_titled_only_in_italian_sits_on_the_reading_side_of_its_status(  # type: ignore[no-untyped-def]
    qtbot, window, snap, lang
) -> None:
    from datetime import datetime

    from kiosk.core.status_lookup import Standing

    window.ctx.switcher.set_language(lang)
    window.go("status")
    screen = window.screens["status"]
    screen.show_standing(
        Standing(
            "in_review", "2026/0012345", {"it": "Contributo affitto 2026"}, datetime(2026, 11, 28)
        )
    )
    snap(window, f"status-card-{lang}")
    lines = [screen.result_title, screen.result_state, screen.result_lines]
    assert lines[0].text() == "Contributo affitto 2026"
    assert_on_reading_side(lines, lang)
