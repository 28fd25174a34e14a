# SPDX-License-Identifier: EUPL-1.2
"""Submissions no kiosk makes, sent over loopback HTTP to the reference platform: each is
refused by itself with a code, the same on every push, never answered "retry" for ever
nor with a 500 (a kiosk sends a batch that got a 5xx again, and gets it again)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from central.platform import Platform

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
