# SPDX-License-Identifier: EUPL-1.2
"""Enrollment as an attacker meets it, against the real platform over loopback: codes
expire, guesses are limited per client and never take the write lock, a lost reply can
be asked for again; the admin token is long, compared in constant time, never on the
command line; no voucher code reaches the access log."""

from __future__ import annotations

import logging
import stat
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from central.access_log import WithoutSecrets, redact
from central.admin_token import read_admin_token
from central.app import create_app
from central.models import EnrollmentCode
from store.database import Store
from tests.sync.conftest import ADMIN, Central

CLAIM = "k" * 43  # what secrets.token_urlsafe(32) makes: 43 URL-safe characters


def enroll(
    central: Central, code: str, kiosk_id: str = "kiosk-1", claim: str | None = None
) -> requests.Response:
    body = {"code": code, "kiosk_id": kiosk_id} | ({"claim": claim} if claim else {})
    return requests.post(central.url + "/v1/enroll", json=body, timeout=10)


def test_a_code_expires_after_a_day(central: Central) -> None:
    code = central.platform.new_enrollment_code()
    with central.platform.sessions.begin() as session:
        for row in session.scalars(select(EnrollmentCode)):
            row.created_at -= timedelta(hours=24, minutes=1)
    assert enroll(central, code).status_code == 403
    assert enroll(central, central.platform.new_enrollment_code()).status_code == 200


def test_guesses_are_limited_per_client_with_retry_after(central: Central) -> None:
    answers = [enroll(central, f"9999-9999-{n:04d}") for n in range(11)]
    assert [a.status_code for a in answers[:10]] == [403] * 10
    assert answers[10].status_code == 429
    assert 1 <= int(answers[10].headers["Retry-After"]) <= 60
    # Even a good code waits now: the limit is on the client, not the code.
    assert enroll(central, central.platform.new_enrollment_code()).status_code == 429


def test_a_wrong_guess_never_waits_for_the_write_lock(central: Central) -> None:
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with central.platform.writing():
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert holding.wait(10)
        started = time.monotonic()
        assert enroll(central, "1234-5678-9012").status_code == 403
        assert time.monotonic() - started < 5  # the lock is held for 30 s
    finally:
        release.set()
        holder.join()


def test_a_lost_reply_can_be_asked_again_by_the_same_kiosk_with_its_claim(
    central: Central,
) -> None:
    code = central.platform.new_enrollment_code()
    first = enroll(central, code, claim=CLAIM).json()
    again = enroll(central, code, claim=CLAIM)  # the first reply never arrived
    assert again.status_code == 200 and again.json()["device_id"] == first["device_id"]
    assert central.platform.device_for(again.json()["token"]) is not None
    assert central.platform.device_for(first["token"]) is None  # never received: retired
    # Whoever else saw the code knows the kiosk id too (every device reads it in
    # /v1/keys), not the claim: they cannot take the device's place.
    for claim in (None, "x" * 43, CLAIM[:-1] + "x"):
        assert enroll(central, code, claim=claim).status_code == 403, claim
    assert enroll(central, code, kiosk_id="another-kiosk", claim=CLAIM).status_code == 403
    assert central.platform.device_for(again.json()["token"]) is not None  # still its token
    with central.platform.sessions.begin() as session:
        for row in session.scalars(select(EnrollmentCode)):
            row.used_at = row.used_at and row.used_at - timedelta(minutes=11)
    assert enroll(central, code, claim=CLAIM).status_code == 403  # the window has passed


def test_a_code_used_without_a_claim_is_never_given_again(central: Central) -> None:
    code = central.platform.new_enrollment_code()
    first = enroll(central, code).json()
    for claim in (None, CLAIM):
        assert enroll(central, code, claim=claim).status_code == 403
    assert central.platform.device_for(first["token"]) is not None


