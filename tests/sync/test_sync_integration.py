# SPDX-License-Identifier: EUPL-1.2
"""The sync engine against the real reference platform over loopback HTTP."""

from __future__ import annotations

import json
import socket
import stat
import threading
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from central.models import KioskHealth
from kiosk.boot.config import parse_config
from kiosk.boot.syncing import make_sync
from store import outbox
from store.backup import Owner, recorded_owner
from store.database import Store
from store.models import OutboxEntry
from sync.client import PlatformClient, RefusedError, UnreachableError
from sync.device import load
from sync.engine import SyncEngine
from sync.worker import SyncStatus, SyncWorker, backoff_delay
from tests.records import service_record
from tests.sync.conftest import ADMIN, Central, assert_mirror_equals_server, enrolled_client
from tests.sync.helpers import unreachable_url


def wait_for(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def queue(store: Store, count: int, kind: str = "event") -> list[str]:
    with store.write() as session:
        return [outbox.add(session, kind, {"n": index}) for index in range(count)]


def states(store: Store) -> dict[str, str]:
    with store.read() as session:
        return {row.uuid: row.state for row in session.query(OutboxEntry)}


def test_first_pull_mirrors_the_platform_in_pages(engine: SyncEngine, central: Central) -> None:
    report = engine.run_once()
    assert report.pulled["catalog"] == 5 + 7 + 8 + 36
    assert report.pulled["calls"] == 1 + 5  # the buoni spesa form, then the 5 calls
    assert_mirror_equals_server(engine.store, central.platform)
    assert engine.run_once().mirror_changed is False  # nothing new: nothing applied
    assert engine.cursor("catalog") != "0"


def test_published_changes_and_tombstones_reach_the_mirror(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()
    admin = {"Authorization": f"Bearer {ADMIN}"}
    changed = service_record("s16", "Pasto caldo a domicilio – nuovo prezzo", price_cents=990)
    reply = requests.put(
        f"{central.url}/v1/admin/records/services/s16", json=changed, headers=admin, timeout=5
    )
    assert reply.status_code == 200, reply.text
    reply = requests.delete(
        f"{central.url}/v1/admin/records/services/s33", headers=admin, timeout=5
    )
    assert reply.status_code == 200
    report = engine.run_once()
    assert report.pulled["catalog"] == 2
    assert_mirror_equals_server(engine.store, central.platform)


def test_admin_publishing_refuses_bad_records(central: Central) -> None:
    admin = {"Authorization": f"Bearer {ADMIN}"}
    bad = service_record("s90", "Orfano", provider="nobody")
    reply = requests.put(
        f"{central.url}/v1/admin/records/services/s90", json=bad, headers=admin, timeout=5
    )
    assert reply.status_code == 422
    assert "unknown providers 'nobody'" in reply.json()["detail"]
    assert (
        requests.put(
            f"{central.url}/v1/admin/records/services/s90", json=bad, timeout=5
        ).status_code
        == 401
    )


def test_push_is_answered_per_entry_and_never_duplicated(
    engine: SyncEngine, central: Central
) -> None:
    good = queue(engine.store, 25)
    with engine.store.write() as session:
        bad = outbox.add(session, "no-such-kind", {"x": 1})
    accepted, rejected = engine.push()
    assert (accepted, rejected) == (25, 1)
    assert set(states(engine.store).values()) == {"accepted", "rejected"}
    with engine.store.read() as session:
        kept = session.query(OutboxEntry).filter_by(uuid=bad).one()
        assert (kept.state, kept.reject_code) == ("rejected", "unknown_kind")
        # What was sent is never repeated back; what is allowed is named.
        message = kept.reject_message or ""
        assert "no-such-kind" not in message and message.startswith("unknown kind (one of ")
        assert "application" in message and "purchase" in message
    # Forget the answers, as if they were lost: the same UUIDs go again, nothing doubles.
    with engine.store.write() as session:
        session.query(OutboxEntry).update({"state": "sending"})
    assert engine.push() == (25, 1)
    on_server = [s.uuid for s in central.platform.submissions()]
    assert sorted(on_server) == sorted([*good, bad])


def test_an_unknown_token_stops_pushing_and_loses_nothing(central: Central, store: Store) -> None:
    client = PlatformClient(central.url, token="forged")
    uuids = queue(store, 3)
    with pytest.raises(RefusedError, match="401"):
        SyncEngine(store, client).push()
    assert set(states(store)) == set(uuids)
    assert set(states(store).values()) == {"sending"}  # kept, sent again next time
    assert central.platform.submissions() == []


def test_unreachable_platform_times_out(store: Store) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts connections, never answers
    client = PlatformClient(
        f"http://127.0.0.1:{silent.getsockname()[1]}", token="t", read_timeout=0.3
    )
    with pytest.raises(UnreachableError):
        client.changes("catalog", "0", 10)
    closed_port = silent.getsockname()[1]
    silent.close()
    with pytest.raises(UnreachableError):
        PlatformClient(f"http://127.0.0.1:{closed_port}", token="t").changes("catalog", "0", 10)


def test_enrollment_code_is_one_time_and_the_token_file_is_private(
    central: Central, tmp_path: Path, store: Store
) -> None:
    code = central.platform.new_enrollment_code()
    config = parse_config(
        f'[kiosk]\nid = "kiosk-7"\n[paths]\ndata_dir = "{tmp_path}"\n'
        f'[sync]\nplatform_url = "{central.url}"\nenrollment_code = "{code}"\n'
    )
    setup = make_sync(config, store)
    assert setup is not None
    assert setup.worker.run_pass() is not None
    setup.stop()
    identity = load(config.device_file)
    assert identity is not None and "token=<hidden>" in repr(identity)
    # The store records whose it is: a restore refuses another kiosk's backup.
    assert recorded_owner(store.path) == Owner("kiosk-7", identity.device_id)
    assert stat.S_IMODE(config.device_file.stat().st_mode) == 0o600
    with pytest.raises(RefusedError, match="403"):
        PlatformClient(central.url).enroll(code, "kiosk-8")


def test_worker_backs_off_with_jitter_and_wakes_on_demand(store: Store) -> None:
    assert backoff_delay(1, base=2, cap=300, rng=lambda: 1.0) == 4
    assert backoff_delay(10, base=2, cap=300, rng=lambda: 1.0) == 300
    assert backoff_delay(50, base=2, cap=300, rng=lambda: 0.5) == 150
    assert backoff_delay(3, base=2, cap=300, rng=lambda: 0.0) == 0
    passes = threading.Semaphore(0)

    def connect() -> SyncEngine:
        passes.release()
        raise UnreachableError("down")

    seen: list[SyncStatus] = []
    worker = SyncWorker(
        store,
        connect,
        interval=3600,
        backoff_base=3600,
        backoff_cap=10**6,
        rng=lambda: 1.0,
        on_status=seen.append,
    )
    worker.start()
    assert passes.acquire(timeout=5)
    wait_for(lambda: len(seen) == 1)
    assert seen[0].online is False and seen[0].problem == "offline"
    assert worker.next_delay() == 3600 * 2
    worker.wake()  # a new record: offline, the platform may be back (a try at once)
    assert passes.acquire(timeout=5)
    wait_for(lambda: worker.failures == 2)
    worker.connectivity_returned()  # the system says the network is back
    assert passes.acquire(timeout=5)
    wait_for(lambda: len(seen) == 3)
    assert worker.next_delay() == 3600 * 2  # one failure since: the backoff started over
    worker.stop()


def test_a_kiosk_that_syncs_seldom_still_beats_between_its_passes(
    central: Central, tmp_path: Path, store: Store
) -> None:
    """A kiosk set to sync once a day beat once a day too, though it says it beats
    every few minutes: the fleet page took it for late, then silent. It now beats while
    it waits for its next pass (every heartbeat_interval_s; here a tenth of a second)."""
    code = central.platform.new_enrollment_code()
    config = parse_config(
        f'[kiosk]\nid = "kiosk-seldom"\n[paths]\ndata_dir = "{tmp_path}"\n'
        f'[sync]\nplatform_url = "{central.url}"\nenrollment_code = "{code}"\n'
        "interval_s = 86400\nheartbeat_interval_s = 60\n"
    )
    setup = make_sync(config, store)
    assert setup is not None and setup.heartbeat is not None
    worker = setup.worker
    assert isinstance(worker, SyncWorker) and worker.between_every_s == 60
    worker.between_every_s = setup.heartbeat.every_s = 0.1
    passes: list[object] = []
    run_pass = worker.run_pass
    worker.run_pass = lambda: passes.append(run_pass()) or passes[-1]  # type: ignore[method-assign]
    beats: set[object] = set()

    def beaten_three_times() -> bool:
        with central.platform.sessions.begin() as session:
            beats.update(session.scalars(select(KioskHealth.received_at)))
        return len(beats) >= 3

    worker.start()
    try:
        wait_for(beaten_three_times, timeout=15)
    finally:
        setup.stop()
    assert len(passes) == 1 and passes[0] is not None


def test_tls_is_verified_against_the_configured_ca(tmp_path: Path) -> None:
    trustme = pytest.importorskip("trustme")
    from central.app import create_app
    from central.platform import Platform
    from central.server import EmbeddedServer

    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    key, chain, ca_file = tmp_path / "key.pem", tmp_path / "chain.pem", tmp_path / "ca.pem"
    certificate.private_key_pem.write_to_path(str(key))
    certificate.cert_chain_pems[0].write_to_path(str(chain))
    authority.cert_pem.write_to_path(str(ca_file))
    platform = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    server = EmbeddedServer(
        create_app(platform), ssl_certfile=str(chain), ssl_keyfile=str(key)
    ).start()
    url = server.url.replace("http://", "https://")
    try:
        trusted = PlatformClient(url, ca_bundle=str(ca_file))
        device_id, _token = trusted.enroll(platform.new_enrollment_code(), "kiosk-tls")
        assert device_id
        trusted.close()
        with pytest.raises(RefusedError, match="TLS certificate not trusted"):
            PlatformClient(url).enroll(platform.new_enrollment_code(), "kiosk-tls")
        # https:// to a platform that serves plain http: said so, not as OpenSSL's codes.
        plain = EmbeddedServer(create_app(platform)).start()
        try:
            with pytest.raises(RefusedError) as refused:
                PlatformClient(plain.url.replace("http://", "https://")).enroll(
                    platform.new_enrollment_code(), "kiosk-tls"
                )
        finally:
            plain.stop()
        said = str(refused.value)
        assert "does not speak TLS on that port" in said and "(0)" not in said
        assert "VERSION" not in said and "Pool" not in said
    finally:
        server.stop()


def test_the_openapi_document_describes_the_sync_api(central: Central) -> None:
    document = requests.get(f"{central.url}/openapi.json", timeout=5).json()
    for path in ("/v1/enroll", "/v1/changes/{stream}", "/v1/submissions"):
        assert path in document["paths"]
    assert "SubmissionResult" in document["components"]["schemas"]


def test_a_submission_body_is_read_only_for_a_kiosk_and_each_entry_answered(
    central: Central,
) -> None:
    url = f"{central.url}/v1/submissions"
    not_json = b'{"entries": [{"uuid": "secret-' + b"x" * 40 + b'"'
    assert requests.post(url, data=not_json, timeout=5).status_code == 401  # who, first
    kiosk = {"Authorization": f"Bearer {enrolled_client(central)._token}"}
    unreadable = requests.post(
        url, data=not_json, headers=kiosk | {"Content-Type": "application/json"}, timeout=5
    )
    assert unreadable.status_code == 422 and "secret" not in unreadable.text
    assert unreadable.json()["detail"][0]["loc"][0] == "body"
    no_batch = requests.post(url, json={"entries": []}, headers=kiosk, timeout=5)
    assert no_batch.status_code == 422 and no_batch.json()["detail"][0]["loc"] == [
        "body",
        "entries",
    ]
    good = {
        "uuid": "7d0c6c4e-3f5e-4e47-9c1e-2d1f0a1b2c3d",
        "kind": "event",
        "created_at": "2026-11-24T10:00:00Z",
        "payload": {"n": 1},
    }
    bad = dict(good, uuid="7d0c6c4e-3f5e-4e47-9c1e-2d1f0a1b2c3e")
    # A lone surrogate, which the platform's JSON reading of the whole batch refuses:
    # the batch is read entry by entry, and only that entry is refused.
    broken = json.dumps(bad).replace('"event"', '"ev\\ud800"')
    body = '{"entries": [' + json.dumps(good) + ", " + broken + "]}"
    as_json = kiosk | {"Content-Type": "application/json"}
    reply = requests.post(url, data=body.encode(), headers=as_json, timeout=5)
    answers = {answer["uuid"]: answer for answer in reply.json()["results"]}
    assert answers[good["uuid"]]["status"] == "accepted"
    assert (answers[bad["uuid"]]["status"], answers[bad["uuid"]]["code"]) == (
        "rejected",
        "invalid_entry",
    )
    for content_type in (None, "text/plain", "application/x-www-form-urlencoded"):
        sent = kiosk | ({"Content-Type": content_type} if content_type else {})
        other = dict(good, uuid="7d0c6c4e-3f5e-4e47-9c1e-2d1f0a1b2c40")
        text = json.dumps({"entries": [other]}).encode()
        refused = requests.post(url, data=text, headers=sent, timeout=5)
        assert refused.status_code == 422, content_type  # a batch comes as JSON
    assert other["uuid"] not in {s.uuid for s in central.platform.submissions()}
    document = requests.get(f"{central.url}/openapi.json", timeout=5).json()
    operation = document["paths"]["/v1/submissions"]["post"]
    body_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert "entries" in body_schema["properties"] and "422" in operation["responses"]


def test_client_enrolls_through_the_helper(central: Central) -> None:
    client = enrolled_client(central)
    assert client.changes("calls", "0", 100).items


def test_a_uuid_twice_in_one_batch_is_stored_once(central: Central) -> None:
    client = enrolled_client(central)
    entry = {
        "uuid": "0b7c6c4e-3f5e-4e47-9c1e-2d1f0a1b2c3d",
        "kind": "event",
        "created_at": "2026-11-24T10:00:00Z",
        "payload": {},
    }
    reply = requests.post(
        f"{central.url}/v1/submissions",
        json={"entries": [entry, entry]},
        headers={"Authorization": f"Bearer {client._token}"},
        timeout=5,
    )
    first, second = reply.json()["results"]
    assert first == second and first["status"] == "accepted"
    assert len(central.platform.submissions()) == 1


def test_the_same_entries_sent_at_the_same_moment_are_stored_once(central: Central) -> None:
    """A kiosk that gave up waiting sends a batch again while the first request is still
    being stored: every request gets the same answers, and each entry is stored once."""
    token = enrolled_client(central)._token
    entries = [
        {
            "uuid": f"6f1c2a3b-0000-4000-8000-{number:012d}",
            "kind": "event",
            "created_at": "2026-11-24T10:00:00Z",
            "payload": {"n": number},
        }
        for number in range(30)
    ]
    senders = 8
    start = threading.Barrier(senders)
    answers: list[object] = [None] * senders

    def send(index: int) -> None:
        batch = entries[index % 3 :] + entries[: index % 3]  # overlapping, in other orders
        with requests.Session() as session:
            start.wait()
            reply = session.post(
                f"{central.url}/v1/submissions",
                json={"entries": batch},
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
        answers[index] = (reply.status_code, sorted(map(str, reply.json()["results"])))

    threads = [threading.Thread(target=send, args=(index,)) for index in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(answer == answers[0] for answer in answers), answers
    status, results = answers[0]  # type: ignore[misc]
    assert status == 200 and len(results) == len(entries)
    stored = central.platform.submissions()
    assert sorted(s.uuid for s in stored) == sorted(e["uuid"] for e in entries)


def test_a_change_that_commits_after_a_later_one_is_not_skipped(
    central: Central, engine: SyncEngine, store: Store
) -> None:
    """Two publishers at once: the first takes its place in the change stream, the second
    commits before it. A kiosk pulling in between must not move its cursor past the
    first change, or it would never see it."""
    platform = central.platform
    engine.pull_stream("catalog")
    late = threading.Thread(
        target=platform.publish, args=("services", service_record("late2", "Secondo"))
    )
    with platform.writing() as session:  # a publisher slow to commit
        platform.catalog.publish_in(session, "services", service_record("late1", "Primo"))
        session.flush()  # its change has its place in the stream now
        late.start()
        late.join(timeout=1.0)  # the second publisher: done, or waiting for the first
        engine.pull_stream("catalog")  # a kiosk pulls meanwhile
    late.join()
    engine.run_once()
    assert_mirror_equals_server(store, platform)


@pytest.mark.parametrize(
    ("text", "count"),
    [("x" * 60_000, 30), ("è" * 30_000, 12)],
    ids=["large records", "accented records, measured as sent"],
)
def test_large_records_go_in_batches_the_platform_accepts(
    central: Central, store: Store, text: str, count: int
) -> None:
    """A hundred to a batch, thirty records of 60 KB made one body of 1.8 MB, over the
    platform's limit (413) on every pass, and nothing behind them was ever sent. A
    batch carries at most outbox.BATCH_BYTES, measured as it goes on the wire: a record
    in clear goes with JSON's ASCII escapes, an "è" 6 bytes there (2 in UTF-8, where
    eight accented records of 60 KB made a 1.4 MB body)."""
    client = enrolled_client(central)
    engine = SyncEngine(store, client, page_size=50, push_batch=100)
    with store.write() as session:
        made = [
            outbox.add(session, "event", {"type": "note", "n": n, "text": text})
            for n in range(count)
        ]
    assert engine.push() == (count, 0)
    assert set(made) <= {s.uuid for s in central.platform.submissions()}
    client.close()


def test_the_sync_thread_lives_on_whatever_a_pass_meets(store: Store) -> None:
    """What follows a pass (the status to the screen, a changed mirror) ran outside its
    guard: an error there ended the worker's thread, and the kiosk never synced again,
    unseen. It is logged and the next pass comes."""
    statuses: list[SyncStatus] = []

    def on_status(status: SyncStatus) -> None:
        statuses.append(status)
        if len(statuses) == 1:
            raise RuntimeError("the screen could not take the news")

    unreachable = unreachable_url()
    worker = SyncWorker(
        store,
        lambda: SyncEngine(store, PlatformClient(unreachable, token="t", connect_timeout=0.5)),
        interval=0.05,
        backoff_base=0.01,
        backoff_cap=0.05,
        on_status=on_status,
    )
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while len(statuses) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(statuses) >= 3 and worker._thread.is_alive()
    finally:
        worker.stop()
