# SPDX-License-Identifier: EUPL-1.2
"""Buying and booking on the touchscreen as a citizen does, with the reference platform
behind a proxy that fails the first two pushes, and the recording TCP printer."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from kiosk.core.local_time import today
from kiosk.core.manager_login import Manager
from store.models import OutboxEntry
from sync.device import DeviceIdentity as Identity
from tests.conftest import make_config
from tests.kiosk.conftest import kiosk_window
from tests.kiosk.people import fill, find_button, printer_rounds, shows, tap
from tests.kiosk.shopping import CF, add_to_cart, identify, type_on_keypad
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.sync.conftest import Central
from tests.sync.faults import FaultProxy
from vouchers.codes import key_id, verify
from vouchers.keys import load_or_create_signer


@pytest.fixture
def shop(qtbot, qapp, tmp_path: Path, printer: FakePrinter, central: Central):  # type: ignore[no-untyped-def]
    proxy = FaultProxy((central.server.host, central.server.port))
    settings = (
        f'[printer]\nconnection = "network"\nhost = "127.0.0.1"\nport = {printer.port}\n'
        'status_timeout_ms = 300\npaper = "58mm-image-qr"\n'
        f'[sync]\nplatform_url = "{proxy.url}"\n'
        f'enrollment_code = "{central.platform.new_enrollment_code()}"\ninterval_s = 3600\n'
    )
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path, settings))
    qtbot.waitUntil(lambda: "● In linea" in window.sync_badge.text(), timeout=15_000)
    yield window, backend, proxy
    tasks.shutdown()
    backend.close()
    window.ctx.switcher.detach()
    proxy.close()


PIN = "402718"  # the wallet PIN of the Comune's letter


def wallet_mirrored(backend, locator: str) -> bool:  # type: ignore[no-untyped-def]
    from store.models import WalletEntry

    with backend.store.read() as session:
        return session.get(WalletEntry, locator) is not None


def credit_mirrored(qtbot, central: Central, backend, cents: int) -> str:  # type: ignore[no-untyped-def]
    """A credit of ``cents`` for CF and a wallet PIN set, pulled into the kiosk's mirror:
    the wallet's locator."""
    central.platform.set_credit(CF, "Credito welfare 2026", cents)
    wallet = central.platform.set_wallet_pin(CF, PIN)
    backend.sync.worker.connectivity_returned()
    qtbot.waitUntil(lambda: wallet_mirrored(backend, wallet), timeout=10_000)
    return wallet


def scan(job: bytes) -> list[str]:
    """The QR codes of a job (a voucher also carries its code as a Code 128 barcode)."""
    return [
        code.text
        for image in decode(job).images
        for code in zxingcpp.read_barcodes(image)
        if code.format == zxingcpp.BarcodeFormat.QRCode
    ]


