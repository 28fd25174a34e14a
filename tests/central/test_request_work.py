# SPDX-License-Identifier: EUPL-1.2
"""The work one request costs the platform, counted (not timed): what a batch, a pull or
a report repeats per entry, per row or per wallet holder while it holds the writers' turn."""

from __future__ import annotations

import copy
import json
import uuid
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event

from central import applications
from central.platform import Platform
from forms.definition import load_definition
from kiosk.core.applying import tracking_code
from protocol.messages import SubmissionEntry
from tests.forms.samples import GOOD

REF = "piazzola-buoni-spesa-2025@2025-11-03.1"


def kiosk(platform: Platform, comune: str = "piazzola", name: str = "kiosk-a") -> str:
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune=comune), name)
    return device_id


def application(platform: Platform, *, published: bool = False) -> SubmissionEntry:
    form = load_definition(platform.records("forms")[REF]["definition"], published=published)
    payload = {
        "call": "bs-piazzola",
        "form": REF,
        "form_sha256": form.sha256,
        "answers": copy.deepcopy(GOOD),
        "tracking_code": tracking_code(),
    }
    return SubmissionEntry(
        uuid=str(uuid.uuid4()), kind="application", created_at=datetime.now(UTC), payload=payload
    )


def test_a_batch_of_applications_checks_the_form_definition_and_reads_the_comuni_once(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = kiosk(platform)
    entries = [application(platform) for _ in range(20)]
    checked: list[Any] = []
    real = applications.load_definition

    def counted(data: Any, **options: Any) -> Any:
        checked.append(data)
        return real(data, **options)

    monkeypatch.setattr(applications, "load_definition", counted)
    monkeypatch.setattr(applications, "_definitions", OrderedDict(), raising=False)  # none kept
    comuni_reads: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.startswith("SELECT records.id") and tuple(parameters) == ("comuni",):
            comuni_reads.append(statement)

    event.listen(platform.engine, "before_cursor_execute", seen)
    try:
        answers = platform.submit(device, entries)
    finally:
        event.remove(platform.engine, "before_cursor_execute", seen)
    assert [a.status for a in answers] == ["accepted"] * 20
    assert len(checked) == 1  # was 20: the schema's check of the whole definition each
    assert len(comuni_reads) == 1  # was 20
    answers = platform.submit(device, [application(platform) for _ in range(5)])
    assert [a.status for a in answers] == ["accepted"] * 5
    assert len(checked) == 1  # the next batch too: the form has not changed


def test_a_definition_that_changed_under_its_ref_is_checked_again_in_full(
    platform: Platform,
) -> None:
    from central.models import Record

    device = kiosk(platform)
    [first] = platform.submit(device, [application(platform)])
    assert first.status == "accepted"
    sent = application(platform)  # made on the good definition
    with platform.writing() as session:
        record = session.get(Record, ("forms", REF))
        assert record is not None
        broken = copy.deepcopy(record.data)
        del broken["definition"]["pages"]
        record.data = broken
    [answer] = platform.submit(device, [sent])
    assert (answer.status, answer.code) == ("rejected", "unknown_form")


def _page(platform: Platform, since: int, comune: str) -> dict[str, Any]:
    page: dict[str, Any] = json.loads(platform.changes("wallet", since, 100, comune=comune))
    return page


def test_a_kiosk_cursor_moves_past_other_comuni_changes_it_scanned(platform: Platform) -> None:
    with platform.writing() as session:
        session.add(_wallet_change("p-1", "|piazzola|"))
        session.flush()
        session.add_all(_wallet_change(f"l-{i}", "|limena|") for i in range(30))
    first = _page(platform, 0, "piazzola")
    assert [item["id"] for item in first["items"]] == ["p-1"] and not first["has_more"]
    # Past Limena's changes too (was p-1's own sequence: each pull scanned them again).
    assert int(first["next_cursor"]) == int(first["head"])
    with platform.writing() as session:  # a change elsewhere, then one for Piazzola
        session.add(_wallet_change("l-new", "|limena|"))
        session.flush()
        session.add(_wallet_change("p-2", "|piazzola|"))
    second = _page(platform, int(first["next_cursor"]), "piazzola")
    assert [item["id"] for item in second["items"]] == ["p-2"]  # none skipped
    assert int(second["next_cursor"]) == int(second["head"])
    quiet = _page(platform, int(second["next_cursor"]), "piazzola")
    assert quiet["items"] == [] and quiet["next_cursor"] == second["next_cursor"]


def test_a_full_page_ends_on_its_last_change_and_a_cursor_is_never_moved_back(
    platform: Platform,
) -> None:
    with platform.writing() as session:
        session.add_all(_wallet_change(f"p-{i}", "|piazzola|") for i in range(5))
        session.flush()
        session.add_all(_wallet_change(f"l-{i}", "|limena|") for i in range(5))
    page: dict[str, Any] = json.loads(platform.changes("wallet", 0, 3, comune="piazzola"))
    seqs = _wallet_seqs(platform)
    assert page["has_more"] and int(page["next_cursor"]) == seqs["p-2"]
    beyond = int(page["head"]) + 10  # a cursor of a platform restored from an older copy
    assert _page(platform, beyond, "piazzola")["next_cursor"] == str(beyond)


def _wallet_change(record_id: str, scope: str) -> Any:
    from central.models import Change

    return Change(
        stream="wallet", kind="wallets", record_id=record_id, op="delete", data=None, scope=scope
    )


def _wallet_seqs(platform: Platform) -> dict[str, int]:
    from sqlalchemy import select

    from central.models import Change

    with platform.sessions() as session:
        rows = session.execute(
            select(Change.record_id, Change.seq).where(Change.stream == "wallet")
        ).all()
        return {record_id: seq for record_id, seq in rows}


def _event_text(entry_uuid: str, depth: int = 0) -> str:
    nested = "[" * depth + "]" * depth if depth else "0"
    return (
        f'{{"uuid":"{entry_uuid}","kind":"event","payload":{{"type":"x","d":{nested}}},'
        '"created_at":"2026-12-05T20:00:00Z"}'
    )


def test_a_payload_nested_too_deep_is_refused_by_itself_and_never_retried(
    platform: Platform, client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    _device, token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "kiosk-a")
    poison, good = str(uuid.uuid4()), [str(uuid.uuid4()) for _ in range(3)]
    texts = [_event_text(good[0]), _event_text(poison, 980), *map(_event_text, good[1:])]
    body = "[" + ",".join(texts) + "]"
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for _push in range(2):  # the same answer each time it is sent
        answer = client.post("/v1/submissions", content=f'{{"entries":{body}}}', headers=headers)
        assert answer.status_code == 200
        results = {r["uuid"]: r for r in answer.json()["results"]}
        assert (results[poison]["status"], results[poison]["code"]) == ("rejected", "invalid_entry")
        assert "nested more than 32" in results[poison]["message"]
        assert all(results[u]["status"] == "accepted" for u in good)
    assert "a batch failed" not in caplog.text  # the others went the quick way
    assert "cannot be processed now" not in caplog.text


def test_a_sealed_payload_nested_too_deep_is_refused_by_itself(
    platform: Platform, client: Any
) -> None:
    from protocol import sealing

    _device, token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "kiosk-a")
    deep: Any = 0
    for _level in range(100):
        deep = [deep]
    made = datetime.now(UTC)
    entries = []
    for payload in ({"type": "x", "d": deep}, {"type": "x"}):
        entry_uuid = str(uuid.uuid4())
        sealed = sealing.seal(
            platform.sealing_key().public_key,
            "event",
            entry_uuid,
            payload,
            created_at=made,
            clock_skew_s=None,
        )
        entries.append(
            {"uuid": entry_uuid, "kind": "event", "sealed": sealed, "created_at": made.isoformat()}
        )
    answer = client.post(
        "/v1/submissions", json={"entries": entries}, headers={"Authorization": f"Bearer {token}"}
    )
    deep_one, plain_one = answer.json()["results"]
    assert (deep_one["status"], deep_one["code"]) == ("rejected", "invalid_payload")
    assert plain_one["status"] == "accepted"


