# SPDX-License-Identifier: EUPL-1.2
"""Helpers the sync tests share: a valid application payload, a change written past
the platform's checks, and the exactly-once checks of the fault runs."""

from __future__ import annotations

import copy
import os
import shutil
import socket
import sqlite3
from collections.abc import Collection
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

import store.outbox
import sync.client
from central.models import Change, Record
from central.platform import Platform
from forms.definition import load_definition
from kiosk.core.applying import tracking_code
from protocol.messages import submission_hash
from protocol.records import STREAM_OF
from store.database import Store
from store.models import FormDefinition, OutboxEntry
from sync.engine import SyncEngine
from sync.worker import SyncWorker
from tests.forms.samples import GOOD

REF = "piazzola-buoni-spesa-2025@2025-11-03.1"


def application(engine: SyncEngine, **changes: Any) -> dict[str, Any]:
    with engine.store.read() as session:
        form = session.get(FormDefinition, REF)
        assert form is not None
        sha = load_definition(form.definition).sha256
    payload = {
        "call": "bs-piazzola",
        "form": REF,
        "form_sha256": sha,
        "tracking_code": tracking_code(),  # a new one each, as the kiosk gives
        "answers": copy.deepcopy(GOOD),
    }
    payload.update(changes)
    return payload


def inject(platform: Platform, kind: str, record_id: str, data: dict[str, Any] | None) -> None:
    """Writes a change straight into the platform's log, past its checks: what an older
    platform, or data from before the checks, would serve."""
    with platform.writing() as session:  # in turn with the platform's own writers
        current = session.get(Record, (kind, record_id))
        if data is None:
            if current is not None:
                session.delete(current)
        else:
            session.merge(Record(kind=kind, id=record_id, data=data))
        session.add(
            Change(
                stream=STREAM_OF[kind],
                kind=kind,
                record_id=record_id,
                op="upsert" if data is not None else "delete",
                data=data,
            )
        )


def inject_stray(
    platform: Platform, stream: str, kind: str, record_id: str, data: dict[str, Any]
) -> None:
    """Writes a copy of a record into another stream's log, the record itself unchanged:
    a platform's mistake, served on a stream its kind is not carried by."""
    with platform.writing() as session:
        session.add(Change(stream=stream, kind=kind, record_id=record_id, op="upsert", data=data))


def outbox_rows(store: Store) -> list[OutboxEntry]:
    with store.read() as session:
        return list(session.scalars(select(OutboxEntry)))


def assert_exactly_once(
    store: Store, platform: Platform, expected: int, lost_by_kiosk: Collection[str] = ()
) -> None:
    """Every record the kiosk holds is on the platform once, under the server id the
    kiosk has; no server id is given twice. ``lost_by_kiosk``: records the platform got
    that a restore of the kiosk's store from an older copy took from the kiosk."""
    kiosk = {row.uuid: row for row in outbox_rows(store)}
    server = platform.submissions()
    assert len(kiosk) == expected
    on_platform = [s.uuid for s in server]
    assert len(on_platform) == len(set(on_platform))  # each UUID once
    assert set(kiosk) <= set(on_platform), f"{len(server)} on the platform for {expected}"
    assert set(on_platform) - set(kiosk) <= set(lost_by_kiosk)
    numbers = [s.server_id for s in server]
    assert len(numbers) == len(set(numbers)), "a server id (protocol number) given twice"
    for submission in server:
        if submission.uuid not in kiosk:
            continue
        row = kiosk[submission.uuid]
        assert (row.state, row.server_id) == ("accepted", submission.server_id)
        if row.sealed is None:
            assert submission.payload == row.payload
        else:  # the kiosk keeps the whole payload only sealed, and its hash
            assert submission_hash(submission.kind, submission.payload) == row.sha256


def converge(store: Store, worker: SyncWorker) -> None:
    for _ in range(50):
        report = worker.run_pass()
        if report is not None and not report.mirror_changed and worker.status.waiting == 0:
            return
    raise AssertionError(f"no convergence: {worker.status}")


