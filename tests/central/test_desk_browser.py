# SPDX-License-Identifier: EUPL-1.2
"""The merchant desk in a real browser: Debian's chromium driven by Playwright, against
the platform served over loopback HTTP. Keyboard only: a shop logs in, types a voucher
code, redeems it, and is refused the second time. Screenshots at phone and desktop size
go to artifacts/desk/.

Skips (and says why) when chromium or Playwright is missing: ``./dev test`` installs
the Debian package when run as root.
"""

from __future__ import annotations

from typing import Any

import pytest

from central.platform import Platform
from central.web import accounts
from tests.central.browser import PHONE, shoot
from tests.central.desk import PASSWORD


@pytest.fixture
def platform(platform: Platform) -> Platform:
    """The demo platform with one shop, Alimentari Rossi."""
    accounts.create_merchant(
        platform,
        accounts.MerchantGrant(
            username="alimentari",
            password=PASSWORD,
            display_name="Alimentari Rossi",
            iban="IT60X0542811101000000123456",
            programmes=["Buoni spesa 2026"],
        ),
    )
    return platform


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
