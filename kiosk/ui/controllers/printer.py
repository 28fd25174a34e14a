# SPDX-License-Identifier: EUPL-1.2
"""Printing from the UI: a screen asks, the slip is queued and drawn off the UI thread,
and the print panel shows it with the printer's state as the worker reports it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from kiosk.ui.print_bridge import PrintBridge
from kiosk.ui.widgets.print_panel import PrintPanel
from printing import print_queue
from printing.print_worker import PrintUpdate
from printing.slip import Slip, SlipContext

if TYPE_CHECKING:
    from kiosk.boot.printer_setup import PrintSetup
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# A job on the print panel: its id, its preview, its slip, and the slips queued with it.
Shown = tuple[str, Any, Slip, tuple[Slip, ...]]

SlipBuilder = Callable[[SlipContext], Slip]

# Job states remembered for a panel not shown yet: a job is shown seconds after it is
# queued, so the last few are enough, and a kiosk printing for months keeps no more.
RECENT_JOBS = 64


def remember(states: dict[str, str], job_uuid: str, state: str) -> None:
    """Keeps ``state`` as the job's latest, and only the ``RECENT_JOBS`` latest jobs."""
    states.pop(job_uuid, None)
    states[job_uuid] = state
    while len(states) > RECENT_JOBS:
        del states[next(iter(states))]


class PrintController(QObject):
    def __init__(
        self,
        window: MainWindow,
        printing: PrintSetup,
        tasks: TaskRunner,
        context: Callable[[], SlipContext],
        bridge: PrintBridge,
    ) -> None:
        super().__init__(window)
        self.window, self.printing, self.tasks, self.context = window, printing, tasks, context
        self._panel: PrintPanel | None = None
        # The worker may print a job before the UI has shown it: remember what it said.
        self._job_states: dict[str, str] = {}
        bridge.updated.connect(self._on_update)
        window.print_requested.connect(self.print_document)
        # In spoken mode a slip is read aloud before it prints: the worker holds new jobs
        # until the reading is over (SpokenMode.read_before_printing).
        spoken = window.spoken
        if spoken is not None:
            spoken.switched.connect(printing.worker.read_first)
            if spoken.on:
                printing.worker.read_first(True)

    def kiosk_left_alone(self) -> None:
        """Nobody is at the kiosk: vouchers still waiting for a printer that cannot print
        (paper out, cover open, unreachable) are not printed for whoever comes next (a
        manager reprints them from the slips to check). A printer that prints goes on:
        a long order's vouchers come out for the citizen who is collecting them."""
        if self.printing.worker.last.printer.can_print:
            return

        def work() -> int:
            with self.printing.store.write() as session:
                return print_queue.expire_bearer_slips(session)

        def done(expired: int) -> None:
            if expired:
                log.warning("printer: %d voucher(s) not printed: the kiosk was left alone", expired)

        def failed(error: BaseException) -> None:  # nobody there to tell: the log says it
            log.error("printer: the waiting vouchers could not be held back", exc_info=error)

        self.tasks.run(work, done, failed)

    @property
    def panel(self) -> PrintPanel:
        if self._panel is None:
            self._panel = PrintPanel(self.window.body)
        return self._panel

    def print_document(self, kind: str, build: SlipBuilder, reference: str = "") -> None:
        def work() -> Shown:
            slip = build(self.context())
            job_uuid = self.printing.queue(slip, kind, reference or None)
            return job_uuid, self.printing.preview(slip), slip, ()

        self.tasks.run(work, self._for_this_visit(self._show), self._failed)

    def close_panel(self) -> None:
        if self._panel is not None:
            self._panel.hide()

    def show_queued(self, job_uuid: str, read_with: Sequence[str] = ()) -> None:
        """Shows a job queued with its record (an application receipt), as it prints;
        ``read_with`` are the jobs queued with it (a purchase's vouchers), read aloud
        after it in spoken mode."""

        def work() -> Shown:
            with self.printing.store.read() as session:
                job = print_queue.get(session, job_uuid)
                assert job is not None, f"print job {job_uuid} is not in the queue"
                others = [print_queue.get(session, uuid) for uuid in read_with]
            extra = tuple(other.slip for other in others if other is not None)
            return job_uuid, self.printing.preview(job.slip), job.slip, extra

        self.tasks.run(work, self._for_this_visit(self._show), self._failed)

    def _for_this_visit(self, show: Callable[[Shown], None]) -> Callable[[Shown], None]:
        """``show``, unless the visit that asked has ended by the time the slip is drawn:
        the slip prints, but its picture never opens over the next person's screen."""
        citizen = self.window.ctx.citizen
        visit = citizen.visit

        def shown(result: Shown) -> None:
            if citizen.still(visit):
                show(result)
            else:
                self.printing.worker.let_go_queued()

        return shown

    def _show(self, result: Shown) -> None:
        job_uuid, preview, slip, extra = result
        state = self._job_states.get(job_uuid, "pending")
        self.panel.show_job(job_uuid, preview, self.printing.worker.last, state)
        if self.window.spoken is not None:  # in spoken mode every line, aloud, first
            self.window.spoken.read_before_printing(
                slip, self.printing.worker.let_go_queued, also=extra
            )

    def _failed(self, error: BaseException) -> None:
        log.error("printing: the slip could not be queued", exc_info=error)
        self.window.overlay.show_texts(
            lambda: (
                self.tr("Printing is not possible right now"),
                self.tr("Nothing was lost. Please ask the welfare manager at the desk."),
                self.tr("OK"),
            )
        )

    def _on_update(self, update: PrintUpdate) -> None:
        if update.job_uuid is not None and update.job_state is not None:
            remember(self._job_states, update.job_uuid, update.job_state)
        if self._panel is not None:
            self._panel.on_update(update)
