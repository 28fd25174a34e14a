# SPDX-License-Identifier: EUPL-1.2
"""The Comune staff's desk in a real browser (Debian's chromium through Playwright),
against the platform over loopback HTTP, with a real kiosk beside it: its store, its
outbox and its sync engine. An application sent from the kiosk is found, opened and
decided by keyboard in the browser; the decision reaches the kiosk's look-up; the
audit log shows it. One platform, one kiosk and one browser for the whole module.
Screenshots at phone and desktop size go to artifacts/desk/. Skips, saying why,
without chromium or Playwright (as tests/central/test_desk_browser.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select

from central.app import create_app
from central.dataset import seed_if_empty
from central.platform import Platform
from central.server import EmbeddedServer
from central.web import accounts, reconciliation
from central.web.staff import StaffGrant, create_staff
from kiosk.boot.paths import DEMO_DATASET
from kiosk.core.local_time import today
from kiosk.core.status_lookup import find
from kiosk.core.wallet import OpenedWallet, attempt_tag, open_wallet, print_voucher
from printing import print_queue
from printing.escpos_render import PROFILES, render
from printing.print_queue import next_pending
from printing.slip import SlipContext
from store import outbox
from store.database import Store
from store.models import PrintJob
from sync.engine import SyncEngine
from tests.central.browser import CHROMIUM, PHONE, shoot, sync_api
from tests.central.desk import PASSWORD
from tests.printing.escpos_decode import decode
from tests.sync.conftest import KIOSK_SIGNER, Central, enrolled_client
from tests.sync.helpers import application
from tests.sync.wallets import KIOSK_ID, PIN, key_of

CF = "FRRNNA41A63E592W"  # the applicant of tests/forms/samples.GOOD
PROGRAMME = "Buoni spesa 2026"
SLIP = SlipContext("Social Point Piazzola", "Piazzola sul Brenta", KIOSK_ID, datetime.now())

# A real browser and a real platform: seconds, not milliseconds (./dev test --quick skips).
pytestmark = pytest.mark.slow


@dataclass
class World:
    platform: Platform
    url: str
    kiosk: SyncEngine
    lookup_key: str  # the kiosk's key of the status look-up, as enrollment gives it
    browser: Any
    playwright: Any  # for a browser of another kind (a camera)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder: Path = tmp_path_factory.mktemp("comune-browser")
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
    accounts.create_merchant(  # a shop that accepts the Comune's buoni spesa
        platform,
        accounts.MerchantGrant(
            username="alimentari",
            password=PASSWORD,
            display_name="Alimentari Rossi",
            iban="IT60X0542811101000000123456",
            programmes=[PROGRAMME],
        ),
    )
    server = EmbeddedServer(create_app(platform)).start()
    store = Store(folder / "kiosk.sqlite3")
    client = enrolled_client(Central(platform, server), signer=KIOSK_SIGNER)
    kiosk = SyncEngine(store, client, page_size=200, push_batch=10)
    kiosk.run_once()  # the kiosk has the form and the call
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield World(platform, server.url, kiosk, client.lookup_key(), browser, playwright)
        browser.close()
    client.close()
    store.close()
    server.stop()
    platform.engine.dispose()


def apply_at_the_kiosk(world: World, tracking_code: str) -> str:
    """An application through the kiosk's outbox, sent by its sync; its protocol."""
    kiosk = world.kiosk
    with kiosk.store.write() as session:
        outbox.add(session, "application", application(kiosk, tracking_code=tracking_code))
    kiosk.run_once()
    with kiosk.store.read() as session:
        found = find(session, world.lookup_key, tracking_code, CF)
    assert found is not None and found.state == "received", found
    assert found.protocol is not None
    return found.protocol


def staff_page(world: World) -> Any:
    """A logged-in staff browser tab at phone size, logged in by keyboard only."""
    context = world.browser.new_context(viewport=PHONE, locale="it-IT")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{world.url}/desk/login")
    page.get_by_label("Nome utente").focus()
    page.keyboard.type("sociale.piazzola")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/fleet")
    return page


