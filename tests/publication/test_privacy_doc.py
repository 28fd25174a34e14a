# SPDX-License-Identifier: EUPL-1.2
"""docs/privacy.md's retention table says what the configuration does, and the document
names every table of the platform holding personal data."""

from __future__ import annotations

import re

from central.models import Base
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


# The platform's tables that hold nothing about a person. Any other table must be
# described in docs/privacy.md: a new one fails until it is (or is added here).
NO_PERSONAL_DATA = {
    "enrollment_codes",  # hashes of one-time enrolment codes
    "enrollment_claims",  # hashes of who claimed them
    "platform_secrets",  # the platform's own keys
    "signing_keys",  # public keys of the platform and the kiosks
}


def section_table(heading: str) -> list[dict[str, str]]:
    """The first markdown table under ``## heading``, as rows by column name."""
    text = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    assert f"\n## {heading}\n" in text, f"docs/privacy.md has no section {heading!r}"
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = []
    for line in section.splitlines():
        if line.startswith("|"):
            lines.append(line)
        elif lines:
            break
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert re.fullmatch(r"\|[ -|]+\|", lines[1].replace(" ", "")), "a markdown table"
    return [
        dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True))
        for line in lines[2:]
    ]


def retention_table() -> list[dict[str, str]]:
    return section_table("Retention")


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


def test_every_platform_table_holding_personal_data_is_described() -> None:
    tables = set(Base.metadata.tables)
    assert tables >= NO_PERSONAL_DATA, "the allow-list names a table that no longer exists"
    rows = section_table("The platform's tables")
    described = [row["table"].strip("`") for row in rows]
    assert len(described) == len(set(described)), "a table described twice"
    assert set(described) <= tables, set(described) - tables
    missing = tables - NO_PERSONAL_DATA - set(described)
    assert not missing, f"tables with personal data not in docs/privacy.md: {sorted(missing)}"
    for row in rows:  # each says what it holds, why, who reads it and for how long
        assert all(row[column] for column in row), row["table"]
