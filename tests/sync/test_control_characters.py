# SPDX-License-Identifier: EUPL-1.2
"""A NUL (or another control character but tab and newline) in any text crossing the
wire is refused with the field named, on SQLite and PostgreSQL alike: SQLite stored a
NUL that PostgreSQL refuses, so the same event was taken on one and a 500 on the other,
and a NUL reaching a kiosk's screen, speech or printer ends or garbles its text."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from forms.definition import load_definition
from protocol import sealing
from tests.forms.samples import GOOD
from tests.sync.conftest import ADMIN, Central
from tests.sync.helpers import REF

ADMIN_HEADERS = {"Authorization": f"Bearer {ADMIN}"}
CF = "FRRNNA41A63E592W"
# What no text of the contract holds: NUL first, then the other C0 controls and DEL.
UNFIT = ["\x00", "\x1b", "\x1d", "\r", "\x7f"]


def _kiosk_token(central: Central) -> str:
    code = central.platform.new_enrollment_code("kiosk", "piazzola")
    reply = requests.post(
        f"{central.url}/v1/enroll", json={"code": code, "kiosk_id": "kiosk-nul"}, timeout=10
    )
    reply.raise_for_status()
    return str(reply.json()["token"])


def _push(central: Central, token: str, entries: list[dict[str, Any]]) -> dict[str, Any]:
    reply = requests.post(
        f"{central.url}/v1/submissions",
        json={"entries": entries},
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
    )
    assert reply.status_code == 200, reply.text
    return {result["uuid"]: result for result in reply.json()["results"]}


def _entry(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    made = datetime.now(UTC).isoformat()
    return {"uuid": str(uuid.uuid4()), "kind": kind, "created_at": made, "payload": payload}


def _application(central: Central, **answers: Any) -> dict[str, Any]:
    form = load_definition(central.platform.records("forms")[REF]["definition"])
    return {
        "call": "bs-piazzola",
        "form": REF,
        "form_sha256": form.sha256,
        "tracking_code": "DOM-ABCD-EFGH",
        "answers": {**copy.deepcopy(GOOD), **answers},
    }


def _kept(central: Central) -> set[str]:
    """The submissions whose payload the platform keeps (a refusal keeps none)."""
    return {row.uuid for row in central.platform.submissions() if row.payload is not None}


# The admin API ------------------------------------------------------------------------

CALL: dict[str, Any] = {
    "id": "bando-nul",
    "comune": "piazzola",
    "kind": "contributo",
    "title": {"it": "Contributo affitti"},
    "description": {"it": "Per chi paga un affitto."},
    "opens_at": "2026-01-01T00:00:00+01:00",
    "closes_at": "2026-12-31T00:00:00+01:00",
    "eligibility": ["Residenti a Piazzola"],
    "documents": [{"it": "Contratto d'affitto"}],
}


def _call_with(field: str, text: str) -> dict[str, Any]:
    call = copy.deepcopy(CALL)
    if field in ("title", "description"):
        call[field]["it"] = text
    elif field == "eligibility":
        call[field] = [text]
    elif field == "documents":
        call[field] = [{"it": text}]
    else:
        call[field] = text
    return call


@pytest.mark.parametrize("bad", UNFIT)
@pytest.mark.parametrize("field", ["title", "description", "eligibility", "documents", "form"])
def test_an_open_event_holding_a_control_character_is_refused_naming_the_field(
    central: Central, field: str, bad: str
) -> None:
    put = f"{central.url}/v1/admin/records/calls/{CALL['id']}"
    text = f"Contributo{bad} affitti"
    reply = requests.put(put, json=_call_with(field, text), headers=ADMIN_HEADERS, timeout=20)
    assert reply.status_code == 422, reply.text
    assert f"calls.{field}" in reply.json()["detail"], reply.text
    assert CALL["id"] not in central.platform.records("calls")
    # Tab and newline are text: the same call with them is published.
    fine = _call_with(field, "Contributo\taffitti\n2026" if field != "form" else REF)
    assert requests.put(put, json=fine, headers=ADMIN_HEADERS, timeout=20).status_code == 200


def test_a_form_whose_definition_holds_a_nul_is_not_published(central: Central) -> None:
    form = copy.deepcopy(central.platform.records("forms")[REF])
    form["definition"]["pages"][0]["fields"][1]["label"]["it"] = "Cogno\x00me"
    reply = requests.put(
        f"{central.url}/v1/admin/records/forms/{REF}", json=form, headers=ADMIN_HEADERS, timeout=20
    )
    assert reply.status_code == 422, reply.text
    detail = reply.json()["detail"]
    assert "forms.definition.pages[0].fields[1].label.it: contains a NUL character" in detail
    assert central.platform.records("forms")[REF]["definition"]["pages"][0]["fields"][1]["label"][
        "it"
    ] != ("Cogno\x00me")


def _text_leaves(value: Any, place: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The place of every text in a record, however deep."""
    if isinstance(value, str):
        return [place]
    if not isinstance(value, dict | list):
        return []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    return [leaf for key, child in items for leaf in _text_leaves(child, (*place, key))]


