# SPDX-License-Identifier: EUPL-1.2
"""Publishing: records validated against the contract go into the change streams the
kiosks pull, and deletions go out as tombstones."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Text, bindparam, cast, func, or_, select
from sqlalchemy.orm import Session

from central import epochs
from central.kiosk_lookup import kiosk_secret, lookup_secret_in, rekeyed
from central.models import Change, IssuedVoucher, Record
from central.page_cache import LEVEL, LEVEL_ONCE, PageCache, QuietStreams, compress
from central.platform.database import Database
from central.references import REFERRERS, refers_to
from central.scopes import holds, scope_left, scope_needle, scope_of, scope_text
from protocol import records

STATUS_STREAM = "statuses"  # application statuses, keyed per kiosk
# A page ends early once its records' JSON holds this many characters (at most 4 bytes
# each in UTF-8: under the 16 MiB a kiosk reads, sync/client.py). Records near their
# size limits (a service's 20 descriptions of 4,000 characters, a wallet of 400,000)
# made pages of the asked-for length that no kiosk could read.
PAGE_CHARACTERS = 3 * 1024 * 1024
LEDGER_BATCH = "central_ledger_batch"  # session.info: holders to reseal at the batch's end


class PublishError(ValueError):
    """A record the platform refuses to publish; the message says why, and ``code``, when
    given, names the refusal for a program (the admin API answers "code: message")."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class Catalog:
    def __init__(self, database: Database) -> None:
        self.database = database
        # Told the ledger key of the citizen whose credit or voucher changed, in the same
        # transaction: their sealed wallet follows (central/platform/wallet.py).
        self.ledger_changed: Callable[[Session, str], None] | None = None
        # The same for many citizens at once, at the end of a ``ledger_batch``.
        self.ledgers_changed: Callable[[Session, list[str]], None] | None = None
        self.pages = PageCache()  # full change pages, compressed (central/page_cache.py)
        self.quiet = QuietStreams()  # where nothing is new (central/page_cache.py)

    @contextmanager
    def ledger_batch(self, session: Session) -> Iterator[None]:
        """Within the block, the citizens whose credit or vouchers change are noted and
        their sealed wallets published once, at its end: a Comune's file of many buoni
        reseals each citizen's wallet once, not once per voucher (each reseal reads and
        seals all of the citizen's vouchers, so per voucher the file cost grew with the
        square of its lines, and put a whole wallet in the stream for every line)."""
        if LEDGER_BATCH in session.info:  # already in one: its end reseals
            yield
            return
        pending: dict[str, None] = {}  # ordered, once each
        session.info[LEDGER_BATCH] = pending
        try:
            yield
        finally:
            session.info.pop(LEDGER_BATCH, None)
        if self.ledgers_changed is not None:
            self.ledgers_changed(session, list(pending))
        elif self.ledger_changed is not None:
            for holder in pending:
                self.ledger_changed(session, holder)

    def _ledger_changed(self, session: Session, holder: str) -> None:
        pending = session.info.get(LEDGER_BATCH)
        if pending is not None:
            pending[holder] = None
        elif self.ledger_changed is not None:
            self.ledger_changed(session, holder)

    def publish(self, kind: str, record: dict[str, Any]) -> None:
        self.publish_many([(kind, record)])

    def publish_many(self, items: Iterable[tuple[str, dict[str, Any]]]) -> int:
        """Validates and publishes records in one transaction (all or nothing)."""
        items = list(items)
        count = 0
        credits = [str(record.get("id")) for kind, record in items if kind == "credits"]
        with self.database.writing(credits=credits) as session:
            for kind, record in items:
                if kind == "wallets":  # sealed by the platform only (central/wallets.py)
                    raise PublishError("wallets are sealed by the platform, not published")
                if kind == "vouchers":
                    _only_its_state_changes(session, record)
                self.publish_in(session, kind, record)
                count += 1
        return count

    def publish_in(
        self, session: Session, kind: str, record: dict[str, Any], comuni: list[str] | None = None
    ) -> None:
        """Publishes within the caller's writing transaction (a purchase's debit, a
        voucher's new state). ``comuni``: the kiosks that receive a credit (see
        central/scopes.py)."""
        if kind == "operators":
            from central.operators import OperatorError, publishable

            try:
                record = publishable(session, record)
            except OperatorError as error:
                raise PublishError(str(error)) from None
        data = _validated(kind, record)
        _check_references(session, kind, data)
        current = session.get(Record, (kind, data["id"]))
        previous = scope_text(comuni) if comuni else (current.scope if current else None)
        scope = scope_of(kind, data, previous)
        if current is not None and (left := scope_left(current.scope, scope)) is not False:
            # Kiosks the record no longer reaches (an operator moved to another Comune)
            # remove it: without this they kept the old version for good, and a removed
            # operator could still log in there.
            session.add(_change(kind, data["id"], "delete", None, left))
        session.merge(Record(kind=kind, id=data["id"], data=data, scope=scope))
        session.add(_change(kind, data["id"], "upsert", data, scope))
        if kind in ("credits", "vouchers"):
            self._ledger_changed(session, data["id"] if kind == "credits" else data["holder"])

    def unpublish(self, kind: str, record_id: str) -> bool:
        """Deletes a record and publishes its tombstone; False when it does not exist.
        PublishError while other records refer to it (the kiosks could not remove it)."""
        credits = [record_id] if kind == "credits" else []
        with self.database.writing(credits=credits) as session:
            if kind == "vouchers" and session.get(IssuedVoucher, record_id) is not None:
                # Shops redeem from the ledger: a deleted record left the voucher good.
                raise PublishError(
                    'a voucher is never deleted: cancel it (publish it with "state": "cancelled")'
                )
            return self.unpublish_in(session, kind, record_id)

    def unpublish_in(self, session: Session, kind: str, record_id: str) -> bool:
        """``unpublish`` within the caller's writing transaction (the web desk's, with
        its audit row)."""
        current = session.get(Record, (kind, record_id))
        if current is None:
            return False
        for referrer, field, many in REFERRERS.get(kind, []):
            users = session.scalars(select(Record).where(Record.kind == referrer))
            used_by = [r.id for r in users if refers_to(r.data, field, many, record_id)]
            if used_by:
                raise PublishError(
                    f"{kind} {record_id} is still used by {referrer} "
                    f"{', '.join(used_by[:5])}{' …' if len(used_by) > 5 else ''}"
                )
        session.delete(current)
        session.add(
            Change(
                stream=records.STREAM_OF[kind],
                kind=kind,
                record_id=record_id,
                op="delete",
                scope=current.scope,
            )
        )
        if kind in ("credits", "vouchers"):
            session.flush()
            holder = record_id if kind == "credits" else current.data["holder"]
            self._ledger_changed(session, holder)
        return True

    def records(self, kind: str) -> dict[str, dict[str, Any]]:
        with self.database.sessions() as session:
            rows = session.scalars(select(Record).where(Record.kind == kind))
            return {row.id: row.data for row in rows}

    def changes(
        self,
        stream: str,
        since: int,
        limit: int,
        comune: str | None = None,
        device_id: str | None = None,
    ) -> str:
        """A page of ``stream`` after ``since``: the JSON text of a ChangePage; for a
        kiosk of ``comune``, only the changes its Social Point needs (central/scopes.py);
        for kiosk ``device_id``, records keyed by a citizen's codes under its own lookup
        key (central/kiosk_lookup.py)."""
        return self._page(stream, since, limit, comune, device_id)[0]

    def changes_compressed(
        self,
        stream: str,
        since: int,
        limit: int,
        comune: str | None = None,
        device_id: str | None = None,
    ) -> bytes:
        """The page of ``changes``, gzip-compressed; a full page is made once and then
        served from ``self.pages`` to every kiosk of the same scope that asks for it."""
        with self.database.sessions() as session:  # one session: most pulls find little
            epoch, head = _epoch_and_head(session)
            return self.page_in(session, stream, since, limit, comune, device_id, epoch, head)

    def page_in(
        self,
        session: Session,
        stream: str,
        since: int,
        limit: int,
        comune: str | None,
        device_id: str | None,
        epoch: str,
        head: int,
    ) -> bytes:
        """``changes_compressed`` in the caller's session, the epoch and the newest
        change already read (``Platform.pull`` reads them with the caller's device). A
        pull that finds nothing new, most of a fleet's, is answered from ``self.quiet``
        without another query while the head has not moved."""
        quiet_key = (epoch, stream, comune)
        if self.quiet.nothing_after(quiet_key, head, since):
            return compress(_page_text(stream, since, epoch, head, [], False), LEVEL_ONCE)
        key = (epoch, stream, since, limit, comune)
        if stream != STATUS_STREAM:  # statuses are keyed per kiosk: nothing to share
            made = self.pages.get(key)
            if made is not None:
                return made
        rows, full = self._read(session, stream, since, limit, comune, device_id)
        if not rows:
            self.quiet.note_nothing_after(quiet_key, head, since)
        kept = full and stream != STATUS_STREAM
        page = compress(
            _page_text(stream, since, epoch, head, rows, full), LEVEL if kept else LEVEL_ONCE
        )
        if kept:
            self.pages.put(key, page)
        return page

    def _page(
        self, stream: str, since: int, limit: int, comune: str | None, device_id: str | None
    ) -> tuple[str, bool]:
        """The page's JSON text, and whether it is full (has a page after it)."""
        with self.database.sessions() as session:
            epoch, head = _epoch_and_head(session)
            rows, full = self._read(session, stream, since, limit, comune, device_id)
        return _page_text(stream, since, epoch, head, rows, full), full

    @staticmethod
    def _read(
        session: Session,
        stream: str,
        since: int,
        limit: int,
        comune: str | None,
        device_id: str | None,
    ) -> tuple[list[Any], bool]:
        """The page's changes, and whether more follow."""
        parameters: dict[str, Any] = {"stream": stream, "since": since, "rows": limit + 1}
        if comune is None:
            statement = _PAGE
        else:
            statement, parameters["seen_by"] = _PAGE_SEEN_BY, scope_needle(comune)
        rows: list[Any] = list(session.connection().execute(statement, parameters).all())
        has_more = len(rows) > limit
        rows = rows[:limit]
        size = 0
        for index, row in enumerate(rows):
            size += len(row[4] or "") + 100  # the record, and its change's own fields
            if size > PAGE_CHARACTERS and index > 0:  # a page holds at least one change
                rows, has_more = rows[:index], True
                break
        if device_id is not None and stream == STATUS_STREAM and rows:
            key = kiosk_secret(lookup_secret_in(session), device_id)
            rows = rekeyed(session, key, rows)
        return rows, has_more


