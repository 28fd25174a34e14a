# SPDX-License-Identifier: EUPL-1.2
"""Comune staff publish and withdraw a service and a call in a real browser (Debian's
chromium through Playwright), against the platform over loopback HTTP, with a real kiosk
beside it (its store and its sync engine, enrolled for Piazzola): what the browser
publishes the kiosk pulls and finds in its catalog's search or its open calls; what the
browser withdraws the kiosk no longer offers. Every page passes axe-core (WCAG 2.1 AA)
and a keyboard walk, the form's refusal included. One platform, one kiosk and one browser
for the module; screenshots at phone and desktop size go to artifacts/desk/. Skips,
saying why, without chromium or Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from central.app import create_app
from central.dataset import seed_if_empty
from central.platform import Platform
from central.server import EmbeddedServer
from central.web.staff import StaffGrant, create_staff
from kiosk.boot.paths import DEMO_DATASET
from store.catalog import find_services, open_calls, service_detail
from store.database import Store
from sync.engine import SyncEngine
from tests.central.accessibility import axe_violations, keyboard_problems
from tests.central.browser import DESKTOP, PHONE, headless_chromium, shoot
from tests.central.desk import PASSWORD
from tests.sync.conftest import KIOSK_SIGNER, Central, enrolled_client

# A real browser and a real platform: seconds, not milliseconds (./dev test --quick skips).
pytestmark = pytest.mark.slow


@dataclass
class World:
    platform: Platform
    url: str
    kiosk: SyncEngine
    browser: Any


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder: Path = tmp_path_factory.mktemp("catalog-browser")
    platform = Platform(f"sqlite:///{folder / 'central.sqlite3'}")
    seed_if_empty(platform, DEMO_DATASET)
    create_staff(
        platform,
        StaffGrant(
            username="sociale.piazzola",
            password=PASSWORD,
            display_name="Servizi sociali Piazzola",
            comuni=["piazzola"],
        ),
    )
    server = EmbeddedServer(create_app(platform)).start()
    store = Store(folder / "kiosk.sqlite3")
    client = enrolled_client(Central(platform, server), signer=KIOSK_SIGNER, comune="piazzola")
    kiosk = SyncEngine(store, client, page_size=200, push_batch=10)
    kiosk.run_once()  # the kiosk has the demo catalog
    with headless_chromium() as browser:
        yield World(platform, server.url, kiosk, browser)
    client.close()
    store.close()
    server.stop()
    platform.engine.dispose()


def staff_page(world: World) -> Any:
    # The desk allows no script at all: axe-core is let in past its CSP for the test.
    context = world.browser.new_context(viewport=PHONE, locale="it-IT", bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{world.url}/desk/login")
    page.get_by_label("Nome utente").fill("sociale.piazzola")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/desk/fleet")
    return page


def accessible(page: Any, name: str, problems: dict[str, list[str]]) -> None:
    """axe at phone and desktop size, then Tab through the page at phone size."""
    found = axe_violations(page)
    page.set_viewport_size(DESKTOP)
    found += [f"desktop: {v}" for v in axe_violations(page)]
    page.set_viewport_size(PHONE)
    found += keyboard_problems(page)
    if found:
        problems[name] = found


def kiosk_finds(world: World, words: str) -> list[str]:
    """The services the kiosk's search offers for ``words``, after a sync."""
    world.kiosk.run_once()
    with world.kiosk.store.read() as session:
        return [s.id for s in find_services(session, words, "piazzola").services]


