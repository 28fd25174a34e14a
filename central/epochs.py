# SPDX-License-Identifier: EUPL-1.2
"""The platform database's identity, its *epoch*: a new one whenever the database is
restored from a backup (or on demand, ``social-point central --new-epoch``).

A restored database hands out again the change sequence numbers and submission ids it
had given after the backup. Every change page carries the epoch, so a kiosk whose
cursor belongs to another epoch takes a fresh snapshot instead of skipping what it
believes it has seen, and asks which of its accepted records the platform still holds.
Server ids given in a later epoch carry its tag, so a protocol number printed on a
receipt is never given to another record.

How a restore is noticed when the platform starts:

* PostgreSQL: the database's physical identity (the cluster's system identifier and
  timeline, the database's and the change table's OIDs) is kept with the epoch;
  ``pg_restore``, into the same database or another, or a new cluster changes it.
* SQLite: a file beside the database (``<database>-epoch.json``) keeps the epoch and the
  newest change and submission committed; a database of another epoch, or holding less
  than that, is an older copy, and so is one with an epoch but no such file (restored
  without it). The file is rewritten after each writing transaction.

Beginning an epoch on SQLite is two steps, the commit and then the file's rewrite; a
platform killed between them left a file of the epoch before, and its next start took
the database for a restored copy and began yet another epoch (every kiosk took another
snapshot). So the transaction that begins an epoch notes it in the file first, before
its commit (``announce``: the epoch it begins and the heads it begins with): a start
that finds the database in the announced epoch, holding at least those heads, knows
the epoch was begun here and keeps it (``began_here``); a commit that failed leaves
the database in the epoch the file names, which goes on as ever.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from central.models import Change, PlatformSecret, Submission

log = logging.getLogger(__name__)

EPOCH, TAG, FINGERPRINT = "epoch", "epoch_tag", "epoch_fingerprint"
# In a session's info: the transaction began a new epoch.
BEGAN = "epoch_began"
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Epoch:
    id: str  # 32 hex digits
    tag: str  # "" in the database's first epoch; else part of every server id given


def read(session: Session) -> Epoch:
    """The current epoch (``settle`` made one when the platform started)."""
    return read_with(session, ())[0]


def read_with(session: Session, names: tuple[str, ...]) -> tuple[Epoch, dict[str, str]]:
    """The current epoch, and the platform secrets of these names that exist, in one
    query (a batch of submissions needs both)."""
    found = {
        row.name: row.value
        for row in session.scalars(
            select(PlatformSecret).where(PlatformSecret.name.in_((EPOCH, TAG, *names)))
        )
    }
    epoch = Epoch(found.get(EPOCH, ""), found.get(TAG, ""))
    return epoch, {name: found[name] for name in names if name in found}


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = DIGITS[rest] + digits
        if not number:
            return digits


def _put(session: Session, name: str, value: str) -> None:
    row = session.get(PlatformSecret, name)
    if row is None:
        session.add(PlatformSecret(name=name, value=value))
    else:
        row.value = value


def begin(session: Session, *, first: bool = False) -> Epoch:
    """Starts a new epoch in the caller's writing transaction. Its tag is the time it
    began, in seconds, base 36 (6 characters until 2038 and long after): two epochs of
    one platform never share it, even two restores of the same backup."""
    previous = read(session)
    tag = ""
    if not first:
        seconds = int(time.time())
        if previous.tag:
            seconds = max(seconds, int(previous.tag, 36) + 1)
        tag = _base36(seconds)
    epoch = Epoch(uuid.uuid4().hex, tag)
    session.info[BEGAN] = True  # its mark replaces the last epoch's (``write_watermark``)
    _put(session, EPOCH, epoch.id)
    _put(session, TAG, epoch.tag)
    fingerprint = _fingerprint(session)
    if fingerprint is not None:
        _put(session, FINGERPRINT, fingerprint)
    return epoch


def settle(engine: Engine, session: Session) -> tuple[Epoch, bool]:
    """At start, in a writing transaction: the epoch, a new one when the database turns
    out to be a restored copy (True then)."""
    current = read(session)
    if not current.id:
        # A new database, or one from before epochs: restored only if the SQLite
        # watermark says this platform had an epoch already.
        mark = _watermark(engine)
        # (A mark of no epoch only announced the first one, whose commit failed.)
        restored = mark is not None and mark.get("epoch") != ""
        return begin(session, first=not restored), restored
    fingerprint = _fingerprint(session)
    if fingerprint is not None:
        kept = session.get(PlatformSecret, FINGERPRINT)
        if kept is None:
            _put(session, FINGERPRINT, fingerprint)
        elif kept.value != fingerprint:
            return begin(session), True
    mark, path = _watermark(engine), watermark_path(engine)
    if mark is None and path is not None:
        # A database with an epoch always has its file beside it (written when the
        # platform starts and after each write): without it, this may be an older
        # copy restored without its file, and the heads could have caught up with
        # what kiosks saw. A new epoch costs each kiosk a fresh snapshot; the old one
        # could give a protocol number printed on a receipt to another record.
        log.warning("epoch watermark %s is missing: taken as a restored database", path)
        return begin(session), True
    if mark is not None:
        seq, submission = heads(session)
        if began_here(mark, current, seq, submission):
            log.info("epoch %s began here before the platform stopped: kept", current.id)
            return current, False
        if (
            mark.get("epoch") != current.id
            or seq < int(mark.get("seq", 0))
            or submission < int(mark.get("submission", 0))
        ):
            return begin(session), True
    return current, False


def began_here(mark: dict[str, Any], current: Epoch, seq: int, submission: int) -> bool:
    """Whether the database's epoch is the one the watermark announced (``announce``)
    and it holds at least what that epoch began with: its beginning committed, and the
    platform stopped before the mark was rewritten (a copy restored from before it
    holds another epoch)."""
    return (
        mark.get("epoch") != current.id
        and mark.get(NEXT) == current.id
        and seq >= _whole(mark.get(NEXT_SEQ))
        and submission >= _whole(mark.get(NEXT_SUBMISSION))
    )


def heads(session: Session) -> tuple[int, int]:
    """The newest change's sequence number and the newest submission's id (0: none)."""
    seq = session.scalar(select(func.max(Change.seq))) or 0
    submission = session.scalar(select(func.max(Submission.id))) or 0
    return int(seq), int(submission)


def _fingerprint(session: Session) -> str | None:
    """PostgreSQL's identity of this very database (None on SQLite)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return None
    parts: list[Any] = list(
        connection.execute(
            text(
                "SELECT (SELECT oid FROM pg_database WHERE datname = current_database()),"
                " 'changes'::regclass::oid"
            )
        ).one()
    )
    try:  # superuser or pg_monitor; without them the OIDs alone still tell pg_restore
        with connection.begin_nested():
            parts += connection.execute(
                text(
                    "SELECT (SELECT system_identifier FROM pg_control_system()),"
                    " (SELECT timeline_id FROM pg_control_checkpoint())"
                )
            ).one()
    except SQLAlchemyError:
        pass
    return ":".join(str(part) for part in parts)


