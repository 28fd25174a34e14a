# SPDX-License-Identifier: EUPL-1.2
"""A desk payment confirmed by the assisting manager's PIN, on a kiosk of its own: a
check that answers late, or fails, and what the headset says of the PIN."""

from __future__ import annotations

import json
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from kiosk.boot.paths import DEMO_DATASET
from kiosk.core.manager_login import LoginOutcome, Manager
from kiosk.ui.main_window import MainWindow
from kiosk.ui.spoken_mode import SpokenMode
from store import mirror
from store.models import OutboxEntry
from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import fill, find_button, log_in, shown, shows, tap
from tests.kiosk.shopping import CF, add_to_cart, identify, type_on_keypad

DESK = "Pago ora allo sportello (contanti o carta, con il welfare manager)"
SILVIA = Manager("1001", "Silvia Demo", "Coop", "welfare_manager", b"k" * 32)
OTHER_CF = "RSSMRA85T10A562S"


@pytest.fixture
def kiosk(qtbot, qapp, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path))
    yield window
    tasks.shutdown()
    backend.close()
    window.ctx.switcher.detach()


def at_the_desk(qtbot, window: MainWindow) -> Any:  # type: ignore[no-untyped-def]
    window.manager_mode.manager = SILVIA
    window.manager_mode.start_assisted_session()
    add_to_cart(qtbot, window, "s01")
    window.go("checkout")
    identify(qtbot, window, CF)
    tap(qtbot, window, DESK)
    return window.screens["checkout"]


