# SPDX-License-Identifier: EUPL-1.2
"""Submissions no kiosk makes, sent over loopback HTTP to the reference platform: each is
refused by itself with a code, the same on every push, never answered "retry" for ever
nor with a 500 (a kiosk sends a batch that got a 5xx again, and gets it again)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from central.platform import Platform
from forms.definition import load_definition
from protocol import sealing
from protocol.messages import SubmissionEntry, SubmissionResult
from tests.forms.samples import GOOD

REF = "piazzola-buoni-spesa-2025@2025-11-03.1"
PUSHES = 2  # a refusal is the same on the next push; "retry" would come again


def _kiosk(platform: Platform) -> dict[str, str]:
    code = platform.new_enrollment_code("kiosk", "piazzola")
    _device, token = platform.enroll(code, "kiosk-hostile")
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def _entry_text(entry_uuid: str, payload_text: str, kind: str = "event") -> str:
    """An entry as JSON text, its payload as given (JSON escapes, NaN: as sent)."""
    made = datetime.now(UTC).isoformat()
    return (
        f'{{"uuid":"{entry_uuid}","kind":"{kind}","created_at":"{made}","payload":{payload_text}}}'
    )


def _push(url: str, headers: dict[str, str], entries: list[str]) -> dict[str, dict[str, Any]]:
    body = '{"entries":[' + ",".join(entries) + "]}"
    reply = requests.post(f"{url}/v1/submissions", data=body.encode(), headers=headers, timeout=10)
    assert reply.status_code == 200, reply.text[:300]
    return {result["uuid"]: result for result in reply.json()["results"]}


# Fields the platform looks up, not as text: each raised in a check or in what follows an
# accepted event (a list is not hashable, a lone surrogate cannot be encoded).
NOT_TEXT = {
    "type a list": '{"type": ["wallet_opened"]}',
    "type an object": '{"type": {"x": 1}}',
    "type a number": '{"type": 7}',
    "operator a list": '{"type": "assisted_session", "operator": ["1001"]}',
    "operator a number": '{"type": "assisted_session", "operator": 1001, "at": "x", "proof": "y"}',
    "wallet an object": '{"type": "wallet_opened", "wallet": {"a": 1}, "at": "x", "proof": "y"}',
    "holder a list": '{"type": "wallet_pin_failed", "holder": ["ab"]}',
    "at a list": '{"type": "wallet_opened", "wallet": "w", "at": [1], "proof": "y"}',
    "proof a number": '{"type": "wallet_opened", "wallet": "w", "at": "x", "proof": 5}',
}


@pytest.mark.parametrize("payload", NOT_TEXT.values(), ids=NOT_TEXT.keys())
def test_an_event_whose_read_fields_are_not_text_is_refused_by_itself(
    platform: Platform, desk_url: str, payload: str, caplog: pytest.LogCaptureFixture
) -> None:
    headers = _kiosk(platform)
    good, bad = str(uuid.uuid4()), str(uuid.uuid4())
    entries = [_entry_text(good, '{"type": "help_requested"}'), _entry_text(bad, payload)]
    for _push_again in range(PUSHES):
        results = _push(desk_url, headers, entries)
        assert results[good]["status"] == "accepted"
        assert (results[bad]["status"], results[bad]["code"]) == ("rejected", "invalid_payload")
        assert results[bad]["message"].startswith("payload.")  # names the field
    assert "cannot be processed now" not in caplog.text


# Half a character (a lone surrogate, as a JSON escape carries it) in a text the
# platform looks up, in one it only keeps, in a key, deep in a list; of every kind.
LONE_SURROGATES = {
    "operator": ("event", '{"type": "assisted_session", "operator": "\\ud800"}'),
    "at": (
        "event",
        '{"type": "assisted_session", "operator": "1001", "at": "\\udfff", "proof": "ab"}',
    ),
    "wallet": ("event", '{"type": "wallet_opened", "wallet": "\\ud800", "at": "x", "proof": "y"}'),
    "holder": ("event", '{"type": "wallet_pin_failed", "holder": "a\\ud800"}'),
    "proof": ("event", '{"type": "wallet_opened", "wallet": "w", "at": "x", "proof": "\\ud800"}'),
    "a kept text": ("event", '{"type": "record_set_aside", "reason": "rotto \\ud800"}'),
    "a key": ("event", '{"type": "help_requested", "\\ud800": 1}'),
    "deep in a list": ("event", '{"type": "printer_alert", "x": [[{"y": ["\\udc00"]}]]}'),
    "an application's answer": (
        "application",
        '{"call": "bs-piazzola", "answers": {"nome": "\\ud800"}}',
    ),
    "a purchase's phone": ("purchase", '{"order": "O-1", "phone": "333\\udfff"}'),
}


@pytest.mark.parametrize("kind, payload", LONE_SURROGATES.values(), ids=LONE_SURROGATES.keys())
def test_a_lone_surrogate_anywhere_in_a_payload_is_refused_before_any_look_up(
    platform: Platform, desk_url: str, kind: str, payload: str, caplog: pytest.LogCaptureFixture
) -> None:
    headers = _kiosk(platform)
    good, bad = str(uuid.uuid4()), str(uuid.uuid4())
    entries = [_entry_text(good, '{"type": "help_requested"}'), _entry_text(bad, payload, kind)]
    for _push_again in range(PUSHES):
        results = _push(desk_url, headers, entries)
        assert results[good]["status"] == "accepted"
        assert (results[bad]["status"], results[bad]["code"]) == ("rejected", "invalid_entry")
        assert "lone surrogate" in results[bad]["message"]
        assert "\ud800" not in results[bad]["message"]  # never the value sent
    assert "cannot be processed now" not in caplog.text
    assert bad not in {row.uuid for row in platform.submissions()}


def _sealed_entry(platform: Platform, kind: str, plain: bytes) -> tuple[str, str]:
    """An entry whose envelope holds ``plain`` as it is: what a kiosk's token and the
    platform's public key let anyone send (``SPS2``, bound as protocol/sealing.py binds)."""
    public = platform.sealing_key().public_key
    recipient = X25519PublicKey.from_public_bytes(base64.b64decode(public))
    entry_uuid, made = str(uuid.uuid4()), datetime.now(UTC)
    when = made.isoformat(timespec="microseconds")
    info = f"social-point/submission/2|{kind}|{entry_uuid}|{when}|".encode()
    envelope = base64.b64encode(sealing.SUITE.encrypt(plain, recipient, info)).decode()
    sealed = f"{sealing.PREFIX}.{sealing.key_id(public)}.{envelope}"
    entry = {"uuid": entry_uuid, "kind": kind, "created_at": made.isoformat(), "sealed": sealed}
    return entry_uuid, json.dumps(entry)