def watermark_path(engine: Engine) -> Path | None:
    """The SQLite database's watermark file (None: PostgreSQL or an in-memory database)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database + "-epoch.json")


def _watermark(engine: Engine) -> dict[str, Any] | None:
    path = watermark_path(engine)
    if path is None or not path.exists():
        return None
    try:
        mark = json.loads(path.read_text())
    except (OSError, ValueError):
        log.warning("epoch watermark %s is unreadable: taken as a restored database", path)
        return {"epoch": "?"}
    return mark if isinstance(mark, dict) else {"epoch": "?"}


# The watermark's note of an epoch being begun (``announce``), and the heads it began with.
NEXT, NEXT_SEQ, NEXT_SUBMISSION = "next", "next_seq", "next_submission"


def announce(engine: Engine, epoch: Epoch, seq: int, submission: int) -> None:
    """Notes in the watermark, before the commit of the transaction that begins
    ``epoch``, that it is being begun with these heads; the mark itself stays as it
    is (the commit may yet fail). See the module's docstring."""
    path = watermark_path(engine)
    if path is None:
        return
    try:
        with _locked(path):
            mark = _watermark(engine) or {"epoch": "", "seq": 0, "submission": 0}
            mark.update({NEXT: epoch.id, NEXT_SEQ: seq, NEXT_SUBMISSION: submission})
            _replace(path, mark)
    except OSError as error:
        log.warning("epoch watermark %s not written: %s", path, error)


def write_watermark(
    engine: Engine, epoch: Epoch, seq: int, submission: int, *, new_epoch: bool = False
) -> None:
    """Notes what the database holds now, beside it (atomically: write, then rename),
    after the transaction that wrote it committed. The platform's processes note their
    commits in any order, so the mark only moves forward (under a file lock), and a
    mark of another epoch is replaced only by the transaction that began this one, or
    a commit of the epoch the mark announced (that one's beginning committed): a
    commit of the old epoch noted late must not undo it."""
    path = watermark_path(engine)
    if path is None:
        return
    try:
        with _locked(path):
            mark = _watermark(engine)
            kept: dict[str, Any] = {}
            if mark is not None and not new_epoch and mark.get(NEXT) != epoch.id:
                if mark.get("epoch") != epoch.id:
                    return
                seq = max(seq, _whole(mark.get("seq")))
                submission = max(submission, _whole(mark.get("submission")))
                # An announced epoch whose commit is not noted yet stays announced.
                kept = {key: mark[key] for key in (NEXT, NEXT_SEQ, NEXT_SUBMISSION) if key in mark}
            _replace(path, {"epoch": epoch.id, "seq": seq, "submission": submission, **kept})
    except OSError as error:
        log.warning("epoch watermark %s not written: %s", path, error)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """The watermark's file lock: the platform's processes write it one at a time."""
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _replace(path: Path, mark: dict[str, Any]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(mark))
    os.replace(temporary, path)


def _whole(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
