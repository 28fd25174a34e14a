# SPDX-License-Identifier: EUPL-1.2
"""A kiosk process whose disk fills up while citizens buy and slips are queued: the
process may write no file past ``RLIMIT_FSIZE`` (a full disk, without a small file
system to fill), then the disk is freed and it goes on. Prints what it stored (JSON).

Usage: python -m tests.operations.full_disk_child STORE SERVICE_ID
"""

from __future__ import annotations

import json
import os
import resource
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core.purchasing import Cart, Checkout, cart_line, place_order
from printing import print_queue
from printing.slip import SlipContext
from store.database import STORAGE_ERRORS, Store, storage_problem
from tests.printing.samples import receipt
from vouchers.codes import Signer


def main() -> None:
    path, service = Path(sys.argv[1]), sys.argv[2]
    store = Store(path)
    signer = Signer(Ed25519PrivateKey.generate())
    context = SlipContext("Social Point Limena", "Limena – città", "kiosk-lim", datetime.now())
    checkout = Checkout("provider", None, phone="+39 347 000 0000")
    # No file may grow past what is on disk now, and a little: the next pages fail.
    largest = max(os.path.getsize(p) for p in (path, Path(f"{path}-wal")) if p.exists())
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 20_000, resource.RLIM_INFINITY))
    stored: dict[str, Any] = {"orders": [], "slips": [], "refused": []}
    for number in range(400):
        try:
            with store.write() as session:
                if number % 2:
                    slip = print_queue.add(session, receipt(number), "receipt", f"PR-{number:04d}")
                else:
                    cart = Cart()
                    cart.add(cart_line(session, service, 2))
                    now = datetime.now(UTC)
                    placed = place_order(session, cart, checkout, context, signer, now)
            if number % 2:
                stored["slips"].append(slip)
            else:
                jobs = [placed.receipt_job, *placed.voucher_jobs]
                stored["orders"].append([placed.outbox_uuid, jobs])
        except STORAGE_ERRORS as error:
            stored["refused"].append(storage_problem(error))
            if len(stored["refused"]) == 4:
                break
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    with store.write() as session:  # space again: the same process goes on
        stored["after"] = print_queue.add(session, receipt(999), "receipt", "PR-0999")
    store.close()
    print(json.dumps(stored))


if __name__ == "__main__":
    main()
