# SPDX-License-Identifier: EUPL-1.2
"""One published status per application. Its key is the tracking code and the codice
fiscale (forms/lookup.py), so the platform refuses an application whose key another
application already has (``tracking_code_taken``): its status would replace the other's,
and the Comune's decision with it. The wire takes only the kiosk's own tracking codes,
and the desk reads an application's state from its own status. The platform's real app
on SQLite and PostgreSQL, in-process, the desk through FastAPI's TestClient over HTTPS."""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select

from central.app import create_app
from central.dataset import seed_if_empty
from central.models import Record
from central.platform import Platform, submissions
from central.web import review
from central.web.staff import StaffGrant, create_staff
from forms import lookup
from forms.definition import load_definition
from kiosk.boot.paths import DEMO_DATASET
from kiosk.core.applying import tracking_code
from protocol import messages
from protocol.messages import ApplicationPayload, SubmissionEntry, SubmissionResult
from tests.central.desk import ADMIN_TOKEN, PASSWORD, browser, csrf_of, log_in
from tests.forms.samples import GOOD
from tests.sync.helpers import store_batches

REF = "piazzola-buoni-spesa-2025@2025-11-03.1"
CF = "FRRNNA41A63E592W"  # GOOD's applicant


@pytest.fixture
def platform(platform_database: str) -> Iterator[Platform]:
    """The demo platform on SQLite and on PostgreSQL (tests/sync/conftest.py), with a
    Limena call on Piazzola's form."""
    made = Platform(platform_database)
    seed_if_empty(made, DEMO_DATASET)
    for username, comuni in (("sociale.piazzola", ["piazzola"]), ("sociale.limena", ["limena"])):
        grant = StaffGrant(
            username=username, password=PASSWORD, display_name=username, comuni=comuni
        )
        create_staff(made, grant)
    call = dict(made.records("calls")["bs-piazzola"])
    made.publish("calls", {**call, "id": "bs-limena", "comune": "limena"})
    yield made
    made.engine.dispose()


@pytest.fixture
def app(platform: Platform) -> Any:
    return create_app(platform, admin_token=ADMIN_TOKEN)


def staff(app: Any, username: str) -> TestClient:
    opened = browser(app)
    assert log_in(opened, username).status_code == 303
    return opened


@pytest.fixture
def piazzola(app: Any) -> Iterator[TestClient]:
    with staff(app, "sociale.piazzola") as opened:
        yield opened


@pytest.fixture
def limena(app: Any) -> Iterator[TestClient]:
    with staff(app, "sociale.limena") as opened:
        yield opened


def kiosk(platform: Platform, comune: str, name: str) -> str:
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune=comune), name)
    return device_id


def entry(platform: Platform, code: str, call: str = "bs-piazzola") -> SubmissionEntry:
    form = load_definition(platform.records("forms")[REF]["definition"])
    payload = {
        "call": call,
        "form": REF,
        "form_sha256": form.sha256,
        "answers": copy.deepcopy(GOOD),
        "tracking_code": code,
    }
    return SubmissionEntry(
        uuid=str(uuid.uuid4()), kind="application", created_at=datetime.now(UTC), payload=payload
    )


def send(platform: Platform, device_id: str, *sent: SubmissionEntry) -> list[SubmissionResult]:
    return platform.submit(device_id, list(sent))


def decide(client: TestClient, protocol: str, state: str, note: str = "") -> None:
    page = client.get(f"/desk/applications/{protocol}")
    assert page.status_code == 200
    answer = client.post(
        f"/desk/applications/{protocol}/state",
        data={"csrf": csrf_of(page.text), "state": state, "note": note},
    )
    assert answer.status_code == 303, answer.text


def statuses(platform: Platform) -> list[tuple[str, str]]:
    with platform.sessions() as session:
        rows = session.scalars(select(Record).where(Record.kind == "application_statuses"))
        return sorted((str(r.data["protocol"]), str(r.data["state"])) for r in rows)


def state_at_the_desk(platform: Platform, protocol: str, comuni: list[str]) -> str | None:
    with platform.sessions() as session:
        found = review.applicant(session, platform, protocol, comuni)
    return found[2] if found is not None else None


