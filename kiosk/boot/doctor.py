# SPDX-License-Identifier: EUPL-1.2
"""``social-point doctor``: checks a configured kiosk and says what is wrong and how to fix it.

Each check looks at one thing an installer or a help desk asks about first: the
configuration, the store, the platform (reachable, and whether our clocks agree), the
printer, free disk, and fonts and speech for the kiosk's languages. Checks only read:
the store is opened read-only and never migrated, nothing is printed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from PIL import features

from kiosk.boot.config import Config, ConfigError, load_config
from kiosk.core import local_time
from languages import CODES as LANGUAGES

MAX_CLOCK_SKEW_S = 120  # vouchers, receipts and TLS certificates need the right time
DISK_PROBLEM_BYTES = 200 * 1024 * 1024
DISK_WARNING_BYTES = 1024 * 1024 * 1024
UNSENT_WARNING_HOURS = 24


class Verdict(Enum):
    OK = "ok"
    NOTE = "note"  # worth knowing, nothing to fix
    WARNING = "warning"  # works now, will not for long
    PROBLEM = "problem"  # the kiosk cannot do its job: exit status 1


@dataclass(frozen=True)
class Finding:
    check: str
    verdict: Verdict
    message: str
    fix: str = ""


MARKS = {Verdict.OK: "ok", Verdict.NOTE: "--", Verdict.WARNING: "!!", Verdict.PROBLEM: "XX"}


def _records(count: int) -> str:
    return f"{count} record" if count == 1 else f"{count} records"


def check_store(config: Config) -> Iterator[Finding]:
    from store.database import foreign_tables, head_revision, known_revision
    from store.restore_swap import ready_path

    path = config.paths.database
    if ready_path(path).exists():  # the file at path is the replaced store, maybe cut
        yield Finding(
            "store",
            Verdict.PROBLEM,
            f"a restore was cut short (killed, or a power cut) as it put the restored store"
            f" in place: {ready_path(path)} holds it, {path} is the store it replaces",
            "start the kiosk, or run social-point restore again: either finishes it first",
        )
        return
    if not path.exists():
        yield Finding(
            "store",
            Verdict.NOTE,
            f"{path} does not exist yet; the kiosk creates it on its first start",
        )
        return
    if not path.is_file():
        yield Finding(
            "store",
            Verdict.PROBLEM,
            f"{path} is not a file",
            "set paths.database to a file (the kiosk's store), not a folder",
        )
        return
    foreign = foreign_tables(path)
    if foreign:
        yield Finding(
            "store",
            Verdict.PROBLEM,
            f"{path} is not a kiosk store: it holds other tables ({', '.join(foreign[:5])})",
            f"set paths.database to the kiosk's store, or move that file away (and any "
            f"{path.name}-wal beside it that is not the store's)",
        )
        return
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as db:
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
            revision = db.execute("SELECT version_num FROM alembic_version").fetchone()
            waiting, oldest = db.execute(
                "SELECT count(*), min(created_at) FROM outbox WHERE state IN ('pending', 'sending')"
            ).fetchone()
            rejected = _rejected_not_dealt_with(db)
            # Damaged as the kiosk counts it (store.outbox.readable): no longer a JSON
            # object. A CASE: json_type fails on text that is not JSON.
            damaged = db.execute(
                "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending') AND NOT"
                " CASE WHEN json_valid(payload) THEN json_type(payload) = 'object' ELSE 0 END"
            ).fetchone()[0]
    except sqlite3.DatabaseError as error:
        # Only a file that is no database, or a damaged one, calls for the backup: a
        # full or read-only disk, or a lock, leave the store as it is (restoring over
        # it would lose what was waiting to be sent).
        said = str(error).lower()
        damaged = not any(trouble in said for trouble in DISK_TROUBLE)
        yield Finding(
            "store",
            Verdict.PROBLEM,
            f"{path} cannot be read: {error}",
            "restore the latest backup: social-point restore FILE"
            if damaged
            else "check the disk: free space (df -h), that it is writable, and the file's"
            " permissions; the store itself may be sound",
        )
        return
    if verdict != "ok":
        yield Finding(
            "store",
            Verdict.PROBLEM,
            f"{path} is damaged: {verdict}",
            "stop the kiosk and restore the latest backup: social-point restore FILE",
        )
        return
    head = head_revision()
    version = revision[0] if revision else None
    if head and version and version != head and not known_revision(version):
        yield Finding(
            "store",
            Verdict.PROBLEM,
            f"{path} was written by a newer version of the kiosk (schema {version}, this one"
            f" knows up to {head}): this version cannot open it",
            "install that version again, or restore a backup this version made: "
            "social-point restore FILE",
        )
        return
    if head and version != head:
        yield Finding(
            "store",
            Verdict.NOTE,
            f"schema {version}, the kiosk will migrate it to {head} at its next start",
        )
    yield Finding(
        "store",
        Verdict.OK,
        f"{path} is sound; {_records(waiting)} waiting to be sent, {rejected} rejected",
    )
    if oldest:
        age = datetime.now(UTC) - local_time.aware_utc(datetime.fromisoformat(oldest))
        hours = age.total_seconds() / 3600
        if hours > UNSENT_WARNING_HOURS:
            yield Finding(
                "store",
                Verdict.WARNING,
                f"the oldest record waiting to be sent is {hours:.0f} hours old",
                "check the platform below; social-point sync --once shows why it is not sent",
            )
    if damaged:
        yield Finding(
            "store",
            Verdict.WARNING,
            f"{_records(damaged)} waiting to be sent {'is' if damaged == 1 else 'are'} damaged"
            " (the stored text is no longer readable) and cannot be sent; the others go on",
            "their ids are in the kiosk's log; restore a backup that holds them, or ask"
            " those citizens to come back",
        )
    if rejected:
        yield Finding(
            "store",
            Verdict.WARNING,
            f"{_records(rejected)} {'was' if rejected == 1 else 'were'} rejected by the"
            " platform and kept",
            "a manager reviews them on the kiosk's manager desk",
        )


def _rejected_not_dealt_with(db: sqlite3.Connection) -> int:
    """Refused records no manager has dealt with yet, as the manager's desk lists them (a
    handled one is kept, but needs no one); a store made before they could be handled
    (schema 0015) counts them all."""
    try:
        query = "SELECT count(*) FROM outbox WHERE state = 'rejected' AND handled_at IS NULL"
        return int(db.execute(query).fetchone()[0])
    except sqlite3.OperationalError as error:
        if "handled_at" not in str(error):
            raise
        return int(db.execute("SELECT count(*) FROM outbox WHERE state = 'rejected'").fetchone()[0])


# SQLite's words when the disk, not the store, is the trouble: a missing table or a
# file that is no database is the store's own damage, which a backup repairs.
DISK_TROUBLE = ("disk i/o error", "unable to open", "locked", "readonly", "disk is full")


class PlatformAnswerError(Exception):
    """The health check got an answer no platform gives: ``fix`` says what to check."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


