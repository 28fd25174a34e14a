# SPDX-License-Identifier: EUPL-1.2
"""Shared test data for forms: the demo form and a complete, valid set of its answers."""

from __future__ import annotations

import json
from typing import Any

from kiosk.boot.paths import ROOT

DEMO = ROOT / "assets" / "demo" / "forms" / "piazzola-buoni-spesa-2025.json"


def demo() -> dict[str, Any]:
    return json.loads(DEMO.read_text(encoding="utf-8"))


GOOD: dict[str, Any] = {
    "cf": "frrnna41a63e592w",
    "cognome": "Ferraro",
    "nome": "Anna",
    "residenza": "piazzola",
    "indirizzo": "Via Roma 1",
    "telefono": "347 123 4567",
    "membri": [
        {
            "cf_membro": "FRRNNA41A63E592W",
            "nome_cognome": "Anna Ferraro",
            "data_nascita": "1941-01-23",
            "relazione": "dich",
            "disabilita": False,
        },
        {
            "cf_membro": "BNCMTT15B19G224I",
            "nome_cognome": "Matteo Bianchi",
            "data_nascita": "2015-02-19",
            "relazione": "altro",
        },
    ],
    "patrimonio": 120000,
    "sostegni": ["pensione"],
    "sostegni_importo": 65000,
    "dich_445": True,
    "privacy": True,
}


def form_of(*pages: list[dict[str, Any]]) -> dict[str, Any]:
    """A definition of these pages of fields (ids p1, p2, …), for a test of one rule."""
    return {
        "wfd": 1,
        "id": "f",
        "version": "1",
        "title": {"it": "Prova"},
        "pages": [
            {"id": f"p{number}", "title": {"it": f"Pagina {number}"}, "fields": fields}
            for number, fields in enumerate(pages, start=1)
        ],
    }
