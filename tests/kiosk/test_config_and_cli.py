# SPDX-License-Identifier: EUPL-1.2
"""Configuration validation, the social-point command, and logs without personal data."""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path

import platformdirs
import pytest

from kiosk.boot.config import APP_NAME, SCHEMA, ConfigError, load_config, parse_config
from kiosk.boot.display import NO_SCREEN, missing_screen_problem
from kiosk.boot.logs import redact, setup_logging
from kiosk.boot.paths import ROOT
from tests.helpers import social_point

EXAMPLE = ROOT / "config" / "kiosk.example.toml"


def test_example_documents_every_key_with_its_default() -> None:
    example = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert set(example) == set(SCHEMA)
    for section, keys in SCHEMA.items():
        assert set(example[section]) == set(keys), section
        for name, key in keys.items():
            assert example[section][name] == key.default, f"{section}.{name}"
    text = EXAMPLE.read_text(encoding="utf-8")
    for section, keys in SCHEMA.items():
        for name in keys:
            line = next(i for i, row in enumerate(text.splitlines()) if row.startswith(f"{name} ="))
            assert text.splitlines()[line - 1].startswith("#"), f"{section}.{name} has no comment"


def test_every_default_passes_its_own_check() -> None:
    # A key left out of the file takes its default unchecked (the start skips the
    # checks, which would load the time zone database before the first frame).
    for section, keys in SCHEMA.items():
        for name, key in keys.items():
            assert key.check is None or key.check(key.default) is None, f"{section}.{name}"


def test_defaults_and_paths_from_platformdirs() -> None:
    config = parse_config("")
    assert config.language == "it" and config.fullscreen is True and config.demo is False
    data = Path(platformdirs.user_data_dir(APP_NAME))
    assert config.paths.data_dir == data
    assert config.paths.database == data / "kiosk.sqlite3"
    assert config.paths.log_dir == Path(platformdirs.user_log_dir(APP_NAME))


def test_relative_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    file = tmp_path / "conf" / "kiosk.toml"
    file.parent.mkdir()
    file.write_text('[paths]\ndata_dir = "../data"\n', encoding="utf-8")
    config = load_config(file)
    assert config.paths.data_dir == (tmp_path / "conf" / ".." / "data")
    assert config.paths.database == tmp_path / "conf" / ".." / "data" / "kiosk.sqlite3"