def platform_clock(url: str, ca_bundle: str, timeout: float) -> datetime | None:
    """The platform's clock, from the Date header of its health check; None when the
    header is missing or is no date with its zone. As the kiosk's sync does: a redirect
    is not followed (PlatformAnswerError), and the whole answer must arrive within three
    times ``timeout`` (a server trickling it byte by byte would hold doctor for ever)."""
    import requests

    from sync.client import http_date
    from sync.deadline import Deadline, DeadlineAdapter

    total_s = 3 * timeout
    deadline = Deadline(total_s)
    with requests.Session() as session:
        for scheme in ("http://", "https://"):
            session.mount(scheme, DeadlineAdapter())
        try:
            with deadline:
                response = session.get(
                    url.rstrip("/") + "/v1/health",
                    timeout=timeout,
                    verify=ca_bundle or True,
                    allow_redirects=False,
                )
        except (requests.RequestException, OSError):
            if not deadline.expired:
                raise
        if deadline.expired:
            raise PlatformAnswerError(
                f"gave no complete answer within {total_s:g} s",
                "check the network and that sync.platform_url is the platform's address",
            )
    if response.is_redirect or 300 <= response.status_code < 400:
        # Where to is shown, not followed: the sync would not follow it either.
        where = "".join(c for c in response.headers.get("Location", "")[:200] if c.isprintable())
        raise PlatformAnswerError(
            f"answers with a redirect ({response.status_code}{' to ' + where if where else ''})"
            ", which the kiosk does not follow",
            "set sync.platform_url to the platform's own address (https://, the right path)",
        )
    response.raise_for_status()
    return http_date(response.headers.get("Date"))


