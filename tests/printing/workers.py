# SPDX-License-Identifier: EUPL-1.2
"""A print worker running for the length of a block, quick to retry and to look again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from printing.escpos_render import PROFILES, PaperProfile
from printing.print_worker import Connection, PrintWorker
from store.database import Store


@contextmanager
def working(
    store: Store, connection: Connection, profile: PaperProfile = PROFILES["58mm"]
) -> Iterator[PrintWorker]:
    worker = PrintWorker(
        store,
        connection,
        profile,
        expire_after=timedelta(minutes=10),
        retry_s=0.05,
        idle_s=0.05,
    )
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
