# SPDX-License-Identifier: EUPL-1.2
"""The web desk in a real browser: Debian's chromium driven by Playwright. Importing this
module skips the importing test module (and says why) when chromium or Playwright is
missing: ``./dev test`` installs the Debian package when run as root."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from kiosk.boot.paths import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "desk"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(
        "chromium is not installed (sudo apt-get install chromium; ./dev test does it as root)",
        allow_module_level=True,
    )


@contextmanager
def headless_chromium() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def shoot(page: Any, name: str) -> None:
    """The page at phone and at desktop width (full length), for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, label in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(PHONE)
