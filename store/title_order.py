# SPDX-License-Identifier: EUPL-1.2
"""The order a citizen reads a list of titles in: as a dictionary orders them.

SQLite orders text by its bytes: "acqua" after "Zumba", "Èstate" after both, and a
title a provider begins with an emoji ("🍎 Frutta e verdura") after every letter. The
key ``folded`` gives a title instead leaves out what comes before its first letter or
digit, and compares letters without their case and accents. The store's connections
know it as the SQL function ``title_order`` (store/database.py): a query orders by it,
and SQLite calls it once per row, not once per comparison as a collation would be.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_BEFORE_FIRST_WORD = re.compile(r"^[\W_]+")


def folded(title: Any) -> Any:
    """The key ``title`` sorts by; anything but text (NULL) is its own key."""
    if not isinstance(title, str):
        return title
    if not title.isascii():  # the usual Italian title is ASCII: no decomposition needed
        decomposed = unicodedata.normalize("NFKD", title)
        title = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _BEFORE_FIRST_WORD.sub("", title).casefold()


def register(dbapi_connection: Any) -> None:
    """Makes ``title_order(text)`` known to a sqlite3 connection."""
    dbapi_connection.create_function("title_order", 1, folded, deterministic=True)