def move_kiosk_clock(monkeypatch: pytest.MonkeyPatch, by: timedelta) -> None:
    """The kiosk's clock (its records' times, its measure of the platform's) is ``by``
    off; the platform, in the same process, keeps the true one."""
    real = datetime

    class KioskClock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:  # type: ignore[override]
            return real.now(tz) + by

    monkeypatch.setattr(sync.client, "datetime", KioskClock)
    monkeypatch.setattr(store.outbox, "utcnow", lambda: real.now(UTC) + by)


def pragma_at_commits(store: Store, pragma: str) -> list[int]:
    """The value of ``PRAGMA pragma`` as each write transaction of ``store`` commits, in
    order (filled as they commit)."""
    seen: list[int] = []

    @event.listens_for(store._writer, "commit")
    def committed(connection: Any) -> None:
        seen.append(connection.exec_driver_sql(f"PRAGMA {pragma}").scalar())

    return seen


def rows_in_file_alone(store: Store, folder: Path, table: str) -> int:
    """Rows of ``table`` in the store's database file itself, without its WAL: what
    checkpoints have copied into it. (A copy taken while a checkpoint writes into the
    file may be torn: sqlite3.DatabaseError.)"""
    alone = folder / "file-alone.sqlite3"
    shutil.copyfile(store.path, alone)
    try:
        with closing(sqlite3.connect(alone)) as database:
            count: int = database.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        for leftover in folder.glob("file-alone.sqlite3*"):
            leftover.unlink()
    return count


def store_batches(monkeypatch: pytest.MonkeyPatch, way: str) -> None:
    """How the platform stores a batch of submissions: ``together`` (as it does), or
    ``in_turn`` (applications one by one, as purchases are), or ``one_by_one`` (a batch
    that fails whole, so each entry is stored in its own savepoint)."""
    from central.platform import submissions

    if way == "in_turn":
        kinds = submissions.STATEFUL_KINDS | {"application"}
        monkeypatch.setattr(submissions, "STATEFUL_KINDS", kinds)
    elif way == "one_by_one":

        def broken(*_args: object, **_kwargs: object) -> None:
            raise RuntimeError("a batch that cannot be stored together")

        monkeypatch.setattr(submissions.Submissions, "_store_batch", broken)


def unreachable_url() -> str:
    """An address on loopback where nothing listens (a platform out of reach)."""
    with closing(socket.socket()) as listener:
        listener.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{listener.getsockname()[1]}"


def call_closing(platform: Platform, closes: datetime) -> None:
    """The demo's buoni spesa call, opened long before and closing at ``closes``."""
    call = platform.records("calls")["bs-piazzola"]
    opens = closes - timedelta(days=200)
    platform.publish(
        "calls", {**call, "opens_at": opens.isoformat(), "closes_at": closes.isoformat()}
    )


# What ``social-point central --workers`` hands its processes (central/server.py).
WORKER_VARIABLES = (
    "SOCIAL_POINT_DB",
    "SOCIAL_POINT_TIME_ZONE",
    "SOCIAL_POINT_THREADS",
    "SOCIAL_POINT_MAX_BODY_BYTES",
    "SOCIAL_POINT_COMPACT_EVERY_MIN",
)


def workers_environment(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> dict[str, str]:
    """The environment ``social-point central ARGV --workers`` gives each process (what
    their ``central.asgi`` reads), without starting them; the variables it sets are
    undone after the test."""
    from kiosk.boot.launcher import central_main

    told: dict[str, str] = {}

    def supervisor(*_args: object, **_kwargs: object) -> None:
        told.update({v: os.environ[v] for v in WORKER_VARIABLES if v in os.environ})

    monkeypatch.setattr("uvicorn.run", supervisor)
    for variable in WORKER_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    assert central_main(argv) == 0
    return told


def busy(*args: object, **kwargs: object) -> object:
    """The platform's database kept busy: the platform answers 503 (its own path)."""
    raise OperationalError("SELECT", {}, Exception("database is locked"))
