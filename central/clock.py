# SPDX-License-Identifier: EUPL-1.2
"""When a submitted record was made, by the platform's clock.

A kiosk's clock can be wrong by days (a dead battery, no NTP): the platform decides
deadlines with its own clock. Each entry carries ``created_at`` by the kiosk's clock and
the kiosk's measured skew (its clock minus the platform's, from the HTTP ``Date`` header
of the replies it got in the boot the record was made in: an offline kiosk's records
carry it too). The moment is ``created_at - skew``, never later than the platform
received it; a moment that cannot be (well ahead of the platform's clock, or before the
network existed, or older than any kiosk keeps a record) is refused with
``impossible_timestamp`` instead of being believed. A record with no measured skew (made
after a restart, before the kiosk's clock was measured: a clock reset at boot may be off
by months either way) is placed when it arrived; its ``created_at`` decides nothing,
unless the kiosk measured its clock later in the same boot: a record sealed before that
measure (its envelope binds no skew) carries it as ``placed_skew_s``, which may place
it earlier than it arrived (an application made on time, sent once the call closed)
but never later, and never has it refused: unbound, it could be changed by whoever
holds the envelope.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from protocol.messages import NETWORK_EPOCH, SubmissionEntry

# Where the platform's sessions carry its zone (the Comune's; central/platform/database.py).
TIME_ZONE = "time_zone"

# How far ahead of the platform a corrected moment may be: HTTP dates have whole
# seconds, and the skew was measured some time before the record was made.
AHEAD_TOLERANCE = timedelta(minutes=10)
# Nothing was made before the network's kiosks existed, nor kept unsent this long.
EARLIEST = NETWORK_EPOCH
OLDEST = timedelta(days=400)


def _utc(moment: datetime) -> datetime:
    """An instant with its offset; one without is taken as UTC."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_day(session: Session, moment: datetime) -> date:
    """The calendar day of ``moment`` where the applicants live (the platform's zone, as
    the kiosks' ``[vouchers] time_zone``): an age, a "not in the future" or a voucher's
    validity day is judged on that calendar, never on UTC's or the machine's."""
    zone: ZoneInfo = session.info[TIME_ZONE]
    return _utc(moment).astimezone(zone).date()


def made_at(entry: SubmissionEntry, received: datetime) -> datetime:
    """When the record was made, by the platform's clock (aware UTC); ``received``:
    when the platform got it (aware UTC). Unmeasured, when it arrived: a kiosk's clock
    reset at boot, 60 days slow, would date a late application on time."""
    received = _utc(received)
    if entry.clock_skew_s is None:
        return _placed(entry, received) or received
    corrected = _utc(entry.created_at) - timedelta(seconds=entry.clock_skew_s)
    return min(corrected, received)


def _placed(entry: SubmissionEntry, received: datetime) -> datetime | None:
    """The moment ``placed_skew_s`` gives, when it can be true (not after the record
    arrived, as ``impossible`` judges a measured one); else None, and the record is
    placed when it arrived."""
    if entry.placed_skew_s is None:
        return None
    try:
        placed = _utc(entry.created_at) - timedelta(seconds=entry.placed_skew_s)
    except OverflowError:
        return None
    return None if _refusal(placed, received) else min(placed, received)


def impossible(entry: SubmissionEntry, received: datetime) -> tuple[str, str] | None:
    """The refusal of a moment that cannot be true, None for one that can. Only a
    measured record's moment can be: an unmeasured one is placed when it arrived
    (``made_at``), and refused, it was lost for good (the same UUID gets the same
    answer), though its kiosk's clock was only reset at boot, or kept in local time."""
    received = _utc(received)
    try:
        corrected = _utc(entry.created_at) - timedelta(seconds=entry.clock_skew_s or 0)
    except OverflowError:  # "0001-01-01T00:00+14:00", or a skew past year 1 or 9999
        return (
            "impossible_timestamp",
            "made at a moment no calendar has: the kiosk's clock is wrong",
        )
    if entry.clock_skew_s is None:
        return None
    return _refusal(corrected, received)


def _refusal(corrected: datetime, received: datetime) -> tuple[str, str] | None:
    """Why a record's corrected moment cannot be true: well after it arrived, before the
    network existed, or older than any kiosk keeps a record; None when it can be."""
    if corrected > received + AHEAD_TOLERANCE:
        ahead = corrected - received
        return (
            "impossible_timestamp",
            f"made {_span(ahead)} after the platform received it: the kiosk's clock is "
            "wrong; set it right (timedatectl set-ntp true) and send the record again",
        )
    if corrected < EARLIEST or corrected < received - OLDEST:
        return (
            "impossible_timestamp",
            f"made on {corrected:%d/%m/%Y}, which cannot be: the kiosk's clock is wrong",
        )
    return None


def _span(delta: timedelta) -> str:
    if delta >= timedelta(days=2):
        return f"{delta.days} days"
    if delta >= timedelta(hours=2):
        return f"{int(delta.total_seconds() // 3600)} hours"
    return f"{int(delta.total_seconds() // 60)} minutes"
