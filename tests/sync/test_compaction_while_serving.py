# SPDX-License-Identifier: EUPL-1.2
"""A serving platform compacts its change log by itself, however it is served (the app
made by ``social-point central``, the deployed unit's ``central.asgi`` factory, the
processes of ``--workers``), and several processes compacting one database at once
neither fail nor remove more than the superseded changes. Real platform over loopback
HTTP (SQLite, PostgreSQL)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from central.app import create_app
from central.compaction import (
    COMPACT_EVERY_VARIABLE,
    DEFAULT_COMPACT_EVERY_MIN,
    Compactor,
    compact_every_from_environment,
    compact_in_turn,
)
from central.dataset import seed_if_empty
from central.platform import Platform
from central.server import EmbeddedServer
from kiosk.boot.paths import DEMO_DATASET
from store.database import Store
from sync.client import PlatformClient
from sync.engine import STREAMS, SyncEngine
from tests.sync.conftest import Central, assert_mirror_equals_server, enrolled_client
from tests.sync.helpers import workers_environment

TIMES = 30  # republications of three services: 90 superseded changes


def republish(platform: Platform, times: int = TIMES) -> None:
    services = platform.records("services")
    for n in range(times):
        for service_id in ("s01", "s02", "s03"):
            platform.publish("services", {**services[service_id], "price_cents": 1000 + 10 * n})


def current_records(platform: Platform) -> int:
    return sum(len(platform.records(kind)) for kind in STREAMS["catalog"])


def first_pull(client: PlatformClient) -> int:
    """How many changes a new kiosk's first pull of the catalog carries."""
    since, total = "0", 0
    while True:
        page = client.changes("catalog", since, 500)
        total += len(page.items)
        since = page.next_cursor
        if not page.has_more:
            return total


