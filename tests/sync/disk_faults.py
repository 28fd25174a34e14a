# SPDX-License-Identifier: EUPL-1.2
"""A kiosk store whose disk stops taking writes (an SD card turned read-only, a full
disk), switched on and off by a test.

The fault is set in SQLite (``PRAGMA query_only``), which then answers every write as it
does for a read-only database file: Linux will not remount a filesystem read-only while
files on it are open for writing, so the kernel cannot be made to do it under the store.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from store.database import Store


class ReadOnlyDisk:
    """Makes the store's writes fail from the next transaction on, while ``on``."""

    def __init__(self, store: Store) -> None:
        self.on = False
        # On checkout, before the store's BEGIN IMMEDIATE, which itself counts as a write.
        event.listen(store._writer, "checkout", self._set)

    def _set(self, connection: Any, _record: Any, _proxy: Any) -> None:
        connection.execute(f"PRAGMA query_only = {'ON' if self.on else 'OFF'}")