def test_a_kiosk_application_is_admitted_and_granted_in_the_browser_and_printed_at_the_kiosk(
    world: World,
) -> None:
    protocol = apply_at_the_kiosk(world, "DOM-WEB2-TEST")
    page = staff_page(world)
    page.get_by_role("link", name="Domande").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Domande ricevute").wait_for()
    page.get_by_label("Stato").focus()
    page.keyboard.press("ArrowDown")  # "ricevuta", the first state
    page.get_by_role("button", name="Filtra").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**state=received**")
    assert "Ferraro Anna" in page.inner_text("main")
    shoot(page, "11-staff-applications")

    page.get_by_role("link", name=protocol).focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=f"Domanda {protocol}").wait_for()
    assert "Via Roma 1" in page.inner_text("main")
    shoot(page, "12-staff-application")

    page.get_by_label("Nuovo stato").select_option("admitted")
    page.get_by_label("Nota per il cittadino (facoltativa)").focus()
    page.keyboard.type("Il buono arriva entro 10 giorni.")
    page.keyboard.press("Tab")  # the same note in English
    page.keyboard.type("The voucher arrives within 10 days.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Stato pubblicato").wait_for()
    assert "ammessa" in page.inner_text("main")
    shoot(page, "13-staff-admitted")

    world.kiosk.run_once()
    with world.kiosk.store.read() as session:
        found = find(session, world.lookup_key, "DOM-WEB2-TEST", CF)
    assert found is not None and (found.state, found.protocol) == ("admitted", protocol)
    assert found.note == {
        "it": "Il buono arriva entro 10 giorni.",
        "en": "The voucher arrives within 10 days.",
    }

    # The buono spesa for the admitted application, by keyboard: the amount the call
    # computes is offered; the programme is one the shops accept.
    assert page.get_by_label("Iniziativa").first.input_value() == PROGRAMME
    page.get_by_label("Importo (euro)").focus()
    assert page.get_by_label("Importo (euro)").input_value() == "250,00"
    page.keyboard.press("Control+A")
    page.keyboard.type("150,00")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Emetti il buono"
    page.get_by_text("Buono emesso:").wait_for()
    code = page.inner_text("p[role=status]").split(": ")[1].split(".")[0]
    shoot(page, "14-staff-voucher-issued")

    # The Comune's approval letter gives the citizen a wallet PIN (as the admin API does).
    world.platform.set_wallet_pin(CF, PIN, "piazzola")
    world.kiosk.run_once()
    citizen = world.kiosk.store
    with citizen.write() as session:
        tag = attempt_tag(bytes.fromhex(world.lookup_key), CF)
        moment = datetime.now(UTC).replace(tzinfo=None)
        wallet = open_wallet(session, tag, key_of(CF), KIOSK_ID, moment)
        assert isinstance(wallet, OpenedWallet), wallet
        [voucher] = [v for v in wallet.usable(today("Europe/Rome")) if v.code == code]
        assert (voucher.amount_cents, voucher.programme) == (15_000, "Buoni spesa 2026")
        print_voucher(session, wallet, voucher.id, SLIP)
    with citizen.read() as session:
        job = next_pending(session)
    assert job is not None and job.reference == code
    printed = decode(render(job.slip, PROFILES["58mm-image-qr"]))  # the QR as dots
    scanned = [c.text for i in printed.images for c in zxingcpp.read_barcodes(i)]
    assert voucher.signed_code in scanned  # the QR
    assert code.replace("-", "") in scanned  # the code's barcode, as a hand scanner reads it

    # The shop takes the printed voucher by its code; the Comune sees what it owes.
    shop = world.browser.new_context(viewport=PHONE, locale="it-IT")
    till = shop.new_page()
    till.goto(f"{world.url}/desk/login")
    till.get_by_label("Nome utente").fill("alimentari")
    till.get_by_label("Password").fill(PASSWORD)
    till.get_by_label("Password").press("Enter")
    till.get_by_label("Codice del buono").fill(code.replace("-", ""))
    till.get_by_label("Codice del buono").press("Enter")
    till.get_by_role("button", name="Incassa tutto").click()
    till.get_by_role("heading", name="Buono incassato").wait_for()
    shop.close()
    page.get_by_role("link", name="Rendicontazione").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Rendicontazione dei buoni incassati").wait_for()
    owed = page.inner_text("main")
    assert "Alimentari Rossi" in owed and "IT60X0542811101000000123456" in owed
    assert "150,00 €" in owed
    shoot(page, "15-staff-reconciliation")

    page.get_by_role("link", name="Registro azioni").click()
    log = page.inner_text("main")
    assert "ha cambiato lo stato" in log and "ha emesso un buono" in log and protocol in log
    shoot(page, "16-staff-audit")
    page.context.close()


def camera_video(images: list[Any], folder: Path) -> Path:
    """A video for Chromium's fake camera (Y4M, 640x480): the printed slip's QR, cut
    out where zxing-cpp finds it, on a white page, as a phone held over it sees it."""
    for image in images:
        for found in zxingcpp.read_barcodes(image):
            if found.format == zxingcpp.BarcodeFormat.QRCode:
                corners = found.position
                left, top = corners.top_left.x, corners.top_left.y
                right, bottom = corners.bottom_right.x, corners.bottom_right.y
                margin = 24
                qr = image.convert("L").crop(
                    (left - margin, top - margin, right + margin, bottom + margin)
                )
                break
        else:
            continue
        break
    else:
        raise AssertionError("no QR on the printed slip")
    side = 400
    frame = Image.new("L", (640, 480), 255)
    frame.paste(qr.resize((side, side), Image.Resampling.NEAREST), (120, 40))
    ycbcr = frame.convert("RGB").convert("YCbCr")
    y, cb, cr = ycbcr.split()
    half = (320, 240)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    path = folder / "voucher.y4m"
    with path.open("wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F5:1 Ip A1:1 C420jpeg\n")
        for _ in range(5):
            out.write(b"FRAME\n" + planes)
    return path


