# SPDX-License-Identifier: EUPL-1.2
"""The ``social-point`` command, and the kiosk's composition root (``run``).

``run`` is the one place that joins the layers: kiosk.boot (configuration, the store,
sync and printer wiring) below, kiosk.ui above; neither imports the other's caller.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk.boot.config import Config, ConfigError, load_config, prepare_folders
from kiosk.boot.display import missing_screen_problem

if TYPE_CHECKING:  # imported where used: the kiosk's start does not load it
    from store.backup import RestoreReport

PLATFORMS = ("xcb", "wayland", "eglfs", "linuxfb", "vnc", "offscreen")
DOCUMENTS = ("test", "receipt", "booking", "application", "voucher", "report")

log = logging.getLogger(__name__)


def _parser(*, only_run: bool = False) -> argparse.ArgumentParser:
    """The command line; ``only_run``: with the ``run`` command alone, which the kiosk's
    start parses before its first frame (argparse took 7-10 ms to build every command,
    about a tenth of what the kiosk adds to a bare window's start)."""
    parser = argparse.ArgumentParser(prog="social-point", description="Social Point Kiosk")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="start the kiosk touchscreen app")
    run.add_argument("--config", type=Path, help="TOML configuration file")
    run.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    run.add_argument("--platform", choices=PLATFORMS, help="Qt platform to draw on")
    run.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="start, draw the home screen, then exit 0 (installation checks, start-up timing)",
    )
    if only_run:
        return parser
    sync = commands.add_parser("sync", help="synchronise with the central platform")
    sync.add_argument("--config", type=Path, help="TOML configuration file")
    sync.add_argument("--once", action="store_true", required=True, help="one pass, then exit")
    print_test = commands.add_parser("print-test", help="print the test page, report status")
    print_test.add_argument("--config", type=Path, help="TOML configuration file")
    print_test.add_argument(
        "--document",
        choices=DOCUMENTS,
        default="test",
        help="print an example of this document instead of the test page",
    )
    print_test.add_argument(
        "--no-status",
        action="store_true",
        help="the printer cannot answer status queries (cheap clones): only check it is there",
    )
    jobs = commands.add_parser(
        "print-jobs", help="list slips that did not print; reprint one as a marked copy"
    )
    jobs.add_argument("--config", type=Path, help="TOML configuration file")
    jobs.add_argument("--reprint", metavar="JOB", help="queue a copy (DUPLICATO) of this job")
    jobs.add_argument("--done", metavar="JOB", help="mark a slip to check as dealt with")
    voucher = commands.add_parser("voucher", help="check voucher codes; show this kiosk's key")
    voucher_commands = voucher.add_subparsers(dest="voucher_command", required=True)
    verify = voucher_commands.add_parser(
        "verify", help="say whether a voucher code (the SP1:... text of its QR) is valid"
    )
    verify.add_argument("text", help="the code, as read from the QR")
    verify.add_argument("--config", type=Path, help="TOML configuration file")
    verify.add_argument("--on", type=date.fromisoformat, help="check as of this day (YYYY-MM-DD)")
    key = voucher_commands.add_parser(
        "key", help="print this kiosk's public key entry for a trusted keys file"
    )
    key.add_argument("--config", type=Path, help="TOML configuration file")
    doctor = commands.add_parser(
        "doctor", help="check this kiosk (config, store, platform, printer, disk, languages)"
    )
    doctor.add_argument("--config", type=Path, help="TOML configuration file")
    backup = commands.add_parser("backup", help="copy the store while the kiosk runs")
    backup.add_argument("--config", type=Path, help="TOML configuration file")
    backup.add_argument("--to", type=Path, help="the new file (default: data_dir/backups/)")
    restore = commands.add_parser("restore", help="replace the store with a backup (kiosk stopped)")
    restore.add_argument("file", type=Path, help="a file made by social-point backup")
    restore.add_argument("--config", type=Path, help="TOML configuration file")
    restore.add_argument(
        "--other-kiosk",
        action="store_true",
        help="restore a backup made by another kiosk (its records are then sent as this one's)",
    )
    commands.add_parser(
        "pin-hash", help="read an operator's PIN (6 to 8 digits) and print its scrypt hash"
    )
    commands.add_parser(
        "central", help="run the reference central platform (see: social-point central -h)"
    )
    return parser


