# SPDX-License-Identifier: EUPL-1.2
"""Comune staff review applications on the web desk: the list filtered by call, state
and date, one application with its answers, a decision published to the kiosks'
statuses stream, and every action in an audit log (page and CSV), all within the
member's Comuni. The platform's real app on one real SQLite file per module, through
FastAPI's TestClient over HTTPS."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import re
import sqlite3
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from central.app import create_app
from central.dataset import seed_if_empty
from central.models import (
    Change,
    Device,
    ImportedGrantFile,
    MerchantAccount,
    PlatformSecret,
    Redemption,
    StaffAction,
    Submission,
    WalletHolder,
)
from central.platform import Platform, PublishError
from central.voucher_authority import RedeemRequest
from central.web import accounts, audit, ledger, review
from central.web import comune as comune_web
from central.web.staff import StaffGrant, create_staff
from forms.lookup import holder_key, status_key
from kiosk.boot.paths import DEMO_DATASET
from protocol.messages import SubmissionEntry
from protocol.records import STREAM_OF
from tests.central.desk import PASSWORD, browser, csrf_of, log_in, text_of
from tests.central.helpers import send_application
from tests.sync.wallets import PIN
from vouchers.codes import Signer, VoucherClaims, encode, new_voucher_id
from vouchers.keys import public_key_text
from vouchers.wallet_key import WalletKey, open_sealed

CF = "FRRNNA41A63E592W"  # GOOD's applicant


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Platform:
    folder: Path = tmp_path_factory.mktemp("comune-desk")
    made = Platform(f"sqlite:///{folder / 'central.sqlite3'}")
    seed_if_empty(made, DEMO_DATASET)
    for username, comuni in (("sociale.piazzola", ["piazzola"]), ("sociale.limena", ["limena"])):
        grant = StaffGrant(
            username=username, password=PASSWORD, display_name=f"Ufficio {username}", comuni=comuni
        )
        create_staff(made, grant)
    return made


@pytest.fixture(scope="module")
def sent(platform: Platform) -> dict[str, tuple[str, str]]:
    """Three applications from a Piazzola kiosk; the oldest came in ten days ago."""
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-1")
    made = {
        "anna": send_application(platform, device_id),
        "bruno": send_application(platform, device_id, nome="Bruno", cognome="Verdi"),
        "carla": send_application(platform, device_id, nome="Carla", cognome="Neri"),
    }
    old = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=10)
    with platform.sessions.begin() as session:
        session.execute(
            update(Submission)
            .where(Submission.server_id == made["carla"][0])
            .values(received_at=old)
        )
    return made


@pytest.fixture(scope="module")
def staff(platform: Platform) -> Iterator[TestClient]:
    """One logged-in browser of Piazzola's staff for the module."""
    with browser(create_app(platform)) as opened:
        assert log_in(opened, "sociale.piazzola").status_code == 303
        yield opened


def _unzipped(response: Any) -> bytes:
    """A download's bytes; an Excel file's (a zip) as the text of all its parts."""
    body: bytes = response.content
    if not body.startswith(b"PK"):
        return body
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def decide(client: TestClient, protocol: str, state: str, note: str = "") -> Any:
    page = client.get(f"/desk/applications/{protocol}")
    return client.post(
        f"/desk/applications/{protocol}/state",
        data={"csrf": csrf_of(page.text), "state": state, "note": note},
    )


