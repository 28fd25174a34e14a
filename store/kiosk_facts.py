# SPDX-License-Identifier: EUPL-1.2
"""Small facts about this kiosk kept across restarts, such as the last successful sync
(a manager reading "last sync: never" after a restart would think it never worked)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from store.models import KioskFact, as_utc

LAST_SYNC = "last_successful_sync"
CLOCK_SKEW = "clock_skew_s"


def set_last_sync(session: Session, moment: datetime) -> None:
    """``moment``: naive UTC, as the store keeps time."""
    fact = session.get(KioskFact, LAST_SYNC)
    if fact is None:
        session.add(KioskFact(name=LAST_SYNC, value=moment.isoformat(), updated_at=moment))
    else:
        fact.value, fact.updated_at = moment.isoformat(), moment


def set_clock_skew(session: Session, seconds: int, moment: datetime) -> None:
    """The kiosk's clock minus the platform's, measured from its HTTP Date header."""
    fact = session.get(KioskFact, CLOCK_SKEW)
    if fact is None:
        session.add(KioskFact(name=CLOCK_SKEW, value=str(seconds), updated_at=moment))
    else:
        fact.value, fact.updated_at = str(seconds), moment


def clock_skew(session: Session) -> int | None:
    """The last measured clock skew in seconds (None: never measured)."""
    fact = session.get(KioskFact, CLOCK_SKEW)
    try:
        return int(fact.value) if fact is not None else None
    except ValueError:
        return None


def last_sync(session: Session) -> datetime | None:
    fact = session.get(KioskFact, LAST_SYNC)
    if fact is None:
        return None
    try:
        moment = datetime.fromisoformat(fact.value)
    except ValueError:  # written by hand or damaged: as if never
        return None
    return as_utc(moment)  # as every instant the store gives; one without offset was UTC


SEALING_KEY = "sealing_key"


def set_sealing_key(session: Session, public_key: str, moment: datetime) -> None:
    """The platform's public key that personal records are sealed to (Base64)."""
    fact = session.get(KioskFact, SEALING_KEY)
    if fact is None:
        session.add(KioskFact(name=SEALING_KEY, value=public_key, updated_at=moment))
    else:
        fact.value, fact.updated_at = public_key, moment


def sealing_key(session: Session) -> str | None:
    fact = session.get(KioskFact, SEALING_KEY)
    return fact.value if fact is not None and fact.value else None
