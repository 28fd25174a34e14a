"""The printer the configuration names, the context printed on every slip, and the
kiosk's print queue worker (Qt-free; shared by the app and the ``social-point
print-test`` command). The UI calls ``PrintSetup`` off its own thread: it touches the
disk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.config import Config
from printing import print_queue
from printing.connection import (
    FileConnection,
    NetworkConnection,
    NoPrinter,
    SerialConnection,
    UsbConnection,
)
from printing.layout import PROFILES, PaperProfile
from printing.print_worker import PrintUpdate, PrintWorker
from printing.slip import Slip, SlipContext
from sync.store import Store

Connection = NetworkConnection | UsbConnection | SerialConnection | FileConnection | NoPrinter


def connection_for(config: Config, *, answers_status: bool | None = None) -> Connection:
    """The configured printer; ``answers_status`` False overrides the configuration for a
    printer that cannot answer status queries (``print-test --no-status``)."""
    settings = config.printer
    status = settings.answers_status if answers_status is None else answers_status
    if settings.connection == "network":
        return NetworkConnection(
            settings.host,
            settings.port,
            timeout=settings.timeout_s,
            status_timeout=settings.status_timeout_ms / 1000,
            answers_status=status,
        )
    if settings.connection == "usb":
        return UsbConnection(
            int(settings.usb_vendor_id, 16),
            int(settings.usb_product_id, 16),
            timeout_ms=settings.usb_timeout_ms,
            status_timeout_ms=settings.status_timeout_ms,
            answers_status=status,
        )
    if settings.connection == "serial":
        return SerialConnection(
            settings.device,
            settings.baudrate,
            timeout=settings.timeout_s,
            status_timeout=settings.status_timeout_ms / 1000,
            answers_status=status,
        )
    if settings.connection == "file":
        return FileConnection(Path(settings.device))
    return NoPrinter()


def paper_for(config: Config) -> PaperProfile:
    return PROFILES[config.printer.paper]


def slip_context(
    config: Config, comune_name: str | None, operator: str | None = None
) -> SlipContext:
    return SlipContext(
        social_point=config.social_point.name,
        comune=comune_name or config.social_point.comune,
        kiosk_id=config.kiosk_id,
        printed_at=datetime.now(),
        operator=operator,
    )


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