def test_a_service_published_in_the_browser_reaches_the_kiosk_and_withdrawn_leaves_it(
    world: World,
) -> None:
    assert "pz-ortofrutta" not in kiosk_finds(world, "ortofrutta")
    problems: dict[str, list[str]] = {}
    page = staff_page(world)
    page.get_by_role("link", name="Servizi e bandi").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Servizi e bandi del Comune").wait_for()
    accessible(page, "catalog", problems)
    shoot(page, "21-staff-catalog")

    page.get_by_role("link", name="Nuovo servizio").click()
    page.get_by_role("heading", name="Nuovo servizio").wait_for()
    accessible(page, "new service", problems)
    page.get_by_label("Codice").fill("pz-ortofrutta")
    page.get_by_label("Titolo in italiano").fill("Consegna di frutta e verdura a casa")
    page.get_by_label("Titolo in inglese (facoltativo)").fill("Fruit and vegetables delivered")
    page.get_by_label("Descrizione in italiano (facoltativo)").fill(
        "Una cassetta di ortofrutta di stagione, ogni settimana."
    )
    page.get_by_label("Categoria").select_option("silvercare")
    page.get_by_label("Chi lo offre").select_option("shop-alimentari-rossi")
    page.get_by_label("Come si ottiene").select_option("buy_now")
    page.get_by_label("Prezzo (euro)").fill("dodici")  # a mistake, and no unit
    page.get_by_label("Parole per la ricerca").fill("ortofrutta, verdura, frutta")
    page.get_by_role("button", name="Pubblica").click()
    page.get_by_text("Non è stato pubblicato nulla").wait_for()
    assert "Importo non valido" in page.inner_text("#problems")
    accessible(page, "refused service", problems)
    shoot(page, "22-staff-service-refused")
    assert "pz-ortofrutta" not in world.platform.records("services")

    # From the list of problems to the field, then corrected by keyboard.
    page.get_by_role("link", name="Prezzo (euro)").click()
    assert page.evaluate("document.activeElement.id") == "f-price"
    page.keyboard.press("Control+A")
    page.keyboard.type("12,00")
    page.get_by_label("Unità del prezzo (facoltativo)").select_option("consegna")
    page.get_by_role("button", name="Pubblica").click()
    page.get_by_text("Pubblicato: pz-ortofrutta").wait_for()
    shoot(page, "23-staff-service-published")

    assert kiosk_finds(world, "ortofrutta") == ["pz-ortofrutta"]
    with world.kiosk.store.read() as session:
        detail = service_detail(session, "pz-ortofrutta")
    assert detail is not None and detail.price_cents == 1200
    assert detail.title["en"] == "Fruit and vegetables delivered"

    page.get_by_role("link", name="Consegna di frutta e verdura a casa").click()
    page.get_by_role("heading", name="Servizio pz-ortofrutta").wait_for()
    accessible(page, "edit service", problems)
    shoot(page, "24-staff-service-edit")
    page.get_by_role("button", name="Ritira", exact=True).click()
    page.get_by_text("Spunti la conferma per ritirarlo.").first.wait_for()
    assert "pz-ortofrutta" in world.platform.records("services")
    page.get_by_label("Confermo: i totem non lo offrono più").check()
    page.get_by_role("button", name="Ritira", exact=True).click()
    page.get_by_text("Ritirato: pz-ortofrutta").wait_for()
    assert kiosk_finds(world, "ortofrutta") == []
    with world.kiosk.store.read() as session:
        assert service_detail(session, "pz-ortofrutta") is None

    page.get_by_role("link", name="Registro azioni").click()
    log = page.inner_text("main")
    assert "ha pubblicato" in log and "ha ritirato" in log and "services/pz-ortofrutta" in log
    page.goto(f"{world.url}/desk/catalog/services/new?lang=en")
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Nothing was published. Please correct these fields:").wait_for()
    assert "Category: Choose one of the items of the list." in page.inner_text("#problems")
    accessible(page, "refused service, in English", problems)
    shoot(page, "29-staff-service-refused-english")
    page.context.close()
    assert problems == {}


def test_a_call_published_in_the_browser_opens_at_the_kiosk_and_withdrawn_leaves_it(
    world: World,
) -> None:
    def kiosk_calls() -> list[str]:
        world.kiosk.run_once()
        now = datetime.now(UTC).replace(tzinfo=None)
        with world.kiosk.store.read() as session:
            return [call.id for call in open_calls(session, "piazzola", now)]

    assert "pz-libri-2026" not in kiosk_calls()
    problems: dict[str, list[str]] = {}
    page = staff_page(world)
    page.goto(f"{world.url}/desk/catalog/calls/new")
    opens = datetime.now() - timedelta(hours=1)
    page.get_by_label("Codice").fill("pz-libri-2026")
    page.get_by_label("Tipo di bando").select_option("contributo")
    page.get_by_label("Titolo in italiano").fill("Contributo per i libri di scuola")
    page.get_by_label("Apertura").fill(f"{opens:%Y-%m-%dT%H:%M}")
    page.get_by_label("Chiusura").fill(f"{opens - timedelta(days=1):%Y-%m-%dT%H:%M}")
    page.get_by_label("Fondi stanziati (euro) (facoltativo)").fill("15.000,00")
    page.get_by_label("Requisiti (facoltativo)").fill("Residenza a Piazzola\nFigli a scuola")
    page.get_by_role("button", name="Pubblica").click()
    page.get_by_text("La chiusura deve venire dopo l'apertura.").first.wait_for()
    accessible(page, "refused call", problems)
    shoot(page, "25-staff-call-refused")
    page.get_by_label("Chiusura").fill(f"{opens + timedelta(days=30):%Y-%m-%dT%H:%M}")
    page.get_by_role("button", name="Pubblica").click()
    page.get_by_text("Pubblicato: pz-libri-2026").wait_for()
    assert "pz-libri-2026" in kiosk_calls()

    page.get_by_role("link", name="Contributo per i libri di scuola").click()
    page.get_by_role("heading", name="Bando pz-libri-2026").wait_for()
    accessible(page, "edit call", problems)
    shoot(page, "26-staff-call-edit")
    page.get_by_label("Confermo: i totem non lo offrono più").check()
    page.get_by_role("button", name="Ritira", exact=True).click()
    page.get_by_text("Ritirato: pz-libri-2026").wait_for()
    assert "pz-libri-2026" not in kiosk_calls()
    page.context.close()
    assert problems == {}