def test_a_citizen_books_two_services_and_leaves_with_receipt_and_vouchers(
    qtbot, shop, printer: FakePrinter, central: Central, snap
) -> None:
    window, backend, proxy = shop
    tap(qtbot, window, "Servizi")
    add_to_cart(qtbot, window, "s01", more=1)  # 2 hours of babysitting
    add_to_cart(qtbot, window, "s02")
    cart_button = window.cart_button
    assert cart_button.isVisible() and cart_button.text().startswith("Carrello (3) · €")
    snap(window, "service-added")
    qtbot.mouseClick(cart_button, Qt.MouseButton.LeftButton)
    assert shows(window, "Il tuo carrello") and shows(window, "Baby sitter qualificata")
    snap(window, "cart")
    tap(qtbot, window, "Vai al pagamento ›")
    fill(qtbot, window, "checkout_cf", CF[:-1] + "X")  # a wrong check letter
    tap(qtbot, window, "Avanti ›")
    assert shows(window, "codice fiscale non è valido")
    fill(qtbot, window, "checkout_cf_phone", "12345")
    fill(qtbot, window, "checkout_cf", CF)
    tap(qtbot, window, "Avanti ›")
    checkout = window.screens["checkout"]
    assert checkout.mode == "identify" and checkout.identify.phone_error.isVisible()  # type: ignore[attr-defined]
    snap(window, "checkout-identify")
    fill(qtbot, window, "checkout_cf_phone", "347 123 4567")
    identify(qtbot, window, CF)
    assert not shows(window, "Pago ora allo sportello")  # only in an assisted session
    tap(qtbot, window, "Pago al fornitore quando ricevo il servizio")
    snap(window, "checkout-pay")
    tap(qtbot, window, "Controlla l’ordine ›")
    # The summary, on a page of its own: every line, the total, the way to pay, what next.
    assert shows(window, "Controlla il tuo ordine") and not shows(window, "Come paghi?")
    assert shows(window, "2 ore · Baby sitter qualificata a domicilio · € 26,00")
    assert shows(window, "Come paghi: Pago al fornitore quando ricevo il servizio")
    assert shows(window, "Cosa succede ora")
    snap(window, "checkout-summary")
    tap(qtbot, window, "‹ Cambia")  # back to the ways to pay, the choice kept
    assert shows(window, "Come paghi?")
    assert find_button(window, "✓  Pago al fornitore quando ricevo il servizio").isChecked()
    tap(qtbot, window, "Controlla l’ordine ›")
    proxy.next_push_faults = ["drop_after_commit", "http_503"]
    tap(qtbot, window, "Conferma l’ordine")
    qtbot.waitUntil(lambda: shows(window, "Il tuo ordine è registrato"), timeout=10_000)
    snap(window, "checkout-done")
    placed = window.screens["checkout"].placed  # type: ignore[attr-defined]

    qtbot.waitUntil(lambda: len(printer.jobs) >= 3, timeout=15_000)
    receipt = " ".join(" ".join(decode(printer.jobs[0]).texts).split())  # unwrapped
    assert placed.reference in receipt and "Totale" in receipt
    assert "Il totem non riceve denaro" in receipt
    signer = load_or_create_signer(backend.config.vouchers.signing_key)
    trusted = {key_id(signer.private_key.public_key()): signer.private_key.public_key()}
    services = []
    for job in printer.jobs[1:3]:
        [code] = scan(job)
        # The kiosk's calendar day, not the machine's: after 23:00 UTC Rome is a day on.
        verdict = verify(code, trusted, today(backend.config.vouchers.time_zone))
        assert verdict.outcome == "valid" and verdict.claims is not None
        services.append(verdict.claims.service_id)
    assert sorted(services) == ["s01", "s02"]

    def purchases() -> list[dict]:
        return [s.payload for s in central.platform.submissions() if s.kind == "purchase"]

    # Two failed pushes, then the retry: the order is on the platform exactly once.
    for _ in range(20):
        if proxy.counts["push requests"] >= 3 and purchases():
            break
        backend.sync.worker.connectivity_returned()
        qtbot.wait(300)
    assert proxy.counts["drop_after_commit"] == 1 and proxy.counts["http_503"] == 1
    assert [p["order"] for p in purchases()] == [placed.reference]
    assert [(ln["service"], ln["quantity"]) for ln in purchases()[0]["lines"]] == [
        ("s01", 2),
        ("s02", 1),
    ]
    assert purchases()[0]["lines"][0]["unit_price_cents"] == 1300  # the price shown
    assert purchases()[0]["phone"] == "+393471234567"

    tap(qtbot, window, "Fatto")
    tap(qtbot, window, "Ho finito")
    assert window.current_route == "home" and window.ctx.citizen.cart is None
    assert not window.cart_button.isVisible()