def slow_check(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The PIN check waits for the returned event, then says the PIN is Silvia's."""
    gate = threading.Event()

    def check(*_args: Any, **_kwargs: Any) -> LoginOutcome:
        gate.wait(10)
        return LoginOutcome(SILVIA)

    monkeypatch.setattr("kiosk.ui.controllers.purchase.log_in", check)
    return gate


def test_a_late_answer_confirms_nothing_once_the_citizen_went_back(  # type: ignore[no-untyped-def]
    qtbot, kiosk: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PIN check takes a while (a memory-hard hash): meanwhile the citizen goes
    back and someone identifies anew. The answer that comes then is not theirs."""
    gate = slow_check(monkeypatch)
    checkout = at_the_desk(qtbot, kiosk)
    type_on_keypad(qtbot, checkout.desk.keypad, "246810")
    tap(qtbot, kiosk, "Conferma il pagamento")
    assert checkout.desk.waiting
    assert checkout.step_back()  # back to who is paying: the box starts again
    fill(qtbot, kiosk, "checkout_cf", OTHER_CF)
    tap(qtbot, kiosk, "Avanti ›")
    gate.set()
    qtbot.waitUntil(lambda: shows(kiosk, "Come paghi?"), timeout=5_000)
    qtbot.wait(100)  # the check's answer, had it counted, would be shown by now
    tap(qtbot, kiosk, DESK)
    assert not checkout.desk.confirmed and checkout.desk.keypad.isVisible()
    assert not find_button(kiosk, "Controlla l’ordine ›").isEnabled()


def test_a_late_answer_after_back_leaves_the_box_asking(  # type: ignore[no-untyped-def]
    qtbot, kiosk: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = slow_check(monkeypatch)
    checkout = at_the_desk(qtbot, kiosk)
    type_on_keypad(qtbot, checkout.desk.keypad, "246810")
    tap(qtbot, kiosk, "Conferma il pagamento")
    assert checkout.step_back()
    gate.set()
    qtbot.wait(300)
    assert not checkout.desk.confirmed
    identify(qtbot, kiosk, CF)
    tap(qtbot, kiosk, DESK)
    assert checkout.desk.keypad.isVisible()  # the manager can type the PIN again


def test_a_check_that_fails_lets_the_manager_try_again(  # type: ignore[no-untyped-def]
    qtbot, kiosk: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> LoginOutcome:
        raise OSError("disk I/O error")

    monkeypatch.setattr("kiosk.ui.controllers.purchase.log_in", broken)
    checkout = at_the_desk(qtbot, kiosk)
    type_on_keypad(qtbot, checkout.desk.keypad, "246810")
    tap(qtbot, kiosk, "Conferma il pagamento")
    qtbot.waitUntil(lambda: not checkout.desk.waiting, timeout=5_000)
    assert shows(kiosk, "Questo PIN non può confermare il pagamento.")
    assert checkout.desk.keypad.isEnabled() and checkout.mode == "pay"
    assert not shows(kiosk, "Non è stato possibile registrare l’ordine")  # none was tried


def confirmed_at_the_desk(qtbot, window: MainWindow, **quantities: int) -> Any:  # type: ignore[no-untyped-def]
    """The real manager's login, an assisted session, the cart, and the desk payment
    confirmed with the manager's PIN, on the order's summary page."""
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=20_000)
    tap(qtbot, window, "Inizia una sessione assistita")
    for service, quantity in quantities.items():
        add_to_cart(qtbot, window, service, more=quantity - 1)
    window.go("checkout")
    identify(qtbot, window, CF)
    tap(qtbot, window, DESK)
    checkout = window.screens["checkout"]
    type_on_keypad(qtbot, checkout.desk.keypad, "246810")
    tap(qtbot, window, "Conferma il pagamento")
    qtbot.waitUntil(lambda: checkout.desk.confirmed, timeout=20_000)
    tap(qtbot, window, "Controlla l’ordine ›")
    return checkout


def synced(window: MainWindow, service_id: str, **changes: Any) -> None:
    """A sync pass brings the service changed (``booking="info_only"``: no longer sold)."""
    services = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))["services"]
    record = next(s for s in services if s["id"] == service_id) | changes
    with window.catalog.store.write() as session:  # type: ignore[union-attr]
        mirror.upsert(session, "services", [record])


def queued_purchases(window: MainWindow) -> list[dict[str, Any]]:
    with window.catalog.store.read() as session:  # type: ignore[union-attr]
        entries = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "purchase"))
        return [dict(e.payload or {}) for e in entries]


@pytest.mark.parametrize(
    ("cart", "change", "total"),
    [
        ({"s01": 2}, {"price_cents": 1500}, "€ 30,00"),  # a price up
        ({"s01": 2}, {"price_cents": 1000}, "€ 20,00"),  # or down
        ({"s01": 2, "s02": 1}, {"booking": "info_only"}, "€ 26,00"),  # a line withdrawn
    ],
)
def test_a_desk_payment_confirmed_for_one_total_is_asked_again_for_another(  # type: ignore[no-untyped-def]
    qtbot, kiosk: MainWindow, cart: dict[str, int], change: dict[str, Any], total: str
) -> None:
    """The manager was paid the total shown when the PIN was typed. A sync changes the
    order before it is placed: the refusal takes the confirmation away with the old cart,
    the box asks the manager's PIN again and says the new total, and nothing goes out
    until it is confirmed; then the order goes out at the total the manager confirmed."""
    checkout = confirmed_at_the_desk(qtbot, kiosk, **cart)
    synced(kiosk, "s02" if "booking" in change else "s01", **change)
    tap(qtbot, kiosk, "Conferma l’ordine")
    qtbot.waitUntil(lambda: checkout.mode == "refused", timeout=10_000)
    assert not checkout.desk.confirmed and checkout.desk.keypad.isVisible()
    assert shows(kiosk, f"Il totale è cambiato: ora è {total}. Digita di nuovo il PIN")
    assert not find_button(kiosk, "Controlla l’ordine ›").isEnabled()
    # The screen's word alone (a confirmation it no longer holds) places nothing either.
    checkout.place_requested.emit("desk", True)
    qtbot.waitUntil(lambda: checkout.mode == "refused", timeout=10_000)
    assert queued_purchases(kiosk) == []
    type_on_keypad(qtbot, checkout.desk.keypad, "246810")
    tap(qtbot, kiosk, "Conferma il pagamento")
    qtbot.waitUntil(lambda: checkout.desk.confirmed, timeout=20_000)
    tap(qtbot, kiosk, "Controlla l’ordine ›")
    tap(qtbot, kiosk, "Conferma l’ordine")
    qtbot.waitUntil(lambda: checkout.mode == "done", timeout=10_000)
    [purchase] = queued_purchases(kiosk)
    assert f"€ {purchase['total_cents'] / 100:.2f}".replace(".", ",") == total


def test_an_order_changed_behind_the_screen_is_not_signed_with_the_desk_proof(  # type: ignore[no-untyped-def]
    qtbot, kiosk: MainWindow
) -> None:
    """Whatever changes the cart after the PIN, the controller compares the order with
    the one confirmed: another quantity is refused before anything is written."""
    checkout = confirmed_at_the_desk(qtbot, kiosk, s01=2)
    kiosk.ctx.citizen.cart.set_quantity("s01", 3)  # type: ignore[union-attr]
    checkout.place_requested.emit("desk", True)  # as "Confirm the order" would
    qtbot.waitUntil(lambda: checkout.mode == "refused", timeout=10_000)
    assert queued_purchases(kiosk) == []
    assert checkout.refusal[0] == "desk_changed" and not checkout.desk.confirmed
    assert shows(kiosk, "L’ordine è cambiato dopo la conferma del pagamento allo sportello")
    assert shows(kiosk, "Il totale è cambiato: ora è € 39,00.")


def test_the_headset_never_says_the_managers_pin(qtbot, kiosk: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """In an assisted session the headset is the citizen's."""
    checkout = at_the_desk(qtbot, kiosk)
    type_on_keypad(qtbot, checkout.desk.keypad, "246810")

    class Silent:
        volume = 1.0

        def say(self, text: str, lang: str) -> None:
            pass

    spoken = SpokenMode(kiosk, Silent(), SimpleNamespace(volume=1.0, output="speaker"))
    spoken.headset = True
    said = spoken.describe(checkout.desk.pin_field)
    assert "6 cifre, nascoste" in said
    assert "2 4 6 8" not in said and "2468" not in said


def test_the_loudspeaker_counts_the_pin_s_digits_and_asks_for_no_headset(  # type: ignore[no-untyped-def]
    qtbot, kiosk: MainWindow
) -> None:
    """The digits are never said through either output: through the loudspeaker the
    PIN said "use a headset to hear it", which would have said no more."""
    checkout = at_the_desk(qtbot, kiosk)
    type_on_keypad(qtbot, checkout.desk.keypad, "246810")

    class Silent:
        volume = 1.0

        def say(self, text: str, lang: str) -> None:
            pass

    spoken = SpokenMode(kiosk, Silent(), SimpleNamespace(volume=1.0, output="speaker"))
    said = spoken.describe(checkout.desk.pin_field)
    assert "6 cifre, nascoste" in said and "cuffie" not in said, said
    assert "2 4 6 8" not in said and "2468" not in said
    kiosk.ctx.switcher.set_language("en")
    qtbot.waitUntil(lambda: "6 digits, hidden" in spoken.describe(checkout.desk.pin_field))
    assert "headset" not in spoken.describe(checkout.desk.pin_field)


def paragraph_direction(text: str) -> str:
    """ "R" or "L": the direction of a paragraph's first strong character, isolates
    (and what they hold) skipped, as the Unicode bidi algorithm sets a paragraph."""
    depth = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth == 0 and kind in ("L", "R", "AL"):
            return "L" if kind == "L" else "R"
    return "L"


@pytest.mark.parametrize("name", ["Silvia Demo", "فاطمة الزهراء"])
def test_the_desk_prompt_reads_right_to_left_in_arabic(  # type: ignore[no-untyped-def]
    qtbot, kiosk: MainWindow, name: str
) -> None:
    """A Latin name opening the Arabic sentence made the whole prompt run left to right
    (the name at the left, the full stop at the far right)."""
    checkout = at_the_desk(qtbot, kiosk)
    kiosk.manager_mode.manager = Manager("1001", name, "Coop", "welfare_manager", b"k" * 32)
    kiosk.manager_mode.start_assisted_session()
    kiosk.ctx.switcher.set_language("ar")
    checkout.retranslate()
    for text in (checkout.desk.prompt.text(), checkout.desk.done.text()):
        assert name in text and paragraph_direction(text) == "R", text


def test_a_sync_during_checkout_keeps_who_pays_how_and_the_pin_being_typed(  # type: ignore[no-untyped-def]
    qtbot, kiosk: MainWindow
) -> None:
    """A sync pass that changes the mirror shows the screen again with fresh data: the
    checkout forgot who was paying and how, the PIN half typed, as if the citizen had
    just come to it."""
    checkout = at_the_desk(qtbot, kiosk)
    type_on_keypad(qtbot, checkout.desk.keypad, "246")
    kiosk.refresh()  # what the sync bridge calls after a pass that changed the mirror
    assert checkout.mode == "pay" and shows(kiosk, "Come paghi?")
    assert checkout.pay_buttons["desk"].isChecked() and checkout.desk.pin == "246"
    assert checkout.identify.field.text() != ""


@pytest.mark.parametrize(
    ("route", "field", "typed"),
    [("wallet", "wallet_cf", CF), ("status", "tracking", "DOM-7KQ2-XE45")],
)
def test_a_sync_keeps_what_the_citizen_typed(  # type: ignore[no-untyped-def]
    qtbot, kiosk: MainWindow, route: str, field: str, typed: str
) -> None:
    kiosk.go(route, {})
    fill(qtbot, kiosk, field, typed)
    typing = shown(kiosk, QLineEdit, f"input_{field}")
    assert QApplication.focusWidget() is typing
    kiosk.refresh()
    qtbot.wait(20)
    assert typing.text().replace(" ", "") == typed
    assert QApplication.focusWidget() is typing  # the citizen types on


def test_a_sync_looks_the_state_shown_up_again(qtbot, kiosk: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The state of an application on the screen may be what the sync just changed
    (sent, decided): it is asked again, for the same code and codice fiscale."""
    kiosk.go("status", {})
    status = kiosk.screens["status"]
    asked: list[tuple[str, str]] = []
    status.lookup_requested.connect(lambda code, cf: asked.append((code, cf)))
    fill(qtbot, kiosk, "tracking", "DOM-7KQ2-XE45")
    fill(qtbot, kiosk, "status_cf", CF)
    status.search()
    qtbot.waitUntil(lambda: status.searched, timeout=5_000)
    assert len(asked) == 1
    kiosk.refresh()
    assert asked == [asked[0], asked[0]]
    status.forget()
    kiosk.refresh()
    assert len(asked) == 2  # nothing shown: nothing to ask again


def test_a_sync_leaves_the_focus_on_a_rebuilt_card(qtbot, kiosk: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The calls screen rebuilds its cards: the focused button was deleted and Qt gave
    the focus to the header's "larger text", which a keypad user's next OK toggled."""
    from PySide6.QtWidgets import QPushButton

    kiosk.go("calls", {})
    qtbot.wait(50)
    screen = kiosk.screens["calls"]
    cards = [b for b in screen.findChildren(QPushButton) if b.isVisible() and b.objectName()]
    target = next(b for b in cards if b.objectName().startswith("apply_"))
    kiosk.activateWindow()
    target.setFocus()
    name = target.objectName()
    kiosk.refresh()
    qtbot.wait(50)
    focus = QApplication.focusWidget()
    assert focus is not None and screen.isAncestorOf(focus) and focus.objectName() == name
