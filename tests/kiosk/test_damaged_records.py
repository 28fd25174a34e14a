# SPDX-License-Identifier: EUPL-1.2
"""An outbox record whose stored text is no longer JSON (a damaged page of the disk, a
bad manual edit of the file) holds back no other: the citizen's offline status look-up
and the manager's day report go on with the other records, and the manager is told, in
words, that one record is damaged. Real SQLite files, damaged from outside the kiosk."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from kiosk.core.status_lookup import find
from store import outbox
from store.database import Store

CF = "FRRNNA41A63E592W"


def damage(store: Store, entry_uuid: str, text: str = '{"broken') -> None:
    """What a bad manual edit does: the stored payload is no longer JSON."""
    with closing(sqlite3.connect(store.path)) as db:
        db.execute("UPDATE outbox SET payload = ? WHERE uuid = ?", (text, entry_uuid))
        db.commit()


def application(store: Store, code: str, cf: str = CF) -> str:
    with store.write() as session:
        return outbox.add(
            session,
            "application",
            {"call": "bs-piazzola", "tracking_code": code, "answers": {"cf": cf}},
        )


def test_a_damaged_application_holds_back_no_other_citizen_s_status_look_up(
    store: Store,
) -> None:
    application(store, "DOM-AAAA-AAAA")
    damage(store, application(store, "DOM-BBBB-BBBB"))
    application(store, "DOM-CCCC-CCCC")
    with store.read() as session:
        for code in ("DOM-AAAA-AAAA", "DOM-CCCC-CCCC"):
            found = find(session, None, code, CF)
            assert found is not None and found.state == "waiting", code
        # The damaged one cannot be read: it is not found, the look-up does not fail.
        assert find(session, None, "DOM-BBBB-BBBB", CF) is None
        assert find(session, None, "DOM-AAAA-AAAA", "BNCMTT15B19G224I") is None