def check_device_token(config: Config, url: str) -> Iterator[Finding]:
    """Whether the platform still takes this kiosk's token: its health check answers
    anyone, and a kiosk revoked (stolen, replaced) or unknown to a restored platform
    syncs nothing while the platform "answers"."""
    from sync import device
    from sync.client import PlatformClient, RefusedError, UnreachableError

    try:
        identity = device.load(config.device_file)
    except device.NotEnrolledError as error:
        yield Finding("enrollment", Verdict.PROBLEM, str(error), RE_ENROLL)
        return
    if identity is None:
        yield Finding("enrollment", Verdict.NOTE, "not enrolled yet: it enrolls at its next sync")
        return
    client = PlatformClient(
        url,
        token=identity.token,
        connect_timeout=config.sync.connect_timeout_s,
        read_timeout=config.sync.read_timeout_s,
        ca_bundle=config.sync.ca_bundle or None,
    )
    try:
        client.lookup_key()
    except RefusedError as error:
        if error.status in (401, 403):
            yield Finding(
                "enrollment",
                Verdict.PROBLEM,
                f"the platform refuses this kiosk's token ({error.status}): {error.detail}",
                RE_ENROLL,
            )
            return
        yield Finding("enrollment", Verdict.NOTE, f"the token was not checked: {error}")
        return
    except (UnreachableError, ValueError) as error:  # ProtocolError is a ValueError
        yield Finding("enrollment", Verdict.NOTE, f"the token was not checked: {error}")
        return
    finally:
        client.close()
    yield Finding("enrollment", Verdict.OK, f"the platform knows this kiosk ({identity.device_id})")


RE_ENROLL = (
    "ask the platform's staff for a new enrollment code, put it in sync.enrollment_code, "
    "move device.json aside and restart the kiosk"
)


def check_platform(config: Config, now: Callable[[], datetime]) -> Iterator[Finding]:
    url = config.sync.platform_url
    if not url:
        yield Finding(
            "platform", Verdict.NOTE, "sync.platform_url is empty: this kiosk does not sync"
        )
        return
    if url == "embedded":
        yield Finding("platform", Verdict.NOTE, "the demo platform runs inside the kiosk")
        return
    import requests

    bundle = config.sync.ca_bundle
    if bundle and not os.access(bundle, os.R_OK):
        yield Finding(
            "platform",
            Verdict.PROBLEM,
            f"sync.ca_bundle: cannot read {bundle}",
            "put the platform's CA certificate there, or correct sync.ca_bundle",
        )
        return
    try:
        theirs = platform_clock(url, bundle, config.sync.connect_timeout_s)
    except requests.exceptions.SSLError as error:
        from sync.client import tls_problem

        problem = tls_problem(error)
        fix = (
            "set sync.ca_bundle to the platform's CA certificate"
            if "ca_bundle" in problem
            else "check sync.platform_url and the platform's certificate"
        )
        yield Finding("platform", Verdict.PROBLEM, f"{url}: {problem}", fix)
        return
    except PlatformAnswerError as error:
        yield Finding("platform", Verdict.PROBLEM, f"{url} {error}", error.fix)
        return
    except (requests.RequestException, OSError, KeyError, TypeError, ValueError) as error:
        yield Finding(
            "platform",
            Verdict.PROBLEM,
            f"{url} does not answer: {type(error).__name__}",
            "check the network cable or Wi-Fi, and sync.platform_url",
        )
        return
    yield Finding("platform", Verdict.OK, f"{url} answers")
    yield from check_device_token(config, url)
    if theirs is None:
        yield Finding(
            "clock",
            Verdict.NOTE,
            "the platform sends no readable date: this kiosk's clock was not compared",
        )
        return
    skew = (now() - theirs).total_seconds()
    if abs(skew) > MAX_CLOCK_SKEW_S:
        side = "ahead of" if skew > 0 else "behind"
        yield Finding(
            "clock",
            Verdict.PROBLEM,
            f"this kiosk's clock is {abs(skew):.0f} s {side} the platform's",
            "turn on time synchronisation: sudo timedatectl set-ntp true",
        )
    else:
        yield Finding("clock", Verdict.OK, f"within {abs(skew):.0f} s of the platform's")
    if not config.device_file.exists() and not config.sync.enrollment_code:
        yield Finding(
            "platform",
            Verdict.PROBLEM,
            "this kiosk is not enrolled and has no enrollment code",
            "set sync.enrollment_code to a code from the platform",
        )


