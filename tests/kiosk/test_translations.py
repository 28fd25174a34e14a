# SPDX-License-Identifier: EUPL-1.2
"""The catalogs: Italian complete, every language up to date with the code, placeholders
matching, translations not yet reviewed still shown, and the same text on both sides of
the Qt line (screens through QTranslator, forms and slips through ``languages.catalog``)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.boot.paths import ROOT
from kiosk.ui.i18n import I18N_DIR, compile_translation, lrelease_binary
from languages import CODES
from languages.catalog import translate

# Packages whose strings a citizen reads; their sources are the catalogs' input.
CATALOG_SOURCES = ("kiosk", "forms", "printing", "languages")
# Screens only welfare managers see: they may stay in English outside Italian.
MANAGER_CONTEXTS = {"ManagerDeskScreen", "ManagerLoginScreen", "WalletPinScreen"}

PLACEHOLDER = re.compile(r"\{\w+\}|%n")


def messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).iter("message"))


def test_italian_catalog_is_complete_with_matching_placeholders() -> None:
    found = messages(I18N_DIR / "kiosk_it.ts")
    assert found
    for message in found:
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), source
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        for form in forms:
            assert form, source
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), source


def test_catalogs_hold_every_string_of_the_code(tmp_path: Path) -> None:
    lupdate = lrelease_binary().with_name("lupdate")
    sources = [str(p) for pkg in CATALOG_SOURCES for p in sorted((ROOT / pkg).rglob("*.py"))]
    for lang in CODES:
        copy = tmp_path / f"kiosk_{lang}.ts"
        shutil.copy(I18N_DIR / f"kiosk_{lang}.ts", copy)
        result = subprocess.run(
            [str(lupdate), "-no-obsolete", *sources, "-ts", str(copy)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "0 new and" in result.stdout or "(0 new" in result.stdout, result.stdout
        before = {m.findtext("source") for m in messages(I18N_DIR / f"kiosk_{lang}.ts")}
        after = {m.findtext("source") for m in messages(copy)}
        assert after == before, f"kiosk_{lang}.ts is stale: run pyside6-lupdate"


def test_translations_compile_once_and_again_only_when_changed(tmp_path: Path) -> None:
    qm = compile_translation("it", tmp_path)
    assert qm is not None and qm.stat().st_size > 0
    stamp = qm.stat().st_mtime_ns
    assert compile_translation("it", tmp_path) == qm
    assert qm.stat().st_mtime_ns == stamp
    assert compile_translation("xx", tmp_path) is None


def test_switching_language_keeps_no_old_translators(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

    from kiosk.ui.i18n import LanguageSwitcher

    switcher = LanguageSwitcher(tmp_path)
    try:
        for lang in ("it", "en") * 20:
            switcher.set_language(lang)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Only the catalogs of the language in use remain: each switch used to keep its
        # removed translators (about 90 KB) alive as children of the switcher.
        alive = switcher.findChildren(QTranslator)
        assert 1 <= len(alive) <= 2
        assert len(alive) == len(switcher._translators)
    finally:
        switcher.detach()
        switcher.deleteLater()


def contexts(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(c.findtext("name", ""), m) for c in root.iter("context") for m in c.iter("message")]


@pytest.mark.parametrize("lang", [code for code in CODES if code not in ("it", "en")])
def test_citizen_strings_are_translated_with_matching_placeholders(lang: str) -> None:
    # A citizen's screen never shows a text in English because its translation was
    # forgotten (a Romanian reader met "Check the order ›" at checkout that way).
    translated = 0
    missing: list[tuple[str, str | None]] = []
    for context, message in contexts(I18N_DIR / f"kiosk_{lang}.ts"):
        source = message.findtext("source")
        translation = message.find("translation")
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        if context in MANAGER_CONTEXTS:
            continue
        if not any(forms):
            missing.append((context, source))
            continue
        translated += 1
        assert translation.get("type") in (None, "unfinished"), (lang, source)
        # A plural form may spell its number out (Arabic "one", "two"): only {fields}.
        wanted = sorted(p for p in PLACEHOLDER.findall(source) if p != "%n")
        for form in forms:
            assert form, (lang, context, source)
            assert sorted(p for p in PLACEHOLDER.findall(form) if p != "%n") == wanted, (
                lang,
                source,
            )
    assert translated > 250 and not missing, (lang, translated, missing)


def test_unreviewed_translations_are_shown_at_runtime(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The project's own translations are marked "unfinished" (Qt Linguist's "not yet
    # accepted" state) until a native speaker accepts them: lrelease must keep them.
    from PySide6.QtCore import QTranslator

    for lang in CODES:
        if lang in ("it", "en"):
            continue
        unfinished = [
            (context, m.findtext("source"), m.findtext("translation"))
            for context, m in contexts(I18N_DIR / f"kiosk_{lang}.ts")
            if m.find("translation").get("type") == "unfinished"
            and m.get("numerus") != "yes"
            and m.findtext("translation")
        ]
        assert unfinished, lang
        translator = QTranslator()
        assert translator.load(str(compile_translation(lang, tmp_path)))
        for context, source, text in unfinished:
            assert translator.translate(context, source) == text, (lang, source)
            # Forms, slips and the platform read the same catalog without Qt.
            assert translate(context, source, lang) == text, (lang, source)


# How many plural forms each language's catalog gives a "%n" message (Qt's rules).
PLURAL_FORMS = {"it": 2, "en": 2, "ro": 3, "ar": 6, "sq": 2, "uk": 3, "zh": 1}


@pytest.mark.parametrize("lang", CODES)
def test_every_plural_message_has_all_its_forms(lang: str) -> None:
    # An empty form is not a missing translation Qt falls back from for English: the
    # source showed as it is, "Did you mean “pasto”? 1 service(s) found."
    assert set(PLURAL_FORMS) == set(CODES)
    empty = []
    for context, message in contexts(I18N_DIR / f"kiosk_{lang}.ts"):
        if message.get("numerus") != "yes":
            continue
        forms = [f.text for f in message.find("translation").findall("numerusform")]
        if len(forms) != PLURAL_FORMS[lang] or not all(forms):
            empty.append((context, message.findtext("source"), forms))
    assert not empty, (lang, empty)


def test_english_counts_read_in_the_singular_and_the_plural(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(compile_translation("en", tmp_path)))
    source = "Did you mean “{words}”? %n service(s) found."
    # (QCoreApplication.translate writes the number in place of %n.)
    assert translator.translate("CatalogScreen", source, "", 1) == (
        "Did you mean “{words}”? %n service found."
    )
    assert translator.translate("CatalogScreen", source, "", 3) == (
        "Did you mean “{words}”? %n services found."
    )


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "Please try again (1 try left).", "Please try again (2 tries left)."),
        ("it", "Riprova (ti resta 1 tentativo).", "Riprova (tentativi rimasti: 2)."),
    ],
)
def test_a_wrong_wallet_pin_counts_the_tries_left_in_the_singular_and_the_plural(  # type: ignore[no-untyped-def]
    qtbot, window, lang: str, one: str, two: str
) -> None:
    # English said "Please try again (1 tries left)": the count was no plural form.
    window.ctx.switcher.set_language(lang)
    for route in ("wallet", "checkout"):  # both ask for the wallet's PIN
        window.go(route)
        screen = window.screens[route]
        for left, said in ((1, one), (2, two)):
            screen.show_wallet_refused("wrong", left)
            assert screen.identify.pin_error.text().endswith(said), (route, left)


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [("en", "1 character, hidden", "2 characters, hidden"), ("it", "1 carattere", "2 caratteri")],
)
def test_spoken_mode_counts_hidden_characters_in_the_singular_and_the_plural(  # type: ignore[no-untyped-def]
    qtbot, window, lang: str, one: str, two: str
) -> None:
    from PySide6.QtWidgets import QLineEdit

    window.ctx.switcher.set_language(lang)
    secret = QLineEdit()
    secret.setEchoMode(QLineEdit.EchoMode.Password)
    qtbot.addWidget(secret)
    for typed, said in (("7", one), ("73", two)):
        secret.setText(typed)
        assert said in window.spoken.describe(secret)


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [("en", "1 digit, hidden", "2 digits, hidden"), ("it", "1 cifra", "2 cifre")],
)
def test_a_pin_s_hidden_digits_are_counted_in_the_singular_and_the_plural(  # type: ignore[no-untyped-def]
    qtbot, window, lang: str, one: str, two: str
) -> None:
    window.ctx.switcher.set_language(lang)
    window.manager_mode.open_area()
    qtbot.waitUntil(lambda: window.current_route == "manager_login")
    screen = window.screens["manager_login"]
    for pin, said in (("7", one), ("73", two)):
        screen.pin = pin
        screen.retranslate()
        assert said in screen.pin_field.property("spokenValue")
        # Through the loudspeaker too, and no headset asked for: it would say no more.
        aloud = window.spoken.describe(screen.pin_field)
        assert said in aloud and "headset" not in aloud and "cuffie" not in aloud, aloud


@pytest.mark.parametrize(
    ("lang", "one", "two", "many"),
    [
        ("en", "is 1 minute ahead", "is 2 minutes behind", "minutes ahead"),
        ("it", "avanti di 1 minuto", "indietro di 2 minuti", "avanti di 1.440 minuti"),
    ],
)
def test_the_manager_s_counts_are_said_in_the_singular_and_the_plural(  # type: ignore[no-untyped-def]
    qtbot, window, lang: str, one: str, two: str, many: str
) -> None:
    window.ctx.switcher.set_language(lang)
    desk = window.navigation.screen_for("manager")
    assert one in desk.clock_off(50) and "minutes" not in desk.clock_off(50)
    assert two in desk.clock_off(-120)
    assert many in desk.clock_off(86_400)
    opens = desk.tr(
        "Locked at this kiosk after 5 wrong PINs: %n. The first opens again at {time}.", "", 1
    )
    assert ("first" not in opens) and ("primo" not in opens), opens
    stay = desk.tr(
        "Locked by the platform after 10 wrong PINs at the Comune's kiosks: %n. "
        "They stay locked until a new PIN is set.",
        "",
        2,
    )
    assert ": 2." in stay and ("They stay" in stay or "Restano" in stay), stay


def test_a_refresh_of_the_catalogs_keeps_every_plural_a_plural(tmp_path: Path) -> None:
    # lupdate reads a count only from ``self.tr(source, "", n)``: a count given to
    # QCoreApplication.translate made it turn the "%n" message back into one form
    # ("ti resta %n tentativo" for every count) at the next refresh.
    lupdate = lrelease_binary().with_name("lupdate")
    sources = [str(p) for pkg in CATALOG_SOURCES for p in sorted((ROOT / pkg).rglob("*.py"))]
    copy = tmp_path / "kiosk_it.ts"
    shutil.copy(I18N_DIR / "kiosk_it.ts", copy)
    subprocess.run([str(lupdate), "-no-obsolete", *sources, "-ts", str(copy)], check=True)

    def plurals(ts: Path) -> set[str]:
        return {m.findtext("source", "") for m in messages(ts) if m.get("numerus") == "yes"}

    assert plurals(copy) == plurals(I18N_DIR / "kiosk_it.ts")


@pytest.mark.parametrize("lang", CODES)
def test_forms_and_screens_pick_the_same_plural_form_for_every_count(
    qapp, tmp_path: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    # A form's message ("Type at least %n character(s).") is translated without Qt: its
    # plural rules must be Qt's, or a count reads one way on a screen, another on a form.
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(compile_translation(lang, tmp_path)))
    for context, source in (
        ("SyncBadge", "%n record(s) waiting to be sent"),
        ("Answers", "Type at least %n character(s)."),
    ):
        for n in range(250):
            by_qt = translator.translate(context, source, "", n).replace("%n", str(n))
            assert translate(context, source, lang, n) == by_qt, (lang, n)
