# SPDX-License-Identifier: EUPL-1.2
"""A real reference platform over loopback HTTP, and mirror/server comparisons."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, text

from central.app import create_app
from central.dataset import seed_if_empty
from central.models import Device
from central.platform import Platform
from central.server import EmbeddedServer
from kiosk.boot.paths import DEMO_DATASET
from store import mirror
from store.database import Store
from store.models import ServiceComune
from sync.client import PlatformClient
from sync.engine import STREAMS, SyncEngine
from tests.conftest import sqlite_platform_url
from tests.postgresql import PostgresUnavailableError, ThrowawayPostgres
from vouchers.codes import Signer
from vouchers.keys import public_key_text

ADMIN = "admin-secret-for-the-tests-0123456789"
KIOSK_SIGNER = Signer(Ed25519PrivateKey.generate())  # the test kiosks' voucher key


@dataclass
class Central:
    platform: Platform
    server: EmbeddedServer

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(scope="session")
def postgres() -> Iterator[ThrowawayPostgres | PostgresUnavailableError]:
    """One PostgreSQL server for the session, started when a test first asks for it."""
    try:
        server = ThrowawayPostgres()
    except PostgresUnavailableError as error:  # the tests on PostgreSQL skip, saying why
        yield error
        return
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def platform_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The platform's tests run on both of the databases it supports: SQLite in the
    test's folder, and a new database on a throw-away PostgreSQL server."""
    if request.param == "sqlite":
        yield sqlite_platform_url(tmp_path)
        return
    server = request.getfixturevalue("postgres")
    if isinstance(server, PostgresUnavailableError):
        pytest.skip(f"PostgreSQL: {server}")
    url = server.new_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def central(platform_database: str) -> Iterator[Central]:
    platform = Platform(platform_database)
    seed_if_empty(platform, DEMO_DATASET)
    server = EmbeddedServer(create_app(platform, admin_token=ADMIN)).start()
    yield Central(platform, server)
    server.stop()
    platform.engine.dispose()


def first_call_held(
    function: Callable[..., Any], done: threading.Event, release: threading.Event
) -> Callable[..., Any]:
    """``function``, whose first call, once it has run (its transaction still open),
    sets ``done`` and waits for ``release``: a race held at a chosen point."""

    def held(*args: Any) -> Any:
        answer = function(*args)
        if not done.is_set():
            done.set()
            release.wait(30)
        return answer

    return held


def someone_waits_on_a_lock(central: Central) -> bool:
    """PostgreSQL: a transaction of the platform waits for a lock another one holds."""
    with central.platform.engine.connect() as connection:
        return bool(connection.scalar(text("SELECT count(*) FROM pg_locks WHERE NOT granted")))


def enrolled_client(
    central: Central,
    url: str | None = None,
    *,
    signer: Signer | None = None,
    comune: str | None = None,
    **options: Any,
) -> PlatformClient:
    """A kiosk's client, enrolled, with its voucher key ``signer`` registered as the
    kiosk does when it connects (kiosk/boot/syncing.py). One key belongs to one kiosk: the
    kiosk that signs with the tests' KIOSK_SIGNER is the ``engine`` fixture's."""
    client = PlatformClient(url or central.url, **options)
    code = central.platform.new_enrollment_code("kiosk", comune)
    _device, token = client.enroll(code, "kiosk-test")
    client.set_token(token)
    if signer is not None:
        client.register_signing_key(public_key_text(signer))
    return client


def enrolled_merchant(central: Central, **scope: list[str]) -> tuple[Device, str]:
    """A shop's or provider's device and token, allowed to accept ``scope``."""
    code = central.platform.new_enrollment_code("merchant", None, scope or None)
    _device_id, token = central.platform.enroll(code, "shop-test")
    device = central.platform.device_for(token)
    assert device is not None
    return device, token


@pytest.fixture
def engine(central: Central, store: Store) -> Iterator[SyncEngine]:
    client = enrolled_client(central, signer=KIOSK_SIGNER)
    yield SyncEngine(store, client, page_size=20, push_batch=10)
    client.close()


def server_snapshot(platform: Platform) -> dict[str, dict[str, dict[str, Any]]]:
    """The platform's current records, normalised by the kiosk's own parsers."""
    snapshot = {}
    for kinds in STREAMS.values():
        for kind in kinds:
            rows = mirror.parse_batch(kind, list(platform.records(kind).values()))
            snapshot[kind] = {row["id"]: row for row in rows}
    for row in snapshot["services"].values():
        row["residents_of"] = sorted(row["residents_of"])
    return snapshot


def mirror_snapshot(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    """The kiosk's mirror in the same form, read straight from its tables."""
    snapshot = {}
    with store.read() as session:
        links: dict[str, list[str]] = {}
        for link in session.scalars(select(ServiceComune)):
            links.setdefault(link.service_id, []).append(link.comune_id)
        for kinds in STREAMS.values():
            for kind in kinds:
                model, _ = mirror.KINDS[kind]
                rows = {}
                for obj in session.scalars(select(model)):
                    row = {c.name: getattr(obj, c.name) for c in model.__table__.columns}
                    if kind == "services":
                        row["residents_of"] = sorted(links.get(row["id"], []))
                    rows[row["id"]] = row
                snapshot[kind] = rows
    return snapshot


def assert_mirror_equals_server(store: Store, platform: Platform) -> None:
    assert _by_protocol(mirror_snapshot(store)) == _by_protocol(server_snapshot(platform))


def _by_protocol(
    snapshot: dict[str, dict[str, dict[str, Any]]],
) -> dict[str, dict[str, dict[str, Any]]]:
    """Application statuses reach each kiosk under its own lookup key
    (central/kiosk_lookup.py): compared by protocol number, not by id."""
    statuses = snapshot.get("application_statuses", {})
    snapshot["application_statuses"] = {
        str(row["protocol"]): {k: v for k, v in row.items() if k != "id"}
        for row in statuses.values()
    }
    return snapshot
