# SPDX-License-Identifier: EUPL-1.2
"""The kiosk's identity at the platform: enrolled once with a one-time code.

The device token lives in a file readable by its owner only (mode 0600), written
atomically; it is never logged. The same file keeps the key under which the platform
publishes application statuses (forms/lookup.py), fetched once after enrollment.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sync.client import PlatformClient


class NotEnrolledError(Exception):
    """The kiosk has no device token and no enrollment code to get one."""


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    token: str
    lookup_key: str | None = None  # hex; None until fetched from the platform

    def __repr__(self) -> str:  # keep the secrets out of logs and tracebacks
        return f"DeviceIdentity(device_id={self.device_id!r}, token=<hidden>)"


def load(path: Path) -> DeviceIdentity | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        key = data.get("lookup_key")
        if data.get("lookup_key_of") != data["device_id"]:
            key = None  # the network's shared key of before: this kiosk's own is fetched
        return DeviceIdentity(str(data["device_id"]), str(data["token"]), str(key) if key else None)
    except FileNotFoundError:
        return None
    # AttributeError: JSON that is no object (null, a list); RecursionError: one nested
    # too deep for the json module. Both escaped as a bare error name in every sync.
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise NotEnrolledError(
            f"the device file {path} is unreadable: {type(error).__name__}"
        ) from None


def save(path: Path, identity: DeviceIdentity) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(
            {
                "device_id": identity.device_id,
                "token": identity.token,
                "lookup_key": identity.lookup_key,
                "lookup_key_of": identity.device_id,  # each kiosk has its own
            },
            file,
        )
        file.flush()
        os.fsync(file.fileno())
    os.chmod(temporary, 0o600)  # in case the file already existed with a wider mode
    os.replace(temporary, path)


def claim_for(path: Path, code: str) -> str:
    """The secret sent with this enrollment code: made at the first try and kept beside
    the device file (mode 0600) until the device is saved, so a try after a lost reply,
    even after a restart, sends the same one and gets the device again. A new code
    gets a new claim."""
    kept = path.with_name(path.name + ".claim")
    code_digest = hashlib.sha256(code.encode()).hexdigest()
    try:
        data = json.loads(kept.read_text(encoding="utf-8"))
        if data.get("code") == code_digest and isinstance(data.get("claim"), str):
            return str(data["claim"])
    except (OSError, ValueError, AttributeError):
        pass  # none yet, or unreadable: a new one
    claim = secrets.token_urlsafe(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump({"code": code_digest, "claim": claim}, file)
        file.flush()
        os.fsync(file.fileno())
    os.chmod(kept, 0o600)
    return claim


def ensure_enrolled(
    path: Path, client: PlatformClient, *, code: str, kiosk_id: str
) -> DeviceIdentity:
    identity = load(path)
    if identity is None:
        if not code:
            raise NotEnrolledError("not enrolled: set sync.enrollment_code to enroll this kiosk")
        device_id, token = client.enroll(code, kiosk_id, claim_for(path, code))
        identity = DeviceIdentity(device_id, token)
        save(path, identity)
        path.with_name(path.name + ".claim").unlink(missing_ok=True)
    client.set_token(identity.token)
    if identity.lookup_key is None:
        identity = DeviceIdentity(identity.device_id, identity.token, client.lookup_key())
        save(path, identity)
    return identity
