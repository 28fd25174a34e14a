# SPDX-License-Identifier: EUPL-1.2
"""The kiosk against a platform whose data is wrong, by a seeded fuzzer
(tests/sync/fuzzing.py): every pass ends, nothing good is lost, each bad record is set
aside with a reason and reported once, the outbox neither loses nor doubles an entry;
then every screen that shows the mirror is opened on what the passes left, and no
platform text is shown as rich text. A failing seed runs again alone:
``python -m tests.sync.fuzzing SEED``."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from kiosk.core.manager_desk import desk_facts
from store.models import Call, Category, Service
from store.retention import RetentionRule
from tests.kiosk.people import opened
from tests.kiosk.views import as_manager
from tests.sync import fuzzing
from tests.sync.scripted_platform import ScriptedPlatform

# About 40 s. More seeds, the screens too: FUZZ_SEEDS=100-400 pytest --timeout=0 this file.
FIRST, _, LAST = os.environ.get("FUZZ_SEEDS", "0-12").partition("-")
SEEDS = range(int(FIRST), int(LAST))

pytestmark = pytest.mark.slow


def rich_labels(window) -> list[str]:  # type: ignore[no-untyped-def]
    """Labels that would draw markup as markup (a platform's "<img src=...>")."""
    return [
        label.text()[:60]
        for label in window.findChildren(QLabel)
        if "<" in label.text()
        and label.textFormat() != Qt.TextFormat.PlainText
        and "<img src='file" in label.text()
    ]


def walk(window) -> None:  # type: ignore[no-untyped-def]
    """Every screen that shows the platform's records, for each record."""
    with window.catalog.store.read() as session:
        services = list(session.scalars(select(Service.id)))
        categories = list(session.scalars(select(Category.id)))
        calls = list(session.scalars(select(Call.id)))
    window.go("catalog", {})
    for category in categories:
        window.go("category", {"category_id": category})
    for service in services:
        window.go("service", {"service_id": service})
    window.go("calls", {})
    for call in calls:
        window.go("apply", {"call_id": call})
        opened(window)
    as_manager(window)
    with window.catalog.store.read() as session:
        facts = desk_facts(session, datetime.now(UTC).replace(tzinfo=None), RetentionRule(7, 7))
    window.screens["manager"].show_facts(facts)
    window.manager_mode.manager = None
    window.go_home()


def test_a_wrong_platform_neither_stops_the_sync_nor_breaks_a_screen(
    qtbot, window, backend
) -> None:  # type: ignore[no-untyped-def]
    pages = fuzzing.good_pages(fuzzing.platform_records())
    platform = ScriptedPlatform()
    findings: list[fuzzing.Finding] = []
    try:
        for seed in SEEDS:
            findings += fuzzing.pull_round(seed, pages, backend.store, platform)
            window.refresh()
            walk(window)
            findings += [
                fuzzing.Finding(seed, "screens", f"rich text: {text!r}")
                for text in rich_labels(window)
            ]
            with tempfile.TemporaryDirectory() as folder:
                findings += fuzzing.push_round(seed, Path(folder), platform)
            findings += fuzzing.reply_round(seed, platform)
    finally:
        platform.close()
    assert not findings, "\n".join(map(str, findings))
