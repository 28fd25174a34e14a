# SPDX-License-Identifier: EUPL-1.2
"""Records a kiosk cannot apply: each kind an operator or a device could produce, as a
good record and the way it is spoiled (the poison-record tests and the fault run)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from central.platform import Platform

CF = "RSSMRA80A01G224K"


def _status(platform: Platform) -> dict[str, Any]:
    return {
        "id": "a" * 64,
        "state": "in_review",
        "protocol": "PROT-2026-000001",
        "call": "bs-piazzola",
        "updated_at": datetime.now(UTC).isoformat(),
        "note": {"it": "Portare l'ISEE"},
    }


def _wallet(platform: Platform) -> dict[str, Any]:
    platform.set_credit(CF, "Credito welfare", 5000)
    locator = platform.set_wallet_pin(CF, "402718")
    return platform.records("wallets")[locator]


def _record(kind: str, record_id: str) -> Callable[[Platform], dict[str, Any]]:
    return lambda platform: platform.records(kind)[record_id]


# name: (kind, the good record it starts from, how it is spoiled)
POISON: dict[str, tuple[str, Callable[[Platform], dict[str, Any]], Callable[[dict], dict]]] = {
    "status note longer than the kiosk allows": (
        "application_statuses",
        _status,
        lambda r: {**r, "note": {"it": "n" * 1001}},
    ),
    "call closing without a time-zone offset": (
        "calls",
        _record("calls", "bs-piazzola"),
        lambda r: {**r, "closes_at": r["closes_at"][:19]},
    ),
    "buy-now service without a price": (
        "services",
        _record("services", "s01"),
        lambda r: {**r, "price_cents": None},
    ),
    "Comune name over the kiosk's length": (
        "comuni",
        _record("comuni", "piazzola"),
        lambda r: {**r, "name": "P" * 81},
    ),
    "operator name over the kiosk's length": (
        "operators",
        _record("operators", "1001"),
        lambda r: {**r, "name": "S" * 121},
    ),
    "provider name over the kiosk's length": (
        "providers",
        _record("providers", "coop-girasole"),
        lambda r: {**r, "name": "C" * 121},
    ),
    "description only in English": (
        "services",
        _record("services", "s01"),
        lambda r: {**r, "description": {"en": "English only"}},
    ),
    "call description only in English": (
        "calls",
        _record("calls", "bs-piazzola"),
        lambda r: {**r, "description": {"en": "English only"}},
    ),
    "call closing before it opens": (
        "calls",
        _record("calls", "bs-piazzola"),
        lambda r: {**r, "closes_at": r["opens_at"], "opens_at": r["closes_at"]},
    ),
    "control character in a title": (
        "services",
        _record("services", "s01"),
        lambda r: {**r, "title": {"it": "Baby\x07sitter"}},
    ),
    "control character in a category label": (
        "categories",
        _record("categories", "childcare"),
        lambda r: {**r, "label": {"it": "Infanzia\x1b[31m"}},
    ),
    "empty keyword": (
        "services",
        _record("services", "s01"),
        lambda r: {**r, "keywords": ["bambini", " "]},
    ),
    # Valid ISO instants that fall off Python's calendar once in UTC.
    "call opening in year 1, east of UTC": (
        "calls",
        _record("calls", "bs-piazzola"),
        lambda r: {**r, "opens_at": "0001-01-01T00:00:00+14:00"},
    ),
    "status changed at the end of year 9999, west of UTC": (
        "application_statuses",
        _status,
        lambda r: {**r, "updated_at": "9999-12-31T23:59:59-12:00"},
    ),
    "call opening before the year 1000": (
        "calls",
        _record("calls", "bs-piazzola"),
        lambda r: {**r, "opens_at": "0999-06-01T00:00:00+00:00"},
    ),
    "service for residents of one Comune named twice": (
        "services",
        _record("services", "s01"),
        lambda r: {**r, "residents_of": ["piazzola", "piazzola"]},
    ),
    "operator of one Comune named twice": (
        "operators",
        _record("operators", "1001"),
        lambda r: {**r, "comuni": ["piazzola", "limena", "piazzola"]},
    ),
    "sealed wallet that is not base64url": (
        "wallets",
        _wallet,
        lambda r: {**r, "sealed": "not sealed at all, in clear: 50 euro"},
    ),
    "sealed wallet too short to hold anything": (
        "wallets",
        _wallet,
        lambda r: {**r, "sealed": "abc"},
    ),
}
