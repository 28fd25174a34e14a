# SPDX-License-Identifier: EUPL-1.2
"""The retention pass the kiosk runs as it starts never keeps it from starting: a
printed voucher whose row was damaged on the disk made that pass raise at every start,
and the kiosk stayed out of service for good, trying again every minute. A real store,
a real kiosk process."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.boot.backend import open_services, open_store
from printing import print_queue
from store.database import Store
from store.outbox import utcnow
from tests.conftest import make_config
from tests.helpers import raw_rows
from tests.kiosk.probes import run_probe
from tests.printing.samples import receipt
from tests.sync.disk_faults import ReadOnlyDisk

START = """
import sys
from kiosk.cli import main
sys.exit(main(["run", "--config", sys.argv[1], "--platform", "offscreen", "--exit-when-ready"]))
"""


@pytest.mark.slow  # the kiosk, in a process of its own
def test_a_kiosk_with_a_damaged_printed_voucher_starts_and_deletes_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "kiosk.sqlite3")
    with store.write() as session:
        job = print_queue.add(session, receipt(1), "voucher", "ABCD-EFGH-JKMN-PQ")
    store.close()
    an_hour_ago = (utcnow() - timedelta(hours=1)).replace(tzinfo=None).isoformat(sep=" ")
    with closing(sqlite3.connect(tmp_path / "kiosk.sqlite3")) as db:
        db.execute(
            "UPDATE print_jobs SET state = 'printed', updated_at = ?, slip = substr(slip, 1, 200)"
            " WHERE uuid = ?",
            (an_hour_ago, job),
        )
        db.commit()
    started = run_probe(START, tmp_path)
    assert started.returncode == 0, started.stderr
    assert "cannot start printing and sync" not in started.stderr
    assert raw_rows(tmp_path / "kiosk.sqlite3", "SELECT uuid FROM print_jobs") == []


def test_a_retention_pass_that_fails_at_start_is_logged_and_the_services_open(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    opened = open_store(make_config(tmp_path))
    disk = ReadOnlyDisk(opened.store)
    disk.on = True  # the pass cannot write: a fault the next pass may not meet
    with caplog.at_level(logging.WARNING, "kiosk.boot.housekeeping"):
        backend = open_services(opened)
    try:
        assert "retention" in caplog.text
        assert backend.printing.worker is not None
    finally:
        disk.on = False
        backend.close()
