# SPDX-License-Identifier: EUPL-1.2
"""The sync in a process of its own, so that the screen never waits for it.

A pull validates and stores thousands of records in Python; on a thread of the kiosk's
own process that work holds Python's lock (the GIL) in slices the UI thread waits
behind: 70-100 ms frozen screens with the other core busy (measured at 10,000
services). Here a child process owns the sync worker and writes the store (SQLite in
WAL mode: the kiosk's readers never wait for it), and tells the kiosk what happened
over a pipe: the sync status, "the catalog changed", and its log records. The kiosk
sends it "sync now", "the network is back", the printer's state (for the heartbeat)
and "stop".

After the catalog changed, the screens' recent questions are answered again here too
(``CatalogReader.answers``), before the kiosk refreshes the screen: on the kiosk's relay
thread those queries and the search vocabulary held Python's lock for 0.3 s of
processor time at 1,000 services, far longer at 100,000, where the screen froze up to
85 ms at a time behind them with the other core busy. The kiosk sends
"warm" with its questions and keeps the answers that come back. As it starts, the child
also reads the search vocabulary of the mirror as it is, so that a kiosk started on a
full mirror does not read it at its first search (0.2-0.4 s at 100,000 services).

``SyncProcess`` answers as ``sync.worker.SyncWorker`` does (``start``, ``stop``,
``wake``, ``connectivity_returned``, ``status``, ``last_success``), so the screens do
not know where the sync runs. A child that dies is started again after a pause.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

from kiosk.boot.config import Config
from store import search_query
from store.catalog import CatalogReader, Warmed
from store.database import Store
from sync import heap
from sync.worker import SyncStatus, stored_last_success

log = logging.getLogger(__name__)
RESTART_AFTER_S = 10.0  # a child that died is started again after this pause
STOP_WAIT_S = 30.0  # a pass under way may finish its page before the child exits
# The child yields the processor to the screen: with the other core busy, a full sync of
# 100,000 services (the child, the platform and the screen all wanting a core) froze the
# screen up to 136 ms in 1 run of 6 while the operating system shared the processor out
# evenly. A niceness of 10 gives the child about a tenth of the screen's share when both
# want it, and all of an idle processor.
SYNC_NICENESS = 10


class SyncProcess:
    """The kiosk's side of the sync child: starts it, relays its news, commands it."""

    def __init__(
        self,
        config: Config,
        *,
        store: Store | None = None,
        on_status: Callable[[SyncStatus], None] = lambda status: None,
        on_mirror_changed: Callable[[], None] = lambda: None,
        printer_state: Callable[[], str] = lambda: "no_printer",
        catalog: CatalogReader | None = None,
    ) -> None:
        """``on_status`` and ``on_mirror_changed`` are called on the relay thread; with a
        ``catalog``, the latter once its recent questions have been answered again in
        the sync process."""
        self.config = config
        self._on_status, self._on_mirror_changed = on_status, on_mirror_changed
        self._catalog = catalog
        self._asked: dict[tuple[Any, ...], int] = {}  # the questions sent to be warmed
        self._printer_state = printer_state
        # Kept in the store: after a restart the dashboard still knows when it last worked.
        self.last_success: datetime | None = stored_last_success(store) if store else None
        self.status = SyncStatus(None, 0, 0, self.last_success, None)
        self.failures = 0
        self._lock = threading.Lock()  # sends to the child come from several threads
        self._stopping = threading.Event()
        self._connection: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._relay: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        """The sync process's id while the kiosk is connected to it. Read from what the
        relay knows, not by asking the system: that would wait on the child from a second
        thread (see ``stop``)."""
        with self._lock:
            process, connected = self._process, self._connection is not None
        return process.pid if process is not None and connected else None

    def start(self) -> None:
        self._relay = threading.Thread(target=self._run, name="kiosk-sync-relay", daemon=True)
        self._relay.start()

    def _spawn(self) -> Connection:
        # spawn, not fork: a forked copy of a process running Qt threads is not safe.
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=child_main, args=(self.config, theirs), name="kiosk-sync", daemon=True
        )
        process.start()
        theirs.close()
        with self._lock:
            self._process, self._connection = process, ours
        self.send("printer", self._printer_state())
        return ours

    def _run(self) -> None:
        """The relay thread: keeps a child running and hands its news to the kiosk."""
        while not self._stopping.is_set():
            connection = self._spawn()
            if self._stopping.is_set():  # ``stop`` came while it started: tell it too
                self.send("stop")
            try:
                while True:
                    message = connection.recv()
                    try:
                        self._handle(message)
                    except Exception:  # a receiver's bug must not stop the relay
                        log.exception("the sync's news could not be handled")
            except (EOFError, OSError):
                pass  # the child ended: asked to, or it died
            with self._lock:
                process, self._connection = self._process, None
            connection.close()
            if process is not None:
                process.join(5)
            if self._stopping.is_set():
                return
            code = process.exitcode if process is not None else None
            log.error("the sync process ended (status %s); starting it again", code)
            self._publish_failure(f"sync process ended ({code})")
            self._stopping.wait(RESTART_AFTER_S)

    def _handle(self, message: tuple[str, Any]) -> None:
        kind, value = message
        if kind == "status":
            self.status = value
            self.last_success = value.last_success
            self.failures = 0 if value.problem is None else self.failures + 1
            self._on_status(value)
        elif kind == "mirror_changed":
            if self._catalog is None:
                self._on_mirror_changed()
            else:  # the child answers the screens' questions; "warmed" follows
                self._asked = self._catalog.recent_questions()
                self.send("warm", list(self._asked))
        elif kind == "warmed":
            if self._catalog is not None and value is not None:
                self._catalog.keep_warm(self._asked, value)
            self._on_mirror_changed()
        elif kind == "vocabulary":
            if value is not None:
                search_query.VOCABULARIES.put(*value)
        elif kind == "log":
            logger = logging.getLogger(value.name)
            if logger.isEnabledFor(value.levelno):
                logger.handle(value)

    def _publish_failure(self, detail: str) -> None:
        self.failures += 1
        self.status = replace(self.status, online=None, problem="error", detail=detail)
        self._on_status(self.status)

    def send(self, command: str, value: object = None) -> None:
        with self._lock:
            if self._connection is None:
                return  # between two children: the next one syncs at once anyway
            with contextlib.suppress(OSError):  # the child just ended; the relay starts another
                self._connection.send((command, value))

    def wake(self) -> None:
        self.send("wake")

    def connectivity_returned(self) -> None:
        self.send("connectivity_returned")

    def printer_changed(self, state: str) -> None:
        """The printer's state, for the heartbeat the child sends the platform."""
        self.send("printer", state)

    def stop(self, timeout: float = STOP_WAIT_S) -> None:
        """Asks the child to end and waits for the relay, which reaps it: only the relay
        waits on the child. (Both did once: the one that lost the race for the child's
        exit status found it still "alive", logged that it had not stopped and sent a
        signal to its process id, which by then may have been another process's.)"""
        self._stopping.set()
        self.send("stop")
        relay = self._relay
        if relay is None:
            return
        relay.join(timeout)
        if relay.is_alive():  # the child has not closed its end: it is still running
            with self._lock:
                process = self._process
            log.warning("the sync process did not stop in %.0f s; ending it", timeout)
            if process is not None:
                process.terminate()  # its end of the pipe closes, and the relay reaps it
            relay.join(5)


