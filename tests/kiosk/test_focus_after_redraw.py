# SPDX-License-Identifier: EUPL-1.2
"""By keys, a control that goes while it has the focus leaves it on the screen's next
control, never on the header: OK on "+" or "Remove" in the cart drew the lines again and
Qt handed the focus to "A+ Larger text" (spoken mode said it, the next OK pressed it);
so did "Show more services"; "Search all the Comuni" left it on the list of results,
which is no control. The navigator's safety net holds for any other list drawn again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPushButton, QWidget

from kiosk.core.purchasing import Cart, cart_line
from kiosk.ui.key_navigation import can_take_focus
from kiosk.ui.screens.catalog import FIRST_RESULTS
from kiosk.ui.screens.service_list import PAGE, ServiceListScreen
from store import mirror
from tests.kiosk.people import listen
from tests.kiosk.views import show_desk, voucher
from tests.records import service_record


def _settle(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(20)
    for _ in range(3):
        qapp.processEvents()


def _press(qtbot, qapp, control: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    """OK on ``control`` (focused by keys): the control with the focus after it."""
    control.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    qtbot.keyPress(control, Qt.Key.Key_Return)
    _settle(qtbot, qapp)
    focus = QApplication.focusWidget()
    assert focus is not None
    return focus


def _cart(qtbot, qapp, window, ids: list[str], quantity: int = 1) -> QWidget:  # type: ignore[no-untyped-def]
    window.ctx.citizen.cart = Cart()
    assert window.catalog is not None
    with window.catalog.store.read() as session:
        for sid in ids:
            window.ctx.citizen.cart.add(cart_line(session, sid, quantity))
    window.go("cart", {})
    _settle(qtbot, qapp)
    window.navigator.used = True
    return window.screens["cart"]


def _shown(screen: QWidget, name: str) -> QAbstractButton:
    return next(b for b in screen.findChildren(QAbstractButton, name) if b.isVisible())


def _in_screen(window, focus: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert focus is not window.findChild(QAbstractButton, "largeText")
    assert window.stack.currentWidget().isAncestorOf(focus), focus.objectName()
    assert can_take_focus(focus), focus.objectName()


@pytest.mark.parametrize("kind", ["more", "less"])
def test_plus_and_minus_keep_the_focus_on_their_line(qtbot, qapp, window, kind) -> None:  # type: ignore[no-untyped-def]
    screen = _cart(qtbot, qapp, window, ["s01", "s14"], quantity=2)
    speaker = listen(window)
    window.spoken.start()
    _settle(qtbot, qapp)
    speaker.said.clear()
    focus = _press(qtbot, qapp, _shown(screen, f"{kind}_s14"))
    _in_screen(window, focus)
    assert focus.objectName() in (f"{kind}_s14", "more_s14")  # "−" at 1 gives way to "+"
    assert speaker.texts() and "Larger" not in " ".join(speaker.texts())
    large = window.ctx.citizen.large_text
    qtbot.keyPress(focus, Qt.Key.Key_Return)  # the next OK changes the quantity again
    _settle(qtbot, qapp)
    assert window.ctx.citizen.large_text == large
    _in_screen(window, QApplication.focusWidget())


def test_remove_hands_the_focus_to_the_next_line(qtbot, qapp, window, snap) -> None:  # type: ignore[no-untyped-def]
    screen = _cart(qtbot, qapp, window, ["s01", "s14"])
    focus = _press(qtbot, qapp, _shown(screen, "remove_s01"))
    _in_screen(window, focus)
    assert focus.objectName().endswith("_s14")
    focus = _press(qtbot, qapp, _shown(screen, "remove_s14"))  # the last line
    _in_screen(window, focus)
    assert focus.objectName() == "cartChooseService"
    snap(window, "empty-cart-by-keys")
    qtbot.keyPress(focus, Qt.Key.Key_Return)
    _settle(qtbot, qapp)
    assert window.current_route == "catalog"


def test_show_more_takes_the_focus_to_the_first_service_shown(qtbot, qapp, window, backend) -> None:  # type: ignore[no-untyped-def]
    screen = _long_category(qtbot, window, backend)
    focus = _press(qtbot, qapp, _shown(screen, "showMore"))
    _in_screen(window, focus)
    assert focus is screen._cards[PAGE]  # type: ignore[attr-defined]


def test_search_all_the_comuni_takes_the_focus_to_the_first_result(
    qtbot, qapp, window, snap
) -> None:  # type: ignore[no-untyped-def]
    window.go("catalog", {})
    _settle(qtbot, qapp)
    screen = window.screens["catalog"]
    screen.findChild(QLineEdit, "searchField").setText("banco")  # only in another Comune
    screen._run_search()  # type: ignore[attr-defined]
    _settle(qtbot, qapp)
    window.navigator.used = True
    focus = _press(qtbot, qapp, screen.all_comuni_button)  # type: ignore[attr-defined]
    _in_screen(window, focus)
    assert focus.objectName().startswith("service_")
    snap(window, "all-comuni-by-keys")


def test_a_search_waiting_for_a_pause_in_typing_leaves_the_focus_on_the_first_result(
    qtbot, qapp, window
) -> None:  # type: ignore[no-untyped-def]
    """The last letter typed and "Search all the Comuni" pressed before the pause that
    runs a search: that search ran later, found the same and drew the list again under
    the focus, and the safety net (the new cards not drawn yet) put it on a Comune chip."""
    window.go("catalog", {})
    _settle(qtbot, qapp)
    screen = window.screens["catalog"]
    field = screen.findChild(QLineEdit, "searchField")
    field.setText("banc")
    screen._run_search()  # type: ignore[attr-defined]  # nothing here: the button shows
    _settle(qtbot, qapp)
    window.navigator.used = True
    screen.all_comuni_button.setFocus(Qt.FocusReason.TabFocusReason)  # type: ignore[attr-defined]
    _settle(qtbot, qapp)
    field.setText("banco")  # its search waits for a pause in typing
    qtbot.keyPress(screen.all_comuni_button, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    focus = QApplication.focusWidget()
    assert focus is not None and focus.objectName().startswith("service_")
    qtbot.waitUntil(lambda: not screen._search_timer.isActive())  # type: ignore[attr-defined]
    _settle(qtbot, qapp)
    assert QApplication.focusWidget() is focus  # the same card: not drawn again
    _in_screen(window, focus)


def test_a_sync_that_changes_the_results_leaves_the_focus_on_the_same_service(
    qtbot, qapp, window, backend, snap
) -> None:  # type: ignore[no-untyped-def]
    """A sync pass found a new service for the search: the list is drawn again, and the
    focus stays on the service it was on, even one further down than the first cards
    drawn; it went to a Comune chip, which the next OK would have chosen."""
    with backend.store.write() as session:
        found = [service_record(f"z{n:02}", f"Zafferano {n:02}") for n in range(FIRST_RESULTS + 5)]
        mirror.upsert(session, "services", found)
    window.go("catalog", {})
    _settle(qtbot, qapp)
    screen = window.screens["catalog"]
    screen.findChild(QLineEdit, "searchField").setText("zafferano")
    screen._run_search()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not screen._result_filling.busy)  # type: ignore[attr-defined]
    window.navigator.used = True
    card = screen._shown_results()[FIRST_RESULTS + 2]  # type: ignore[attr-defined]
    card.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    service_id = card.service_id
    with backend.store.write() as session:
        mirror.upsert(session, "services", [service_record("z99", "Zafferano 99")])
    window.refresh()  # what the sync bridge calls after a pass that changed the mirror
    _settle(qtbot, qapp)
    focus = QApplication.focusWidget()
    assert focus is not None
    _in_screen(window, focus)
    assert getattr(focus, "service_id", None) == service_id, focus.objectName()
    assert len(screen._results) == FIRST_RESULTS + 6  # type: ignore[attr-defined]
    snap(window, "results-by-keys-after-sync")


@pytest.mark.parametrize("lang", ["it", "ar"])
def test_a_control_hidden_with_the_focus_hands_it_to_the_next_one_in_the_screen(  # type: ignore[no-untyped-def]
    qtbot, qapp, window, lang
) -> None:
    """The safety net: a line hidden under the focus (any list drawn again without
    saying where the focus goes) leaves it on the screen's control nearest after it."""
    window.ctx.switcher.set_language(lang)
    screen = _cart(qtbot, qapp, window, ["s01", "s14"])
    remove = _shown(screen, "remove_s14")  # the last line: Qt's chain goes on to the header
    remove.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    line = remove.parentWidget()
    assert line is not None
    line.hide()
    _settle(qtbot, qapp)
    focus = QApplication.focusWidget()
    assert focus is not None
    _in_screen(window, focus)
    assert focus.objectName() == "toCheckout"  # the next control, not the header
    line.deleteLater()