PRINTER_FIXES = {
    "paper_low": "put a new roll in soon",
    "paper_out": "put a new paper roll in and close the cover",
    "cover_open": "close the printer's cover",
    "offline": "press the printer's feed button or switch it off and on",
    "no_answer": "a printer that never answers status queries needs printer.answers_status = false",
    "not_a_printer": "printer.host and printer.port point at something else",
    "unreachable": "switch the printer on and check its cable, or printer.host/device",
}


def check_printer(config: Config) -> Iterator[Finding]:
    from kiosk.boot.printer_setup import connection_for
    from printing.connection import State

    settings = config.printer
    if settings.connection == "none":
        yield Finding("printer", Verdict.NOTE, "no printer configured: slips are shown only")
        return
    connection = connection_for(config)
    try:
        status = connection.status()
    except Exception as error:  # a driver (libusb, serial) failing its own way
        yield Finding(
            "printer",
            Verdict.PROBLEM,
            f"{connection.describe()}: {error}",
            PRINTER_FIXES["unreachable"],
        )
        return
    state = status.state
    model = f", model {settings.model}" if settings.model else ""
    text = f"{connection.describe()}, paper {settings.paper}{model}: {state.value}"
    if status.detail:
        text += f" ({status.detail})"
    if state in (State.READY, State.NO_STATUS):
        yield Finding("printer", Verdict.OK, text)
    elif state is State.PAPER_LOW:
        yield Finding("printer", Verdict.WARNING, text, PRINTER_FIXES["paper_low"])
    else:
        yield Finding("printer", Verdict.PROBLEM, text, PRINTER_FIXES.get(state.value, ""))


def check_files(config: Config) -> Iterator[Finding]:
    """Files the configuration names: each is read only when first needed (a logo at
    the kiosk's start, trusted keys at the first voucher check), so say now."""
    from kiosk.boot.config import check_kept_files
    from kiosk.boot.printer_setup import logo_for, paper_for

    try:
        # As `social-point run` checks them, making nothing: the doctor may be run by
        # another user than the kiosk's. (The folders are the disk check's.)
        check_kept_files(config, make=False)
    except ConfigError as error:
        yield Finding("files", Verdict.PROBLEM, str(error), "correct it, or make it usable")
    try:
        # As the kiosk loads them at its start, with or without a printer: it refuses
        # to start on a model, code page or logo it cannot use.
        logo_for(config, paper_for(config))
    except ConfigError as error:
        yield Finding("files", Verdict.PROBLEM, str(error), "put it there, or correct it")
    trusted = config.vouchers.trusted_keys_file
    if trusted is not None and not (trusted.is_file() and os.access(trusted, os.R_OK)):
        yield Finding(
            "files",
            Verdict.PROBLEM,
            f"vouchers.trusted_keys_file: cannot read {trusted}",
            "put the file there, or correct vouchers.trusted_keys_file",
        )


def check_settings_together(config: Config) -> Iterator[Finding]:
    """What no single key says, and the kiosk accepts: a desk bell that can never ring
    (found only in the log, when a citizen asks for help). A sync interval longer than
    the heartbeat's is fine: the kiosk beats between its passes (sync/worker.py)."""
    bell = config.manager.desk_bell_command
    if not bell:
        return
    try:
        words = shlex.split(bell)
    except ValueError as error:
        words, problem = [], f"cannot be read as a command ({error})"
    else:
        problem = "" if words and shutil.which(words[0]) else "names no program found here"
    if problem:
        yield Finding(
            "settings",
            Verdict.PROBLEM,
            f"manager.desk_bell_command {problem}: the desk is not called when a citizen "
            "asks for help (the call still shows on the dashboard)",
            "correct manager.desk_bell_command, or install its program",
        )


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk(config: Config) -> Iterator[Finding]:
    folders = {
        "data": config.paths.data_dir,
        "logs": config.paths.log_dir,
        "cache": config.paths.cache_dir,
    }
    for name, folder in folders.items():
        existing = _existing(folder)
        if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
            # Not a folder (a file in its place), or read-only: the kiosk fails at start.
            where = folder if existing == folder else f"{folder} (under {existing})"
            yield Finding(
                "disk",
                Verdict.PROBLEM,
                f"the kiosk cannot write its {name} in {where}",
                f"make {existing} a folder the social-point user may write in, on a disk "
                "mounted read-write (or set paths.data_dir / log_dir / cache_dir elsewhere)",
            )
            continue
        free = shutil.disk_usage(existing).free
        text = f"{free / 1024**3:.1f} GB free for {name} ({folder})"
        if free < DISK_PROBLEM_BYTES:
            yield Finding(
                "disk",
                Verdict.PROBLEM,
                text,
                "free space: sudo journalctl --vacuum-size=100M, remove old backups",
            )
        elif free < DISK_WARNING_BYTES:
            yield Finding("disk", Verdict.WARNING, text, "free some space soon")
        else:
            yield Finding("disk", Verdict.OK, text)


