# SPDX-License-Identifier: EUPL-1.2
"""Manager mode: the dashboard says which wallets wrong PINs locked and leads to the
screen where a welfare manager, after checking an identity document, sets a citizen's
new wallet PIN; the request waits sealed in the outbox, the reference platform sets it
over loopback HTTP, and the screen follows its answer. Screenshots looked at."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select, update

from central.models import Device
from kiosk.core.wallet_pin import pin_state, queue_pin
from kiosk.ui.controllers import manager
from protocol import sealing
from store import outbox
from store.models import KioskFact, OutboxEntry, WalletAttempt, WalletEntry
from tests.kiosk.people import error_of, fill, log_in, shown, shows, tap

CF = "FRRNNA41A63E592W"
PIN = "582941"
LOGIN_S = 15_000  # an operator PIN costs a scrypt: a while on a busy test machine


def _locks(store) -> None:  # type: ignore[no-untyped-def]
    """A wallet locked here by wrong PINs, and one the platform locked."""
    now = outbox.utcnow()
    with store.write() as session:
        session.add(
            WalletAttempt(
                tag="ab" * 32, failures=0, locked_until=now + timedelta(hours=20), updated_at=now
            )
        )
        session.add(
            WalletEntry(
                id="cd" * 32, comune_id="piazzola", sealed=None, locked=True, updated_at=now
            )
        )


def test_a_manager_sees_locked_wallets_and_sets_a_new_pin_after_an_identity_check(
    qtbot, kiosk, central, snap
) -> None:  # type: ignore[no-untyped-def]
    window, backend = kiosk
    store = backend.store
    _locks(store)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    qtbot.waitUntil(lambda: shows(window, "Bloccati a questo totem dopo 5 PIN sbagliati: 1."))
    assert shows(window, "Bloccati dalla piattaforma dopo 10 PIN sbagliati ai totem del Comune: 1.")
    snap(window, "dashboard-wallets")
    tap(qtbot, window, "Imposta un PIN del portafoglio")
    qtbot.waitUntil(lambda: shows(window, "PIN del portafoglio di un cittadino"))
    snap(window, "pin-screen")

    fill(qtbot, window, "walletPinCf", "FRRNNA41A63E592X")  # a wrong check letter
    tap(qtbot, window, "Imposta il PIN")
    assert "non è valido" in error_of(window, "walletPinCf")
    _retype(window, "walletPinCf", CF)
    tap(qtbot, window, "Imposta il PIN")
    assert "Scegli il documento" in error_of(window, "walletPinCf")
    tap(qtbot, window, "Passaporto")
    fill(qtbot, window, "walletPinNew", PIN)
    fill(qtbot, window, "walletPinAgain", "582942")
    tap(qtbot, window, "Imposta il PIN")
    assert "sono diversi" in error_of(window, "walletPin")
    snap(window, "pin-mismatch")

    # A kiosk that has not reached the platform has nothing to seal the PIN to.
    with store.write() as session:
        session.delete(session.get(KioskFact, "sealing_key"))
    _retype(window, "walletPinNew", PIN)
    _retype(window, "walletPinAgain", PIN)
    tap(qtbot, window, "Imposta il PIN")
    qtbot.waitUntil(lambda: shows(window, "non ha ancora raggiunto la piattaforma"))
    with store.read() as session:
        assert (
            session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "wallet_pin")).first()
            is None
        )
    backend.sync.worker.connectivity_returned()  # a sync learns the platform's key again
    qtbot.waitUntil(lambda: _has_key(store), timeout=10_000)

    _retype(window, "walletPinNew", PIN)
    _retype(window, "walletPinAgain", PIN)
    tap(qtbot, window, "Imposta il PIN")
    qtbot.waitUntil(lambda: shows(window, "Fatto: il PIN è impostato."), timeout=15_000)
    snap(window, "pin-set")
    with store.read() as session:
        [entry] = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "wallet_pin"))
    assert (
        entry.sealed is not None and PIN not in str(entry.payload) and CF not in str(entry.payload)
    )
    key = central.platform.seal.private_key()
    kid = sealing.key_id(sealing.public_text(key))
    sent = sealing.open_sealed(
        {kid: key},
        "wallet_pin",
        entry.uuid,
        entry.sealed,
        created_at=entry.created_at,
        clock_skew_s=entry.clock_skew_s,
    )
    assert (sent["codice_fiscale"], sent["pin"], sent["document"]) == (CF, PIN, "passaporto")
    holder = central.platform.wallet_holder(CF)
    assert holder is not None and (holder.set_by, holder.document) == ("1001", "passaporto")

    # Another Comune's wallet, at a kiosk of Piazzola (this one was enrolled for every
    # Comune): the platform refuses it, and the screen says where to go.
    with central.platform.sessions.begin() as session:
        session.execute(update(Device).values(comune="piazzola"))
    of_limena = "BNCGNN50A01G224P"
    central.platform.set_wallet_pin(of_limena, "135790", comune="limena")
    _retype(window, "walletPinCf", of_limena)
    tap(qtbot, window, "Passaporto")
    _retype(window, "walletPinNew", PIN)
    _retype(window, "walletPinAgain", PIN)
    tap(qtbot, window, "Imposta il PIN")
    qtbot.waitUntil(lambda: shows(window, OTHER_COMUNE), timeout=15_000)
    snap(window, "pin-other-comune")
    holder = central.platform.wallet_holder(of_limena)
    assert holder is not None and (holder.comune, holder.set_by) == ("limena", "comune")


OTHER_COMUNE = (
    "La piattaforma l'ha rifiutato: il portafoglio di questo cittadino appartiene a un altro"
    " Comune. Il suo PIN si imposta in un Social Point di quel Comune, o dagli uffici di quel"
    " Comune."
)


def _retype(window, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """A field typed again (the first time was typed key by key)."""
    shown(window, QLineEdit, f"input_{name}").setText(text)


def _has_key(store) -> bool:  # type: ignore[no-untyped-def]
    with store.read() as session:
        return session.get(KioskFact, "sealing_key") is not None


def test_the_health_card_on_the_scanner_fills_the_codice_fiscale(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    window, _backend = kiosk
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    tap(qtbot, window, "Imposta un PIN del portafoglio")
    qtbot.waitUntil(lambda: shows(window, "PIN del portafoglio di un cittadino"))
    fill(qtbot, window, "walletPinCf", "FRRNNA41A63E592X")  # a wrong check letter
    tap(qtbot, window, "Imposta il PIN")
    assert "non è valido" in error_of(window, "walletPinCf")
    # The card goes over the reader while the focus is in the new PIN: the code lands in
    # the codice fiscale, the PIN keeps what was typed, and the old error goes.
    new_pin = shown(window, QLineEdit, "input_walletPinNew")
    qtbot.mouseClick(new_pin, Qt.MouseButton.LeftButton)
    QTest.keyClicks(new_pin, "58")
    qtbot.wait(80)  # a person's typing, then the card: a burst of its own
    QTest.keyClicks(new_pin, CF)
    QTest.keyClick(new_pin, Qt.Key.Key_Return)
    assert shown(window, QLineEdit, "input_walletPinCf").text() == CF
    assert new_pin.text() == "58"
    assert not shows(window, "non è valido")


def test_a_wallet_opening_for_a_visit_that_ended_makes_no_key(window, backend, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Openings wait their turn on the kiosk's worker: each makes a memory-hard key
    (about 64 MiB, a second of processor). A citizen who typed their PIN and left had
    theirs made all the same, for nobody, and openings of visits ended one after
    another queued up behind each other."""
    from datetime import datetime

    from kiosk.ui.controllers import purchase
    from printing.slip import SlipContext
    from sync.device import DeviceIdentity, save

    # Enrolled, with its lookup key: an opening goes as far as the key.
    save(backend.config.device_file, DeviceIdentity("device-1", "t" * 32, "ab" * 32))

    def no_key(*_args: object) -> None:
        raise AssertionError("a key made for a visit that ended")

    monkeypatch.setattr(purchase, "wallet_key", no_key)
    context = SlipContext("SP", "Piazzola sul Brenta", "kiosk-test", datetime.now())
    controller = purchase.PurchaseController(window, backend, None, lambda: context, None)  # type: ignore[arg-type]
    work = controller._opener("FRRNNA41A63E592W", "402718")
    with pytest.raises(AssertionError, match="made for a visit"):
        controller._opener("FRRNNA41A63E592W", "402718")()  # the visit goes on: made
    window.ctx.citizen.end()  # they left before their opening's turn came
    assert work() is None


