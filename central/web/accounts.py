# SPDX-License-Identifier: EUPL-1.2
"""Merchant accounts of the web desk: creation, password hashing, login with limits,
and browser sessions.

Passwords are hashed with scrypt (memory-hard, in the standard library) with OWASP's
parameters for 16 MiB (N=2^14, r=8, p=5): about 150 ms per check, so a stolen table is
slow to guess. A password stored with weaker parameters is hashed again at its next
right login. Each account acts through
its own merchant device row (role and scope from central/devices.py), which has no
usable API token: the desk and the API share one authority over vouchers.

Login attempts are stored before the password is checked and forgotten only when it
was right, so parallel guesses count too: at most ``ACCOUNT_LIMIT`` wrong passwords
per account and ``CLIENT_LIMIT`` per client address within ``WINDOW``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import delete, func, select, update
from stdnum import iban as iban_number

from central.devices import GrantError, check_grant, is_text
from central.models import DeskSession, Device, LoginAttempt, MerchantAccount
from central.platform import Platform, digest
from protocol.text import unfit_in

# 128 * r * N bytes = 16 MiB per check; p=5 makes the work OWASP's minimum (which is
# N=2^17 with p=1, 128 MiB: too much memory for a platform checking several at once).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 5
MIN_PASSWORD = 12
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 5
CLIENT_LIMIT = 20
SESSION_HOURS = 10  # a shop's working day; then the desk asks for the password again
# A desk left open and unused (a shop's counter, a shared office computer) asks for the
# password again after this long; each page seen moves the deadline on.
IDLE_MINUTES = 30
_IDLE = timedelta(minutes=IDLE_MINUTES)
_RENEW_AFTER = timedelta(minutes=1)  # the deadline is written at most once a minute


class AccountError(ValueError):
    """A merchant account that cannot be made; the message says why."""


class LoginRefusedError(ValueError):
    """``code``: ``wrong`` (user or password), ``too_many`` (wait and retry) or
    ``revoked`` (the right password of an account the platform switched off)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _now() -> datetime:
    return datetime.now(UTC)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    encoded = (base64.b64encode(part).decode() for part in (salt, key))
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$" + "$".join(encoded)


def password_matches(stored: str, password: str) -> bool:
    try:
        name, n, r, p, salt, key = stored.split("$")
        expected = base64.b64decode(key)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return name == "scrypt" and hmac.compare_digest(expected, actual)