def _epoch_and_head(session: Session) -> tuple[str, int]:
    """The platform's epoch and its newest change's sequence number (0: none yet)."""
    return epochs.read(session).id, session.scalar(select(func.max(Change.seq))) or 0


# A page's changes, as one statement made once (its parameters bound at each pull): for
# every kiosk, and for a kiosk of one Comune (central/scopes.py).
_PAGE_COLUMNS = (Change.seq, Change.kind, Change.op, Change.record_id, cast(Change.data, Text))
_PAGE = (
    select(*_PAGE_COLUMNS)
    .where(Change.stream == bindparam("stream"), Change.seq > bindparam("since"))
    .order_by(Change.seq)
    .limit(bindparam("rows"))
)
_PAGE_SEEN_BY = (
    select(*_PAGE_COLUMNS)
    .where(
        Change.stream == bindparam("stream"),
        Change.seq > bindparam("since"),
        or_(Change.scope.is_(None), holds(Change.scope, bindparam("seen_by", type_=Text))),
    )
    .order_by(Change.seq)
    .limit(bindparam("rows"))
)


def _page_text(
    stream: str, since: int, epoch: str, head: int, rows: list[Any], has_more: bool
) -> str:
    """A ChangePage's JSON text. Each record goes out as the JSON text it was stored as
    (validated when it was published), never decoded and encoded again: a full catalog
    is thousands of records, and serving them was most of the platform's time for a
    page."""
    dumps = json.dumps
    items = ",".join(
        f'{{"kind":{dumps(kind)},"op":{dumps(op)},"id":{dumps(record_id)},'
        f'"data":{data if data is not None else "null"}}}'
        for _seq, kind, op, record_id, data in rows
    )
    next_cursor = _next_cursor(since, head, rows, has_more)
    return (
        f'{{"stream":{dumps(stream)},"items":[{items}],'
        f'"next_cursor":"{next_cursor}","has_more":{"true" if has_more else "false"},'
        f'"epoch":{dumps(epoch)},"head":"{head}"}}'
    )