@pytest.mark.parametrize("claim", ["short", "k" * 129, "k" * 42 + "/", "k" * 42 + "é"])
def test_a_claim_of_the_wrong_shape_is_refused_before_the_code_is_used(
    central: Central, claim: str
) -> None:
    code = central.platform.new_enrollment_code()
    assert enroll(central, code, claim=claim).status_code == 422
    assert enroll(central, code, claim=CLAIM).status_code == 200  # the code was not spent


def test_a_kiosk_whose_reply_was_lost_gets_its_device_at_the_next_try(
    central: Central, tmp_path: Path
) -> None:
    """Through a proxy that lets the enrollment reach the platform and drops its reply,
    then as after a restart (a new client): the claim kept beside the device file (mode
    0600) asks for the device again; once the device file is written it goes."""
    from sync.client import PlatformClient, UnreachableError
    from sync.device import ensure_enrolled, load
    from tests.sync.faults import FaultProxy

    proxy = FaultProxy((central.server.host, central.server.port), rates={"drop_after_commit": 1})
    device_file, code = tmp_path / "device.json", central.platform.new_enrollment_code()
    claim_file = tmp_path / "device.json.claim"
    try:
        with pytest.raises(UnreachableError):  # the reply never came
            ensure_enrolled(
                device_file, PlatformClient(proxy.url, read_timeout=5), code=code, kiosk_id="k1"
            )
        assert load(device_file) is None
        assert stat.S_IMODE(claim_file.stat().st_mode) == 0o600
        proxy.rates = {}
        identity = ensure_enrolled(
            device_file, PlatformClient(proxy.url, read_timeout=5), code=code, kiosk_id="k1"
        )
    finally:
        proxy.close()
    with central.platform.sessions.begin() as session:
        [used] = session.scalars(select(EnrollmentCode))
    assert identity.device_id == used.device_id  # the same device, not a second one
    assert central.platform.device_for(identity.token) is not None
    assert not claim_file.exists()


def test_the_admin_token_is_long_and_never_on_the_command_line(
    central: Central, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="at least 32"):
        create_app(central.platform, admin_token="short")
    token_file = tmp_path / "admin-token"
    token_file.write_text("x" * 40 + "\n")
    assert read_admin_token({}, token_file) == "x" * 40
    assert read_admin_token({"SOCIAL_POINT_ADMIN_TOKEN": "y" * 32}, None) == "y" * 32
    assert read_admin_token({}, None) is None
    # Left empty, as deploy/central.env.example has it: off, as central.asgi reads it too.
    assert read_admin_token({"SOCIAL_POINT_ADMIN_TOKEN": ""}, None) is None
    token_file.write_text("\n")
    with pytest.raises(ValueError, match="the admin token file is empty"):
        read_admin_token({"SOCIAL_POINT_ADMIN_TOKEN": "y" * 32}, token_file)
    with pytest.raises(ValueError):
        read_admin_token({"SOCIAL_POINT_ADMIN_TOKEN": "y" * 31}, None)
    url = central.url + "/v1/admin/enrollment-codes"
    for wrong in ["", "Bearer ", f"Bearer {ADMIN[:-1]}", f"Bearer {ADMIN}x", "Bearer é"]:
        assert requests.post(url, headers={"Authorization": wrong}, timeout=5).status_code == 401
    good = requests.post(url, headers={"Authorization": f"Bearer {ADMIN}"}, timeout=5)
    assert good.status_code == 200

    from kiosk.boot.launcher import central_main

    with pytest.raises(SystemExit):  # argparse: no such option
        central_main(["--db", f"sqlite:///{tmp_path / 'c.sqlite3'}", "--admin-token", "z" * 40])