def _application(platform: Platform, call: str = "bs-piazzola", **answers: Any) -> dict[str, Any]:
    form = load_definition(platform.records("forms")[REF]["definition"])
    return {
        "call": call,
        "form": REF,
        "form_sha256": form.sha256,
        "tracking_code": "DOM-ABCD-EFGH",
        "answers": {**GOOD, **answers},
    }


def _with(platform: Platform, marker: str, call: str = "bs-piazzola") -> str:
    """An application whose ``nome`` is ``marker`` in its JSON text, to be replaced."""
    return json.dumps(_application(platform, call, nome="MARKER")).replace('"MARKER"', marker)


def _sealed_hostile(platform: Platform) -> dict[str, tuple[str, bytes]]:
    purchase = {
        "order": "O-1",
        "total_cents": 1400,
        "payment": "provider",
        "lines": [{"service": "s01", "quantity": 1, "unit_price_cents": 1400}],
    }
    return {
        "event NaN": ("event", b'{"type": "help_requested", "x": NaN}'),
        "event Infinity": ("event", b'{"type": "help_requested", "x": Infinity}'),
        "event -Infinity": ("event", b'{"type": "help_requested", "x": [-Infinity]}'),
        "event 1e400": ("event", b'{"type": "help_requested", "x": {"y": 1e400}}'),
        "event lone surrogate escape": ("event", b'{"type": "help_requested", "x": "\\ud800"}'),
        "event lone surrogate key": ("event", b'{"type": "help_requested", "\\udfff": 1}'),
        "event encoded surrogate": ("event", b'{"type": "help_requested", "x": "\xed\xa0\x80"}'),
        "application name NaN": ("application", _with(platform, "NaN").encode()),
        "application closed, name surrogate": (
            "application",
            _with(platform, '"\\ud800"', call="no-such-call").encode(),
        ),
        "purchase total NaN": (
            "purchase",
            json.dumps(purchase).replace("1400,", "NaN,", 1).encode(),
        ),
    }