def _long_category(qtbot, window, backend) -> QWidget:  # type: ignore[no-untyped-def]
    """The category with more services than a page, "Show more" drawn, by keys."""
    count = backend.catalog.category("silvercare", None).service_count
    with backend.store.write() as session:
        extra = [service_record(f"s9{n:02}", f"Servizio {n}") for n in range(PAGE + 5 - count)]
        mirror.upsert(session, "services", extra)
    window.go("category", {"category_id": "silvercare"})
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QPushButton, "showMore"))
    )
    window.navigator.used = True
    return window.screens["category"]


def _sync_brings(qtbot, qapp, window, backend, service_id: str, title: str) -> QWidget:  # type: ignore[no-untyped-def]
    """A sync pass brings a service, and the window shows it: the control with focus."""
    with backend.store.write() as session:
        mirror.upsert(session, "services", [service_record(service_id, title)])
    window.refresh()  # what the sync bridge calls after a pass that changed the mirror
    _settle(qtbot, qapp)
    focus = QApplication.focusWidget()
    assert focus is not None
    _in_screen(window, focus)
    return focus


def test_a_sync_leaves_the_focus_on_show_more(qtbot, qapp, window, backend, snap) -> None:  # type: ignore[no-untyped-def]
    """A sync pass that changed the category drew it again while the focus was on "Show
    more": the button hid before the new one was drawn, and the focus fell on the last
    card, where the next OK opened that service instead of showing more."""
    screen = _long_category(qtbot, window, backend)
    _shown(screen, "showMore").setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    focus = _sync_brings(qtbot, qapp, window, backend, "s800", "Servizio nuovo")
    assert focus.objectName() == "showMore"
    assert focus is screen._more  # type: ignore[attr-defined]  # the new one, shown
    snap(window, "category-show-more-by-keys-after-sync")
    qtbot.keyPress(focus, Qt.Key.Key_Return)  # the next OK shows more services
    _settle(qtbot, qapp)
    assert window.current_route == "category"
    assert QApplication.focusWidget() is screen._cards[PAGE]  # type: ignore[attr-defined]