def test_a_desk_payment_needs_the_assisting_managers_pin(  # type: ignore[no-untyped-def]
    qtbot, shop, central: Central, snap
) -> None:
    """Whoever stands at the kiosk could tap "payment received" (the manager may have
    stepped away): only the PIN of the manager assisting, typed here, confirms it, and
    the platform checks the proof that PIN gives."""
    window, backend, _proxy = shop
    window.manager_mode.manager = Manager(
        "1001", "Silvia Demo", "Cooperativa Sociale Il Girasole", "welfare_manager"
    )
    window.manager_mode.start_assisted_session()
    add_to_cart(qtbot, window, "s01")
    window.go("checkout")
    identify(qtbot, window, CF)
    tap(qtbot, window, "Pago ora allo sportello (contanti o carta, con il welfare manager)")
    checkout = window.screens["checkout"]
    assert not find_button(window, "Controlla l’ordine ›").isEnabled()
    assert shows(window, "Silvia Demo, welfare manager: digita il tuo PIN per confermare")
    snap(window, "checkout-desk-pin")
    keypad = checkout.desk.keypad  # type: ignore[attr-defined]
    type_on_keypad(qtbot, keypad, "2468")
    tap(qtbot, window, "Conferma il pagamento")
    assert shows(window, "Il PIN ha da 6 a 8 cifre.")  # not counted as a wrong PIN
    type_on_keypad(qtbot, keypad, "13")  # "246813": not Silvia's PIN
    tap(qtbot, window, "Conferma il pagamento")
    qtbot.waitUntil(lambda: not checkout.desk.waiting, timeout=10_000)  # type: ignore[attr-defined]
    left = backend.config.manager.pin_attempts - 1  # counted as a login's wrong PIN
    assert shows(window, f"PIN non corretto. Tentativi rimasti: {left}.")
    assert not find_button(window, "Controlla l’ordine ›").isEnabled()
    snap(window, "checkout-desk-wrong-pin")

    # The screen's word alone confirms nothing: the order is refused, nothing is saved.
    checkout.place_requested.emit("desk", True)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: checkout.mode == "refused", timeout=10_000)  # type: ignore[attr-defined]
    with backend.store.read() as session:
        assert (
            session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "purchase")).all() == []
        )

    type_on_keypad(qtbot, keypad, "246810")
    tap(qtbot, window, "Conferma il pagamento")
    qtbot.waitUntil(
        lambda: shows(window, "✓ Pagamento ricevuto — conferma di Silvia Demo"), timeout=10_000
    )
    assert not keypad.isVisible()
    snap(window, "checkout-desk-confirmed")
    tap(qtbot, window, "Controlla l’ordine ›")
    tap(qtbot, window, "Conferma l’ordine")
    qtbot.waitUntil(lambda: shows(window, "Il tuo ordine è registrato"), timeout=10_000)
    reference = checkout.placed.reference  # type: ignore[attr-defined]

    def accepted() -> list[dict]:
        return [
            s.payload
            for s in central.platform.submissions()
            if s.kind == "purchase" and s.payload.get("order") == reference
        ]

    for _ in range(30):
        if accepted():
            break
        backend.sync.worker.connectivity_returned()
        qtbot.wait(300)
    [purchase] = accepted()  # the platform took the desk proof the PIN gave
    assert purchase["payment"] == "desk" and purchase["desk_confirmed_by"] == "1001"


def test_the_credit_offered_is_what_may_be_spent_here(qtbot, shop, central: Central, snap) -> None:
    window, backend, _proxy = shop
    credit_mirrored(qtbot, central, backend, 2000)
    add_to_cart(qtbot, window, "s01", more=1)  # € 26,00: more than the € 20,00 of credit
    window.go("checkout")
    identify(qtbot, window, CF, PIN)
    credit = find_button(window, "Uso il mio credito welfare (€ 20,00 disponibili ora)")
    assert not credit.isEnabled()
    snap(window, "checkout-credit-too-low")


def test_a_citizen_prints_their_buoni_spesa_and_nobody_else_can(
    qtbot, shop, central: Central, printer: FakePrinter, snap
) -> None:
    window, backend, _proxy = shop
    issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 15_000)
    wallet = central.platform.set_wallet_pin(CF, PIN)
    backend.sync.worker.connectivity_returned()
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Stampa i miei buoni")
    qtbot.waitUntil(lambda: wallet_mirrored(backend, wallet), timeout=10_000)
    # The neighbour knows the codice fiscale (it can be computed), not the PIN.
    fill(qtbot, window, "wallet_cf", CF)
    fill(qtbot, window, "wallet_cf_pin", "123987")
    tap(qtbot, window, "Avanti ›")
    qtbot.waitUntil(lambda: shows(window, "tentativi rimasti: 4"), timeout=10_000)
    assert not shows(window, "Buoni spesa 2026") and not shows(window, issued["code"])
    snap(window, "wallet-wrong-pin")
    window.visits.end()
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Stampa i miei buoni")
    fill(qtbot, window, "wallet_cf", CF)
    fill(qtbot, window, "wallet_cf_pin", PIN)
    tap(qtbot, window, "Avanti ›")
    qtbot.waitUntil(lambda: shows(window, "Buoni spesa 2026"), timeout=5_000)
    snap(window, "wallet")
    tap(qtbot, window, "Stampa")
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=10_000)
    assert scan(printer.jobs[0]) == [issued["signed_code"]]
    assert "€ 150,00" in "\n".join(decode(printer.jobs[0]).texts)


