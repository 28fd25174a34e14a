# SPDX-License-Identifier: EUPL-1.2
"""The kiosk's time zone: every date or time a citizen or a manager reads, on the screen
or on paper, is in the configured zone (``[vouchers] time_zone``, Europe/Rome by
default), whatever the zone of the machine it runs on. The stores keep UTC.

The store reads its instants back as aware UTC (store/models.py); an instant without
tzinfo (older text, a hand-written value) is taken as UTC, one with tzinfo as it says.
Never ``datetime.now()`` or ``.astimezone()`` without a zone here: they would read the
operating system's zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Europe/Rome"


@lru_cache(maxsize=8)
def zone(name: str) -> ZoneInfo:
    """The zone of a name the config has already checked (kiosk/boot/config.py)."""
    from zoneinfo import ZoneInfo  # when a time is shown, not on the home screen's path

    return ZoneInfo(name)


def _zone(where: str | tzinfo) -> tzinfo:
    return zone(where) if isinstance(where, str) else where


def aware_utc(moment: datetime) -> datetime:
    """The instant as aware UTC: a naive one is taken as UTC (as store.models.as_utc;
    not imported from there: the first frame draws before SQLAlchemy is loaded)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def local(moment: datetime, where: str | tzinfo) -> datetime:
    """The instant on the clocks of the zone ``where`` (aware)."""
    return aware_utc(moment).astimezone(_zone(where))


def now(where: str | tzinfo) -> datetime:
    """Now, on the clocks of the zone ``where`` (aware)."""
    return datetime.now(_zone(where))


def today(where: str | tzinfo) -> date:
    """Today's calendar day in the zone ``where`` (vouchers' validity days, day reports)."""
    return now(where).date()


def day_bounds_utc(day: date, where: str | tzinfo) -> tuple[datetime, datetime]:
    """A calendar day of the zone ``where``, as aware UTC instants: [start, end). A day
    with a daylight-saving change is 23 or 25 hours long."""
    place = _zone(where)
    start = datetime.combine(day, time(), tzinfo=place)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=place)
    return start.astimezone(UTC), end.astimezone(UTC)