def needs_rehash(stored: str) -> bool:
    """A hash made with weaker parameters than today's (or not readable as scrypt)."""
    try:
        name, n, r, p, _salt, _key = stored.split("$")
        return name != "scrypt" or (int(n), int(r), int(p)) < (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    except ValueError:
        return True


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


@cache
def _dummy_hash() -> str:
    """Checked against when the user does not exist, so timing does not tell who does
    (made at the first login: a platform's start need not wait for a scrypt)."""
    return hash_password(secrets.token_urlsafe(16))


def _utf8(text: str) -> str:
    if not is_text(text):
        raise ValueError("not UTF-8 text (it holds a lone surrogate, such as \\ud800)")
    problem = unfit_in(text)
    if problem is not None:
        raise ValueError(problem)
    return text


# A string of an admin body: JSON may escape a lone surrogate (\ud800), which no
# database stores. A bare ``str`` in a list let it through to SQLite (500), or into the
# device's scope, stored and answered 201. Nor a NUL (SQLite stored it, PostgreSQL
# refused it) or another control character, as no text of the contract holds one.
Text = Annotated[str, AfterValidator(_utf8)]


class MerchantGrant(BaseModel):
    """``POST /v1/admin/merchants``: a shop's web desk account and what it accepts."""

    username: Text = Field(min_length=3, max_length=64)
    password: Text = Field(min_length=MIN_PASSWORD, max_length=200)
    display_name: Text = Field(min_length=1, max_length=200)
    iban: Text = Field(min_length=15, max_length=40)
    comune: Text | None = Field(default=None, max_length=64)
    services: list[Text] = Field(default_factory=list, max_length=500)
    programmes: list[Text] = Field(default_factory=list, max_length=500)
    comuni: list[Text] = Field(default_factory=list, max_length=500)


def create_merchant(platform: Platform, grant: MerchantGrant) -> str:
    """A new merchant account with its device row; its id. AccountError says why not."""
    username = grant.username.strip().lower()
    if not USERNAME.match(username):
        raise AccountError("username: 3-64 lowercase letters, digits, '.', '_' or '-'")
    if not iban_number.is_valid(grant.iban):
        raise AccountError("iban: not a valid IBAN (check digits)")
    scope: dict[str, Any] = {
        key: values
        for key, values in (
            ("services", grant.services),
            ("programmes", grant.programmes),
            ("comuni", grant.comuni),
        )
        if values
    }
    account_id, device_id = str(uuid.uuid4()), str(uuid.uuid4())
    password_hash = hash_password(grant.password)  # before the turn: a scrypt is slow
    # In the writers' turn: the username is checked free and taken in one turn (two
    # accounts made at once, or any write meanwhile, was a "busy" 503 on SQLite).
    with platform.writing() as session:
        try:
            check_grant(session, "merchant", grant.comune, scope or None)
        except GrantError as error:
            raise AccountError(str(error)) from None
        taken = select(MerchantAccount).where(MerchantAccount.username == username)
        if session.scalar(taken) is not None:
            raise AccountError(f"username {username!r} is taken")
        # The device row gives the account its role and scope; its token is thrown away.
        session.add(
            Device(
                id=device_id,
                kiosk_id=f"desk:{username}",
                enrolled_at=_now(),
                role="merchant",
                token_hash=digest(secrets.token_urlsafe(32)),
                comune=grant.comune,
                scope=scope or None,
            )
        )
        session.add(
            MerchantAccount(
                id=account_id,
                username=username,
                password_hash=password_hash,
                display_name=grant.display_name.strip(),
                iban=iban_number.compact(grant.iban),
                device_id=device_id,
                created_at=_now(),
            )
        )
    return account_id


@dataclass(frozen=True)
class Merchant:
    """A logged-in shop as the desk pages see it."""

    account: MerchantAccount
    device: Device


def log_in(platform: Platform, username: str, password: str, client: str) -> str:
    """A new session token for the account, or LoginRefusedError."""
    username = username.strip().lower()[:64]
    client = client[:64]
    since = _now() - WINDOW
    # A writing transaction: attempts made at the same moment are counted one by one.
    with platform.writing() as session:
        by_account = session.scalar(
            select(func.count()).where(LoginAttempt.username == username, LoginAttempt.at > since)
        )
        by_client = session.scalar(
            select(func.count()).where(LoginAttempt.client == client, LoginAttempt.at > since)
        )
        if (by_account or 0) >= ACCOUNT_LIMIT or (by_client or 0) >= CLIENT_LIMIT:
            raise LoginRefusedError("too_many")
        # What no longer counts, or no longer logs anyone in, goes: both tables grew
        # with every login for as long as the platform ran.
        session.execute(delete(LoginAttempt).where(LoginAttempt.at <= since))
        session.execute(delete(DeskSession).where(DeskSession.expires_at < _now()))
        attempt = LoginAttempt(username=username, client=client, at=_now())
        session.add(attempt)
        session.flush()
        attempt_id = attempt.id
        account = session.scalar(
            select(MerchantAccount).where(MerchantAccount.username == username)
        )
        device = session.get(Device, account.device_id) if account is not None else None
    # An unknown user's password is checked too, against a stand-in, so that a refusal
    # takes as long whether or not the user exists.
    dummy = _dummy_hash()  # made at the first login of either kind
    stored = account.password_hash if account is not None else dummy
    right = password_matches(stored, password)
    if account is None or not right:
        raise LoginRefusedError("wrong")
    if device is None or device.revoked_at is not None:
        # Said only to whoever knows the password. It was let in, given a session and a
        # cookie that no page took, and sent back to the login page without a word.
        _forget_attempt(platform, attempt_id)
        raise LoginRefusedError("revoked")
    token = secrets.token_urlsafe(32)
    stronger = hash_password(password) if needs_rehash(stored) else None
    with platform.sessions.begin() as session:
        session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt_id))
        if stronger is not None:  # unless the password was changed meanwhile
            session.execute(
                update(MerchantAccount)
                .where(MerchantAccount.id == account.id, MerchantAccount.password_hash == stored)
                .values(password_hash=stronger)
            )
        session.add(
            DeskSession(
                token_hash=digest(token),
                account_id=account.id,
                created_at=_now(),
                expires_at=_now() + _IDLE,
            )
        )
    return token


def _forget_attempt(platform: Platform, attempt_id: int) -> None:
    """A login with the right password counts against no one."""
    with platform.sessions.begin() as session:
        session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt_id))


def merchant_for(platform: Platform, token: str) -> Merchant | None:
    """The merchant logged in with this session token, if the session and its device
    are still good (a revoked device logs its desk out too)."""
    if not token:
        return None
    now, key = _now(), digest(token)
    with platform.sessions() as session:
        row = session.get(DeskSession, key)
        if row is None or row.expires_at < now:
            return None
        # ``expires_at`` is the idle deadline, never past the working day's end.
        renewed = min(now + _IDLE, row.created_at + timedelta(hours=SESSION_HOURS))
        stale = renewed - row.expires_at >= _RENEW_AFTER
        account = session.get(MerchantAccount, row.account_id)
        device = session.get(Device, account.device_id) if account else None
    if account is None or device is None or device.revoked_at is not None:
        return None
    if stale:
        _renew(platform, key, renewed)
    return Merchant(account, device)


def _renew(platform: Platform, key: str, renewed: datetime) -> None:
    """Moves a session's idle deadline on, in the writers' turn: written in the read's
    transaction, SQLite refused it at once when another write had committed since the
    read ("busy", 503), and several desks opening pages together failed most of them.
    The row is all it writes: on PostgreSQL it need not wait for the other writers."""
    with platform.writing(in_turn_from_start=False) as session:
        session.execute(
            update(DeskSession)
            .where(DeskSession.token_hash == key, DeskSession.expires_at < renewed)
            .values(expires_at=renewed)
        )


def log_out(platform: Platform, token: str) -> None:
    with platform.sessions.begin() as session:
        session.execute(delete(DeskSession).where(DeskSession.token_hash == digest(token)))
