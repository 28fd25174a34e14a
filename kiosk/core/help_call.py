# SPDX-License-Identifier: EUPL-1.2
"""A citizen's "Ask for help": who could be called, without Qt.

The call is an outbox event (``help_requested``, with the kiosk's id and no citizen
data), so the platform learns of it with the next push and the manager's dashboard of
this kiosk shows it from the store; where the Social Point has a bell at the desk, the
configured command rings it. What the citizen is then told depends on what really
happened: the screen never says somebody was called when nobody could be.
"""

from __future__ import annotations

import logging
import shlex
import subprocess
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from store import outbox
from store.models import OutboxEntry

log = logging.getLogger(__name__)

RECENT = timedelta(minutes=30)  # a call older than this is no longer shown as waiting
BELL_TIMEOUT_S = 5


class HelpCall(NamedTuple):
    recorded: bool  # on this kiosk's dashboard, and on its way to the platform
    platform_reachable: bool  # the last sync reached the platform: it is told at once
    bell_rang: bool  # the desk's bell command ran and succeeded

    @property
    def anybody_called(self) -> bool:
        return (self.platform_reachable and self.recorded) or self.bell_rang


def record_help_request(session: Session, kiosk_id: str) -> str:
    return outbox.add_event(session, {"type": "help_requested", "kiosk": kiosk_id})


def record_help_answered(session: Session, operator_id: str, kiosk_id: str) -> str:
    """A welfare manager has taken the call: the dashboard stops showing it."""
    return outbox.add_event(
        session,
        {
            "type": "help_answered",
            "operator": operator_id,
            "kiosk": kiosk_id,
        },
    )


def waiting_help_requests(session: Session, now: datetime) -> list[datetime]:
    """When citizens asked for help in the last half hour, after the last answered call
    (naive UTC, oldest first)."""
    rows = session.execute(
        select(OutboxEntry.created_at, OutboxEntry.payload)
        .where(OutboxEntry.kind == "event", OutboxEntry.created_at >= now - RECENT)
        .where(outbox.readable())  # a damaged event would fail the whole dashboard
        .order_by(OutboxEntry.id)
    ).all()
    waiting: list[datetime] = []
    for created_at, payload in rows:
        kind = payload.get("type")
        if kind == "help_requested":
            waiting.append(created_at)
        elif kind == "help_answered":
            waiting = []
    return waiting


def ring_desk_bell(command: str) -> bool:
    """Runs the configured bell command (never through a shell); True when it worked."""
    if not command.strip():
        return False
    try:
        done = subprocess.run(
            shlex.split(command),
            timeout=BELL_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
            capture_output=True,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as error:
        log.error("the desk bell could not ring: %s", error)
        return False
    if done.returncode != 0:
        log.error("the desk bell command failed with status %d", done.returncode)
    return done.returncode == 0
