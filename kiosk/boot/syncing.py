# SPDX-License-Identifier: EUPL-1.2
"""Builds the sync worker from the configuration (Qt-free, shared by the app and the
``social-point sync`` command)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from kiosk.boot.config import Config
from kiosk.boot.logs import recent_log
from kiosk.core.about import about
from protocol.wire import ProtocolError, Result
from store import kiosk_facts, outbox
from store.database import Store
from store.retention import RetentionRule, housekeep
from sync.client import PlatformClient, RefusedError, UnreachableError
from sync.device import DeviceIdentity, NotEnrolledError, ensure_enrolled, load, save
from sync.engine import SyncEngine
from sync.heartbeat import HeartbeatSender, KioskFacts
from sync.worker import SyncStatus, SyncWorker

if TYPE_CHECKING:
    from kiosk.boot.sync_process import SyncProcess

log = logging.getLogger(__name__)
KEYS_EVERY_S = 600.0  # how often the published voucher keys are fetched again


@dataclass
class SyncSetup:
    # On a thread of this process, or in a child process (``kiosk.boot.sync_process``),
    # which answers the same calls.
    worker: SyncWorker | SyncProcess
    stop: Callable[[], None]
    heartbeat: HeartbeatSender | None = None  # in this process only


def platform_address(config: Config) -> tuple[str, str, Callable[[], None]]:
    """(url, enrollment code, stop) of the platform the kiosk talks to."""
    if config.sync.platform_url == "embedded":
        from kiosk.boot.launcher import start_embedded_platform

        embedded = start_embedded_platform(config)
        return embedded.url, embedded.enrollment_code, embedded.stop
    return config.sync.platform_url, config.sync.enrollment_code, lambda: None


def retention_rule(config: Config) -> RetentionRule:
    return RetentionRule(
        config.retention.reprint_days,
        config.retention.unsent_alert_days,
        config.retention.keep_sent_days,
    )


def rotate_if_old(
    path: Path, identity: DeviceIdentity | None, client: PlatformClient, max_age_days: int
) -> None:
    """Swaps a device token older than ``max_age_days`` for a new one (the platform
    forgets the old one once the new one is used), so a token copied from a disk soon
    stops working.
    Checked as the sync connects and after every pass the platform answered: a kiosk
    runs for weeks without a restart."""
    age_s = time.time() - path.stat().st_mtime  # the file is written with each token
    if age_s < max_age_days * 86_400:
        return
    identity = identity or load(path)  # read only when due (checked after every pass)
    if identity is None:
        return
    token = client.rotate_token()
    try:
        save(path, replace(identity, token=token))
    except BaseException:
        # Not kept on the disk: the client goes on with the old token, which the
        # platform honours until the new one is first used. Used, it would retire the
        # old one, and the next start would read a dead token from the file.
        client.set_token(identity.token)
        raise
    log.info("device token rotated after %d days", int(age_s // 86_400))


def follow_saved_token(path: Path, client: PlatformClient, device_id: str | None) -> None:
    """Takes the token saved in the device file when another process of this kiosk
    rotated it (``social-point sync --once`` run beside the kiosk): the platform retires
    the old token once the new one is used, and this process, still holding the old
    one, was refused on every pass until the kiosk restarted."""
    try:
        saved = load(path)
    except NotEnrolledError as error:
        log.warning("device file not read again: %s", error)
        return
    if saved is not None and saved.device_id == device_id and saved.token != client.token:
        client.set_token(saved.token)
        log.info("device token taken from the device file (rotated by another process)")


def make_sync(
    config: Config,
    store: Store,
    *,
    on_status: Callable[[SyncStatus], None] = lambda status: None,
    on_mirror_changed: Callable[[], None] = lambda: None,
    after_push: Callable[[Session, list[Result]], object] | None = None,
    printer_state: Callable[[], str] = lambda: "no_printer",
    heartbeat: bool = True,
) -> SyncSetup | None:
    """The worker for this kiosk, or None when it does not sync. ``heartbeat=False``:
    a pass run by hand (``social-point sync --once``) beside the kiosk, which knows
    neither the printer nor the kiosk's uptime; only the running kiosk tells the fleet."""
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

    keys_fetched = [float("-inf")]

    def refresh_keys() -> None:
        """The platform's voucher keys, for offline checks (``voucher verify``)."""
        if time.monotonic() - keys_fetched[0] < KEYS_EVERY_S:
            return
        from vouchers.keys import KeyFileError, save_published

        try:
            save_published(config.vouchers.published_keys, client.voucher_keys())
            keys_fetched[0] = time.monotonic()
        except (UnreachableError, RefusedError, ProtocolError, KeyFileError, OSError) as error:
            log.warning("voucher keys not refreshed: %s", error)

    connected_as: list[str] = []  # the device id this process enrolled or read

    def connect() -> SyncEngine:
        identity = ensure_enrolled(config.device_file, client, code=code, kiosk_id=config.kiosk_id)
        connected_as[:] = [identity.device_id]
        with store.write() as session:  # a restore refuses another kiosk's backup
            kiosk_facts.set_owner(session, config.kiosk_id, identity.device_id, outbox.utcnow())
        rotate_if_old(config.device_file, identity, client, settings.token_max_age_days)
        register_signing_key(client, config.vouchers.signing_key)
        refresh_keys()
        return SyncEngine(
            store,
            client,
            page_size=settings.page_size,
            push_batch=settings.push_batch,
            after_push=after_push,
        )

    sender = HeartbeatSender(
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

    def rotate_when_old() -> None:
        try:
            rotate_if_old(config.device_file, None, client, settings.token_max_age_days)
        except (UnreachableError, RefusedError, ProtocolError, NotEnrolledError, OSError) as error:
            log.warning("device token not rotated: %s", error)

    def beat() -> None:
        """The heartbeat, after each pass and between passes further apart than its
        interval (the fleet took such a kiosk for late). Whenever the platform answered
        the last pass, even if one part failed: a stream that keeps failing must not
        silence the heartbeat (which tells the fleet so)."""
        if heartbeat and worker.answered:
            sender.maybe_send()

    def after_pass() -> None:
        housekeep(store, retention_rule(config))
        if connected_as:
            follow_saved_token(config.device_file, client, connected_as[0])
        beat()
        if worker.answered:
            refresh_keys()
            rotate_when_old()

    worker = SyncWorker(
        store,
        connect,
        interval=settings.interval_s,
        backoff_cap=settings.backoff_cap_s,
        on_status=on_status,
        on_mirror_changed=on_mirror_changed,
        housekeeping=after_pass,
        between=beat,
        between_every_s=settings.heartbeat_interval_s,
    )

    def stop() -> None:
        worker.stop()
        client.close()
        stop_platform()

    return SyncSetup(worker=worker, stop=stop, heartbeat=sender if heartbeat else None)


def register_signing_key(client: PlatformClient, path: Path) -> None:
    """The platform accepts this kiosk's vouchers only under a key it registered. A key
    it refuses as another device's (this kiosk enrolled again under a new device, after
    a revocation) or as revoked is replaced by a new one, registered at once: kept, it
    signed every later voucher, and every later purchase was refused. Orders signed
    with the old key before the revocation stay good (the platform's ledger took them
    or takes them as made then)."""
    # Imported here: cryptography stays off the kiosk's start-up path.
    from vouchers.keys import load_or_create_signer, public_key_text, renew_signer

    signer = load_or_create_signer(path)
    try:
        client.register_signing_key(public_key_text(signer))
        return
    except RefusedError as error:
        if error.status != 409:
            raise
        if not error.detail.startswith(RENEWED_ON):
            # Refused for another reason: the platform refuses the vouchers it signs,
            # each purchase told apart, but applications and events must still go.
            log.error("voucher signing key not accepted by the platform: %s", error.detail)
            return
        log.warning("voucher signing key refused (%s): a new one is made", error.detail)
    renewed = renew_signer(path, signer)
    try:
        client.register_signing_key(public_key_text(renewed))
    except RefusedError as error:
        if error.status != 409:
            raise
        log.error("the new voucher signing key was not accepted either: %s", error.detail)


# The platform's refusals of a key that a new key mends (central/voucher_authority.py).
RENEWED_ON = ("key_taken", "key_revoked")