def test_the_cart_and_the_codice_fiscale_go_with_the_visit(qtbot, shop) -> None:  # type: ignore[no-untyped-def]
    window, _backend, _proxy = shop
    add_to_cart(qtbot, window, "s01")
    window.go("checkout")
    fill(qtbot, window, "checkout_cf", CF)
    window.visits.end()  # the idle timeout ran out
    assert window.ctx.citizen.cart is None and not window.cart_button.isVisible()
    assert window.screens["checkout"].identify.field.text() == ""  # type: ignore[attr-defined]


def test_my_vouchers_on_a_kiosk_never_connected_says_why(qtbot, qapp, tmp_path, snap) -> None:  # type: ignore[no-untyped-def]
    # Without the platform's key the kiosk cannot tell whose vouchers are whose: it
    # says so, rather than "no vouchers in your name".
    window, backend, tasks = kiosk_window(qtbot, qapp, make_config(tmp_path))
    try:
        tap(qtbot, window, "Bandi e contributi")
        tap(qtbot, window, "Stampa i miei buoni")
        fill(qtbot, window, "wallet_cf", CF)
        fill(qtbot, window, "wallet_cf_pin", PIN)
        tap(qtbot, window, "Avanti ›")
        qtbot.waitUntil(lambda: shows(window, "non si è ancora collegato"), timeout=5_000)
        assert not shows(window, "Non ci sono buoni a tuo nome")
        snap(window, "wallet-not-connected")
    finally:
        tasks.shutdown()
        backend.close()
        window.ctx.switcher.detach()


def test_my_vouchers_that_cannot_be_read_say_so_and_let_the_citizen_retry(
    qtbot, kiosk, monkeypatch
) -> None:
    import sqlite3

    import kiosk.ui.controllers.purchase as controller

    def disk_fails(*_args: object) -> None:  # the store's disk failing under the read
        raise sqlite3.OperationalError("disk I/O error")

    window, _backend = kiosk
    monkeypatch.setattr(controller, "open_wallet", disk_fails)
    monkeypatch.setattr(controller.device, "load", lambda _path: Identity("d", "t", "00" * 32))
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Stampa i miei buoni")
    fill(qtbot, window, "wallet_cf", CF)
    fill(qtbot, window, "wallet_cf_pin", PIN)
    tap(qtbot, window, "Avanti ›")
    qtbot.waitUntil(lambda: shows(window, "non è possibile leggere i tuoi buoni"), timeout=5_000)
    assert not shows(window, "disk I/O")  # no technical detail for the citizen
    find_button(window, "Avanti ›")  # the codice fiscale can be given again


