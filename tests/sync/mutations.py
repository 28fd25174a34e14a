# SPDX-License-Identifier: EUPL-1.2
"""Wrong data a platform could send, made from good records by a seeded random: the
fuzzer of the kiosk's side (tests/kiosk/test_fuzzed_platform.py) feeds the sync engine
with it and then shows the mirror it left."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from typing import Any

# Texts a person or a bad export could put in any field: each must be refused or kept
# as plain text.
ODD_TEXTS = (
    "rotto \ud800",  # a lone surrogate
    "\udfff",
    "Baby sitter \u202e00,62 €",  # forces the direction
    "\u2067عربي\u2069 mix",
    "zero\u200bwidth\u200d\ufeff",
    "a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",  # combining marks
    "👩‍👩‍👧‍👦🏳️‍🌈" * 20,
    "<b>grassetto</b><img src='file:///etc/passwd'> &amp; <a href='x'>link</a>",
    "\x00nul",
    "\x1b[31mrosso",
    "",
    " ",
    "\n\n\n",
)
ODD_NUMBERS: tuple[Any, ...] = (
    float("nan"),
    float("inf"),
    float("-inf"),
    1e308,
    2**70,
    -(2**70),
    -1,
    0,
    0.5,
    True,
)
ODD_DATES = (
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "2026-12-01T08:00:00",  # no time zone
    "2026-02-30T08:00:00+01:00",
    "2026-12-01",
    "yesterday",
    "2026-12-01T08:00:00+25:00",
    "+12026-12-01T08:00:00+00:00",
)


def deep(levels: int) -> Any:
    value: Any = "fondo"
    for _ in range(levels):
        value = [value]
    return value


def odd_value(rng: random.Random) -> Any:
    """One wrong value: of another type, out of range, huge or strangely written."""
    choice = rng.randrange(10)
    if choice == 0:
        return rng.choice(ODD_TEXTS)
    if choice == 1:
        return rng.choice(ODD_NUMBERS)
    if choice == 2:
        return rng.choice(ODD_DATES)
    if choice == 3:
        return "x" * rng.choice((81, 1001, 100_000))
    if choice == 4:
        return [rng.choice(ODD_TEXTS)] * rng.choice((2, 1000, 20_000))
    if choice == 5:
        return deep(rng.choice((10, 200)))
    if choice == 6:
        return {"it": rng.choice(ODD_TEXTS)}
    if choice == 7:
        return rng.choice((None, {}, [], [None], {"": None}))
    if choice == 8:
        return "ghost"  # a reference to nothing
    return {"it": "x", "en": 5, "zz": None}


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a record a value sits at (dict keys and list positions)."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:20]):
            found += paths(inner, (*prefix, index))
    return found


def _set(record: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        record = record[step]
    record[path[-1]] = value


def _drop(record: Any, path: tuple[Any, ...]) -> None:
    for step in path[:-1]:
        record = record[step]
    del record[path[-1]]


def mutate_record(rng: random.Random, record: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The record spoiled in one place (or two), and how."""
    spoiled = copy.deepcopy(record)
    places = [p for p in paths(spoiled) if p != ("id",)]
    done = []
    for _ in range(rng.choice((1, 1, 2))):
        if not places:
            break
        place = rng.choice(places)
        how = rng.randrange(6)
        try:
            if how == 0:
                _drop(spoiled, place)
                done.append(f"drop {place}")
                places = [p for p in paths(spoiled) if p != ("id",)]
                continue
            if how == 1:
                _set(spoiled, (*place[:-1], f"extra_{rng.randrange(99)}"), odd_value(rng))
                done.append(f"extra beside {place}")
                continue
        except TypeError:  # a list: no key to drop or add by name
            pass
        value = odd_value(rng)
        _set(spoiled, place, value)
        done.append(f"{place} = {_short(value)}")
    return spoiled, "; ".join(done)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def item(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, "op": "upsert", "id": record["id"], "data": record}


ItemMutation = Callable[[random.Random, dict[str, Any]], tuple[dict[str, Any] | None, str]]


def _without(key: str) -> ItemMutation:
    return lambda rng, change: ({k: v for k, v in change.items() if k != key}, f"no {key}")


ITEM_MUTATIONS: tuple[ItemMutation, ...] = (
    _without("id"),
    _without("kind"),
    _without("op"),
    _without("data"),
    lambda rng, c: ({**c, "id": odd_value(rng)}, "odd id"),
    lambda rng, c: ({**c, "kind": rng.choice((5, None, "wallets", "", "x" * 300))}, "odd kind"),
    lambda rng, c: ({**c, "op": rng.choice(("delete", "merge", None, 1))}, "odd op"),
    lambda rng, c: ({**c, "data": odd_value(rng)}, "odd data"),
    lambda rng, c: ({**c, "extra": odd_value(rng)}, "extra field"),
    lambda rng, c: (odd_value(rng), "not an object"),
)


