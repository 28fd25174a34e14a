# SPDX-License-Identifier: EUPL-1.2
"""After a visit ends, nothing of it is left in any widget of any screen.

A citizen types their name into an application, a search into the catalog, a codice
fiscale into the status look-up, and puts a service in the cart; the visit ends (the
kiosk was left alone). Then every screen the kiosk has is built and shown, and every
widget's text, visible or not, is searched for what the citizen typed: a new field
that a screen forgot to clear fails here, whichever screen it is on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk.ui.navigation import data_screens
from tests.kiosk.people import opened, shows, tap

SURNAME = "Zanardelliqux"  # in no catalog, no translation, no demo record
SEARCH = "assistenzaqux"
CF = "FRRNNA41A63E592W"


def every_text(root: QWidget) -> list[str]:
    """What every widget under ``root`` holds as text, shown or hidden."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    return texts


def leftovers(root: QWidget) -> list[str]:
    # Widgets a screen discarded go at the event loop's next deferred deletion.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    marks = (SURNAME, SEARCH, CF, CF.lower())
    return [text for text in every_text(root) if any(mark in text for mark in marks)]


def test_no_screen_keeps_anything_of_a_visit_that_ended(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    # The visit: a search, a service in the cart, an application begun, a status look-up.
    tap(qtbot, window, "Servizi")
    window.findChild(QLineEdit, "searchField").setText(SEARCH)
    window.go("service", {"service_id": "s01"})
    qtbot.waitUntil(lambda: window.current_route == "service")
    window.go("apply", {"call_id": "bs-piazzola"})
    qtbot.waitUntil(lambda: window.current_route == "apply")
    opened(window)
    tap(qtbot, window, "Ho letto, continua")  # the Comune's privacy notice comes first
    qtbot.waitUntil(lambda: window.findChild(QLineEdit, "input_cognome") is not None)
    window.findChild(QLineEdit, "input_cognome").setText(SURNAME)
    for field in window.findChildren(QLineEdit):
        if field.isVisible() and not field.text():
            field.setText(CF)  # every other field of the page: the codice fiscale
    window.go("status")
    qtbot.waitUntil(lambda: window.current_route == "status")
    for field in window.findChildren(QLineEdit):
        if field.isVisible():
            field.setText(CF)
    assert leftovers(window), "the test's marks must be visible during the visit"

    window.visits.end()
    qtbot.waitUntil(lambda: window.current_route == "home")
    assert not window.ctx.citizen.active

    for route in data_screens():  # every screen, built if it was not
        window.screen_for(route)
    assert leftovers(window) == []
    for route, params in (
        ("catalog", {}),
        ("calls", {}),
        ("apply", {"call_id": "bs-piazzola"}),
        ("service", {"service_id": "s01"}),
        ("cart", {}),
        ("status", {}),
        ("wallet", {}),
    ):
        window.go(route, params)
        qtbot.waitUntil(lambda route=route: window.current_route == route)
        if route == "apply":
            opened(window)
        assert leftovers(window) == [], route
    assert not shows(window, SURNAME)


def test_a_state_found_and_an_order_checked_are_not_kept_hidden(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """What a status look-up found (the state, the protocol number, the Comune's note)
    and the order's review (its lines, the way to pay with the balance, what happens
    next) are shown in labels hidden as the visit ends: hidden, they held it all for
    the next citizen, whose screen reader or a language switch could bring it back."""
    from kiosk.core.purchasing import Cart, CreditView, cart_line
    from kiosk.core.status_lookup import Standing

    window.ctx.citizen.cart = Cart()
    with window.catalog.store.read() as session:
        window.ctx.citizen.cart.add(cart_line(session, "s01", 2))
    window.go("checkout", {})
    qtbot.waitUntil(lambda: window.current_route == "checkout")
    checkout = window.screens["checkout"]
    checkout.show_identified(CreditView(98765, 0, 98765))  # the controller's answer
    checkout.pay_buttons["credit"].click()
    checkout.confirm_button.click()  # "Check the order ›": the review
    assert checkout.mode == "review"
    window.go("status")
    qtbot.waitUntil(lambda: window.current_route == "status")
    window.screens["status"].show_standing(  # the controller's answer
        Standing("needs_documents", "PG-QUX-4711", {"it": "Bando"}, None, {"it": SURNAME})
    )
    marks = ("987,65", "PG-QUX-4711", SURNAME, "2 ore ·", "Cosa succede ora")
    held = [text for text in every_text(window) if any(mark in text for mark in marks)]
    assert {mark for mark in marks if any(mark in text for text in held)} == set(marks)

    window.visits.end()
    qtbot.waitUntil(lambda: window.current_route == "home")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert [text for text in every_text(window) if any(mark in text for mark in marks)] == []


def test_the_status_look_ups_fields_cannot_undo_back_the_last_citizens_codes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Emptied as the visit ends, the tracking code and codice fiscale fields forgot
    what could be undone too: Ctrl+Z, or "Undo" in their context menu (which they no
    longer have), gave the next citizen the last one's codes back."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.go("status")
    qtbot.waitUntil(lambda: window.current_route == "status")
    fields = [window.findChild(QLineEdit, name) for name in ("input_tracking", "input_status_cf")]
    for field, typed in zip(fields, ("DOM-A69T-X2X3", CF), strict=True):
        field.setFocus()
        QTest.keyClicks(field, typed)  # typed, as undoable edits
        assert field.text() == typed
    window.visits.end()
    qtbot.waitUntil(lambda: window.current_route == "home")
    window.go("status")
    qtbot.waitUntil(lambda: window.current_route == "status")
    for field in fields:
        field.setFocus()
        QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert field.text() == "" and not field.isUndoAvailable(), field.objectName()
        assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


def test_everything_a_visit_holds_is_forgotten_in_one_place() -> None:
    """A visit's data is a field of Visit, never an attribute of the session beside it:
    ending the visit replaces it whole, so a new field needs no clearing of its own."""
    from dataclasses import fields

    from kiosk.core.session import CitizenSession, Visit

    session = CitizenSession("ro")
    assert set(CitizenSession.__slots__) == {"language", "visit"}  # nothing else kept
    visit = session.visit
    kept = {}
    for part in fields(Visit):  # every field given something of this visit
        default = getattr(Visit(), part.name)
        if isinstance(default, dict):
            getattr(visit, part.name)["call"] = SURNAME
        else:
            setattr(visit, part.name, SURNAME)
        kept[part.name] = getattr(visit, part.name)
    session.end()
    assert session.visit == Visit() and session.visit is not visit
    assert session.language == "ro"  # the kiosk's, not the visit's
    for name, held in kept.items():  # a container someone kept a reference to is empty
        assert not isinstance(held, dict) or held == {}, name
