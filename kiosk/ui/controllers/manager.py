# SPDX-License-Identifier: EUPL-1.2
"""Manager mode behind the screens: login checks, the dashboard's figures and actions.

Every check and every read or write of the store runs on the task runner, never on the
UI thread: a PIN hash takes about a tenth of a second by design, and the dashboard's
figures come from the outbox and the print queue.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.boot.syncing import retention_rule
from kiosk.core import local_time
from kiosk.core.help_call import HelpCall, record_help_answered, record_help_request, ring_desk_bell
from kiosk.core.manager_desk import DeskFacts, day_report, desk_facts, record_assisted_session
from kiosk.core.manager_login import LoginOutcome, log_in
from kiosk.core.refusals import mark_dealt_with
from kiosk.core.wallet_pin import NoSealingKeyError, PinState, pin_state, queue_pin
from kiosk.ui.manager_mode import LOGIN
from kiosk.ui.screens.manager_desk import ManagerDeskScreen
from kiosk.ui.screens.manager_login import ManagerLoginScreen
from kiosk.ui.screens.wallet_pin import WalletPinScreen
from printing import documents, print_queue
from printing.slip import Slip, SlipContext, printer_test_page
from store.outbox import utcnow
from sync import device
from sync.worker import SyncStatus

if TYPE_CHECKING:
    from kiosk.boot.backend import Backend
    from kiosk.ui.controllers.printer import PrintController
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
PIN_FOLLOW_MS = 1000  # how often the PIN screen looks for the platform's answer
PIN_FOLLOW_TRIES = 120  # for two minutes; then the dashboard shows a refusal, if any


class ManagerController(QObject):
    maintenance_requested = Signal()  # a manager asked to close the kiosk

    def __init__(
        self, window: MainWindow, backend: Backend, tasks: TaskRunner, printer: PrintController
    ) -> None:
        super().__init__(window)
        self.window, self.backend, self.tasks, self.printer = window, backend, tasks, printer
        # The worker's status from the start: it carries the last sync before a restart.
        self.status: SyncStatus | None = backend.sync.worker.status if backend.sync else None
        # (asked, last success before) while a manager's "Sync now" awaits its outcome
        self._sync_asked: tuple[bool, datetime | None] | tuple[()] = ()
        self._login_asked = 0  # the login check the login screen waits for (each has one)
        window.screen_added.connect(self._hook)
        window.manager_changed.connect(self._manager_changed)
        window.help_asked.connect(self.call_for_help)
        for screen in window.screens.values():
            self._hook(screen)

    def _hook(self, screen: object) -> None:
        if isinstance(screen, ManagerLoginScreen):
            screen.login_requested.connect(lambda code, pin, s=screen: self.log_in(s, code, pin))
        if isinstance(screen, ManagerDeskScreen):
            screen.set_manager(self.window.manager)
            screen.show_status(self.status, self.backend.sync is not None)
            screen.refresh_requested.connect(lambda s=screen: self.refresh(s))
            screen.sync_now.connect(self.sync_now)
            screen.print_test.connect(self.print_test)
            screen.reprint.connect(lambda uuid, s=screen: self.reprint(s, uuid))
            screen.dealt_with.connect(lambda uuid, s=screen: self.dealt_with(s, uuid))
            screen.refusal_dealt_with.connect(
                lambda uuid, outcome, s=screen: self.refusal_dealt_with(s, uuid, outcome)
            )
            screen.print_day_report.connect(self.print_day_report)
            screen.start_assisted.connect(self.start_assisted)
            screen.maintenance_exit.connect(self.leave_for_maintenance)
            screen.log_out.connect(self.window.manager_mode.log_out)
            screen.help_answered.connect(lambda s=screen: self.help_answered(s))
            screen.set_wallet_pin.connect(self.open_wallet_pin)
        if isinstance(screen, WalletPinScreen):
            screen.pin_requested.connect(
                lambda cf, pin, document, s=screen: self.set_wallet_pin(s, cf, pin, document)
            )
            screen.to_dashboard.connect(lambda: self.window.go("manager"))

    @property
    def desk(self) -> ManagerDeskScreen | None:
        screen = self.window.screens.get("manager")
        return screen if isinstance(screen, ManagerDeskScreen) else None

    def _manager_changed(self) -> None:
        if self.desk is not None:
            self.desk.set_manager(self.window.manager)

    # Login ---------------------------------------------------------------------------------

    def log_in(self, screen: ManagerLoginScreen, code: str, pin: str) -> None:
        store, config = self.backend.store, self.backend.config
        self._login_asked += 1
        asked = self._login_asked

        def work() -> LoginOutcome:
            with store.write() as session:
                return log_in(
                    session, code, pin, config.social_point.comune, utcnow(), config.manager
                )

        def done(outcome: LoginOutcome) -> None:
            # An answer the login screen no longer waits for (the manager went Home or
            # Back, the screen was forgotten, another check was asked since) opens
            # nothing: whoever stands at the kiosk now did not type that PIN.
            waiting = screen.waiting and self.window.current_route == LOGIN
            if asked != self._login_asked or not waiting:
                log.info("a login check answered after its login screen was left: dropped")
                return
            if outcome.manager is not None:
                log.info("manager %s logged in", outcome.manager.id)
                screen.forget()
                self.window.manager_mode.logged_in(outcome.manager)
            else:
                log.warning("manager login refused (%s)", outcome.problem)
                screen.show_outcome(outcome)

        self.tasks.run(work, done, lambda error: self._failed("login", error))

    # Dashboard -------------------------------------------------------------------------------

    def on_sync_status(self, status: SyncStatus) -> None:
        self.status = status
        desk = self.desk
        if desk is not None and self.window.current_route == "manager":
            desk.show_status(status, self.backend.sync is not None)
            self.refresh(desk)
            outcome = self._sync_outcome(status)
            if outcome:
                desk.show_notice(outcome)

    def _sync_outcome(self, status: SyncStatus) -> str:
        """After "Sync now": how it went, once the worker says ("" while still waiting)."""
        if not self._sync_asked:
            return ""
        before = self._sync_asked[1]
        if status.last_success is not None and status.last_success != before:
            self._sync_asked = ()
            return "sync_done"
        if status.problem is not None:
            self._sync_asked = ()
            return "sync_failed"
        return ""

    def refresh(self, screen: ManagerDeskScreen) -> None:
        store, rule = self.backend.store, retention_rule(self.backend.config)

        worker = self.backend.printing.worker

        def work() -> DeskFacts:
            with store.read() as session:
                facts = desk_facts(session, utcnow(), rule)
            return replace(facts, printer=worker.last.printer.value)  # paper near its end

        self.tasks.run(work, screen.show_facts, lambda error: self._failed("dashboard", error))

    def sync_now(self) -> None:
        if self.backend.sync is not None:
            log.info("manager asked for a sync")
            self._sync_asked = (True, self.status.last_success if self.status else None)
            self.backend.sync.worker.connectivity_returned()  # now, without the backoff

    def print_test(self) -> None:
        printer = self.backend.config.printer.connection

        def build(context: SlipContext) -> Slip:
            return printer_test_page(context, printer)

        self.printer.print_document("test", build, "")

    def reprint(self, screen: ManagerDeskScreen, job_uuid: str) -> None:
        """A slip printed again (a citizen's voucher, receipt): only with a PIN typed in
        the last minutes, else the login asks for it first."""
        if not self.window.manager_mode.recent_pin():
            return
        store, zone = self.backend.store, self.backend.config.vouchers.time_zone

        def work() -> str:
            with store.write() as session:
                return print_queue.reprint(session, job_uuid, zone)

        def done(copy_uuid: str) -> None:
            log.info("manager reprinted job %s as %s", job_uuid, copy_uuid)
            self.backend.printing.worker.wake()
            self.printer.show_queued(copy_uuid)
            self.refresh(screen)

        self.tasks.run(work, done, lambda error: self._failed("reprint", error))

    def dealt_with(self, screen: ManagerDeskScreen, job_uuid: str) -> None:
        store = self.backend.store

        def work() -> bool:
            with store.write() as session:
                return print_queue.dealt_with(session, job_uuid)

        def done(_changed: bool) -> None:
            log.info("manager marked print job %s as dealt with", job_uuid)
            self.refresh(screen)

        self.tasks.run(work, done, lambda error: self._failed("dealt_with", error))

    def refusal_dealt_with(self, screen: ManagerDeskScreen, entry_uuid: str, outcome: str) -> None:
        manager = self.window.manager
        if manager is None:
            return
        store, kiosk_id = self.backend.store, self.backend.config.kiosk_id

        def work() -> bool:
            with store.write() as session:
                return mark_dealt_with(session, entry_uuid, manager.id, kiosk_id, outcome, utcnow())

        def done(_changed: bool) -> None:
            log.info(
                "manager %s dealt with refused record %s (%s)", manager.id, entry_uuid, outcome
            )
            if self.backend.sync is not None:
                # The platform hears of it now (at the backoff's pass if it asked to wait).
                self.backend.sync.worker.wake()
            self.refresh(screen)

        self.tasks.run(work, done, lambda error: self._failed("refusal", error))

    def print_day_report(self) -> None:
        store = self.backend.store
        worker = self.backend.sync.worker if self.backend.sync else None
        last = worker.last_success if worker else None
        zone = self.backend.config.vouchers.time_zone

        def build(context: SlipContext) -> Slip:
            with store.read() as session:
                report = day_report(session, local_time.today(zone), last, zone)
            return documents.day_report(context, report)

        self.printer.print_document("report", build, "")

    def start_assisted(self) -> None:
        manager = self.window.manager
        if manager is None:
            return
        store, kiosk_id = self.backend.store, self.backend.config.kiosk_id

        def work() -> str:
            with store.write() as session:
                return record_assisted_session(session, manager.id, kiosk_id, manager.proof_key)

        self.tasks.run(work, lambda _uuid: None, lambda error: self._failed("assisted", error))
        log.info("manager %s started an assisted session", manager.id)
        self.window.manager_mode.start_assisted_session()

    # A citizen's wallet PIN ---------------------------------------------------------------

    def open_wallet_pin(self) -> None:
        """To the screen that sets a citizen's wallet PIN, with a PIN typed in the last
        minutes (else the login first: nothing typed there would be taken)."""
        if self.window.manager_mode.recent_pin():
            self.window.go("wallet_pin")

    def set_wallet_pin(self, screen: WalletPinScreen, cf: str, pin: str, document: str) -> None:
        """Queues the sealed request, asks for a sync, then follows its answer; with a
        PIN typed in the last minutes only, else the login asks for it again."""
        manager = self.window.manager
        if manager is None:
            return
        if not self.window.manager_mode.recent_pin():
            screen.forget()  # the citizen's codice fiscale is typed again after the PIN
            return
        store, kiosk_id = self.backend.store, self.backend.config.kiosk_id
        device_file = self.backend.config.device_file
        asked = screen.asked  # this request, as the screen counts them

        def work() -> str:
            identity = device.load(device_file)
            lookup_key = (
                bytes.fromhex(identity.lookup_key) if identity and identity.lookup_key else b""
            )
            with store.write() as session:
                return queue_pin(
                    session, manager, kiosk_id, cf, pin, document, datetime.now(UTC), lookup_key
                )

        def done(entry_uuid: str) -> None:
            log.info("manager %s set a wallet PIN (%s checked)", manager.id, document)
            self.sync_now()
            # The screen moved on meanwhile (left, another request): the dashboard lists
            # a refusal; the next citizen's screen shows nothing of this one.
            if screen.follow(asked, entry_uuid):
                self._follow_pin(screen, entry_uuid, PIN_FOLLOW_TRIES)

        def failed(error: BaseException) -> None:
            if not isinstance(error, NoSealingKeyError):
                self._failed("wallet_pin", error)
            if screen.asked == asked:
                no_key = isinstance(error, NoSealingKeyError)
                screen.show_state(PinState.NO_KEY if no_key else PinState.ERROR)

        self.tasks.run(work, done, failed)

    def _follow_pin(self, screen: WalletPinScreen, entry_uuid: str, tries: int) -> None:
        """Shows the request's answer while the screen shows that request; stops once it
        is left, forgotten or another request is made (a later citizen's screen)."""
        if not screen.shows(entry_uuid):
            return
        store = self.backend.store

        def work() -> tuple[PinState, str | None]:
            with store.read() as session:
                return pin_state(session, entry_uuid)

        def done(state: tuple[PinState, str | None]) -> None:
            if not screen.shows(entry_uuid):
                return  # the manager went on: the dashboard lists a refusal
            screen.show_state(*state)
            if state[0] == PinState.WAITING and tries > 1:
                QTimer.singleShot(
                    PIN_FOLLOW_MS, self, lambda: self._follow_pin(screen, entry_uuid, tries - 1)
                )

        self.tasks.run(work, done, lambda error: self._failed("wallet_pin", error))

    # Help ------------------------------------------------------------------------------------

    def call_for_help(self) -> None:
        """Records the call (dashboard, platform), rings the desk's bell where there is
        one, then tells the citizen who could really be reached."""
        store, kiosk_id = self.backend.store, self.backend.config.kiosk_id
        bell = self.backend.config.manager.desk_bell_command
        reachable = bool(self.backend.sync is not None and self.status and self.status.online)

        def work() -> HelpCall:
            with store.write() as session:
                record_help_request(session, kiosk_id)
            return HelpCall(True, reachable, ring_desk_bell(bell))

        def done(call: HelpCall) -> None:
            log.warning(
                "a citizen asked for help (platform %s, bell %s)",
                "reachable" if reachable else "not reachable",
                call.bell_rang,
            )
            if self.backend.sync is not None:
                # Told now, not next minute (at the backoff's pass if it asked to wait).
                self.backend.sync.worker.wake()
            if self.desk is not None and self.window.current_route == "manager":
                self.refresh(self.desk)
            self.window.show_help_outcome(call)

        def failed(error: BaseException) -> None:
            log.error("the call for help could not be recorded", exc_info=error)
            self.window.show_help_outcome(HelpCall(False, False, False))

        self.tasks.run(work, done, failed)

    def help_answered(self, screen: ManagerDeskScreen) -> None:
        manager = self.window.manager
        if manager is None:
            return
        store, kiosk_id = self.backend.store, self.backend.config.kiosk_id

        def work() -> str:
            with store.write() as session:
                return record_help_answered(session, manager.id, kiosk_id)

        self.tasks.run(
            work, lambda _uuid: self.refresh(screen), lambda error: self._failed("help", error)
        )

    def leave_for_maintenance(self) -> None:
        manager = self.window.manager
        log.warning("kiosk closed for maintenance by manager %s", manager.id if manager else "?")
        self.window.locked = False
        self.maintenance_requested.emit()

    def _failed(self, what: str, error: BaseException) -> None:
        log.error("manager %s failed", what, exc_info=error)
        if self.desk is not None:
            self.desk.show_notice("failed")