def _fail(message: str) -> int:
    # An argument of bytes that are not UTF-8 comes back as escapes: shown, not raised.
    message = message.encode("utf-8", "backslashreplace").decode("utf-8")
    print(f"social-point: {message}", file=sys.stderr)
    return 2


def pin_hash() -> int:
    """For the platform's operator records: the PIN is read twice without echo."""
    import getpass
    import re

    from kiosk.core.manager_login import hash_pin

    pin = getpass.getpass("PIN: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    if not re.fullmatch(r"[0-9]{6,8}", pin):
        return _fail("a PIN is 6 to 8 digits")
    if sys.stdin.isatty() and getpass.getpass("PIN again: ") != pin:
        return _fail("the two PINs differ")
    print(hash_pin(pin))
    return 0


def sync_once(config_path: Path | None) -> int:
    """One sync pass for operators and scripts: prints what happened, exit 1 on failure."""
    from kiosk.boot.logs import setup_logging
    from kiosk.boot.syncing import make_sync
    from store.database import Store
    from sync.worker import SyncWorker

    config = load_config(config_path)
    prepare_folders(config)
    setup_logging(
        config.paths.log_dir,
        level=config.log_level,
        max_bytes=config.log_max_bytes,
        backup_count=config.log_backup_count,
    )
    store = Store(config.paths.database)
    # No heartbeat: this process knows neither the printer nor the kiosk's uptime, and
    # its "no printer" would clear the fleet's alert about the running kiosk's printer.
    setup = make_sync(config, store, heartbeat=False)
    if setup is None:
        store.close()
        return _fail("sync.platform_url is empty: this kiosk does not sync")
    worker = setup.worker
    assert isinstance(worker, SyncWorker)  # make_sync's worker runs on this thread
    try:
        report = worker.run_pass()
        status = worker.status
    finally:
        setup.stop()
        store.close()
    if report is not None:
        pulled = ", ".join(f"{stream} {count}" for stream, count in report.pulled.items())
        print(f"pushed: {report.accepted} accepted, {report.rejected} rejected")
        print(f"pulled: {pulled}")
    print(f"waiting: {status.waiting}; rejected and kept for a manager: {status.rejected}")
    if status.problem:
        print(f"social-point: sync failed: {status.problem}: {status.detail}", file=sys.stderr)
        return 1
    return 0


def print_test(config_path: Path | None, document: str = "test", no_status: bool = False) -> int:
    """Prints the test page (or a sample document) on the configured printer; exit 1 when
    it cannot. ``no_status``: the printer cannot answer status queries, so only the
    connection is checked and "printed" means every byte was taken."""
    from kiosk.boot.printer_setup import connection_for, logo_for, paper_for, slip_context
    from printing.connection import PrinterError, State
    from printing.escpos_render import render
    from printing.samples import sample
    from vouchers.codes import SAMPLE_SIGNER

    config = load_config(config_path)
    paper = paper_for(config)
    logo = logo_for(config, paper)
    connection = connection_for(config, answers_status=False if no_status else None)
    status = connection.status()
    print(f"printer: {connection.describe()}; paper {config.printer.paper}")
    print(f"status: {status.state.value}" + (f" ({status.detail})" if status.detail else ""))
    if not status.state.can_print:
        print(f"social-point: the test page was not printed: {status.state.value}", file=sys.stderr)
        if status.state is State.NO_ANSWER:
            print(
                "social-point: a printer that cannot answer status queries prints with "
                "--no-status (or printer.answers_status = false)",
                file=sys.stderr,
            )
        return 1
    # A sample voucher is signed with the public sample key and marked as a sample:
    # a test print can never be spent.
    slip = sample(document, slip_context(config, None), SAMPLE_SIGNER, connection.describe())
    try:
        after = connection.send(render(slip, paper, logo=logo))
    except PrinterError as error:
        print(f"social-point: printing failed after {error.sent} bytes: {error}", file=sys.stderr)
        return 1
    print("test page printed" if document == "test" else f"sample {document} printed")
    print(
        f"status after printing: {after.state.value}"
        + (f" ({after.detail})" if after.detail else "")
    )
    return 0


def print_jobs(config_path: Path | None, reprint: str | None, done: str | None = None) -> int:
    """Slips needing a person (uncertain, expired, failed, waiting on a problem); reprints
    one, or marks one as dealt with."""
    from printing import print_queue
    from store.database import Store

    for named in (reprint, done):  # a job's id is ASCII: anything else names none
        if named is not None and not named.encode("utf-8", "surrogateescape").isascii():
            return _fail(f"no print job {named}")
    config = load_config(config_path)
    store = Store(config.paths.database)
    try:
        if reprint:
            with store.write() as session:
                if print_queue.get(session, reprint) is None:
                    return _fail(f"no print job {reprint}")
                copy = print_queue.reprint(session, reprint, config.vouchers.time_zone)
                copy_no = print_queue.get(session, copy).copy_no  # type: ignore[union-attr]
            marked = f"marked DUPLICATO n. {copy_no}" if copy_no else "its first print, unmarked"
            print(f"copy queued as job {copy} ({marked}); the kiosk prints it at its next check")
            return 0
        if done:
            with store.write() as session:
                if print_queue.get(session, done) is None:
                    return _fail(f"no print job {done}")
                changed = print_queue.dealt_with(session, done)
            print(f"job {done} dealt with" if changed else f"job {done} needed nothing")
            return 0
        with store.read() as session:
            jobs = print_queue.needing_attention(session)
        for job in jobs:
            reason = f" ({job.waiting_reason})" if job.state == "pending" else ""
            if job.damage is not None:  # never printed again: it can only be dealt with
                reason += f"  damaged on the disk ({job.damage}): cannot be reprinted"
            copy = f" copy {job.copy_no}" if job.copy_no else ""
            print(
                f"{job.uuid}  {job.created_at:%Y-%m-%d %H:%M} UTC  {job.kind}{copy}"
                f"  {job.reference or '-'}  {job.state}{reason}"
            )
        if not jobs:
            print("every slip printed")
        return 0
    finally:
        store.close()


OFFLINE_NOTE = (
    "note: an offline check cannot see a redemption; only the platform knows whether "
    "this voucher was already used"
)


def voucher_verify(config_path: Path | None, text: str, today: date | None) -> int:
    """Exit 0 valid, 1 invalid or expired, 2 when the keys cannot be read.

    Trusted: the keys the platform published (saved at each sync, with revocations),
    the integrator's trusted keys file, and this kiosk's own key if it has one. The day
    is today in the configured time zone, as on the platform. Never makes a key."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from vouchers.keys import TrustList, load_signer, load_trust

    config = load_config(config_path)
    trust = TrustList()
    if config.vouchers.published_keys.exists():
        load_trust(config.vouchers.published_keys, trust)
    if config.vouchers.trusted_keys_file:
        load_trust(config.vouchers.trusted_keys_file, trust)
    signer = load_signer(config.vouchers.signing_key)
    if signer is not None:
        trust.add(signer.kid, signer.private_key.public_key(), service_only=True)
    day = today or datetime.now(ZoneInfo(config.vouchers.time_zone)).date()
    verdict = trust.check(text, day)
    print(f"{verdict.outcome}: {verdict.reason}")
    if verdict.claims is not None:
        claims = verdict.claims
        value = (
            f"amount {claims.amount_cents / 100:.2f} EUR"
            if claims.amount_cents is not None
            else f"service {claims.service_id} x {claims.units}"
        )
        kid = verdict.kid.hex() if verdict.kid else ""
        print(
            f"voucher {claims.code}; {value}; valid {claims.valid_from:%d/%m/%Y} to "
            f"{claims.valid_until:%d/%m/%Y}; key {kid}"
        )
    if verdict.outcome == "valid":
        print(OFFLINE_NOTE)
    return 0 if verdict.outcome == "valid" else 1


def voucher_key(config_path: Path | None) -> int:
    import json  # imported here: the kiosk's start does not need it

    from vouchers.keys import load_or_create_signer, trust_entry

    config = load_config(config_path)
    signer = load_or_create_signer(config.vouchers.signing_key)
    print(json.dumps(trust_entry(signer, config.kiosk_id)))
    return 0


def doctor(config_path: Path | None) -> int:
    from kiosk.boot.doctor import diagnose, report

    text, status = report(diagnose(config_path))
    print(text)
    return status


def backup_store(config_path: Path | None, destination: Path | None) -> int:
    from store.backup import BackupError, backup, default_backup_path

    config = load_config(config_path)
    target = destination or default_backup_path(config.paths.data_dir / "backups")
    try:
        made = backup(config.paths.database, target)
    except BackupError as error:
        return _fail(str(error))
    print(f"backup written: {made.path} ({made.size} bytes, schema {made.revision})")
    return 0


def restore_store(config_path: Path | None, source: Path, *, other_kiosk: bool = False) -> int:
    from store.backup import BackupError, Owner, restore
    from sync.device import NotEnrolledError, load

    config = load_config(config_path)
    try:
        identity = load(config.device_file)  # None: not enrolled (a new machine)
    except NotEnrolledError as error:
        # Carrying on as not enrolled let another kiosk's backup in: the device tells
        # two kiosks of the same name (kiosk-01 by default) apart.
        return _fail(
            f"{error}; restore cannot tell which kiosk this is. Put the kiosk's device file"
            " back from its backup, or move it aside if this kiosk is to enrol again, then"
            " run restore again"
        )
    owner = Owner(config.kiosk_id, identity.device_id if identity else None)
    try:
        done = restore(source, config.paths.database, owner=owner, other_kiosk=other_kiosk)
    except BackupError as error:
        return _fail(str(error))
    if done.finished is not None:
        print(
            "a restore cut short earlier (killed, or a power cut) had already decided: it "
            "was finished first"
        )
        for line in _restore_lines(done.finished):
            print(f"  {line}")
    print(f"store restored from {source}")
    for line in _restore_lines(done):
        print(line)
    return 0


def _restore_lines(done: RestoreReport) -> list[str]:
    """What a restore did, for the manager who ran it."""
    lines: list[str] = []
    if done.other_kiosk:
        lines.append(
            f"it is the backup of another kiosk, {done.other_kiosk}, restored as asked "
            "(--other-kiosk): the store now belongs to this kiosk. Its records not yet "
            "accepted are sent under this kiosk's device (any that kiosk sent after the "
            "backup may reach the platform twice), and it holds that kiosk's local data "
            "(operators, wallets, print history) until this kiosk's next sync"
        )
    if done.carried_waiting:
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(done.carried.items()))
        lines.append(
            f"carried over from the replaced store: {done.carried_waiting} records not yet "
            f"accepted by the platform ({kinds}); they are sent at the next sync"
        )
    if done.carried_rejected:
        lines.append(
            f"carried over from the replaced store: {done.carried_rejected} refused records "
            "kept for a manager"
        )
    if done.carried_print_jobs:
        lines.append(
            f"carried over from the replaced store: {done.carried_print_jobs} slips that "
            "may not have printed (waiting for the printer or cut short): they are among "
            "the slips to check on the manager's dashboard, to reprint as marked copies"
        )
    if done.kept and done.damaged:
        lines.append(
            f"the store it replaced could not be read or copied ({done.damaged}): it was "
            f"moved aside as it was to {done.kept} (deleted after 7 days)"
        )
        if done.unread:
            lines.append(
                "some of its records not yet sent could not be read: any still in it are "
                f"only in {done.kept}; have it looked at within 7 days"
            )
    elif done.kept:
        lines.append(f"the store it replaced is kept as {done.kept} (deleted after 7 days)")
    return lines


# The running kiosk's hold on its data directory, for the life of the process.
_INSTANCE: list[int] = []


def hold_single_instance(data_dir: Path) -> str | None:
    """Takes the exclusive lock on ``data_dir/kiosk.lock`` for this process's life, or
    says why not. Two kiosks on one store each took the other's slip being printed for
    one a crash interrupted (and marked it uncertain); the sync process and the other
    commands hold the store's shared "in use" lock, never this one. The descriptor is
    not inherited: the sync process, started afresh, does not keep the lock alive."""
    import fcntl

    path = data_dir / "kiosk.lock"
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        return f"cannot open {path}: {(error.strerror or type(error).__name__).lower()}"
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return (
            f"another kiosk is already running on {data_dir}; only one may use it "
            "(stop it first: sudo systemctl stop social-point-kiosk)"
        )
    except OSError:  # a file system without locks: nothing to hold
        os.close(descriptor)
        return None
    _INSTANCE.append(descriptor)
    return None


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    # A citizen never sees a traceback: it goes to the log, and the screen stays usable.
    log.critical("unexpected error", exc_info=(kind, error, trace))


def run(
    config: Config, *, windowed: bool, platform: str | None, exit_when_ready: bool = False
) -> int:
    if platform:
        os.environ["QT_QPA_PLATFORM"] = platform
    sys.excepthook = _log_uncaught

    from kiosk.ui.application import KioskApplication

    kiosk = KioskApplication(config, windowed=windowed, exit_when_ready=exit_when_ready)
    return kiosk.exec()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["central"]:
        from kiosk.boot.launcher import central_main

        return central_main(argv[1:])
    args = _parser(only_run=argv[:1] == ["run"]).parse_args(argv)
    if args.command == "run":
        return _command(args)
    try:
        return _command(args)
    except OSError as error:  # a folder that is a file, a read-only or full disk
        where = f": {error.filename}" if error.filename else ""
        return _fail(f"{(error.strerror or str(error)).lower()}{where}")
    except Exception as error:  # an operator reads a line, never a traceback
        from sqlalchemy.exc import DBAPIError

        from store.database import UnusableStoreError

        if isinstance(error, UnusableStoreError):
            return _fail(str(error))
        if isinstance(error, DBAPIError):
            reason = str(error.orig).splitlines()[0] if error.orig else type(error).__name__
            return _fail(
                f"the local store cannot be used: {reason} (social-point doctor says more)"
            )
        return _fail(f"{args.command} failed: {type(error).__name__}: {str(error)[:200]}")


def _command(args: argparse.Namespace) -> int:
    if args.command in ("print-test", "voucher"):
        # Imported here: cryptography stays off the kiosk's start-up path.
        from vouchers.keys import KeyFileError
    if args.command == "print-test":
        try:
            return print_test(args.config, args.document, args.no_status)
        except (ConfigError, KeyFileError) as error:
            return _fail(str(error))
    if args.command == "print-jobs":
        try:
            return print_jobs(args.config, args.reprint, args.done)
        except ConfigError as error:
            return _fail(str(error))
    if args.command == "voucher":
        try:
            if args.voucher_command == "key":
                return voucher_key(args.config)
            return voucher_verify(args.config, args.text, args.on)
        except (ConfigError, KeyFileError) as error:
            return _fail(str(error))
    if args.command == "pin-hash":
        return pin_hash()
    if args.command == "doctor":
        return doctor(args.config)  # a bad configuration is one of its findings
    if args.command in ("backup", "restore"):
        try:
            if args.command == "backup":
                return backup_store(args.config, args.to)
            return restore_store(args.config, args.file, other_kiosk=args.other_kiosk)
        except ConfigError as error:
            return _fail(str(error))
    if args.command == "sync":
        try:
            return sync_once(args.config)
        except ConfigError as error:
            return _fail(str(error))
    if args.command == "run":
        try:
            config = load_config(args.config)
            prepare_folders(config)
        except ConfigError as error:
            return _fail(str(error))
        taken = hold_single_instance(config.paths.data_dir)
        if taken:
            return _fail(taken)
        problem = missing_screen_problem(args.platform)
        if problem:
            return _fail(problem)
        try:
            return run(
                config,
                windowed=args.windowed,
                platform=args.platform,
                exit_when_ready=args.exit_when_ready,
            )
        except ConfigError as error:
            return _fail(str(error))
    return 2


if __name__ == "__main__":
    sys.exit(main())
