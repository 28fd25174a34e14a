# SPDX-License-Identifier: EUPL-1.2
"""docs/privacy.md's retention table says what the configuration does."""

from __future__ import annotations

import re

from kiosk.boot.config import SCHEMA
from kiosk.boot.paths import ROOT

# The settings that decide how long personal data (or the screen showing it) stays.
RETENTION_SETTINGS = {
    "session.idle_timeout_s",
    "session.countdown_s",
    "manager.idle_timeout_s",
    "retention.unsent_alert_days",
    "retention.reprint_days",
    "retention.keep_sent_days",
    "manager.lockout_s",
    "logging.max_bytes",
    "logging.backup_count",
    "sync.heartbeat_interval_s",
}


def retention_table() -> list[dict[str, str]]:
    text = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    section = text.split("\n## Retention\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert re.fullmatch(r"\|[ -|]+\|", lines[1].replace(" ", "")), "a markdown table"
    return [
        dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True))
        for line in lines[2:]
    ]


def test_the_retention_table_matches_the_configuration_defaults() -> None:
    rows = retention_table()
    documented = {}
    for row in rows:
        setting = row["setting"].strip("`")
        if setting == "—":
            assert row["default"] == "—"
            continue
        section, _, key = setting.partition(".")
        assert section in SCHEMA and key in SCHEMA[section], f"{setting} is no setting"
        assert row["default"] == str(SCHEMA[section][key].default), setting
        documented[setting] = row
    assert set(documented) == RETENTION_SETTINGS


def test_every_enforcing_module_named_in_the_table_exists() -> None:
    for row in retention_table():
        for path in re.findall(r"`([\w/.-]+\.(?:py|service))`", row["enforced by"]):
            assert (ROOT / path).exists(), path