def test_a_second_application_under_the_same_code_and_codice_fiscale_is_refused(
    platform: Platform, piazzola: TestClient
) -> None:
    """The reviewer's case: another Comune's kiosk sends an application with the first
    one's tracking code and codice fiscale. It is refused, and Piazzola's decision
    stays what the citizen and the desk see."""
    code = tracking_code()
    [first] = send(platform, kiosk(platform, "piazzola", "k-pz"), entry(platform, code))
    assert first.status == "accepted" and first.server_id
    decide(piazzola, first.server_id, "not_admitted", "ISEE troppo alto")
    [second] = send(
        platform, kiosk(platform, "limena", "k-li"), entry(platform, code, call="bs-limena")
    )
    assert (second.status, second.code, second.server_id) == (
        "rejected",
        "tracking_code_taken",
        None,
    )
    assert statuses(platform) == [(first.server_id, "not_admitted")]
    assert state_at_the_desk(platform, first.server_id, ["piazzola"]) == "not_admitted"
    # Another code, or the same code for another codice fiscale, is another application.
    [other] = send(platform, kiosk(platform, "limena", "k-li2"), entry(platform, tracking_code()))
    assert other.status == "accepted"


@pytest.mark.parametrize("way", ["together", "in_turn", "one_by_one"])
def test_two_applications_under_one_code_in_one_batch_are_not_both_taken(
    platform: Platform, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    """The check sees the applications accepted earlier in the same batch, however it
    is stored: the first one is taken, the second refused."""
    store_batches(monkeypatch, way)
    code = tracking_code()
    device = kiosk(platform, "piazzola", "k-1")
    first, second = send(platform, device, entry(platform, code), entry(platform, code))
    assert first.status == "accepted"
    assert (second.status, second.code) == ("rejected", "tracking_code_taken")
    assert statuses(platform) == [(str(first.server_id), "received")]


def test_the_wire_takes_only_the_kiosk_s_own_tracking_codes(platform: Platform) -> None:
    """What a kiosk makes passes (it is the code a citizen types back at the status
    look-up); anything else is refused before the platform reads its records."""
    assert messages.TRACKING_ALPHABET == lookup.TRACKING_ALPHABET
    for _ in range(200):
        code = tracking_code()
        assert lookup.tracking_code(code) == code
        payload = entry(platform, code).payload
        ApplicationPayload.model_validate(payload)
    bad = [
        "DOM-0000-1111",  # 0 and 1 are not in the kiosk's alphabet
        "DOM-ABCD-EFGI",
        "dom-abcd-efgh",
        "DOM-ABCD-EFG",
        "DOM-ABCD-EFGHJ",
        "DOMABCDEFGH",
        "XDOM-ABCD-EFGH",
        "DOM-ABCD-EFGH\n",
        "ABCD",
    ]
    device = kiosk(platform, "piazzola", "k-1")
    for code in bad:
        sent = entry(platform, code)
        with pytest.raises(ValidationError):
            ApplicationPayload.model_validate(sent.payload)
        [answer] = send(platform, device, sent)
        assert (answer.status, answer.code) == ("rejected", "invalid_payload"), code
    without = entry(platform, "DOM-ABCD-EFGH")
    assert isinstance(without.payload, dict)
    del without.payload["tracking_code"]
    [answer] = send(platform, device, without)
    assert (answer.status, answer.code) == ("rejected", "invalid_payload")


def test_the_desk_reads_an_application_s_state_from_its_own_status(
    platform: Platform, piazzola: TestClient, limena: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database from before the check may hold two applications under one key, the
    later one's status in place of the first's: the desk never gives the first the
    other's state (a buono issued on a refused application)."""
    code = tracking_code()
    [first] = send(platform, kiosk(platform, "piazzola", "k-pz"), entry(platform, code))
    assert first.server_id
    decide(piazzola, first.server_id, "not_admitted")
    with monkeypatch.context() as older:  # the platform as it was, without the check
        older.setattr(submissions, "status_holder", lambda _session, _key: None)
        [second] = send(
            platform, kiosk(platform, "limena", "k-li"), entry(platform, code, call="bs-limena")
        )
    assert second.status == "accepted" and second.server_id
    decide(limena, second.server_id, "admitted")
    assert state_at_the_desk(platform, second.server_id, ["limena"]) == "admitted"
    assert state_at_the_desk(platform, first.server_id, ["piazzola"]) != "admitted"
    issued = len(platform.records("vouchers"))
    page = piazzola.get(f"/desk/applications/{first.server_id}")
    once = re.search(r'name="once" value="([^"]*)"', page.text)
    piazzola.post(
        f"/desk/applications/{first.server_id}/voucher",
        data={
            "csrf": csrf_of(page.text),
            "once": once[1] if once else "",
            "programme": "Buoni spesa 2026",
            "amount": "150,00",
            "valid_days": "30",
        },
    )
    assert len(platform.records("vouchers")) == issued  # no buono on a refused application
