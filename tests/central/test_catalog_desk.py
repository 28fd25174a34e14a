# SPDX-License-Identifier: EUPL-1.2
"""Comune staff publish, edit and withdraw their services and calls on the web desk:
each form is checked with the wire contract's own types (what the admin API and the
kiosks apply), its problems told field by field in plain Italian and nothing published;
a published record goes into the kiosks' change streams; only the member's own records
(those of their Comuni) can be touched; every action is in the audit log. The platform's
real app on one real SQLite file per module, through FastAPI's TestClient over HTTPS."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.app import create_app
from central.dataset import seed_if_empty
from central.models import Change, StaffAction
from central.platform import Platform
from central.web.staff import StaffGrant, create_staff
from kiosk.boot.paths import DEMO_DATASET
from protocol import records
from tests.central.desk import PASSWORD, browser, csrf_of, log_in, text_of
from tests.central.helpers import REF, send_application


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Platform:
    folder: Path = tmp_path_factory.mktemp("catalog-desk")
    made = Platform(f"sqlite:///{folder / 'central.sqlite3'}")
    seed_if_empty(made, DEMO_DATASET)
    grant = StaffGrant(
        username="sociale.piazzola",
        password=PASSWORD,
        display_name="Servizi sociali Piazzola",
        comuni=["piazzola"],
    )
    create_staff(made, grant)
    return made


@pytest.fixture(scope="module")
def staff(platform: Platform) -> Iterator[TestClient]:
    with browser(create_app(platform)) as opened:
        assert log_in(opened, "sociale.piazzola").status_code == 303
        yield opened


SERVICE = {
    "title_it": "Pasti a domicilio per anziani",
    "title_en": "Meals at home for older people",
    "description_it": "Un pasto caldo a casa, dal lunedì al venerdì.",
    "description_en": "",
    "category": "silvercare",
    "provider": "comune-piazzola-ss",
    "booking": "buy_now",
    "price": "6,50",
    "unit": "pasto",
    "residents_of": "piazzola",
    "keywords": "pasti, pranzo, anziani",
}


def post_form(client: TestClient, page_url: str, action: str, fields: dict[str, Any]) -> Any:
    page = client.get(page_url)
    assert page.status_code == 200, page.text
    return client.post(action, data={"csrf": csrf_of(page.text), **fields})


def audit_rows(platform: Platform, target: str) -> list[tuple[str, str | None, str]]:
    with platform.sessions() as session:
        rows = session.scalars(select(StaffAction).where(StaffAction.target == target))
        return [(row.action, row.comune, row.username) for row in rows]


def changes_of(platform: Platform, kind: str, record_id: str) -> list[str]:
    with platform.sessions() as session:
        rows = session.scalars(
            select(Change).where(Change.kind == kind, Change.record_id == record_id)
        )
        return [row.op for row in rows]


def problems_of(html: str) -> dict[str, str]:
    """The error shown under each field of the form, by the field's name."""
    return {
        name: re.sub(r"\s+", " ", text_of(text)).strip()
        for name, text in re.findall(r'<p class="field-error" id="([\w]+)-error">(.*?)</p>', html)
    }


