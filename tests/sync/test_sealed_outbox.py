# SPDX-License-Identifier: EUPL-1.2
"""Pending records sealed to the platform's key: a kiosk's stolen disk, with a computed
codice fiscale, shows no answers; the platform still receives them whole, the offline
status look-up still answers the citizen, and a refused record still tells the manager
whom to call back."""

from __future__ import annotations

import base64
import copy
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import select

from kiosk.boot.config import ManagerSettings
from kiosk.core import applying
from kiosk.core.manager_desk import desk_facts
from kiosk.core.manager_login import log_in
from kiosk.core.status_lookup import find
from printing.slip import SlipContext
from protocol import sealing
from store import kiosk_facts, outbox
from store.database import Store
from store.models import OutboxEntry
from store.retention import RetentionRule
from sync.client import PlatformClient
from sync.engine import SyncEngine
from tests.forms.samples import GOOD
from tests.sync.conftest import ADMIN, Central, enrolled_client
from tests.sync.helpers import application
from vouchers.wallet_key import assisted_proof

# What a thief must not read: the applicant's name, phone, codice fiscale, address,
# and a household member's codice fiscale.
SECRETS = ("Ferraro", "347 123 4567", "FRRNNA41A63E592W", "Via Roma 1", "BNCMTT15B19G224I")
NOW = datetime(2026, 12, 3, 12, 0)


def _disk(store: Store) -> bytes:
    """Every byte the store keeps on disk: the database and its write-ahead log."""
    folder = Path(store.path).parent
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()).upper()


def _add(store: Store, payload: dict[str, Any]) -> OutboxEntry:
    with store.write() as session:
        entry_uuid = outbox.add(session, "application", payload)
    with store.read() as session:
        row = session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == entry_uuid)).one()
        session.expunge(row)
        return row


def test_a_waiting_application_is_sealed_on_disk_and_reaches_the_platform_whole(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()  # the form, and the platform's sealing key
    payload = application(engine, tracking_code="DOM-8QR2-XE45")
    row = _add(engine.store, payload)
    assert row.sealed is not None and row.sealed.startswith("SPS2.")
    assert "answers" not in row.payload and row.payload["tracking_code"] == "DOM-8QR2-XE45"
    engine.store.checkpoint()
    on_disk = _disk(engine.store)
    for secret in SECRETS:
        assert secret.upper().encode() not in on_disk, secret

    # Offline, the citizen with the receipt and their codice fiscale is still answered.
    with engine.store.read() as session:
        found = find(session, None, "DOM-8QR2-XE45", "FRRNNA41A63E592W")
        assert found is not None and found.state == "waiting"
        assert find(session, None, "DOM-8QR2-XE45", "BNCMTT15B19G224I") is None

    engine.push()
    stored = {s.uuid: s for s in central.platform.submissions()}[row.uuid]
    assert stored.payload["answers"]["cognome"] == "Ferraro"
    assert stored.payload["answers"]["telefono"] == "347 123 4567"
    with engine.store.read() as session:
        sent = session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == row.uuid)).one()
        assert sent.state == "accepted"
        # A restored platform is asked about the whole payload's hash, as it stored it.
        assert outbox.whole_sha256(sent) == stored.payload_sha256


def test_an_application_made_on_the_screen_leaves_no_name_on_disk_with_its_receipt(
    engine: SyncEngine,
) -> None:
    """As the apply screen submits it: the application and its receipt, queued for the
    printer. The receipt on disk names nobody (the answers alone are sealed)."""
    engine.run_once()  # the call, its form, and the platform's sealing key
    with engine.store.read() as session:
        draft = applying.start(session, "bs-piazzola", NOW)
    draft.answers = copy.deepcopy(GOOD)
    context = SlipContext("Social Point", "Piazzola sul Brenta", "kiosk-test", NOW)
    with engine.store.write() as session:
        submitted = applying.submit(session, draft, context, NOW.replace(tzinfo=UTC))
    assert isinstance(submitted, applying.Submitted), submitted
    engine.store.checkpoint()
    on_disk = _disk(engine.store)
    for secret in (*SECRETS, "Anna"):
        assert secret.upper().encode() not in on_disk, secret
    assert submitted.tracking_code.encode() in on_disk  # the receipt is there


def test_records_made_before_the_key_was_known_are_sealed_when_it_arrives(
    engine: SyncEngine, central: Central, store: Store
) -> None:
    engine.pull_stream("calls")  # the form; no push yet, so no key
    with store.read() as session:
        assert kiosk_facts.sealing_key(session) is None
    early = _add(store, application(engine, tracking_code="DOM-AAAA-BBBB"))
    assert early.sealed is None and early.payload["answers"]["cognome"] == "Ferraro"
    engine.learn_sealing_key()
    with store.read() as session:
        row = session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == early.uuid)).one()
        assert row.sealed is not None and "answers" not in row.payload
        # Only the platform's private key opens it.
        key = central.platform.seal.private_key()
        kid = sealing.key_id(sealing.public_text(key))
        opened = sealing.open_sealed(
            {kid: key},
            "application",
            row.uuid,
            row.sealed,
            created_at=row.created_at,
            clock_skew_s=row.clock_skew_s,
        )
        assert opened["answers"]["cognome"] == "Ferraro"


