"""The kiosk's printing: the queue worker for the configured printer, and what the UI
asks of it (queue a slip, draw its preview). Qt-free; the UI runs these calls off its
own thread, since they touch the disk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from kiosk.config import Config
from kiosk.printer_setup import connection_for, paper_for
from printing import print_queue
from printing.print_worker import PrintUpdate, PrintWorker
from printing.slip import Slip
from sync.store import Store


class PrintSetup:
    def __init__(
        self,
        config: Config,
        store: Store,
        on_update: Callable[[PrintUpdate], None] = lambda update: None,
    ) -> None:
        self.store = store
        self.profile = paper_for(config)
        self.connection = connection_for(config)
        self.worker = PrintWorker(
            store,
            self.connection,
            self.profile,
            expire_after=timedelta(minutes=config.printer.expire_after_min),
            on_update=on_update,
        )

    def queue(self, slip: Slip, kind: str, reference: str | None = None) -> str:
        """Queues a slip that has no record of its own (a service card, a test page)."""
        with self.store.write() as session:
            job_uuid = print_queue.add(session, slip, kind, reference)
        self.worker.wake()
        return job_uuid

    def preview(self, slip: Slip) -> Any:
        """The slip as a grey Pillow image, as wide as the paper's printable dots."""
        from printing.preview import render_image

        return render_image(slip, self.profile)

    def stop(self) -> None:
        self.worker.stop()
