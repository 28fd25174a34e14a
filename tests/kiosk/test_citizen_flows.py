# SPDX-License-Identifier: EUPL-1.2
"""The citizen screens, used through taps on visible text, on the demo catalog."""

from __future__ import annotations

import zxingcpp
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QScroller

from kiosk.ui.widgets.qr import QrCode
from tests.conftest import KIOSK_SIZE
from tests.kiosk.people import buttons, find_button, shows, tap

ELDERLY_CARE_FOR_PIAZZOLA = [
    "Assistenza domiciliare OSS – igiene e cura della persona",
    "Assistenza domiciliare OSS – fascia notturna",
    "Pasto caldo a domicilio (consegna inclusa)",
    "Telesoccorso – canone mensile",
    "Trasporto sociale per visite mediche (entro 20 km)",
    "Spesa e farmaci a domicilio",
    "Centro diurno anziani – giornata con pranzo",
    "Ginnastica dolce over 65 (10 lezioni)",
    "Compagnia e stimolazione cognitiva a domicilio",
]


def test_home_shows_the_social_point_and_three_ways_in(window, snap) -> None:
    assert shows(window, "Social Point Piazzola")
    assert shows(window, "Comune di Piazzola sul Brenta")
    for entry in ("Servizi", "Bandi e contributi", "Chiedi aiuto a un welfare manager"):
        find_button(window, entry)
    assert not find_button(window, "‹ Indietro").isEnabled()  # visible, nothing to go back to
    snap(window, "home")


def test_a_press_on_the_words_of_a_card_taps_the_card(qtbot, window) -> None:
    # A finger lands on the words of a tile more often than on its empty edge.
    tile = find_button(window, "Servizi")
    words = next(line for line in tile.findChildren(QLabel) if line.text() == "Servizi")
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert window.current_route == "catalog"
    card = find_button(window, "Anziani")
    words = next(line for line in card.findChildren(QLabel) if line.text() == "Anziani")
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert window.current_route == "category"
    # A tap never takes the keyboard focus (it stays in the field being typed); keys
    # reach every button (Tab, arrows, a keypad).
    assert {b.focusPolicy() for b in buttons(window)} == {Qt.FocusPolicy.TabFocus}


def test_home_category_service_back_home(qtbot, window, snap) -> None:
    tap(qtbot, window, "Servizi")
    assert window.current_route == "catalog"
    tap(qtbot, window, "Anziani")
    assert window.current_route == "category"
    qtbot.waitUntil(lambda: all(shows(window, title) for title in ELDERLY_CARE_FOR_PIAZZOLA))
    for title in ELDERLY_CARE_FOR_PIAZZOLA:
        find_button(window, title)
    tap(qtbot, window, "Assistenza domiciliare OSS – igiene e cura della persona")
    assert window.current_route == "service"
    for fact in (
        "€ 22,00 / ora",
        "Coop. Sociale Il Girasole (demo)",
        "Telefono: 049 000 1101",
        "E-mail: info@girasole.example",
        "Chi abita a: Campodoro, Piazzola sul Brenta, Villafranca Padovana",
    ):
        assert shows(window, fact), fact
    snap(window, "service-detail")
    tap(qtbot, window, "‹ Indietro")
    assert window.current_route == "category"
    assert shows(window, "Servizi per chi abita a Piazzola sul Brenta")
    tap(qtbot, window, "⌂ Inizio")
    assert window.current_route == "home"
    find_button(window, "Bandi e contributi")


def test_the_contact_qr_scans_back_to_the_provider(qtbot, window) -> None:
    window.go("service", {"service_id": "s16"})
    qr = window.findChild(QrCode, "providerQr")
    image = qr.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = memoryview(image.constBits()).cast("B", (image.height(), image.bytesPerLine()))
    decoded = zxingcpp.read_barcodes(pixels)
    assert len(decoded) == 1
    card = decoded[0].text
    assert card.startswith("BEGIN:VCARD")
    assert "FN:Coop. Sociale Il Ponte (demo)" in card
    assert "TEL;TYPE=WORK,VOICE:049 000 1303" in card
    assert "EMAIL;TYPE=INTERNET:ciao@ilponte.example" in card
    assert "ADR;TYPE=WORK:;;Piazza Marconi 2\\, Villafranca Padovana;;;;" in card


