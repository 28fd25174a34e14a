# SPDX-License-Identifier: EUPL-1.2
"""Submitting an application from the wizard, off the UI thread, and following it; and
looking an application's status up.

The wizard asks; the application and its held receipt are saved in one transaction on
a worker thread; the sync worker is woken so the application leaves at once. Each sync
pass then tells the confirmation page whether the protocol number has come, and the
print panel opens when the receipt starts printing (with the number, when it came in
time).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from kiosk.core import applying
from kiosk.core.scanner import looks_like_codice_fiscale
from kiosk.core.status_lookup import Standing, find
from kiosk.ui.screens.application_status import ApplicationStatusScreen
from kiosk.ui.screens.apply import ApplyScreen
from printing.print_worker import PrintUpdate
from printing.slip import SlipContext
from sync import device
from sync.worker import SyncStatus

if TYPE_CHECKING:
    from kiosk.boot.backend import Backend
    from kiosk.core.session import Visit
    from kiosk.ui.controllers.printer import PrintController
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.scanner_input import ScannerInput
    from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ApplyController(QObject):
    def __init__(
        self,
        window: MainWindow,
        backend: Backend,
        tasks: TaskRunner,
        context: Callable[[], SlipContext],
        printer: PrintController,
        scanner: ScannerInput,
    ) -> None:
        super().__init__(window)
        self.window, self.backend, self.tasks, self.context = window, backend, tasks, context
        self.printer = printer
        self.online: bool = backend.sync is not None
        self.following: tuple[ApplyScreen, applying.Submitted] | None = None
        self._receipt_shown = False
        scanner.scanned.connect(self._on_scanned)
        window.visit_ended.connect(self._visit_ended)
        window.screen_added.connect(self._hook)
        for screen in window.screens.values():
            self._hook(screen)

    def _hook(self, screen: object) -> None:
        if isinstance(screen, ApplyScreen):
            screen.submit_requested.connect(lambda draft, s=screen: self.submit(s, draft))
        if isinstance(screen, ApplicationStatusScreen):
            screen.lookup_requested.connect(lambda code, cf, s=screen: self.look_up(s, code, cf))

    def _on_scanned(self, text: str) -> None:
        """A card read by the scanner goes to the screen in view, if it asks for one now.
        Otherwise the citizen, who saw the scanner light up, is told it was read and is
        not needed here (and nothing else happens): on a page that never reads one, on
        one that reads cards but not at this step (the order's review), and for a code
        that is no codice fiscale (a product's barcode)."""
        screen = self.window.screens.get(self.window.current_route)
        take = getattr(screen, "take_scanned", None)  # screens that ask for the code
        if take is None:
            log.info("scanner: a code read on a page that reads none")
        elif not looks_like_codice_fiscale(text):
            log.info("scanner: a code that is not a codice fiscale was ignored")
        elif not take(text):
            log.info("scanner: a card read at a step that reads none")
        else:
            return
        self.window.tell_scan_unused()

    def look_up(self, screen: ApplicationStatusScreen, code: str, cf: str) -> None:
        store, device_file = self.backend.store, self.backend.config.device_file

        def work() -> Standing | None:
            identity = device.load(device_file)  # None before the first enrollment
            with store.read() as session:
                return find(session, identity.lookup_key if identity else None, code, cf)

        citizen = self.window.ctx.citizen
        visit = citizen.visit

        def found(standing: Standing | None) -> None:
            if citizen.still(visit):  # never shown to the next person
                screen.show_standing(standing)

        def failed(error: BaseException) -> None:
            log.error("application status: the search failed", exc_info=error)
            if citizen.still(visit):
                screen.show_search_failed()

        self.tasks.run(work, found, failed)

    def submit(self, screen: ApplyScreen, draft: applying.Draft) -> None:
        hold = self.backend.config.receipt_wait_s if self.online else 0
        store, context = self.backend.store, self.context()
        manager = self.window.ctx.citizen.assisted_by
        lang = self.window.ctx.lang

        def work() -> applying.Submitted | list[Any]:
            with store.write() as session:
                return applying.submit(
                    session,
                    draft,
                    context,
                    datetime.now(UTC),
                    receipt_hold_s=hold,
                    language=lang,
                    time_zone=self.window.ctx.time_zone,
                    assisted_by=manager.id if manager else None,
                    assisted_proof_key=manager.proof_key if manager else b"",
                )

        visit = self.window.ctx.citizen.visit
        self.tasks.run(
            work,
            lambda result: self._submitted(screen, result, visit),
            lambda error: self._failed(screen, error, visit),
        )

    def _submitted(
        self, screen: ApplyScreen, result: applying.Submitted | list[Any], visit: Visit
    ) -> None:
        if isinstance(result, applying.Submitted):
            log.info(
                "application saved: outbox %s, receipt job %s",
                result.outbox_uuid,
                result.print_job,
            )
            self.backend.printing.worker.wake()
            if self.backend.sync is not None:
                self.backend.sync.worker.wake()
        if not self.window.ctx.citizen.still(visit):
            # Saved and sent as any application, but its citizen left: nothing of it
            # (answers, problems, receipt) is shown to the next person.
            log.info("application: its visit ended before it was saved")
            self.backend.printing.worker.let_go_queued()
            return
        screen.show_submitted(result)
        if not isinstance(result, applying.Submitted):
            return
        self.following, self._receipt_shown = (screen, result), False
        screen.show_protocol(None, self.online)

    def _failed(self, screen: ApplyScreen, error: BaseException, visit: Visit) -> None:
        if isinstance(error, applying.NotAvailableError):
            # The call closed, or its form changed, while the citizen filled it in (a
            # sync brought it): nothing is queued nor printed for a refusal to come.
            log.info("application not sent: %s", error)
            if self.window.ctx.citizen.still(visit):
                screen.show_call_gone()
            return
        log.error("application: could not be saved", exc_info=error)
        if self.window.ctx.citizen.still(visit):
            screen.show_submit_failed()

    def _visit_ended(self) -> None:
        """The receipt of the citizen who left is not followed onto the next visit (it
        prints all the same, read aloud or not)."""
        if self.following is not None:
            self.backend.printing.worker.let_go_queued()
        self.following, self._receipt_shown = None, False

    def on_sync_status(self, status: SyncStatus) -> None:
        self.online = status.online is not False and self.backend.sync is not None
        if self.following is None:
            return
        screen, submitted = self.following
        store = self.backend.store

        def work() -> tuple[str, str | None]:
            with store.read() as session:
                return applying.application_state(session, submitted.outbox_uuid)

        def show(state: tuple[str, str | None]) -> None:
            if self.following is not None and self.following[1] is submitted:
                screen.show_protocol(state[1], self.online, refused=state[0] == "rejected")

        self.tasks.run(work, show, lambda error: log.error("application state", exc_info=error))

    def on_print_update(self, update: PrintUpdate) -> None:
        if self.following is None or self._receipt_shown:
            return
        if update.job_uuid == self.following[1].print_job:
            self._receipt_shown = True
            self.printer.show_queued(update.job_uuid)
