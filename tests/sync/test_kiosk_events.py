# SPDX-License-Identifier: EUPL-1.2
"""Events the kiosk makes of its own state, against the real platform over loopback.

A help call, a printer's alert, a record set aside, a refusal dealt with: no citizen's
form checked their texts. Each is checked as the platform checks it before it is queued
(store/outbox.py ``add_event``), and a text the kiosk did not write itself (a key of a
platform's record, a platform's refusal code) is made to fit where it enters: the
platform refused such an event ("invalid_payload"), and it waited on the manager's desk
as a refused record instead of telling the platform what happened.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.boot.config import ConfigError, parse_config
from kiosk.core.help_call import record_help_request
from kiosk.core.refusals import mark_dealt_with
from printing import print_queue
from printing.connection import PrinterError, State, Status
from printing.slip import Slip, Text
from protocol import wire
from protocol.messages import SubmissionRefusedError
from store import outbox, set_aside
from store.database import Store
from store.models import OutboxEntry
from sync.engine import SyncEngine
from tests.printing.waits import eventually
from tests.printing.workers import working
from tests.sync.conftest import Central
from tests.sync.helpers import inject

ROOT = Path(__file__).resolve().parents[2]
SLIP = Slip("Ricevuta", (Text("Pasti a domicilio"),))


def events_at(central: Central, kind: str) -> list[dict[str, Any]]:
    return [
        s.payload
        for s in central.platform.submissions()
        if s.kind == "event" and s.payload and s.payload.get("type") == kind
    ]


def states(store: Store) -> list[tuple[str, str | None]]:
    with store.read() as session:
        rows = session.execute(
            select(OutboxEntry.state, OutboxEntry.reject_code).where(OutboxEntry.kind == "event")
        ).all()
    return [(state, code) for state, code in rows]


def test_a_record_named_with_control_characters_is_reported_once_and_taken(
    central: Central, engine: SyncEngine, store: Store
) -> None:
    """A category whose label holds a language key with ESC: the kiosk sets it aside,
    and its reason named the key as sent. The report was refused by the platform."""
    engine.run_once()
    category = central.platform.records("categories")["childcare"]
    bad = {**category, "label": {**category["label"], "it\x1b[2J": "cancella lo schermo"}}
    inject(central.platform, "categories", "childcare", bad)
    engine.run_once()
    engine.run_once()  # the report goes out with the next push
    [reported] = events_at(central, "record_set_aside")
    assert reported["kind"] == "categories" and reported["id"] == "childcare"
    assert "\x1b" not in reported["reason"] and "it?[2J" in reported["reason"]
    assert states(store) == [("accepted", None)]
    with store.read() as session:  # the manager reads the same words
        [aside] = set_aside.waiting(session)
    assert aside.reason == reported["reason"]


def test_a_refusal_code_with_control_characters_is_dealt_with_and_taken(
    central: Central, engine: SyncEngine, store: Store
) -> None:
    """A record refused with a code holding control characters (as a kiosk stored it
    before its replies' codes were cleaned): the manager's "dealt with" reaches the
    platform, once, its code made plain."""
    with store.write() as session:
        entry = outbox.add(session, "purchase", {"order": "AC-1", "payment": "desk"})
    with store.write() as session:
        refused = wire.Result(entry, False, None, "bad\x1b[0m\x00", "refused")
        outbox.record_results(session, [refused])
        assert mark_dealt_with(session, entry, "1001", "kiosk-01", "citizen_told", outbox.utcnow())
    engine.run_once()
    engine.run_once()
    [dealt] = events_at(central, "refusal_dealt_with")
    assert dealt["code"] == "bad?[0m?" and dealt["record"] == entry
    assert states(store) == [("accepted", None)]


def test_a_help_call_from_a_kiosk_with_an_odd_name_reaches_the_platform_once(
    central: Central, engine: SyncEngine, store: Store, tmp_path: Path
) -> None:
    """The Social Point's name may hold any printable text (quotes, right-to-left, an
    emoji); a control character is refused by the configuration, and the kiosk's id
    is a name of letters and digits: the help call carries only that."""
    odd = 'name = "Sportello «Città» \u202eأهلا 🙂"'
    config = parse_config(f'[social_point]\n{odd}\n[kiosk]\nid = "limena-1"\n')
    assert config.social_point.name.startswith("Sportello")
    with pytest.raises(ConfigError, match="control characters"):
        parse_config('[social_point]\nname = "Sportello\\u001b[2J"\n')
    with pytest.raises(ConfigError, match=r"kiosk\.id"):
        parse_config('[kiosk]\nid = "limena\\u0007"\n')
    with store.write() as session:
        record_help_request(session, config.kiosk_id)
    engine.run_once()
    engine.run_once()  # nothing goes twice
    assert events_at(central, "help_requested") == [{"type": "help_requested", "kiosk": "limena-1"}]
    assert states(store) == [("accepted", None)]


# What a printer's driver may say of itself: control characters, and far too long.
DEVICE_SAYS = "TM-T20III\x1b@\x00 paper\r\x07 " * 40


class TalkativePrinter:
    """Out of paper, with a model and status text no contract takes."""

    def describe(self) -> str:
        return DEVICE_SAYS

    def status(self) -> Status:
        return Status(State.PAPER_OUT, DEVICE_SAYS)

    def send(self, data: bytes) -> Status:
        raise PrinterError(DEVICE_SAYS, 0, maybe_printed=False, state=State.PAPER_OUT)


def test_a_printer_saying_odd_things_is_reported_once_and_taken(
    central: Central, engine: SyncEngine, store: Store
) -> None:
    """The alert carries the printer's state as the kiosk reads it, never the device's
    own words: the platform takes it, once."""
    with store.write() as session:
        print_queue.add(session, SLIP, "receipt", "PR-0001")
    with working(store, TalkativePrinter()):
        eventually(lambda: states(store) != [])
    engine.run_once()
    engine.run_once()
    assert events_at(central, "printer_alert") == [
        {"type": "printer_alert", "state": "paper_out", "waiting_kind": "receipt"}
    ]
    assert states(store) == [("accepted", None)]


@pytest.mark.parametrize(
    "event",
    [
        {"type": "printer_alert", "state": "paper\x1bout"},
        {"type": "help_requested", "kiosk": "k" * 201},
        {"type": "help_requested", "kiosk": 7},
        {"type": "note", "text": "a\ud800"},
    ],
    ids=["control character", "too long", "not a text", "half a character"],
)
def test_an_event_the_platform_would_refuse_fails_where_it_is_made(
    store: Store, event: dict[str, Any]
) -> None:
    with store.write() as session, pytest.raises(SubmissionRefusedError):
        outbox.add_event(session, event)
    assert states(store) == []


def test_a_refusal_code_reaches_the_store_plain() -> None:
    body = {"results": [{"uuid": "u1", "status": "rejected", "code": "bad\x1b\x00"}]}
    [result] = wire.parse_results(body, sent=["u1"])
    assert result.code == "bad??"


def test_every_event_the_kiosk_makes_is_checked_before_it_is_queued() -> None:
    """No module of the kiosk queues an event past ``outbox.add_event``."""
    unchecked = []
    for folder in ("kiosk", "store", "sync", "printing", "vouchers", "forms"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "add"
                    and any(
                        isinstance(arg, ast.Constant) and arg.value == "event" for arg in node.args
                    )
                ):
                    unchecked.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert unchecked == []
