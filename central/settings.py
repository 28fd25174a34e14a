# SPDX-License-Identifier: EUPL-1.2
"""Checks of the platform's settings that `social-point central` takes as options and
the deployed unit (central.asgi) from its environment: each raises ValueError naming
the setting as it was given ("--db", "SOCIAL_POINT_DB"), so both say the same in one
line instead of a traceback at start."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

if TYPE_CHECKING:
    from central.platform import Platform

SUPPORTED_DATABASES = ("sqlite", "postgresql+psycopg")
SHOWN_CHARACTERS = 60  # of a value repeated in a message


def _shown(given: str) -> str:
    """``given`` as a message repeats it: cut short, and escaped when it holds anything
    but visible characters (a line break in an environment file would split the log
    line, and a value of thousands of characters bury the advice after it)."""
    cut = given[:SHOWN_CHARACTERS]
    text = cut if cut.isprintable() and " " not in cut else json.dumps(cut, ensure_ascii=False)
    return text if len(given) <= SHOWN_CHARACTERS else f"{text}…"


def time_zone(given: str, name: str) -> str:
    """``given`` when it names a time zone."""
    try:
        ZoneInfo(given)
    # ValueError: an absolute or "../" path; RecursionError: a name of some hundred
    # "/"-separated parts, which zoneinfo imports as as many nested tzdata packages.
    except (ZoneInfoNotFoundError, ValueError, RecursionError):
        shown = _shown(given)
        raise ValueError(f"{name} {shown} is not a known time zone (e.g. Europe/Rome)") from None
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


def open_platform(database: str, *, time_zone: str, pool_size: int) -> Platform:
    """The platform on ``database`` (migrated), or ValueError saying in one line why it
    cannot be opened: the unit printed SQLAlchemy's traceback in the journal. The
    message names the file or the server, never the URL (its password) nor the
    driver's words."""
    from central.platform import Platform
    from central.platform.database import NotAPlatformDatabaseError

    try:
        return Platform(database, time_zone=time_zone, pool_size=pool_size)
    except ImportError:  # psycopg comes with the postgresql extra only
        raise ValueError(
            'the PostgreSQL driver is not installed: pip install -c constraints.txt ".[postgresql]"'
        ) from None
    except OperationalError:
        raise ValueError(_cannot_open(database)) from None
    except NotAPlatformDatabaseError as error:
        raise ValueError(f"{_which_database(database)} {error}") from None
    except DatabaseError:  # a file that is no SQLite database, or a damaged one
        raise ValueError(
            f"{_which_database(database)} cannot be read as a database (damaged, or not a "
            "database at all): name the platform's database, or restore it from a backup"
        ) from None


def _cannot_open(database: str) -> str:
    """Which database could not be opened: the file, or the server's address."""
    url = make_url(database)
    if url.get_backend_name() == "sqlite":
        return f"could not open the database file {url.database}"
    if url.host is None:  # libpq's default: the server's Unix socket on this machine
        return "could not connect to the database on this machine's socket"
    return f"could not connect to the database at {url.host}:{url.port or 5432}"


def _which_database(database: str) -> str:
    """The database named in words, never its URL (its password)."""
    url = make_url(database)
    if url.get_backend_name() == "sqlite":
        return f"the database file {url.database}"
    return f"the database {url.database or ''} at {url.host or 'this machine'}".replace("  ", " ")
