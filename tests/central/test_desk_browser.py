# SPDX-License-Identifier: EUPL-1.2
"""The merchant desk in a real browser: Debian's chromium driven by Playwright, against
the platform served over loopback HTTP. Keyboard only: a shop logs in, types a voucher
code, redeems it, and is refused the second time. Screenshots at phone and desktop size
go to artifacts/desk/.

Skips (and says why) when chromium or Playwright is missing: ``./dev test`` installs
the Debian package when run as root.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central.app import create_app
from central.dataset import seed_if_empty
from central.platform import Platform
from central.server import EmbeddedServer
from central.web import accounts
from kiosk.boot.paths import DEMO_DATASET
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "desk"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "correct horse battery"

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(
        "chromium is not installed (sudo apt-get install chromium; ./dev test does it as root)",
        allow_module_level=True,
    )


@pytest.fixture
def platform(tmp_path: Path) -> Platform:
    made = Platform(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    seed_if_empty(made, DEMO_DATASET)
    accounts.create_merchant(
        made,
        accounts.MerchantGrant(
            username="alimentari",
            password=PASSWORD,
            display_name="Alimentari Rossi",
            iban="IT60X0542811101000000123456",
            programmes=["Buoni spesa 2026"],
        ),
    )
    return made


@pytest.fixture
def desk_url(platform: Platform) -> Iterator[str]:
    server = EmbeddedServer(create_app(platform)).start()
    yield server.url
    server.stop()


@pytest.fixture
def chromium() -> Iterator[Any]:
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


def test_a_shop_redeems_a_voucher_once_with_the_keyboard_only(
    platform: Platform, desk_url: str, chromium: Any
) -> None:
    code = platform.issue_voucher("RSSMRA80A01G224X", "piazzola", "Buoni spesa 2026", 4_000)["code"]
    context = chromium.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    page.goto(f"{desk_url}/desk")
    assert page.url.endswith("/desk/login")
    shoot(page, "1-login")

    page.keyboard.press("Tab")  # the skip link comes first, and shows itself
    assert page.evaluate("document.activeElement.className") == "skip"
    page.get_by_label("Nome utente").focus()
    page.keyboard.type("alimentari")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/voucher")
    cookie = next(c for c in context.cookies() if c["name"] == "sp_desk")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    shoot(page, "2-accept")

    page.get_by_label("Codice del buono").focus()
    page.keyboard.type(code.lower())
    page.keyboard.press("Enter")
    page.get_by_text("Valido: si può accettare").wait_for()
    assert "40,00 €" in page.inner_text("main")
    shoot(page, "3-voucher")

    page.get_by_role("button", name="Incassa tutto").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Buono incassato").wait_for()
    receipt = page.inner_text("#receipt-number")
    assert len(receipt) == 11 and receipt[5] == "-"
    shoot(page, "4-receipt")

    page.get_by_role("link", name="Un altro buono").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Codice del buono").fill(code)
    page.get_by_label("Codice del buono").press("Enter")
    page.get_by_role("heading", name="Buono non accettato").wait_for()
    assert "già stato usato per intero" in page.inner_text("main")
    shoot(page, "5-refused")

    page.get_by_role("link", name="Rendiconto mensile").click()
    assert "40,00 €" in page.inner_text("main")
    shoot(page, "6-statement")
    page.get_by_role("link", name="Storico").click()
    assert receipt in page.inner_text("main")
    shoot(page, "7-history")

    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="History").wait_for()
    shoot(page, "8-history-english")
    context.close()