def printed_at_the_kiosk(world: World, codice_fiscale: str, code: str) -> list[Any]:
    """The citizen opens their wallet at the kiosk and prints the voucher ``code``: the
    images of the ESC/POS bytes the kiosk sends its printer (the QR as dots)."""
    citizen = world.kiosk.store
    with citizen.write() as session:
        tag = attempt_tag(bytes.fromhex(world.lookup_key), codice_fiscale)
        moment = datetime.now(UTC).replace(tzinfo=None)
        wallet = open_wallet(session, tag, key_of(codice_fiscale), KIOSK_ID, moment)
        assert isinstance(wallet, OpenedWallet), wallet
        [kept] = [v for v in wallet.usable(today("Europe/Rome")) if v.code == code]
        print_voucher(session, wallet, kept.id, SLIP)
    with citizen.read() as session:  # this slip's job (another test's may wait too)
        row = session.scalars(select(PrintJob).where(PrintJob.reference == code)).one()
        job = print_queue.get(session, row.uuid)
    assert job is not None
    return decode(render(job.slip, PROFILES["58mm-image-qr"])).images


def downloaded(page: Any, link: str) -> bytes:
    """The file a link of the page downloads, as the browser saves it."""
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    return Path(download.value.path()).read_bytes()


def test_a_voucher_printed_at_the_kiosk_is_scanned_by_a_shop_and_reaches_both_statements(
    world: World, tmp_path: Path
) -> None:
    """The shop's side of the work: the kiosk prints a citizen's buono spesa; the shop
    scans the slip's QR with its phone's camera and redeems it (a second scan is
    refused); the redemption is on the shop's monthly statement (page, CSV and Excel)
    and in what the Comune owes that shop on its reconciliation."""
    cf, shop, iban = "BNCMTT15B19G224I", "Panificio Bianchi", "IT61X0306909606100000012345"
    accounts.create_merchant(
        world.platform,
        accounts.MerchantGrant(
            username="panificio",
            password=PASSWORD,
            display_name=shop,
            iban=iban,
            programmes=[PROGRAMME],
        ),
    )
    world.platform.set_wallet_pin(cf, PIN, "piazzola")
    issued = world.platform.issue_voucher(cf, "piazzola", PROGRAMME, 4_250)
    world.kiosk.run_once()  # the citizen's sealed wallet reaches the kiosk
    images = printed_at_the_kiosk(world, cf, issued["code"])
    scanned = [found.text for image in images for found in zxingcpp.read_barcodes(image)]
    assert issued["signed_code"] in scanned

    camera = world.playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={camera_video(images, tmp_path)}",
        ],
    )
    context = camera.new_context(viewport=PHONE, locale="it-IT", accept_downloads=True)
    context.set_default_timeout(20_000)
    context.grant_permissions(["camera"])
    page = context.new_page()
    page.goto(f"{world.url}/desk/login")
    page.get_by_label("Nome utente").fill("panificio")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.get_by_role("button", name="Inquadra il QR con la fotocamera").click()
    page.get_by_text("Valido: si può accettare").wait_for()
    assert "42,50 €" in page.inner_text("main")
    shoot(page, "19-shop-scanned")
    page.get_by_role("button", name="Incassa tutto").click()
    page.get_by_role("heading", name="Buono incassato").wait_for()
    receipt = page.inner_text(".receipt-number").strip()
    page.get_by_role("link", name="Un altro buono").click()
    page.get_by_role("button", name="Inquadra il QR con la fotocamera").click()
    page.get_by_role("heading", name="Buono non accettato").wait_for()
    assert "già stato usato per intero" in page.inner_text("main")
    shoot(page, "20-shop-scanned-again")

    month = reconciliation.this_month(world.platform)
    page.get_by_role("link", name="Storico").click()
    assert receipt in page.inner_text("main")
    page.get_by_role("link", name="Rendiconto mensile").click()
    statement = page.inner_text("main")
    assert iban in statement and month in statement and PROGRAMME in statement
    assert "42,50 €" in statement
    shoot(page, "27-shop-statement")
    rows = list(csv.reader(io.StringIO(downloaded(page, "Scarica CSV").decode("utf-8"))))
    piazzola = "Piazzola sul Brenta"
    assert rows[1:] == [[month, shop, iban, piazzola, PROGRAMME, "1", "42.50", "0"]]
    book = load_workbook(io.BytesIO(downloaded(page, "Scarica Excel")))
    sheet = book.worksheets[0]
    assert [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        [month, shop, iban, piazzola, PROGRAMME, 1, 42.5, 0]
    ]
    camera.close()

    staff = staff_page(world)
    staff.get_by_role("link", name="Rendicontazione").click()
    staff.get_by_label("Mese").select_option(month)
    staff.get_by_role("button", name="Mostra").click()
    staff.wait_for_url(f"**month={month}**")
    [line] = [
        row.inner_text() for row in staff.locator("tbody tr").all() if shop in row.inner_text()
    ]
    assert iban in line and "42,50 €" in line and month in line
    shoot(staff, "28-staff-reconciliation-month")
    owed = list(csv.reader(io.StringIO(downloaded(staff, "Scarica CSV").decode("utf-8"))))
    assert [month, shop, iban, piazzola, PROGRAMME, "1", "42.50", "0"] in owed
    staff.context.close()
