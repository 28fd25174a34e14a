# SPDX-License-Identifier: EUPL-1.2
"""Device roles and what each may do, after ODK Central's app users and Morango's
scoped certificates: a device is enrolled for one role, and for a kiosk one Comune,
and every call it makes is checked against them.

| role     | may                                                                    |
| -------- | ---------------------------------------------------------------------- |
| kiosk    | pull the streams its Social Point needs, send submissions, register its |
|          | voucher signing key, read the lookup key                               |
| merchant | read the published keys, look up and redeem the vouchers in its scope  |
|          | (``{"services": [...], "programmes": [...], "comuni": [...]}``)        |
| admin    | what the admin token may (publishing, issuing, enrolling, revoking)    |

Every role reads the published voucher keys and may rotate its own token. A revoked
device is refused everything with the reason its manager is shown.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Device, Record

ROLES = ("kiosk", "merchant", "admin")
SCOPE_KEYS = ("services", "programmes", "comuni")
# The streams a kiosk pulls; a merchant pulls none (it asks about one voucher at a time).
KIOSK_STREAMS = frozenset({"catalog", "calls", "operators", "statuses", "wallet"})


class GrantError(ValueError):
    """An enrollment code cannot be made for that role, Comune or scope."""


# The scope's entries that name records, and the records' kind: a Comune or service
# misspelt ("Piazzola" for "piazzola") made a shop that refused every buono it was for.
# Programmes are names the Comuni give their buoni, not records.
SCOPE_RECORDS = {"comuni": ("comuni", "comune"), "services": ("services", "service")}


def is_text(value: object) -> bool:
    """A string a database can store: one with a lone surrogate (a JSON ``\\ud800``)
    is not UTF-8, and SQLite failed with a 500 when asked for it."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_grant(
    session: Session, role: str, comune: str | None, scope: dict[str, Any] | None
) -> None:
    if role not in ROLES:
        raise GrantError(f"role must be one of {', '.join(ROLES)}")
    if comune is not None and (
        not is_text(comune) or session.get(Record, ("comuni", comune)) is None
    ):
        raise GrantError(f"unknown comune {comune!r}")
    if scope is None:
        return
    if role != "merchant":
        raise GrantError("only a merchant has a scope")
    if not isinstance(scope, dict) or not set(scope) <= set(SCOPE_KEYS):
        raise GrantError(f"a scope has only {', '.join(SCOPE_KEYS)}")
    for key, values in scope.items():
        if not isinstance(values, list) or not all(
            is_text(value) and 0 < len(value) <= 200 for value in values
        ):
            raise GrantError(f"scope.{key} is a list of names")
        if key in SCOPE_RECORDS:
            kind, name = SCOPE_RECORDS[key]
            for value in values:
                if session.get(Record, (kind, value)) is None:
                    raise GrantError(f"unknown {name} {value!r} in scope.{key}")


def revoked_message(device: Device) -> str:
    """What a revoked device's manager reads (the platform's words, plain language)."""
    reason = (device.revoked_reason or "").strip() or "nessun motivo indicato"
    return (
        "Questo dispositivo è stato disattivato dalla piattaforma e non si sincronizza più. "
        f"Motivo: {reason}. Per riattivarlo serve un nuovo codice di registrazione."
    )


def may_pull(device: Device, stream: str) -> bool:
    return device.role == "admin" or (device.role == "kiosk" and stream in KIOSK_STREAMS)


def same_kiosk(session: Session, device: Device, *, revoked: bool) -> list[Device]:
    """The other devices of the same kiosk name, role and Comune, revoked or not (a
    kiosk enrolled again replaces its revoked device)."""
    same_comune = (
        Device.comune.is_(None) if device.comune is None else Device.comune == device.comune
    )
    state = Device.revoked_at.is_not(None) if revoked else Device.revoked_at.is_(None)
    found = select(Device).where(
        Device.kiosk_id == device.kiosk_id,
        Device.role == device.role,
        same_comune,
        Device.id != device.id,
        state,
    )
    return list(session.scalars(found))
