# SPDX-License-Identifier: EUPL-1.2
"""Which kiosks receive which records, after Morango's partitions: a kiosk enrolled for
a Comune pulls only what its Social Point needs.

A record's scope is the set of Comuni whose kiosks receive it, kept with the record
and with each change as ``"|piazzola|limena|"``, a Comune found in it as the exact,
case-sensitive text ``"|limena|"`` (``holds``; never ``LIKE``, whose ``_`` and ``%``
are wildcards and which ignores case on SQLite: ``san_pietro`` would get the records
of ``san.pietro``, ``Limena`` those of ``limena``); ``None`` means every kiosk (the
catalog, calls, forms, the application statuses, which only a tracking code and a
codice fiscale open). A kiosk enrolled without a Comune (a network-wide desk, the demo)
receives everything.

| kind       | scope                                                            |
| ---------- | ---------------------------------------------------------------- |
| operators  | their ``comuni`` (None: operators of the whole network)          |
| vouchers   | the voucher's Comune (a kiosk's own: the Comune of that kiosk)    |
| credits    | the Comune that granted the credit                               |
| wallets    | the citizen's Comune (where the wallet PIN was set)               |

Credits and vouchers in clear are the platform's ledger and go to no kiosk; a kiosk gets
each citizen's sealed wallet instead (central/wallets.py).

A record whose scope changes leaves the kiosks it no longer reaches: a removal scoped to
them comes before its new version (``scope_left``), so an operator moved to another
Comune cannot log in at the old one's kiosks any more.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from sqlalchemy import ColumnElement, Integer, SQLColumnExpression
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

SCOPED_KINDS = frozenset({"operators", "vouchers", "credits", "wallets"})


def scope_text(comuni: Iterable[str] | None) -> str | None:
    if comuni is None:
        return None
    return "|" + "|".join(sorted(set(comuni))) + "|"


def scope_of(kind: str, data: dict[str, Any], previous: str | None) -> str | None:
    """The scope of a record being published; a credit keeps the one it was given."""
    if kind == "operators":
        return scope_text(data.get("comuni"))
    if kind in ("vouchers", "wallets"):
        return scope_text([data["comune"]]) if data.get("comune") else previous
    if kind == "credits":
        return previous
    return None


def scope_needle(comune: str) -> str:
    """The text a scope that holds ``comune`` has in it (ids never hold a ``|``)."""
    return f"|{comune}|"


def holds(
    scope: SQLColumnExpression[str | None], needle: SQLColumnExpression[str]
) -> ColumnElement[bool]:
    """SQL: ``scope`` has ``needle`` (a ``scope_needle``) in it, character for character."""
    return _Position(scope, needle) > 0


class _Position(FunctionElement[int]):
    """Where a text first has another in it, 1 for its start (0: nowhere, NULL: no
    text), exactly: SQLite's ``instr``, PostgreSQL's ``strpos``."""

    type = Integer()
    inherit_cache = True


@compiles(_Position)
def _instr(element: _Position, compiler: SQLCompiler, **options: Any) -> str:
    return f"instr({compiler.process(element.clauses, **options)})"


@compiles(_Position, "postgresql")
def _strpos(element: _Position, compiler: SQLCompiler, **options: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **options)})"


def scope_left(old: str | None, new: str | None) -> str | Literal[False] | None:
    """The scope of the kiosks a record leaves when its scope goes from ``old`` to
    ``new``: False when it leaves none. From every kiosk (None) to some, every kiosk
    gets the removal and those still in scope get the record again right after it."""
    if new is None or old == new:
        return False
    if old is None:
        return None
    gone = set(old.strip("|").split("|")) - set(new.strip("|").split("|"))
    return scope_text(gone) if gone else False
