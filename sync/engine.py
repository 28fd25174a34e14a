# SPDX-License-Identifier: EUPL-1.2
"""One sync pass: push the outbox, then pull every change stream into the mirror.

Each pulled page is applied together with its cursor in one transaction, so a crash
re-fetches at most one page and applying it twice changes nothing. Each pushed batch is
marked "sending" before it leaves and answered per entry after; a lost answer means the
same UUIDs go again, and the platform answers them as it did the first time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from protocol.records import RecordError
from protocol.wire import Item, Page, ProtocolError, Result, Unreadable
from store import kiosk_facts, mirror, outbox, set_aside
from store.checkpointer import Checkpointer
from store.database import STORAGE_ERRORS, Store
from store.models import SetAsideRecord, SyncCursor
from store.set_aside import Poison
from sync import heap, turns
from sync.client import PlatformClient, RefusedError, Submission, UnreachableError

log = logging.getLogger(__name__)

STREAMS: dict[str, tuple[str, ...]] = {
    "catalog": ("comuni", "categories", "providers", "services"),
    "calls": ("forms", "calls"),
    "operators": ("operators",),
    "statuses": ("application_statuses",),
    "wallet": ("wallets",),
}

# Each stream's kinds that belong to another stream.
OTHER_KINDS: dict[str, frozenset[str]] = {
    stream: frozenset(kind for kinds in STREAMS.values() for kind in kinds) - frozenset(own)
    for stream, own in STREAMS.items()
}

SNAPSHOT_AGAIN = 3  # snapshots begun again in one pass when the platform is restored again
RETRY_CHUNK = 100  # set-aside records tried again in one write transaction


class Upserts(NamedTuple):
    """Records of one kind that passed the kiosk's checks, ready to write."""

    prepared: mirror.Prepared
    records: list[dict[str, Any]]  # as received: to set aside one by one if need be


class Tombstones(NamedTuple):
    kind: str
    ids: list[str]


Step = Upserts | Tombstones | Poison


class PreparedPage(NamedTuple):
    """A fetched page, validated: its changes in order, bad ones already set apart."""

    steps: list[Step]
    count: int  # type: ignore[assignment]  # a field, not tuple.count
    next_cursor: str
    epoch: str | None = None  # the platform's, stored with the cursor


