# SPDX-License-Identifier: EUPL-1.2
"""Checkout and "my vouchers" behind the screens, off the UI thread.

The codice fiscale becomes the holder key here (with the key the platform gave this
kiosk at enrollment) and is not kept; the holder key lives until the visit ends. The
order, its outbox entry and its slips are written in one transaction; the sync worker
is woken so the order leaves at once, and the print panel shows the receipt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from forms.lookup import holder_key
from kiosk.core.purchasing import (
    Checkout,
    CheckoutError,
    CreditView,
    Placed,
    credit_of,
    place_order,
)
from kiosk.core.wallet import print_voucher, usable_vouchers
from kiosk.ui.screens.checkout import CheckoutScreen
from kiosk.ui.screens.wallet import WalletScreen
from printing.slip import SlipContext
from store.models import MirroredVoucher
from sync import device

if TYPE_CHECKING:
    from kiosk.boot.backend import Backend
    from kiosk.ui.controllers.printer import PrintController
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class PurchaseController(QObject):
    def __init__(
        self,
        window: MainWindow,
        backend: Backend,
        tasks: TaskRunner,
        context: Callable[[], SlipContext],
        printer: PrintController,
    ) -> None:
        super().__init__(window)
        self.window, self.backend, self.tasks, self.context = window, backend, tasks, context
        self.printer = printer
        self.holder: str | None = None  # the identified citizen, for this visit only
        window.visit_ended.connect(self._forget)
        window.screen_added.connect(self._hook)
        for screen in window.screens.values():
            self._hook(screen)

    def _hook(self, screen: object) -> None:
        if isinstance(screen, CheckoutScreen):
            screen.identify_requested.connect(lambda cf, s=screen: self.identify(s, cf))
            screen.place_requested.connect(lambda p, ok, s=screen: self.place(s, p, ok))
        if isinstance(screen, WalletScreen):
            screen.identify_requested.connect(lambda cf, s=screen: self.open_wallet(s, cf))
            screen.print_voucher.connect(lambda v, s=screen: self.print_voucher(s, v))

    def _forget(self) -> None:
        self.holder = None

    def _holder(self, codice_fiscale: str) -> str | None:
        identity = device.load(self.backend.config.device_file)
        return (
            holder_key(bytes.fromhex(identity.lookup_key), codice_fiscale)
            if (identity and identity.lookup_key)
            else None
        )

    # Checkout -------------------------------------------------------------------------------

    def identify(self, screen: CheckoutScreen, codice_fiscale: str) -> None:
        store, limit = self.backend.store, self.backend.config.purchases.credit_limit_cents

        def work() -> tuple[str | None, CreditView | None]:
            holder = self._holder(codice_fiscale)
            if holder is None:
                return None, None
            with store.read() as session:
                return holder, credit_of(session, holder, limit)

        def done(result: tuple[str | None, CreditView | None]) -> None:
            self.holder = result[0]
            screen.show_identified(result[1])

        self.tasks.run(work, done, lambda error: self._failed(screen, error))

    def place(self, screen: CheckoutScreen, payment: str, desk_confirmed: bool) -> None:
        cart = self.window.ctx.citizen.cart
        if cart is None:
            return
        config, store, context = self.backend.config, self.backend.store, self.context()
        manager = self.window.ctx.citizen.assisted_by
        checkout = Checkout(
            payment=payment,
            holder=self.holder,
            assisted_by=manager.id if manager else None,
            desk_confirmed_by=manager.id if manager and desk_confirmed else None,
            desk_proof_key=manager.proof_key if manager and desk_confirmed else b"",
            credit_limit_cents=config.purchases.credit_limit_cents,
            voucher_days=config.purchases.voucher_valid_days,
            phone=screen.identify.phone,
            language=self.window.ctx.lang,
        )

        def work() -> Placed | CheckoutError:
            from vouchers.keys import load_or_create_signer

            signer = load_or_create_signer(config.vouchers.signing_key)
            try:
                with store.write() as session:
                    return place_order(session, cart, checkout, context, signer, datetime.now(UTC))
            except CheckoutError as refusal:
                return refusal

        def done(result: Placed | CheckoutError) -> None:
            if isinstance(result, CheckoutError):
                log.info("order refused at the kiosk: %s", result.reason)
                screen.show_refused(result.reason, str(result).partition(": ")[2])
                return
            log.info("order %s saved (%s)", result.reference, payment)
            screen.show_placed(result)
            self.backend.printing.worker.wake()
            if self.backend.sync is not None:
                self.backend.sync.worker.wake()
            self.printer.show_queued(result.receipt_job)

        self.tasks.run(work, done, lambda error: self._failed(screen, error))

    def _failed(self, screen: CheckoutScreen | WalletScreen, error: BaseException) -> None:
        log.error("purchase: the kiosk could not save or read", exc_info=error)
        if isinstance(screen, CheckoutScreen):
            screen.show_refused("error")
        else:
            screen.show_problem("error")

    # My vouchers ----------------------------------------------------------------------------

    def open_wallet(self, screen: WalletScreen, codice_fiscale: str) -> None:
        store = self.backend.store

        def work() -> tuple[str | None, list[MirroredVoucher]]:
            holder = self._holder(codice_fiscale)
            if holder is None:
                return None, []
            with store.read() as session:
                return holder, usable_vouchers(session, holder, datetime.now().date())

        def done(result: tuple[str | None, list[MirroredVoucher]]) -> None:
            self.holder = result[0]
            if self.holder is None:  # never enrolled: no key to tell whose vouchers
                screen.show_problem("not_connected")
            else:
                screen.show_vouchers(result[1])

        self.tasks.run(work, done, lambda error: self._failed(screen, error))

    def print_voucher(self, screen: WalletScreen, voucher_id: str) -> None:
        holder, store, context = self.holder, self.backend.store, self.context()
        if holder is None:
            return

        def work() -> str:
            with store.write() as session:
                return print_voucher(session, holder, voucher_id, context)

        def done(job: str) -> None:
            self.backend.printing.worker.wake()
            self.printer.show_queued(job)

        def failed(error: BaseException) -> None:
            log.error("voucher print", exc_info=error)
            screen.show_problem("print")

        self.tasks.run(work, done, failed)