def test_a_kiosk_does_not_queue_a_payload_nested_too_deep() -> None:
    from protocol.messages import MAX_PAYLOAD_DEPTH, SubmissionRefusedError, check_submission

    deep: Any = 0
    for _level in range(MAX_PAYLOAD_DEPTH):
        deep = [deep]
    check_submission("event", {"d": deep[0]})  # exactly the limit
    with pytest.raises(SubmissionRefusedError, match="nested"):
        check_submission("event", {"d": deep})


def test_a_wallet_pin_request_never_tells_which_operator_ids_exist_where(
    platform: Platform, client: Any
) -> None:
    from datetime import timedelta

    from vouchers.wallet_key import pin_set_proof

    _device, token = platform.enroll(platform.new_enrollment_code(comune="limena"), "kiosk-l")
    cf, pin = "FRRNNA41A63E592W", "582941"

    def refusal(operator: str, issued_at: datetime) -> tuple[int, Any]:
        when = issued_at.isoformat()
        body = {
            "codice_fiscale": cf,
            "pin": pin,
            "operator": operator,
            "document": "carta d'identità",
            "issued_at": when,
            "login_proof": pin_set_proof(b"\x07" * 32, "kiosk-l", operator, cf, pin, when),
        }
        answer = client.post(
            "/v1/device/wallet-pin", json=body, headers={"Authorization": f"Bearer {token}"}
        )
        return answer.status_code, answer.json()

    now = datetime.now(UTC)
    unknown = refusal("9999", now)  # nobody
    elsewhere = refusal("1002", now)  # Piazzola's operator, at a Limena kiosk
    wrong_proof = refusal("1001", now)  # the network's operator, not logged in here
    old_and_wrong = refusal("1001", now - timedelta(hours=1))
    assert unknown[0] == 403 and "unconfirmed_operator" in str(unknown[1])
    assert unknown == elsewhere == wrong_proof == old_and_wrong


