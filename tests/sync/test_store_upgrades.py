# SPDX-License-Identifier: EUPL-1.2
"""A kiosk updated in the field, from every schema it may have been left at.

For each older revision a store is built by Alembic on a fresh file (as that kiosk's
own start built it: WAL, foreign keys on) and filled with what a kiosk in use holds at
that revision: records not yet sent, one being sent when the power went, records the
platform already has, print jobs waiting (and a reprint of a printed slip), records set
aside, cursors, the mirror in several alphabets. Today's code then opens it as the
kiosk does: nothing a citizen submitted is lost or changed, each record waiting reaches
the reference platform exactly once and nothing it already has is sent again, each
waiting slip prints once on a printer on 127.0.0.1, and the operator commands work.

And a store written by a newer kiosk (an operator installs an older version): the kiosk
says so in one line and leaves the store as it was.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy import select

from forms.definition import load_definition
from kiosk.boot.paths import ROOT
from kiosk.core.applying import tracking_code
from printing import print_queue
from printing.connection import NetworkConnection
from printing.layout import PROFILES
from printing.print_worker import PrintWorker
from printing.slip import NOT_FISCAL, Pair, Slip, Text, header, to_json
from protocol.messages import submission_hash
from store import outbox
from store.database import MIGRATIONS, NewerStoreError, Store, _make_engine, recorded_revision
from store.models import OutboxEntry, PrintJob
from sync.client import PlatformClient, Submission
from sync.engine import SyncEngine
from sync.worker import SyncWorker
from tests.conftest import sqlite_platform_url
from tests.forms.samples import GOOD
from tests.operations.conftest import cli
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.samples import CONTEXT
from tests.printing.waits import eventually
from tests.sync.conftest import Central
from tests.sync.helpers import REF, converge


def _scripts() -> ScriptDirectory:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


OLDER = [script.revision for script in reversed(list(_scripts().walk_revisions()))][:-1]
WHEN = "2026-03-02 09:30:00.000000"  # how the store writes an instant (naive UTC)
WORDS = {
    "it": "Pasti a domicilio – città, perché è più caldo",
    "en": "Meals at home",
    "ar": "وجبات في المنزل",
    "zh": "送餐上门",
    "uk": "Доставка їжі",
}


def migrated_to(path: Path, revision: str) -> None:
    """A store at ``revision``, as the kiosk of that time made it on its first start."""
    engine = _make_engine(path, "BEGIN IMMEDIATE")
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def slip(number: int) -> dict[str, Any]:
    return to_json(
        Slip(
            "Ricevuta",
            (
                *header(CONTEXT, "RICEVUTA"),
                Pair("Codice", f"PR-{number:04d}"),
                Text("Pasti a domicilio – città"),
                Pair("Totale", "€ 32,50"),
                Text(NOT_FISCAL),
            ),
        )
    )


def application_payload(central: Central, note: str) -> dict[str, Any]:
    definition = central.platform.records("forms")[REF]["definition"]
    answers = copy.deepcopy(GOOD)
    answers["indirizzo"] = f"Via dell'Università 3, {note}"
    return {
        "call": "bs-piazzola",
        "form": REF,
        "form_sha256": load_definition(definition).sha256,
        "tracking_code": tracking_code(),
        "answers": answers,
    }


def purchase_payload(central: Central, order: str) -> dict[str, Any]:
    service = central.platform.records("services")["s03"]
    price = service["price_cents"]
    return {
        "order": order,
        "total_cents": price,
        "payment": "provider",
        "lines": [{"service": "s03", "quantity": 1, "unit_price_cents": price}],
        "phone": "+39 347 000 0000",
    }


def outbox_entries(central: Central) -> list[dict[str, Any]]:
    """What a kiosk in use holds in its outbox: (state, kind, payload) before the ids."""
    note = "Zoë Nguyễn – città €, 北京, مرحبا"
    return [
        {"state": "pending", "kind": "event", "payload": {"type": "help_requested", "note": note}},
        {"state": "pending", "kind": "application", "payload": application_payload(central, note)},
        {"state": "pending", "kind": "purchase", "payload": purchase_payload(central, "ORD-A1")},
        # the power went while it was being sent: the platform never got it
        {"state": "sending", "kind": "event", "payload": {"type": "paper_out", "kind": "receipt"}},
        {"state": "sending", "kind": "purchase", "payload": purchase_payload(central, "ORD-B2")},
        # the platform has these, and answered
        {"state": "accepted", "kind": "event", "payload": {"type": "help_requested", "n": 1}},
        {"state": "accepted", "kind": "application", "payload": application_payload(central, "x")},
        {
            "state": "rejected",
            "kind": "purchase",
            "payload": {**purchase_payload(central, "ORD-C3"), "total_cents": 1},
        },
    ]


def rows_for(
    entries: list[dict[str, Any]], sent: dict[str, tuple[Any, ...]]
) -> dict[str, list[dict[str, Any]]]:
    """Rows for every table any revision has, with every column any revision has: each
    store gets the tables and columns its revision has."""
    outbox = []
    for number, entry in enumerate(entries, start=1):
        _accepted, server_id, code, message = sent.get(entry["uuid"], (None, None, None, None))
        outbox.append(
            {
                "id": number,
                "uuid": entry["uuid"],
                "kind": entry["kind"],
                "payload": json.dumps(entry["payload"]),
                "state": entry["state"],
                "created_at": WHEN,
                "updated_at": WHEN,
                "attempts": 1 if entry["state"] != "pending" else 0,
                "server_id": server_id,
                "reject_code": code,
                "reject_message": message,
            }
        )
    services_title = json.dumps(WORDS)
    return {
        "comuni": [
            {
                "id": "zz-campo",
                "name": "Campo San Martino",
                "catastale": "B524",
                "province": "PD",
                "cap": "35010",
            }
        ],
        "categories": [{"id": "zz-cat", "label": services_title, "icon": "home", "position": 99}],
        "providers": [
            {
                "id": "zz-prov",
                "kind": "cooperative",
                "name": "Cooperativa Sociale «L'Àncora»",
                "phone": "049 123 4567",
                "email": "info@ancora.example",
                "address": "Via Roma 1, Campo San Martino",
                "website": "https://ancora.example",
            }
        ],
        "services": [
            {
                "id": "zz-serv",
                "provider_id": "zz-prov",
                "category_id": "zz-cat",
                "title": services_title,
                "description": services_title,
                "price_cents": 650,
                "unit": "pasto",
                "booking": "phone",
                "open_to_all": 1,
                "keywords": json.dumps(["pasti", "anziani", "città"]),
            }
        ],
        "service_comuni": [{"service_id": "zz-serv", "comune_id": "zz-campo"}],
        "calls": [
            {
                "id": "zz-call",
                "comune_id": "zz-campo",
                "kind": "voucher",
                "title": services_title,
                "description": services_title,
                "opens_at": WHEN,
                "closes_at": "2027-03-02 09:30:00.000000",
                "budget_cents": 1_000_000,
                "form_ref": None,
                "eligibility": json.dumps({"it": "Residenti – età ≥ 65"}),
                "documents": json.dumps([]),
            }
        ],
        "outbox": outbox,
        "sync_cursors": [
            {"stream": "catalog", "cursor": "0", "updated_at": WHEN},
            {"stream": "submissions", "cursor": "0", "updated_at": WHEN},
        ],
        "operators": [
            {
                "id": "zz-op",
                "name": "Maria Lünd",
                "organization": "Comune di Campo San Martino",
                "role": "manager",
                "pin_hash": "scrypt$not-a-real-hash",
                "comuni": json.dumps(["zz-campo"]),
            }
        ],
        "print_jobs": [
            # printed, then a copy asked for by a manager, still waiting
            {"id": 1, "uuid": str(uuid.uuid4()), "reference": "PR-0001", "state": "printed"},
            {
                "id": 2,
                "uuid": str(uuid.uuid4()),
                "reference": "PR-0001",
                "state": "pending",
                "copy_no": 1,
                "original_id": 1,
            },
            {"id": 3, "uuid": str(uuid.uuid4()), "reference": "PR-0003", "state": "pending"},
            # the power went mid-slip
            {"id": 4, "uuid": str(uuid.uuid4()), "reference": "PR-0004", "state": "sending"},
        ],
        "application_statuses": [
            {
                "id": "zz-status",
                "state": "received",
                "protocol": "PR-2026-000001",
                "call_id": "zz-call",
                "updated_at": WHEN,
            }
        ],
        "operator_lockouts": [
            {"operator_id": "zz-op", "failures": 2, "locked_until": None, "updated_at": WHEN}
        ],
        "set_aside_records": [
            {
                "kind": "services",
                "record_id": "zz-bad",
                "stream": "catalog",
                "op": "upsert",
                "data": json.dumps({"id": "zz-bad", "title": {"it": "Servizio «rotto» – è"}}),
                "reason": "provider zz-missing is not known",
                "first_seen": WHEN,
                "last_seen": WHEN,
            }
        ],
        "kiosk_facts": [{"name": "last_sync", "value": "2026-03-02T09:30:00+00:00"}],
        "print_history": [
            {
                "kind": "receipt",
                "copy_no": 0,
                "state": "printed",
                "reference_sha256": hashlib.sha256(b"PR-0000").hexdigest(),
                "created_at": WHEN,
            }
        ],
    }


def _job_defaults(row: dict[str, Any]) -> dict[str, Any]:
    number = int(row["reference"].removeprefix("PR-"))
    return {
        "kind": "receipt",
        "copy_no": 0,
        "original_id": None,
        "slip": json.dumps(slip(number)),
        "attempts": 1 if row["state"] != "pending" else 0,
        "bytes_sent": 900 if row["state"] == "printed" else 0,
        "created_at": WHEN,
        "updated_at": WHEN,
        "printed_at": WHEN if row["state"] == "printed" else None,
        **row,
    }


def _filler(declared: str) -> Any:
    declared = declared.upper()
    if "INT" in declared or "BOOL" in declared:
        return 0
    if "DATETIME" in declared or "TIMESTAMP" in declared:
        return WHEN
    if "JSON" in declared:
        return "{}"
    return "x"


def fill(path: Path, rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Writes each row into its table if the store has it, with the columns it has (a
    NOT NULL column the row does not name gets a plain value); returns what was written."""
    written: dict[str, list[dict[str, Any]]] = {}
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA foreign_keys = ON")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table, table_rows in rows.items():
            if table not in tables:
                continue
            columns = {c[1]: c for c in db.execute(f"PRAGMA table_info({table})")}
            for row in table_rows:
                if table == "print_jobs":
                    row = _job_defaults(row)
                kept = {k: v for k, v in row.items() if k in columns}
                for name, (_, _, declared, notnull, default, pk) in columns.items():
                    if name not in kept and notnull and default is None and not pk:
                        kept[name] = _filler(declared)
                names = ", ".join(kept)
                marks = ", ".join("?" for _ in kept)
                db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(kept.values()))
                written.setdefault(table, []).append(kept)
        db.commit()
    return written