def _ask_offline(qtbot, window, backend, cf: str) -> str:  # type: ignore[no-untyped-def]
    """A PIN asked for ``cf`` while the link is down, then the manager back to the
    dashboard and on the screen again for the next citizen; the request's UUID."""
    backend.sync.worker.stop()
    tap(qtbot, window, "Imposta un PIN del portafoglio")
    qtbot.waitUntil(lambda: window.current_route == "wallet_pin")
    fill(qtbot, window, "walletPinCf", cf)
    tap(qtbot, window, "Passaporto")
    fill(qtbot, window, "walletPinNew", PIN)
    fill(qtbot, window, "walletPinAgain", PIN)
    tap(qtbot, window, "Imposta il PIN")
    qtbot.waitUntil(lambda: _asked(backend.store) is not None, timeout=5_000)
    qtbot.wait(100)  # its follower has looked once: still waiting
    sent = _asked(backend.store)
    assert sent is not None and shows(window, "Inviato")
    tap(qtbot, window, "‹ Pannello")
    qtbot.waitUntil(lambda: window.current_route == "manager")
    tap(qtbot, window, "Imposta un PIN del portafoglio")
    qtbot.waitUntil(lambda: window.current_route == "wallet_pin")
    return sent


def _asked(store) -> str | None:  # type: ignore[no-untyped-def]
    with store.read() as session:
        return session.scalar(select(OutboxEntry.uuid).where(OutboxEntry.kind == "wallet_pin"))