def test_search_anziani_on_the_screen_keyboard(qtbot, window, snap) -> None:
    tap(qtbot, window, "Servizi")
    screen = window.screens["catalog"]
    qtbot.mouseClick(screen.search, Qt.MouseButton.LeftButton)
    assert screen.keyboard.isVisible()
    for key in "ANZIANI":
        tap(qtbot, screen.keyboard, key)
    assert screen.search.text() == "anziani"
    qtbot.waitUntil(lambda: shows(window, "servizi trovati per «anziani»"))
    # The first results are drawn at once, the rest a few at a time after them.
    qtbot.waitUntil(lambda: all(shows(window, title) for title in ELDERLY_CARE_FOR_PIAZZOLA))
    for title in ELDERLY_CARE_FOR_PIAZZOLA:
        find_button(window, title)
    snap(window, "search-anziani")
    tap(qtbot, screen.keyboard, "Chiudi")
    assert not screen.keyboard.isVisible()
    tap(qtbot, window, "Centro diurno anziani – giornata con pranzo")
    assert shows(window, "€ 45,00 / giorno")


def test_search_with_no_result_offers_the_ways_it_names(qtbot, window, snap) -> None:
    tap(qtbot, window, "Servizi")
    screen = window.screens["catalog"]
    qtbot.mouseClick(screen.search, Qt.MouseButton.LeftButton)  # the keyboard hides the chips
    qtbot.keyClicks(screen.search, "astronave")
    qtbot.waitUntil(lambda: shows(window, "Nessun servizio trovato per «astronave»"))
    assert shows(window, "cerca in tutti i Comuni oppure chiedi aiuto")
    assert not screen.comune_row.isVisible()
    # What the text names is on the screen, under it.
    assert find_button(window, "Cerca in tutti i Comuni").isVisible()
    assert screen.search_help_button.isVisible()
    assert screen.search_help_button.text() == "Chiedi aiuto"
    snap(window, "search-nothing")
    tap(qtbot, window, "Cerca in tutti i Comuni")
    assert screen.comune_chips[""].isChecked()
    qtbot.waitUntil(lambda: shows(window, "oppure chiedi aiuto:"))
    assert not shows(window, "cerca in tutti i Comuni")  # done already: not offered again
    qtbot.mouseClick(screen.search_help_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.overlay.isVisible())
    snap(window, "search-nothing-help")


def test_search_finds_inflected_words_and_offers_corrections(qtbot, window, snap) -> None:
    tap(qtbot, window, "Servizi")
    screen = window.screens["catalog"]
    qtbot.keyClicks(screen.search, "pasti")  # the placeholder's own example
    qtbot.waitUntil(lambda: shows(window, "1 servizio trovato per «pasti»"))
    find_button(window, "Pasto caldo a domicilio (consegna inclusa)")
    screen.search.clear()
    qtbot.keyClicks(screen.search, "pastti")  # "pasti", one t too many
    qtbot.waitUntil(lambda: shows(window, "Forse cercavi «pasto»? 1 servizio trovato."))
    find_button(window, "Pasto caldo a domicilio (consegna inclusa)")
    assert not screen.nothing_actions.isVisible()
    snap(window, "search-did-you-mean")


def test_search_for_words_no_service_has_together_shows_those_with_some(
    qtbot, window, snap
) -> None:
    tap(qtbot, window, "Servizi")
    screen = window.screens["catalog"]
    qtbot.keyClicks(screen.search, "trasporto disabili")
    qtbot.waitUntil(
        lambda: shows(window, "Nessun servizio ha tutte le parole «trasporto disabili».")
    )
    count = len(screen._results)
    assert count > 1 and shows(window, f"{count} servizi ne hanno alcune.")
    find_button(window, "Trasporto sociale per visite mediche (entro 20 km)")
    assert not screen.nothing_actions.isVisible()
    snap(window, "search-some-words")


def test_catalog_by_comune(qtbot, window) -> None:
    tap(qtbot, window, "Servizi")
    assert find_button(window, "✓ Piazzola sul Brenta").isChecked()  # the kiosk's own Comune
    tap(qtbot, window, "Limena")
    tap(qtbot, window, "Anziani")
    assert shows(window, "Servizi per chi abita a Limena")
    # Home care by Il Girasole serves Piazzola, Campodoro and Villafranca, not Limena.
    assert not shows(window, "Assistenza domiciliare OSS – igiene e cura della persona")
    find_button(window, "Centro diurno anziani – giornata con pranzo")
    tap(qtbot, window, "‹ Indietro")
    tap(qtbot, window, "Tutti i Comuni")
    tap(qtbot, window, "Anziani")
    assert shows(window, "Servizi per chi abita in tutti i Comuni della rete")
    find_button(window, "Assistenza domiciliare OSS – igiene e cura della persona")