def table_rows(path: Path, table: str) -> list[dict[str, Any]]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        db.row_factory = sqlite3.Row
        return [dict(row) for row in db.execute(f"SELECT * FROM {table}")]


# What the migrations are meant to drop: the mirror is the platform's, pulled again.
DROPPED_ON_PURPOSE = {
    "0018": {"vouchers", "credits"},  # wallets came sealed; the cursor starts over
    "0020": {"application_statuses"},  # re-keyed; pulled again
}


class OldKiosk(NamedTuple):
    path: Path  # its store
    client: PlatformClient  # enrolled
    written: dict[str, list[dict[str, Any]]]  # the rows of each table it has
    entries: list[dict[str, Any]]  # its outbox: uuid, state, kind, payload


@pytest.fixture
def platform_database(tmp_path: Path) -> str:
    """The platform only answers here: SQLite is enough (tests/sync runs it on both)."""
    return sqlite_platform_url(tmp_path)


@pytest.fixture
def kiosk_at(tmp_path: Path, central: Central) -> Iterator[Any]:
    """Builds the store of a kiosk at a revision, enrolled with ``central``, whose records
    marked accepted (and refused) the platform really holds."""
    clients: list[PlatformClient] = []

    def build(revision: str) -> OldKiosk:
        path = tmp_path / "data" / "kiosk.sqlite3"
        path.parent.mkdir(parents=True)
        migrated_to(path, revision)
        client = PlatformClient(central.url)
        clients.append(client)
        _device, token = client.enroll(central.platform.new_enrollment_code(), "kiosk-old")
        client.set_token(token)
        entries = outbox_entries(central)
        for entry in entries:
            entry["uuid"] = str(uuid.uuid4())
        answered = client.submit(
            [
                Submission(e["uuid"], e["kind"], "2026-03-02T09:30:00+00:00", e["payload"])
                for e in entries
                if e["state"] in ("accepted", "rejected")
            ]
        )
        sent = {r.uuid: (r.accepted, r.server_id, r.code, r.message) for r in answered}
        for entry in entries:
            if entry["uuid"] in sent:
                assert sent[entry["uuid"]][0] == (entry["state"] == "accepted"), sent
        return OldKiosk(path, client, fill(path, rows_for(entries, sent)), entries)

    yield build
    for client in clients:
        client.close()