def _with_nul_at(record: dict[str, Any], place: tuple[Any, ...]) -> dict[str, Any]:
    changed = copy.deepcopy(record)
    target: Any = changed
    for key in place[:-1]:
        target = target[key]
    text = target[place[-1]]
    target[place[-1]] = text[:1] + "\x00" + text[1:]
    return changed


@pytest.mark.parametrize(
    "kind", ["comuni", "categories", "providers", "services", "forms", "calls", "operators"]
)
def test_a_nul_in_any_text_of_any_record_is_refused_naming_its_field(
    central: Central, kind: str
) -> None:
    """Every text of one published record of each kind, in turn (the id aside: it is
    the address)."""
    record_id, record = next(iter(central.platform.records(kind).items()))
    url = f"{central.url}/v1/admin/records/{kind}/{record_id}"
    places = [place for place in _text_leaves(record) if place != ("id",)]
    assert places
    for place in places:
        reply = requests.put(
            url, json=_with_nul_at(record, place), headers=ADMIN_HEADERS, timeout=20
        )
        assert reply.status_code == 422, (place, reply.text)
        assert reply.json()["detail"].startswith(f"{kind}.{place[0]}"), (place, reply.text)
        assert "\x00" not in reply.text and "\\u0000" not in reply.text
    assert central.platform.records(kind)[record_id] == record


def _admin_bodies(central: Central) -> dict[str, tuple[str, str, dict[str, Any], str]]:
    """method, path, body with a NUL, and the field the refusal must name."""
    kiosk_id = central.platform.enroll(central.platform.new_enrollment_code(), "kiosk-r")[0]
    request = str(uuid.uuid4())
    voucher = {"cf": CF, "comune": "piazzola", "amount_cents": 1000, "request_id": request}
    return {
        "voucher programme": (
            "POST",
            "/v1/admin/vouchers",
            {**voucher, "programme": "Buoni\x00 spesa"},
            "programme",
        ),
        "credit programme": (
            "POST",
            "/v1/admin/credits",
            {"cf": CF, "programme": "Credito\x00", "balance_cents": 500},
            "programme",
        ),
        "enrollment scope": (
            "POST",
            "/v1/admin/enrollment-codes",
            {"role": "merchant", "scope": {"programmes": ["Buoni", "Bu\x00oni"]}},
            "scope.programmes[1]",
        ),
        "revocation reason": (
            "POST",
            f"/v1/admin/devices/{kiosk_id}/revoke",
            {"reason": "rubato\x00"},
            "reason",
        ),
        "status note": (
            "POST",
            "/v1/admin/applications/PROT-2026-000001/status",
            {"state": "in_review", "note": {"it": "Nota\x00"}},
            "note",
        ),
        "staff name": (
            "POST",
            "/v1/admin/staff",
            {
                "username": "ufficio",
                "password": "una-password-lunga-0123",
                "display_name": "Uff\x00icio",
                "comuni": ["piazzola"],
            },
            "display_name",
        ),
    }


