# SPDX-License-Identifier: EUPL-1.2
"""Each kiosk's own lookup key, so one kiosk's token cannot test codici fiscali across
the network.

The platform keeps one secret of its own (``status_lookup``, never given out) and gives
each kiosk ``HMAC(secret, "kiosk-lookup|<device id>")``. Records keyed by a citizen's
codes (forms/lookup.py) go to a kiosk under its key: an application's status is served
under ``status_key(kiosk key, tracking code, codice fiscale)`` (``rekeyed``), and a
kiosk reports a wrong wallet PIN under ``holder_key(kiosk key, codice fiscale)``, which
the platform matches against the wallet holders of that kiosk's Comune
(``holder_for_tag``). What one kiosk learns, or its stolen token computes, names
nothing at another kiosk or on the platform.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from central import epochs
from central.models import (
    Change,
    Device,
    HolderCode,
    PlatformSecret,
    StatusSubject,
    Submission,
    WalletHolder,
)
from forms.lookup import holder_key, status_key
from protocol.records import STREAM_OF

STATUS_KIND = "application_statuses"
WALLET_STREAM = STREAM_OF["wallets"]
LOOKUP_SECRET = "status_lookup"  # the platform secret's name


def lookup_secret_in(session: Session) -> bytes:
    """The platform's own key of the status and holder records, made on first use."""
    row = session.get(PlatformSecret, LOOKUP_SECRET)
    if row is None:
        row = PlatformSecret(name=LOOKUP_SECRET, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return bytes.fromhex(row.value)


def kiosk_secret(platform_secret: bytes, device_id: str) -> bytes:
    """The lookup key of one kiosk."""
    message = f"kiosk-lookup|{device_id}".encode()
    return hmac.new(platform_secret, message, hashlib.sha256).digest()


def note_subject(session: Session, record_id: str, tracking_code: str, cf: str) -> None:
    session.merge(
        StatusSubject(
            record_id=record_id, tracking_code=tracking_code, codice_fiscale=cf.strip().upper()
        )
    )


def note_holder(session: Session, holder: str, cf: str) -> None:
    """The holder's codice fiscale, for its kiosks' tags (``holder_for_tag``): a PIN was
    set, so the tag maps this transaction made are made again."""
    session.merge(HolderCode(holder=holder, codice_fiscale=cf.strip().upper()))
    session.info[_WALLETS_WRITTEN] = True
    session.info.pop(_TAGS, None)


Row = Any  # (seq, kind, op, record_id, data as JSON text or None)


def rekeyed(session: Session, key: bytes, rows: Sequence[Row]) -> list[Row]:
    """A page's status records under this kiosk's key; other records as they are. A
    status whose citizen the platform cannot name (older data) goes under an id no
    code opens, never under the platform's own."""
    ids = [row[3] for row in rows if row[1] == STATUS_KIND]
    if not ids:
        return list(rows)
    subjects = {
        s.record_id: (s.tracking_code, s.codice_fiscale)
        for s in session.scalars(select(StatusSubject).where(StatusSubject.record_id.in_(ids)))
    }
    out = []
    for seq, kind, op, record_id, data in rows:
        if kind != STATUS_KIND:
            out.append((seq, kind, op, record_id, data))
            continue
        subject = subjects.get(record_id) or _from_submission(session, data)
        if subject is not None:
            new_id = status_key(key, *subject)
        else:
            new_id = hmac.new(key, f"opaque|{record_id}".encode(), hashlib.sha256).hexdigest()
        if data is not None:
            record = json.loads(data)
            record["id"] = new_id
            data = json.dumps(record, separators=(",", ":"), ensure_ascii=False)
        out.append((seq, kind, op, new_id, data))
    return out


def _from_submission(session: Session, data: str | None) -> tuple[str, str] | None:
    """An application's codes from its stored payload, for a status published before
    the platform noted its subject."""
    if data is None:
        return None
    protocol = json.loads(data).get("protocol")
    row = session.scalar(select(Submission).where(Submission.server_id == protocol))
    payload = row.payload if row is not None else None
    if not isinstance(payload, dict) or not isinstance(payload.get("answers"), dict):
        return None
    code, cf = payload.get("tracking_code"), payload["answers"].get("cf")
    if not isinstance(code, str) or not isinstance(cf, str):
        return None
    return code, cf.strip().upper()


_TAGS = "kiosk_lookup.tags"  # session.info key: (device id, Comune) -> {tag: holder}
# session.info key: this transaction set a wallet PIN (``note_holder``): its tag maps are
# its own, never kept for other requests (it may not commit).
_WALLETS_WRITTEN = "kiosk_lookup.wallets_written"
# The tag maps across requests, per (device id, Comune), with what they were made from:
# the epoch, the platform's lookup secret and the wallet stream's newest change. A
# holder enters a Comune's wallets only by a PIN set (``central.wallets.set_pin``),
# whose wallet is published in the same transaction: a newer change, a new map. A kiosk
# reporting a wrong PIN in a push of its own made the whole map again each time, 0.37 s
# at 100,000 holders, in the writers' turn.
TAG_MAPS_KEPT = 32
_shared: OrderedDict[tuple[str, str | None], tuple[tuple[str, str, int], dict[str, str]]] = (
    OrderedDict()
)
_shared_lock = threading.Lock()


def holder_for_tag(session: Session, device: Device | None, tag: str) -> WalletHolder | None:
    """The wallet holder a kiosk's wrong-PIN report names under its own key, among the
    holders of its Comune. The tags of those holders under that key are made once (one
    HMAC each) and kept, in the session and across requests while no wallet changed: a
    batch of 500 reports from one kiosk made them 500 times over, 0.3 s a report at
    20,000 holders, in the writers' turn every other write waits for."""
    if device is None or not isinstance(tag, str):
        return None
    tags: dict[tuple[str, str | None], dict[str, str]] = session.info.setdefault(_TAGS, {})
    known = tags.get((device.id, device.comune))
    if known is None:
        known = tags[(device.id, device.comune)] = _tag_map(session, device)
    holder = known.get(tag)
    row = session.get(WalletHolder, holder) if holder is not None else None
    if row is None or (
        device.comune is not None and row.comune is not None and row.comune != device.comune
    ):
        return None  # a map kept from before never names a holder not of this Comune now
    return row


def _tag_map(session: Session, device: Device) -> dict[str, str]:
    """``_holders_by_tag``, or the map kept from an earlier request made from the same
    wallets."""
    if session.info.get(_WALLETS_WRITTEN):
        return _holders_by_tag(session, device)
    made_from = (
        epochs.read(session).id,
        lookup_secret_in(session).hex(),
        session.scalar(select(func.max(Change.seq)).where(Change.stream == WALLET_STREAM)) or 0,
    )
    key = (device.id, device.comune)
    with _shared_lock:
        kept = _shared.get(key)
        if kept is not None and kept[0] == made_from:
            _shared.move_to_end(key)
            return kept[1]
    made = _holders_by_tag(session, device)
    if not session.info.get(_WALLETS_WRITTEN):
        with _shared_lock:
            _shared[key] = (made_from, made)
            _shared.move_to_end(key)
            while len(_shared) > TAG_MAPS_KEPT:
                _shared.popitem(last=False)
    return made


def _holders_by_tag(session: Session, device: Device) -> dict[str, str]:
    key = kiosk_secret(lookup_secret_in(session), device.id)
    query = select(WalletHolder.holder, HolderCode.codice_fiscale).join(
        HolderCode, HolderCode.holder == WalletHolder.holder
    )
    if device.comune is not None:
        query = query.where(
            or_(WalletHolder.comune == device.comune, WalletHolder.comune.is_(None))
        )
    return {holder_key(key, cf): holder for holder, cf in session.execute(query)}