def test_a_new_service_is_published_to_the_catalog_stream_with_its_audit_row(
    staff: TestClient, platform: Platform
) -> None:
    answer = post_form(
        staff,
        "/desk/catalog/services/new",
        "/desk/catalog/services",
        {**SERVICE, "id": "pz-pasti-2026"},
    )
    assert answer.status_code == 303, text_of(answer.text)
    assert answer.headers["location"] == "/desk/catalog?done=published&id=pz-pasti-2026"
    published = platform.records("services")["pz-pasti-2026"]
    assert published["title"] == {
        "it": "Pasti a domicilio per anziani",
        "en": "Meals at home for older people",
    }
    assert published["description"] == {"it": "Un pasto caldo a casa, dal lunedì al venerdì."}
    assert (published["price_cents"], published["unit"], published["booking"]) == (
        650,
        "pasto",
        "buy_now",
    )
    assert published["residents_of"] == ["piazzola"]
    assert published["keywords"] == ["pasti", "pranzo", "anziani"]
    # What a kiosk applies to what it pulls accepts it as it is.
    records.validate_batch("services", [published])
    assert changes_of(platform, "services", "pz-pasti-2026") == ["upsert"]
    assert audit_rows(platform, "services/pz-pasti-2026") == [
        ("published", "piazzola", "sociale.piazzola")
    ]
    listed = text_of(staff.get("/desk/catalog?done=published&id=pz-pasti-2026").text)
    assert "Pubblicato: pz-pasti-2026" in listed and "Pasti a domicilio per anziani" in listed

    # Edited: the form's fields change, the languages the form does not show stay.
    platform.publish("services", {**published, "title": {**published["title"], "ro": "Mese"}})
    edited = post_form(
        staff,
        "/desk/catalog/services/pz-pasti-2026/edit",
        "/desk/catalog/services/pz-pasti-2026/edit",
        {**SERVICE, "title_it": "Pasti caldi a domicilio", "price": "7"},
    )
    assert edited.status_code == 303, text_of(edited.text)
    again = platform.records("services")["pz-pasti-2026"]
    assert again["title"] == {
        "it": "Pasti caldi a domicilio",
        "en": "Meals at home for older people",
        "ro": "Mese",
    }
    assert again["price_cents"] == 700
    assert [a for a, _c, _u in audit_rows(platform, "services/pz-pasti-2026")] == [
        "published",
        "edited",
    ]


def test_a_wrong_service_form_says_what_is_wrong_per_field_and_publishes_nothing(
    staff: TestClient, platform: Platform
) -> None:
    before = len(platform.records("services"))
    answer = post_form(
        staff,
        "/desk/catalog/services/new",
        "/desk/catalog/services",
        {
            **SERVICE,
            "id": "pasti a domicilio",  # a space
            "title_it": "   ",
            "title_en": "x" * 161,
            "description_it": "Pasti\x07caldi",  # a control character (a bell)
            "price": "sei euro",
            "unit": "",
            "category": "no-such-category",
            "residents_of": "limena",  # not this member's Comune
            "keywords": "ok, " + "y" * 41,
        },
    )
    assert answer.status_code == 422
    found = problems_of(answer.text)
    assert found == {
        "id": "Codice non valido: lettere senza accenti, cifre, punto, trattino, trattino"
        " basso o chiocciola, al massimo 64, senza spazi.",
        "title_it": "Manca: è obbligatorio.",
        "title_en": "Troppo lungo: al massimo 160 caratteri.",
        "description_it": "Contiene caratteri di controllo: li tolga.",
        "price": "Importo non valido: per esempio 12,50.",
        "category": "Scelga una delle voci dell'elenco.",
        "residents_of": "Scelga solo i suoi Comuni (almeno uno).",
        "keywords": "Troppo lungo: al massimo 40 caratteri.",
    }, found
    page = text_of(answer.text)
    assert "Non è stato pubblicato nulla" in page
    assert 'aria-invalid="true"' in answer.text and 'aria-describedby="title_it-error"' in (
        answer.text
    )
    assert 'value="sei euro"' in answer.text  # what was typed stays in the form
    assert len(platform.records("services")) == before

    # A rule of the whole record, told at its field: what is sold needs a price and a unit.
    priceless = post_form(
        staff,
        "/desk/catalog/services/new",
        "/desk/catalog/services",
        {**SERVICE, "id": "pz-senza-prezzo", "price": "", "unit": ""},
    )
    assert problems_of(priceless.text) == {
        "price": "Un servizio che si acquista o si prenota ha bisogno di prezzo e unità."
    }
    assert "pz-senza-prezzo" not in platform.records("services")
    assert audit_rows(platform, "services/pz-senza-prezzo") == []

    # English pages say it in English.
    english = post_form(
        staff,
        "/desk/catalog/services/new?lang=en",
        "/desk/catalog/services",
        {**SERVICE, "id": "pz-x", "title_it": ""},
    )
    assert problems_of(english.text) == {"title_it": "Missing: it is required."}
    staff.get("/desk/catalog?lang=it")  # the module's other tests read Italian


