# SPDX-License-Identifier: EUPL-1.2
"""The platform as an ASGI app for uvicorn's command line (deploy/social-point-central.service).

``uvicorn central.asgi:app_from_environment --factory`` lets the unit set uvicorn's
limits (concurrency, keep-alive, backlog) on the command line, while the database and
the admin token come from the environment, not from ``ps`` output, with the platform's
own settings: ``SOCIAL_POINT_THREADS``, ``SOCIAL_POINT_MAX_BODY_BYTES`` and
``SOCIAL_POINT_COMPACT_EVERY_MIN`` (deploy/README.md).
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from central import access_log, settings
from central.admin_token import checked_admin_token
from central.app import create_app
from central.compaction import compact_every_from_environment
from central.limits import ServerLimits, max_body_from_environment, threads_from_environment


def app_from_environment() -> FastAPI:
    database = os.environ.get("SOCIAL_POINT_DB", "").strip()
    if not database:
        raise SystemExit("SOCIAL_POINT_DB is not set (see deploy/central.env.example)")
    token = os.environ.get("SOCIAL_POINT_ADMIN_TOKEN", "").strip() or None
    time_zone = os.environ.get("SOCIAL_POINT_TIME_ZONE", "").strip() or "Europe/Rome"
    try:
        threads = threads_from_environment(os.environ)
        max_body = max_body_from_environment(os.environ)
        compact_every_min = compact_every_from_environment(os.environ)
        # Checked as `social-point central` checks its options: a wrong zone or URL in
        # the unit's environment file stopped the unit with a traceback in the journal.
        settings.time_zone(time_zone, "SOCIAL_POINT_TIME_ZONE")
        settings.database_url(database, "SOCIAL_POINT_DB")
        if token is not None:
            checked_admin_token(token)
    except ValueError as error:
        raise SystemExit(str(error)) from None
    access_log.install()  # uvicorn has set up its logging by now: no voucher code in it
    try:
        platform = settings.open_platform(database, time_zone=time_zone, pool_size=threads)
    except ValueError as error:
        raise SystemExit(f"SOCIAL_POINT_DB: {error}") from None
    return create_app(
        platform,
        admin_token=token,
        limits=ServerLimits(threads=threads, max_body_bytes=max_body),
        compact_every_s=compact_every_min * 60,
    )
