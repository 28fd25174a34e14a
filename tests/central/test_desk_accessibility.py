# SPDX-License-Identifier: EUPL-1.2
"""Every page of the web desk, for shops and for Comune staff, in a real browser:
no WCAG 2.1 AA violation that axe-core finds (at phone and at desktop size), and every
control reached with the keyboard alone, with a visible focus. One platform and one
browser for the module; screenshots of the pages not shot elsewhere go to
artifacts/desk/. Skips, saying why, without chromium or Playwright."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from central.app import create_app
from central.dataset import seed_if_empty
from central.fleet import Heartbeat, record_heartbeat
from central.platform import Platform
from central.server import EmbeddedServer
from central.web import accounts
from central.web.staff import StaffGrant, create_staff
from kiosk.boot.paths import DEMO_DATASET
from tests.central.accessibility import axe_violations, keyboard_problems
from tests.central.browser import DESKTOP, PHONE, headless_chromium, shoot
from tests.central.desk import PASSWORD
from tests.central.helpers import send_application

PROGRAMME = "Buoni spesa 2026"

# A real browser and a real platform: seconds, not milliseconds (./dev test --quick skips).
pytestmark = pytest.mark.slow


@dataclass
class Desk:
    platform: Platform
    url: str
    browser: Any
    protocol: str  # an admitted application of Piazzola


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    folder: Path = tmp_path_factory.mktemp("desk-accessibility")
    platform = Platform(f"sqlite:///{folder / 'central.sqlite3'}")
    seed_if_empty(platform, DEMO_DATASET)
    accounts.create_merchant(
        platform,
        accounts.MerchantGrant(
            username="alimentari",
            password=PASSWORD,
            display_name="Alimentari Rossi",
            iban="IT60X0542811101000000123456",
            programmes=[PROGRAMME],
        ),
    )
    create_staff(
        platform,
        StaffGrant(
            username="sociale.piazzola",
            password=PASSWORD,
            display_name="Servizi sociali Piazzola",
            comuni=["piazzola"],
        ),
    )
    device_id, _token = platform.enroll(platform.new_enrollment_code(comune="piazzola"), "pz-1")
    moment = datetime.now(UTC)
    record_heartbeat(
        platform,
        device_id,
        Heartbeat(
            version="0.3.0",
            sent_at=moment,
            uptime_s=60,
            printer="paper_low",
            print_queue=1,
            oldest_unsent_s=90_000,
            rejected=0,
            free_disk_bytes=10**10,
            last_sync=moment,
        ),
    )
    protocol, _code = send_application(platform, device_id)
    platform.set_application_status(protocol, "admitted", {"it": "Ammessa."})
    server = EmbeddedServer(create_app(platform)).start()
    with headless_chromium() as browser:
        yield Desk(platform, server.url, browser, protocol)
    server.stop()
    platform.engine.dispose()


def logged_in(desk: Desk, username: str) -> Any:
    # The desk allows no script at all: axe-core is let in past its CSP for the test.
    context = desk.browser.new_context(viewport=PHONE, locale="it-IT", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{desk.url}/desk/login")
    page.get_by_label("Nome utente").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(lambda url: not url.endswith("/login"))
    return page


def audit(page: Any, name: str, problems: dict[str, list[str]]) -> None:
    """axe at phone size, and at desktop size where the layout differs (a table is
    a list of cards on a phone); then Tab through the page at phone size."""
    found = axe_violations(page)
    if page.locator("table").count():
        page.set_viewport_size(DESKTOP)
        found += [f"desktop: {v}" for v in axe_violations(page)]
        page.set_viewport_size(PHONE)
    found += keyboard_problems(page)
    if found:
        problems[name] = found


def walk(page: Any, steps: list[tuple[str, Callable[[], object]]]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for name, step in steps:
        step()
        audit(page, name, problems)
    return problems


def test_every_shop_page_passes_axe_and_the_keyboard(desk: Desk) -> None:
    code = desk.platform.issue_voucher("RSSMRA80A01G224X", "piazzola", PROGRAMME, 2_000)["code"]
    context = desk.browser.new_context(viewport=PHONE, locale="it-IT", bypass_csp=True)
    login = context.new_page()
    login.goto(f"{desk.url}/desk/login")
    problems: dict[str, list[str]] = {}
    audit(login, "login", problems)
    context.close()

    page = logged_in(desk, "alimentari")

    def check(text: str) -> None:
        page.goto(f"{desk.url}/desk/voucher")
        page.get_by_label("Codice del buono").fill(text)
        page.get_by_label("Codice del buono").press("Enter")
        page.wait_for_load_state()

    problems |= walk(
        page,
        [
            ("accept", lambda: page.goto(f"{desk.url}/desk/voucher")),
            ("voucher", lambda: check(code)),
            ("receipt", lambda: page.get_by_role("button", name="Incassa tutto").click()),
            ("refusal", lambda: check(code)),
            ("history", lambda: page.goto(f"{desk.url}/desk/history")),
            ("statement", lambda: page.goto(f"{desk.url}/desk/statement")),
            ("english", lambda: page.goto(f"{desk.url}/desk/statement?lang=en")),
        ],
    )
    page.context.close()
    assert problems == {}


def test_every_comune_staff_page_passes_axe_and_the_keyboard(desk: Desk) -> None:
    page = logged_in(desk, "sociale.piazzola")
    url = desk.url

    def upload(text: str) -> None:
        page.goto(f"{url}/desk/grants")
        page.get_by_label("File CSV").set_input_files(
            {"name": "buoni.csv", "mimeType": "text/csv", "buffer": text.encode()}
        )
        page.get_by_role("button", name="Controlla ed emetti").click()
        page.get_by_role("heading", name="Buoni spesa e crediti da un file CSV").wait_for()

    bad_file = f"protocollo;tipo;iniziativa;importo\n{desk.protocol};regalo;{PROGRAMME};10\n"
    good_file = f"protocollo;tipo;iniziativa;importo\n{desk.protocol};buono;{PROGRAMME};10\n"
    problems = walk(
        page,
        [
            ("fleet", lambda: page.goto(f"{url}/desk/fleet")),
            ("applications", lambda: page.goto(f"{url}/desk/applications?state=admitted")),
            ("application", lambda: page.goto(f"{url}/desk/applications/{desk.protocol}")),
            ("grants", lambda: page.goto(f"{url}/desk/grants")),
            ("grants-refused", lambda: upload(bad_file)),
            ("grants-done", lambda: upload(good_file)),
            ("reconciliation", lambda: page.goto(f"{url}/desk/reconciliation")),
            ("audit", lambda: page.goto(f"{url}/desk/audit")),
            ("english", lambda: page.goto(f"{url}/desk/applications?lang=en")),
        ],
    )
    page.goto(f"{url}/desk/grants?lang=it")
    upload(bad_file)
    assert "Riga 2: tipo «regalo» sconosciuto" in page.inner_text("main")
    shoot(page, "17-staff-grants-refused")
    upload(good_file)  # imported once already by the walk: issues nothing again
    assert "già stato importato" in page.inner_text("main")
    upload(good_file.replace(";10\n", ";12\n"))  # another file
    assert "File importato: 1 righe, 1 buoni emessi." in page.inner_text("main")
    shoot(page, "18-staff-grants-done")
    page.context.close()
    assert problems == {}


def test_the_checks_find_what_they_look_for(desk: Desk) -> None:
    """Without this, a check that never ran would pass every page."""
    context = desk.browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.set_content(
        "<html lang='it'><head><title>t</title><style>button:focus{outline:none}</style>"
        "</head><body><main><h1>t</h1><img src='x.png'><button>Ok</button>"
        "<a href='#' style='display:none'>hidden</a><div>"
        "<input id='unlabelled'></div></main></body></html>"
    )
    found = axe_violations(page)
    assert any(v.startswith("image-alt") for v in found), found
    assert any(v.startswith("label") for v in found), found
    keyboard = keyboard_problems(page)
    assert keyboard == ['no visible focus on <button data-keyboard="0">Ok</button>'], keyboard
    context.close()
