# SPDX-License-Identifier: EUPL-1.2
"""Waiting on the print worker's state, never on the clock: a test that asserts that
something did *not* happen waits until the worker has had its chances to do it."""

from __future__ import annotations

import time
from collections.abc import Callable

from printing.print_worker import PrintWorker


def eventually(condition: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def rounds_later(worker: PrintWorker, rounds: int = 3) -> None:
    """Returns once the worker has looked at its queue ``rounds`` more times: what it
    has not printed by then it left alone on purpose, however slow the machine."""
    start = worker.rounds

    def looked() -> bool:
        worker.wake()  # a round now, not after its idle wait
        return worker.rounds >= start + rounds

    eventually(looked)
