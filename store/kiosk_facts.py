# SPDX-License-Identifier: EUPL-1.2
"""Small facts about this kiosk kept across restarts, such as the last successful sync
(a manager reading "last sync: never" after a restart would think it never worked)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.models import KioskFact, SyncCursor, as_utc

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
    """The kiosk's clock minus the platform's, measured from its HTTP Date header at
    ``moment`` (naive UTC, by the kiosk's clock); kept with the monotonic clock and the
    boot it was measured in, so a later jump of the wall clock is seen (see
    ``clock_skew_at``)."""
    value = f"{seconds} {elapsed():.3f} {boot_id()} {ELAPSED_CLOCK}"
    fact = session.get(KioskFact, CLOCK_SKEW)
    if fact is None:
        session.add(KioskFact(name=CLOCK_SKEW, value=value, updated_at=moment))
    else:
        fact.value, fact.updated_at = value, moment


def _measured(session: Session) -> tuple[int, float | None, str, datetime] | None:
    fact = session.get(KioskFact, CLOCK_SKEW)
    if fact is None:
        return None
    parts = fact.value.split()
    try:
        seconds = int(parts[0])
        monotonic = float(parts[1]) if len(parts) > 1 else None
    except (IndexError, ValueError):
        return None
    boot = parts[2] if len(parts) > 2 else ""
    clock = parts[3] if len(parts) > 3 else "monotonic"  # kept before the clock was named
    if boot and clock != ELAPSED_CLOCK:
        # Counted on another clock: like another boot's measure, it says nothing of the
        # wall clock's jumps since (it is taken again at the next pass).
        boot = f"{boot} ({clock})"
    return seconds, monotonic, boot, fact.updated_at


def clock_skew(session: Session) -> int | None:
    """The last measured clock skew in seconds (None: never measured)."""
    measured = _measured(session)
    return measured[0] if measured is not None else None


def clock_agrees(session: Session, now: datetime, within_s: int) -> bool:
    """Whether the kiosk's clock at ``now`` (naive UTC, by that clock) may be taken as
    right: its last measure was within ``within_s`` of the platform's, and the clock has
    not gone back before that measure since (a clock reset at boot, to 1970, has)."""
    measured = _measured(session)
    if measured is None:
        return False
    seconds, _monotonic, _boot, at = measured
    return abs(seconds) <= within_s and as_utc(at) <= as_utc(now) + timedelta(seconds=within_s)


def clock_skew_at(session: Session, now: datetime) -> int | None:
    """The skew of the kiosk's clock at ``now`` (naive UTC, by that clock), for a record
    being made: the last measure, moved by however far the wall clock has jumped since
    (a clock set back two months while offline would otherwise date a late application
    on time). None when that cannot be told: never measured, or measured before the
    machine last started (a clock reset at boot)."""
    measured = _measured(session)
    if measured is None:
        return None
    seconds, monotonic, boot, at = measured
    if boot and boot != boot_id():
        return None  # measured before this boot: the clock may have been reset since
    if monotonic is None or not boot:
        return seconds  # a measure kept before boots were told apart, or no boot id here
    return _moved(seconds, as_utc(now) - as_utc(at), elapsed() - monotonic)


def clock_skew_of(session: Session, made: datetime, monotonic: float, boot: str) -> int | None:
    """The skew of the kiosk's clock when a record was made, at ``made`` by that clock
    and ``monotonic`` by ``elapsed()``, in ``boot``: from a measure of that same
    boot, taken before or after it, moved by however far the wall clock jumped in
    between (as ``clock_skew_at``). None without such a measure: another boot's says
    nothing of that clock, and the monotonic clock counts from each boot."""
    measured = _measured(session)
    if measured is None or not boot:
        return None
    seconds, at_monotonic, measured_boot, at = measured
    if measured_boot != boot or at_monotonic is None:
        return None
    return _moved(seconds, as_utc(made) - as_utc(at), monotonic - at_monotonic)


def measured_in(session: Session, boot: str) -> bool:
    """Whether the last measure of the clock was taken in ``boot``."""
    measured = _measured(session)
    return bool(boot) and measured is not None and measured[2] == boot


def _moved(seconds: int, wall: timedelta, elapsed: float) -> int:
    """A skew moved by the wall clock's jump: how much more, or less, it moved than the
    ``elapsed`` monotonic seconds."""
    jumped = wall.total_seconds() - elapsed
    return seconds + round(jumped) if abs(jumped) > CLOCK_JUMP_S else seconds


# A wall clock that moved this much more, or less, than the time that passed has jumped.
CLOCK_JUMP_S = 5

# The time that passed is counted on a clock that goes on while the machine sleeps:
# ``time.monotonic()`` (CLOCK_MONOTONIC) stops during a suspend, so a kiosk PC woken
# after a night took the night for a jump of its wall clock, and dated the records it
# made next that many hours too early (a late application was taken as on time).
ELAPSED_CLOCK = "boottime" if hasattr(time, "CLOCK_BOOTTIME") else "monotonic"


def elapsed() -> float:
    """Seconds since this boot, sleep included where the system can tell."""
    if ELAPSED_CLOCK == "boottime":
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.monotonic()


def boot_id() -> str:
    """This boot's identity (Linux); "" where there is none."""
    try:
        return BOOT_ID.read_text(encoding="ascii").strip()
    except OSError:
        return ""


BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def last_sync(session: Session) -> datetime | None:
    fact = session.get(KioskFact, LAST_SYNC)
    if fact is None:
        return None
    try:
        moment = datetime.fromisoformat(fact.value)
    except ValueError:  # written by hand or damaged: as if never
        return None
    return as_utc(moment)  # as every instant the store gives; one without offset was UTC


# Which kiosk this store belongs to: its [kiosk] id and the device the platform enrolled,
# kept at enrolment (kiosk/boot/syncing.py). A restore refuses another kiosk's backup
# (store/backup.py reads them with plain SQLite, under the same names).
OWNER_KIOSK = "owner_kiosk_id"
OWNER_DEVICE = "owner_device_id"


def set_owner(session: Session, kiosk_id: str, device_id: str | None, moment: datetime) -> None:
    """``moment``: naive UTC. A device id of None leaves the one kept, if any."""
    for name, value in ((OWNER_KIOSK, kiosk_id), (OWNER_DEVICE, device_id)):
        if not value:
            continue
        fact = session.get(KioskFact, name)
        if fact is None:
            session.add(KioskFact(name=name, value=value, updated_at=moment))
        elif fact.value != value:
            fact.value, fact.updated_at = value, moment


SEALING_KEY = "sealing_key"


def pulled_at(session: Session, stream: str | None = None) -> datetime | None:
    """When ``stream`` (None: any stream) was last pulled, by its cursor: aware UTC."""
    column = SyncCursor.updated_at
    query = (
        select(func.max(column))
        if stream is None
        else select(column).where(SyncCursor.stream == stream)
    )
    moment = session.scalar(query)
    return None if moment is None else as_utc(moment)


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