def test_a_sync_leaves_the_focus_on_the_same_service_in_the_category(
    qtbot, qapp, window, backend
) -> None:  # type: ignore[no-untyped-def]
    """A service new at the top of the category moves every other one down a card: the
    focus follows its service, not the card it was on (which now shows the one before)."""
    screen = _long_category(qtbot, window, backend)
    card = screen._cards[3]  # type: ignore[attr-defined]
    card.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    service_id = card.service_id
    focus = _sync_brings(qtbot, qapp, window, backend, "s801", "AAA Servizio primo")
    assert screen._cards[0].service_id == "s801"  # type: ignore[attr-defined]
    assert getattr(focus, "service_id", None) == service_id


def _pages_shown(qtbot, window, backend, pages: int) -> ServiceListScreen:  # type: ignore[no-untyped-def]
    """The category with ``pages`` pages shown (the citizen pressed "Show more") and
    some services left for another, every card drawn."""
    count = backend.catalog.category("silvercare", None).service_count
    with backend.store.write() as session:
        extra = range(pages * PAGE + 5 - count)
        mirror.upsert(
            session, "services", [service_record(f"s9{n:02}", f"Servizio {n}") for n in extra]
        )
    window.go("category", {"category_id": "silvercare"})
    screen = window.screens["category"]
    for _ in range(pages):  # "Show more" is offered once every card of a page is drawn
        qtbot.waitUntil(lambda: screen._more is not None and screen._more.isVisible())
        if len(screen._services) < pages * PAGE:
            screen._more.click()
    for _ in range(3):  # the cards laid out, where they are painted (as before a paint)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    return screen  # type: ignore[no-any-return]


