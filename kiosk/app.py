"""Composition root: config → logging → Qt window → store (+ demo data) → catalog screens.

The home screen is drawn first; then the log file is opened and the store is opened on
a worker thread (SQLAlchemy, Alembic, migrations), so a restarted kiosk shows its face
at once and the UI thread never waits on that disk work.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple

from kiosk.config import Config, ConfigError
from kiosk.paths import DEMO_DATASET

if TYPE_CHECKING:
    from kiosk.printer_setup import PrintSetup
    from kiosk.syncing import SyncSetup
    from printing.print_worker import PrintUpdate
    from sync.catalog import CatalogReader
    from sync.store import Store
    from sync.worker import SyncStatus

log = logging.getLogger(__name__)


class Backend(NamedTuple):
    """Everything the UI needs that is not Qt."""

    config: Config
    store: Store
    catalog: CatalogReader
    printing: PrintSetup
    sync: SyncSetup | None = None

    def close(self) -> None:
        self.printing.stop()
        if self.sync is not None:
            self.sync.stop()
        self.store.close()


def open_backend(
    config: Config,
    *,
    on_status: Callable[[SyncStatus], None] = lambda status: None,
    on_mirror_changed: Callable[[], None] = lambda: None,
    on_print_update: Callable[[PrintUpdate], None] = lambda update: None,
) -> Backend:
    """Opens (and migrates) the store, loads demo data when asked, checks the Comune."""
    from sync import demo
    from sync.catalog import CatalogReader
    from sync.store import Store

    store = Store(config.paths.database)
    if config.demo and demo.load_if_empty(store, DEMO_DATASET):
        log.info("demo catalog loaded into an empty store")
    catalog = CatalogReader(store)
    known = {c.id for c in catalog.comuni()}
    if known and config.social_point.comune not in known:
        store.close()
        raise ConfigError(
            f"social_point.comune = {config.social_point.comune!r}: not a Comune of the catalog"
            f" (known: {', '.join(sorted(known))})"
        )
    from kiosk.applying import receipts_after_push
    from kiosk.printer_setup import PrintSetup
    from kiosk.syncing import make_sync, retention_rule
    from sync.retention import housekeep

    housekeep(store, retention_rule(config))  # also where the kiosk does not sync

    printing = PrintSetup(config, store, on_update=on_print_update)

    def status(update: SyncStatus) -> None:
        printing.worker.wake()  # a held receipt may have just been completed
        on_status(update)

    def mirror_changed() -> None:
        # On the sync worker: the screens' catalog queries run again here, so the
        # refresh that follows on the UI thread finds their answers ready.
        catalog.warm()
        on_mirror_changed()

    setup = make_sync(config, store, on_status=status, on_mirror_changed=mirror_changed,
                      after_push=receipts_after_push)  # fmt: skip
    return Backend(config=config, store=store, catalog=catalog, printing=printing, sync=setup)


def start_logging(config: Config) -> None:
    from kiosk.logs import (
        setup_logging,  # logging.handlers is slow to import: after the first frame
    )

    setup_logging(
        config.paths.log_dir,
        level=config.log_level,
        max_bytes=config.log_max_bytes,
        backup_count=config.log_backup_count,
    )
    log.info("starting kiosk %s (demo: %s)", config.kiosk_id, config.demo)


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    # A citizen never sees a traceback: it goes to the log, and the screen stays usable.
    log.critical("unexpected error", exc_info=(kind, error, trace))


def run(
    config: Config, *, windowed: bool, platform: str | None, exit_when_ready: bool = False
) -> int:
    if platform:
        os.environ["QT_QPA_PLATFORM"] = platform
    sys.excepthook = _log_uncaught

    from kiosk.ui.application import KioskApplication

    kiosk = KioskApplication(config, windowed=windowed, exit_when_ready=exit_when_ready)
    return kiosk.exec()