def test_open_calls_for_the_comune(qtbot, window, snap) -> None:
    tap(qtbot, window, "Bandi e contributi")
    assert shows(window, "Aperti ora per chi abita a Piazzola sul Brenta")
    assert shows(window, "Buoni spesa – solidarietà alimentare")
    assert shows(window, "Voucher domiciliarità anziani over 75")  # open to every Comune
    assert shows(window, "Domande entro il ")
    assert shows(window, "•  Documento di identità")
    assert not shows(window, "Contributo centri estivi")  # closed, and another Comune's
    assert not shows(window, "Contributo affitto e utenze domestiche")  # Villafranca only
    snap(window, "calls")


def test_help_is_an_overlay_inside_the_window(qtbot, window, snap) -> None:
    tap(qtbot, window, "Chiedi aiuto a un welfare manager")
    overlay = window.overlay
    assert overlay.isVisible() and not overlay.isWindow()
    assert overlay.geometry() == window.centralWidget().rect()
    assert shows(window, "Se non c'è nessuno, chiama il 049 000 0000")
    snap(window, "help")
    tap(qtbot, overlay, "Ho capito")
    assert not overlay.isVisible()
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert windows == [window]  # nothing ever opened a second window


def test_language_switches_live_everywhere(qtbot, window) -> None:
    tap(qtbot, window, "Servizi")
    tap(qtbot, window, "Anziani")
    tap(qtbot, window, "Pasto caldo a domicilio (consegna inclusa)")
    assert shows(window, "€ 9,30 / pasto")
    tap(qtbot, window, "Italiano")  # away from home, the language in use opens the others
    tap(qtbot, window, "English")
    qtbot.waitUntil(lambda: shows(window, "Hot meal delivered at home"))
    assert shows(window, "€9.30 / meal")
    assert shows(window, "Everyone, whichever Comune they live in")
    find_button(window, "‹ Back")
    assert (
        window.language_buttons["en"].isChecked() and not window.language_buttons["it"].isVisible()
    )
    tap(qtbot, window, "‹ Back")
    assert shows(window, "Elderly care")
    tap(qtbot, window, "English")
    tap(qtbot, window, "Italiano")
    qtbot.waitUntil(lambda: shows(window, "Anziani"))
    find_button(window, "⌂ Inizio")
    assert shows(window, "Pasto caldo a domicilio (consegna inclusa)")


def drag_up(window, start: QPoint) -> None:  # type: ignore[no-untyped-def]
    """A finger drawn 375 px up from ``start`` (in the window's coordinates). Wait for
    the fling it starts to end (``settled``) before the test ends: Qt's gesture handling
    is shared, and a fling still running takes the next window's first press."""
    # Mouse events go to the window handle, where Qt's gesture manager sees them.
    handle = window.windowHandle()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 16):
        QTest.mouseMove(handle, start - QPoint(0, step * 25), 16)
    QTest.mouseRelease(
        handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start - QPoint(0, 375)
    )


def drag_until_scrolled(qtbot, window, start: QPoint, bar) -> None:  # type: ignore[no-untyped-def]
    """Drag up from ``start`` until ``bar`` has moved more than 100 px, at most 3 times.

    Qt's gesture manager is shared by every window of the test process: now and then it
    still holds the gesture of a window an earlier test closed ("could not find the
    target for gesture") and the first drag only clears it. A finger that tries again
    scrolls; a screen that never scrolls still fails after three drags."""
    for _attempt in range(3):
        drag_up(window, start)
        try:
            qtbot.waitUntil(lambda: bar.value() > 100, timeout=1500)
            return
        except qtbot.TimeoutError:
            continue
    raise AssertionError(f"three drags did not scroll (value {bar.value()} of {bar.maximum()})")


def settled(qtbot, area) -> None:  # type: ignore[no-untyped-def]
    scroller = QScroller.scroller(area.viewport())
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=5000)


def test_lists_scroll_with_a_finger(qtbot, window) -> None:
    tap(qtbot, window, "Servizi")
    tap(qtbot, window, "Tutti i Comuni")
    tap(qtbot, window, "Anziani")
    area = window.screens["category"].list
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    drag_until_scrolled(qtbot, window, area.viewport().mapTo(window, QPoint(600, 500)), bar)
    assert window.current_route == "category"  # a drag is not a tap
    settled(qtbot, area)


def test_a_screen_taller_than_the_panel_scrolls_with_a_finger(qtbot, window) -> None:
    """Whatever a screen holds, it never pushes the window past the panel: what does
    not fit scrolls, and a finger scrolls it."""
    tap(qtbot, window, "Bandi e contributi")
    screen = window.stack.currentWidget()
    screen.body.addWidget(QLabel("\n".join(f"Riga {n}" for n in range(80))))
    bar = screen.page.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert (window.width(), window.height()) == KIOSK_SIZE
    on_the_title = screen.page.viewport().mapTo(window, QPoint(900, 30))
    drag_until_scrolled(qtbot, window, on_the_title, bar)
    assert window.current_route == "calls"
    settled(qtbot, screen.page)