def mutate_form(rng: random.Random, definition: dict[str, Any]) -> str:
    """A form definition made too large or circular, in place."""
    page = rng.choice(definition["pages"])
    text_field = next(f for p in definition["pages"] for f in p["fields"] if f["type"] == "text")
    how = rng.randrange(4)
    if how == 0:
        count = rng.choice((300, 3000))
        page["fields"] += [{**text_field, "name": f"campo{n}"} for n in range(count)]
        return f"{count} more fields on page {page['id']}"
    if how == 1:  # each field shown only when the next one is answered, round and round
        names = [f["name"] for f in page["fields"]]
        for field, after in zip(page["fields"], names[1:] + names[:1], strict=True):
            field["visible_if"] = f"{after} != ''"
        return f"visible_if in a cycle on page {page['id']}"
    if how == 2:
        definition["pages"] = definition["pages"] * rng.choice((2, 50))
        return "pages repeated"
    page["visible_if"] = " and ".join(["1 == 1"] * rng.choice((100, 5000)))
    return "a page's visible_if very long"


def mutate_items(rng: random.Random, items: list[dict[str, Any]]) -> tuple[list[Any], str]:
    """The page's changes with one spoiled, duplicated or reordered."""
    changed: list[Any] = copy.deepcopy(items)
    forms = [c for c in changed if c["kind"] == "forms"]
    if forms and rng.random() < 0.3:
        return changed, f"form: {mutate_form(rng, forms[0]['data']['definition'])}"
    where = rng.randrange(len(changed))
    how = rng.randrange(5)
    if how == 0:
        changed[where]["data"], what = mutate_record(rng, changed[where]["data"])
        return changed, f"record {changed[where]['id']}: {what}"
    if how == 1:
        mutation = rng.choice(ITEM_MUTATIONS)
        changed[where], what = mutation(rng, changed[where])
        return changed, f"change {where}: {what}"
    if how == 2:  # the same id twice, the second spoiled
        twin = copy.deepcopy(changed[where])
        twin["data"], what = mutate_record(rng, twin["data"])
        changed.insert(rng.randrange(len(changed) + 1), twin)
        return changed, f"id {twin['id']} twice, one with {what}"
    if how == 3:
        rng.shuffle(changed)  # a service before its category or provider
        return changed, "shuffled"
    # A tombstone for a record others still point at, or for one never sent.
    victim = changed[where]
    tombstone = {"kind": victim["kind"], "op": "delete", "id": rng.choice((victim["id"], "mai"))}
    changed.append(tombstone)
    return changed, f"tombstone {tombstone['id']}"


def mutate_page(rng: random.Random, items: list[Any], since: int) -> tuple[dict[str, Any], str]:
    """A page around ``items``, its cursor and paging spoiled now and then."""
    page: dict[str, Any] = {"items": items, "next_cursor": str(since + 100), "has_more": False}
    how = rng.randrange(12)
    if how == 0:
        page["next_cursor"] = rng.choice(("3", str(since), "-1", "abc", "1e9", str(10**30), 7))
        return page, f"cursor {page['next_cursor']!r}"
    if how == 1:
        page["has_more"] = True  # and the next page is this one again
        return page, "has_more lying"
    if how == 2:
        del page[rng.choice(("items", "next_cursor", "has_more"))]
        return page, "field missing"
    if how == 3:
        page[rng.choice(("epoch", "head"))] = odd_value(rng)
        return page, "odd epoch or head"
    if how == 4:
        page["extra"] = odd_value(rng)
        return page, "extra field"
    return page, "page as it should be"


def encode(value: Any) -> bytes:
    """As a platform would send it: NaN and lone surrogates included."""
    return json.dumps(value, ensure_ascii=True, allow_nan=True).encode()


RESULT_MUTATIONS: tuple[Callable[[random.Random, list[str]], Any], ...] = (
    lambda rng, sent: {"results": []},  # every entry left out
    lambda rng, sent: {"results": [_accepted(u, n) for n, u in enumerate(sent[1:])]},
    lambda rng, sent: {"results": [_accepted(u, n) for n, u in enumerate(sent + sent)]},
    lambda rng, sent: {
        "results": [_accepted(u, n) for n, u in enumerate(sent)]
        + [_accepted("00000000-0000-4000-8000-000000000000", 9)]
    },
    lambda rng, sent: {"results": [{**_accepted(u, 0), "status": odd_value(rng)} for u in sent]},
    lambda rng, sent: {"results": [{**_accepted(u, 0), "server_id": odd_value(rng)} for u in sent]},
    lambda rng, sent: {
        "results": [
            {"uuid": u, "status": "rejected", "code": odd_value(rng), "message": odd_value(rng)}
            for u in sent
        ]
    },
    lambda rng, sent: {
        "results": [{"uuid": u, "status": "retry", "retry_after_s": odd_value(rng)} for u in sent]
    },
    lambda rng, sent: {"results": [odd_value(rng) for _ in sent]},
    lambda rng, sent: odd_value(rng),
    lambda rng, sent: {"results": [{**_accepted(u, 0), "uuid": u.upper()} for u in sent]},
    lambda rng, sent: {"results": [_accepted(u, n) for n, u in enumerate(reversed(sent))]},
)


def _accepted(uuid: str, n: int) -> dict[str, Any]:
    return {"uuid": uuid, "status": "accepted", "server_id": f"SP-{n}"}


def odd_reply(rng: random.Random, good: dict[str, Any]) -> Any:
    """A reply (enrolment, heartbeat) with one field wrong, missing or the whole wrong."""
    how = rng.randrange(4)
    if how == 0:
        return odd_value(rng)
    spoiled = dict(good)
    key = rng.choice(list(spoiled))
    if how == 1:
        del spoiled[key]
    else:
        spoiled[key] = odd_value(rng)
    return spoiled
