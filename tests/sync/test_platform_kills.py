# SPDX-License-Identifier: EUPL-1.2
"""The reference platform killed (SIGKILL) while kiosks push batches of submissions, then
started again on its database, SQLite or PostgreSQL.

A kiosk sends each batch until it gets an answer; the platform's process is killed at
random moments, mostly while a batch is being stored. After each restart its database
holds each batch whole or not at all, every entry it answered is stored once, and a
batch sent again is answered as the first time (the same protocol number). In the end
every entry is stored exactly once, and no protocol number is given twice.
"""

from __future__ import annotations

import copy
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from central.dataset import seed_if_empty
from central.models import Submission as Stored
from central.platform import Platform
from forms.definition import load_definition
from kiosk.boot.paths import DEMO_DATASET, ROOT
from kiosk.core.applying import tracking_code
from sync.client import PlatformClient, Submission
from tests.forms.samples import GOOD
from tests.helpers import wait_until_serving
from tests.postgresql import free_port
from tests.sync.helpers import REF

ROUNDS = 12
BATCH = 120  # what a kiosk back on the network after a day sends in one request


@contextmanager
def platform_process(database: str, port: int) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "central", "--db", database, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_serving(process, f"http://127.0.0.1:{port}")
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


class Kiosk:
    """Makes records and sends its batches, each until it is answered."""

    def __init__(self, platform: Platform, url: str, token: str) -> None:
        self.client = PlatformClient(url, token=token, read_timeout=20)
        definition = platform.records("forms")[REF]["definition"]
        self.form_sha = load_definition(definition).sha256
        self.price = platform.records("services")["s03"]["price_cents"]
        self.waiting: list[list[Submission]] = []  # batches not answered yet
        self.answered: dict[str, tuple[bool, str | None]] = {}
        self.made: list[str] = []

    def new_batch(self, rng: random.Random) -> None:
        batch = []
        for _ in range(BATCH):
            roll = rng.random()
            if roll < 0.2:
                answers = copy.deepcopy(GOOD)
                answers["indirizzo"] = "Via dell'Università 3, città – €"
                kind, payload = (
                    "application",
                    {"call": "bs-piazzola", "form": REF, "form_sha256": self.form_sha,
                     "tracking_code": tracking_code(), "answers": answers},
                )  # fmt: skip
            elif roll < 0.4:
                order = f"ORD-{uuid.uuid4().hex[:8].upper()}"
                line = {"service": "s03", "quantity": 1, "unit_price_cents": self.price}
                payload = {"order": order, "total_cents": self.price, "payment": "provider",
                           "lines": [line], "phone": "+39 347 000 0000"}  # fmt: skip
                kind = "purchase"
            else:
                kind, payload = "event", {"type": "help_requested", "note": "Zoë – 北京 مرحبا"}
            entry = Submission(str(uuid.uuid4()), kind, "2026-03-02T09:30:00+00:00", payload)
            batch.append(entry)
            self.made.append(entry.uuid)
        self.waiting.append(batch)

    def send_waiting(self, stop: threading.Event) -> None:
        """Sends each waiting batch in turn; stops at the first that gets no answer."""
        while self.waiting and not stop.is_set():
            batch = self.waiting[0]
            try:
                results = self.client.submit(batch)
            except Exception:  # the platform went away mid-request
                return
            for result in results:
                first = self.answered.setdefault(result.uuid, (result.accepted, result.server_id))
                assert first == (result.accepted, result.server_id), "answered otherwise"
            self.waiting.pop(0)


def stored(platform: Platform, device_id: str) -> list[Stored]:
    with platform.database.sessions() as session:
        query = select(Stored).where(Stored.device_id == device_id).order_by(Stored.id)
        return list(session.scalars(query))


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_platform_killed_mid_batch_keeps_each_batch_whole_and_each_entry_once(
    platform_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(7)
    platform = Platform(platform_database)
    seed_if_empty(platform, DEMO_DATASET)
    code = platform.new_enrollment_code()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    kills = {"while a batch was sent": 0, "between batches": 0}
    outcomes = {"stored, its answer lost": 0, "not stored": 0}  # of the batch being sent
    with platform_process(platform_database, port):
        device_id, token = PlatformClient(url).enroll(code, "kiosk-killed")
    kiosk = Kiosk(platform, url, token)
    for _ in range(ROUNDS):
        for _ in range(rng.randint(1, 3)):
            kiosk.new_batch(rng)
        with platform_process(platform_database, port) as process:
            stop = threading.Event()
            sender = threading.Thread(target=kiosk.send_waiting, args=(stop,))
            sender.start()
            time.sleep(rng.uniform(0.05, 2.5))  # a batch takes about 0.8 s
            sending = bool(kiosk.waiting)
            process.send_signal(signal.SIGKILL)
            process.wait()
            stop.set()
            sender.join(30)
            kills["while a batch was sent" if sending else "between batches"] += 1
        # What the killed platform left: batches whole or absent, answers kept once.
        rows = stored(platform, device_id)
        uuids = [row.uuid for row in rows]
        assert len(uuids) == len(set(uuids)), "an entry stored twice"
        held = set(uuids)
        assert set(kiosk.answered) <= held, "an answered entry was lost"
        for number, batch in enumerate(kiosk.waiting):
            found = {entry.uuid for entry in batch} & held
            assert found in (set(), {entry.uuid for entry in batch}), "half a batch stored"
            if number == 0 and sending:
                outcomes["stored, its answer lost" if found else "not stored"] += 1
    with platform_process(platform_database, port):
        kiosk.send_waiting(threading.Event())
    assert not kiosk.waiting
    rows = stored(platform, device_id)
    assert sorted(row.uuid for row in rows) == sorted(kiosk.made)  # each exactly once
    numbers = [row.server_id for row in rows if row.server_id]
    assert len(numbers) == len(set(numbers)), "a protocol number given twice"
    assert {row.uuid: (row.status == "accepted", row.server_id) for row in rows} == {
        u: kiosk.answered[u] for u in kiosk.made
    }
    kiosk.client.close()
    platform.engine.dispose()
    with capsys.disabled():
        print(
            f"\nplatform SIGKILL on {platform.engine.dialect.name}: {sum(kills.values())} kills"
            f" ({kills}; the batch being sent: {outcomes}); {len(kiosk.made)} entries in"
            f" batches of {BATCH}, each stored once, no batch in half"
        )