def wait_for(condition: Callable[[], bool], within: float = 20.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def seeded(platform_database: str) -> Iterator[Platform]:
    platform = Platform(platform_database)
    seed_if_empty(platform, DEMO_DATASET)
    yield platform
    platform.engine.dispose()


def serve(app: FastAPI, platform: Platform) -> Central:
    return Central(platform, EmbeddedServer(app).start())


def test_a_serving_platform_compacts_its_change_log_by_itself(
    seeded: Platform, tmp_path: Path
) -> None:
    """Nobody calls compact(): a new kiosk's first pull becomes a snapshot again, and a
    kiosk whose cursor was in the middle of the folded history still ends in step."""
    central = serve(create_app(seeded, compact_every_s=0.3), seeded)
    try:
        current = current_records(seeded)
        store = Store(tmp_path / "kiosk.sqlite3")
        engine = SyncEngine(store, enrolled_client(central), page_size=50)
        assert engine.run_once().problems == {}
        republish(seeded)
        newcomer = enrolled_client(central)
        assert wait_for(lambda: first_pull(newcomer) == current), first_pull(newcomer)
        assert engine.run_once().problems == {}
        assert_mirror_equals_server(store, seeded)
        newcomer.close()
        engine.client.close()
        store.close()
    finally:
        central.server.stop()


def test_the_deployed_unit_s_app_compacts_by_itself(
    seeded: Platform, platform_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``uvicorn central.asgi:app_from_environment --factory`` (the unit, and each
    process of ``--workers``) takes its interval from the environment, in minutes."""
    from central.asgi import app_from_environment

    monkeypatch.setenv("SOCIAL_POINT_DB", platform_database)
    monkeypatch.setenv(COMPACT_EVERY_VARIABLE, "3")
    app = app_from_environment()
    compactor = app.state.compactor
    assert isinstance(compactor, Compactor) and compactor.every_s == 180
    compactor.every_s = 0.3  # the same app, without waiting minutes for it
    central = serve(app, compactor.platform)
    try:
        current = current_records(seeded)
        republish(seeded)  # published by another process on the same database
        client = enrolled_client(central)
        assert wait_for(lambda: first_pull(client) == current), first_pull(client)
        client.close()
    finally:
        central.server.stop()
        compactor.platform.engine.dispose()


def test_the_interval_is_configured_and_zero_turns_it_off(
    platform_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert compact_every_from_environment({}) == DEFAULT_COMPACT_EVERY_MIN
    assert compact_every_from_environment({COMPACT_EVERY_VARIABLE: " 60 "}) == 60
    for wrong in ("-1", "often", "1.5", "99999999"):
        with pytest.raises(ValueError, match=COMPACT_EVERY_VARIABLE):
            compact_every_from_environment({COMPACT_EVERY_VARIABLE: wrong})
    from central.asgi import app_from_environment

    monkeypatch.setenv("SOCIAL_POINT_DB", platform_database)
    monkeypatch.setenv(COMPACT_EVERY_VARIABLE, "0")
    assert app_from_environment().state.compactor is None
    monkeypatch.setenv(COMPACT_EVERY_VARIABLE, "soon")
    with pytest.raises(SystemExit, match=COMPACT_EVERY_VARIABLE):
        app_from_environment()


def test_social_point_central_compacts_while_serving_and_its_workers_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.boot.launcher import central_main

    monkeypatch.delenv("SOCIAL_POINT_ADMIN_TOKEN", raising=False)
    database = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    served: list[FastAPI] = []
    monkeypatch.setattr("central.server.serve_forever", lambda app, *_a, **_k: served.append(app))
    assert central_main(["--db", database, "--compact-every", "2"]) == 0
    assert served[0].state.compactor.every_s == 120
    assert central_main(["--db", database]) == 0
    assert served[1].state.compactor.every_s == DEFAULT_COMPACT_EVERY_MIN * 60
    assert central_main(["--db", database, "--compact-every", "0"]) == 0
    assert served[2].state.compactor is None

    argv = ["--db", database, "--workers", "2", "--compact-every", "7"]
    told = workers_environment(monkeypatch, argv)
    assert told[COMPACT_EVERY_VARIABLE] == "7"  # what each worker's central.asgi reads


@pytest.mark.parametrize("given", ["-1", "soon", "10081"])
def test_social_point_central_refuses_a_wrong_interval(
    given: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.boot.launcher import central_main

    database = tmp_path / "central.sqlite3"
    assert central_main(["--db", f"sqlite:///{database}", "--compact-every", given]) == 2
    err = capsys.readouterr().err
    assert err == (
        "social-point central: --compact-every must be a whole number of minutes from 0 "
        "(never) to 10080\n"
    )
    assert not database.exists()  # refused before the database was made


def test_processes_compacting_one_database_at_once_fold_each_change_once(
    platform_database: str,
) -> None:
    """Two platforms (two processes of --workers) compact together while a third
    publishes: none fails (SQLite's one writer, PostgreSQL's writers' lock), and what
    they remove together is what one compaction would."""
    first, second = Platform(platform_database), Platform(platform_database)
    seed_if_empty(first, DEMO_DATASET)
    try:
        current = current_records(first)
        republish(first)
        removed: list[int] = []
        failures: list[BaseException] = []
        start = threading.Barrier(3)

        def compacting(platform: Platform) -> None:
            try:
                start.wait()
                for _ in range(3):
                    removed.append(compact_in_turn(platform))
            except BaseException as error:
                failures.append(error)

        workers = [threading.Thread(target=compacting, args=(p,)) for p in (first, second)]
        for worker in workers:
            worker.start()
        start.wait()
        republish(second, 5)  # a writer in between: nothing it publishes is folded twice
        for worker in workers:
            worker.join(60)
        assert failures == []
        assert first.compact() + sum(removed) == 3 * (TIMES + 5)
        assert sum(len(first.records(k)) for k in STREAMS["catalog"]) == current
        assert len(json.loads(first.changes("catalog", 0, 10_000))["items"]) == current
    finally:
        first.engine.dispose()
        second.engine.dispose()
