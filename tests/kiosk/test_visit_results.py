# SPDX-License-Identifier: EUPL-1.2
"""What comes back after a citizen has left belongs to their visit, not the next one:
an order or an application still being saved when the visit ends (a busy store), and a
receipt that starts printing after "Ho finito". Each is saved, sent and printed as any
other, and nothing of it opens over the next person's screen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

import kiosk.core.applying as applying
import kiosk.ui.controllers.purchase as purchase
from kiosk.ui.widgets.print_panel import PrintPanel
from store.models import OutboxEntry, PrintJob
from tests.kiosk.people import fill, prefilled, shows, tap

CF = "FRRNNA41A63E592W"


def panels(window: Any) -> list[PrintPanel]:
    return [panel for panel in window.findChildren(PrintPanel) if panel.isVisible()]


def held_until(gate: threading.Event, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real``, which waits for ``gate`` first: the store is busy (a sync writing a
    large catalog) until the test says otherwise."""

    def waiting(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(30), "the test never let the work go on"
        return real(*args, **kwargs)

    return waiting


def saved(backend: Any, kind: str) -> int:
    with backend.store.read() as session:
        return len(session.scalars(select(OutboxEntry).where(OutboxEntry.kind == kind)).all())


def printed(backend: Any) -> list[str]:
    with backend.store.read() as session:
        return list(session.scalars(select(PrintJob.state)))


@pytest.mark.slow
def test_an_order_saved_after_its_citizen_left_shows_nothing_to_the_next(
    qtbot, kiosk, snap, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    gate = threading.Event()
    monkeypatch.setattr(purchase, "place_order", held_until(gate, purchase.place_order))
    window.go("service", {"service_id": "s01"})
    tap(qtbot, window, "Aggiungi al carrello")
    window.go("checkout", {})
    fill(qtbot, window, "checkout_cf", CF)
    tap(qtbot, window, "Avanti ›")
    qtbot.waitUntil(lambda: shows(window, "Come paghi?"), timeout=5_000)
    screen = window.screens["checkout"]
    next(button for button in screen.pay_buttons.values() if button.isVisible()).click()
    screen.confirm_button.click()  # to the review
    screen.confirm_button.click()  # the order goes to be saved
    assert screen.mode == "sending"
    window.visits.end()  # left alone: the visit ends while the store is busy
    # The next person fills their own cart meanwhile.
    window.go("service", {"service_id": "s02"})
    tap(qtbot, window, "Aggiungi al carrello")
    next_cart = window.ctx.citizen.cart
    assert next_cart is not None and len(next_cart.lines) == 1
    gate.set()
    qtbot.waitUntil(lambda: saved(backend, "purchase") == 1, timeout=10_000)  # never lost
    qtbot.waitUntil(lambda: printed(backend) and "pending" not in printed(backend), timeout=15_000)
    qtbot.wait(200)  # the result's delivery on the UI thread
    assert not panels(window)  # no receipt of theirs on the next person's screen
    assert window.ctx.citizen.cart is next_cart and len(next_cart.lines) == 1
    window.go("checkout", {})
    snap(window, "next-visit-checkout")
    assert screen.mode != "done" and not shows(window, "Il tuo ordine è registrato")


@pytest.mark.slow
def test_an_application_saved_after_its_citizen_left_shows_nothing_to_the_next(
    qtbot, kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    gate = threading.Event()
    monkeypatch.setattr(applying, "submit", held_until(gate, applying.submit))
    prefilled(window, page=5)
    tap(qtbot, window, "Invia la domanda")
    window.visits.end()
    window.go("calls")  # the next person looks at the calls
    gate.set()
    qtbot.waitUntil(lambda: saved(backend, "application") == 1, timeout=10_000)
    qtbot.waitUntil(lambda: printed(backend) == ["printed"], timeout=20_000)  # held, then out
    qtbot.wait(200)
    assert not panels(window) and window.current_route == "calls"
    assert not shows(window, "La tua domanda è stata registrata")


@pytest.mark.slow
def test_a_receipt_printing_after_finish_does_not_open_on_the_next_visit(
    qtbot, kiosk, snap
) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    # No sync pass brings the protocol number: the receipt waits its full hold.
    backend.sync.worker.wake = lambda *args, **kwargs: None
    prefilled(window, page=5)
    tap(qtbot, window, "Invia la domanda")
    qtbot.waitUntil(lambda: shows(window, "La tua domanda è stata registrata"), timeout=10_000)
    tap(qtbot, window, "Ho finito")  # the citizen leaves at once
    tap(qtbot, window, "Servizi")  # the next person starts
    qtbot.waitUntil(lambda: printed(backend) == ["printed"], timeout=20_000)
    qtbot.wait(200)
    snap(window, "next-visit-catalog")
    assert not panels(window) and window.current_route == "catalog"