def _run(*command: str) -> str | None:
    if shutil.which(command[0]) is None:
        return None
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout


def check_languages(languages: tuple[str, ...] = LANGUAGES) -> Iterator[Finding]:
    for language in languages:
        fonts = _run("fc-list", f":lang={language}", "family")
        if fonts is None:
            yield Finding(
                "fonts",
                Verdict.NOTE,
                "fontconfig's fc-list is missing: fonts not checked",
                "sudo apt-get install fontconfig",
            )
            break
        if fonts.strip():
            yield Finding("fonts", Verdict.OK, f"{language}: {len(fonts.splitlines())} fonts")
        else:
            yield Finding(
                "fonts",
                Verdict.PROBLEM,
                f"{language}: no font can draw this language",
                "sudo apt-get install fonts-noto-core fonts-noto-cjk",
            )
    for language in languages:
        voices = _run("espeak-ng", f"--voices={language}")
        if voices is None:
            yield Finding(
                "speech",
                Verdict.NOTE,
                "espeak-ng is not installed: no speech",
                "sudo apt-get install espeak-ng speech-dispatcher-espeak-ng",
            )
            break
        if len(voices.strip().splitlines()) > 1:  # a header line, then one per voice
            yield Finding("speech", Verdict.OK, f"{language}: a voice is installed")
        else:
            yield Finding(
                "speech",
                Verdict.WARNING,
                f"{language}: no voice for this language",
                "sudo apt-get install espeak-ng-data",
            )


def check_emoji(code_point: int = 0x1F34E) -> Iterator[Finding]:
    """Providers write emoji in their services' texts ("🍎 Frutta"): without a font that
    has them the screen shows empty boxes (slips print each as a dot either way)."""
    fonts = _run("fc-list", f":charset={code_point:x}", "family")
    if fonts is None:
        return  # said once already by check_languages
    if fonts.strip():
        yield Finding("fonts", Verdict.OK, "emoji: drawn in colour")
    else:
        yield Finding(
            "fonts",
            Verdict.WARNING,
            "emoji: no font has them; a service's emoji show as empty boxes",
            "sudo apt-get install fonts-noto-color-emoji",
        )


def check_text_layout() -> Iterator[Finding]:
    """Pillow's Raqm layout joins Arabic letters on slips; it needs libfribidi at run time."""
    if features.check("raqm"):
        yield Finding("fonts", Verdict.OK, "slips: Arabic letters are joined (Raqm layout)")
    else:
        yield Finding(
            "fonts",
            Verdict.PROBLEM,
            "slips: Pillow has no Raqm layout, Arabic prints with unjoined letters",
            "sudo apt-get install libfribidi0",
        )


def diagnose(
    config_path: Path | None, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> list[Finding]:
    try:
        config = load_config(config_path)
    except ConfigError as error:
        return [
            Finding(
                "configuration",
                Verdict.PROBLEM,
                str(error),
                "check the file's path and that it is UTF-8 text"
                if "configuration file" in str(error)
                else "correct the keys named above (see config/kiosk.example.toml)",
            )
        ]
    where = str(config.source) if config.source else "built-in defaults"
    findings = [Finding("configuration", Verdict.OK, f"{where} is valid")]
    findings += check_store(config)
    findings += check_platform(config, now)
    findings += check_printer(config)
    findings += check_files(config)
    findings += check_settings_together(config)
    findings += check_disk(config)
    findings += check_languages()
    findings += check_emoji()
    findings += check_text_layout()
    return findings


def report(findings: list[Finding]) -> tuple[str, int]:
    """The text to print and the exit status (1 when any problem was found)."""
    lines = []
    for finding in findings:
        lines.append(f"[{MARKS[finding.verdict]}] {finding.check}: {finding.message}")
        if finding.fix and finding.verdict is not Verdict.OK:
            lines.append(f"     fix: {finding.fix}")
    problems = sum(f.verdict is Verdict.PROBLEM for f in findings)
    warnings = sum(f.verdict is Verdict.WARNING for f in findings)
    lines.append(f"{problems} problem(s), {warnings} warning(s)")
    return "\n".join(lines), 1 if problems else 0