@pytest.mark.slow
@pytest.mark.parametrize("revision", OLDER)
def test_a_store_from_an_older_kiosk_keeps_every_record_and_sends_each_once(
    revision: str, kiosk_at: Any, central: Central, tmp_path: Path
) -> None:
    kiosk = kiosk_at(revision)
    path, client, written = kiosk.path, kiosk.client, kiosk.written
    before = {table: table_rows(path, table) for table in written}
    store = Store(path)  # as the kiosk opens it: migrated to today's schema
    try:
        assert recorded_revision(path) == _scripts().get_current_head()
        for table, old_rows in before.items():
            if table in DROPPED_ON_PURPOSE.get(revision, set()) or any(
                table in dropped
                for later, dropped in DROPPED_ON_PURPOSE.items()
                if later > revision
            ):
                continue
            now = table_rows(path, table)
            assert len(now) == len(old_rows), table
            for old, new in zip(old_rows, now, strict=True):
                assert {k: new[k] for k in old} == old, table  # every old column as it was

        # The records waiting reach the platform once each; what it has is not sent again.
        engine = SyncEngine(store, client, page_size=50, push_batch=3)
        worker = SyncWorker(store, lambda: engine)
        converge(store, worker)
        entries = {e["uuid"]: e for e in kiosk.entries}
        submissions = central.platform.submissions()
        on_platform = [s.uuid for s in submissions]
        assert len(on_platform) == len(set(on_platform))  # none twice
        assert set(entries) <= set(on_platform)  # none lost
        made_since = [s.payload for s in submissions if s.uuid not in entries]
        # the kiosk's own report of the record it set aside, tried again on this pass
        assert all(p["type"] == "record_set_aside" for p in made_since), made_since
        for submission in submissions:
            if submission.uuid in entries and submission.status == "accepted":
                assert submission.payload == entries[submission.uuid]["payload"]
        with store.read() as session:
            kept = {row.uuid: row for row in session.scalars(select(OutboxEntry))}
        assert set(entries) <= set(kept)
        for entry_uuid, was in entries.items():
            row = kept[entry_uuid]
            assert row.kind == was["kind"]
            assert row.state == ("rejected" if was["state"] == "rejected" else "accepted") or (
                row.state == "rejected" and was["kind"] == "purchase"
            ), (row.state, was)
            assert row.sha256 in (None, submission_hash(row.kind, was["payload"]))

        if "print_jobs" not in written:
            return
        # Each slip waiting prints once; the one cut off by the power is not printed again.
        printer = FakePrinter()
        worker_p = PrintWorker(
            store,
            NetworkConnection(printer.host, printer.port, timeout=2, status_timeout=1.0),
            PROFILES["80mm"],
            expire_after=timedelta(days=10_000),
            retry_s=0.05,
            idle_s=0.05,
        )
        worker_p.start()
        try:
            eventually(lambda: len(printer.jobs) == 2)
        finally:
            worker_p.stop()
            printer.close()
        with store.read() as session:
            jobs = {job.id: job for job in session.scalars(select(PrintJob))}
        assert {n: jobs[n].state for n in (1, 2, 3, 4)} == {
            1: "printed",
            2: "printed",
            3: "printed",
            4: "uncertain",
        }
        printed = sorted("\n".join(decode(job).texts) for job in printer.jobs)
        assert "PR-0001" in printed[0] and "DUPLICATO" in printed[0]
        assert "PR-0003" in printed[1]
        with store.read() as session:
            assert print_queue.get(session, jobs[2].uuid) is not None
    finally:
        store.close()

    config = kiosk_config(tmp_path, path)
    if "print_jobs" in written:
        listed = cli("print-jobs", "--config", str(config))
        assert listed.returncode == 0 and "uncertain" in listed.stdout, listed.stderr
    checked = cli("doctor", "--config", str(config))
    assert "is sound" in checked.stdout, checked.stdout
    started = cli("run", "--config", str(config), "--platform", "offscreen", "--exit-when-ready")
    assert started.returncode == 0, started.stderr
    assert started.stdout.splitlines()[-1] == "catalog ready"


