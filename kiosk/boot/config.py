# SPDX-License-Identifier: EUPL-1.2
"""Kiosk configuration: one TOML file, validated whole before anything uses it.

Every key is declared once in ``SCHEMA`` with its type, default and check; the
example file ``config/kiosk.example.toml`` documents the same keys and a test keeps
the two in step. A wrong key, type or value stops the start with one message that
names each offending key, and nothing is applied until the whole file is valid.

The values are immutable NamedTuples rather than dataclasses: this module is on the
path to the first frame, and importing ``dataclasses`` (with ``inspect``) and building
the classes cost about 10 ms of every start. For the same reason the annotations are
evaluated (no ``from __future__ import annotations``): NamedTuple compiles every string
annotation into a ForwardRef, another 5 ms.
"""

import errno
import os
import re
import stat
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from languages import CODES as LANGUAGES

APP_NAME = "social-point-kiosk"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(Exception):
    """The configuration cannot be used; the message names every bad key."""


Check = Callable[[Any], str | None]  # returns a problem description, or None when fine


def _one_of(*choices: str | int) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of: {', '.join(map(str, choices))}"

    return check


def _between(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        return None if low <= value <= high else f"must be between {low} and {high}"

    return check


def _time_zone(value: Any) -> str | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    # RecursionError: a name of some hundred "/"-separated parts, which zoneinfo's
    # fallback to the tzdata package imports as as many nested packages.
    except (ZoneInfoNotFoundError, ValueError, RecursionError):
        return "must be a time zone name, like Europe/Rome"
    return None


def _matches(pattern: str, meaning: str) -> Check:
    compiled = re.compile(pattern)

    def check(value: Any) -> str | None:
        return None if compiled.fullmatch(value) else f"must be {meaning}"

    return check


def _max_length(limit: int) -> Check:
    def check(value: Any) -> str | None:
        return None if len(value) <= limit else f"must be at most {limit} characters"

    return check


class Key(NamedTuple):
    kind: type
    default: Any
    check: Check | None = None


def _platform_url(value: Any) -> str | None:
    if value in ("", "embedded"):
        return None
    # Plain http only on this machine: anything that leaves it must be TLS.
    if not (
        value.startswith("https://")
        or re.fullmatch(r"http://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]{1,5})?/?", value)
    ):
        return 'must be "", "embedded", an https:// address, or http:// on 127.0.0.1'
    return _address_problem(value)


def _address_problem(value: str) -> str | None:
    """What makes an http(s) address unusable, or None. Never the address itself: a
    password in it must not reach a message."""
    from urllib.parse import urlsplit  # only when there is an address to check

    if any(c.isspace() or not c.isprintable() for c in value):
        return "must not hold spaces or control characters"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return "must be an address with a host and a port from 1 to 65535"
    if "@" in parts.netloc:
        return "must not hold a user name or password (the kiosk signs in with its token)"
    if not parts.hostname:
        return "must name the platform's host, as https://platform.example.org"
    if port is not None and not 1 <= port <= 65535:
        return "must have a port from 1 to 65535"
    if "?" in value or "#" in value:
        return "must not have a query (?...) or a fragment (#...)"
    return None


def _shown(section: str, name: str, value: Any) -> str:
    """A value as a message shows it: an address's user name and password hidden."""
    if (section, name) == ("sync", "platform_url") and isinstance(value, str):
        value = re.sub(r"(?<=//)[^/?#]*@", "***@", value)  # before the value is cut short
    return _as_toml(value)


_ID = _matches(r"[a-z0-9][a-z0-9_-]{0,63}", "lower-case letters, digits, '-' or '_'")

SCHEMA: dict[str, dict[str, Key]] = {
    "social_point": {
        "name": Key(str, "Social Point", _max_length(60)),
        "comune": Key(str, "piazzola", _ID),
        "comune_name": Key(str, "", _max_length(80)),
        "address": Key(str, "", _max_length(120)),
        "phone": Key(str, "", _matches(r"[0-9+ ]{0,20}", "digits, spaces and '+' only")),
        "opening_hours": Key(str, "", _max_length(120)),
    },
    "kiosk": {
        "id": Key(str, "kiosk-01", _ID),
        "language": Key(str, "it", _one_of(*LANGUAGES)),
        "fullscreen": Key(bool, True),
    },
    "paths": {
        "data_dir": Key(str, ""),
        "log_dir": Key(str, ""),
        "cache_dir": Key(str, ""),
        "database": Key(str, ""),
    },
    "session": {
        "idle_timeout_s": Key(int, 90, _between(20, 3600)),
        "countdown_s": Key(int, 20, _between(5, 120)),
    },
    "applications": {
        "receipt_wait_s": Key(int, 8, _between(0, 60)),
    },
    "purchases": {
        "credit_limit_cents": Key(int, 5000, _between(0, 1_000_000)),
        "voucher_valid_days": Key(int, 90, _between(1, 730)),
    },
    "retention": {
        "reprint_days": Key(int, 7, _between(0, 90)),
        "unsent_alert_days": Key(int, 7, _between(1, 90)),
        "keep_sent_days": Key(int, 3, _between(0, 30)),
    },
    "manager": {
        "idle_timeout_s": Key(int, 180, _between(30, 3600)),
        "pin_attempts": Key(int, 5, _between(3, 10)),
        "lockout_s": Key(int, 300, _between(30, 86_400)),
        "desk_bell_command": Key(str, "", _max_length(300)),
    },
    "logging": {
        "level": Key(str, "INFO", _one_of(*LOG_LEVELS)),
        "max_bytes": Key(int, 1_048_576, _between(10_000, 100_000_000)),
        "backup_count": Key(int, 5, _between(1, 100)),
    },
    "demo": {
        "enabled": Key(bool, False),
    },
    "printer": {
        "connection": Key(str, "none", _one_of("none", "network", "usb", "serial", "file")),
        "host": Key(str, "", _matches(r"[A-Za-z0-9.:-]{0,253}", "a host name or IP address")),
        "port": Key(int, 9100, _between(1, 65535)),
        "device": Key(str, ""),
        "usb_vendor_id": Key(str, "", _matches(r"(0x[0-9a-fA-F]{4})?", "like 0x04b8")),
        "usb_product_id": Key(str, "", _matches(r"(0x[0-9a-fA-F]{4})?", "like 0x0202")),
        "usb_timeout_ms": Key(int, 5000, _between(100, 60_000)),
        "baudrate": Key(int, 19200, _one_of(9600, 19200, 38400, 57600, 115200)),
        "paper": Key(str, "80mm", _one_of("58mm", "80mm", "58mm-image-qr")),
        "timeout_s": Key(int, 5, _between(1, 60)),
        "status_timeout_ms": Key(int, 1000, _between(100, 10_000)),
        "answers_status": Key(bool, True),
        "model": Key(str, "", _matches(r"[A-Za-z0-9 ()._+-]{0,40}", "a printer model name")),
        "code_page": Key(str, "", _matches(r"[A-Za-z0-9_-]{0,20}", "a code page name")),
        "code_page_table": Key(int, -1, _between(-1, 255)),
        "logo": Key(str, ""),
        "expire_after_min": Key(int, 10, _between(1, 1440)),
    },
    "vouchers": {
        "signing_key": Key(str, ""),
        "trusted_keys_file": Key(str, ""),
        "time_zone": Key(str, "Europe/Rome", _time_zone),
    },
    "speech": {
        "engine": Key(str, "espeak-ng", _one_of("espeak-ng", "none")),
        "output": Key(str, "speaker", _one_of("speaker", "headset")),
        "device": Key(str, "", _matches(r"[A-Za-z0-9:,=_.-]{0,80}", "an ALSA device name")),
        "volume": Key(int, 60, _between(10, 100)),
        "rate_wpm": Key(int, 150, _between(80, 400)),
        "headset_jack": Key(
            str,
            "",
            _matches(r"(auto|/dev/input/[A-Za-z0-9_.:-]{1,80})?", '"auto" or a /dev/input/ node'),
        ),
    },
    "switches": {
        "scanning": Key(str, "off", _one_of("off", "one", "two")),
        "interval_ms": Key(int, 1500, _between(500, 10_000)),
    },
    "sync": {
        "platform_url": Key(str, "", _platform_url),
        "enrollment_code": Key(str, "", _max_length(64)),
        "ca_bundle": Key(str, ""),
        "connect_timeout_s": Key(int, 5, _between(1, 60)),
        "read_timeout_s": Key(int, 20, _between(1, 300)),
        "interval_s": Key(int, 60, _between(5, 86_400)),
        "backoff_cap_s": Key(int, 300, _between(5, 86_400)),
        "page_size": Key(int, 500, _between(10, 1000)),
        "push_batch": Key(int, 100, _between(1, 500)),
        "token_max_age_days": Key(int, 30, _between(1, 365)),
        "heartbeat_interval_s": Key(int, 300, _between(60, 3600)),
    },
}


class SocialPoint(NamedTuple):
    name: str
    comune: str
    comune_name: str  # printed on slips before the first sync ("" = from the demo data)
    address: str
    phone: str
    opening_hours: str


class Paths(NamedTuple):
    data_dir: Path
    log_dir: Path
    cache_dir: Path
    database: Path


class PrinterSettings(NamedTuple):
    connection: str  # "none" (preview only), "network", "usb", "serial" or "file"
    host: str
    port: int
    device: str
    usb_vendor_id: str
    usb_product_id: str
    usb_timeout_ms: int
    baudrate: int
    paper: str
    timeout_s: int
    status_timeout_ms: int
    answers_status: bool  # False: a printer that never answers status queries
    model: str  # python-escpos capability profile; "" = the paper's usual model
    code_page: str  # "" = the model's first of CP1252, CP858, CP850, CP437
    code_page_table: int  # ESC t number; -1 = the model profile's number for code_page
    logo: str  # image printed at the top of every slip; relative to the config file
    expire_after_min: int


class VoucherSettings(NamedTuple):
    signing_key: Path  # this kiosk's Ed25519 key (PEM, mode 0600), made on first use
    trusted_keys_file: Path | None  # public keys accepted besides the platform's list
    time_zone: str  # the calendar of validity days, as on the platform
    published_keys: Path  # the platform's published keys, saved at each sync


class SyncSettings(NamedTuple):
    platform_url: str  # "" no sync, "embedded" the reference platform in-process (demo)
    enrollment_code: str
    ca_bundle: str
    connect_timeout_s: int
    read_timeout_s: int
    interval_s: int
    backoff_cap_s: int
    page_size: int
    push_batch: int
    token_max_age_days: int  # the device token is swapped for a new one when older
    heartbeat_interval_s: int


class PurchaseSettings(NamedTuple):
    credit_limit_cents: int
    voucher_valid_days: int


class RetentionSettings(NamedTuple):
    reprint_days: int
    unsent_alert_days: int
    keep_sent_days: int = 3


class SpeechSettings(NamedTuple):
    """Spoken mode (README, "Accessibility"): ``output`` says whether the sound goes to a
    headset only (personal data may then be spoken) or to the kiosk's loudspeaker."""

    engine: str = "espeak-ng"
    output: str = "speaker"
    device: str = ""
    volume: int = 60
    rate_wpm: int = 150
    headset_jack: str = ""  # "auto", a /dev/input/eventN node, or "" (none watched)


class SwitchSettings(NamedTuple):
    """Switch access (README, "Accessibility"): ``scanning`` "one" (the kiosk moves the
    highlight every ``interval_ms``, the switch chooses), "two" (one switch moves, the
    other chooses) or "off"."""

    scanning: str = "off"
    interval_ms: int = 1500


class ManagerSettings(NamedTuple):
    idle_timeout_s: int
    pin_attempts: int
    lockout_s: int
    desk_bell_command: str = ""  # run when a citizen asks for help ("" = no bell)


class Config(NamedTuple):
    social_point: SocialPoint
    kiosk_id: str
    language: str
    fullscreen: bool
    idle_timeout_s: int
    countdown_s: int
    receipt_wait_s: int
    purchases: PurchaseSettings
    retention: RetentionSettings
    manager: ManagerSettings
    paths: Paths
    log_level: str
    log_max_bytes: int
    log_backup_count: int
    demo: bool
    printer: PrinterSettings
    vouchers: VoucherSettings
    sync: SyncSettings
    source: Path | None = None
    speech: SpeechSettings = SpeechSettings()
    switches: SwitchSettings = SwitchSettings()

    @property
    def device_file(self) -> Path:
        return self.paths.data_dir / "device.json"


_TYPE_NAMES = {str: "a string", bool: "true or false", int: "a whole number"}


def _type_ok(kind: type, value: Any) -> bool:
    # bool is a subclass of int in Python: keep `max_bytes = true` an error.
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _validate(raw: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    values: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for section, content in raw.items():
        if section not in SCHEMA:
            problems.append(f"[{_key(section)}]: unknown section (known: {', '.join(SCHEMA)})")
        elif not isinstance(content, dict):
            problems.append(f"{section}: must be a [{section}] table")
    for section, keys in SCHEMA.items():
        given = raw.get(section, {})
        if not isinstance(given, dict):
            given = {}
        values[section] = {}
        for name in given:
            if name not in keys:
                problems.append(
                    f"{section}.{_key(name)}: unknown key (known in [{section}]: {', '.join(keys)})"
                )
        for name, key in keys.items():
            if name not in given:  # the schema's own defaults pass their checks (tested)
                values[section][name] = key.default
                continue
            value = given[name]
            if not _type_ok(key.kind, value):
                problems.append(
                    f"{section}.{name}: must be {_TYPE_NAMES[key.kind]}, not {_as_toml(value)}"
                )
                continue
            # (A [paths] folder's NUL is told on its own line by _resolve_paths.)
            text = isinstance(value, str) and section != "paths"
            problem = (_control_character(value) if text else None) or (
                key.check(value) if key.check else None
            )
            if problem:
                problems.append(f"{section}.{name} = {_shown(section, name, value)}: {problem}")
            values[section][name] = value
    return values, problems


def _control_character(text: str) -> str | None:
    """A value's first control character (NUL, a line break, ESC...), named. A setting is
    one line; a NUL fails every later open() of a path, and text such as the Social
    Point's name reaches the screen and the thermal printer, where ESC starts a command."""
    for char in text:
        if unicodedata.category(char) == "Cc":
            nul = "a NUL character or other " if char == "\x00" else ""
            return f"must not hold {nul}control characters (U+{ord(char):04X})"
    return None


def _platform_dir(kind: str) -> str:
    import platformdirs  # only when a folder is not configured: keeps start-up short

    return str(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME))


def _resolve_paths(values: dict[str, Any], base: Path) -> Paths:
    def chosen(key: str, default: Callable[[], str]) -> Path:
        text = values[key]
        if "\x00" in text:
            raise ConfigError(f"paths.{key}: a path cannot hold a NUL character")
        try:
            path = Path(text).expanduser() if text else Path(default())
        except RuntimeError:  # "~someone" for no user of this machine
            raise ConfigError(
                f"paths.{key} = {_as_toml(text[:80])}: no such user's home folder"
            ) from None
        return path if path.is_absolute() else (base / path)

    data_dir = chosen("data_dir", lambda: _platform_dir("data"))
    return Paths(
        data_dir=data_dir,
        log_dir=chosen("log_dir", lambda: _platform_dir("log")),
        cache_dir=chosen("cache_dir", lambda: _platform_dir("cache")),
        database=chosen("database", lambda: str(data_dir / "kiosk.sqlite3")),
    )


def parse_config(text: str, *, source: Path | None = None) -> Config:
    """Parses and validates TOML text; raises ConfigError naming every bad key."""
    where = str(source) if source else "configuration"
    try:
        # A BOM, as Windows' Notepad saves UTF-8, is no TOML: the file was refused whole.
        raw = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML: {error}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{where}: not valid TOML: arrays or tables nested too deeply") from None
    values, problems = _validate(raw)
    printer = values.get("printer", {})
    if printer.get("connection") == "network" and not printer.get("host"):
        problems.append('printer.host: needed when printer.connection = "network"')
    if printer.get("connection") in ("file", "serial") and not printer.get("device"):
        problems.append('printer.device: needed when printer.connection = "file" or "serial"')
    if printer.get("connection") == "usb" and not (
        printer.get("usb_vendor_id") and printer.get("usb_product_id")
    ):
        problems.append('printer.usb_vendor_id and usb_product_id: needed for "usb"')
    if problems:
        shown = problems[:SHOWN_PROBLEMS] + (
            [f"… and {len(problems) - SHOWN_PROBLEMS} more"]
            if len(problems) > SHOWN_PROBLEMS
            else []
        )
        raise ConfigError(f"{where} has {len(problems)} problem(s):\n  " + "\n  ".join(shown))
    # Relative paths in a file are relative to that file, so a checkout works from anywhere.
    base = source.parent.resolve() if source else Path.cwd()
    sp = values["social_point"]
    printer, sync = values["printer"], values["sync"]
    paths = _resolve_paths(values["paths"], base)
    return Config(
        social_point=SocialPoint(**sp),
        kiosk_id=values["kiosk"]["id"],
        language=values["kiosk"]["language"],
        fullscreen=values["kiosk"]["fullscreen"],
        idle_timeout_s=values["session"]["idle_timeout_s"],
        countdown_s=values["session"]["countdown_s"],
        receipt_wait_s=values["applications"]["receipt_wait_s"],
        purchases=PurchaseSettings(**values["purchases"]),
        retention=RetentionSettings(**values["retention"]),
        manager=ManagerSettings(**values["manager"]),
        paths=paths,
        log_level=values["logging"]["level"],
        log_max_bytes=values["logging"]["max_bytes"],
        log_backup_count=values["logging"]["backup_count"],
        demo=values["demo"]["enabled"],
        printer=PrinterSettings(**{**printer, "device": _beside(printer["device"], base)}),
        vouchers=_voucher_settings(values["vouchers"], base, paths.data_dir),
        sync=SyncSettings(**{**sync, "ca_bundle": _beside(sync["ca_bundle"], base)}),
        source=source,
        speech=SpeechSettings(**values["speech"]),
        switches=SwitchSettings(**values["switches"]),
    )


def _beside(text: str, base: Path) -> str:
    """A file named by a setting, a relative one taken from the configuration file's
    folder (as the example configuration says) rather than from wherever the kiosk was
    started; "" stays "" (none)."""
    if not text:
        return text
    try:
        path = Path(text).expanduser()
    except RuntimeError:  # "~someone" for no user of this machine: named as it was
        path = Path(text)
    return str(path if path.is_absolute() else base / path)


def _voucher_settings(values: dict[str, Any], base: Path, data_dir: Path) -> VoucherSettings:
    key = values["signing_key"]
    trusted = values["trusted_keys_file"]
    return VoucherSettings(
        signing_key=base / key if key else data_dir / "voucher-signing-key.pem",
        trusted_keys_file=base / trusted if trusted else None,
        time_zone=values["time_zone"],
        published_keys=data_dir / "voucher-keys.json",
    )


def default_config_path() -> Path:
    return Path(_platform_dir("config")) / "kiosk.toml"


def load_config(path: Path | None) -> Config:
    """Loads ``path``, or the per-user file when it exists, or the built-in defaults."""
    if path is None:
        candidate = default_config_path()
        if not candidate.exists():
            return parse_config("")
        path = candidate
    try:
        data = _read_config_file(path)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the configuration file: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")  # a BOM before the text is dropped
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the configuration file must be UTF-8 text") from None
    return parse_config(text, source=path)


MAX_CONFIG_BYTES = 1_048_576  # the documented file is about 12 KB


def _read_config_file(path: Path) -> bytes:
    """The file's bytes, or ConfigError if it is not a plain file of a sensible size:
    reading a FIFO waited for ever for a writer, and /dev/zero filled the memory, and
    so every command hung before it could say what was wrong. Opened without waiting,
    then checked, so the check is of the very file read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError(
                f"{path}: the configuration file must be a plain file"
                " (not a folder, a FIFO or a device)"
            )
        data = file.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: the configuration file is larger than 1 MiB")
    return data


def prepare_folders(config: Config) -> None:
    """Makes the data, log and cache folders, or raises ConfigError naming the key whose
    folder the kiosk cannot write in (a file in its place, a read-only disk), before
    anything fails on it with a traceback."""
    paths = config.paths
    for key, folder in (
        ("data_dir", paths.data_dir),
        ("log_dir", paths.log_dir),
        ("cache_dir", paths.cache_dir),
    ):
        try:
            # The data and the log hold citizens' records: a folder the kiosk makes is
            # its owner's alone (the systemd unit's StateDirectory is made so too).
            folder.mkdir(mode=0o700 if key != "cache_dir" else 0o777, parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise ConfigError(f"paths.{key}: cannot make the folder {folder}: {reason}") from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ConfigError(f"paths.{key}: the kiosk may not write in {folder}")
    check_kept_files(config, make=True)
    # Read at the first sync, in the sync process: unreadable, every pass failed with a
    # TLS error that did not name the key.
    bundle = config.sync.ca_bundle
    if bundle and config.sync.platform_url not in ("", "embedded"):
        if not os.path.isfile(bundle):
            raise ConfigError(f"sync.ca_bundle: {bundle} is not a file")
        if not os.access(bundle, os.R_OK):
            raise ConfigError(f"sync.ca_bundle: the kiosk may not read {bundle}")


def check_kept_files(config: Config, *, make: bool) -> None:
    """ConfigError naming the database or signing key path that cannot work: opened
    later (the store after the first screen, the key at the first voucher), such a path
    kept the kiosk out of service, retrying, or failed a sale."""
    _check_file("paths.database", config.paths.database, writable=True, make=make)
    _check_file("vouchers.signing_key", config.vouchers.signing_key, writable=False, make=make)


def _nearest_existing(path: Path) -> Path:
    while not os.path.lexists(path) and path != path.parent:
        path = path.parent
    return path


def _check_file(key: str, path: Path, *, writable: bool, make: bool = True) -> None:
    """A file the kiosk opens, or makes in a folder it may write in: ConfigError naming
    ``key`` when it cannot."""
    if os.path.lexists(path) and not path.exists():  # a link to a file not made yet, or a loop
        try:
            os.stat(path)
        except OSError as error:
            if error.errno == errno.ELOOP:  # exists() says False, and the store never opened
                raise ConfigError(f"{key}: {path} is a loop of links") from None
        path = Path(os.path.realpath(path))  # made where the link leads
    if path.exists():
        if not path.is_file():
            raise ConfigError(f"{key}: {path} is not a file")
        wanted = os.R_OK | (os.W_OK if writable else 0)
        if not os.access(path, wanted):
            doing = "read and write" if writable else "read"
            raise ConfigError(f"{key}: the kiosk may not {doing} {path}")
        if not writable:
            return
    folder = path.parent  # a database's journal is made beside it
    if not make and not folder.is_dir():  # judged by where it would be made
        parent = _nearest_existing(folder)
        if not parent.is_dir():
            raise ConfigError(f"{key}: cannot make the folder {folder}: {parent} is not a folder")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise ConfigError(f"{key}: cannot make the folder {folder}: may not write in {parent}")
        return
    if make:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise ConfigError(f"{key}: cannot make the folder {folder}: {reason}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"{key}: the kiosk may not make {path.name} in {folder}")


SHOWN_CHARACTERS = 60  # of a text in a message; SHOWN_ITEMS of an array or a table
SHOWN_ITEMS = 8
SHOWN_PROBLEMS = 20  # a file of a thousand unknown keys is told in a screenful


def _as_toml(value: object, depth: int = 0) -> str:
    """A value as the configuration file writes it (true, "60"), not as Python does,
    cut short: a message quoted a value of 100,000 characters whole. Nested arrays and
    tables are shown to a few levels: a value nested some hundred deep, which tomllib
    reads, made this recursion pass Python's limit."""
    if isinstance(value, (list, dict)) and depth >= 4:
        return "[...]" if isinstance(value, list) else "{...}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        import json  # only for a message: kept off the kiosk's start-up path

        if len(value) <= SHOWN_CHARACTERS:
            return json.dumps(value, ensure_ascii=False)  # a TOML basic string reads the same
        start = json.dumps(value[:SHOWN_CHARACTERS], ensure_ascii=False)[:-1]
        return f'{start}…" ({len(value)} characters)'
    if isinstance(value, list):
        shown = [_as_toml(item, depth + 1) for item in value[:SHOWN_ITEMS]]
        more = [f"… {len(value) - SHOWN_ITEMS} more"] if len(value) > SHOWN_ITEMS else []
        return "[" + ", ".join(shown + more) + "]"
    if isinstance(value, dict):
        items = list(value.items())
        shown = [f"{_key(key)} = {_as_toml(item, depth + 1)}" for key, item in items[:SHOWN_ITEMS]]
        more = [f"… {len(items) - SHOWN_ITEMS} more"] if len(items) > SHOWN_ITEMS else []
        return "{" + ", ".join(shown + more) + "}"
    return str(value)  # a number, a date: TOML keeps them short


def _key(name: str) -> str:
    return name if len(name) <= SHOWN_CHARACTERS else f"{name[:SHOWN_CHARACTERS]}…"