def test_a_nul_in_any_admin_body_is_refused_with_422_naming_the_field(central: Central) -> None:
    vouchers_before = len(central.platform.records("vouchers"))
    credits_before = len(central.platform.records("credits"))
    for label, (method, path, body, field) in _admin_bodies(central).items():
        reply = requests.request(
            method, central.url + path, json=body, headers=ADMIN_HEADERS, timeout=20
        )
        assert reply.status_code == 422, (label, reply.status_code, reply.text)
        assert field in reply.text and "NUL" in reply.text, (label, reply.text)
        assert "\x00" not in reply.text and "\\u0000" not in reply.text, label
    assert len(central.platform.records("vouchers")) == vouchers_before
    assert len(central.platform.records("credits")) == credits_before


# A kiosk's push ------------------------------------------------------------------------


def test_an_event_holding_a_nul_anywhere_is_refused_by_itself_naming_the_field(
    central: Central,
) -> None:
    token = _kiosk_token(central)
    bad = {
        "event.type": _entry("event", {"type": "help_requested\x00"}),
        "event.note": _entry("event", {"type": "printer_alert", "note": "carta\x00"}),
        "event.list": _entry("event", {"type": "printer_alert", "x": [{"y": ["a", "b\x1b"]}]}),
        "event.key": _entry("event", {"type": "printer_alert", "k\x00": 1}),
    }
    places = {
        "event.type": "payload.type: contains a NUL character",
        "event.note": "payload.note: contains a NUL character",
        "event.list": "payload.x[0].y[1]: contains a control character (U+001B)",
        "event.key": "payload: a field's name contains a NUL character",
    }
    good = _entry("event", {"type": "printer_alert", "note": "carta\tfinita\nora"})
    for _again in range(2):  # the same answer when sent again, never "retry"
        results = _push(central, token, [*bad.values(), good])
        assert results[good["uuid"]]["status"] == "accepted"
        for label, entry in bad.items():
            answer = results[entry["uuid"]]
            assert (answer["status"], answer["code"]) == ("rejected", "invalid_payload"), label
            assert answer["message"] == places[label], (label, answer["message"])
    assert not _kept(central) & {entry["uuid"] for entry in bad.values()}


@pytest.mark.parametrize("sealed", [False, True], ids=["open", "sealed"])
@pytest.mark.parametrize(
    ("answers", "place"),
    [
        ({"nome": "An\x00na"}, "answers.nome"),
        ({"indirizzo": "Via Roma\x00 1"}, "answers.indirizzo"),
        ({"motivazione": "Riga\r\nriga"}, "answers.motivazione"),
        (
            {"membri": [{**GOOD["membri"][0], "nome_cognome": "Anna\x00"}]},
            "answers.membri[0].nome_cognome",
        ),
    ],
)
def test_an_application_holding_a_nul_in_an_answer_is_refused_naming_it(
    central: Central, answers: dict[str, Any], place: str, sealed: bool
) -> None:
    token = _kiosk_token(central)
    entry = _entry("application", _application(central, **answers))
    if sealed:
        public = central.platform.sealing_key().public_key
        made = datetime.fromisoformat(entry["created_at"])
        entry["sealed"] = sealing.seal(
            public,
            "application",
            entry["uuid"],
            entry.pop("payload"),
            created_at=made,
            clock_skew_s=None,
        )
    answer = _push(central, token, [entry])[entry["uuid"]]
    assert (answer["status"], answer["code"]) == ("rejected", "invalid_payload"), answer
    assert answer["message"].startswith(f"payload.{place}"), answer["message"]
    assert entry["uuid"] not in _kept(central)
