# SPDX-License-Identifier: EUPL-1.2
"""A sync that changes the mirror refreshes the screen on show (``window.refresh``, as
the sync bridge calls it): fresh data, and nothing taken from the person at the screen,
neither what they typed, nor what they chose, nor the keyboard they type on. A kiosk
of a busy Comune pulls changes every minute or so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.core.apply_wizard import Step
from kiosk.ui.widgets.sliced import SlicedFill
from store import mirror
from tests.kiosk.people import fill, opened, prefilled, shown, shows, tap, tap_named
from tests.records import service_record


def search(qtbot, window, text: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    """Taps the catalog's search field and types ``text`` there."""
    field = shown(window, QLineEdit, "searchField")
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    QTest.keyClicks(field, text)
    return field


def test_a_sync_keeps_the_search_and_its_keyboard_and_reads_the_results_again(
    qtbot, window, backend, snap
) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, window, "Servizi")
    screen = window.screens["catalog"]
    field = search(qtbot, window, "pranzo")
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.results_page)
    assert screen.keyboard.isVisible()
    assert not shows(window, "Pranzo del giovedì in compagnia")
    with backend.store.write() as session:
        mirror.upsert(
            session, "services", [service_record("r01", "Pranzo del giovedì in compagnia")]
        )
    window.refresh()
    qtbot.waitUntil(lambda: shows(window, "Pranzo del giovedì in compagnia"))
    assert screen.keyboard.isVisible() and not screen.title.isVisible()
    assert field.text() == "pranzo" and field.hasFocus()
    snap(window, "search-after-sync")


def test_a_sync_with_nothing_new_for_the_search_leaves_its_results_where_they_are(
    qtbot, window, backend
) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, window, "Servizi")
    screen = window.screens["catalog"]
    search(qtbot, window, "servizio")
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.results_page)

    def cards() -> list[QWidget]:
        content = screen.results.content
        return [w for w in content.findChildren(QWidget) if w.parentWidget() is content]

    qtbot.waitUntil(lambda: len(cards()) == len(screen._results) > 0)
    drawn = cards()
    window.refresh()
    assert cards() == drawn  # not drawn again: the list keeps its scroll position


def test_a_sync_keeps_the_quantity_chosen_on_a_service(qtbot, window, backend) -> None:  # type: ignore[no-untyped-def]
    with backend.store.write() as session:
        mirror.upsert(session, "services", [service_record("r02", "Trasporto in pulmino")])
    window.go("service", {"service_id": "r02"})
    tap_named(qtbot, window, "quantityMore")
    tap_named(qtbot, window, "quantityMore")
    assert window.screens["service"].quantity == 3
    with backend.store.write() as session:
        mirror.upsert(
            session, "services", [service_record("r02", "Trasporto in pulmino", price_cents=1200)]
        )
    window.refresh()
    assert window.screens["service"].quantity == 3
    assert shows(window, "€ 12,00 / ora")  # the new price is shown


def test_a_sync_keeps_the_code_a_manager_is_typing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.manager_mode.open_area()
    for digit in "10":
        tap(qtbot, window, digit)
    screen = window.screens["manager_login"]
    window.refresh()
    assert screen.code == "10"
    assert screen.code_field.text() == "10"