def test_a_note_for_the_citizen_goes_out_in_english_too(
    staff: TestClient, platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-2")
    protocol, code = send_application(platform, device_id)  # its own: others test states
    page = staff.get(f"/desk/applications/{protocol}")
    english_only = staff.post(
        f"/desk/applications/{protocol}/state",
        data={"csrf": csrf_of(page.text), "state": "in_review", "note": "", "note_en": "Soon."},
    )
    assert english_only.status_code == 422
    assert "Scriva la nota anche in italiano" in text_of(english_only.text)
    both = staff.post(
        f"/desk/applications/{protocol}/state",
        data={
            "csrf": csrf_of(page.text),
            "state": "in_review",
            "note": "La esaminiamo entro venerdì.",
            "note_en": "We will look at it by Friday.",
        },
    )
    assert both.status_code == 303
    record = platform.records("application_statuses")[
        status_key(platform.lookup_secret(), code, CF)
    ]
    assert record["note"] == {
        "it": "La esaminiamo entro venerdì.",
        "en": "We will look at it by Friday.",
    }
    shown = staff.get(f"/desk/applications/{protocol}").text
    assert ">We will look at it by Friday.</textarea>" in shown  # kept for the next edit
    assert "en: We will look at it by Friday." in text_of(staff.get("/desk/audit").text)


def test_a_note_written_on_several_lines_in_a_browser_is_published(
    staff: TestClient, platform: Platform
) -> None:
    """A browser sends a text box's line breaks as CRLF: that was a 500. The kiosks get
    the lines; a character they cannot show is refused in words, nothing published."""
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-3")
    protocol, code = send_application(platform, device_id)
    page = staff.get(f"/desk/applications/{protocol}")
    lines = staff.post(
        f"/desk/applications/{protocol}/state",
        data={
            "csrf": csrf_of(page.text),
            "state": "needs_documents",
            "note": "Mancano documenti:\r\n- ISEE 2026\r\n- carta d'identità",
            "note_en": "Documents missing:\r- ISEE 2026",
        },
    )
    assert lines.status_code == 303
    record = platform.records("application_statuses")[
        status_key(platform.lookup_secret(), code, CF)
    ]
    assert record["note"] == {
        "it": "Mancano documenti:\n- ISEE 2026\n- carta d'identità",
        "en": "Documents missing:\n- ISEE 2026",
    }
    unreadable = staff.post(
        f"/desk/applications/{protocol}/state",
        data={"csrf": csrf_of(page.text), "state": "admitted", "note": "Ammessa\x07"},
    )
    assert unreadable.status_code == 422
    assert "caratteri che i totem non possono mostrare" in text_of(unreadable.text)
    state = platform.records("application_statuses")[
        status_key(platform.lookup_secret(), code, CF)
    ]["state"]
    assert state == "needs_documents"


def test_dates_at_the_ends_of_the_calendar_filter_without_error(
    staff: TestClient, sent: dict[str, tuple[str, str]]
) -> None:
    for query in ("from=0001-01-01", "to=0001-01-01", "from=9999-12-31", "to=9999-12-31"):
        assert staff.get(f"/desk/applications?{query}").status_code == 200, query
    everything = text_of(staff.get("/desk/applications?from=0001-01-01&to=9999-12-31").text)
    for protocol, _code in sent.values():
        assert protocol in everything


def test_colleagues_opening_applications_at_once_are_all_answered(
    platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    """Opening one writes its audit row: those writes take turns with the platform's
    others instead of racing them (four colleagues at once were answered "busy")."""
    app = create_app(platform)
    protocols = [protocol for protocol, _code in sent.values()]
    answers: list[int] = []

    def colleague() -> None:
        with browser(app) as own:
            assert log_in(own, "sociale.piazzola").status_code == 303
            for round_ in range(15):
                answers.append(own.get(f"/desk/applications/{protocols[round_ % 3]}").status_code)

    threads = [threading.Thread(target=colleague) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert answers == [200] * 60


def test_staff_filter_applications_by_call_state_and_date(
    staff: TestClient, platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    everything = text_of(staff.get("/desk/applications").text)
    for protocol, _code in sent.values():
        assert protocol in everything
    assert "Ferraro Anna" in everything and "Verdi Bruno" in everything
    # Other tests of the module send applications of their own: count the listed ones.
    listed = len(review.applications(platform, ["piazzola"]))
    assert listed >= 3 and f"{listed} domande" in everything

    week_ago = (datetime.now(UTC) - timedelta(days=7)).date().isoformat()
    recent = text_of(staff.get("/desk/applications", params={"from": week_ago}).text)
    assert sent["carla"][0] not in recent and sent["anna"][0] in recent
    older = text_of(staff.get("/desk/applications", params={"to": week_ago}).text)
    assert sent["carla"][0] in older and sent["anna"][0] not in older

    none = text_of(staff.get("/desk/applications", params={"call": "affitto-villafranca"}).text)
    assert "0 domande" in none  # a call of another Comune is not even offered
    bad = staff.get("/desk/applications", params={"from": "31/02/2026"})
    assert bad.status_code == 422 and "Una data non è valida" in text_of(bad.text)


def test_a_decision_reaches_the_statuses_stream_and_the_filter(
    staff: TestClient, platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    protocol, code = sent["bruno"]
    page = staff.get(f"/desk/applications/{protocol}")
    shown = text_of(page.text)
    assert "Codice fiscale " + CF in shown and "Comune di residenza Piazzola sul Brenta" in shown
    assert "Componenti del nucleo familiare 2: Nome e cognome Matteo Bianchi" in shown
    assert "Importo calcolato dal bando 250,00 €" in shown  # 2 people, 1 under 18

    answer = decide(staff, protocol, "needs_documents", "Porti l'ISEE in Comune.")
    assert answer.status_code == 303
    assert "Stato pubblicato" in text_of(staff.get(answer.headers["location"]).text)
    key = status_key(platform.lookup_secret(), code, CF)
    record = platform.records("application_statuses")[key]
    assert (record["state"], record["protocol"]) == ("needs_documents", protocol)
    assert record["note"] == {"it": "Porti l'ISEE in Comune."}
    page_of_changes = json.loads(platform.changes(STREAM_OF["application_statuses"], 0, 1000))
    assert {"id": key, "state": "needs_documents"}.items() <= page_of_changes["items"][-1][
        "data"
    ].items()

    waiting = text_of(staff.get("/desk/applications", params={"state": "needs_documents"}).text)
    assert protocol in waiting and sent["anna"][0] not in waiting

    assert decide(staff, protocol, "approved").status_code == 422  # not a state
    assert decide(staff, protocol, "admitted", "x" * 1001).status_code == 422
    assert platform.records("application_statuses")[key]["state"] == "needs_documents"


def test_every_staff_action_is_in_the_audit_log_and_its_csv(
    staff: TestClient, sent: dict[str, tuple[str, str]]
) -> None:
    protocol = sent["anna"][0]
    assert decide(staff, protocol, "in_review").status_code == 303
    log = text_of(staff.get("/desk/audit").text)
    assert f"sociale.piazzola ha aperto la domanda {protocol}" in log
    assert f"sociale.piazzola ha cambiato lo stato {protocol} in_review" in log
    exported = staff.get("/desk/audit.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["Data", "Chi", "Comune", "Cosa", "Su cosa", "Dettagli"]
    assert ["sociale.piazzola", "piazzola", "ha cambiato lo stato", protocol, "in_review"] in [
        row[1:] for row in rows
    ]
    assert "ha esportato audit.csv" in text_of(staff.get("/desk/audit").text)


def test_the_audit_exports_hold_every_row_and_the_page_says_it_shows_the_newest(
    staff: TestClient, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each opening of an application adds a row: the exports used to stop at the
    newest 1000 rows, without a word, and the page did not say there were more."""
    monkeypatch.setattr(audit, "EXPORT_PAGE", 50)  # many pages for a few rows
    old = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=400)
    with platform.sessions.begin() as session:  # a year of rows, ten to an instant
        for n in range(audit.SHOWN_LIMIT + 205):
            session.add(
                StaffAction(
                    at=old + timedelta(seconds=n // 10),
                    account_id="x",
                    username="sociale.piazzola",
                    comune="piazzola",
                    action="viewed",
                    target=f"OLD-{n}",
                    detail="",
                )
            )
    with platform.sessions() as session:
        mine = select(StaffAction.id).where(StaffAction.comune == "piazzola")
        stored = len(list(session.scalars(mine)))
    page = staff.get("/desk/audit")
    assert page.text.count('<td class="code"') == audit.SHOWN_LIMIT
    assert "Qui sono mostrate le 1000 azioni più recenti" in text_of(page.text)
    assert "i file CSV ed Excel le contengono tutte" in text_of(page.text)

    rows = list(csv.reader(io.StringIO(staff.get("/desk/audit.csv").text)))[1:]
    assert len(rows) == stored  # every row there was when it was asked for
    old_ones = [row[4] for row in rows if row[4].startswith("OLD-")]
    assert sorted(old_ones) == sorted(f"OLD-{n}" for n in range(audit.SHOWN_LIMIT + 205))
    assert old_ones[0] == f"OLD-{audit.SHOWN_LIMIT + 204}"  # newest first; an instant's by id
    cells, _xml = sheet_of(staff.get("/desk/audit.xlsx"))
    assert len(cells) - 1 == stored + 1  # and the CSV's own "exported" row
    assert [c.value for c in cells[1]][3] == "ha esportato"
    assert f"{stored + 1} rows" in text_of(staff.get("/desk/audit").text)


def test_staff_of_another_comune_see_neither_the_applications_nor_the_log(
    platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    protocol = sent["anna"][0]
    with browser(create_app(platform)) as other:
        assert log_in(other, "sociale.limena").status_code == 303
        assert protocol not in other.get("/desk/applications").text
        assert other.get(f"/desk/applications/{protocol}").status_code == 404
        page = other.get("/desk/applications")
        refused = other.post(
            f"/desk/applications/{protocol}/state",
            data={"csrf": csrf_of(page.text), "state": "admitted", "note": ""},
        )
        assert refused.status_code == 404
        assert protocol not in other.get("/desk/audit").text
    with browser(create_app(platform)) as nobody:  # not logged in: to the login page
        assert nobody.get("/desk/applications").headers["location"] == "/desk/login"


def test_a_decision_needs_the_page_s_csrf_token(
    staff: TestClient, platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    protocol, code = sent["carla"]
    forged = staff.post(
        f"/desk/applications/{protocol}/state", data={"csrf": "0" * 64, "state": "admitted"}
    )
    assert forged.status_code == 403
    key = status_key(platform.lookup_secret(), code, CF)
    assert platform.records("application_statuses")[key]["state"] == "received"


# Buoni spesa and credits for admitted applicants -----------------------------------------


def vouchers_of(platform: Platform, codice_fiscale: str) -> list[dict[str, Any]]:
    holder = holder_key(platform.lookup_secret(), codice_fiscale)
    return [v for v in platform.records("vouchers").values() if v["holder"] == holder]


def upload(client: TestClient, text: str, name: str = "buoni.csv") -> Any:
    page = client.get("/desk/grants")
    return client.post(
        "/desk/grants",
        data={"csrf": csrf_of(page.text)},
        files={"file": (name, text.encode(), "text/csv")},
    )


def admitted_application(platform: Platform, staff: TestClient) -> str:
    """A new application of GOOD's applicant from a kiosk of its own, admitted."""
    code = platform.new_enrollment_code(comune="piazzola")
    device_id, _token = platform.enroll(code, f"k-{uuid.uuid4().hex[:8]}")
    protocol, _tracking = send_application(platform, device_id)
    assert decide(staff, protocol, "admitted").status_code == 303
    return protocol


def test_staff_issue_a_buono_spesa_to_an_admitted_applicant_only(
    staff: TestClient, platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    admitted, waiting = sent["anna"][0], sent["carla"][0]
    assert decide(staff, admitted, "admitted").status_code == 303
    before = {v["id"] for v in vouchers_of(platform, CF)}
    page = staff.get(f"/desk/applications/{admitted}")
    assert "Emetti un buono spesa" in text_of(page.text)
    assert 'value="250,00"' in page.text  # the amount the call computes, offered
    once = re.search(r'name="once" value="([^"]*-voucher)"', page.text)
    assert once is not None, "the form is sent once"
    form = {
        "csrf": csrf_of(page.text),
        "once": once[1],
        "programme": "Buoni spesa 2026",
        "amount": "150,00",
        "valid_days": "30",
    }
    answer = staff.post(f"/desk/applications/{admitted}/voucher", data=form)
    assert answer.status_code == 303, text_of(answer.text)
    twice = staff.post(f"/desk/applications/{admitted}/voucher", data=form)  # a double click
    assert twice.status_code == 422 and "già stato inviato" in text_of(twice.text)
    [voucher] = [v for v in vouchers_of(platform, CF) if v["id"] not in before]
    assert (voucher["amount_cents"], voucher["comune"], voucher["programme"]) == (
        15_000,
        "piazzola",
        "Buoni spesa 2026",
    )
    issued = platform.issued_voucher(voucher["id"])
    assert issued is not None and issued.device_id == "platform"  # the platform's own key
    # The code is shown to the staff, never put in the address (nor the access log).
    assert voucher["code"] not in answer.headers["location"]
    shown = text_of(staff.get(answer.headers["location"]).text)
    assert f"Buono emesso: {voucher['code']}" in shown
    assert f"ha emesso un buono: Buoni spesa 2026: 150,00 €, 30 giorni, {voucher['id']}" in shown
    # The code alone redeems the buono: the audit log, on every view of the application
    # and in its exports, names the voucher by its id.
    assert shown.count(voucher["code"]) == 1
    for export in ("/desk/audit.csv", "/desk/audit.xlsx"):
        exported = staff.get(export)
        assert exported.status_code == 200 and voucher["id"].encode() in _unzipped(exported)
        assert voucher["code"].encode() not in _unzipped(exported)
    again = text_of(staff.get(f"/desk/applications/{admitted}").text)
    assert voucher["code"] not in again and voucher["id"] in again
    # Shown once, to whoever issued it: not to a colleague given the same address, nor
    # to a bare flag, nor to the same browser once the moment has passed.
    with browser(staff.app) as colleague:
        assert log_in(colleague, "sociale.piazzola").status_code == 303
        assert voucher["code"] not in colleague.get(answer.headers["location"]).text
    bare = staff.get(f"/desk/applications/{admitted}?issued=1").text
    assert voucher["code"] not in bare
    # A colleague's buono issued meanwhile is not shown by this member's address.
    with browser(staff.app) as colleague:
        assert log_in(colleague, "sociale.piazzola").status_code == 303
        page = colleague.get(f"/desk/applications/{admitted}")
        once = re.search(r'name="once" value="([^"]*-voucher)"', page.text)
        assert once is not None
        theirs = colleague.post(
            f"/desk/applications/{admitted}/voucher",
            data={**form, "csrf": csrf_of(page.text), "once": once[1], "amount": "20,00"},
        )
        assert theirs.status_code == 303
    [their_voucher] = [
        v for v in vouchers_of(platform, CF) if v["id"] not in before | {voucher["id"]}
    ]
    mine = text_of(staff.get(answer.headers["location"]).text)
    assert voucher["code"] in mine and their_voucher["code"] not in mine
    later = time.time() + comune_web.ISSUED_SHOWN_S + 1
    with pytest.MonkeyPatch.context() as clock:
        clock.setattr(comune_web.time, "time", lambda: later)
        assert voucher["code"] not in staff.get(answer.headers["location"]).text

    page = staff.get(f"/desk/applications/{waiting}")
    assert "Emetti un buono spesa" not in text_of(page.text)  # not admitted: no form
    refused = staff.post(
        f"/desk/applications/{waiting}/voucher",
        data={"csrf": csrf_of(page.text), "programme": "Buoni spesa 2026", "amount": "150"},
    )
    assert refused.status_code == 422
    assert f"la domanda {waiting} non è ammessa" in text_of(refused.text)
    for amount in ("0", "dieci", "200000"):
        wrong = staff.post(
            f"/desk/applications/{admitted}/voucher",
            data={"csrf": csrf_of(page.text), "programme": "Buoni spesa 2026", "amount": amount},
        )
        assert wrong.status_code == 422, amount
    assert len(vouchers_of(platform, CF)) == len(before) + 2  # its own and the colleague's


def test_the_voucher_form_suggests_the_application_s_comune_s_programmes_only(
    staff: TestClient, platform: Platform
) -> None:
    """The suggestions listed the programmes of vouchers issued for every Comune, and
    the form was filled in with the first name in alphabetical order, whoever's."""
    platform.issue_voucher(CF, "limena", "Affitto Limena - casi riservati", 1_000)
    for username, comuni, programme in (
        ("negozio.limena", ["limena"], "Assegno Limena riservato"),
        ("negozio.piazzola", ["piazzola"], "Bonus negozi Piazzola"),
    ):
        accounts.create_merchant(
            platform,
            accounts.MerchantGrant(
                username=username,
                password=PASSWORD,
                display_name=username,
                iban="IT61X0306909606100000012345",
                programmes=[programme],
                comuni=comuni,
            ),
        )
    page = staff.get(f"/desk/applications/{admitted_application(platform, staff)}")
    listed = re.search(r'<datalist id="programmes">(.*?)</datalist>', page.text, re.S)
    assert listed is not None
    names = re.findall(r'<option value="([^"]*)"', listed[1])
    assert "Bonus negozi Piazzola" in names
    assert not [name for name in names if "Limena" in name], names
    filled = re.search(r'id="voucher-programme"[^>]*value="([^"]*)"', page.text)
    assert filled is not None and filled[1] == names[0]


def test_a_csv_file_is_issued_whole_or_not_at_all_with_errors_per_line(
    staff: TestClient, platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    admitted, waiting = sent["anna"][0], sent["carla"][0]
    assert decide(staff, admitted, "admitted").status_code == 303
    before = {v["id"] for v in vouchers_of(platform, CF)}
    credits_before = dict(platform.records("credits"))
    bad = (
        "protocollo;tipo;iniziativa;importo;giorni\n"
        f"{admitted};buono;Buoni spesa 2026;100,00;60\n"
        f"{waiting};buono;Buoni spesa 2026;100,00;60\n"
        f"{admitted};regalo;Buoni spesa 2026;100,00;60\n"
        f"{admitted};buono;Buoni spesa 2026;cento;60\n"
        "PROT-1999-999999;credito;Credito welfare;50;\n"
        f"{admitted};credito;Credito welfare 2026;80,00;\n"
    )
    refused = upload(staff, bad)
    assert refused.status_code == 422
    shown = text_of(refused.text)
    assert "Il file non è stato importato e non è stato emesso niente" in shown
    assert "Riga 4: tipo «regalo» sconosciuto" in shown
    assert "Riga 5: importo «cento» non valido" in shown
    # The lines that read well are checked against the platform all the same: every
    # problem of the file is told in one answer.
    assert f"Riga 3: la domanda {waiting} non è ammessa" in shown
    assert "Riga 6: nessuna domanda PROT-1999-999999" in shown
    assert {v["id"] for v in vouchers_of(platform, CF)} == before
    assert platform.records("credits") == credits_before
    refused = upload(staff, "\n".join(bad.splitlines()[:3] + bad.splitlines()[5:6]))
    shown = text_of(refused.text)
    assert f"Riga 3: la domanda {waiting} non è ammessa" in shown
    assert "Riga 4: nessuna domanda PROT-1999-999999" in shown
    assert {v["id"] for v in vouchers_of(platform, CF)} == before
    assert platform.records("credits") == credits_before

    other = admitted_application(platform, staff)  # the same citizen's: one line each
    good = (
        "protocol,kind,programme,amount,valid_days\r\n"
        f"{admitted},voucher,Buoni spesa 2026,100.00,60\r\n"
        f"{other},credit,Credito welfare 2026,80,\r\n"
    )
    answer = upload(staff, good)
    assert answer.status_code == 200, text_of(answer.text)
    assert "File importato: 2 righe, 1 buoni emessi." in text_of(answer.text)
    new = [v["amount_cents"] for v in vouchers_of(platform, CF) if v["id"] not in before]
    assert new == [10_000]
    credit = platform.records("credits")[holder_key(platform.lookup_secret(), CF)]
    assert (credit["programme"], credit["balance_cents"]) == ("Credito welfare 2026", 8_000)
    assert "ha importato un file buoni.csv 2 righe, 1 buoni" in text_of(
        staff.get("/desk/audit").text
    )
    # The same file again (a second click, the page reloaded): nothing issued twice.
    again = upload(staff, good)
    assert again.status_code == 422 and "già stato importato" in text_of(again.text)
    # Saved again by a spreadsheet: a BOM, ";" and other line ends, the columns in
    # another order, "100" for "100.00", a blank line. Other bytes, the same buoni.
    resaved = (
        "\ufeffimporto;giorni;protocollo;iniziativa;tipo\n"
        f"80;;{other};Credito welfare 2026;credito\n\n"
        f"100;60;{admitted};Buoni spesa 2026;buono\n"
    )
    again = upload(staff, resaved, "buoni (copia).csv")
    assert again.status_code == 422 and "già stato importato" in text_of(again.text)
    assert [v["amount_cents"] for v in vouchers_of(platform, CF) if v["id"] not in before] == [
        10_000
    ]
    # The same lines a week on are another decision (next month's buoni): issued. The
    # very same file stays refused.
    with platform.sessions.begin() as session:
        for imported in session.scalars(select(ImportedGrantFile)):
            imported.imported_at -= timedelta(days=8)
    assert upload(staff, resaved, "buoni-gennaio.csv").status_code == 200
    assert upload(staff, good).status_code == 422
    assert [v["amount_cents"] for v in vouchers_of(platform, CF) if v["id"] not in before] == [
        10_000,
        10_000,
    ]
    assert (
        platform.records("credits")[holder_key(platform.lookup_secret(), CF)]["balance_cents"]
        == 8_000
    )
    # A cell longer than the csv module reads: the file is refused, never a 500.
    huge = upload(
        staff, f"protocollo;tipo;iniziativa;importo\n{admitted};buono;{'x' * 140_000};1\n"
    )
    assert huge.status_code == 422 and "non si legge come CSV" in text_of(huge.text)
    for broken, message in (
        (b"\xff\xfe nonsense", "non è un CSV in UTF-8"),
        (b"protocollo;importo\n", "mancano le colonne: kind, programme"),
        (b"", "il file è vuoto"),
    ):
        page = staff.get("/desk/grants")
        answer = staff.post(
            "/desk/grants",
            data={"csrf": csrf_of(page.text)},
            files={"file": ("x.csv", broken, "text/csv")},
        )
        assert answer.status_code == 422 and message in text_of(answer.text)
    forged = staff.post(
        "/desk/grants", data={"csrf": "0" * 64}, files={"file": ("x.csv", good.encode())}
    )
    assert forged.status_code == 403
    assert len(vouchers_of(platform, CF)) == len(before) + 2  # the file, and a week on


def test_a_line_with_more_cells_than_the_header_is_refused_never_cut(
    staff: TestClient, platform: Platform
) -> None:
    """150,50 unquoted in a file with "," between columns is two cells: the buono was
    issued for 150,00 € and the 50 dropped without a word. A line with cells past the
    header's columns, or too few for the required ones, is refused, saying how to fix
    it, and nothing in the file is issued."""
    protocol, other = admitted_application(platform, staff), admitted_application(platform, staff)
    before = {v["id"] for v in vouchers_of(platform, CF)}
    for bad, line in (
        (f"protocollo,tipo,iniziativa,importo\n{protocol},buono,Buoni spesa 2026,150,50\n", 2),
        (
            f"protocollo,tipo,iniziativa,importo,giorni\r\n"
            f"{other},buono,Buoni spesa 2026,20,30\r\n"
            f"{protocol},buono,Buoni spesa 2026,150,50,30\r\n",
            3,
        ),
    ):
        refused = upload(staff, bad)
        shown = text_of(refused.text)
        assert refused.status_code == 422, shown
        assert f"Riga {line}: la riga ha più celle delle colonne" in shown
        assert '"150,50"' in shown and "punto e virgola" in shown
    short = (
        f"protocollo;tipo;iniziativa;importo\n{other};buono;Buoni spesa 2026;5\n{protocol};buono\n"
    )
    refused = upload(staff, short)
    assert refused.status_code == 422
    assert "Riga 3: la riga ha solo 2 celle" in text_of(refused.text)
    assert {v["id"] for v in vouchers_of(platform, CF)} == before
    # Empty cells past the header (a spreadsheet's trailing ";;") are no problem; a
    # quoted amount is one cell.
    fine = f'protocollo,tipo,iniziativa,importo,,\n{protocol},buono,Buoni spesa 2026,"150,50",,\n'
    answer = upload(staff, fine)
    assert answer.status_code == 200, text_of(answer.text)
    new = [v["amount_cents"] for v in vouchers_of(platform, CF) if v["id"] not in before]
    assert new == [15_050]


def test_problems_name_the_line_in_the_file_and_a_mac_csv_is_read(
    staff: TestClient, platform: Platform
) -> None:
    """A quoted cell may span lines: a problem names the line the office sees in its
    editor, not the record's number. A file with "\\r" alone between lines (Excel for
    Mac) reads as any other."""
    protocol, other = admitted_application(platform, staff), admitted_application(platform, staff)
    spanning = (
        "protocollo;tipo;iniziativa;importo\r\n"
        f'{protocol};buono;"Buoni spesa\r\n2026";50,00\r\n'
        f"{other};buono;Buoni spesa 2026;12,345\r\n"
    )
    shown = text_of(upload(staff, spanning).text)
    assert "Riga 4: importo «12,345» non valido" in shown, shown
    before = {v["id"] for v in vouchers_of(platform, CF)}
    mac = f"protocollo;tipo;iniziativa;importo\r{protocol};buono;Buoni spesa 2026;17,25\r"
    answer = upload(staff, mac)
    assert answer.status_code == 200, text_of(answer.text)
    new = [v["amount_cents"] for v in vouchers_of(platform, CF) if v["id"] not in before]
    assert new == [1_725]
    mac_bad = f"protocollo;tipo;iniziativa;importo\r\r{other};regalo;Buoni spesa 2026;1\r"
    assert "Riga 3: tipo «regalo» sconosciuto" in text_of(upload(staff, mac_bad).text)


def _grant_form(client: TestClient, protocol: str, kind: str, amount: str) -> dict[str, str]:
    """A grant form of a page of the application as a tab opens it, filled in."""
    page = client.get(f"/desk/applications/{protocol}")
    once = re.search(rf'name="once" value="([^"]*-{kind})"', page.text)
    assert once is not None
    programme = "Buoni spesa 2026" if kind == "voucher" else "Credito welfare 2026"
    return {
        "csrf": csrf_of(page.text),
        "once": once[1],
        "programme": programme,
        "amount": amount,
        "valid_days": "60",
    }


def test_the_same_grant_to_an_application_is_refused_from_another_tab_or_a_file(
    staff: TestClient, platform: Platform
) -> None:
    """Each form's one-time token stopped a double click only: a second tab, the back
    button, or the form then a file, issued the same buono twice or set a credit back
    to its full amount. The same grant to the same application is refused for
    ``SAME_LINES`` on both channels, saying when it was made."""
    protocol, other = admitted_application(platform, staff), admitted_application(platform, staff)
    before = {v["id"] for v in vouchers_of(platform, CF)}
    tab1 = _grant_form(staff, protocol, "voucher", "150,00")
    tab2 = _grant_form(staff, protocol, "voucher", "150")  # the same amount, written so
    assert staff.post(f"/desk/applications/{protocol}/voucher", data=tab1).status_code == 303
    twice = staff.post(f"/desk/applications/{protocol}/voucher", data=tab2)
    assert twice.status_code == 422
    assert "la stessa assegnazione" in text_of(twice.text)
    file = (
        "protocollo;tipo;iniziativa;importo\n"
        f"{other};buono;Buoni spesa 2026;33,00\n"
        f"{protocol};buono;Buoni spesa 2026;150,00\n"
    )
    refused = upload(staff, file)
    assert refused.status_code == 422
    assert "Riga 3: la stessa assegnazione" in text_of(refused.text)
    new = [v["amount_cents"] for v in vouchers_of(platform, CF) if v["id"] not in before]
    assert new == [15_000]  # once, and the file's other line not either
    # A file first, then the form: the same.
    assert upload(staff, file.replace("150,00", "151,00")).status_code == 200
    form = _grant_form(staff, other, "voucher", "33")
    assert staff.post(f"/desk/applications/{other}/voucher", data=form).status_code == 422
    # A credit set again from another tab would undo the spending: refused; another
    # amount is another decision, and the log says what it replaced.
    tab1 = _grant_form(staff, protocol, "credit", "90,00")
    tab2 = _grant_form(staff, protocol, "credit", "90,00")
    assert staff.post(f"/desk/applications/{protocol}/credit", data=tab1).status_code == 303
    assert staff.post(f"/desk/applications/{protocol}/credit", data=tab2).status_code == 422
    tab3 = _grant_form(staff, protocol, "credit", "40,00")
    assert staff.post(f"/desk/applications/{protocol}/credit", data=tab3).status_code == 303
    shown = text_of(staff.get(f"/desk/applications/{protocol}").text)
    assert "40,00 € (al posto di Credito welfare 2026: 90,00 € rimasti)" in shown
    # A week on, the same grant is a new decision (next month's buono).
    with platform.sessions.begin() as session:
        for imported in session.scalars(select(ImportedGrantFile)):
            imported.imported_at -= timedelta(days=8)
    again = _grant_form(staff, protocol, "voucher", "150,00")
    assert staff.post(f"/desk/applications/{protocol}/voucher", data=again).status_code == 303


def test_a_file_with_an_application_on_two_lines_is_refused_whole(
    staff: TestClient, platform: Platform
) -> None:
    """The file has one line per admitted application: a second line for one used to
    issue a second buono, or to replace the first line's credit (the audit log showing
    both)."""
    admitted = admitted_application(platform, staff)
    before = {v["id"] for v in vouchers_of(platform, CF)}
    credits_before = dict(platform.records("credits"))
    head = "protocollo;tipo;iniziativa;importo;giorni\n"
    for lines in (
        f"{admitted};buono;Buoni spesa 2026;150,00;60\n" * 2,
        f"{admitted};credito;Credito A;80,00;\n{admitted};credito;Credito B;5,00;\n",
        f"{admitted};buono;Buoni spesa 2026;150,00;60\n{admitted};credito;Credito A;80,00;\n",
    ):
        refused = upload(staff, head + lines + f"{admitted};buono;Buoni spesa 2026;1;60\n")
        assert refused.status_code == 422
        shown = text_of(refused.text)
        assert "Il file non è stato importato e non è stato emesso niente" in shown
        for line in (3, 4):
            assert f"Riga {line}: la domanda {admitted} è già alla riga 2" in shown
        assert "Riga 2:" not in shown
    assert {v["id"] for v in vouchers_of(platform, CF)} == before
    assert platform.records("credits") == credits_before
    log = text_of(staff.get("/desk/audit").text)
    assert f"ha emesso un buono {admitted}" not in log
    assert f"ha impostato un credito {admitted}" not in log


def test_a_file_setting_one_citizens_credit_twice_is_refused(
    staff: TestClient, platform: Platform
) -> None:
    """A citizen holds one credit: two lines of credits for two applications of the same
    person set the second over the first, while the page and the audit log said both
    were set. Buoni for the same person stay allowed: each is a voucher of its own."""
    first, second = admitted_application(platform, staff), admitted_application(platform, staff)
    holder = holder_key(platform.lookup_secret(), CF)
    before = platform.records("credits").get(holder)
    refused = upload(
        staff,
        "protocollo;tipo;iniziativa;importo\n"
        f"{first};credito;Credito welfare 2026;80,00\n"
        f"{second};credito;Credito affitti 2026;50,00\n",
    )
    assert refused.status_code == 422
    said = text_of(refused.text)
    assert f"Riga 3: la domanda {second} è della stessa persona della riga 2" in said
    assert platform.records("credits").get(holder) == before  # nothing of the file set
    answer = upload(
        staff,
        "protocollo;tipo;iniziativa;importo\n"
        f"{first};credito;Credito welfare 2026;80,00\n"
        f"{second};buono;Buoni spesa 2026;50,00\n",
    )
    assert answer.status_code == 200, text_of(answer.text)
    credit = platform.records("credits")[holder]
    assert (credit["programme"], credit["balance_cents"]) == ("Credito welfare 2026", 8_000)


def test_a_file_naming_a_column_twice_is_refused(staff: TestClient, platform: Platform) -> None:
    """A repeated column used to be read from its last copy, the first ignored."""
    admitted = admitted_application(platform, staff)
    before = {v["id"] for v in vouchers_of(platform, CF)}
    for header, named in (
        ("protocollo;tipo;iniziativa;importo;importo", "colonna ripetuta: importo."),
        ("protocol;kind;programme;amount;Importo", "colonna ripetuta: amount/Importo."),
    ):
        refused = upload(staff, f"{header}\n{admitted};buono;Buoni spesa 2026;1;999\n")
        assert refused.status_code == 422
        assert f"Riga 1: {named}" in text_of(refused.text)
    assert {v["id"] for v in vouchers_of(platform, CF)} == before
    # Columns the file may carry for its own use are ignored, however many.
    answer = upload(
        staff,
        "protocollo;nota;tipo;iniziativa;importo;nota\n"
        f"{admitted};a;buono;Buoni spesa 2026;150,00;b\n",
    )
    assert answer.status_code == 200, text_of(answer.text)


def test_every_bad_line_of_a_file_is_told_with_its_number_in_one_answer(
    staff: TestClient, platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    """The platform's checks of the lines used to run only when every line read well,
    and a name the published record refuses was told without its line."""
    admitted, waiting = admitted_application(platform, staff), sent["carla"][0]
    good = admitted_application(platform, staff)
    blank = admitted_application(platform, staff)
    before = {v["id"] for v in vouchers_of(platform, CF)}
    credits_before = dict(platform.records("credits"))
    refused = upload(
        staff,
        "protocollo;tipo;iniziativa;importo;giorni\n"
        f"{good};buono;Buoni spesa 2026;10,00;60\n"
        f"{admitted};buono;Buoni\x00 2026;10,00;60\n"
        f"{waiting};buono;Buoni spesa 2026;10,00;60\n"
        f"{good};regalo;Buoni spesa 2026;10,00;60\n"
        "PROT-1999-999999;credito;Credito welfare;50;\n"
        f'{blank};credito;"  ";50;\n'
        f"{sent['bruno'][0]};buono;Buoni spesa 2026;dieci;60\n",
    )
    assert refused.status_code == 422
    items = re.findall(r"<li>(.*?)</li>", refused.text, re.S)
    told = [text_of(item).strip() for item in items]
    assert [text.split(":")[0] for text in told if text.startswith("Riga")] == [
        "Riga 3",
        "Riga 4",
        "Riga 5",
        "Riga 5",
        "Riga 6",
        "Riga 7",
        "Riga 8",
    ], told
    shown = text_of(refused.text)
    assert "Riga 3: il nome dell'iniziativa contiene caratteri di controllo" in shown
    assert "Riga 7: manca il nome dell'iniziativa" in shown
    assert {v["id"] for v in vouchers_of(platform, CF)} == before
    assert platform.records("credits") == credits_before


def test_a_line_the_platform_refuses_while_issuing_is_told_with_its_number(
    staff: TestClient, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The platform's last word on a record (central/platform/catalog.py), after the
    desk's checks: each line it refuses is named, and nothing is issued."""

    first, second = admitted_application(platform, staff), admitted_application(platform, staff)
    before = {v["id"] for v in vouchers_of(platform, CF)}
    credits_before = dict(platform.records("credits"))

    def refuse(*args: Any, **kwargs: Any) -> str:
        raise PublishError("credits.programme: not in the expected form")

    monkeypatch.setattr(platform.wallet, "set_credit_in", refuse)
    refused = upload(
        staff,
        "protocollo;tipo;iniziativa;importo\n"
        f"{first};credito;Credito welfare 2026;5,00\n"
        f"{second};buono;Buoni spesa 2026;5,00\n",
    )
    assert refused.status_code == 422
    shown = text_of(refused.text)
    assert "Riga 2: riga non valida (credits.programme: not in the expected form)" in shown
    assert {v["id"] for v in vouchers_of(platform, CF)} == before  # line 3's rolled back
    assert platform.records("credits") == credits_before


def test_an_import_is_logged_and_noted_for_the_comuni_of_its_lines_only(
    staff: TestClient, platform: Platform
) -> None:
    """A member of two Comuni importing one Comune's file used to write the import in
    both Comuni's logs, and note the file as imported for both."""
    admitted = admitted_application(platform, staff)  # Piazzola's
    grant = StaffGrant(
        username="sociale.entrambi",
        password=PASSWORD,
        display_name="Ufficio unione dei Comuni",
        comuni=["piazzola", "limena"],
    )
    create_staff(platform, grant)
    data = f"protocollo;tipo;iniziativa;importo\n{admitted};buono;Buoni spesa 2026;17,00\n"
    with browser(create_app(platform)) as both:
        assert log_in(both, "sociale.entrambi").status_code == 303
        answer = upload(both, data, "piazzola-dicembre.csv")
        assert answer.status_code == 200, text_of(answer.text)
    with platform.sessions() as session:
        logged = session.scalars(
            select(StaffAction.comune).where(StaffAction.target == "piazzola-dicembre.csv")
        )
        assert list(logged) == ["piazzola"]
        noted = session.scalars(
            select(ImportedGrantFile.comune).where(
                ImportedGrantFile.sha256 == hashlib.sha256(data.encode()).hexdigest()
            )
        )
        assert list(noted) == ["piazzola"]
    with browser(create_app(platform)) as other:
        assert log_in(other, "sociale.limena").status_code == 303
        assert "piazzola-dicembre.csv" not in other.get("/desk/audit.csv").text


def test_a_file_of_many_buoni_seals_each_citizens_wallet_once(
    staff: TestClient, platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    """Each line's voucher used to reseal the citizen's whole wallet (every voucher they
    hold, read and sealed again, and a wallet change in the stream per line)."""
    lines = 8
    # One line per application: the citizen's own, admitted (others test states).
    admitted = [admitted_application(platform, staff) for _ in range(lines + 1)]
    locator = platform.set_wallet_pin(CF, PIN, "piazzola")

    def wallet_changes() -> list[dict[str, Any]]:
        with platform.sessions() as session:
            rows = session.scalars(
                select(Change).where(Change.kind == "wallets", Change.record_id == locator)
            )
            return [row.data for row in rows]

    before = len(wallet_changes())
    answer = upload(
        staff,
        "protocollo;tipo;iniziativa;importo\n"
        + "".join(f"{admitted[n]};buono;Buoni spesa 2026;{n},00\n" for n in range(1, lines + 1))
        + f"{admitted[0]};credito;Credito welfare 2026;25,00\n",
    )
    assert answer.status_code == 200, text_of(answer.text)
    assert f"{lines + 1} righe, {lines} buoni emessi" in text_of(answer.text)
    changes = wallet_changes()
    assert len(changes) == before + 1  # once for the file, not once per line
    with platform.sessions() as session:  # the platform's copy of the key: no scrypt
        row = session.scalar(select(WalletHolder).where(WalletHolder.locator == locator))
        assert row is not None
        key = WalletKey(locator, bytes.fromhex(row.seal_key), bytes.fromhex(row.proof_key))
    content = open_sealed(key, changes[-1]["sealed"])
    amounts = sorted(v["amount_cents"] for v in content["vouchers"])
    assert [n * 100 for n in range(1, lines + 1)] == [a for a in amounts if a <= lines * 100]
    assert content["credit"] == {"programme": "Credito welfare 2026", "balance_cents": 2_500}


# Reconciliation -----------------------------------------------------------------------------


def test_reconciliation_shows_what_the_comune_owes_each_shop_per_month(
    staff: TestClient, platform: Platform
) -> None:
    shop_id = accounts.create_merchant(
        platform,
        accounts.MerchantGrant(
            username="forno.piazzola",
            password=PASSWORD,
            display_name="=Forno Bianchi",  # a formula in a spreadsheet, never run
            iban="IT60X0542811101000000123456",
            programmes=["Buoni spesa 2026"],
        ),
    )
    with platform.sessions() as session:
        shop = session.get(Device, session.get(MerchantAccount, shop_id).device_id)  # type: ignore[union-attr]
    code = platform.new_enrollment_code("merchant", None, {"programmes": ["Buoni spesa 2026"]})
    _device_id, token = platform.enroll(code, "cassa-api-1")
    api_shop = platform.device_for(token)
    assert shop is not None and api_shop is not None

    def redeem(device: Device, comune: str, cents: int, taken: int, cf: str = CF) -> str:
        voucher = platform.issue_voucher(cf, comune, "Buoni spesa 2026", cents)
        receipt = str(uuid.uuid4())
        platform.redeem(device, voucher["code"], RedeemRequest(receipt, None, taken))
        return receipt

    redeem(shop, "piazzola", 5_000, 5_000)
    redeem(shop, "piazzola", 3_000, 1_250)
    redeem(api_shop, "piazzola", 2_000, 2_000)
    # Limena's, to a citizen of Limena (Anna's wallet is Piazzola's): not Piazzola's to pay
    redeem(shop, "limena", 9_900, 9_900, "BNCMTT15B19G224I")
    earlier = redeem(shop, "piazzola", 4_000, 4_000)
    last_month = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=40)
    with platform.sessions.begin() as session:
        session.execute(update(Redemption).where(Redemption.id == earlier).values(at=last_month))
    this_month = f"{datetime.now(platform.time_zone):%Y-%m}"

    page = text_of(staff.get("/desk/reconciliation", params={"month": this_month}).text)
    piazzola = "Piazzola sul Brenta"
    row = f"{this_month} =Forno Bianchi IT60X0542811101000000123456 {piazzola} Buoni spesa 2026"
    assert f"{row} 2 62,50 €" in page
    assert f"{this_month} cassa-api-1 {piazzola} Buoni spesa 2026 1 20,00 €" in page
    assert "Totale 82,50 €" in page and "99,00" not in page

    exported = staff.get("/desk/reconciliation.csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == [
        "Mese",
        "Esercente",
        "IBAN",
        "Comune",
        "Iniziativa o servizio",
        "Buoni",
        "Da pagare (euro)",
        "Unità",
    ]
    forno = [this_month, "'=Forno Bianchi", "IT60X0542811101000000123456", piazzola]
    assert [*forno, "Buoni spesa 2026", "2", "62.50", "0"] in rows
    assert [f"{last_month:%Y-%m}", "'=Forno Bianchi"] in [row[:2] for row in rows]
    assert len(rows) == 4  # two shops this month, one last month; Limena's left out
    assert "ha esportato rendicontazione-tutti.csv" in text_of(staff.get("/desk/audit").text)


# Excel exports -----------------------------------------------------------------------------


def sheet_of(answer: Any) -> tuple[list[list[Any]], str]:
    """The cells of an exported workbook's sheet, and the sheet's XML (to see that no
    cell is a formula)."""
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert answer.headers["content-disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(answer.content))
    xml = zipfile.ZipFile(io.BytesIO(answer.content)).read("xl/worksheets/sheet1.xml").decode()
    return [list(row) for row in book.worksheets[0].iter_rows()], xml


def test_reconciliation_and_audit_log_as_excel_never_run_a_formula(
    staff: TestClient, platform: Platform
) -> None:
    name = '=HYPERLINK("http://example.org","Forno")'  # typed as a shop's name
    shop_id = accounts.create_merchant(
        platform,
        accounts.MerchantGrant(
            username="forno.excel",
            password=PASSWORD,
            display_name=name,
            iban="IT61X0306909606100000012345",
            programmes=["Buoni spesa 2026"],
        ),
    )
    with platform.sessions() as session:
        account = session.get(MerchantAccount, shop_id)
        assert account is not None
        shop = session.get(Device, account.device_id)
    assert shop is not None
    voucher = platform.issue_voucher(CF, "piazzola", "Buoni spesa 2026", 3_333)
    platform.redeem(shop, voucher["code"], RedeemRequest(str(uuid.uuid4()), None, 3_333))
    this_month = f"{datetime.now(platform.time_zone):%Y-%m}"

    cells, xml = sheet_of(staff.get("/desk/reconciliation.xlsx", params={"month": this_month}))
    assert [c.value for c in cells[0]] == [
        "Mese",
        "Esercente",
        "IBAN",
        "Comune",
        "Iniziativa o servizio",
        "Buoni",
        "Da pagare (euro)",
        "Unità",
    ]
    [row] = [r for r in cells[1:] if r[1].value == name]  # the name as typed, no apostrophe
    assert [c.value for c in row] == [
        this_month,
        name,
        "IT61X0306909606100000012345",
        "Piazzola sul Brenta",
        "Buoni spesa 2026",
        1,
        33.33,
        0,
    ]
    assert (row[1].data_type, row[1].quotePrefix) == ("s", True)  # text, even when edited
    assert row[6].number_format == "#,##0.00"
    assert "<f>" not in xml  # no cell of the file is a formula
    assert "ha esportato rendicontazione-" in text_of(staff.get("/desk/audit").text)

    # A title typed as a formula, published: the audit log's detail.
    page = staff.get("/desk/catalog/services/new")
    published = staff.post(
        "/desk/catalog/services",
        data={
            "csrf": csrf_of(page.text),
            "id": "pz-formula",
            "title_it": "=1+2",
            "category": "shops",
            "provider": "comune-piazzola-ss",
            "booking": "info_only",
            "residents_of": "piazzola",
        },
    )
    assert published.status_code == 303, text_of(published.text)
    cells, xml = sheet_of(staff.get("/desk/audit.xlsx"))
    assert [c.value for c in cells[0]] == ["Data", "Chi", "Comune", "Cosa", "Su cosa", "Dettagli"]
    [row] = [r for r in cells[1:] if r[4].value == "services/pz-formula"]
    assert [c.value for c in row[1:]] == [
        "sociale.piazzola",
        "piazzola",
        "ha pubblicato",
        "services/pz-formula",
        "=1+2",
    ]
    assert isinstance(row[0].value, datetime) and row[5].data_type == "s"
    assert "<f>" not in xml
    assert "ha esportato audit.xlsx" in text_of(staff.get("/desk/audit").text)


def test_a_decision_from_a_page_a_colleague_changed_since_is_not_saved(
    staff: TestClient, platform: Platform, sent: dict[str, tuple[str, str]]
) -> None:
    """Two staff members on the same application: the second, deciding from a page that
    still shows the old state, is told and saves nothing, never silently overturning
    the first's decision (a buono issued on "admitted" left on a "not admitted")."""
    protocol = sent["anna"][0]
    mine = staff.get(f"/desk/applications/{protocol}")
    stale = staff.get(f"/desk/applications/{protocol}")  # a colleague's page, read now
    shown = re.search(r'name="was" value="([^"]*)"', mine.text)
    assert shown is not None
    first = "admitted" if shown[1] != "admitted" else "in_review"

    def post(page: Any, state: str) -> Any:
        was = re.search(r'name="was" value="([^"]*)"', page.text)
        assert was is not None, "the form says which state it was decided from"
        return staff.post(
            f"/desk/applications/{protocol}/state",
            data={"csrf": csrf_of(page.text), "state": state, "note": "", "was": was[1]},
        )

    assert post(mine, first).status_code == 303
    late = post(stale, "not_admitted")
    assert late.status_code == 422 and "nel frattempo" in text_of(late.text)
    again = staff.get(f"/desk/applications/{protocol}")
    assert f'name="was" value="{first}"' in again.text  # the first decision stands
    assert post(again, "not_admitted").status_code == 303  # decided again, knowingly


def test_a_long_import_of_buoni_holds_up_no_other_request(
    staff: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a file of thousands of lines and issuing its buoni takes a while: it runs
    on a thread of its own, so the process answers kiosks and other pages meanwhile."""
    from central.web import grants

    reading, release = threading.Event(), threading.Event()
    read_file = grants.read_file

    def slow_read(data: bytes) -> Any:
        reading.set()
        assert release.wait(30)
        return read_file(data)

    monkeypatch.setattr(grants, "read_file", slow_read)
    importing = threading.Thread(
        target=upload, args=(staff, "protocollo;tipo;iniziativa;importo\n")
    )
    importing.start()
    try:
        assert reading.wait(10)
        answered: list[int] = []
        asking = threading.Thread(
            target=lambda: answered.append(staff.get("/v1/health").status_code)
        )
        asking.start()
        asking.join(5)
        assert answered == [200]  # while the import still runs
    finally:
        release.set()
        importing.join(30)


def test_csv_exports_never_make_a_formula_where_a_spreadsheet_splits_on_semicolons() -> None:
    """Excel set to Italian splits a CSV line on ";" as well: a text with ";=" in it
    made a cell of its own, a formula. Read as Excel would, every cell starts with text."""
    from central.web import ledger, reconciliation

    typed = "Buoni;=1+1;"  # a programme, a shop's name, a note typed so
    entry = audit.Entry(datetime.now(UTC), "anna", "piazzola", "note", typed, typed)
    owed = reconciliation.Owed(
        "2026-12", typed, "IT61X0306909606100000012345", typed, typed, 1, 3_333, 0
    )
    account = MerchantAccount(display_name=typed, iban="IT61X0306909606100000012345")
    line = ledger.StatementLine("2026-12", typed, typed, 1, 3_333, 0)
    files = {
        "audit": "".join(audit.csv_chunks([entry], ["a", "b", "c", "d", "e", "f"], {})),
        "reconciliation": reconciliation.as_csv([owed], ["a"] * 8),
        "statement": ledger.statement_csv(account, [line], ["a"] * 9),
    }
    for name, text in files.items():
        guarded = "Buoni;'=1+1;"  # what was typed, each part kept as text
        assert guarded in text, name
        for row in csv.reader(io.StringIO(text), delimiter=";"):
            starts = [cell.lstrip()[:1] for cell in row]
            assert not set(starts) & {"=", "+", "-", "@"}, (name, row)
        assert guarded in list(csv.reader(io.StringIO(text)))[1], name


def test_a_control_character_in_the_audit_log_never_breaks_its_excel_export(
    staff: TestClient, platform: Platform
) -> None:
    """An uploaded file's name is kept in the audit log as sent: a control character in
    it (the browser sends what the disk had) made every later Excel export fail."""
    with platform.sessions.begin() as session:
        session.add(
            StaffAction(
                at=datetime.now(UTC).replace(tzinfo=None),
                account_id="x",
                username="sociale.piazzola",
                comune="piazzola",
                action="imported_grants",
                target="buoni\x01dicembre.csv",
                detail="1 righe",
            )
        )
    cells, _xml = sheet_of(staff.get("/desk/audit.xlsx"))
    assert any(row[4].value == "buoni\ufffddicembre.csv" for row in cells[1:])


def test_a_login_clears_expired_desk_sessions_and_old_attempts(platform: Platform) -> None:
    """Both tables grew with every login for as long as the platform ran."""
    from central.models import DeskSession, LoginAttempt

    long_ago = datetime.now(UTC) - timedelta(days=2)
    with platform.sessions.begin() as session:
        session.add(LoginAttempt(username="nobody", client="1.2.3.4", at=long_ago))
        session.add(
            DeskSession(
                token_hash="0" * 64, account_id="x", created_at=long_ago, expires_at=long_ago
            )
        )
    kept = accounts.log_in(platform, "sociale.piazzola", PASSWORD, "127.0.0.1")
    token = accounts.log_in(platform, "sociale.piazzola", PASSWORD, "127.0.0.1")
    with platform.sessions() as session:
        assert session.scalar(select(func.count()).select_from(LoginAttempt)) == 0
        assert session.get(DeskSession, "0" * 64) is None
        assert session.scalar(select(func.count()).select_from(DeskSession)) >= 2
    assert kept and token


def test_a_comune_cannot_replace_the_credit_another_comune_granted(
    staff: TestClient, platform: Platform
) -> None:
    """A citizen has one welfare credit. Anyone can send an application to another
    Comune's call naming their codice fiscale (it can be computed): that Comune
    admitting it and setting a credit wiped the first Comune's, unseen by it."""
    cf = CF
    piazzola_kiosk, _ = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "k-pz")
    limena_kiosk, _ = platform.enroll(platform.new_enrollment_code(comune="limena"), "k-li")
    call = dict(platform.records("calls")["bs-piazzola"])
    platform.publish("calls", {**call, "id": "bs-limena-test", "comune": "limena"})
    ours, _ = send_application(platform, piazzola_kiosk)
    assert decide(staff, ours, "admitted").status_code == 303
    header = "protocollo;tipo;iniziativa;importo\n"
    granted = upload(staff, f"{header}{ours};credito;Credito A;200,00\n")
    assert granted.status_code == 200, text_of(granted.text)
    holder = holder_key(platform.lookup_secret(), cf)
    before = platform.records("credits")[holder]
    assert before["balance_cents"] == 20_000

    theirs, _ = send_application(platform, limena_kiosk, call="bs-limena-test")
    with browser(create_app(platform)) as limena:
        assert log_in(limena, "sociale.limena").status_code == 303
        assert decide(limena, theirs, "admitted").status_code == 303
        refused = upload(limena, f"{header}{theirs};credito;Credito B;0,01\n")
        assert refused.status_code == 422
        assert "ha un credito welfare di un altro Comune" in text_of(refused.text)
        page = limena.get(f"/desk/applications/{theirs}")
        once = re.search(r'name="once" value="([^"]*-credit)"', page.text)
        assert once is not None
        limena.post(
            f"/desk/applications/{theirs}/credit",
            data={
                "csrf": csrf_of(page.text),
                "once": once[1],
                "programme": "Credito B",
                "amount": "0,01",
            },
        )
    assert platform.records("credits")[holder] == before  # Piazzola's, untouched
    # Nor through the platform's own call.
    with platform.sessions.begin() as session, pytest.raises(PublishError, match="another"):
        platform.wallet.set_credit_in(session, cf, "Credito B", 1, "limena")


def test_a_comune_grants_nothing_into_a_wallet_of_another_comune(tmp_path: Path) -> None:
    """Anna's wallet PIN is Piazzola's: her wallet goes to Piazzola's kiosks only. A
    buono or credit of Limena for her, from the grant forms or a file, went into it: spent
    at Piazzola, and at Limena her right PIN was called wrong. Refused, nothing issued."""
    platform = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    seed_if_empty(platform, DEMO_DATASET)
    platform.set_wallet_pin(CF, PIN, "piazzola")  # her Comune's letter
    grant = StaffGrant(
        username="sociale.limena", password=PASSWORD, display_name="Limena", comuni=["limena"]
    )
    create_staff(platform, grant)
    kiosk, _ = platform.enroll(platform.new_enrollment_code(comune="limena"), "k-li")
    call = dict(platform.records("calls")["bs-piazzola"])
    platform.publish("calls", {**call, "id": "bs-limena-test", "comune": "limena"})
    theirs, _ = send_application(platform, kiosk, call="bs-limena-test")
    holder = holder_key(platform.lookup_secret(), CF)
    before = [platform.records(kind) for kind in ("wallets", "credits", "vouchers")]
    refusal = "il portafoglio di questa persona appartiene a un altro Comune"
    with browser(create_app(platform)) as limena:
        assert log_in(limena, "sociale.limena").status_code == 303
        assert decide(limena, theirs, "admitted").status_code == 303
        header = "protocollo;tipo;iniziativa;importo\n"
        for kind in ("buono", "credito"):
            refused = upload(limena, f"{header}{theirs};{kind};Sostegno Limena;80,00\n")
            assert refused.status_code == 422, text_of(refused.text)
            assert refusal in text_of(refused.text), kind
        for kind in ("voucher", "credit"):
            page = limena.get(f"/desk/applications/{theirs}")
            once = re.search(rf'name="once" value="([^"]*-{kind})"', page.text)
            assert once is not None
            form = {"programme": "Sostegno Limena", "amount": "80,00", "valid_days": "30"}
            answer = limena.post(
                f"/desk/applications/{theirs}/{kind}",
                data={"csrf": csrf_of(page.text), "once": once[1], **form},
            )
            assert answer.status_code == 422 and refusal in text_of(answer.text), kind
    assert [platform.records(kind) for kind in ("wallets", "credits", "vouchers")] == before
    assert holder not in platform.records("credits") and not vouchers_of(platform, CF)
    platform.engine.dispose()


def test_reconciliation_leaves_out_services_the_citizen_paid_the_provider_for(
    staff: TestClient, platform: Platform
) -> None:
    """A service bought at a kiosk and paid to the provider on site used to be listed as
    owed to the provider by the Comune too: paid twice."""
    code = platform.new_enrollment_code("kiosk", "piazzola", None)
    kiosk_id, _token = platform.enroll(code, "piazzola-reconciliation")
    kiosk = platform.device_for(_token)
    assert kiosk is not None
    signer = Signer(Ed25519PrivateKey.generate())
    platform.wallet.register_signing_key(kiosk, public_key_text(signer))
    with platform.sessions() as session:
        operator_key = bytes.fromhex(session.get(PlatformSecret, "operator:1001").value)  # type: ignore[union-attr]
    price = platform.records("services")["s01"]["price_cents"]
    title = platform.records("services")["s01"]["title"]["it"]
    today = datetime.now(UTC).date()

    def bought(units: int, payment: str) -> str:
        claims = VoucherClaims(
            new_voucher_id(),
            today,
            today + timedelta(days=29),
            datetime.now(UTC),
            service_id="s01",
            units=units,
        )
        order = f"AC-{uuid.uuid4().hex[:8].upper()}"
        payload: dict[str, Any] = {
            "order": order,
            "total_cents": price * units,
            "payment": payment,
            "holder": None,
            "channel": "kiosk",
            "lines": [{"service": "s01", "quantity": units, "unit_price_cents": price}],
            "vouchers": [{"signed_code": encode(claims, signer)}],
        }
        if payment == "desk":  # the operator confirmed the citizen paid at the desk
            said = f"desk|{order}|{price * units}|1001|piazzola-reconciliation".encode()
            payload |= {
                "desk_confirmed_by": "1001",
                "desk_proof": hmac.new(operator_key, said, "sha256").hexdigest(),
            }
        entry = SubmissionEntry(
            uuid=str(uuid.uuid4()), kind="purchase", created_at=datetime.now(UTC), payload=payload
        )
        [result] = platform.submit(kiosk_id, [entry])
        assert result.status == "accepted", result
        return claims.code

    on_site, at_desk = bought(3, "provider"), bought(2, "desk")
    code = platform.new_enrollment_code("merchant", None, {"services": ["s01"]})
    _provider_id, provider_token = platform.enroll(code, "cooperativa-s01")
    provider = platform.device_for(provider_token)
    assert provider is not None
    for voucher, units in ((on_site, 3), (at_desk, 2)):
        platform.redeem(provider, voucher, RedeemRequest(str(uuid.uuid4()), units, None))
    this_month = f"{datetime.now(platform.time_zone):%Y-%m}"
    rows = list(csv.reader(io.StringIO(staff.get("/desk/reconciliation.csv").text)))
    # The desk's 2 units are the Comune's to pay; the 3 paid on site are not.
    assert [row for row in rows if row[1] == "cooperativa-s01"] == [
        [this_month, "cooperativa-s01", "", "Piazzola sul Brenta", title, "1", "0.00", "2"]
    ]
    # The provider's own monthly statement says the same as the Comune's reconciliation.
    [line] = ledger.statement(platform, provider.id)
    assert (line.month, line.count, line.units) == (this_month, 1, 2)


def _sold_at_kiosk(
    platform: Platform, kiosk: Device, signer: Signer, service: str, units: int
) -> str:
    """The code of a service voucher a kiosk sold, paid at its desk (the Comune's to pay)."""
    price = platform.records("services")[service]["price_cents"]
    with platform.sessions() as session:
        operator_key = bytes.fromhex(session.get(PlatformSecret, "operator:1001").value)  # type: ignore[union-attr]
    today = datetime.now(UTC).date()
    claims = VoucherClaims(
        new_voucher_id(),
        today,
        today + timedelta(days=29),
        datetime.now(UTC),
        service_id=service,
        units=units,
    )
    order = f"AC-{uuid.uuid4().hex[:8].upper()}"
    said = f"desk|{order}|{price * units}|1001|{kiosk.kiosk_id}".encode()
    payload: dict[str, Any] = {
        "order": order,
        "total_cents": price * units,
        "payment": "desk",
        "holder": None,
        "channel": "kiosk",
        "lines": [{"service": service, "quantity": units, "unit_price_cents": price}],
        "vouchers": [{"signed_code": encode(claims, signer)}],
        "desk_confirmed_by": "1001",
        "desk_proof": hmac.new(operator_key, said, "sha256").hexdigest(),
    }
    entry = SubmissionEntry(
        uuid=str(uuid.uuid4()), kind="purchase", created_at=datetime.now(UTC), payload=payload
    )
    [result] = platform.submit(kiosk.id, [entry])
    assert result.status == "accepted", result
    return claims.code


def test_reconciliation_has_a_line_per_comune_and_service_as_the_shops_statement(
    platform: Platform,
) -> None:
    """A line was one shop in one month: 3 hours of one service and 1 week of another
    made "4 units", and a member of two Comuni saw both Comuni's buoni summed with no
    Comune to say who pays. Lines are by month, shop, Comune and programme or service,
    and agree line for line with the shop's own statement."""
    code = platform.new_enrollment_code("kiosk", "piazzola", None)
    _kiosk_id, token = platform.enroll(code, "piazzola-services")
    kiosk = platform.device_for(token)
    assert kiosk is not None
    signer = Signer(Ed25519PrivateKey.generate())
    platform.wallet.register_signing_key(kiosk, public_key_text(signer))
    scope = {"services": ["s01", "s02"], "programmes": ["Buoni spesa 2026"]}
    enrolled = platform.enroll(platform.new_enrollment_code("merchant", None, scope), "coop-mixed")
    shop = platform.device_for(enrolled[1])
    assert shop is not None
    for service, units in (("s01", 3), ("s02", 1), ("s01", 2)):
        voucher = _sold_at_kiosk(platform, kiosk, signer, service, units)
        platform.redeem(shop, voucher, RedeemRequest(str(uuid.uuid4()), units, None))
    for cf, comune, cents in ((CF, "piazzola", 5_001), ("BNCMTT15B19G224I", "limena", 3_002)):
        voucher = platform.issue_voucher(cf, comune, "Buoni spesa 2026", cents)
        platform.redeem(shop, voucher["code"], RedeemRequest(str(uuid.uuid4()), None, cents))
    grant = StaffGrant(
        username="unione.reconciliation",
        password=PASSWORD,
        display_name="Unione dei Comuni",
        comuni=["piazzola", "limena"],
    )
    create_staff(platform, grant)
    with browser(create_app(platform)) as union:
        assert log_in(union, "unione.reconciliation").status_code == 303
        rows = list(csv.reader(io.StringIO(union.get("/desk/reconciliation.csv").text)))
        cells, _xml = sheet_of(union.get("/desk/reconciliation.xlsx"))
        page = text_of(union.get("/desk/reconciliation").text)
    mine = [row for row in rows if row[1] == "coop-mixed"]
    title = {s: platform.records("services")[s]["title"]["it"] for s in ("s01", "s02")}
    month = f"{datetime.now(platform.time_zone):%Y-%m}"
    assert sorted(row[3:] for row in mine) == sorted(
        [
            ["Limena", "Buoni spesa 2026", "1", "30.02", "0"],
            ["Piazzola sul Brenta", "Buoni spesa 2026", "1", "50.01", "0"],
            ["Piazzola sul Brenta", title["s01"], "2", "0.00", "5"],
            ["Piazzola sul Brenta", title["s02"], "1", "0.00", "1"],
        ]
    )
    assert {row[0] for row in mine} == {month}
    in_excel = [[c.value for c in row[3:]] for row in cells[1:] if row[1].value == "coop-mixed"]
    in_csv = [[*row[3:5], int(row[5]), float(row[6]), int(row[7])] for row in mine]
    assert sorted(in_excel) == sorted(in_csv)
    assert "coop-mixed Limena Buoni spesa 2026 1 30,02 €" in page
    # The shop's statement: the same lines.
    statement = ledger.statement(platform, shop.id)
    euros = {line: f"{line.amount_cents / 100:.2f}" for line in statement}
    said = [
        [line.comune, line.programme, str(line.count), euros[line], str(line.units)]
        for line in statement
    ]
    assert sorted(said) == sorted(row[3:] for row in mine)


def test_a_platform_made_before_vouchers_kept_their_payment_gains_the_column(
    tmp_path: Path,
) -> None:
    """``create_all`` makes missing tables only: a database of an earlier version lacks
    ``issued_vouchers.payment``, and every purchase would then fail on it."""
    path = tmp_path / "central.sqlite3"
    Platform(f"sqlite:///{path}").engine.dispose()
    with sqlite3.connect(path) as database:
        database.execute("ALTER TABLE issued_vouchers DROP COLUMN payment")
    restarted = Platform(f"sqlite:///{path}")
    with restarted.sessions() as session:
        columns = session.connection().exec_driver_sql("PRAGMA table_info(issued_vouchers)")
        assert "payment" in [column[1] for column in columns]
    restarted.engine.dispose()
    Platform(f"sqlite:///{path}").engine.dispose()  # and a start after finds it there