def test_a_sealed_payload_is_read_by_the_open_wires_rules_before_anything_is_stored(
    platform: Platform, desk_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """NaN, Infinity, 1e400 and half a character are refused in the open (invalid_entry);
    sealed, Python's reader took them: a NaN was stored (on SQLite as JSON no reader
    takes, on PostgreSQL as null), and a lone surrogate in a refused application's name
    made its call-back raise after the batch was stored: a 500 on every push."""
    headers = _kiosk(platform)
    hostile = _sealed_hostile(platform)
    sent = {label: _sealed_entry(platform, kind, plain) for label, (kind, plain) in hostile.items()}
    good = str(uuid.uuid4())
    entries = [_entry_text(good, '{"type": "help_requested"}'), *(e for _u, e in sent.values())]
    for _push_again in range(PUSHES):
        results = _push(desk_url, headers, entries)
        assert results[good]["status"] == "accepted"
        for label, (entry_uuid, _entry) in sent.items():
            answer = results[entry_uuid]
            assert (answer["status"], answer["code"]) == ("rejected", "invalid_payload"), label
            assert answer["message"].startswith("payload"), label
    stored = {row.uuid for row in platform.submissions()}
    assert not stored & {entry_uuid for entry_uuid, _entry in sent.values()}
    assert "Traceback" not in caplog.text


def test_a_well_formed_sealed_record_is_still_taken_and_its_refusal_still_calls_back(
    platform: Platform, desk_url: str
) -> None:
    """The open wire's rules let through what a kiosk seals (protocol.sealing.seal)."""
    headers = _kiosk(platform)
    public = platform.sealing_key().public_key
    made = datetime.now(UTC)
    answers = {"nome": "Zoë", "cognome": "Đurić 李"}  # text beyond ASCII, whole characters
    entries = []
    for call in ("bs-piazzola", "no-such-call"):
        entry_uuid = str(uuid.uuid4())
        payload = _application(platform, call, **answers)
        payload["tracking_code"] = "DOM-ABCD-EFG" + ("H" if call == "bs-piazzola" else "J")
        sealed = sealing.seal(
            public, "application", entry_uuid, payload, created_at=made, clock_skew_s=None
        )
        entries.append(
            json.dumps(
                {
                    "uuid": entry_uuid,
                    "kind": "application",
                    "created_at": made.isoformat(),
                    "sealed": sealed,
                }
            )
        )
    taken, refused = _push(desk_url, headers, entries).values()
    assert taken["status"] == "accepted", taken
    assert (refused["status"], refused["code"]) == ("rejected", "unknown_call")
    assert refused["contact"]["name"] == "Zoë Đurić 李"


def test_a_call_back_that_cannot_be_written_is_left_out_never_raised(platform: Platform) -> None:
    """After the batch is stored nothing may fail its answers: a contact with half a
    character is written with "?" in its place (a 500 would come back on every push)."""
    payload = _application(platform, "no-such-call", nome="Anna\ud800", telefono="333\udfff")
    entry = SubmissionEntry.model_construct(  # as no wire reading would let it through
        uuid=str(uuid.uuid4()),
        kind="application",
        created_at=datetime.now(UTC),
        payload=payload,
    )
    refusal = SubmissionResult(uuid=entry.uuid, status="rejected", code="unknown_call")
    _device_id, token = platform.enroll(platform.new_enrollment_code("kiosk"), "kiosk-1")
    sender = platform.device_for(token)
    assert sender is not None
    [answer] = platform.with_call_backs([entry], [refusal], {entry.uuid}, sender)
    assert answer.contact is not None
    assert answer.contact.name.startswith("Anna?")
    assert answer.contact.phones == ["333?"]
    answer.model_dump_json()  # the reply is written


@pytest.mark.parametrize(
    "plain",
    [
        b'{"x": NaN}',
        b'{"x": -Infinity}',
        b'{"x": 1e400}',
        b'{"\\ud800": 1}',
        b'{"x": "\xed\xb0\x80"}',
    ],
    ids=["NaN", "-Infinity", "1e400", "escaped surrogate key", "encoded surrogate"],
)
def test_an_envelope_opens_only_on_json_the_open_wire_takes(plain: bytes) -> None:
    key = sealing.new_private_key()
    public = sealing.public_text(key)
    made = datetime.now(UTC)
    entry_uuid = str(uuid.uuid4())
    whole = sealing.seal(public, "event", entry_uuid, {"x": 1.5}, created_at=made, clock_skew_s=0)
    keys = {sealing.key_id(public): key}
    opened = sealing.open_sealed(keys, "event", entry_uuid, whole, created_at=made, clock_skew_s=0)
    assert opened == {"x": 1.5}
    recipient = X25519PublicKey.from_public_bytes(base64.b64decode(public))
    when = made.isoformat(timespec="microseconds")
    info = f"social-point/submission/2|event|{entry_uuid}|{when}|0".encode()
    envelope = base64.b64encode(sealing.SUITE.encrypt(plain, recipient, info)).decode()
    sealed = f"{sealing.PREFIX}.{sealing.key_id(public)}.{envelope}"
    with pytest.raises(sealing.UnfitPayloadError):
        sealing.open_sealed(keys, "event", entry_uuid, sealed, created_at=made, clock_skew_s=0)