def _wrong_pin(platform: Platform, device_id: str, cf: str) -> SubmissionEntry:
    from central.kiosk_lookup import kiosk_secret, lookup_secret_in
    from forms.lookup import holder_key

    with platform.writing() as session:
        key = kiosk_secret(lookup_secret_in(session), device_id)
    return SubmissionEntry(
        uuid=str(uuid.uuid4()),
        kind="event",
        created_at=datetime.now(UTC),
        payload={"type": "wallet_pin_failed", "holder": holder_key(key, cf)},
    )


def test_wrong_pin_reports_make_a_kiosk_holder_tags_again_only_when_wallets_changed(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    from central import kiosk_lookup

    first, second = "FRRNNA41A63E592W", "RSSMRA80A01G224W"
    platform.set_wallet_pin(first, "735190", "piazzola")
    device = kiosk(platform)
    made: list[str] = []
    real = kiosk_lookup._holders_by_tag

    def counted(session: Any, reporter: Any) -> dict[str, str]:
        made.append(reporter.id)
        return real(session, reporter)

    monkeypatch.setattr(kiosk_lookup, "_holders_by_tag", counted)
    for _push in range(3):  # a report per push, as a kiosk sends them
        [answer] = platform.submit(device, [_wrong_pin(platform, device, first)])
        assert answer.status == "accepted"
    wallet = platform.wallet_holder(first)
    assert wallet is not None and wallet.failures == 3  # every report counted
    assert len(made) == 1  # was 3: a tag per holder of the Comune, on every report
    platform.set_wallet_pin(second, "735190", "piazzola")  # a new wallet: a new map
    platform.submit(device, [_wrong_pin(platform, device, second)])
    wallet = platform.wallet_holder(second)
    assert wallet is not None and wallet.failures == 1
    assert len(made) == 2
    platform.set_wallet_pin(second, "735190", "limena")  # gone to another Comune
    platform.submit(device, [_wrong_pin(platform, device, second)])
    wallet = platform.wallet_holder(second)
    assert wallet is not None and wallet.failures == 0  # (its new PIN cleared them)


@pytest.mark.parametrize(
    "condition",
    [
        {"cognome": "patrimonio > 0"},  # shown by an answer asked three pages later
        {"nome": "nome != ''"},  # shown only once it is answered
    ],
    ids=["later-answer", "itself"],
)
def test_a_form_published_before_the_checks_of_its_order_still_takes_its_applications(
    platform: Platform, condition: dict[str, str]
) -> None:
    """A kiosk refuses such a form (set aside, its earlier version kept), and the
    platform refuses to publish one; but one it published before those checks is read
    as ever: what citizens sent on it is still theirs (refused when read, the call's
    applications, some queued on kiosks, were refused for good)."""
    from central.models import Record
    from forms.definition import DefinitionError

    device = kiosk(platform)
    with platform.writing() as session:
        record = session.get(Record, ("forms", REF))
        assert record is not None
        older = copy.deepcopy(record.data)
        for page in older["definition"]["pages"]:
            for item in page["fields"]:
                if item["name"] in condition:
                    item["visible_if"] = condition[item["name"]]
        record.data = older
    with pytest.raises(DefinitionError, match="answer"):
        load_definition(older["definition"])  # as a kiosk reads it
    with pytest.raises(DefinitionError):
        load_definition(older["definition"], new=True)  # as the platform publishes one
    [answer] = platform.submit(device, [application(platform, published=True)])
    assert (answer.status, answer.code) == ("accepted", None), answer