@dataclass
class SyncReport:
    pulled: dict[str, int] = field(default_factory=dict)
    accepted: int = 0
    rejected: int = 0
    # What went wrong, per part of the pass ("push", or a stream): each part fails on
    # its own and the others go on.
    problems: dict[str, Exception] = field(default_factory=dict)

    @property
    def mirror_changed(self) -> bool:
        return any(self.pulled.values())


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: PlatformClient,
        *,
        page_size: int = 500,
        push_batch: int = 100,
        max_pages: int = 10_000,
        after_push: Callable[[Session, list[Result]], object] | None = None,
    ) -> None:
        """``after_push`` runs in the transaction that records the platform's answers,
        for what must change with them (a held receipt gets its protocol number)."""
        self.after_push = after_push
        self.store = store
        self.client = client
        self.page_size = page_size
        self.push_batch = push_batch
        self.max_pages = max_pages
        # Records this engine applied or set aside, and that count when each stream's
        # set-aside records were last tried (``_retry_set_aside``).
        self._mirror_changes = 0
        self._retried_at: dict[str, int] = {}

    def run_once(self) -> SyncReport:
        """One pass (``_run_once``); then the clock as the platform's replies showed it.
        Only a reply of this pass counts: a measure kept again by a pass that found
        nobody would be taken as made now, and hide a jump of the clock since."""
        if hasattr(self.client, "clock_skew_s"):
            self.client.clock_skew_s = None
        try:
            return self._run_once()
        finally:
            self.note_clock()

    def _run_once(self) -> SyncReport:
        """Citizens' records go out first; then the mirror catches up, stream by stream.

        A part that fails is kept in ``report.problems`` and the others go on: a refused
        push or one stream's bad page never holds back the rest. Only a platform that
        does not answer at all ends the pass early (every request would wait for
        nothing)."""
        report = SyncReport()
        try:
            report.accepted, report.rejected = self.push()
        except (UnreachableError, *STORAGE_ERRORS):
            raise  # no platform, or no disk: the rest would fail the same way
        except Exception as error:
            log.warning("push: %s", error)
            report.problems["push"] = error
        for stream in STREAMS:
            try:
                report.pulled[stream] = self.pull_stream(stream)
            except STORAGE_ERRORS:
                raise
            except Exception as error:
                log.warning("stream %s: %s", stream, error)
                report.problems[stream] = error
                if isinstance(error, UnreachableError) and error.status is None:
                    break  # no answer at all: the other streams would wait for nothing
        if not report.problems:
            # What was made meanwhile (a citizen's record, a set-aside report) goes too.
            with self.store.read() as session:
                waiting = outbox.counts(session)["pending"]
            try:
                accepted, rejected = self.push() if waiting else (0, 0)
            except Exception as error:  # the pulls stand: report them
                report.problems["push"] = error
            else:
                report.accepted += accepted
                report.rejected += rejected
        return report

    def note_clock(self) -> int | None:
        """Measures the kiosk's clock against the platform's (its Date header) and keeps
        it: the records made meanwhile carry it, the dashboard and heartbeat show it."""
        skew: int | None = getattr(self.client, "clock_skew_s", None)
        if skew is not None:
            try:
                with self.store.write() as session:
                    kiosk_facts.set_clock_skew(session, skew, outbox.utcnow())
            except STORAGE_ERRORS as error:  # the pass reports the disk itself
                log.warning("clock skew not kept: %s", error)
        return skew

    # Pull -------------------------------------------------------------------------------

    def cursor(self, stream: str) -> str:
        return self._cursor(stream)[0]

    def _cursor(self, stream: str) -> tuple[str, str | None]:
        """The stream's cursor and the platform epoch it was read in."""
        with self.store.read() as session:
            row = session.get(SyncCursor, stream)
            return (row.cursor, row.epoch) if row else ("0", None)

    @staticmethod
    def _starts_over(page: Page, since: str, epoch: str | None) -> bool:
        """The platform was restored from an older copy: its epoch is not the cursor's
        (or a snapshot of it was left half-way), or the cursor is beyond its newest
        change. Its sequence numbers then mean other changes: the kiosk's cursor
        would skip them."""
        if page.epoch is not None and epoch is not None and page.epoch != epoch:
            return True
        return page.head is not None and int(since) > page.head

    def pull_stream(self, stream: str) -> int:
        """Pulls pages until the stream is caught up; the next page is fetched and
        validated while the current one is written (reading ahead never moves the stored
        cursor). Then the stream's records set aside earlier are tried again.

        A page is validated before its write transaction begins, so the store's write
        lock (wanted by a citizen's purchase or application) is held only for SQL. The
        next page is validated on the fetching thread while SQLite writes this one, which
        it does without Python's lock: the two overlap instead of taking turns (a first
        pull of 10,000 services spent as long validating as writing). Meanwhile the
        lock changes hands every millisecond (``sync.turns``)."""
        applied = 0
        since, epoch = self._cursor(stream)
        page = self.client.changes(stream, since, self.page_size)
        if self._starts_over(page, since, epoch):
            log.warning("stream %s: the platform's epoch changed; taking a snapshot", stream)
            self.reconcile_outbox(page.epoch)
            return self._snapshot(stream, page.epoch)
        started_in, restored_to = page.epoch, None
        with (
            heap.frozen_meanwhile(),
            turns.quick_turns(),
            Checkpointer(self.store) as checkpoints,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-prefetch") as ahead,
        ):
            prepared = self._prepare(stream, page)
            for _ in range(self.max_pages):
                upcoming: Future[tuple[Page, PreparedPage]] | None = None
                if page.has_more:
                    upcoming = ahead.submit(self._fetch_prepared, stream, page.next_cursor)
                try:
                    applied += self._apply(stream, prepared, checkpoints=checkpoints)
                except Exception:
                    if upcoming is not None:
                        upcoming.cancel()
                    raise
                if upcoming is None:
                    break
                written = prepared
                page, prepared = upcoming.result()
                if not (_writes_names(written) or _writes_names(prepared)):
                    prepared = _search_rows_current(prepared)
                if started_in is not None and page.epoch not in (None, started_in):
                    restored_to = page.epoch  # the rest of the pages number other changes
                    break
        if restored_to is not None:
            log.warning("stream %s: the platform's epoch changed during the pull", stream)
            self.reconcile_outbox(restored_to)
            return applied + self._snapshot(stream, restored_to)
        return applied + self._retry_set_aside(stream)

    def _fetch_prepared(self, stream: str, since: str) -> tuple[Page, PreparedPage]:
        page = self.client.changes(stream, since, self.page_size)
        prepared = self._prepare(stream, page)
        return page, prepared._replace(steps=self._search_rows_ahead(prepared.steps))

    def _prepare(self, stream: str, page: Page) -> PreparedPage:
        """Validates a page into steps: upserts ready to write, tombstones, and the
        changes that failed the kiosk's checks (to be set aside, in their place)."""
        kinds = STREAMS[stream]
        steps: list[Step] = []
        # In the page's order: a malformed later version of a record is set aside after
        # its good earlier one is written (written after it, the good one released it
        # from the manager's list).
        for (kind, op, readable), group in groupby(
            page.in_order(), key=lambda c: (c.kind, c.op, isinstance(c, Item))
        ):
            batch = list(group)
            if not readable:
                steps += [
                    Poison(bad.kind, bad.op, bad.id, bad.data, bad.reason)
                    for bad in batch
                    if isinstance(bad, Unreadable)
                ]
            elif kind in OTHER_KINDS[stream]:
                # A platform's mistake: the stream it belongs to never carries this
                # change, so, skipped, it would be lost with no word to the manager.
                steps += [
                    Poison(kind, op, item.id, item.data, f"{kind} {item.id}: sent on {stream}")
                    for item in batch
                ]
            elif kind not in kinds:  # a newer platform's kind: not this kiosk's business
                log.warning("stream %s: skipping %d %s of unknown kind", stream, len(batch), op)
            elif op == "upsert":
                steps += _upserts(kind, [(item.id, item.data or {}) for item in batch])
            else:
                steps.append(Tombstones(kind, [item.id for item in batch]))
        return PreparedPage(steps, len(page.items), page.next_cursor, page.epoch)

    def _search_rows_ahead(self, steps: list[Step]) -> list[Step]:
        """Makes the search rows of the page's services on the thread that fetched it,
        while the page before is written, from the names and labels the store holds
        now: the writer only checks they are still the store's (else it makes the rows,
        as it does for a page whose services' provider or category was not stored yet).
        Made by the writer, they cost a first pull of 10,000 services 50 ms of writing
        time, and more in turns of Python's lock. Only a speed-up: whatever fails here
        is left to the writer."""
        if not any(isinstance(step, Upserts) and step.prepared.texts for step in steps):
            return steps
        try:
            with self.store.read() as session:
                connection = session.connection()
                return [
                    step._replace(prepared=mirror.with_search_rows(connection, step.prepared))
                    if isinstance(step, Upserts)
                    else step
                    for step in steps
                ]
        except Exception:  # the writer makes them, and meets the cause itself
            log.debug("search rows not made ahead", exc_info=True)
            return steps

    def _snapshot(self, stream: str, epoch: str | None, *, again: int = SNAPSHOT_AGAIN) -> int:
        """The stream again from its start, then what the mirror holds that the platform
        no longer has is removed (a service withdrawn after the backup it was restored
        from). Until the end the cursor's epoch says "snapshot under way" ("~" + epoch):
        a pass interrupted half-way starts the snapshot again. So does a platform
        restored again meanwhile (its pages number other changes from then on, and
        what was seen before would not tell what it no longer has), up to ``again``
        times in one pass."""
        seen: dict[str, set[str]] = {kind: set() for kind in STREAMS[stream]}
        applied, since = 0, "0"
        for _ in range(self.max_pages):
            page = self.client.changes(stream, since, self.page_size)
            if epoch is not None and page.epoch not in (None, epoch):
                if again == 0:
                    raise ProtocolError(
                        f"stream {stream}: the platform's epoch keeps changing; the"
                        " snapshot goes on at the next sync"
                    )
                log.warning("stream %s: the platform's epoch changed during a snapshot", stream)
                self.reconcile_outbox(page.epoch)
                return applied + self._snapshot(stream, page.epoch, again=again - 1)
            for change in page.in_order():
                if change.kind in seen:
                    # Only a readable tombstone says the platform no longer has a record:
                    # an unreadable change (whatever its op says) keeps the last good
                    # version, as an ordinary pull does, and the record is listed.
                    tombstone = isinstance(change, Item) and change.op == "delete"
                    (seen[change.kind].discard if tombstone else seen[change.kind].add)(change.id)
            applied += self._apply(stream, self._prepare(stream, page), f"~{page.epoch or ''}")
            since = page.next_cursor
            if not page.has_more:
                break
        cursor = SyncCursor(stream=stream, cursor=since, updated_at=outbox.utcnow(), epoch=epoch)
        with self.store.write() as session:
            for kind in reversed(STREAMS[stream]):  # records before what they refer to
                model, _ = mirror.KINDS[kind]
                held = set(session.scalars(select(model.__table__.c.id)))
                gone = sorted(held - seen[kind])
                if gone:
                    removed = _write_apart(session, stream, Tombstones(kind, gone))
                    self._mirror_changes += removed
                    applied += removed
            session.merge(cursor)
        return applied

    def reconcile_outbox(self, epoch: str | None) -> int:
        """After the platform's epoch changed: asks which of the records it accepted
        (those still kept whole, see store/retention.py) it holds, and queues the others
        to be sent again. Once per epoch; returns how many go again."""
        if epoch is None:
            return 0
        with self.store.read() as session:
            done = session.get(SyncCursor, "submissions")
            if done is not None and done.epoch == epoch:
                return 0
        again, after = 0, 0
        while True:
            with self.store.read() as session:
                rows = outbox.kept_whole(session, after, self.push_batch)
            if not rows:
                break
            after = rows[-1].id
            sent = {row.uuid: outbox.whole_sha256(row) for row in rows}
            _epoch, known = self.client.known(list(sent.items()))
            lost = [uuid for uuid in sent if uuid not in known]
            if lost:
                with self.store.write() as session:
                    outbox.send_again(session, lost)
                again += len(lost)
        with self.store.write() as session:
            session.merge(
                SyncCursor(
                    stream="submissions", cursor="0", updated_at=outbox.utcnow(), epoch=epoch
                )
            )
        if again:
            log.warning("%d accepted records were lost by the restored platform: sent again", again)
        return again

    def _apply(
        self,
        stream: str,
        page: PreparedPage,
        epoch: str | None = None,
        *,
        checkpoints: Checkpointer | None = None,
    ) -> int:
        """Writes a page and its cursor in one transaction. When the page contradicts the
        mirror (a record refers to one the kiosk lacks, a tombstone for a record others
        still use), it is written again step by step, and record by record within a
        failing step, setting aside only the records that contradict it.

        With ``checkpoints``, a page of changes leaves copying the WAL into the database
        file to them (store/checkpointer.py), after waiting for them when the WAL has
        grown long; an empty one, only its cursor, does not start their thread."""
        cursor = SyncCursor(
            stream=stream,
            cursor=page.next_cursor,
            updated_at=outbox.utcnow(),
            epoch=epoch or page.epoch,
        )
        # A page is applied with its cursor: lost to a power cut, it is fetched again.
        copier = checkpoints if page.count else None
        if copier is not None:
            copier.keep_short()
        try:
            with self.store.write(durable=False, checkpoint=copier is None) as session:
                for step in page.steps:
                    _write(session, stream, step)
                session.merge(cursor)
        except IntegrityError:
            with self.store.write(durable=False, checkpoint=copier is None) as session:
                for step in page.steps:
                    _write_apart(session, stream, step)
                session.merge(cursor)
        if copier is not None:
            copier.nudge()
        self._mirror_changes += page.count
        return page.count

    def _retry_set_aside(self, stream: str) -> int:
        """Applies the stream's set-aside records that now can be (what they referred to
        has arrived). Only when the mirror changed since they were last tried (and once
        after the kiosk starts: a new version of it may accept them): else each would
        fail again. They are tried ``RETRY_CHUNK`` at a time, each chunk read, checked
        and written in one transaction, so a newer version applied meanwhile by another
        sync is never overwritten by an older one, and the store's write lock, which a
        citizen's purchase may be waiting for, is never held for long (2,000 records
        waiting held it 2.2 s in one transaction on every pass)."""
        mark = self._mirror_changes
        if self._retried_at.get(stream) == mark:
            return 0
        with self.store.read() as session:
            keys = set_aside.waiting_keys(session, stream)
        applied = 0
        for start in range(0, len(keys), RETRY_CHUNK):
            with self.store.write() as session:
                chunk = sum(
                    self._retry_one(session, stream, row)
                    for row in set_aside.still_waiting(session, keys[start : start + RETRY_CHUNK])
                )
            # Counted once committed, whatever a later chunk meets: other streams' records
            # may wait for these.
            self._mirror_changes += chunk
            applied += chunk
        # Records applied now may be what others wait for: those are tried next pass.
        self._retried_at[stream] = mark
        return applied

    @staticmethod
    def _retry_one(session: Session, stream: str, row: SetAsideRecord) -> int:
        readable = row.op == "delete" or (row.op == "upsert" and row.data is not None)
        if row.kind not in STREAMS[stream] or not readable:
            return 0  # unreadable as it came: only a new version can help
        if row.op == "delete":
            steps: list[Step] = [Tombstones(row.kind, [row.record_id])]
        else:
            steps = _upserts(row.kind, [(row.record_id, row.data or {})])
        applied = 0
        for step in steps:
            if not isinstance(step, Poison):
                applied += _write_apart(session, stream, step)
            elif step.reason != row.reason:
                set_aside.set_aside(session, stream, step)
        return applied

    # Push -------------------------------------------------------------------------------

    def learn_sealing_key(self) -> None:
        """Asks the platform for the key personal records are sealed to, once, and seals
        the records made before it was known. A platform without one (an older
        version) leaves them in clear; the push goes on."""
        with self.store.read() as session:
            if kiosk_facts.sealing_key(session) is not None:
                return
        try:
            public_key = self.client.sealing_key()
        except (RefusedError, ProtocolError) as error:
            log.warning("no sealing key from the platform: %s", error)
            return
        with self.store.write() as session:
            kiosk_facts.set_sealing_key(session, public_key, outbox.utcnow())
            sealed = outbox.seal_waiting(session, public_key)
        if sealed:
            log.info("%d waiting records sealed to the platform's key", sealed)

    def measure_for_unmeasured(self) -> int:
        """Records made in this boot before its clock was measured (it restarted offline,
        perhaps with its clock reset) get this boot's measure, moved by any jump of the
        clock since they were made; without one yet, the clock is measured first (one
        health check), so the platform places them in its own time rather than when they
        arrive. Returns how many got one."""
        boot = kiosk_facts.boot_id()
        with self.store.read() as session:
            if not outbox.unmeasured_waiting(session, boot):
                return 0
            measured = kiosk_facts.measured_in(session, boot)
        measure = getattr(self.client, "measure_clock", None)  # a test's stand-in may lack it
        if not measured and measure is not None and measure() is not None:
            self.note_clock()
        with self.store.write() as session:
            return outbox.place_unmeasured(session, boot)

    def push(self) -> tuple[int, int]:
        """Sends the outbox in batches until every entry has been tried once this pass.
        An entry the platform cannot process now ("retry") waits for the next pass and
        never holds back the entries behind it."""
        self.measure_for_unmeasured()
        self.learn_sealing_key()  # after: records waiting in clear are sealed with their skew
        with self.store.read() as session:
            damaged = outbox.damaged_waiting(session)
        if damaged:  # the others go on; these wait for a person (social-point doctor)
            log.error(
                "%d records waiting to be sent are damaged on this kiosk's disk and cannot"
                " be sent: %s",
                len(damaged),
                ", ".join(damaged[:10]),
            )
        accepted = rejected = 0
        later: set[str] = set()
        limit, max_bytes = self.push_batch, outbox.BATCH_BYTES
        while True:
            with self.store.write() as session:
                batch = outbox.take_batch(session, limit, skip=later, max_bytes=max_bytes)
            if not batch:
                return accepted, rejected
            sending = [
                Submission(
                    e.uuid,
                    e.kind,
                    e.created_at.isoformat(),  # aware UTC: "...+00:00"
                    e.payload,
                    e.server_id,
                    e.clock_skew_s,
                    e.sealed,
                    e.receipt,
                    e.placed_skew_s,
                )
                for e in batch
            ]
            try:
                answers = self.client.submit(sending)
            except RefusedError as error:
                with self.store.write() as session:
                    outbox.record_failure(session, [e.uuid for e in batch], str(error))
                if error.status != TOO_LARGE:
                    raise
                # A platform (or a proxy before it) that takes smaller bodies than the
                # kiosk's batches: the same entries again in halves, down to one each.
                # One that is refused alone waits, named, and the others go on.
                if len(batch) == 1:
                    log.error(
                        "record %s is larger than the platform takes: %s", batch[0].uuid, error
                    )
                    later.add(batch[0].uuid)
                limit, max_bytes = max(1, len(batch) // 2), max(1, max_bytes // 2)
                continue
            except Exception as error:
                with self.store.write() as session:
                    outbox.record_failure(session, [e.uuid for e in batch], str(error))
                raise
            results = [r for r in answers if not r.retry]
            retry = [r for r in answers if r.retry]
            with self.store.write() as session:
                outbox.record_results(session, results)
                for again in retry:
                    outbox.record_failure(session, [again.uuid], f"{again.code}: {again.message}")
                if self.after_push is not None:
                    self.after_push(session, results)
            later.update(r.uuid for r in retry)
            accepted += sum(1 for r in results if r.accepted)
            rejected += sum(1 for r in results if not r.accepted)
            if len(answers) < len(batch):
                log.warning("%d entries got no answer; they go again", len(batch) - len(answers))
                return accepted, rejected


TOO_LARGE = 413  # HTTP: the request's body is larger than the platform takes

# What a service's search row holds of other records: their names and labels.
NAMED_KINDS = frozenset({"providers", "categories"})


def _writes_names(page: PreparedPage) -> bool:
    """Whether writing ``page`` may change the names and labels search rows hold."""
    return any(
        (step.prepared.kind if isinstance(step, Upserts) else step.kind) in NAMED_KINDS
        for step in page.steps
    )


def _search_rows_current(page: PreparedPage) -> PreparedPage:
    """``page`` with the search rows made ahead for it marked current: they were made
    after the page before the last one was written, and neither the last page nor this
    one writes providers or categories, so the names and labels they hold are still
    the store's (only this pull writes the mirror). The writer then skips reading them
    again, two statements per page on a pull's critical path."""
    steps: list[Step] = [
        step._replace(prepared=step.prepared._replace(search_current=True))
        if isinstance(step, Upserts) and step.prepared.search is not None
        else step
        for step in page.steps
    ]
    return page._replace(steps=steps)


def _upserts(kind: str, records: list[tuple[str, dict[str, Any]]]) -> list[Step]:
    """Records of one kind as steps: one ``Upserts`` when all pass the kiosk's checks
    (the usual case, checked in one go); else runs of good ones, with each bad one
    set aside in its place, so a record changed twice in a page ends as its last
    version says."""
    datas = [data for _id, data in records]
    try:
        return [Upserts(mirror.prepare(kind, datas), datas)]
    except Exception:  # which record, and why, is found one by one below
        pass
    steps: list[Step] = []
    run: list[dict[str, Any]] = []
    for record_id, data in records:
        try:
            mirror.prepare(kind, [data])
        except Exception as error:  # whatever the cause: a record the kiosk cannot store
            if run:
                steps.append(Upserts(mirror.prepare(kind, run), run))
                run = []
            steps.append(Poison(kind, "upsert", record_id, data, _refusal(kind, record_id, error)))
        else:
            run.append(data)
    if run:
        steps.append(Upserts(mirror.prepare(kind, run), run))
    return steps


def _refusal(kind: str, record_id: str, error: Exception) -> str:
    """Why a record is set aside: the contract's words, or, for a record that passed the
    contract and still could not be converted (a bug, or a gap in the contract), the
    kind of failure; never a traceback, and nothing stops the stream."""
    if isinstance(error, RecordError):
        # "services[0].price_cents: ..." names the batch of one: name the record.
        problem = str(error).removeprefix(f"{kind}[0]").removeprefix(".")
        return f"{kind} {record_id}: {problem}"
    log.warning("%s %s cannot be stored: %s", kind, record_id, type(error).__name__)
    return f"{kind} {record_id}: cannot be stored by this kiosk ({type(error).__name__})"


def _write(session: Session, stream: str, step: Step) -> int:
    """One step of a page, in the caller's transaction; returns the records applied."""
    if isinstance(step, Poison):
        set_aside.set_aside(session, stream, step)
        return 0
    if isinstance(step, Tombstones):
        mirror.remove(session, step.kind, step.ids)
        set_aside.release(session, step.kind, step.ids)
        return len(step.ids)
    mirror.write(session, step.prepared)
    set_aside.release(session, step.prepared.kind, step.prepared.ids)
    return len(step.prepared.ids)


def _write_apart(session: Session, stream: str, step: Step) -> int:
    """A step in a savepoint; when the mirror's constraints refuse it, its records one
    by one, each refused one set aside with the reason."""
    try:
        with session.begin_nested():
            return _write(session, stream, step)
    except IntegrityError as error:
        refused = error
    if isinstance(step, Upserts) and len(step.records) > 1:
        kind = step.prepared.kind
        return sum(
            _write_apart(session, stream, Upserts(mirror.prepare(kind, [data]), [data]))
            for data in step.records
        )
    if isinstance(step, Tombstones) and len(step.ids) > 1:
        return sum(
            _write_apart(session, stream, Tombstones(step.kind, [record_id]))
            for record_id in step.ids
        )
    if isinstance(step, Poison):  # already set aside by _write, which cannot fail so
        return 0
    if isinstance(step, Tombstones):
        poison = Poison(
            step.kind,
            "delete",
            step.ids[0],
            None,
            f"{step.kind} {step.ids[0]}: cannot be removed, other records use it",
        )
    else:
        kind, record = step.prepared.kind, step.records[0]
        missing = "FOREIGN KEY" in str(refused.orig) or "foreign key" in str(refused.orig)
        problem = "refers to a record this kiosk lacks" if missing else "repeats a unique value"
        poison = Poison(
            kind,
            "upsert",
            step.prepared.ids[0],
            record,
            f"{kind} {step.prepared.ids[0]}: {problem}",
        )
    set_aside.set_aside(session, stream, poison)
    return 0