def test_the_ca_bundle_and_the_printer_device_are_relative_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the example says and as signing_key and logo are: they were taken from the
    # folder the kiosk was started in (a slip file written into a checkout).
    file = tmp_path / "conf" / "kiosk.toml"
    file.parent.mkdir()
    file.write_text(
        '[sync]\nca_bundle = "ca.pem"\n'
        '[printer]\nconnection = "file"\ndevice = "../slips/slips.bin"\n',
        encoding="utf-8",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_config(file)
    assert Path(config.sync.ca_bundle) == tmp_path / "conf" / "ca.pem"
    assert Path(config.printer.device) == tmp_path / "conf" / ".." / "slips" / "slips.bin"
    absolute = tmp_path / "ca.pem"
    file.write_text(f'[sync]\nca_bundle = "{absolute}"\n', encoding="utf-8")
    config = load_config(file)
    assert Path(config.sync.ca_bundle) == absolute and config.printer.device == ""
    assert parse_config("").sync.ca_bundle == ""  # none: the system's authorities


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # Windows' Notepad saves UTF-8 with a BOM: the file was refused as not valid TOML.
    file = tmp_path / "kiosk.toml"
    file.write_bytes('\ufeff[kiosk]\nid = "piazzola-01"\n'.encode())
    assert load_config(file).kiosk_id == "piazzola-01"
    assert parse_config('\ufeff[kiosk]\nid = "a"\n').kiosk_id == "a"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[kiosk]\nlanguge = "it"', "kiosk.languge: unknown key"),
        ('[kiosks]\nid = "a"', "[kiosks]: unknown section"),
        ('[kiosk]\nlanguage = "fr"', 'kiosk.language = "fr": must be one of: it, en'),
        ('[kiosk]\nfullscreen = "yes"', "kiosk.fullscreen: must be true or false"),
        # Values as the file writes them, not as Python does (True, '60').
        ("[logging]\nmax_bytes = true", "logging.max_bytes: must be a whole number, not true"),
        ('[sync]\ninterval_s = "60"', 'sync.interval_s: must be a whole number, not "60"'),
        ("[logging]\nbackup_count = 0", "logging.backup_count = 0: must be between 1 and 100"),
        ('[social_point]\ncomune = "Piazzola!"', 'social_point.comune = "Piazzola!"'),
        ('[social_point]\nphone = "call me"', "social_point.phone"),
        ("kiosk = 3", "kiosk: must be a [kiosk] table"),
        ("[kiosk\nid = 1", "not valid TOML"),
    ],
)
def test_a_bad_key_stops_with_a_message_naming_it(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(text)
    assert expected in str(error.value)


@pytest.mark.parametrize("control", ["\\u0000", "\\u001b", "\\n", "\\u007f", "\\u0085"])
def test_no_text_setting_takes_a_control_character(control: str) -> None:
    """Every text key (a folder takes any file name but a NUL): a NUL failed later, in
    open() or in the platform's HTTPS setup (`doctor` stopped on "embedded null byte"),
    and a name reaches the screen and the printer, where ESC starts a command."""
    for section, keys in SCHEMA.items():
        for name, key in keys.items():
            if key.kind is not str or section == "paths":  # a folder: any file name
                continue
            with pytest.raises(ConfigError) as error:
                parse_config(f'[{section}]\n{name} = "a{control}b"')
            assert f"{section}.{name}" in str(error.value)
            assert "control characters (U+" in str(error.value)
    if control == "\\u0000":  # a folder's NUL, on one line of its own
        for name in SCHEMA["paths"]:
            with pytest.raises(ConfigError, match=f"paths.{name}: .*NUL character"):
                parse_config(f'[paths]\n{name} = "a{control}b"')


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as error:
        parse_config('[kiosk]\nlanguage = "de"\nid = 5\n[demo]\nenabled = 1\nextra = 2')
    message = str(error.value)
    assert "4 problem(s)" in message
    for key in ("kiosk.language", "kiosk.id", "demo.enabled", "demo.extra"):
        assert key in message


def test_an_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the configuration file"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes('[social_point]\nname = "Città"'.encode("latin-1"))
    with pytest.raises(ConfigError, match="must be UTF-8"):
        load_config(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Beyond tomllib's own recursion: it raised RecursionError, not a TOML error.
        ("[kiosk]\nid = " + "[" * 600 + "]" * 600, "not valid TOML: arrays or tables nested"),
        # Read by tomllib, but shown in the message by a recursion that went as deep.
        ("[kiosk]\nid = " + "[" * 400 + "]" * 400, "kiosk.id: must be a string, not [[[[[...]]]]]"),
        # zoneinfo looks such a name up as that many nested packages of tzdata.
        ('[vouchers]\ntime_zone = "' + "A/" * 400 + 'A"', "must be a time zone name"),
    ],
)
def test_a_value_nested_hundreds_deep_is_a_bad_key_not_a_recursion_error(
    text: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(text)
    assert expected in str(error.value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            '[social_point]\ncomune = "' + "x" * 100_000 + '"',
            '"' + "x" * 60 + '…" (100000 characters)',
        ),
        ("[printer]\n" + "k" * 100_000 + " = 1", "printer." + "k" * 60 + "…: unknown key"),
        ("[" + "s" * 100_000 + "]", "[" + "s" * 60 + "…]: unknown section"),
        ("[printer]\npaper = [" + "1, " * 50_000 + "1]", "1, 1, … 49993 more]"),
        ("[printer]\n" + "".join(f"k{n} = 1\n" for n in range(1000)), "… and 980 more"),
    ],
    ids=["text", "key", "section", "array", "keys"],
)
def test_a_long_value_is_quoted_cut_short(text: str, shown: str) -> None:
    """A message quoted a value of 100,000 characters whole, on the console and in the
    journal; and listed a thousand unknown keys one per line."""
    with pytest.raises(ConfigError) as error:
        parse_config(text)
    assert shown in str(error.value)
    assert len(str(error.value)) < 6000


def test_a_platform_address_cut_short_still_hides_its_password() -> None:
    secret = "p" * 200
    with pytest.raises(ConfigError) as error:
        parse_config(f'[sync]\nplatform_url = "https://kiosk:{secret}@platform.example/?x=1"')
    assert "***@" in str(error.value) and "ppp" not in str(error.value)


