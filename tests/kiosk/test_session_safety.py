# SPDX-License-Identifier: EUPL-1.2
"""The kiosk left alone: it asks "Sei ancora lì?" with a countdown, lets the citizen
carry on or ask for more time, and otherwise forgets the visit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from tests.kiosk.people import choose_language, shows, tap


def test_left_alone_the_kiosk_asks_then_forgets_the_visit(qtbot, window, snap) -> None:
    tap(qtbot, window, "Servizi")
    search = window.findChild(QLineEdit, "searchField")
    search.setText("anziani")
    day_centre = "Centro diurno anziani – giornata con pranzo"
    qtbot.waitUntil(lambda: shows(window, day_centre), timeout=3_000)
    choose_language(qtbot, window, "English")
    QGuiApplication.clipboard().setText("RSSMRA80A01G224X")
    window.visits.countdown_s = 3
    window.idle.timeout_ms = 300
    window.idle.longer(False)  # the configured wait is 90 s; here 0.3 s

    qtbot.waitUntil(lambda: shows(window, "Are you still there?"), timeout=3_000)
    assert shows(window, "3 seconds") or shows(window, "2 seconds")
    snap(window, "still-there-en")
    tap(qtbot, window, "Continue")
    assert not shows(window, "Are you still there?")
    assert search.text() == "anziani" and window.current_route == "catalog"

    qtbot.waitUntil(lambda: shows(window, "Are you still there?"), timeout=3_000)
    tap(qtbot, window, "I need more time")
    assert window.ctx.citizen.more_time and window.idle.timer.interval() == 600

    qtbot.waitUntil(lambda: shows(window, "Are you still there?"), timeout=3_000)
    qtbot.waitUntil(lambda: window.current_route == "home", timeout=6_000)
    qtbot.waitUntil(lambda: shows(window, "Servizi"))  # texts follow the language change
    assert window.ctx.lang == "it"
    assert search.text() == "" and not shows(window, day_centre)
    assert QGuiApplication.clipboard().text() == ""
    assert not window.ctx.citizen.more_time and window.idle.timer.interval() == 300
    tap(qtbot, window, "Servizi")
    assert not shows(window, "anziani")


def test_at_rest_on_the_home_screen_nothing_is_asked(qtbot, window) -> None:
    window.idle.timeout_ms = 200
    window.idle.longer(False)
    asked = []
    window.idle.timer.timeout.connect(lambda: asked.append(True))
    qtbot.waitUntil(lambda: bool(asked))  # the kiosk found itself left alone, and asked nothing
    assert not shows(window, "Sei ancora lì?") and window.current_route == "home"


def test_choices_of_a_visit_made_on_the_home_screen_are_forgotten_too(qtbot, window) -> None:
    """Larger text, high contrast or help, chosen on the home screen (or kept on the way
    back to it): the visit is not over, and the next citizen must not find them."""
    window.visits.countdown_s = 1
    window.idle.timeout_ms = 200
    window.idle.longer(False)
    for choose in (
        lambda: window.set_large_text(True),
        lambda: window.set_high_contrast(True),
        window.show_help,
    ):
        choose()
        qtbot.waitUntil(lambda: shows(window, "Sei ancora lì?"), timeout=3_000)
        qtbot.waitUntil(lambda: not shows(window, "Sei ancora lì?"), timeout=5_000)
        citizen = window.ctx.citizen
        assert not citizen.large_text and not citizen.high_contrast
        assert not window.large_text_button.isChecked() and not window.contrast_button.isChecked()
        assert window.visits.at_rest()  # help closed too
        assert window.current_route == "home"


def test_results_still_being_drawn_are_not_left_for_the_next_person(qtbot, window) -> None:
    from kiosk.ui.screens.catalog import FIRST_RESULTS

    tap(qtbot, window, "Servizi")
    screen = window.screens["catalog"]
    screen.search.setText("di")  # 24 services for Piazzola: more than a screenful
    screen._run_search()  # the pause in typing, at once
    assert len(screen.results.findChildren(QAbstractButton)) == FIRST_RESULTS
    window.visits.end()
    qtbot.wait(100)  # the slices the drawing would still have taken
    assert screen.results.findChildren(QAbstractButton) == []
    tap(qtbot, window, "Servizi")
    assert screen.stack.currentWidget() is screen.category_page


def test_the_time_out_prompt_over_a_form_in_italian(qtbot, window, snap) -> None:  # type: ignore[no-untyped-def]
    from tests.kiosk.people import prefilled

    prefilled(window, page=1)  # a citizen half-way through an application
    window.visits.countdown_s = 20
    window.idle.timeout_ms = 200
    window.idle.longer(False)
    qtbot.waitUntil(lambda: shows(window, "Sei ancora lì?"), timeout=3_000)
    assert shows(window, "secondi")
    snap(window, "still-there-it-form")  # the panel's size, no text cut
    tap(qtbot, window, "Continua")
    assert not shows(window, "Sei ancora lì?") and window.current_route == "apply"


def test_an_assisted_session_left_at_home_ends_and_logs_the_manager_out(qtbot, window) -> None:
    """A manager who started an assisted session (or went home in one) and walked away
    lent their name to whoever came next: a desk payment "confirmed by" them, the
    dashboard behind "End assisted session". Left alone, the kiosk asks, then ends it."""
    from kiosk.core.manager_login import Manager

    window.manager_mode.logged_in(Manager("1001", "Silvia Bianchi", "Coop", "manager"))
    window.manager_mode.start_assisted_session()
    assert window.current_route == "home" and shows(window, "Silvia Bianchi")
    assert not window.visits.at_rest()
    window.visits.countdown_s = 1
    window.idle.timeout_ms = 200
    window.idle.longer(False)
    qtbot.waitUntil(lambda: shows(window, "Sei ancora lì?"), timeout=3_000)
    qtbot.waitUntil(lambda: window.manager is None, timeout=5_000)
    assert window.ctx.citizen.assisted_by is None and window.current_route == "home"
    assert not shows(window, "Silvia Bianchi") and not shows(window, "Sei ancora lì?")


def test_left_alone_at_rest_what_the_visit_still_held_is_forgotten_without_asking(
    qtbot, kiosk
) -> None:
    """A citizen who went home by "⌂" and walked away left a clean home screen, and
    things out of sight: their opened wallet, their order's confirmation, their search.
    Left alone, the kiosk asks nothing and forgets them all."""
    from kiosk.ui.controllers.purchase import PurchaseController

    window, _backend = kiosk
    purchasing = next(c for c in window.children() if isinstance(c, PurchaseController))
    tap(qtbot, window, "Servizi")
    search = window.findChild(QLineEdit, "searchField")
    search.setText("anziani")
    purchasing.wallet = object()  # as after "My vouchers" with the codice fiscale and PIN
    checkout = window.navigation.screen_for("checkout")
    checkout.mode = "done"  # as after an order was saved
    window.go_home()
    assert window.visits.at_rest()
    visit = window.ctx.citizen.visit
    window.idle.timeout_ms = 200
    window.idle.longer(False)
    qtbot.waitUntil(lambda: not window.ctx.citizen.still(visit), timeout=3_000)
    assert not shows(window, "Sei ancora lì?") and window.current_route == "home"
    assert purchasing.wallet is None and checkout.mode == "identify" and search.text() == ""


def test_a_new_cart_starts_a_new_checkout_not_on_the_last_orders_confirmation(qtbot, kiosk) -> None:
    """After an order is saved its page stays (the cart is done with); a new cart, the
    same citizen's after "⌂" or the next person's, starts at the first step."""
    from kiosk.core.purchasing import Cart, cart_line

    window, backend = kiosk
    checkout = window.navigation.screen_for("checkout")
    checkout.mode = "done"  # as after an order was saved: its code on the page
    window.navigation.go("checkout")
    assert checkout.mode == "done"  # no new cart: the confirmation stays
    window.go_home()
    with backend.store.read() as session:
        line = cart_line(session, "s01", 1)
    window.ctx.citizen.cart = Cart([line])
    window.navigation.go("checkout")
    assert checkout.mode == "identify"


def test_a_status_search_under_way_when_the_visit_ends_leaves_search_to_the_next(
    qtbot, kiosk
) -> None:
    window, _backend = kiosk
    status = window.navigation.screen_for("status")
    window.navigation.go("status")
    status.search_button.setEnabled(False)  # as while a look-up is on its way
    window.visits.end()  # its answer will be dropped: it was for the citizen who left
    window.navigation.go("status")
    assert status.search_button.isEnabled()


def test_vouchers_waiting_for_paper_are_not_printed_for_whoever_comes_next(
    qtbot, kiosk, printer
) -> None:
    """Paper ran out while a citizen's vouchers waited; they left, the kiosk was left
    alone, and the staff load paper later: a voucher's QR is money at the shop, and it
    would come out for the next person. Vouchers wait for a manager instead (among the
    slips to check); a receipt still prints. Tapping "Finish" holds nothing back: the
    citizen may be at the printer, collecting their slips."""
    from printing import print_queue
    from printing.slip import Slip, Text

    window, backend = kiosk
    printer.mode = "paper_out"
    store = backend.store

    def queue(kind: str) -> str:
        with store.write() as session:
            return print_queue.add(session, Slip("x", (Text("x"),)), kind, "AB12-CD34-EF56")

    def state(job: str) -> str:
        with store.read() as session:
            found = print_queue.get(session, job)
            assert found is not None
            return found.state

    kept = queue("voucher")
    backend.printing.worker.wake()
    qtbot.waitUntil(lambda: not backend.printing.worker.last.printer.can_print, timeout=5_000)
    window.visits.finish()  # the citizen taps "Finish" and collects their slips
    qtbot.wait(300)
    assert state(kept) == "pending"
    voucher, receipt = queue("voucher"), queue("receipt")
    window.idle.timeout_ms = 200
    window.idle.longer(False)
    qtbot.waitUntil(lambda: state(voucher) == "expired", timeout=5_000)
    assert state(kept) == "expired" and state(receipt) == "pending"
    with store.read() as session:
        attention = {job.uuid for job in print_queue.needing_attention(session)}
    assert voucher in attention

    # A printer that prints goes on: a long order's vouchers come out for the citizen
    # who is collecting them.
    printer.mode = "healthy"
    backend.printing.worker.wake()
    qtbot.waitUntil(lambda: state(receipt) == "printed", timeout=30_000)
    coming = queue("voucher")
    window.visits.abandoned.emit()
    backend.printing.worker.wake()
    qtbot.waitUntil(lambda: state(coming) == "printed", timeout=30_000)


def test_at_rest_the_visit_is_forgotten_once_not_at_every_idle_time(qtbot, window) -> None:
    """The forgetting restarted the idle timer: every idle time, for as long as nobody
    came, every screen forgot, switch scanning stopped, the printer's queue was written."""
    ended: list[bool] = []
    window.visits.ended.connect(lambda: ended.append(True))
    window.idle.timeout_ms = 100
    window.idle.longer(False)
    qtbot.waitUntil(lambda: bool(ended), timeout=3_000)
    qtbot.wait(600)  # six idle times more
    assert ended == [True] and not window.idle.timer.isActive()
    qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)  # someone comes
    assert window.idle.timer.isActive()