@pytest.mark.parametrize(
    "token",
    ["\x00" * 40, "a" * 20 + " " + "b" * 20, "a" * 20 + "\n" + "b" * 20, "è" * 40, "\x7f" * 40],
    ids=["nul-bytes", "space", "line-break", "not-ascii", "delete"],
)
def test_a_token_no_header_can_carry_as_typed_is_refused_where_it_is_read(
    central: Central, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    """Forty NUL bytes in the token file were taken as the admin token."""
    token_file = tmp_path / "admin-token"
    token_file.write_text(token, encoding="utf-8")
    for read in (
        lambda: read_admin_token({}, token_file),
        lambda: read_admin_token({"SOCIAL_POINT_ADMIN_TOKEN": token}, None),
        lambda: create_app(central.platform, admin_token=token),
    ):
        with pytest.raises(ValueError, match="only ASCII letters, digits and signs"):
            read()
    from central.asgi import app_from_environment

    monkeypatch.setenv("SOCIAL_POINT_DB", f"sqlite:///{tmp_path / 'unit.sqlite3'}")
    if "\x00" not in token:  # no environment variable holds one
        monkeypatch.setenv("SOCIAL_POINT_ADMIN_TOKEN", token)
        with pytest.raises(SystemExit, match="only ASCII letters"):
            app_from_environment()


def test_no_voucher_code_in_the_access_log() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        "",
        0,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "POST", "/v1/vouchers/AB12-CD34-EF567/redeem", "1.1", 200),
        None,
    )
    assert WithoutSecrets().filter(record)
    assert "AB12" not in record.getMessage()
    assert "/v1/vouchers/…/redeem" in record.getMessage()


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/v1/vouchers/SP1:6BF/5R2%20K9/redeem", "/v1/vouchers/…/redeem"),
        ("/v1/vouchers/SP1:6BF/5R2/X", "/v1/vouchers/…"),
        ("/v1/vouchers/SP1:AB/CD?x=1", "/v1/vouchers/…?x=1"),
        ("/v1/vouchers/SP1:AB%2FCD", "/v1/vouchers/…"),
        # Paths the router refuses are logged too, the code in them.
        ("/v1//vouchers/AB12-CD34", "/v1//vouchers/…"),
        ("//v1/vouchers/AB12-CD34/redeem", "//v1/vouchers/…/redeem"),
        ("/v1/Vouchers/AB12-CD34", "/v1/Vouchers/…"),
        ("/V1/VOUCHERS//AB12-CD34/REDEEM?x=1", "/V1/VOUCHERS//…/REDEEM?x=1"),
        ("/v1/./vouchers/AB12-CD34", "/v1/./vouchers/…"),
        # The body look-up's own address holds no code: logged as it is.
        ("/v1/vouchers/lookup", "/v1/vouchers/lookup"),
        ("/v1/vouchers/lookup?x=1", "/v1/vouchers/lookup?x=1"),
        ("/v1/vouchers/lookup/redeem", "/v1/vouchers/…/redeem"),
        ("/v1/vouchers/lookupAB12", "/v1/vouchers/…"),
    ],
)
def test_a_qr_code_with_slashes_is_kept_out_of_the_access_log(path: str, logged: str) -> None:
    """A QR's Base45 text may hold "/": the whole code goes, not only what comes before."""
    assert redact(path) == logged


def test_a_failed_statement_never_shows_what_it_was_writing(
    central: Central, tmp_path: Path
) -> None:
    """A statement's error is logged (a batch that failed, a disk that filled): neither
    the platform's nor the kiosk's shows the parameters, which may be a voucher code or
    a citizen's answers."""
    secret = "VOUCHER-AB12-CD34-EF56"
    statement = text("INSERT INTO no_such_table VALUES (:code)")
    with pytest.raises(DBAPIError) as on_platform, central.platform.engine.connect() as platform:
        platform.execute(statement, {"code": secret})
    store = Store(tmp_path / "kiosk.sqlite3")
    with pytest.raises(DBAPIError) as on_kiosk, store.write() as session:
        session.execute(statement, {"code": secret})
    store.close()
    for failed in (on_platform, on_kiosk):
        assert secret not in str(failed.value) and "no_such_table" in str(failed.value).lower()
