# SPDX-License-Identifier: EUPL-1.2
"""The kiosk's non-Qt half, wired in one place: store (+ demo data), catalog, printer, sync.

The composition root (kiosk/cli.py ``run``) draws the home screen first; the UI then
opens the log file and calls ``open_store`` on a worker thread (SQLAlchemy, migrations
when due), then ``open_services`` (housekeeping, printer, sync), so a restarted kiosk
shows its face at once, its catalog answers soon after, and the UI thread never waits
on that disk work. ``open_backend`` does both at once. Nothing here imports Qt or
kiosk.ui.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from kiosk.boot.config import Config, ConfigError
from kiosk.boot.paths import DEMO_DATASET

if TYPE_CHECKING:
    from kiosk.boot.housekeeping import Housekeeper
    from kiosk.boot.printer_setup import PrintSetup
    from kiosk.boot.sync_process import SyncProcess
    from kiosk.boot.syncing import SyncSetup
    from printing.print_worker import PrintUpdate
    from store.catalog import CatalogReader
    from store.database import Store
    from sync.worker import SyncStatus

log = logging.getLogger(__name__)


class Backend(NamedTuple):
    """Everything the UI needs that is not Qt."""

    config: Config
    store: Store
    catalog: CatalogReader
    printing: PrintSetup
    sync: SyncSetup | None = None
    housekeeper: Housekeeper | None = None  # retention, where no sync pass applies it

    def close(self) -> None:
        self.printing.stop()
        if self.sync is not None:
            self.sync.stop()
        if self.housekeeper is not None:
            self.housekeeper.stop()
        self.store.close()


class OpenStore(NamedTuple):
    """The store open and its catalog readable: enough for the screens that browse."""

    config: Config
    store: Store
    catalog: CatalogReader


def open_backend(
    config: Config,
    *,
    on_status: Callable[[SyncStatus], None] = lambda status: None,
    on_mirror_changed: Callable[[], None] = lambda: None,
    on_print_update: Callable[[PrintUpdate], None] = lambda update: None,
    own_process: bool = False,
) -> Backend:
    """Opens the store, then starts what works on it (``open_store``, ``open_services``)."""
    return open_services(
        open_store(config),
        on_status=on_status,
        on_mirror_changed=on_mirror_changed,
        on_print_update=on_print_update,
        own_process=own_process,
    )


def open_store(config: Config) -> OpenStore:
    """Opens (and migrates) the store, loads demo data when asked, checks the Comune."""
    from store.catalog import CatalogReader
    from store.database import Store

    store = Store(config.paths.database)
    try:  # a store that opened but cannot be read is closed again (the kiosk tries anew)
        if config.demo:
            # Only here: loading records validates them with the wire contract (pydantic),
            # which an installed kiosk loads later, for its first sync.
            from store import demo

            if demo.load_if_empty(store, DEMO_DATASET):
                log.info("demo catalog loaded into an empty store")
        catalog = CatalogReader(store)
        known = {c.id for c in catalog.comuni()}
        if known and config.social_point.comune not in known:
            raise ConfigError(
                f'social_point.comune = "{config.social_point.comune}": not a Comune of the'
                f" catalog (known: {', '.join(sorted(known))})"
            )
    except BaseException:
        store.close()
        raise
    return OpenStore(config, store, catalog)


def open_services(
    opened: OpenStore,
    *,
    on_status: Callable[[SyncStatus], None] = lambda status: None,
    on_mirror_changed: Callable[[], None] = lambda: None,
    on_print_update: Callable[[PrintUpdate], None] = lambda update: None,
    own_process: bool = False,
) -> Backend:
    """Housekeeping, the print queue and the sync worker (not started) on the open store.
    The screens that browse already work meanwhile: a restarted kiosk answers its first
    tap without waiting for the printer's and the platform's libraries to load.

    ``own_process``: the sync runs in a child process (``kiosk/boot/sync_process.py``),
    as the kiosk runs it, so its work never holds the UI's Python lock; otherwise on a
    thread of this process (commands and tests that drive a pass themselves)."""
    config, store, catalog = opened
    from kiosk.boot.housekeeping import housekeep_logged
    from kiosk.boot.printer_setup import PrintSetup
    from kiosk.boot.syncing import make_sync, retention_rule
    from kiosk.core.applying import receipts_after_push

    # Also where the kiosk does not sync. A failure (a damaged row it cannot read) is
    # logged: the next pass tries again, and the kiosk starts meanwhile.
    housekeep_logged(store, retention_rule(config))

    sync_process: SyncProcess | None = None

    def print_update(update: PrintUpdate) -> None:
        if sync_process is not None:  # the heartbeat tells the platform the printer's state
            sync_process.printer_changed(update.printer.value)
        on_print_update(update)

    printing = PrintSetup(config, store, on_update=print_update)

    def status(update: SyncStatus) -> None:
        printing.worker.wake()  # a held receipt may have just been completed
        on_status(update)

    def mirror_changed() -> None:
        # On the sync worker: the screens' catalog queries run again here, so the
        # refresh that follows on the UI thread finds their answers ready.
        catalog.warm()
        on_mirror_changed()

    if own_process and config.sync.platform_url:
        from kiosk.boot.sync_process import SyncProcess
        from kiosk.boot.syncing import SyncSetup

        sync_process = SyncProcess(
            config,
            store=store,
            on_status=status,
            on_mirror_changed=on_mirror_changed,  # the sync process warms the catalog
            printer_state=lambda: printing.worker.last.printer.value,
            catalog=catalog,
        )
        setup: SyncSetup | None = SyncSetup(worker=sync_process, stop=sync_process.stop)
    else:
        setup = make_sync(
            config,
            store,
            on_status=status,
            on_mirror_changed=mirror_changed,
            after_push=receipts_after_push,
            printer_state=lambda: printing.worker.last.printer.value,
        )
    housekeeper = None
    if setup is None:  # a syncing kiosk applies the retention rule after every pass
        from kiosk.boot.housekeeping import Housekeeper

        housekeeper = Housekeeper(store, retention_rule(config))
        housekeeper.start()
    return Backend(
        config=config,
        store=store,
        catalog=catalog,
        printing=printing,
        sync=setup,
        housekeeper=housekeeper,
    )


def start_logging(config: Config) -> None:
    from kiosk.boot.logs import (
        setup_logging,  # logging.handlers is slow to import: after the first frame
    )

    setup_logging(
        config.paths.log_dir,
        level=config.log_level,
        max_bytes=config.log_max_bytes,
        backup_count=config.log_backup_count,
    )
    log.info("starting kiosk %s (demo: %s)", config.kiosk_id, config.demo)