def _place(screen: ServiceListScreen, service_id: str) -> int:
    """Where the card of ``service_id`` starts, from the top of the list's view."""
    card = next(c for c in screen._cards if c.service_id == service_id)
    return card.y() - screen.list.verticalScrollBar().value()


def test_a_sync_keeps_the_pages_shown_and_the_place_in_the_category(
    qtbot, qapp, window, backend, snap
) -> None:  # type: ignore[no-untyped-def]
    """A sync pass that changed the category drew only its first page again: the pages
    the citizen had asked for with "Show more" went, and with them their place in the
    list. They stay, and the card at the top of the view stays there, even though a
    service new at the top moved every card down by one."""
    screen = _pages_shown(qtbot, window, backend, 3)
    reading = screen._cards[2 * PAGE + 3]
    bar = screen.list.verticalScrollBar()
    bar.setValue(reading.y() - 40)  # scrolled down to the third page
    service_id, place = reading.service_id, _place(screen, reading.service_id)
    assert bar.value() > 0 and place == 40
    with backend.store.write() as session:
        mirror.upsert(session, "services", [service_record("s803", "AAA Servizio primo")])
    window.refresh()  # what the sync bridge calls after a pass that changed the mirror
    # At once, not a frame later: the list never shows another place in between.
    assert len(screen._cards) == 3 * PAGE and screen._cards[0].service_id == "s803"
    assert _place(screen, service_id) == place
    _settle(qtbot, qapp)
    assert len(screen._services) == len(screen._cards) == 3 * PAGE
    assert _place(screen, service_id) == place
    assert screen._more is not None and screen._more.isVisible()  # the rest still offered
    assert "6" in screen._more.text()  # 3 pages + 5 + the new one, less 3 pages
    snap(window, "category-three-pages-after-sync")


def test_a_sync_keeps_the_focus_on_a_service_of_a_page_shown_later(
    qtbot, qapp, window, backend
) -> None:  # type: ignore[no-untyped-def]
    """By keys, on a card of the second page: the pass kept only the first page, and
    the focus fell on the first card, at the top of the list."""
    screen = _pages_shown(qtbot, window, backend, 2)
    window.navigator.used = True
    card = screen._cards[PAGE + 4]
    card.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    service_id, place = card.service_id, _place(screen, card.service_id)
    assert 0 < place < screen.list.viewport().height() - card.height()  # in view
    focus = _sync_brings(qtbot, qapp, window, backend, "s804", "AAA Servizio primo")
    assert len(screen._services) == 2 * PAGE
    assert getattr(focus, "service_id", None) == service_id, focus.objectName()
    assert _place(screen, service_id) == place  # the list did not move under the ring


def test_a_sync_that_removes_show_more_leaves_the_focus_on_the_last_card(
    qtbot, qapp, window, backend
) -> None:  # type: ignore[no-untyped-def]
    """No more services to show after the pass: the focus goes to the card just above
    where "Show more" was, where the citizen was reading (it went to the first card,
    back at the top of the list)."""
    screen = _long_category(qtbot, window, backend)
    _shown(screen, "showMore").setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    listed = backend.catalog.services_in_category("silvercare", None, limit=PAGE + 5, offset=0)
    with backend.store.write() as session:  # all but a page's worth withdrawn
        mirror.remove(session, "services", [s.id for s in listed[PAGE:]])
    window.refresh()
    _settle(qtbot, qapp)
    focus = QApplication.focusWidget()
    assert focus is not None
    _in_screen(window, focus)
    assert screen._more is None  # type: ignore[attr-defined]
    assert focus is screen._cards[-1]  # type: ignore[attr-defined]
    assert focus.service_id == listed[PAGE - 1].id  # type: ignore[attr-defined]


