# SPDX-License-Identifier: EUPL-1.2
"""The repository's address and the maintainers' mailbox are placeholders until the
adopting body confirms them: the README lists every file that carries one, so whoever
fills them in at adoption misses none."""

from __future__ import annotations

import re
import subprocess

from kiosk.boot.paths import ROOT

SECTION = "### Addresses to confirm at adoption"


def placeholder_table() -> dict[str, set[str]]:
    """The README's table: each placeholder and the files it names."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert SECTION in text, "the README says which addresses are placeholders"
    section = text.split(SECTION, 1)[1].split("\n#", 1)[0]
    table: dict[str, set[str]] = {}
    for row in section.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            files = re.sub(r"\([^)]*\)", "", cells[2])  # the keys, in brackets
            table[cells[0].strip("`")] = set(re.findall(r"`([^`]+)`", files))
    return table


def files_with(text: str) -> set[str]:
    found = subprocess.run(
        ["git", "-C", str(ROOT), "grep", "-l", "-F", text, "--", ".", ":!tests"],
        capture_output=True,
        text=True,
    )
    return set(found.stdout.split())


def test_every_file_carrying_a_placeholder_is_listed_for_adoption() -> None:
    table = placeholder_table()
    assert set(table) >= {"security@welfarebenecomune.it"}
    for placeholder, listed in table.items():
        assert files_with(placeholder) == listed, placeholder


def test_each_placeholder_is_marked_where_it_is_declared() -> None:
    publiccode = (ROOT / "publiccode.yml").read_text(encoding="utf-8")
    for line in ("url:", "  contacts:"):
        before = publiccode.split("\n" + line, 1)[0].rsplit("\n", 3)
        assert any("PLACEHOLDER" in part for part in before), line
    assert "placeholder" in (ROOT / "SECURITY.md").read_text(encoding="utf-8")