@pytest.mark.parametrize("answer", ["refused", "accepted"])
def test_an_earlier_citizens_answer_never_lands_on_the_next_citizens_screen(
    qtbot, kiosk, central, monkeypatch, answer
) -> None:  # type: ignore[no-untyped-def]
    """The kiosk was offline when the PIN was asked: the manager left the screen and came
    back for the next citizen. When the answer comes, the screen shows nothing of it (a
    refusal was taken for the next citizen's), and an acceptance does not wipe what the
    manager is typing; the screen stops asking for it."""
    window, backend = kiosk
    first = CF
    if answer == "refused":  # another Comune's wallet, at a kiosk of Piazzola
        with central.platform.sessions.begin() as session:
            session.execute(update(Device).values(comune="piazzola"))
        first = "BNCGNN50A01G224P"
        central.platform.set_wallet_pin(first, "135790", comune="limena")
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    sent = _ask_offline(qtbot, window, backend, first)
    screen = window.screens["wallet_pin"]
    following: list[str] = []

    def counted(session, entry_uuid: str):  # type: ignore[no-untyped-def]
        following.append(entry_uuid)
        return pin_state(session, entry_uuid)

    monkeypatch.setattr(manager, "pin_state", counted)
    nextone = "BNCGNN50A01G224P" if first == CF else CF
    fill(qtbot, window, "walletPinCf", nextone)
    tap(qtbot, window, "Carta d'identità")
    backend.sync.worker.run_pass()  # the link is back: the first request is answered
    with backend.store.read() as session:
        assert pin_state(session, sent)[0] == answer.replace("refused", "rejected")
    following.clear()
    qtbot.wait(2_500)  # two rounds of the follower, had it gone on
    assert screen.state == "" and not screen.outcome.isVisible()
    assert shown(window, QLineEdit, "input_walletPinCf").text() == nextone
    assert screen.document == "carta_identita"
    assert not following  # nothing polled for a request no screen shows


def test_a_request_still_being_queued_when_the_screen_is_left_is_not_followed_there(
    qtbot, kiosk, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The store was slow to queue the request and the manager went back and opened the
    screen for the next citizen meanwhile: its "Sent" and its answer stay off that
    screen (the dashboard lists a refusal)."""
    window, backend = kiosk
    gate = threading.Event()

    def slow_queue(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(10)
        return queue_pin(*args, **kwargs)

    monkeypatch.setattr(manager, "queue_pin", slow_queue)
    log_in(qtbot, window)
    qtbot.waitUntil(lambda: window.current_route == "manager", timeout=LOGIN_S)
    tap(qtbot, window, "Imposta un PIN del portafoglio")
    qtbot.waitUntil(lambda: window.current_route == "wallet_pin")
    fill(qtbot, window, "walletPinCf", CF)
    tap(qtbot, window, "Passaporto")
    fill(qtbot, window, "walletPinNew", PIN)
    fill(qtbot, window, "walletPinAgain", PIN)
    tap(qtbot, window, "Imposta il PIN")
    tap(qtbot, window, "‹ Pannello")
    qtbot.waitUntil(lambda: window.current_route == "manager")
    tap(qtbot, window, "Imposta un PIN del portafoglio")
    qtbot.waitUntil(lambda: window.current_route == "wallet_pin")
    screen = window.screens["wallet_pin"]
    gate.set()
    qtbot.waitUntil(lambda: _asked(backend.store) is not None, timeout=5_000)
    qtbot.wait(1_500)  # its answer, had it been followed here
    assert screen.state == "" and not screen.outcome.isVisible()
