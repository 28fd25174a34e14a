#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Lists the source files that do not start with the project's SPDX licence identifier.

Public administrations reusing the software need the licence of every file to be
machine-readable (AgID reuse guidelines, REUSE practice). Source files are the tracked
files a person edits as code or configuration; the identifier must sit in the first
lines (after a ``#!`` line). Exit status 1 when a file lacks it.

    python3 tools/check_spdx.py [ROOT]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

IDENTIFIER = "SPDX-License-Identifier: EUPL-1.2"
SOURCE_SUFFIXES = frozenset(
    {".py", ".toml", ".sh", ".mako", ".service", ".timer", ".qss"}
    # The web desk's templates, styles and scripts; Qt's translation catalogs (.ts).
    | {".html", ".css", ".js", ".ts"}
)
# Files of other projects kept here under their own licence, with its text beside them:
# what their first lines say instead (axe-core is kept byte for byte as published).
THIRD_PARTY = {
    "central/web/static/jsQR.js": "SPDX-License-Identifier: Apache-2.0",
    "tests/central/axe/axe.min.js": "Mozilla Public",
}
HEAD_LINES_THIRD_PARTY = 8
HEAD_LINES = 3  # a shebang, then the identifier, with room for an encoding line


def is_source(path: str, first_line: str) -> bool:
    return Path(path).suffix in SOURCE_SUFFIXES or first_line.startswith("#!")


def tracked_files(root: Path) -> list[str]:
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True
    )
    return [name for name in listed.stdout.decode().split("\0") if name]


def missing_identifier(root: Path) -> list[str]:
    missing = []
    for name in tracked_files(root):
        path = root / name
        if not path.is_file():  # deleted in the work tree, not yet committed
            continue
        lines = HEAD_LINES_THIRD_PARTY if name in THIRD_PARTY else HEAD_LINES
        try:
            head = path.read_text(encoding="utf-8").splitlines()[:lines]
        except UnicodeDecodeError:  # an image or other binary file
            continue
        wanted = THIRD_PARTY.get(name, IDENTIFIER)
        if is_source(name, head[0] if head else "") and not any(wanted in h for h in head):
            missing.append(name)
    return missing


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    missing = missing_identifier(root)
    for name in missing:
        wanted = THIRD_PARTY.get(name, IDENTIFIER)
        print(f"{name}: no '{wanted}' in its first {HEAD_LINES} lines", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
