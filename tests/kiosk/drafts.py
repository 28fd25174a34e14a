# SPDX-License-Identifier: EUPL-1.2
"""Drafts of the demo buoni spesa application and a wizard opened on one, for the tests
of the application's Qt-free parts."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from forms.definition import load_definition
from kiosk.core.apply_wizard import ApplyWizard, Step
from kiosk.core.applying import Draft
from tests.forms.samples import demo

NOTICE = {"controller": {"it": "Comune di Piazzola sul Brenta"}}
TODAY = date(2026, 3, 2)


def draft(
    *,
    notice: bool = False,
    answers: dict[str, Any] | None = None,
    page: int = 0,
    form: dict[str, Any] | None = None,
) -> Draft:
    return Draft(
        "bs-piazzola",
        {"it": "Buoni spesa", "en": "Food vouchers"},
        load_definition(form or demo()),
        frozenset({"piazzola", "limena"}),
        answers=copy.deepcopy(answers) if answers else {},
        page=page,
        privacy_notice=NOTICE if notice else None,
    )


def wizard(opened: Draft | None) -> ApplyWizard:
    it = ApplyWizard(today=lambda: TODAY)
    it.loading()
    assert it.step == Step.LOADING and it.draft is None
    it.opened(opened)
    return it