def test_a_sync_keeps_what_a_manager_typed_for_a_wallet_pin(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("wallet_pin")
    fill(qtbot, window, "walletPinCf", "FRRNNA41A63E592W")
    tap(qtbot, window, "Passaporto")
    fill(qtbot, window, "walletPinNew", "582941")
    screen = window.screens["wallet_pin"]
    window.refresh()
    assert shown(window, QLineEdit, "input_walletPinCf").text() == "FRRNNA41A63E592W"
    assert shown(window, QLineEdit, "input_walletPinNew").text() == "582941"
    assert screen.document == "passaporto"
    assert screen.keyboard.isVisible()


def test_a_sync_keeps_the_application_page_and_what_was_typed_on_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    screen = prefilled(window, page=1)
    page = screen.draft.page if screen.draft else None
    fill(qtbot, window, "indirizzo", "Via Roma 12")
    field = shown(window, QLineEdit, "input_indirizzo")
    window.refresh()
    assert screen.draft is not None and screen.draft.page == page
    # The very field, not one drawn again: the keyboard types into it (a deleted one
    # under the keys crashed the kiosk).
    assert shown(window, QLineEdit, "input_indirizzo") is field
    assert field.text() == "Via Roma 12" and field.hasFocus() and screen.keyboard.isVisible()


def test_a_sync_keeps_the_managers_notice_and_a_confirmation_under_way(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("manager")
    screen = window.screens["manager"]
    screen.show_notice("sync_done")
    tap_named(qtbot, window, "maintenanceExit")  # the first tap asks to confirm
    assert screen._confirming.isActive()
    window.refresh()
    assert shows(window, "Sincronizzazione riuscita: i dati qui sotto sono aggiornati.")
    assert screen._confirming.isActive()


ROUTES = [
    ("catalog", {}),
    ("category", {"category_id": "silvercare"}),
    ("service", {"service_id": "s01"}),
    ("calls", {}),
    ("apply", {"call_id": "bs-piazzola"}),
    ("status", {}),
    ("cart", {}),
    ("checkout", {}),
    ("wallet", {}),
    ("manager_login", {}),
    ("manager", {}),
    ("wallet_pin", {}),
]


@pytest.mark.parametrize(("route", "params"), ROUTES, ids=[route for route, _ in ROUTES])
def test_a_screen_refreshed_again_and_again_keeps_as_many_widgets(
    qtbot, qapp, window, route: str, params: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    """A kiosk runs for days, refreshed after every sync that brought a change."""
    with window.catalog.store.write() as session:  # something in the cart and a search
        mirror.upsert(session, "services", [service_record("r03", "Pranzo insieme")])
    window.go("service", {"service_id": "r03"})
    tap_named(qtbot, window, "addToCart")
    window.go("catalog")
    search(qtbot, window, "pranzo")
    window.go(route, params)
    if route == "apply":
        opened(window)  # its call is read off the UI thread: counted once on screen

    def widgets() -> int:
        window.refresh()
        # The cards a list draws in slices (the search's too, behind this screen), and
        # the widgets it deleted.
        qtbot.waitUntil(lambda: not any(fill.busy for fill in window.findChildren(SlicedFill)))
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return len(window.findChildren(QObject))

    settled = widgets()
    for _ in range(20):
        widgets()
    assert widgets() == settled


def test_a_sync_that_changed_no_call_leaves_the_calls_where_they_are(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.go("calls")
    content = window.screens["calls"].list.content
    drawn = [w for w in content.findChildren(QWidget) if w.parentWidget() is content]
    assert drawn
    window.refresh()
    assert [w for w in content.findChildren(QWidget) if w.parentWidget() is content] == drawn


def test_a_call_that_could_not_be_read_is_read_again_after_a_sync(qtbot, window, backend) -> None:  # type: ignore[no-untyped-def]
    """Opened before the first sync brought it, a call cannot be applied for; the pass
    that brings it makes the screen read it again."""
    from datetime import date

    from kiosk.boot.paths import DEMO_DATASET
    from store.demo import read_dataset

    with backend.store.write() as session:
        mirror.remove(session, "calls", ["bs-piazzola"])
    screen = prefilled_call(window)
    assert screen.step == Step.UNAVAILABLE
    demo = read_dataset(DEMO_DATASET, date.today())
    [call] = [c for c in demo["calls"] if c["id"] == "bs-piazzola"]
    with backend.store.write() as session:
        mirror.upsert(session, "calls", [call])
    window.refresh()
    opened(window)
    assert screen.step != Step.UNAVAILABLE and screen.draft is not None


def prefilled_call(window):  # type: ignore[no-untyped-def]
    window.go("apply", {"call_id": "bs-piazzola"})
    return opened(window)