def test_spoken_mode_does_not_say_the_same_service_again_after_a_sync(
    qtbot, qapp, window, backend
) -> None:  # type: ignore[no-untyped-def]
    """The focus given back to the same service's card after a sync drew the list
    again: the citizen never moved, so nothing is said (it was said again at every pass
    that changed the list). A focus that really moved is still said."""
    screen = _long_category(qtbot, window, backend)
    speaker = listen(window)
    window.spoken.start()
    _settle(qtbot, qapp)
    card = screen._cards[3]  # type: ignore[attr-defined]
    card.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    service_id, title = card.service_id, card.accessibleName()
    assert title and any(title in text for text in speaker.texts())
    speaker.said.clear()
    focus = _sync_brings(qtbot, qapp, window, backend, "s802", "AAA Servizio primo")
    assert focus is not card and getattr(focus, "service_id", None) == service_id
    assert not any(title in text for text in speaker.texts()), speaker.texts()
    with backend.store.write() as session:  # the service withdrawn: the focus moves
        mirror.remove(session, "services", [service_id])
    window.refresh()
    _settle(qtbot, qapp)
    first = screen._cards[0]  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is first
    assert any(first.accessibleName() in text for text in speaker.texts()), speaker.texts()


def _spoken_calls(qtbot, qapp, window):  # type: ignore[no-untyped-def]
    """The calls in spoken mode, the focus on the first call's button: the screen, what
    is said, that button and the words it was said with."""
    window.go("calls", {})
    _settle(qtbot, qapp)
    screen = window.screens["calls"]
    speaker = listen(window)
    window.spoken.start()
    _settle(qtbot, qapp)
    kept = next(b for b in screen.list.findChildren(QAbstractButton) if b.isVisible())
    kept.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    return screen, speaker, kept, speaker.texts()[-1]


