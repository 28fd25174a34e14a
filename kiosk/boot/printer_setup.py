# SPDX-License-Identifier: EUPL-1.2
"""The printer the configuration names, the context printed on every slip, and the
kiosk's print queue worker (Qt-free; shared by the app and the ``social-point
print-test`` command). The UI calls ``PrintSetup`` off its own thread: it touches the
disk."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.boot.config import Config, ConfigError
from kiosk.boot.paths import DEMO_DATASET
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
from printing.slip import Slip, SlipContext, Text
from store.database import Store

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
    """The paper profile, with the printer model and the code page the configuration
    names, no wider than the model prints (printing.escpos_render.fitted_to_model): the
    ESC t number comes from the model's python-escpos capability profile
    unless ``printer.code_page_table`` gives it. ConfigError names a bad value, and a
    page the renderer cannot print with (see ``_code_page_problem``)."""
    from dataclasses import replace

    from printing.escpos_render import code_page_for, fitted_to_model

    settings = config.printer
    profile = PROFILES[settings.paper]
    model = settings.model or profile.escpos_profile
    try:
        codec, table = code_page_for(model, settings.code_page, settings.code_page_table)
    except ValueError as error:
        raise ConfigError(f"printer: {error}") from None
    paper = replace(profile, escpos_profile=model, code_page=codec, code_page_table=table)
    paper = fitted_to_model(paper)
    # The model's own page is one it prints with; only a page named in the file is probed.
    problem = _code_page_problem(paper) if settings.code_page or settings.code_page_table else ""
    if problem:
        try:
            western = f"{code_page_for(model)[0]} (the model's Western page)"
        except ValueError:
            western = "a Western page such as cp858 or cp1252"
        raise ConfigError(
            f"printer.code_page: {settings.code_page or codec} {problem}; choose {western} or "
            "leave printer.code_page empty"
        )
    return paper


def _code_page_problem(paper: PaperProfile) -> str:
    """Why slips cannot print in the paper's code page, "" when they can. Probed as the
    renderer uses it: python-escpos refuses some pages its capability profiles list
    (ISO8859-15, ISO8859-2, ISO8859-7, RK1048) and every slip would fail; it writes one
    byte a character, so in a multi-byte page (CP932) it prints "?" for what the page
    has."""
    from printing.escpos_render import render

    try:
        render(Slip("code page", (Text("Social Point"),)), paper)
    except ValueError:
        return f"cannot be used: python-escpos refuses it for the {paper.escpos_profile} model"
    # Every multi-byte page (Japanese, Chinese, Korean) writes one of these in two bytes.
    if any(len(sample.encode(paper.code_page, "ignore")) > 1 for sample in "あ漢한ㄱ"):
        return 'is a multi-byte code page: python-escpos prints "?" for its characters'
    return ""


def logo_for(config: Config, profile: PaperProfile) -> Any:
    """The configured logo (``printer.logo``) as the printer draws it, or None.
    ConfigError when the file cannot be read as an image."""
    if not config.printer.logo:
        return None
    from PIL import Image, UnidentifiedImageError

    from printing.escpos_render import fit_logo

    base = config.source.parent if config.source else Path.cwd()
    path = base / config.printer.logo
    if path.exists() and not path.is_file():  # a FIFO's open() waited for ever for a writer
        raise ConfigError(f"printer.logo: {path} is not a file")
    try:
        with Image.open(path) as image:
            return fit_logo(image, profile.dots)
    except Image.DecompressionBombError:  # tens of thousands of pixels a side
        raise ConfigError(
            f"printer.logo: {path} is far too large to be a logo; use an image of at most"
            f" {profile.dots} pixels across"
        ) from None
    except (OSError, UnidentifiedImageError, ValueError) as error:
        raise ConfigError(f"printer.logo: cannot use {path} as a logo: {error}") from None


def comune_name(config: Config, from_catalog: str | None = None) -> str:
    """The Comune's name for slips, never its id: the synced catalog's, else the
    configuration's ``social_point.comune_name``, else the demo data's; "" when none
    knows it (the slip then names no Comune)."""
    if from_catalog:
        return from_catalog
    if config.social_point.comune_name:
        return config.social_point.comune_name
    return _demo_comune_names().get(config.social_point.comune, "")


@cache
def _demo_comune_names() -> dict[str, str]:
    try:
        data = json.loads(DEMO_DATASET.read_text(encoding="utf-8"))
        return {str(c["id"]): str(c["name"]) for c in data.get("comuni", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def slip_context(config: Config, comune: str | None, operator: str | None = None) -> SlipContext:
    """``comune``: the Comune's name from the synced catalog, if it has one. A slip's
    times are in the kiosk's time zone (``[vouchers] time_zone``, Europe/Rome), as the
    screen shows them, whatever the system's zone (often UTC on a kiosk)."""
    return SlipContext(
        social_point=config.social_point.name,
        comune=comune_name(config, comune),
        kiosk_id=config.kiosk_id,
        printed_at=datetime.now(ZoneInfo(config.vouchers.time_zone)),
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
        self.logo = logo_for(config, self.profile)
        self.connection = connection_for(config)
        self.worker = PrintWorker(
            store,
            self.connection,
            self.profile,
            expire_after=timedelta(minutes=config.printer.expire_after_min),
            on_update=on_update,
            logo=self.logo,
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

        return render_image(slip, self.profile, self.logo)

    def stop(self) -> None:
        self.worker.stop()
