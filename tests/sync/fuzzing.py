# SPDX-License-Identifier: EUPL-1.2
"""The fuzzer's rounds: good pages of the reference platform's records, spoiled by
tests/sync/mutations.py, served over loopback HTTP to a real sync engine on a real
SQLite file; then what must hold is checked. Each round is one seed: a failure names it
and runs again alone, without the screens (``python -m tests.sync.fuzzing SEED [COUNT]``)."""

from __future__ import annotations

import json
import random
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from protocol.wire import ProtocolError
from store import mirror, outbox, set_aside
from store.database import Store
from store.models import OutboxEntry, SyncCursor
from sync.client import PlatformClient, RefusedError, UnreachableError
from sync.engine import STREAMS, SyncEngine
from tests.sync import mutations
from tests.sync.scripted_platform import ScriptedPlatform

ROUND_S = 30  # a round longer than this is a hang
EXPECTED = (ProtocolError, RefusedError, UnreachableError)  # what a client call may raise


@dataclass
class Finding:
    seed: int
    what: str
    problem: str

    def __str__(self) -> str:
        return f"seed {self.seed} ({self.what}): {self.problem}"


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    rounds: int = 0


def good_pages(records: dict[str, dict[str, dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Each stream's changes, as the platform pages them from a first pull."""
    return {
        stream: [mutations.item(kind, r) for kind in kinds for r in records.get(kind, {}).values()]
        for stream, kinds in STREAMS.items()
    }


def _timed(run: Callable[[], Any]) -> tuple[Any, BaseException | None, bool]:
    """``run()`` on a thread: its answer, what it raised, and whether it ended in time."""
    box: dict[str, Any] = {}

    def body() -> None:
        try:
            box["answer"] = run()
        except BaseException as error:  # reported, not hidden
            box["error"] = error

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    thread.join(ROUND_S)
    return box.get("answer"), box.get("error"), not thread.is_alive()


def pull_round(
    seed: int, pages: dict[str, list[dict[str, Any]]], store: Store, platform: ScriptedPlatform
) -> list[Finding]:
    """One stream's first page spoiled; the engine pulls every stream once, from the
    start, into ``store``. Returns what failed."""
    rng = random.Random(seed)
    stream = rng.choice([s for s, items in pages.items() if items])
    items, what = mutations.mutate_items(rng, pages[stream])
    body, page_what = mutations.mutate_page(rng, items, 0)
    what = f"{stream}: {what}; {page_what}"
    bodies = {
        s: mutations.encode(body)
        if s == stream
        else mutations.encode({"items": pages[s], "next_cursor": "100", "has_more": False})
        for s in STREAMS
    }
    platform.reply = lambda path, sent: (
        (200, b'{"results": []}')
        if path == "/v1/submissions"
        else (200, next((b for s, b in bodies.items() if f"/changes/{s}?" in path), b"{}"))
    )
    with store.write() as session:  # from the start: the pages begin at 0
        session.execute(delete(SyncCursor))
    client = PlatformClient(platform.url, token="t")
    engine = SyncEngine(store, client, max_pages=5)
    findings: list[Finding] = []
    try:
        report, error, ended = _timed(engine.run_once)
        if not ended or error is not None:
            problem = "the pass did not end" if not ended else f"raised {error!r}"
            return [Finding(seed, what, problem)]
        for part, problem in report.problems.items():
            if part != stream or not isinstance(problem, EXPECTED):
                findings.append(Finding(seed, what, f"{part}: {type(problem).__name__}: {problem}"))
        findings += [
            Finding(seed, what, p)
            for p in _held(
                store,
                pages,
                stream,
                [c for c in items if isinstance(c, dict)],
                stream in report.problems,
            )
        ]
    finally:
        client.close()
    return findings


def _held(
    store: Store,
    pages: dict[str, list[dict[str, Any]]],
    spoiled: str,
    spoiled_items: list[Any],
    refused_whole: bool,
) -> list[str]:
    """What must hold after a pass: each good stream whole; the spoiled one's records
    each applied or set aside with a reason; one report per set-aside record."""
    problems = []
    with store.read() as session:
        waiting = set_aside.waiting(session)
        aside = {(row.kind, row.record_id) for row in waiting}
        problems += [
            f"set aside without a reason: {row.kind} {row.record_id}"
            for row in waiting
            if not row.reason.strip()
        ]
        held = {kind: set(_ids(session, kind)) for kinds in STREAMS.values() for kind in kinds}
        events = [e.payload for e in session.scalars(select(OutboxEntry))]
    deleted = {(c["kind"], c["id"]) for c in spoiled_items if c.get("op") == "delete"}
    placeless = any(kind == "?" or record_id.startswith("#") for kind, record_id in aside)
    for stream, items in pages.items():
        for change in items:
            key = (change["kind"], change["id"])
            if change["id"] in held[change["kind"]] or key in aside or key in deleted:
                continue
            if stream != spoiled:  # (one pointing at a record set aside waits, aside)
                problems.append(f"good record lost: {key}")
            elif not (placeless or refused_whole):
                problems.append(f"record neither applied nor set aside: {key}")
    reported = {(e["kind"], e["id"]) for e in events if e.get("type") == "record_set_aside"}
    if aside - reported:
        problems.append(f"set aside and not reported: {sorted(aside - reported)}")
    return problems


def _ids(session: Any, kind: str) -> list[str]:
    model, _ = mirror.KINDS[kind]
    return list(session.scalars(select(model.id)))


def push_round(seed: int, folder: Path, platform: ScriptedPlatform) -> list[Finding]:
    """The platform's answer to a batch spoiled: no entry lost, none doubled."""
    rng = random.Random(seed)
    mutation = rng.randrange(len(mutations.RESULT_MUTATIONS))
    what = f"push reply {mutation}"

    def reply(path: str, sent: bytes) -> tuple[int, bytes]:
        if path != "/v1/submissions":
            return 200, b'{"items": [], "next_cursor": "0", "has_more": false}'
        uuids = [e["uuid"] for e in json.loads(sent)["entries"]]
        return 200, mutations.encode(mutations.RESULT_MUTATIONS[mutation](rng, uuids))

    platform.reply = reply
    store = Store(folder / "kiosk.sqlite3")
    with store.write() as session:
        made = {outbox.add(session, "event", {"type": "help_requested", "n": n}) for n in range(5)}
    client = PlatformClient(platform.url, token="t")
    engine = SyncEngine(store, client, push_batch=3)
    findings = []
    try:
        for _ in range(2):
            _answer, error, ended = _timed(engine.push)
            if not ended:
                findings.append(Finding(seed, what, "the push did not end"))
                break
            if error is not None and not isinstance(error, EXPECTED):
                findings.append(Finding(seed, what, f"raised {type(error).__name__}: {error}"))
        with store.read() as session:
            rows = list(session.scalars(select(OutboxEntry)))
        uuids = [row.uuid for row in rows]
        if set(uuids) != made or len(uuids) != len(made):
            findings.append(Finding(seed, what, f"outbox changed: {sorted(uuids)}"))
        for row in rows:
            if row.state == "accepted" and not row.server_id:
                findings.append(Finding(seed, what, f"accepted without a server id: {row.uuid}"))
    finally:
        client.close()
        store.close()
    return findings


def reply_round(seed: int, platform: ScriptedPlatform) -> list[Finding]:
    """Enrolment and heartbeat replies spoiled: refused as the contract says, nothing
    else raised."""
    rng = random.Random(seed)
    good = {
        "/v1/enroll": {"device_id": "k-1", "token": "t" * 43},
        "/v1/device/heartbeat": {"log_requested": False},
    }
    path = rng.choice(list(good))
    body = mutations.odd_reply(rng, good[path])
    platform.reply = lambda asked, sent: (200, mutations.encode(body))
    client = PlatformClient(platform.url, token="t")
    what = f"{path} -> {mutations._short(body)}"
    try:
        call: Callable[[], Any] = (
            (lambda: client.enroll("CODE-1234", "kiosk-1"))
            if path == "/v1/enroll"
            else (lambda: client.heartbeat({"kiosk": "k-1"}))
        )
        _answer, error, ended = _timed(call)
    finally:
        client.close()
    if not ended:
        return [Finding(seed, what, "did not end")]
    if error is not None and not isinstance(error, EXPECTED):
        return [Finding(seed, what, f"raised {type(error).__name__}: {error}")]
    return []


def platform_records() -> dict[str, dict[str, dict[str, Any]]]:
    """The reference platform's demo records, as it pages them."""
    from central.dataset import seed_if_empty
    from central.platform import Platform
    from kiosk.boot.paths import DEMO_DATASET

    with tempfile.TemporaryDirectory() as folder:
        platform = Platform(f"sqlite:///{folder}/central.sqlite3")
        seed_if_empty(platform, DEMO_DATASET)
        records = {k: platform.records(k) for kinds in STREAMS.values() for k in kinds}
        platform.engine.dispose()
    return records


def run(seeds: range) -> Outcome:
    outcome = Outcome()
    pages = good_pages(platform_records())
    platform = ScriptedPlatform()
    try:
        for seed in seeds:
            with tempfile.TemporaryDirectory() as folder:
                store = Store(Path(folder) / "kiosk.sqlite3")
                try:
                    outcome.findings += pull_round(seed, pages, store, platform)
                finally:
                    store.close()
            with tempfile.TemporaryDirectory() as folder:
                outcome.findings += push_round(seed, Path(folder), platform)
            outcome.findings += reply_round(seed, platform)
            outcome.rounds += 1
    finally:
        platform.close()
    return outcome


if __name__ == "__main__":
    first = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    result = run(range(first, first + count))
    for finding in result.findings:
        print(finding)
    print(f"{result.rounds} rounds, {len(result.findings)} findings")