def test_an_amount_over_the_limit_is_told_as_money_not_cents(
    staff: TestClient, platform: Platform
) -> None:
    """A price over the contract's limit was refused with the limit in cents: "Fuori
    dai limiti ammessi (10000000)", a hundred times what may be asked."""
    for typed in ("100.000,01", "9.223.372.036.854.775.807"):
        answer = post_form(
            staff,
            "/desk/catalog/services/new",
            "/desk/catalog/services",
            {**SERVICE, "id": "pz-caro", "price": typed},
        )
        assert answer.status_code == 422
        assert problems_of(answer.text) == {
            "price": "Importo troppo alto: al massimo 100.000,00 €."
        }
        budget = call_fields(id="pz-ricco", budget="10.000.000.000,01")
        answer = post_form(staff, "/desk/catalog/calls/new", "/desk/catalog/calls", budget)
        assert problems_of(answer.text) == {
            "budget": "Importo troppo alto: al massimo 10.000.000.000,00 €."
        }
    english = post_form(
        staff,
        "/desk/catalog/services/new?lang=en",
        "/desk/catalog/services",
        {**SERVICE, "id": "pz-caro", "price": "100.000,01"},
    )
    assert problems_of(english.text) == {"price": "Amount too high: at most €100,000.00."}
    staff.get("/desk/catalog?lang=it")  # the module's other tests read Italian
    assert "pz-caro" not in platform.records("services")
    assert "pz-ricco" not in platform.records("calls")


def test_records_of_other_comuni_or_of_the_network_are_not_the_members(
    staff: TestClient, platform: Platform
) -> None:
    # s01 is for Piazzola, Campodoro and Villafranca; s04 for everyone; ce-limena is Limena's.
    for path in ("services/s01", "services/s04", "calls/ce-limena", "calls/domiciliarita-wbc"):
        assert staff.get(f"/desk/catalog/{path}/edit").status_code == 404
    page = staff.get("/desk/catalog/services/new")
    refused = staff.post(
        "/desk/catalog/services/s01/withdraw", data={"csrf": csrf_of(page.text), "confirm": "yes"}
    )
    assert refused.status_code == 404 and "s01" in platform.records("services")
    # An identifier in use is never overwritten by a new record.
    taken = post_form(
        staff, "/desk/catalog/services/new", "/desk/catalog/services", {**SERVICE, "id": "s04"}
    )
    assert problems_of(taken.text) == {"id": "Questo codice è già usato: ne scelga un altro."}
    assert platform.records("services")["s04"]["residents_of"] is None
    listed = text_of(staff.get("/desk/catalog").text)
    assert "s12" in listed and "s34" in listed  # Piazzola's own
    assert "s01" not in listed and "ce-limena" not in listed
    # Without the form's token nothing is published.
    forged = staff.post("/desk/catalog/services", data={**SERVICE, "id": "pz-forged"})
    assert forged.status_code == 403 and "pz-forged" not in platform.records("services")


def call_fields(**changes: str) -> dict[str, str]:
    opens = datetime.now() - timedelta(days=1)
    return {
        "comune": "piazzola",
        "kind": "contributo",
        "title_it": "Contributo libri scolastici",
        "title_en": "",
        "description_it": "Un aiuto per i libri di scuola.",
        "description_en": "",
        "opens_at": f"{opens:%Y-%m-%dT%H:%M}",
        "closes_at": f"{opens + timedelta(days=30):%Y-%m-%dT%H:%M}",
        "budget": "12.000,00",
        "form": "",
        "eligibility": "Residenza a Piazzola\n\nFigli a scuola",
        "documents": "Documento di identità",
        **changes,
    }