class _PipeQueue:
    """What ``QueueHandler`` puts records into: the pipe to the kiosk."""

    def __init__(self, send: Callable[[str, object], None]) -> None:
        self._send = send

    def put_nowait(self, record: logging.LogRecord) -> None:
        self._send("log", record)


def child_main(config: Config, connection: Connection) -> None:
    """The sync process: the worker of ``make_sync`` on its own store connection, and the
    kiosk's commands read until "stop" or until the kiosk is gone."""
    with contextlib.suppress(OSError):  # before any thread starts: threads inherit it
        os.nice(SYNC_NICENESS)
    lock = threading.Lock()

    def send(kind: str, value: object = None) -> None:
        # A kiosk that is gone makes the command loop end this process.
        with lock, contextlib.suppress(OSError):
            connection.send((kind, value))

    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(_PipeQueue(send))]  # type: ignore[arg-type]
    root.setLevel(config.log_level)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

    from kiosk.boot.syncing import make_sync
    from kiosk.core.applying import receipts_after_push

    printer = ["no_printer"]
    store = Store(config.paths.database)
    setup = make_sync(
        config,
        store,
        on_status=lambda status: send("status", status),
        on_mirror_changed=lambda: send("mirror_changed"),
        after_push=receipts_after_push,
        printer_state=lambda: printer[0],
    )
    if setup is None:
        store.close()
        return
    # This process's start-up objects live as long as it does: frozen for good, and the
    # collector left to run on what the passes make. Unsettled, each pull froze and
    # thawed them (sync.heap), which reset the collector's counts and moved every pass's
    # survivors to the oldest generation, which nothing collected: the process grew by
    # about 50 KB a pass, idle or not (60-80 MB a day at one pass a minute).
    heap.settle()
    setup.worker.start()
    send("vocabulary", _vocabulary(store))
    try:
        while True:
            try:
                command, value = connection.recv()
            except (EOFError, OSError):
                break  # the kiosk ended without a word: so does its sync
            if command == "stop":
                break
            if command == "wake":
                setup.worker.wake()
            elif command == "connectivity_returned":
                setup.worker.connectivity_returned()
            elif command == "printer":
                printer[0] = str(value)
            elif command == "warm":
                send("warmed", _answers(CatalogReader(store), value))
    finally:
        setup.stop()
        store.close()
        connection.close()


def _vocabulary(store: Store) -> tuple[str, int, search_query.Vocabulary] | None:
    """The search vocabulary of the store as it is at start, read here so that the
    kiosk's first search does not read it on the UI thread (0.2-0.4 s at 100,000
    services, every word of the search index and its stems in seven languages)."""
    try:
        with store.read() as session:
            return search_query.VOCABULARIES.entry(session.connection())
    except Exception:  # the kiosk reads it itself at its first search
        log.exception("the search vocabulary could not be read")
        return None


def _answers(catalog: CatalogReader, questions: list[tuple[Any, ...]]) -> Warmed | None:
    """The kiosk's questions answered on the changed mirror (None: it reads them itself)."""
    try:
        return catalog.answers(questions)
    except Exception:  # the kiosk must still refresh its screen
        log.exception("the catalog's answers could not be computed again")
        return None
