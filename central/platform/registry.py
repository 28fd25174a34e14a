# SPDX-License-Identifier: EUPL-1.2
"""Devices: one-time enrollment codes, device tokens (and their rotation), revocation.
What each role may do is in central/devices.py."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from sqlalchemy import BindParameter, Connection, Select, String, bindparam, func, or_, select

from central import epochs
from central.devices import check_grant, same_kiosk
from central.enrollment import CodeRefusedError, check_code, keep_claim
from central.models import Change, Device, EnrollmentCode, PlatformSecret, SigningKey
from central.platform.database import DEVICE_LOCKS, Database, digest, lock_name, now, take_turn

# A device's columns, read as plain values (not an ORM load, which cost about a
# millisecond of the platform's processor time on every request).
_DEVICE_COLUMNS = tuple(column for column in Device.__table__.columns)
_HOLDING: BindParameter[str] = bindparam("hashed", type_=String())
# The device holding a token, current or previous (both columns indexed), with what a
# pull needs beside it (the epoch, the newest change): one round trip to the database
# for the caller and the platform's state.
_DEVICE_AND_HEAD: Select[Any] = select(
    *_DEVICE_COLUMNS,
    select(PlatformSecret.value)
    .where(PlatformSecret.name == epochs.EPOCH)
    .scalar_subquery()
    .label("epoch"),
    select(func.max(Change.seq)).scalar_subquery().label("head"),
).where(or_(Device.token_hash == _HOLDING, Device.previous_token_hash == _HOLDING))


class EnrollError(ValueError):
    pass


class DeviceRegistry:
    def __init__(self, database: Database) -> None:
        self.database = database

    def new_enrollment_code(
        self,
        role: str = "kiosk",
        comune: str | None = None,
        scope: dict[str, list[str]] | None = None,
    ) -> str:
        """A one-time code; the device enrolled with it gets this role, Comune and scope
        (see central/devices.py)."""
        code = "-".join(f"{secrets.randbelow(10_000):04d}" for _ in range(3))
        with self.database.writing() as session:
            check_grant(session, role, comune, scope)
            session.add(
                EnrollmentCode(
                    code_hash=digest(code), created_at=now(), role=role, comune=comune, scope=scope
                )
            )
        return code

    def enroll(self, code: str, kiosk_id: str, claim: str | None = None) -> tuple[str, str]:
        """A new device for a fresh code; with ``claim``, the same device again for the
        same kiosk and claim within the retry window (a lost reply)."""
        token = secrets.token_urlsafe(32)
        device_id = str(uuid.uuid4())
        with self.database.writing() as session:
            entry = session.get(EnrollmentCode, digest(code), with_for_update=True)
            try:  # expired, or the same kiosk asking again after a lost reply
                again = check_code(session, entry, kiosk_id, claim, digest(token), now())
            except CodeRefusedError as error:
                raise EnrollError(str(error)) from None
            if again is not None:
                return again, token
            if entry is None or entry.used_at is not None:
                raise EnrollError("unknown or already used enrollment code")
            entry.used_at, entry.device_id = now(), device_id
            keep_claim(session, entry, claim)
            device = Device(
                id=device_id,
                kiosk_id=kiosk_id,
                token_hash=digest(token),
                enrolled_at=now(),
                role=entry.role,
                comune=entry.comune,
                scope=entry.scope,
                token_issued_at=now(),
            )
            device.succeeds_revoked = bool(same_kiosk(session, device, revoked=True)) or None
            session.add(device)
        return device_id, token

    def device_for(self, token: str) -> Device | None:
        """The device holding this token (revoked ones too: the caller says why not).
        The first call with a rotated token retires the one before it. Read from the
        database on every call, never from memory: a revocation or a rotation made by
        any platform process holds for the very next request."""
        with self.database.engine.connect() as connection:
            return self.device_in(connection, token)[0]

    def device_in(self, connection: Connection, token: str) -> tuple[Device | None, str, int]:
        """``device_for`` on the caller's connection, with the epoch's id and the newest
        change's sequence number read in the same statement (a pull needs all three)."""
        hashed = digest(token)
        row = connection.execute(_DEVICE_AND_HEAD, {"hashed": hashed}).first()
        if row is None:
            return None, "", 0
        values = row._mapping
        device = Device(**{column.key: values[column] for column in _DEVICE_COLUMNS})
        if device.token_hash == hashed and device.previous_token_hash:
            self._retire_previous(device.id, hashed)
        return device, values["epoch"] or "", int(values["head"] or 0)

    def _retire_previous(self, device_id: str, hashed: str) -> None:
        with self.database.writing() as session:
            current = session.get(Device, device_id)
            if current is not None and current.token_hash == hashed:
                current.previous_token_hash = None

    def rotate_token(self, device_id: str, used_token: str) -> str:
        """A new token for the device. The one used to ask stays valid until the new one
        is first used (then it is forgotten), so a lost reply locks nobody out."""
        token = secrets.token_urlsafe(32)
        with self.database.writing() as session:
            device = session.get(Device, device_id)
            if device is None or device.revoked_at is not None:
                raise EnrollError("this device cannot get a new token")
            if device.token_hash == digest(used_token):
                device.previous_token_hash = device.token_hash
            device.token_hash, device.token_issued_at = digest(token), now()
        return token

    def revoke_device(self, device_id: str, reason: str) -> bool:
        """Switches a device off: every call it makes is refused with ``reason`` (shown
        to its manager), and the vouchers keys it registered stop being trusted."""
        with self.database.writing(in_turn_from_start=False) as session:
            # The device's lock, then the writers' turn (the order its batches and
            # redemptions take them in): one waiting for its turn is refused after this.
            lock_name(session, DEVICE_LOCKS, device_id)
            take_turn(session)
            device = session.get(Device, device_id)
            if device is None:
                return False
            device.revoked_at, device.revoked_reason = device.revoked_at or now(), reason
            for successor in same_kiosk(session, device, revoked=False):
                successor.succeeds_revoked = True  # enrolled before the dead one was revoked
            for key in session.scalars(select(SigningKey).where(SigningKey.owner == device_id)):
                if key.revoked_at is None:  # one revoked before as leaked stays so
                    key.revoked_at, key.device_retired = now(), True
        return True

    def devices(self) -> list[Device]:
        with self.database.sessions() as session:
            return list(session.scalars(select(Device).order_by(Device.enrolled_at)))