def test_unknown_service_shows_a_message_not_an_error(window) -> None:
    window.go("service", {"service_id": "does-not-exist"})
    assert shows(window, "Questo servizio non è più nel catalogo.")


def test_language_change_event_reaches_screens(qtbot, window) -> None:
    window.ctx.switcher.set_language("en")
    qtbot.waitUntil(lambda: shows(window, "How can we help you? Touch one of the buttons."))
    QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert shows(window, "Ask for help")


def test_home_is_drawn_before_the_store_opens_and_a_tap_waits_for_it(qtbot, qapp, backend) -> None:
    from kiosk.ui.application import build_window

    window = build_window(backend.config, qapp)
    qtbot.addWidget(window)
    window.show()
    assert shows(window, "Benvenuti al Social Point Piazzola")
    tap(qtbot, window, "Servizi")  # tapped in the first instant, before the catalog
    assert window.current_route == "home"
    window.attach(backend.catalog)
    assert window.current_route == "catalog"
    assert shows(window, "Comune di Piazzola sul Brenta")
    window.ctx.switcher.detach()


def test_a_long_category_is_shown_in_pages(qtbot, window, backend, snap) -> None:
    from store import mirror
    from tests.records import service_record

    with backend.store.write() as session:
        mirror.upsert(
            session,
            "services",
            [service_record(f"x{n:02d}", f"Zz servizio in più {n:02d}") for n in range(40)],
        )
    tap(qtbot, window, "Servizi")
    tap(qtbot, window, "Anziani")  # 9 services of the demo + 40 = 49
    screen = window.screens["category"]
    assert len(screen._cards) == 7  # what fits the screen comes at once, the rest just after
    qtbot.waitUntil(lambda: len(screen._cards) == 20)
    qtbot.waitUntil(lambda: shows(window, "Mostra altri servizi (ne restano 29)"))
    tap(qtbot, window, "Mostra altri servizi (ne restano 29)")
    qtbot.waitUntil(lambda: len(screen._cards) == 40)
    qtbot.wait(20)  # let the list lay out its new cards
    screen.list.verticalScrollBar().setValue(screen.list.verticalScrollBar().maximum())
    snap(window, "long-category-page-2-end")
    qtbot.waitUntil(lambda: shows(window, "Mostra altri servizi (ne restano 9)"))
    tap(qtbot, window, "Mostra altri servizi (ne restano 9)")
    qtbot.waitUntil(lambda: shows(window, "Zz servizio in più 39"))
    assert not shows(window, "Mostra altri")
    bar = screen.list.verticalScrollBar()
    bar.setValue(bar.maximum())
    window.refresh()  # nothing changed: the person keeps their place in the list
    assert bar.value() == bar.maximum() and len(screen._cards) == 49


def test_home_drags_with_a_finger_once_the_kiosk_is_ready(kiosk) -> None:  # type: ignore[no-untyped-def]
    """A small panel, or larger text in Arabic, make home taller than the screen: it
    scrolls with a finger like every other screen (its first frame does without)."""
    window, _backend = kiosk
    assert QScroller.hasScroller(window.screens["home"].page.viewport())


def test_did_you_mean_offers_a_word_of_the_language_shown(qtbot, window, backend) -> None:  # type: ignore[no-untyped-def]
    """The same lessons in three languages, "music" the catalog's more common word: in
    Italian the correction is "musica"; switched to English, the search is made again
    and the correction is "music"."""
    from store import mirror
    from tests.records import service_record

    def lessons(service_id: str, **titles: str) -> dict[str, object]:
        return service_record(service_id) | {"title": titles, "description": dict(titles)}

    with backend.store.write() as session:
        mirror.upsert(
            session,
            "services",
            [
                lessons("m1", it="Lezioni di musica", en="Music lessons", ro="Lecții de muzică"),
                lessons("m2", it="Canti per i più piccoli", en="Music for toddlers"),
                lessons("m3", it="Terapia con i suoni", en="Music therapy"),
            ],
        )
    tap(qtbot, window, "Servizi")
    qtbot.keyClicks(window.screens["catalog"].search, "musicq")
    qtbot.waitUntil(lambda: shows(window, "Forse cercavi «musica»? 3 servizi trovati."))
    window.ctx.switcher.set_language("en")
    qtbot.waitUntil(lambda: shows(window, "Did you mean “music”? 3 services found."))