def test_a_call_is_published_checked_and_withdrawn(staff: TestClient, platform: Platform) -> None:
    backwards = call_fields(id="pz-libri", closes_at="2020-01-01T10:00", budget="molti")
    wrong = post_form(staff, "/desk/catalog/calls/new", "/desk/catalog/calls", backwards)
    assert problems_of(wrong.text) == {
        "closes_at": "La chiusura deve venire dopo l'apertura.",
        "budget": "Importo non valido: per esempio 12,50.",
    }
    assert "pz-libri" not in platform.records("calls")

    good = post_form(
        staff, "/desk/catalog/calls/new", "/desk/catalog/calls", call_fields(id="pz-libri")
    )
    assert good.status_code == 303, text_of(good.text)
    call = platform.records("calls")["pz-libri"]
    assert call["comune"] == "piazzola" and call["budget_cents"] == 1_200_000
    assert call["eligibility"] == ["Residenza a Piazzola", "Figli a scuola"]
    opens = datetime.fromisoformat(call["opens_at"])
    assert opens.utcoffset() in (timedelta(hours=1), timedelta(hours=2))  # Italian time
    records.validate_batch("calls", [call])

    # Withdrawn without applications: deleted, a tombstone for the kiosks.
    page = staff.get("/desk/catalog/calls/pz-libri/edit")
    unconfirmed = staff.post(
        "/desk/catalog/calls/pz-libri/withdraw", data={"csrf": csrf_of(page.text)}
    )
    assert unconfirmed.status_code == 422 and "pz-libri" in platform.records("calls")
    assert problems_of(unconfirmed.text) == {"confirm": "Spunti la conferma per ritirarlo."}
    gone = staff.post(
        "/desk/catalog/calls/pz-libri/withdraw", data={"csrf": csrf_of(page.text), "confirm": "yes"}
    )
    assert gone.headers["location"] == "/desk/catalog?done=withdrawn&id=pz-libri"
    assert "pz-libri" not in platform.records("calls")
    assert changes_of(platform, "calls", "pz-libri") == ["upsert", "delete"]
    assert [a for a, _c, _u in audit_rows(platform, "calls/pz-libri")] == [
        "published",
        "withdrawn",
    ]


def test_a_call_with_applications_is_closed_rather_than_deleted(
    staff: TestClient, platform: Platform
) -> None:
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-1")
    send_application(platform, device_id)  # to bs-piazzola
    page = staff.get("/desk/catalog/calls/bs-piazzola/edit")
    closed = staff.post(
        "/desk/catalog/calls/bs-piazzola/withdraw",
        data={"csrf": csrf_of(page.text), "confirm": "yes"},
    )
    assert closed.headers["location"] == "/desk/catalog?done=closed&id=bs-piazzola"
    call = platform.records("calls")["bs-piazzola"]  # kept: its applications name it
    assert datetime.fromisoformat(call["closes_at"]) <= datetime.now().astimezone()
    assert audit_rows(platform, "calls/bs-piazzola") == [("closed", "piazzola", "sociale.piazzola")]
    shown = text_of(staff.get("/desk/catalog?done=closed&id=bs-piazzola").text)
    assert "Bando chiuso: bs-piazzola" in shown


def test_a_call_closed_long_ago_keeps_its_closing_date_when_withdrawn(
    staff: TestClient, platform: Platform
) -> None:
    """Withdrawing a call with applications that had closed a month ago set its closing
    date to the moment of the withdrawal: a month more of deadline on its record."""
    now = datetime.now(platform.time_zone).replace(microsecond=0, tzinfo=None)  # as typed
    fields = call_fields(
        id="pz-chiuso",
        form=REF,
        opens_at=f"{now - timedelta(days=40):%Y-%m-%dT%H:%M}",
        closes_at=f"{now + timedelta(minutes=30):%Y-%m-%dT%H:%M}",
    )
    made = post_form(staff, "/desk/catalog/calls/new", "/desk/catalog/calls", fields)
    assert made.status_code == 303, text_of(made.text)
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-c")
    send_application(platform, device_id, call="pz-chiuso")
    long_ago = (datetime.now().astimezone() - timedelta(days=30)).replace(microsecond=0)
    call = dict(platform.records("calls")["pz-chiuso"], closes_at=long_ago.isoformat())
    platform.publish("calls", call)
    page = staff.get("/desk/catalog/calls/pz-chiuso/edit")
    closed = staff.post(
        "/desk/catalog/calls/pz-chiuso/withdraw",
        data={"csrf": csrf_of(page.text), "confirm": "yes"},
    )
    assert closed.headers["location"] == "/desk/catalog?done=closed&id=pz-chiuso"
    kept = platform.records("calls")["pz-chiuso"]
    assert datetime.fromisoformat(kept["closes_at"]) == long_ago
    assert kept["opens_at"] == call["opens_at"]
    assert [a for a, _c, _u in audit_rows(platform, "calls/pz-chiuso")] == ["published", "closed"]


