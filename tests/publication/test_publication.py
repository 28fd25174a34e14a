# SPDX-License-Identifier: EUPL-1.2
"""The files a Comune needs to adopt the software: licence, SPDX identifiers,
publiccode.yml, security contact, contributing guide, changelog."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import yaml

from kiosk.boot.paths import ROOT
from kiosk.core.about import about
from tests.publication.publiccode_rules import SCHEMA, semantic_problems

# The English EUPL-1.2 as the European Commission publishes it (Joinup's EUPL-1.2 EN.txt).
EUPL_SHA256 = "6fc9e709ccbfe0d77fbffa2427a983282be2eb88e47b1cdb49f21a83b4d1e665"
CHECK_SPDX = ROOT / "tools" / "check_spdx.py"


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_licence_is_the_whole_eupl_1_2_text() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    for article in range(1, 16):
        assert re.search(rf"^{article}\. \w", text, re.MULTILINE), f"article {article}"
    assert "Compatible Licences" in text and "Appendix" in text
    assert hashlib.sha256(text.encode()).hexdigest() == EUPL_SHA256


def test_every_source_file_carries_the_spdx_identifier() -> None:
    checked = subprocess.run(
        [sys.executable, str(CHECK_SPDX), str(ROOT)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def test_the_spdx_check_names_a_file_without_the_identifier(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "good.py").write_text("# SPDX-License-Identifier: EUPL-1.2\nx = 1\n")
    (tmp_path / "run").write_text("#!/bin/sh\n# SPDX-License-Identifier: EUPL-1.2\ntrue\n")
    (tmp_path / "bad.py").write_text('"""No licence here."""\n')
    (tmp_path / "script").write_text("#!/bin/sh\necho hello\n")
    (tmp_path / "notes.md").write_text("prose is not source\n")
    git("add", ".")
    checked = subprocess.run(
        [sys.executable, str(CHECK_SPDX), str(tmp_path)], capture_output=True, text=True
    )
    assert checked.returncode == 1
    named = sorted(line.split(":")[0] for line in checked.stderr.splitlines())
    assert named == ["bad.py", "script"]


def test_publiccode_yml_follows_the_standard_with_its_italian_section() -> None:
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert semantic_problems(data, datetime.now(UTC).date()) == []
    assert data["it"]["countryExtensionVersion"]
    assert {"it", "en"} <= set(data["description"])
    # One fact, one place: what publiccode.yml declares is what the package says.
    project = pyproject()["project"]
    assert data["softwareVersion"] == project["version"]
    assert data["legal"]["license"] == project["license"] == "EUPL-1.2"
    assert data["url"] == project["urls"]["Source"]


def test_the_publiccode_rules_refuse_a_broken_file() -> None:
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    broken = {**data, "developmentStatus": "finished", "it": {"conforme": {"gdpr": True}}}
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(broken))
    assert len(errors) == 2
    no_contacts = {**data, "maintenance": {"type": "community"}}
    assert semantic_problems(no_contacts, datetime.now(UTC).date()) == [
        "maintenance of type community needs contacts"
    ]


def test_security_policy_gives_a_private_contact() -> None:
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert re.search(r"[\w.-]+@[\w-]+\.\w+", text)
    assert "Do not open a public issue" in text


def test_contributing_and_changelog_are_there() -> None:
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "EUPL-1.2" in contributing and "SPDX-License-Identifier" in contributing
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{pyproject()['project']['version']}]" in changelog


def test_the_kiosk_knows_its_version_licence_and_source() -> None:
    facts = about()
    project = pyproject()["project"]
    assert facts.version == project["version"]
    assert facts.licence == "EUPL-1.2"
    assert facts.source_url == project["urls"]["Source"]
