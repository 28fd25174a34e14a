"""The printer the configuration names, and the context printed on every slip
(Qt-free; shared by the app and the ``social-point print-test`` command)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.config import Config
from printing.connection import (
    FileConnection,
    NetworkConnection,
    NoPrinter,
    SerialConnection,
    UsbConnection,
)
from printing.layout import PROFILES, PaperProfile
from printing.slip import SlipContext

Connection = NetworkConnection | UsbConnection | SerialConnection | FileConnection | NoPrinter


def connection_for(config: Config) -> Connection:
    settings = config.printer
    if settings.connection == "network":
        return NetworkConnection(
            settings.host,
            settings.port,
            timeout=settings.timeout_s,
            status_timeout=settings.status_timeout_ms / 1000,
        )
    if settings.connection == "usb":
        return UsbConnection(
            int(settings.usb_vendor_id, 16),
            int(settings.usb_product_id, 16),
            timeout_ms=settings.usb_timeout_ms,
            status_timeout_ms=settings.status_timeout_ms,
        )
    if settings.connection == "serial":
        return SerialConnection(
            settings.device,
            settings.baudrate,
            timeout=settings.timeout_s,
            status_timeout=settings.status_timeout_ms / 1000,
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