def test_a_save_on_a_record_a_colleague_changed_since_the_form_opened_is_refused(
    staff: TestClient, platform: Platform
) -> None:
    """Two colleagues editing one service: the later save put back every field of the
    form it had opened, silently undoing the other's change. A save on a record that
    changed since its form was opened is refused, saying a colleague changed it; the
    record opened again saves."""
    made = post_form(
        staff, "/desk/catalog/services/new", "/desk/catalog/services", {**SERVICE, "id": "pz-due"}
    )
    assert made.status_code == 303, text_of(made.text)
    edit = "/desk/catalog/services/pz-due/edit"
    mine = staff.get(edit).text
    version = re.search(r'name="version" value="([0-9a-f]+)"', mine)
    assert version is not None
    with browser(staff.app) as colleague:
        assert log_in(colleague, "sociale.piazzola").status_code == 303
        theirs = colleague.get(edit).text
        saved = colleague.post(edit, data={**SERVICE, "price": "7,50", "csrf": csrf_of(theirs)})
        assert saved.status_code == 303, text_of(saved.text)
    renamed = {**SERVICE, "title_it": "Pasti caldi a domicilio"}
    form = {**renamed, "csrf": csrf_of(mine), "version": version[1]}
    for sent in (form, {**renamed, "csrf": csrf_of(mine)}):  # its version, or none sent
        refused = staff.post(edit, data=sent)
        assert refused.status_code == 409
        assert "Un collega ha modificato" in text_of(refused.text)
        assert version[1] in refused.text  # sent back, it is still the form opened then
    kept = platform.records("services")["pz-due"]
    assert (kept["price_cents"], kept["title"]["it"]) == (750, SERVICE["title_it"])
    assert [a for a, _c, _u in audit_rows(platform, "services/pz-due")] == [
        "published",
        "edited",
    ]
    again = staff.get(edit).text  # opened again: the colleague's price is in the form
    assert 'value="7,50"' in again
    fresh = re.search(r'name="version" value="([0-9a-f]+)"', again)
    assert fresh is not None and fresh[1] != version[1]
    renamed["price"] = "7,50"
    saved = staff.post(edit, data={**renamed, "csrf": csrf_of(again), "version": fresh[1]})
    assert saved.status_code == 303, text_of(saved.text)
    both = platform.records("services")["pz-due"]
    assert (both["price_cents"], both["title"]["it"]) == (750, "Pasti caldi a domicilio")


def test_a_calls_lists_keep_their_translations_when_staff_edit_them_in_italian(
    staff: TestClient, platform: Platform
) -> None:
    """Who can apply and what to bring travel in every language; the desk shows and
    edits their Italian, and an edit of one line loses no other line's languages."""
    created = post_form(
        staff, "/desk/catalog/calls/new", "/desk/catalog/calls", call_fields(id="pz-mense")
    )
    assert created.status_code == 303, text_of(created.text)
    call = platform.records("calls")["pz-mense"]
    residence = {"it": "Residenza a Piazzola", "ro": "Domiciliu în Piazzola"}
    platform.publish("calls", {**call, "eligibility": [residence, "Figli a scuola"]})
    page = staff.get("/desk/catalog/calls/pz-mense/edit")
    assert "Residenza a Piazzola" in page.text and "Domiciliu" not in page.text
    edited = post_form(
        staff,
        "/desk/catalog/calls/pz-mense/edit",
        "/desk/catalog/calls/pz-mense/edit",
        call_fields(eligibility="Residenza a Piazzola\nFigli alla scuola primaria"),
    )
    assert edited.status_code == 303, text_of(edited.text)
    again = platform.records("calls")["pz-mense"]
    assert again["eligibility"] == [residence, "Figli alla scuola primaria"]
    records.validate_batch("calls", [again])
