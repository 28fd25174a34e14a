# SPDX-License-Identifier: EUPL-1.2
"""Checkout and "my vouchers" behind the screens, off the UI thread.

The codice fiscale and the wallet PIN open the citizen's sealed wallet here (the
memory-hard key takes a moment, off the UI thread) and are not kept; the opened wallet
lives until the visit ends. The
order, its outbox entry and its slips are written in one transaction; the sync worker
is woken so the order leaves at once, and the print panel shows the receipt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.core import local_time
from kiosk.core.manager_login import LoginOutcome, log_in
from kiosk.core.purchasing import (
    Cart,
    Checkout,
    CheckoutError,
    CreditView,
    OrderTerms,
    Placed,
    credit_of,
    place_order,
)
from kiosk.core.wallet import (
    OpenedWallet,
    WalletRefusal,
    attempt_tag,
    locked_here,
    open_wallet,
    print_voucher,
    reopen,
)
from kiosk.ui.screens.checkout import CheckoutScreen
from kiosk.ui.screens.wallet import WalletScreen
from printing.slip import SlipContext
from store.outbox import utcnow
from sync import device
from vouchers.wallet_key import wallet_key

if TYPE_CHECKING:
    from kiosk.boot.backend import Backend
    from kiosk.core.session import Visit
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
        self.wallet: OpenedWallet | None = None  # the identified citizen's, this visit only
        # The manager's PIN typed to confirm a desk payment: its proof key, with the visit
        # and the order (lines, total) it confirmed; the key signs no other.
        self._desk: DeskConfirmation | None = None
        self._desk_check: object | None = None  # the PIN check whose answer counts
        window.visit_ended.connect(self._forget)
        window.screen_added.connect(self._hook)
        for screen in window.screens.values():
            self._hook(screen)

    def _hook(self, screen: object) -> None:
        if isinstance(screen, CheckoutScreen):
            screen.identify_requested.connect(lambda cf, pin, s=screen: self.identify(s, cf, pin))
            screen.place_requested.connect(lambda p, ok, s=screen: self.place(s, p, ok))
            screen.desk_pin_entered.connect(lambda pin, s=screen: self.confirm_desk(s, pin))
            screen.wallet_stale.connect(lambda s=screen: self.read_wallet_again(s))
        if isinstance(screen, WalletScreen):
            screen.identify_requested.connect(
                lambda cf, pin, s=screen: self.open_wallet(s, cf, pin)
            )
            screen.print_voucher.connect(lambda v, s=screen: self.print_voucher(s, v))
            screen.wallet_stale.connect(lambda s=screen: self.read_wallet_again(s))

    def _forget(self) -> None:
        self.wallet = None
        self._desk = self._desk_check = None  # the manager's proof key goes with the visit

    def _opener(self, codice_fiscale: str, pin: str) -> Callable[[], Opened]:
        """The work of opening a wallet, for the task runner: None when the kiosk has
        not reached the platform yet (no key to tell whose wallet is whose), or when the
        visit it was asked for has ended before it began."""
        store, file, kiosk_id = (
            self.backend.store,
            self.backend.config.device_file,
            self.context().kiosk_id,
        )
        citizen = self.window.ctx.citizen
        visit = citizen.visit

        def work() -> Opened:
            if not citizen.still(visit):
                # Their citizen left while it waited its turn: the memory-hard key (about
                # 64 MiB, a second of processor) would be made for nobody, and openings
                # of visits ended one after another queued up behind each other.
                return None
            identity = device.load(file)
            if not (identity and identity.lookup_key):
                return None
            tag = attempt_tag(bytes.fromhex(identity.lookup_key), codice_fiscale)
            now = datetime.now(UTC)
            with store.read() as session:
                if locked_here(session, tag, now):  # spare the memory-hard key
                    return WalletRefusal("locked_here")
            key = wallet_key(codice_fiscale, pin)
            with store.write() as session:
                return open_wallet(session, tag, key, kiosk_id, now)

        return work

    # Checkout -------------------------------------------------------------------------------

    def identify(self, screen: CheckoutScreen, codice_fiscale: str, pin: str) -> None:
        self.wallet = None  # whoever identifies now, no wallet opened before pays for them
        self._desk = self._desk_check = None  # nor a desk payment confirmed before
        store, limit = self.backend.store, self.backend.config.purchases.credit_limit_cents
        opener = self._opener(codice_fiscale, pin) if pin else None

        def work() -> tuple[Opened, CreditView | None]:
            opened = opener() if opener is not None else None
            if not isinstance(opened, OpenedWallet):
                return opened, None
            with store.read() as session:
                return opened, credit_of(session, opened, limit)

        citizen = self.window.ctx.citizen
        visit = citizen.visit

        def done(result: tuple[Opened, CreditView | None]) -> None:
            if not citizen.still(visit):  # they left meanwhile: their wallet stays shut
                return
            screen.identify.answered()
            opened, credit = result
            if isinstance(opened, WalletRefusal):
                log.info("wallet not opened at checkout: %s", opened.reason)
                screen.show_wallet_refused(opened.reason, opened.left)
                return
            self.wallet = opened
            screen.show_identified(credit)

        self.tasks.run(work, done, lambda error: self._not_identified(screen, error, visit))

    def confirm_desk(self, screen: CheckoutScreen, pin: str) -> None:
        """Checks the assisting manager's PIN for a desk payment, as a login is checked
        (a wrong one counts towards their code's lock-out), off the UI thread; the proof
        key it gives signs the payment's confirmation (``desk_proof``)."""
        self._desk = None
        check = self._desk_check = object()
        citizen = self.window.ctx.citizen
        manager, visit, cart = citizen.assisted_by, citizen.visit, citizen.cart
        if manager is None or cart is None:
            screen.show_desk_checked(False, "other")
            return
        terms = cart.terms("desk")  # the order shown as the PIN is typed: what is paid for
        store, config = self.backend.store, self.backend.config

        def current() -> bool:
            """Whether this check's answer still counts: the box may have been reset
            (Back, a new identification) while the PIN was checked."""
            return self._desk_check is check and citizen.still(visit) and screen.desk.waiting

        def work() -> LoginOutcome:
            with store.write() as session:
                return log_in(
                    session, manager.id, pin, config.social_point.comune, utcnow(), config.manager
                )

        def done(outcome: LoginOutcome) -> None:
            if not current():
                return
            self._desk_check = None
            confirmer = outcome.manager
            # A hash without a proof key logs in, but cannot sign what the platform checks.
            if confirmer is not None and confirmer.id == manager.id and confirmer.proof_key:
                log.info("desk payment confirmed by manager %s", manager.id)
                self._desk = DeskConfirmation(visit, confirmer.proof_key, terms)
                screen.show_desk_checked(True)
                return
            log.warning("desk payment not confirmed (%s)", outcome.problem)
            problem = outcome.problem if outcome.problem in ("wrong", "locked") else "other"
            screen.show_desk_checked(False, problem, outcome.attempts_left, outcome.locked_until)

        def failed(error: BaseException) -> None:
            log.error("desk payment: the PIN could not be checked", exc_info=error)
            if current():
                self._desk_check = None
                screen.show_desk_checked(False, "other")

        self.tasks.run(work, done, failed)

    def place(self, screen: CheckoutScreen, payment: str, desk_confirmed: bool) -> None:
        cart = self.window.ctx.citizen.cart
        if cart is None:
            return
        config, store, context = self.backend.config, self.backend.store, self.context()
        manager = self.window.ctx.citizen.assisted_by
        # Only a PIN checked during this visit confirms a desk payment, never the screen's
        # word alone, and only for the order it was typed for.
        desk = self._desk if payment == "desk" and desk_confirmed else None
        if desk is not None and not self.window.ctx.citizen.still(desk.visit):
            desk = None
        if desk is not None and desk.terms != cart.terms(payment):
            log.warning("desk payment confirmed for another order: the manager confirms again")
            self._desk = None
            screen.show_refused("desk_changed", str(cart.total_cents))
            return
        desk_key = desk.proof_key if desk is not None else None
        checkout = Checkout(
            payment=payment,
            wallet=self.wallet,
            assisted_by=manager.id if manager else None,
            assisted_proof_key=manager.proof_key if manager else b"",
            desk_confirmed_by=manager.id if manager and desk_key is not None else None,
            desk_proof_key=desk_key or b"",
            desk_confirmed_for=desk.terms if desk is not None else None,
            credit_limit_cents=config.purchases.credit_limit_cents,
            voucher_days=config.purchases.voucher_valid_days,
            phone=screen.identify.phone,
            language=self.window.ctx.lang,
        )

        # The worker reads a copy: the cart is the UI thread's, changed only there (a
        # refusal's refreshed lines come back with it, see CheckoutScreen.show_refused).
        ordered = Cart(list(cart.lines))

        def work() -> Placed | CheckoutError:
            from vouchers.keys import load_or_create_signer

            signer = load_or_create_signer(config.vouchers.signing_key)
            try:
                with store.write() as session:
                    return place_order(
                        session, ordered, checkout, context, signer, datetime.now(UTC)
                    )
            except CheckoutError as refusal:
                return refusal

        citizen = self.window.ctx.citizen
        visit = citizen.visit

        def done(result: Placed | CheckoutError) -> None:
            if isinstance(result, CheckoutError):
                log.info("order refused at the kiosk: %s", result.reason)
                if result.reason == "desk_changed" and self._desk is desk:
                    self._desk = None  # paid for another order: the manager confirms again
                if citizen.still(visit):
                    detail = str(result).partition(": ")[2]
                    screen.show_refused(result.reason, detail, result.update)
                return
            log.info("order %s saved (%s)", result.reference, payment)
            self.backend.printing.worker.wake()
            if self.backend.sync is not None:
                self.backend.sync.worker.wake()
            if not citizen.still(visit):
                # Saved, sent and printed as any order, but its citizen left: nothing
                # of it is shown to the next person (nor is their cart emptied).
                log.info("order %s: its visit ended before it was saved", result.reference)
                self.backend.printing.worker.let_go_queued()
                return
            screen.show_placed(result)
            self.printer.show_queued(result.receipt_job, read_with=result.voucher_jobs)

        self.tasks.run(work, done, lambda error: self._failed(screen, error, visit))

    def _failed(
        self, screen: CheckoutScreen | WalletScreen, error: BaseException, visit: Visit
    ) -> None:
        log.error("purchase: the kiosk could not save or read", exc_info=error)
        if not self.window.ctx.citizen.still(visit):
            return
        if isinstance(screen, CheckoutScreen):
            screen.show_refused("error")
        else:
            screen.show_problem("error")

    def _not_identified(
        self, screen: CheckoutScreen | WalletScreen, error: BaseException, visit: Visit
    ) -> None:
        """A wallet could not be opened (nor read): Next can be tapped again."""
        if self.window.ctx.citizen.still(visit):
            screen.identify.answered()
        self._failed(screen, error, visit)

    # My vouchers ----------------------------------------------------------------------------

    def open_wallet(self, screen: WalletScreen, codice_fiscale: str, pin: str) -> None:
        self.wallet = None  # the wallet opened before is shut, whatever this one gives
        work = self._opener(codice_fiscale, pin)
        today = local_time.today(self.backend.config.vouchers.time_zone)  # as the platform
        citizen = self.window.ctx.citizen
        visit = citizen.visit

        def done(opened: Opened) -> None:
            if not citizen.still(visit):  # they left meanwhile: their wallet stays shut
                return
            screen.identify.answered()
            if opened is None:
                screen.show_problem("not_connected")
            elif isinstance(opened, WalletRefusal):
                log.info("wallet not opened: %s", opened.reason)
                screen.show_wallet_refused(opened.reason, opened.left)
            else:
                self.wallet = opened
                screen.show_vouchers(opened.usable(today))

        self.tasks.run(work, done, lambda error: self._not_identified(screen, error, visit))

    def read_wallet_again(self, screen: CheckoutScreen | WalletScreen) -> None:
        """The mirror changed while a wallet is open: read it again, off the UI thread.
        Kept as opened, a credit lowered (or already spent at another kiosk) was spent
        again here, and a buono redeemed meanwhile offered for printing."""
        opened = self.wallet
        if opened is None:
            return
        store, limit = self.backend.store, self.backend.config.purchases.credit_limit_cents
        today = local_time.today(self.backend.config.vouchers.time_zone)
        citizen = self.window.ctx.citizen
        visit = citizen.visit

        def work() -> tuple[OpenedWallet | WalletRefusal, CreditView | None]:
            with store.read() as session:
                fresh = reopen(session, opened)
                if not isinstance(fresh, OpenedWallet):
                    return fresh, None
                return fresh, credit_of(session, fresh, limit)

        def done(result: tuple[OpenedWallet | WalletRefusal, CreditView | None]) -> None:
            if not citizen.still(visit) or self.wallet is not opened:
                return  # they left, or another wallet was opened meanwhile
            fresh, credit = result
            if isinstance(fresh, WalletRefusal):
                log.info("the opened wallet is no longer open: %s", fresh.reason)
                self.wallet = None
                if isinstance(screen, CheckoutScreen):
                    screen.forget()
                screen.show_wallet_refused(fresh.reason)
                return
            self.wallet = fresh
            if isinstance(screen, CheckoutScreen):
                screen.credit_changed(credit)
            elif screen.vouchers is not None:
                screen.show_vouchers(fresh.usable(today))

        self.tasks.run(work, done, lambda error: self._failed(screen, error, visit))

    def print_voucher(self, screen: WalletScreen, voucher_id: str) -> None:
        """Queues the voucher's slip; the screen's Print buttons wait for the answer (a
        second tap meanwhile would queue a second slip that pays as much)."""
        wallet, store, context = self.wallet, self.backend.store, self.context()
        if wallet is None:
            screen.print_answered()
            return

        def work() -> str:
            with store.write() as session:
                return print_voucher(session, wallet, voucher_id, context)

        citizen = self.window.ctx.citizen
        visit = citizen.visit

        def done(job: str) -> None:
            self.backend.printing.worker.wake()
            if citizen.still(visit):
                screen.print_answered()
                self.printer.show_queued(job)
            else:
                self.backend.printing.worker.let_go_queued()

        def failed(error: BaseException) -> None:
            log.error("voucher print", exc_info=error)
            if citizen.still(visit):
                screen.print_answered()
                screen.show_problem("print")

        self.tasks.run(work, done, failed)


@dataclass(frozen=True)
class DeskConfirmation:
    """A desk payment the assisting manager confirmed with their PIN: the visit it was
    typed in, the proof key the PIN gave, and the order it was for (its terms)."""

    visit: Visit
    proof_key: bytes = field(repr=False)
    terms: OrderTerms


Opened = OpenedWallet | WalletRefusal | None