def kiosk_config(folder: Path, store: Path) -> Path:
    config = folder / "kiosk.toml"
    config.write_text(
        f'[social_point]\ncomune = "zz-campo"\n[paths]\ndata_dir = "{store.parent}"\n'
        f'log_dir = "{folder / "log"}"\ncache_dir = "{folder / "cache"}"\n',
        encoding="utf-8",
    )
    return config


def test_a_store_from_a_newer_kiosk_is_named_and_left_as_it_is(tmp_path: Path) -> None:
    """An operator puts an older version back: it cannot read what the newer one wrote.
    Every command, and the kiosk's start, says so in one line; nothing is changed."""
    path = tmp_path / "data" / "kiosk.sqlite3"
    store = Store(path)
    with store.write() as session:
        waiting = outbox.add(session, "event", {"type": "help_requested", "note": "città"})
    store.close()
    with closing(sqlite3.connect(path)) as db:  # what a newer kiosk's migration did
        db.execute("ALTER TABLE outbox ADD COLUMN channel_of_the_future TEXT")
        db.execute("UPDATE alembic_version SET version_num = '9001'")
        db.commit()
    before = path.read_bytes()
    config = kiosk_config(tmp_path, path)
    words = "written by a newer version of the kiosk (schema 9001, this one knows up to"
    with pytest.raises(NewerStoreError, match=re.escape(words)):
        Store(path)
    for command_line in (
        ("sync", "--once"),
        ("print-jobs",),
        ("run", "--platform", "offscreen", "--exit-when-ready"),
    ):
        done = cli(*command_line, "--config", str(config))
        assert done.returncode == 2, done
        [line] = [x for x in done.stderr.splitlines() if x.startswith("social-point:")]
        assert words in line and "Traceback" not in done.stderr
    checked = cli("doctor", "--config", str(config))
    assert checked.returncode == 1
    assert f"[XX] store: {path} was written by a newer version" in checked.stdout
    assert path.read_bytes() == before  # not migrated, not touched
    assert recorded_revision(path) == "9001"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        assert db.execute("SELECT uuid FROM outbox").fetchall() == [(waiting,)]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_kiosk_killed_while_it_migrates_its_store_loses_nothing(
    kiosk_at: Any, tmp_path: Path
) -> None:
    """The first start after an update migrates the store; the power goes (SIGKILL) at
    any moment of it, again and again. Each time the store is at its old schema or the
    new one, never between, and holds every record; the next start finishes the job."""
    path = kiosk_at("0011").path
    before = {table: table_rows(path, table) for table in ("outbox", "print_jobs")}
    head = _scripts().get_current_head()
    rng = random.Random(3)
    seen: Counter[str | None] = Counter()
    pristine = tmp_path / "pristine.sqlite3"
    shutil.copy(path, pristine)
    for _ in range(16):
        if recorded_revision(path) == head:  # migrated before the kill: from the top again
            for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)  # not a stale WAL over the old copy
            shutil.copy(pristine, path)
        opening = subprocess.Popen(
            [sys.executable, "-c", f"from pathlib import Path; from store.database import Store;"
             f" print('importing', flush=True); Store(Path({str(path)!r}))"],
            cwd=ROOT, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert opening.stdout is not None and opening.stdout.readline().strip() == "importing"
        time.sleep(rng.uniform(0.05, 0.6))  # Alembic's import, then the migrations
        opening.send_signal(signal.SIGKILL)
        opening.wait()
        revision = recorded_revision(path)
        seen[revision] += 1
        assert revision in ("0011", head)
        for table, rows in before.items():
            now = table_rows(path, table)
            assert [{k: row[k] for k in old} for row, old in zip(now, rows, strict=True)] == rows
    assert seen["0011"] and seen[head], seen  # kills before and after the commit
    Store(path).close()
    assert recorded_revision(path) == head
    for table, rows in before.items():
        now = table_rows(path, table)
        assert [{k: row[k] for k in old} for row, old in zip(now, rows, strict=True)] == rows
