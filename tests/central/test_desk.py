# SPDX-License-Identifier: EUPL-1.2
"""The merchant web desk (central/web): login, CSRF, lockout, redeeming a voucher once,
history and monthly statement, languages. The platform's real app on a real SQLite
file, driven over HTTPS by FastAPI's TestClient (so Secure cookies travel as they
would from a browser)."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from central.models import MerchantAccount, Redemption
from central.platform import Platform
from central.web import accounts
from central.web.strings import LANGUAGES, TEXT, pick_language
from tests.central.desk import (
    ADMIN,
    CF,
    IBAN,
    PASSWORD,
    PROGRAMME,
    browser,
    check,
    csrf_of,
    form_of,
    issue,
    log_in,
    logged_in,
    make_merchant,
    text_of,
)

# Accounts and login --------------------------------------------------------------------


def test_an_admin_makes_a_merchant_account_with_a_memory_hard_password_hash(
    client: TestClient, platform: Platform
) -> None:
    body = {"username": "forno", "password": PASSWORD, "display_name": "Forno", "iban": IBAN}
    assert client.post("/v1/admin/merchants", json=body).status_code == 401
    short = client.post("/v1/admin/merchants", json={**body, "password": "short"}, headers=ADMIN)
    assert short.status_code == 422
    bad_iban = {**body, "iban": "IT60 X054 2811 1010 0000 0123 457"}
    answer = client.post("/v1/admin/merchants", json=bad_iban, headers=ADMIN)
    assert answer.status_code == 422 and "IBAN" in text_of(answer.text)
    assert client.post("/v1/admin/merchants", json=body, headers=ADMIN).status_code == 201
    taken = client.post("/v1/admin/merchants", json=body, headers=ADMIN)
    assert taken.status_code == 422 and "taken" in taken.text
    with platform.sessions() as session:
        account = session.scalar(select(MerchantAccount))
    assert account is not None and account.iban == "IT60X0542811101000000123456"
    assert account.password_hash.startswith("scrypt$16384$8$5$")  # OWASP: 16 MiB, p=5
    assert PASSWORD not in account.password_hash
    assert accounts.password_matches(account.password_hash, PASSWORD)
    assert not accounts.password_matches(account.password_hash, PASSWORD + "!")


def test_a_password_hashed_with_weaker_parameters_is_hashed_again_at_its_next_login(
    client: TestClient, platform: Platform
) -> None:
    make_merchant(client)
    salt = b"sixteen byte salt"[:16]
    key = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    weak = "scrypt$16384$8$1$" + "$".join(base64.b64encode(b).decode() for b in (salt, key))
    with platform.sessions.begin() as session:
        account = session.scalar(select(MerchantAccount))
        assert account is not None
        account.password_hash = weak

    def stored() -> str:
        with platform.sessions() as session:
            return str(session.scalar(select(MerchantAccount.password_hash)))

    assert log_in(client, password=PASSWORD + "!").status_code != 303
    assert stored() == weak  # a wrong password changes nothing
    assert log_in(client).status_code == 303
    assert stored().startswith("scrypt$16384$8$5$")
    assert accounts.password_matches(stored(), PASSWORD)
    assert not accounts.needs_rehash(stored())
    client.cookies.clear()
    assert log_in(client).status_code == 303  # the new hash logs in


def test_a_wrong_login_costs_a_password_check_whether_or_not_the_user_exists(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refusal that skipped the check for an unknown user answered 150 ms sooner,
    telling which usernames exist."""
    make_merchant(client)
    log_in(client, password=PASSWORD + "!")  # the stand-in hash is made by now
    checks: list[str] = []
    real = accounts._scrypt
    monkeypatch.setattr(accounts, "_scrypt", lambda *args: checks.append("scrypt") or real(*args))
    for username in ("alimentari", "nobody.here"):
        checks.clear()
        assert log_in(client, username, PASSWORD + "!").status_code != 303
        assert checks == ["scrypt"], username