def test_wrong_wallet_pins_stop_at_the_limit_with_a_calm_message(
    qtbot, shop, central: Central, snap
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.core.wallet import KIOSK_ATTEMPTS

    window, backend, _proxy = shop
    credit_mirrored(qtbot, central, backend, 2000)
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Stampa i miei buoni")
    fill(qtbot, window, "wallet_cf", CF)
    for attempt in range(KIOSK_ATTEMPTS):
        fill(qtbot, window, "wallet_cf_pin", f"{attempt + 1}{attempt + 1}0{attempt}91")
        tap(qtbot, window, "Avanti ›")
        if attempt < KIOSK_ATTEMPTS - 1:
            left = KIOSK_ATTEMPTS - attempt - 1
            said = "ti resta 1 tentativo" if left == 1 else f"tentativi rimasti: {left}"
            qtbot.waitUntil(lambda said=said: shows(window, said), timeout=10_000)
    qtbot.waitUntil(lambda: shows(window, "per 24 ore"), timeout=10_000)
    snap(window, "wallet-locked-here")
    fill(qtbot, window, "wallet_cf_pin", PIN)  # now even the right PIN waits, here
    tap(qtbot, window, "Avanti ›")
    qtbot.waitUntil(lambda: shows(window, "per 24 ore"), timeout=10_000)
    assert not shows(window, "Credito welfare") and not shows(window, "Buoni spesa")


def test_checkout_with_credit_needs_the_wallet_pin(qtbot, shop, central: Central, snap) -> None:  # type: ignore[no-untyped-def]
    window, backend, _proxy = shop
    credit_mirrored(qtbot, central, backend, 5000)
    add_to_cart(qtbot, window, "s01")
    window.go("checkout")
    identify(qtbot, window, CF)  # no PIN: the credit is not offered
    assert shows(window, "Uso il mio credito welfare (nessuno a tuo nome)")
    window.screens["checkout"].step_back()  # type: ignore[attr-defined]
    fill(qtbot, window, "checkout_cf", CF)
    fill(qtbot, window, "checkout_cf_pin", PIN)
    snap(window, "checkout-wallet-pin")
    tap(qtbot, window, "Avanti ›")
    qtbot.waitUntil(lambda: shows(window, "€ 50,00 disponibili ora"), timeout=10_000)
    # The balance is the citizen's own: the credit's way to pay is named aloud without it,
    # and the amount is said only through a headset.
    credit = find_button(window, "Uso il mio credito welfare (€ 50,00 disponibili ora)")
    heard = window.spoken.describe(credit)
    assert "Uso il mio credito welfare" in heard and "50" not in heard
    window.spoken.headset = True  # as the jack reports a headset plugged in
    assert "€ 50,00 disponibili ora" in window.spoken.describe(credit)
    window.spoken.headset = False
    tap(qtbot, window, "Uso il mio credito welfare (€ 50,00 disponibili ora)")
    tap(qtbot, window, "Controlla l’ordine ›")
    tap(qtbot, window, "Conferma l’ordine")
    qtbot.waitUntil(lambda: shows(window, "Il tuo ordine è registrato"), timeout=10_000)
    backend.sync.worker.connectivity_returned()
    ledger = next(iter(central.platform.records("credits").values()))
    qtbot.waitUntil(
        lambda: central.platform.records("credits")[ledger["id"]]["balance_cents"] == 3700,
        timeout=15_000,
    )


def test_in_spoken_mode_the_receipt_and_its_vouchers_are_read_before_they_print(
    qtbot, shop, printer: FakePrinter
) -> None:
    """EN 301 549 5.1.3.16: through a headset, a purchase's receipt and every voucher
    printed with it are read aloud first; the paper comes out once the voice is done."""
    from kiosk.core.speech import SilentSpeaker
    from kiosk.ui.spoken_mode import speakable
    from printing import print_queue
    from printing.spoken import slip_words

    class Voice(SilentSpeaker):
        """A voice that is still speaking until the test says the reading is done (what
        it says after that, a printout's new state, ends at once)."""

        reading_over = False

        def say(self, text: str, lang: str) -> None:
            super().say(text, lang)
            self.busy = not self.reading_over

    window, backend, _proxy = shop
    speaker = Voice()
    window.spoken.speaker = speaker
    window.spoken.headset = True  # as the jack reports a headset plugged in
    window.spoken.start()
    add_to_cart(qtbot, window, "s01")
    add_to_cart(qtbot, window, "s02")
    window.go("checkout")
    fill(qtbot, window, "checkout_cf_phone", "347 123 4567")
    identify(qtbot, window, CF)
    tap(qtbot, window, "Pago al fornitore quando ricevo il servizio")
    tap(qtbot, window, "Controlla l’ordine ›")
    tap(qtbot, window, "Conferma l’ordine")
    qtbot.waitUntil(lambda: shows(window, "Il tuo ordine è registrato"), timeout=10_000)
    placed = window.screens["checkout"].placed  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: any(placed.reference in t for t in speaker.texts()), timeout=10_000)
    reading = next(t for t in speaker.texts() if placed.reference in t)
    with backend.store.read() as session:
        vouchers = [print_queue.get(session, uuid) for uuid in placed.voucher_jobs]
    words = [speakable(slip_words(v.slip)) for v in vouchers if v is not None]
    assert len(words) == 2 and all(each in reading for each in words)
    assert all("BUONO" in each.upper() for each in words)  # the vouchers, not the receipt
    printer_rounds(qtbot, backend)
    assert printer.jobs == []  # nothing printed while the voice reads
    speaker.reading_over, speaker.busy = True, False  # the reading is over
    qtbot.waitUntil(lambda: len(printer.jobs) >= 3, timeout=15_000)


