# SPDX-License-Identifier: EUPL-1.2
"""Change pages kept compressed, so many kiosks pulling the same catalog cost the
platform one query, one serialisation and one compression per page, not one per kiosk.

Only a full page is kept (one with a page after it, ``has_more``): the changes after a
cursor up to the page's size are fixed once later ones exist. A restore gives the
platform a new epoch, which is part of the key. Compaction may later fold a kept page's
changes away; serving the page as it was is what a kiosk that pulled before the
compaction got, and compaction keeps the later change of each record (central/
compaction.py). The page keeps the head it was made with: at least its own cursor, which
is all a kiosk compares it with (a cursor beyond the head means a restored platform).
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Hashable

# A page kept for every kiosk: level 6, the catalog's JSON shrinks about 9 times (level
# 9 costs several times more). A page made for one request (a stream's last page, a
# kiosk's changes since its cursor): level 1, about 6 times, in a fifth of the
# processor time (2 ms less for a page of 200 services), paid on every pull.
LEVEL = 6
LEVEL_ONCE = 1
MAX_BYTES = 64 * 1024 * 1024  # of compressed pages, per platform process


def compress(body: str, level: int = LEVEL) -> bytes:
    """A page's JSON, gzip-compressed the same way every time (no timestamp)."""
    return gzip.compress(body.encode(), compresslevel=level, mtime=0)


class PageCache:
    """Compressed pages by key, least recently used dropped first beyond ``max_bytes``.
    Shared by the request threads of one process."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable, page: bytes) -> None:
        if len(page) > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            self._size += len(page) - (len(old) if old is not None else 0)
            self._pages[key] = page
            while self._size > self.max_bytes:
                _key, dropped = self._pages.popitem(last=False)
                self._size -= len(dropped)

    def __len__(self) -> int:
        return len(self._pages)


class QuietStreams:
    """Where a stream has nothing new, per process: for a stream as a kiosk of a Comune
    sees it, the lowest cursor after which its pages were empty while the platform's
    newest change was ``head``. A pull from that cursor or a later one, with the head
    the same (read from the database with the pull's caller), is answered "nothing new"
    without another query. Changes become visible in the order of their sequence
    numbers (central/platform/database.py), so with the head unmoved none can have
    appeared below it; once the head moves, the next pull asks the database again.
    Several processes each keep their own: the head they compare with is the
    database's, never one process's memory of it."""

    MAX_KEYS = 10_000  # streams x Comuni x epochs; emptied whole beyond it

    def __init__(self) -> None:
        self._empty_after: dict[Hashable, tuple[int, int]] = {}  # key: (head, cursor)
        self._lock = threading.Lock()

    def nothing_after(self, key: Hashable, head: int, since: int) -> bool:
        known = self._empty_after.get(key)
        return known is not None and known[0] == head and since >= known[1]

    def note_nothing_after(self, key: Hashable, head: int, since: int) -> None:
        with self._lock:
            known = self._empty_after.get(key)
            if known is not None and known[0] == head and known[1] <= since:
                return
            if len(self._empty_after) >= self.MAX_KEYS:
                self._empty_after.clear()
            self._empty_after[key] = (head, since)
