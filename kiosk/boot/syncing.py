# SPDX-License-Identifier: EUPL-1.2
"""Builds the sync worker from the configuration (Qt-free, shared by the app and the
``social-point sync`` command)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kiosk.boot.config import Config
from kiosk.boot.logs import recent_log
from kiosk.core.about import about
from protocol.wire import Result
from store.database import Store
from store.retention import RetentionRule, housekeep
from sync.client import PlatformClient
from sync.device import ensure_enrolled
from sync.engine import SyncEngine
from sync.heartbeat import HeartbeatSender, KioskFacts
from sync.worker import SyncStatus, SyncWorker


@dataclass
class SyncSetup:
    worker: SyncWorker
    stop: Callable[[], None]


def platform_address(config: Config) -> tuple[str, str, Callable[[], None]]:
    """(url, enrollment code, stop) of the platform the kiosk talks to."""
    if config.sync.platform_url == "embedded":
        from kiosk.boot.launcher import start_embedded_platform

        embedded = start_embedded_platform(config)
        return embedded.url, embedded.enrollment_code, embedded.stop
    return config.sync.platform_url, config.sync.enrollment_code, lambda: None


def retention_rule(config: Config) -> RetentionRule:
    return RetentionRule(config.retention.reprint_days, config.retention.unsent_alert_days)


def make_sync(
    config: Config,
    store: Store,
    *,
    on_status: Callable[[SyncStatus], None] = lambda status: None,
    on_mirror_changed: Callable[[], None] = lambda: None,
    after_push: Callable[[Session, list[Result]], None] | None = None,
    printer_state: Callable[[], str] = lambda: "no_printer",
) -> SyncSetup | None:
    """The worker for this kiosk, or None when it does not sync."""
    if not config.sync.platform_url:
        return None
    settings = config.sync
    url, code, stop_platform = platform_address(config)
    client = PlatformClient(
        url,
        connect_timeout=settings.connect_timeout_s,
        read_timeout=settings.read_timeout_s,
        ca_bundle=settings.ca_bundle or None,
    )

    def connect() -> SyncEngine:
        ensure_enrolled(config.device_file, client, code=code, kiosk_id=config.kiosk_id)
        return SyncEngine(
            store,
            client,
            page_size=settings.page_size,
            push_batch=settings.push_batch,
            after_push=after_push,
        )

    heartbeat = HeartbeatSender(
        store,
        client,
        KioskFacts(
            version=about().version,
            printer_state=printer_state,
            last_sync=lambda: worker.last_success,
            recent_log=lambda: recent_log(config.paths.log_dir),
        ),
        every_s=settings.heartbeat_interval_s,
    )

    def after_pass() -> None:
        housekeep(store, retention_rule(config))
        if worker.failures == 0:  # the platform just answered
            heartbeat.maybe_send()

    worker = SyncWorker(
        store,
        connect,
        interval=settings.interval_s,
        backoff_cap=settings.backoff_cap_s,
        on_status=on_status,
        on_mirror_changed=on_mirror_changed,
        housekeeping=after_pass,
    )

    def stop() -> None:
        worker.stop()
        client.close()
        stop_platform()

    return SyncSetup(worker=worker, stop=stop)
