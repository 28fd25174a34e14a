# SPDX-License-Identifier: EUPL-1.2
"""A protocol number belongs to one record. A kiosk may ask for a number back only with
the platform's own receipt of that very record (sent again after a restore): a number
merely named in ``server_id`` is not taken, and the platform never gives a number that a
stored record already holds. The platform's real app on SQLite and PostgreSQL,
in-process, the desk through FastAPI's TestClient over HTTPS."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.acceptance import Receipts
from central.app import create_app
from central.dataset import seed_if_empty
from central.models import Submission
from central.platform import Platform
from central.web import review
from central.web.staff import StaffGrant, create_staff
from forms.definition import load_definition
from kiosk.boot.paths import DEMO_DATASET
from kiosk.core.applying import tracking_code
from protocol.messages import SubmissionEntry, submission_hash
from tests.central.desk import ADMIN_TOKEN, PASSWORD, browser, log_in
from tests.forms.samples import GOOD
from tests.sync.helpers import store_batches

REF = "piazzola-buoni-spesa-2025@2025-11-03.1"
CITIZEN = "FRRNNA41A63E592W"  # GOOD's applicant
THIEF = "RSSMRA80A01G224W"
YEAR = datetime.now(UTC).year


@pytest.fixture
def platform(platform_database: str) -> Iterator[Platform]:
    """The demo platform on SQLite and on PostgreSQL (tests/sync/conftest.py)."""
    made = Platform(platform_database)
    seed_if_empty(made, DEMO_DATASET)
    grant = StaffGrant(
        username="sociale.piazzola", password=PASSWORD, display_name="Ufficio", comuni=["piazzola"]
    )
    create_staff(made, grant)
    yield made
    made.engine.dispose()


@pytest.fixture
def staff(platform: Platform) -> Iterator[TestClient]:
    with browser(create_app(platform, admin_token=ADMIN_TOKEN)) as opened:
        assert log_in(opened, "sociale.piazzola").status_code == 303
        yield opened


def kiosk(platform: Platform, name: str) -> str:
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), name)
    return device_id


def entry(
    platform: Platform,
    cf: str = CITIZEN,
    server_id: str | None = None,
    receipt: str | None = None,
) -> SubmissionEntry:
    form = load_definition(platform.records("forms")[REF]["definition"])
    answers: dict[str, Any] = copy.deepcopy(GOOD)
    if cf != CITIZEN:
        answers.update(cf=cf, nome="Mario", cognome="Rossi")
        answers["membri"][0].update(cf_membro=cf, nome_cognome="Mario Rossi")
        answers["membri"][0].update(data_nascita="1980-01-01")
    payload = {
        "call": "bs-piazzola",
        "form": REF,
        "form_sha256": form.sha256,
        "answers": answers,
        "tracking_code": tracking_code(),
    }
    return SubmissionEntry(
        uuid=str(uuid.uuid4()),
        kind="application",
        created_at=datetime.now(UTC),
        payload=payload,
        server_id=server_id,
        receipt=receipt,
    )


def receipt_for(platform: Platform, device_id: str, sent: SubmissionEntry, number: str) -> str:
    """The platform's own receipt of ``sent`` under ``number``, as it would have given it."""
    with platform.sessions() as session:
        digest = submission_hash(sent.kind, sent.payload)
        return Receipts(session).of(device_id, sent.uuid, digest, number)


def holders(platform: Platform, number: str) -> list[tuple[str, str]]:
    with platform.sessions() as session:
        rows = session.scalars(select(Submission).where(Submission.server_id == number))
        return [(row.device_id, str((row.payload or {})["answers"]["cf"]).upper()) for row in rows]


def test_a_number_named_without_a_receipt_is_not_taken_from_the_citizen_it_will_go_to(
    platform: Platform, staff: TestClient
) -> None:
    """The reviewer's attack: a rogue kiosk names the number the platform will give the
    third application; the citizen's application gets it, and it is hers alone."""
    rogue, honest = kiosk(platform, "k-rogue"), kiosk(platform, "k-honest")
    squat = f"PROT-{YEAR}-000003"
    [taken] = platform.submit(rogue, [entry(platform, THIEF, server_id=squat)])
    assert taken.status == "accepted" and taken.server_id != squat
    [first] = platform.submit(honest, [entry(platform)])
    [citizen] = platform.submit(honest, [entry(platform)])
    assert (citizen.status, citizen.server_id) == ("accepted", squat)
    assert holders(platform, squat) == [(honest, CITIZEN)]
    numbers = [taken.server_id, first.server_id, citizen.server_id]
    assert len(set(numbers)) == 3
    with platform.sessions() as session:
        found = review.applicant(session, platform, squat, ["piazzola"])
    assert found is not None and found[0] == CITIZEN
    page = staff.get(f"/desk/applications/{squat}")
    assert page.status_code == 200 and CITIZEN in page.text and THIEF not in page.text


def test_a_receipt_of_another_record_names_no_number(platform: Platform) -> None:
    """A genuine receipt proves only the record it was given for: sent with another
    record (another UUID or payload), the number asked for is not given."""
    device = kiosk(platform, "k-1")
    mine = entry(platform)
    receipt = receipt_for(platform, device, mine, f"PROT-{YEAR}-000042")
    other = entry(platform, THIEF, server_id=f"PROT-{YEAR}-000042", receipt=receipt)
    [answer] = platform.submit(device, [other])
    assert answer.status == "accepted" and answer.server_id != f"PROT-{YEAR}-000042"
    assert holders(platform, f"PROT-{YEAR}-000042") == []


@pytest.mark.parametrize("way", ["together", "in_turn", "one_by_one"])
def test_a_number_a_record_already_holds_is_never_given_again(
    platform: Platform, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    """A record sent again with its receipt keeps its number, here one this database
    would give next (a copy whose restore went unnoticed): the next records skip it,
    however the batch is stored, and no two records share a number."""
    store_batches(monkeypatch, way)
    device = kiosk(platform, "k-1")
    ahead = [f"PROT-{YEAR}-000002", f"PROT-{YEAR}-000004"]
    back = []
    for number in ahead:  # accepted under these numbers before the restore
        resent = entry(platform)
        proof = receipt_for(platform, device, resent, number)
        back.append(resent.model_copy(update={"server_id": number, "receipt": proof}))
    answers = platform.submit(device, back)
    assert [(a.status, a.server_id) for a in answers] == [("accepted", n) for n in ahead]
    fresh = platform.submit(device, [entry(platform) for _ in range(3)])
    assert all(a.status == "accepted" for a in fresh), fresh
    given = [a.server_id for a in answers + fresh]
    assert len(set(given)) == len(given) == 5
    assert not {a.server_id for a in fresh} & set(ahead)
    for number in given:
        assert number is not None and len(holders(platform, number)) == 1