def test_spoken_mode_does_not_say_a_control_given_the_focus_back_by_the_window(
    qtbot, qapp, window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A screen that draws its controls again without saying where the focus goes (the
    control with it deleted outright): the window gives the focus back to the control
    of the same name, and spoken mode said that control again at every sync pass. The
    next key, a real move, is said."""
    screen, speaker, kept, words = _spoken_calls(qtbot, qapp, window)
    assert kept.accessibleName() in words or kept.text() in words, words
    name = kept.objectName()
    speaker.said.clear()

    def drawn_again(**_params: object) -> None:
        QApplication.focusWidget().clearFocus()  # as when its control is deleted
        screen.retranslate()  # type: ignore[attr-defined]  # the list, drawn again

    monkeypatch.setattr(screen, "mirror_changed", drawn_again)
    window.refresh()  # what the sync bridge calls after a pass that changed the mirror
    _settle(qtbot, qapp)
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not kept  # the control drawn again
    assert focus.objectName() == name
    assert words not in speaker.texts(), speaker.texts()
    qtbot.keyPress(focus, Qt.Key.Key_Tab)
    _settle(qtbot, qapp)
    assert QApplication.focusWidget() is not focus and speaker.texts()


def test_a_control_given_back_after_the_focus_was_said_elsewhere_is_said_again(
    qtbot, qapp, window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A first sync pass gave the focus back silently. At the next, Qt passed the
    deleted control's focus to a control of the header, which was said: the control
    given back after it must be said too (it was kept silent, matched against what the
    focus had left at the first pass), or the citizen is left on "Larger text"."""
    screen, speaker, kept, words = _spoken_calls(qtbot, qapp, window)
    name = kept.objectName()  # the control itself is drawn again: a new one, same name
    header = window.large_text_button

    def cleared(**_params: object) -> None:
        QApplication.focusWidget().clearFocus()
        screen.retranslate()  # type: ignore[attr-defined]

    def passed_to_the_header(**_params: object) -> None:
        header.setFocus(Qt.FocusReason.OtherFocusReason)  # as Qt does for a deleted one
        screen.retranslate()  # type: ignore[attr-defined]

    speaker.said.clear()
    monkeypatch.setattr(screen, "mirror_changed", cleared)
    window.refresh()
    _settle(qtbot, qapp)
    assert words not in speaker.texts()  # given back silently: the citizen never moved
    speaker.said.clear()
    monkeypatch.setattr(screen, "mirror_changed", passed_to_the_header)
    window.refresh()
    _settle(qtbot, qapp)
    focus = QApplication.focusWidget()
    assert focus is not None and focus.objectName() == name
    said = speaker.texts()
    assert said and said[-1] == words, said  # the header was said, then the control


def _after_sync(qtbot, qapp, window) -> QWidget:  # type: ignore[no-untyped-def]
    window.refresh()  # what the sync bridge calls after a pass that changed the mirror
    _settle(qtbot, qapp)
    focus = QApplication.focusWidget()
    assert focus is not None
    _in_screen(window, focus)
    return focus


def test_a_sync_leaves_the_focus_on_the_same_button_of_the_cart(qtbot, qapp, window) -> None:  # type: ignore[no-untyped-def]
    """Every sync pass drew the cart's lines again: the focus on a line's "Remove" fell
    on "Go on to payment", which the next OK pressed."""
    screen = _cart(qtbot, qapp, window, ["s01", "s14"])
    _shown(screen, "remove_s01").setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    assert _after_sync(qtbot, qapp, window).objectName() == "remove_s01"


def test_a_sync_leaves_the_focus_on_the_same_call(qtbot, qapp, window, backend) -> None:  # type: ignore[no-untyped-def]
    """A sync pass that closed another call drew the calls again: the focus on the
    next call's button went to the nearest control left, not to that button."""
    window.go("calls", {})
    _settle(qtbot, qapp)
    window.navigator.used = True
    screen = window.screens["calls"]
    names = [b.objectName() for b in screen.list.findChildren(QAbstractButton) if b.isVisible()]
    kept = next(n for n in names if not n.endswith("bs-piazzola"))
    _shown(screen, kept).setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    with backend.store.write() as session:
        mirror.remove(session, "calls", ["bs-piazzola"])
    assert _after_sync(qtbot, qapp, window).objectName() == kept


def test_a_sync_leaves_the_focus_on_the_same_voucher(qtbot, qapp, window) -> None:  # type: ignore[no-untyped-def]
    window.go("wallet", {})
    _settle(qtbot, qapp)
    window.navigator.used = True
    screen = window.screens["wallet"]
    screen.show_vouchers([voucher(1), voucher(2)])  # type: ignore[attr-defined]
    _settle(qtbot, qapp)
    _shown(screen, "printVoucher_v2").setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    window.navigation.refresh()  # the screen's part of a sync pass
    _settle(qtbot, qapp)
    assert QApplication.focusWidget().objectName() == "printVoucher_v2"
    screen.show_vouchers([voucher(2), voucher(3)])  # type: ignore[attr-defined]  # read again
    _settle(qtbot, qapp)
    assert QApplication.focusWidget().objectName() == "printVoucher_v2"


def test_a_sync_leaves_the_focus_on_the_same_button_of_the_operator_area(
    qtbot, qapp, window, backend
) -> None:  # type: ignore[no-untyped-def]
    """The desk's figures are read again after every sync pass, and both columns were
    drawn again: the focus on a button fell on the nearest control left."""
    screen = show_desk(window, backend)
    _settle(qtbot, qapp)
    window.navigator.used = True
    names = [b.objectName() for b in screen.right.findChildren(QAbstractButton) if b.isVisible()]
    kept = names[-1]
    before = _shown(screen, kept)
    before.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, qapp)
    screen.show_facts(screen.facts)  # type: ignore[arg-type]  # as after every sync pass
    _settle(qtbot, qapp)
    assert _shown(screen, kept) is not before  # drawn again
    focus = QApplication.focusWidget()
    assert focus is not None and focus.objectName() == kept, (names, focus.objectName())