def sealed_wallet(backend, locator: str) -> str | None:  # type: ignore[no-untyped-def]
    from store.models import WalletEntry

    with backend.store.read() as session:
        row = session.get(WalletEntry, locator)
        return None if row is None else row.sealed


def test_a_wallet_opened_at_checkout_is_read_again_after_a_sync(  # type: ignore[no-untyped-def]
    qtbot, shop, central: Central
) -> None:
    """A sync during the checkout keeps who is paying; the wallet they opened is read
    again: kept as opened, a credit the Comune had lowered meanwhile was spent whole."""
    window, backend, _proxy = shop
    wallet = credit_mirrored(qtbot, central, backend, 5000)
    add_to_cart(qtbot, window, "s01")
    window.go("checkout")
    identify(qtbot, window, CF, PIN)
    assert shows(window, "€ 50,00 disponibili ora")
    before = sealed_wallet(backend, wallet)
    central.platform.set_credit(CF, "Credito welfare 2026", 100)  # the Comune lowers it
    backend.sync.worker.connectivity_returned()
    qtbot.waitUntil(lambda: sealed_wallet(backend, wallet) != before, timeout=15_000)
    checkout = window.screens["checkout"]
    qtbot.waitUntil(lambda: shows(window, "€ 1,00 disponibili ora"), timeout=10_000)
    assert checkout.mode == "pay"  # who pays is kept
    assert not checkout.pay_buttons["credit"].isEnabled()  # € 13,00 to pay


@pytest.mark.parametrize("what", ["pin_reset", "locked"])
def test_my_vouchers_drop_a_wallet_withdrawn_or_locked_while_open(  # type: ignore[no-untyped-def]
    qtbot, shop, central: Central, what: str
) -> None:
    """My vouchers is open when the Comune resets the citizen's PIN (the old one may be
    known to someone else: the wallet under it is withdrawn) or the wallet is locked: the
    codes and Print buttons go, and the citizen is told what happened and whom to ask."""
    from store.models import WalletEntry

    window, backend, _proxy = shop
    issued = central.platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 15_000)
    wallet = central.platform.set_wallet_pin(CF, PIN)
    backend.sync.worker.connectivity_returned()
    qtbot.waitUntil(lambda: wallet_mirrored(backend, wallet), timeout=10_000)
    tap(qtbot, window, "Bandi e contributi")
    tap(qtbot, window, "Stampa i miei buoni")
    fill(qtbot, window, "wallet_cf", CF)
    fill(qtbot, window, "wallet_cf_pin", PIN)
    tap(qtbot, window, "Avanti ›")
    qtbot.waitUntil(lambda: shows(window, issued["code"]), timeout=10_000)
    if what == "pin_reset":
        central.platform.set_wallet_pin(CF, "519283")
        backend.sync.worker.connectivity_returned()
        expected = "Il tuo portafoglio è stato appena chiuso qui"
    else:  # the platform's lock, as its record comes down: locked, without its content
        with backend.store.write() as session:
            row = session.get(WalletEntry, wallet)
            row.locked, row.sealed = True, None
        window.refresh()
        expected = "il tuo portafoglio è bloccato"
    qtbot.waitUntil(lambda: shows(window, expected), timeout=15_000)
    screen = window.screens["wallet"]
    assert not shows(window, issued["code"]) and not shows(window, "Buoni spesa 2026")
    prints = [
        b for b in window.findChildren(QPushButton) if b.objectName().startswith("printVoucher_")
    ]
    assert not [b for b in prints if b.isVisible()]  # none left that would print nothing
    assert screen.identify.isVisible() and "welfare manager" in screen.identify.pin_error.text()