def test_login_gives_a_new_strict_http_only_secure_cookie(client: TestClient) -> None:
    make_merchant(client)
    assert client.get("/desk/voucher").headers["location"] == "/desk/login"
    before = client.get("/desk/login")
    planted = before.cookies.get("sp_desk_form")  # the login form's, not a session
    assert planted and before.cookies.get("sp_desk") is None
    answer = client.post(
        "/desk/login",
        data={"csrf": csrf_of(before.text), "username": "Alimentari", "password": PASSWORD},
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/desk/voucher"
    cookie = answer.headers["set-cookie"].lower()
    for attribute in ("httponly", "samesite=strict", "secure", "path=/desk"):
        assert attribute in cookie
    assert answer.cookies.get("sp_desk") not in (None, planted)
    page = client.get("/desk/voucher")
    assert page.status_code == 200 and "Alimentari Rossi" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    # Logging out ends the session on the platform, not only in this browser.
    session_cookie = client.cookies.get("sp_desk")
    client.post("/desk/logout", data={"csrf": csrf_of(page.text)})
    with browser(client.app) as thief:
        thief.cookies.set("sp_desk", session_cookie or "", domain="testserver", path="/desk")
        assert thief.get("/desk/voucher").status_code == 303


def test_a_page_reached_from_another_site_keeps_the_shop_logged_in(
    app: Any, client: TestClient
) -> None:
    """A link from another site (a webmail, a chat) arrives without the session cookie
    (SameSite=Strict). Its answer set a new one in the session's place, and the shop was
    logged out for good; so was a logout form posted from another site."""
    make_merchant(client)
    shop = logged_in(app)
    session_cookie = shop.cookies.get("sp_desk")
    with browser(app) as elsewhere:  # no cookie of the desk's travels
        for path in ("/desk/login", "/desk/voucher"):
            answer = elsewhere.get(path)
            assert "sp_desk=" not in answer.headers.get("set-cookie", ""), path
        forged = elsewhere.post("/desk/logout", data={"csrf": "0" * 64})
        assert "sp_desk=" not in forged.headers.get("set-cookie", "")
    assert shop.get("/desk/voucher").status_code == 200  # still logged in
    page = shop.get("/desk/voucher")
    assert shop.post("/desk/logout", data={"csrf": "0" * 64}).status_code == 303
    assert shop.cookies.get("sp_desk") == session_cookie  # a wrong token changes nothing
    assert shop.get("/desk/voucher").status_code == 200
    shop.post("/desk/logout", data={"csrf": csrf_of(page.text)})
    assert shop.get("/desk/voucher").status_code == 303  # the shop's own logout ends it


def test_a_form_cookie_planted_beside_a_session_never_stands_for_the_shop(
    app: Any, client: TestClient, platform: Platform
) -> None:
    """Whoever can set a cookie for the desk (a page of a sibling subdomain is the same
    site) learns from the login page the form token of a form cookie they chose. With
    the shop's session cookie present, only the session's token counts."""
    make_merchant(client)
    code = issue(platform)
    shop = logged_in(app)
    session_cookie = shop.cookies.get("sp_desk")
    with browser(app) as attacker:
        page = attacker.get("/desk/login", headers={"Cookie": "sp_desk_form=chosen"})
        forged = csrf_of(page.text)
    with browser(app) as victim:
        answer = victim.post(
            "/desk/redeem",
            data={"csrf": forged, "receipt": "AAAAA-BBBBB", "code": code, "all": "1"},
            headers={"Cookie": f"sp_desk={session_cookie}; sp_desk_form=chosen"},
        )
    assert answer.status_code == 403
    with platform.sessions() as session:
        assert session.scalar(select(Redemption)) is None


def test_a_desk_left_unused_asks_for_the_password_again(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page seen moves the idle deadline on; half an hour without one ends the
    session, and the working day's limit holds however busy the desk is."""
    make_merchant(client)
    assert log_in(client).status_code == 303
    start = accounts._now()
    later = [start]
    monkeypatch.setattr(accounts, "_now", lambda: later[0])

    def page_after(delay: timedelta) -> int:
        later[0] = start + delay
        return client.get("/desk/voucher").status_code

    # In use every 20 minutes: still logged in after an hour.
    assert [page_after(timedelta(minutes=m)) for m in (20, 40, 60)] == [200, 200, 200]
    assert page_after(timedelta(minutes=60 + accounts.IDLE_MINUTES + 1)) == 303
    # Logged in again, and in use every 20 minutes: the working day still ends.
    client.cookies.clear()
    later[0] = start
    assert log_in(client).status_code == 303
    minutes = range(20, accounts.SESSION_HOURS * 60, 20)
    assert all(page_after(timedelta(minutes=m)) == 200 for m in minutes)
    assert page_after(timedelta(hours=accounts.SESSION_HOURS, minutes=1)) == 303


def test_a_wrong_password_says_so_without_telling_which_part(client: TestClient) -> None:
    make_merchant(client)
    wrong = log_in(client, password="not the password")
    unknown = log_in(client, username="nobody")
    for answer in (wrong, unknown):
        assert answer.status_code == 401
        assert "Nome utente o password non corretti." in text_of(answer.text)
    assert client.get("/desk/voucher").status_code == 303


def test_forms_without_the_csrf_token_of_this_browser_are_refused(
    app: Any, platform: Platform
) -> None:
    with browser(app) as admin:
        make_merchant(admin)
    with browser(app) as attacker:
        attacker.get("/desk/login")
        for csrf in ("", "0" * 64, "é", "é" * 64):  # text outside ASCII was a 500
            answer = attacker.post(
                "/desk/login", data={"csrf": csrf, "username": "alimentari", "password": PASSWORD}
            )
            assert answer.status_code == 403
            assert "La pagina era scaduta" in text_of(answer.text)
        assert attacker.get("/desk/voucher").status_code == 303  # not logged in
        foreign = csrf_of(attacker.get("/desk/login").text)
    shop = logged_in(app)
    code = issue(platform)
    # A page of another site posting with its own browser's token is refused too.
    answer = shop.post("/desk/voucher", data={"csrf": foreign, "code": code})
    assert answer.status_code == 403
    answer = shop.post("/desk/voucher", data={"code": code})
    assert answer.status_code == 403
    answer = shop.post("/desk/voucher", json={"code": code})
    assert answer.status_code == 415


def test_an_account_is_locked_after_five_wrong_passwords(app: Any) -> None:
    with browser(app) as admin:
        make_merchant(admin)
        make_merchant(admin, "forno", programmes=[PROGRAMME])
    with browser(app) as guesser:
        for _ in range(accounts.ACCOUNT_LIMIT):
            assert log_in(guesser, password="guess guess guess").status_code == 401
        locked = log_in(guesser)  # the right password, too late
        assert locked.status_code == 429
        assert "Troppi tentativi" in locked.text
        # Another shop's account is not locked by this one's guesses.
        assert log_in(guesser, "forno").status_code == 303


def test_a_client_is_slowed_down_after_twenty_wrong_passwords(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "CLIENT_LIMIT", 6)  # 20 in production; fewer checks here
    with browser(app) as admin:
        make_merchant(admin)
    with browser(app) as guesser:
        for name in ("anna", "bruno", "carla", "dario", "elena", "fabio"):
            assert log_in(guesser, username=name, password="guess").status_code == 401
        assert log_in(guesser).status_code == 429


def test_a_successful_login_does_not_count_against_the_account(client: TestClient) -> None:
    make_merchant(client)
    for _ in range(accounts.ACCOUNT_LIMIT + 1):
        with browser(client.app) as shop:
            assert log_in(shop).status_code == 303


# Accepting a voucher -------------------------------------------------------------------


@pytest.fixture
def shop(app: Any, client: TestClient) -> Iterator[TestClient]:
    make_merchant(client)
    with logged_in(app) as opened:
        yield opened


def test_the_voucher_page_shows_worth_programme_and_validity_but_no_personal_data(
    shop: TestClient, platform: Platform
) -> None:
    code = issue(platform, 5_000)
    typed = code.lower().replace("-", " ")  # as a shopkeeper may type it
    page = check(shop, typed)
    assert page.status_code == 200, page.text
    words = text_of(page.text)
    assert code in words and PROGRAMME in words and "50,00 €" in words
    assert "Piazzola sul Brenta" in words
    assert "Valido: si può accettare" in words
    assert CF not in page.text and CF.lower() not in page.text.lower()
    assert re.search(r"dal \d\d/\d\d/\d{4} al \d\d/\d\d/\d{4}", words)


def test_a_voucher_is_redeemed_in_part_then_in_full_then_refused(
    shop: TestClient, platform: Platform
) -> None:
    code = issue(platform, 5_000)
    page = check(shop, code)
    fields = form_of(page.text)
    first = shop.post("/desk/redeem", data={**fields, "amount": "12,50"})
    assert first.status_code == 200, first.text
    receipt = re.search(r'id="receipt-number">([0-9A-Z-]+)<', first.text)
    assert receipt and receipt.group(1) == fields["receipt"]
    assert "12,50 €" in text_of(first.text) and "37,50 €" in text_of(first.text)
    # The same form sent again (a double tap, a reload) is the same redemption.
    again = shop.post("/desk/redeem", data={**fields, "amount": "12,50"})
    assert again.status_code == 200 and fields["receipt"] in again.text
    rest = form_of(check(shop, code).text)
    assert rest["receipt"] != fields["receipt"]
    full = shop.post("/desk/redeem", data={**rest, "all": "1"})
    assert full.status_code == 200 and "37,50 €" in text_of(full.text)
    with platform.sessions() as session:
        taken = session.scalars(select(Redemption.amount_cents)).all()
    assert sorted(taken) == [1_250, 3_750]
    refused = check(shop, code)
    assert refused.status_code == 409
    assert "già stato usato per intero" in text_of(refused.text)
    forced = shop.post("/desk/redeem", data={**rest, "receipt": "AAAAA-BBBBB", "amount": "1"})
    assert forced.status_code == 409 and "già stato usato" in text_of(forced.text)


def test_the_rest_of_a_voucher_taken_and_the_form_sent_again_is_the_same_redemption(
    shop: TestClient, platform: Platform
) -> None:
    """ "Use all of it" takes what is left when the form is first sent: sent again (a
    double tap, a reload, a page that did not load the answer) it is the same
    redemption, answered with its receipt, not a new one of what is left by then."""
    code = issue(platform, 5_000)
    shop.post("/desk/redeem", data={**form_of(check(shop, code).text), "amount": "12,50"})
    fields = form_of(check(shop, code).text)
    full = shop.post("/desk/redeem", data={**fields, "all": "1"})
    assert full.status_code == 200 and "37,50 €" in text_of(full.text)
    again = shop.post("/desk/redeem", data={**fields, "all": "1"})
    assert again.status_code == 200, text_of(again.text)
    assert fields["receipt"] in again.text and "37,50 €" in text_of(again.text)
    with platform.sessions() as session:
        taken = session.scalars(select(Redemption.amount_cents)).all()
    assert sorted(taken) == [1_250, 3_750]


def test_a_receipt_number_sent_again_with_another_amount_is_refused_as_reused(
    shop: TestClient, platform: Platform
) -> None:
    """Only "use all of it" sent again is answered with the first redemption: an amount
    typed under a receipt number already used is another redemption, refused (README:
    a receipt reused for another voucher, shop or amount)."""
    code = issue(platform, 5_000)
    fields = form_of(check(shop, code).text)
    assert shop.post("/desk/redeem", data={**fields, "amount": "12,50"}).status_code == 200
    again = shop.post("/desk/redeem", data={**fields, "amount": "20,00"})
    assert again.status_code == 409, text_of(again.text)
    with platform.sessions() as session:
        assert session.scalars(select(Redemption.amount_cents)).all() == [1_250]


def test_an_amount_the_voucher_does_not_have_is_refused_plainly(
    shop: TestClient, platform: Platform
) -> None:
    code = issue(platform, 1_000)
    fields = form_of(check(shop, code).text)
    for typed, expected in (("dieci", 422), ("10,01", 409), ("0", 422), ("0,00", 422)):
        answer = shop.post("/desk/redeem", data={**fields, "amount": typed})
        assert answer.status_code == expected, (typed, answer.text)
        assert "Traceback" not in text_of(answer.text)
        if expected == 422:  # the buono shown again, its Comune by name
            assert "Piazzola sul Brenta" in text_of(answer.text)
    assert (
        "supera quanto resta" in shop.post("/desk/redeem", data={**fields, "amount": "10,01"}).text
    )
    with platform.sessions() as session:
        assert session.scalar(select(Redemption)) is None


@pytest.mark.parametrize(
    ("typed", "status", "words"),
    [
        ("ABCD", 422, "Il codice non è corretto"),
        ("SP1:NOTAVOUCHER", 404, "non è autentico"),
    ],
)
def test_malformed_and_forged_codes_are_refused_plainly(
    shop: TestClient, typed: str, status: int, words: str
) -> None:
    answer = check(shop, typed)
    assert answer.status_code == status
    assert words in text_of(answer.text)


def test_a_well_formed_code_no_one_issued_is_refused(shop: TestClient, platform: Platform) -> None:
    code = issue(platform, 1_000)
    with platform.sessions() as session:  # another code with a right check character
        from central.models import IssuedVoucher

        row = session.scalar(select(IssuedVoucher))
        assert row is not None
        session.delete(row)
        session.commit()
    answer = check(shop, code)
    assert answer.status_code == 404 and "non esiste" in text_of(answer.text)


def test_a_voucher_outside_the_shops_scope_is_refused(shop: TestClient, platform: Platform) -> None:
    code = issue(platform, 1_000, programme="Buoni farmacia")
    answer = check(shop, code)
    assert answer.status_code == 403
    assert "non si può usare nel suo negozio" in text_of(answer.text)
    assert "Buoni farmacia" not in text_of(answer.text)


def test_an_expired_voucher_is_refused_on_the_page_and_when_redeemed(
    shop: TestClient, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = issue(platform, 1_000)
    fields = form_of(check(shop, code).text)
    later = platform.today() + timedelta(days=400)
    monkeypatch.setattr(platform.database, "today", lambda: later)
    assert "è scaduto" in text_of(check(shop, code).text)
    answer = shop.post("/desk/redeem", data={**fields, "amount": "5"})
    assert answer.status_code == 409 and "è scaduto" in text_of(answer.text)


# History and statement ------------------------------------------------------------------


def redeem(shop: TestClient, code: str, amount: str) -> None:
    fields = form_of(check(shop, code).text)
    assert shop.post("/desk/redeem", data={**fields, "amount": amount}).status_code == 200


def test_history_and_statement_count_and_total_per_comune_and_programme_per_month(
    app: Any, client: TestClient, platform: Platform
) -> None:
    make_merchant(client, programmes=[PROGRAMME, "Buoni farmacia"])
    make_merchant(client, "forno", programmes=[PROGRAMME])
    shop, other = logged_in(app), logged_in(app, "forno")
    first, second = issue(platform, 5_000), issue(platform, 2_000)
    pharmacy = issue(platform, 3_000, programme="Buoni farmacia")
    # The same programme's name given by another Comune: paid by that Comune, its own line.
    limena = str(platform.issue_voucher(CF, "limena", PROGRAMME, 4_000)["code"])
    redeem(shop, limena, "30")
    redeem(shop, first, "10")
    redeem(shop, first, "5,50")
    redeem(shop, second, "20")
    redeem(shop, pharmacy, "7,25")
    redeem(other, first, "1")  # another shop: not on this one's pages
    with platform.sessions() as session:  # one redemption was last month
        row = session.scalar(select(Redemption).where(Redemption.amount_cents == 2_000))
        assert row is not None
        row.at = row.at.replace(day=1) - timedelta(days=3)
        last_month = f"{row.at:%Y-%m}"
        this_month = f"{platform.today():%Y-%m}"
        session.commit()
    history = text_of(shop.get("/desk/history").text)
    assert history.count(first) == 2 and pharmacy in history and "1,00 €" not in history
    page = text_of(shop.get("/desk/statement").text)
    assert "IT60X0542811101000000123456" in page and "15,50 €" in page
    assert "Piazzola sul Brenta" in page and "Limena" in page
    table = list(csv.reader(io.StringIO(shop.get("/desk/statement.csv").text)))
    assert table[0] == [
        "Mese",
        "Esercente",
        "IBAN",
        "Comune",
        "Iniziativa",
        "Buoni",
        "Totale",
        "Unità",
    ]
    rows = {(row[0], row[3], row[4]): (row[5], row[6]) for row in table[1:]}
    piazzola = "Piazzola sul Brenta"
    assert rows == {
        (this_month, "Limena", PROGRAMME): ("1", "30.00"),
        (this_month, piazzola, PROGRAMME): ("2", "15.50"),
        (this_month, piazzola, "Buoni farmacia"): ("1", "7.25"),
        (last_month, piazzola, PROGRAMME): ("1", "20.00"),
    }
    assert all(row[1] == "Alimentari Rossi" and row[2].startswith("IT60") for row in table[1:])
    assert CF not in shop.get("/desk/statement.csv").text
    workbook = shop.get("/desk/statement.xlsx")
    assert workbook.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0] == table[0]
    sums = {(row[0], row[3], row[4]): (row[5], row[6]) for row in cells[1:]}
    assert sums == {
        (this_month, "Limena", PROGRAMME): (1, 30.0),
        (this_month, piazzola, PROGRAMME): (2, 15.5),
        (this_month, piazzola, "Buoni farmacia"): (1, 7.25),
        (last_month, piazzola, PROGRAMME): (1, 20.0),
    }


# Languages ------------------------------------------------------------------------------


def test_every_text_of_the_desk_exists_in_every_language() -> None:
    for key, texts in TEXT.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key


def test_the_language_comes_from_the_switch_then_the_browser(client: TestClient) -> None:
    assert pick_language(None, None, "en-GB,en;q=0.9,it;q=0.8") == "en"
    assert pick_language(None, None, "de-DE,it;q=0.5,en;q=0.4") == "it"
    assert pick_language(None, None, "it;q=0.2, en;q=0.9") == "en"
    assert pick_language("xx", None, "fr") == "it"
    english = client.get("/desk/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Merchant login" in english.text and '<html lang="en">' in english.text
    switched = client.get("/desk/login?lang=it", headers={"Accept-Language": "en"})
    assert "Accesso esercenti" in switched.text
    remembered = client.get("/desk/login", headers={"Accept-Language": "en"})
    assert '<html lang="it">' in remembered.text