def _next_cursor(since: int, head: int, rows: list[Any], has_more: bool) -> int:
    """Where the kiosk's next pull starts. A page with more after it: past its last
    change. The last page: past the head read before the scan too, so a kiosk of a
    Comune with few changes does not scan every other Comune's again on each pull (its
    cursor stayed on its own last change). Changes become visible in the order of their
    sequence numbers (writers take turns from their first change to their commit:
    ``Database.writing``), so once the head is visible every change up to it is, and
    the scan read them all: none is skipped. Never backwards: a cursor beyond the head
    (a platform restored from an older copy) is given back as it came, for the kiosk to
    see."""
    last = int(rows[-1][0]) if rows else since
    return last if has_more else max(last, head)


def _validated(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    try:  # the contract's own types, unknown fields refused (protocol.records)
        parsed = records.validate_published(kind, record)
    except records.RecordError as error:
        raise PublishError(str(error)) from None
    return parsed.model_dump(mode="json")


def _check_references(session: Session, kind: str, data: dict[str, Any]) -> None:
    references = {
        "services": [("categories", data.get("category")), ("providers", data.get("provider"))]
        + [("comuni", c) for c in data.get("residents_of") or []],
        "calls": ([("comuni", data.get("comune"))] if data.get("comune") else [])
        + ([("forms", data.get("form"))] if data.get("form") else []),
    }.get(kind, [])
    if kind == "forms":
        current = session.get(Record, ("forms", data["id"]))
        if current is not None and current.data != data:
            raise PublishError(
                f"forms {data['id']}: a published version never changes; publish a new one"
            )
    for target, target_id in references:
        if session.get(Record, (target, target_id)) is None:
            raise PublishError(f"{kind} {data['id']}: unknown {target} {target_id!r}")


def _change(
    kind: str, record_id: str, op: str, data: dict[str, Any] | None, scope: str | None
) -> Change:
    return Change(
        stream=records.STREAM_OF[kind],
        kind=kind,
        record_id=record_id,
        op=op,
        data=data,
        scope=scope,
    )


# What a voucher's record may change after it was issued: the rest is the ledger's
# (central/voucher_authority.py), which shops redeem from.
VOUCHER_STATE_SET_BY_HAND = "cancelled"


def _only_its_state_changes(session: Session, record: dict[str, Any]) -> None:
    """A voucher is issued by the platform (POST /v1/admin/vouchers, the Comune's desk)
    or with a kiosk's purchase; by hand it may only be cancelled: a changed amount,
    Comune or validity was published to the kiosks while shops still redeemed the
    ledger's."""
    current = session.get(Record, ("vouchers", str(record.get("id"))))
    if current is None:
        raise PublishError("vouchers are issued with POST /v1/admin/vouchers, not published")
    changed = {key for key in current.data.keys() | record.keys() if key != "state"}
    changed = {key for key in changed if current.data.get(key) != record.get(key)}
    if changed:
        names = ", ".join(name[:40] for name in sorted(changed)[:5])
        raise PublishError(f"only a voucher's state may change, not {names}")
    if record.get("state") not in (VOUCHER_STATE_SET_BY_HAND, current.data.get("state")):
        # Never back into use: a used-up voucher shown usable at the kiosks, a
        # cancelled one redeemable again.
        raise PublishError('a voucher is only cancelled by hand: "state": "cancelled"')
