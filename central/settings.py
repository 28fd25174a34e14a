# SPDX-License-Identifier: EUPL-1.2
"""Checks of the platform's settings that `social-point central` takes as options and
the deployed unit (central.asgi) from its environment: each raises ValueError naming
the setting as it was given ("--db", "SOCIAL_POINT_DB"), so both say the same in one
line instead of a traceback at start."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SUPPORTED_DATABASES = ("sqlite", "postgresql+psycopg")


def time_zone(given: str, name: str) -> str:
    """``given`` when it names a time zone."""
    try:
        ZoneInfo(given)
    # ValueError: an absolute or "../" path; RecursionError: a name of some hundred
    # "/"-separated parts, which zoneinfo imports as as many nested tzdata packages.
    except (ZoneInfoNotFoundError, ValueError, RecursionError):
        raise ValueError(f"{name} {given} is not a known time zone (e.g. Europe/Rome)") from None
    return given


def database_url(given: str, name: str) -> str:
    """``given`` when it is the URL of a database the platform keeps its records in.
    The URL is never repeated in a message: it may hold a password."""
    try:
        url = make_url(given)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise ValueError(f"{name} is not a database URL (e.g. sqlite:///central.sqlite3)") from None
    if url.drivername not in SUPPORTED_DATABASES:
        raise ValueError(f"{name}: only sqlite and postgresql+psycopg URLs are supported")
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        # Each connection would have its own empty database, gone when the platform
        # stops: every enrolled kiosk and accepted record with it.
        raise ValueError(
            f"{name}: an SQLite database in memory keeps nothing;"
            " name a file (sqlite:///central.sqlite3)"
        )
    return given