# The command ----------------------------------------------------------------------------


def test_run_with_a_bad_config_says_why_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[kiosk]\nlanguage = "klingon"\n', encoding="utf-8")
    result = social_point("run", "--config", str(config), "--platform", "offscreen")
    assert result.returncode == 2
    assert 'kiosk.language = "klingon": must be one of: it, en' in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_a_config_nested_too_deep_says_why_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[kiosk]\nid = " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    result = social_point("run", "--config", str(config), "--platform", "offscreen")
    assert result.returncode == 2
    assert "not valid TOML: arrays or tables nested too deeply" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_without_a_screen_explains_how_to_run(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = social_point("run", "--config", str(ROOT / "config" / "demo.toml"), env=env)
    assert result.returncode == 2
    assert "no screen" in result.stderr
    assert "xvfb-run" in result.stderr and "--platform offscreen" in result.stderr
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr


@pytest.mark.parametrize(
    ("option", "platform"),
    [(["--platform", "xcb"], None), (["--platform", "wayland"], None), ([], "xcb")],
    ids=["--platform-xcb", "--platform-wayland", "QT_QPA_PLATFORM=xcb"],
)
def test_a_desktop_platform_chosen_without_its_screen_explains_how_to_run(
    option: list[str], platform: str | None
) -> None:
    """Chosen by name, X11 or Wayland still need their session: Qt otherwise aborts."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    if platform:
        env["QT_QPA_PLATFORM"] = platform
    result = social_point("run", "--config", str(ROOT / "config" / "demo.toml"), *option, env=env)
    assert result.returncode == 2, result.stderr
    assert "is not set" in result.stderr and "--platform offscreen" in result.stderr
    assert "Traceback" not in result.stderr and "could not be initialized" not in result.stderr


def test_other_platforms_need_no_desktop_session() -> None:
    bare: dict[str, str] = {}
    for chosen in ("offscreen", "vnc:size=1920x1080", "eglfs", "xcb:display=:1"):
        problem = missing_screen_problem(chosen, bare)
        assert problem is None or "X11 screen cannot be used" in problem, chosen
    assert missing_screen_problem(None, {"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert missing_screen_problem("wayland", {"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert missing_screen_problem(None, bare) == NO_SCREEN


@pytest.mark.parametrize(
    "personal",
    [
        "(049) 555 1234",
        "+39 (0)49 5551234",
        "347  123  4567",
        "0039 347 123 4567",
        "RSS-MRA-80A01-H501U",
        "rss.mra.80a01.h501u",
    ],
)
def test_phone_numbers_and_codici_fiscali_written_any_way_are_masked(personal: str) -> None:
    for text in (personal, f"call {personal} today", f"2026-12-05 {personal}"):
        cleaned = redact(text)
        assert not any(c.isdigit() for c in cleaned.removeprefix("2026-12-05")), cleaned
        assert "[redacted]" in cleaned


def test_dates_times_and_counts_stay_in_the_log() -> None:
    for text in (
        "2026-12-05 16:30:00 pulled 10020 records",
        "at 05/12/2026 10:00",
        "page 3 of 12, 500 items",
        "took 1.25 s",
    ):
        assert redact(text) == text


def test_an_unknown_comune_stops_the_start(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[social_point]\ncomune = "atlantide"\n[paths]\ndata_dir = "{tmp_path}"\n'
        f'log_dir = "{tmp_path}"\ncache_dir = "{tmp_path}"\n[demo]\nenabled = true\n',
        encoding="utf-8",
    )
    result = social_point("run", "--config", str(config), "--platform", "offscreen")
    assert result.returncode == 2
    assert 'social_point.comune = "atlantide": not a Comune of the catalog' in result.stderr


def test_demo_run_starts_to_the_home_screen_and_logs(tmp_path: Path) -> None:
    config = tmp_path / "demo.toml"
    text = (ROOT / "config" / "demo.toml").read_text(encoding="utf-8")
    text = text.replace('"../.demo-data', f'"{tmp_path}/demo-data')
    config.write_text(text, encoding="utf-8")
    result = social_point(
        "run", "--config", str(config), "--platform", "offscreen", "--exit-when-ready"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["home screen shown", "catalog ready"]
    log = (tmp_path / "demo-data" / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert "demo catalog loaded" in log and "home screen shown" in log
    assert (tmp_path / "demo-data" / "kiosk.sqlite3").exists()


# Logs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "secret",
    [
        "BNCGLI87H54G587H",  # codice fiscale
        "BNCGLI87H54G5L7H",  # with an omocodia letter
        "IT60X0542811101000000123456",  # IBAN
        "IT60 X054 2811 1010 0000 0123 456",  # as printed on a bank card, in groups of four
        "it60x0542811101000000123456",  # as typed
        "DE89 3704 0044 0532 0130 00",  # a resident's home bank
        "bnCgLi87h54g587h",  # codice fiscale as typed
        "giulia.bianchi@example.org",
        "+39 049 123 4567",
        "BNC GLI 87H54 G587H",  # typed in groups
        "333-1234567",  # phones written with dashes, dots or slashes
        "333.123.4567",
        "049/1234567",
        "IT60-X054-2811-1010-0000-0123-456",  # IBAN with dashes
        "giulia.bianchi%40example.org",  # an e-mail in an address
    ],
)
def test_personal_data_never_reaches_the_log_file(tmp_path: Path, secret: str) -> None:
    path = setup_logging(tmp_path, level="INFO", max_bytes=100_000, backup_count=2)
    logging.getLogger("test").warning("submission failed for %s today", secret)
    logging.getLogger("test").error(f"inline {secret}")
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = path.read_text(encoding="utf-8")
    assert secret not in written
    # Masked whole: no group of it is left beside the mask.
    assert "submission failed for [redacted] today" in written
    assert "inline [redacted]" in written
    assert written.count("[redacted]") == 2
    assert redact("kiosk-01 synced 36 services") == "kiosk-01 synced 36 services"
    for ordinary in ("pull of 10020 records in 485 ms", "version 0.1.0", "2026-12-05 16:10:32"):
        assert redact(ordinary) == ordinary


def test_a_codice_fiscale_glued_to_a_name_is_masked() -> None:
    """ "\\b" does not break at "_": in a key or a file name it went through whole."""
    for text in ("cf_BNCGLI87H54G587H", "receipt_BNCGLI87H54G587H_1.pdf"):
        assert "BNCGLI87H54G587H" not in redact(text), text
    assert redact("receipt_BNCGLI87H54G587H_1.pdf") == "receipt_[redacted]_1.pdf"


def test_a_logged_exception_is_masked_in_the_file_too(tmp_path: Path) -> None:
    """The filter masked the message only: a traceback is formatted after it, and an
    exception's text (a look-up that failed for a codice fiscale) reached the file."""
    path = setup_logging(tmp_path, level="INFO", max_bytes=100_000, backup_count=2)
    try:
        raise ValueError("no wallet for BNCGLI87H54G587H")
    except ValueError:
        logging.getLogger("test").exception("look-up failed")
    logging.getLogger("test").warning("stack", stack_info=True, extra={"cf": "x"})
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = path.read_text(encoding="utf-8")
    assert "look-up failed" in written and "ValueError: no wallet for [redacted]" in written
    assert "BNCGLI87H54G587H" not in written


def test_a_log_that_cannot_be_written_is_told_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A full disk: logging's own handling printed a traceback for every record, on
    the operator's terminal. The disk's answer is the one thing imitated here."""
    import errno
    import io
    import logging

    from kiosk.boot.logs import setup_logging

    setup_logging(tmp_path, level="INFO", max_bytes=1_000_000, backup_count=1)
    [handler] = [h for h in logging.getLogger().handlers if getattr(h, "_social_point", False)]

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    working = handler.stream  # type: ignore[attr-defined]
    try:
        handler.stream = FullDisk()  # type: ignore[attr-defined]
        for number in range(3):
            logging.getLogger("kiosk.test").warning("record %d", number)
        first = capsys.readouterr().err
        handler.stream = working  # type: ignore[attr-defined]
        logging.getLogger("kiosk.test").warning("written again")
        handler.stream = FullDisk()  # type: ignore[attr-defined]
        logging.getLogger("kiosk.test").warning("full again")
        second = capsys.readouterr().err
    finally:
        handler.stream = working  # type: ignore[attr-defined]
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert "Traceback" not in first + second
    assert first.count("cannot be written: No space left on device") == 1
    assert second.count("cannot be written") == 1  # told again once it had worked