def test_a_refused_sealed_application_tells_the_manager_whom_to_call_back(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()
    refused = application(engine, tracking_code="DOM-CCCC-DDDD", form_sha256="0" * 64)
    row = _add(engine.store, refused)
    assert row.sealed is not None
    engine.push()
    with engine.store.read() as session:
        [shown] = desk_facts(session, NOW, RetentionRule(7, 7)).refused
    assert (shown.code, shown.reference) == ("form_changed", "DOM-CCCC-DDDD")
    assert (shown.name, shown.phones) == ("Anna Ferraro", ("347 123 4567",))


def test_an_envelope_moved_onto_another_record_or_damaged_is_refused_by_itself(
    engine: SyncEngine, central: Central
) -> None:
    engine.run_once()
    first = _add(engine.store, application(engine, tracking_code="DOM-EEEE-FFFF"))
    second = _add(engine.store, application(engine, tracking_code="DOM-GGGG-HHHH"))
    assert first.sealed is not None and second.sealed is not None
    with engine.store.write() as session:
        moved = session.scalars(select(OutboxEntry).where(OutboxEntry.uuid == second.uuid)).one()
        moved.sealed = first.sealed  # another record's envelope
    engine.push()
    with engine.store.read() as session:
        rows = {r.uuid: r for r in session.scalars(select(OutboxEntry))}
    assert rows[first.uuid].state == "accepted"
    assert (rows[second.uuid].state, rows[second.uuid].reject_code) == (
        "rejected",
        "unreadable_payload",
    )


def test_a_sealing_key_nothing_can_be_sealed_to_is_never_learnt() -> None:
    """The all-zero key (and the other points of small order) gives no shared secret:
    learnt, it made every citizen's record fail to seal, for good."""
    import base64

    import pytest

    from protocol import wire

    for raw in (bytes(32), (1).to_bytes(32, "little")):
        text = base64.b64encode(raw).decode()
        with pytest.raises(sealing.SealError, match="small order"):
            sealing.check_public_key(text)
        reply = {"public_key": text, "kid": sealing.key_id(text)}
        with pytest.raises(wire.ProtocolError, match="small order"):
            wire.parse_sealing_key(reply)


def test_a_record_refused_in_clear_still_tells_the_manager_whom_to_call_back(
    engine: SyncEngine, central: Central, store: Store
) -> None:
    """Refused before the kiosk knew the platform's key (or by an older version), a
    record's refusal brought no call-back details: sealed later with the others, its
    payload lost the citizen's name and phone, and the manager could call nobody."""
    from protocol.wire import Result

    engine.pull_stream("calls")  # the form; no push yet, so no key
    early = _add(store, application(engine, tracking_code="DOM-EEEE-FFFF"))
    assert early.sealed is None
    with store.write() as session:
        outbox.record_results(session, [Result(early.uuid, False, None, "form_changed", "x")])
    engine.learn_sealing_key()
    with store.read() as session:
        [shown] = desk_facts(session, NOW, RetentionRule(7, 7)).refused
    assert (shown.reference, shown.name, shown.phones) == (
        "DOM-EEEE-FFFF",
        "Anna Ferraro",
        ("347 123 4567",),
    )


def _as_sent(row: OutboxEntry) -> dict[str, Any]:
    """A sealed outbox row as a kiosk sends it (what a copy of its disk gives)."""
    return {
        "uuid": row.uuid,
        "kind": row.kind,
        "created_at": row.created_at.isoformat(),
        "clock_skew_s": row.clock_skew_s,
        "sealed": row.sealed,
    }


def _post(central: Central, token: str, entry: dict[str, Any]) -> requests.Response:
    """One entry sent with ``token``, as a kiosk sends it."""
    return requests.post(
        f"{central.url}/v1/submissions",
        json={"entries": [entry]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )


def _send(central: Central, engine: SyncEngine, entry: dict[str, Any]) -> dict[str, Any]:
    """One entry sent as the engine's kiosk sends it; the platform's answer to it."""
    answer = _post(central, vars(engine.client)["_token"], entry)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()["results"][0]
    return result


def _sent_by_another_kiosk(
    central: Central, entry: dict[str, Any], **enrolled: Any
) -> dict[str, Any]:
    """The platform's answer to ``entry`` sent with a kiosk enrolled for it (a copy of
    the first kiosk's disk, sent with another's token)."""
    other = enrolled_client(central, **enrolled)
    try:
        result: dict[str, Any] = _post(central, vars(other)["_token"], entry).json()["results"][0]
    finally:
        other.close()
    return result


def test_a_sealed_record_sent_with_another_date_opens_for_nobody(
    engine: SyncEngine, central: Central
) -> None:
    """Whoever holds a kiosk's disk (and its token) could send a sealed record with a
    date the platform refuses (``impossible_timestamp``) and be answered, as every
    refusal of a sealed record is, with the citizen's name and phones. The date is
    sealed with the record: changed, the record opens for nobody."""
    engine.run_once()
    row = _add(engine.store, application(engine, tracking_code="DOM-7KQ2-XE46"))
    assert row.sealed is not None
    made = row.created_at.replace(tzinfo=UTC)
    entry = {
        "uuid": row.uuid,
        "kind": row.kind,
        "clock_skew_s": row.clock_skew_s,
        "sealed": row.sealed,
    }
    moved = _send(central, engine, entry | {"created_at": (made + timedelta(days=3)).isoformat()})
    assert (moved["status"], moved["code"]) == ("rejected", "unreadable_payload")
    assert moved.get("contact") is None
    kept = _send(central, engine, entry | {"created_at": made.isoformat()})
    assert kept["status"] == "accepted", kept


def test_an_envelope_sent_again_by_another_kiosk_is_refused_naming_nobody(
    engine: SyncEngine, central: Central
) -> None:
    """A sealed record copied from one kiosk's disk and sent with another kiosk's token
    is a new record there, refused as a repeat (its tracking code is taken): the
    platform must not open for it the citizen's name and phones."""
    engine.run_once()
    row = _add(engine.store, application(engine, tracking_code="DOM-7KQ2-XE48"))
    assert row.sealed is not None
    entry = _as_sent(row)
    engine.push()  # the kiosk that made it delivers it
    answer = _sent_by_another_kiosk(central, entry)
    assert (answer["status"], answer["code"]) == ("rejected", "tracking_code_taken")
    assert answer.get("contact") is None


def test_an_assisted_envelope_sent_by_another_kiosk_is_refused_naming_nobody(
    engine: SyncEngine, central: Central
) -> None:
    """An assisted application copied from one kiosk's disk and sent with another's
    token is refused because the operator's proof names the first kiosk: a refusal
    about its sender, not what it says, never carries the citizen's contact."""
    engine.run_once()
    rules = ManagerSettings(idle_timeout_s=180, pin_attempts=3, lockout_s=300)
    with engine.store.write() as session:
        silvia = log_in(session, "1001", "246810", "piazzola", outbox.utcnow(), rules).manager
    assert silvia is not None
    code = "DOM-TEST-2345"
    payload = application(
        engine,
        channel="kiosk_assisted",
        assisted_by="1001",
        tracking_code=code,
        assisted_proof=assisted_proof(silvia.proof_key, code, "1001", "kiosk-test"),
    )
    row = _add(engine.store, payload)
    assert row.sealed is not None
    entry = _as_sent(row)
    thief = PlatformClient(central.url)  # another kiosk, of another name
    _device, token = thief.enroll(central.platform.new_enrollment_code("kiosk", None), "other")
    thief.close()
    answer = _post(central, token, entry).json()["results"][0]
    assert answer["status"] == "rejected", answer
    assert answer.get("contact") is None


def test_an_old_kiosks_sealed_record_opens_but_its_refusal_names_nobody(
    engine: SyncEngine, central: Central
) -> None:
    """``SPS1`` envelopes (bound to kind and UUID only, from kiosks before this one)
    still open; whoever holds one can change its date, so their refusals never carry
    the citizen's contact."""
    engine.run_once()
    payload = application(engine, tracking_code="DOM-7KQ2-XE47")
    public = central.platform.seal.public_key().public_key
    record_uuid = str(uuid.uuid4())
    recipient = X25519PublicKey.from_public_bytes(base64.b64decode(public))
    info = f"social-point/submission/1|application|{record_uuid}".encode()
    sealed = sealing.SUITE.encrypt(json.dumps(payload).encode(), recipient, info)
    legacy = f"SPS1.{sealing.key_id(public)}.{base64.b64encode(sealed).decode()}"
    later = datetime.now(UTC) + timedelta(days=3)
    refused = _send(
        central,
        engine,
        {
            "uuid": record_uuid,
            "kind": "application",
            "created_at": later.isoformat(),
            "clock_skew_s": 0,  # measured: an unmeasured record is placed when it arrived
            "sealed": legacy,
        },
    )
    assert (refused["status"], refused["code"]) == ("rejected", "impossible_timestamp")
    assert refused.get("contact") is None


def test_an_envelope_copied_after_its_call_changed_is_refused_naming_nobody(
    engine: SyncEngine, central: Central
) -> None:
    """A sealed record the kiosk delivered stays on its disk for ``keep_sent_days``. Sent
    again with another kiosk's token once its call is gone, it is refused for what it
    says (``unknown_call``) before it is seen as a repeat: it is still a copy, and the
    platform must not open for it the citizen's name and phones."""
    engine.run_once()
    row = _add(engine.store, application(engine, tracking_code="DOM-7KQ2-XE4A"))
    assert row.sealed is not None
    entry = _as_sent(row)
    engine.push()  # the kiosk that made it delivers it
    gone = requests.delete(
        f"{central.url}/v1/admin/records/calls/bs-piazzola",
        headers={"Authorization": f"Bearer {ADMIN}"},
        timeout=10,
    )
    assert gone.status_code == 200, gone.text
    answer = _sent_by_another_kiosk(central, entry, comune="piazzola")
    assert (answer["status"], answer["code"]) == ("rejected", "unknown_call")
    assert answer.get("contact") is None
