# SPDX-License-Identifier: EUPL-1.2
"""What the kiosk says about itself: version, licence and where its source is.

A Comune reusing public software must be able to find its source from the running
program (AgID reuse guidelines); the facts come from the installed package's metadata,
so pyproject.toml stays the one place they are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

DISTRIBUTION = "social-point-kiosk"
LICENCE = "EUPL-1.2"


@dataclass(frozen=True)
class About:
    name: str
    version: str
    licence: str
    source_url: str


@cache
def about() -> About:
    # Imported when asked (the manager's page, the heartbeat), not with the home screen:
    # importlib.metadata brings the email package and took a fifth of the kiosk's
    # imports before its first frame.
    from importlib import metadata

    try:
        meta = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return About("Social Point Kiosk", "unknown", LICENCE, "")
    urls = dict(
        entry.split(", ", 1) for entry in meta.get_all("Project-URL") or [] if ", " in entry
    )
    return About(
        name="Social Point Kiosk",
        version=meta["Version"],
        licence=meta.get("License-Expression") or meta.get("License") or LICENCE,  # type: ignore[attr-defined]
        source_url=urls.get("Source", ""),
    )
