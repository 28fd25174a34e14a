# SPDX-License-Identifier: EUPL-1.2
"""Starts the reference central platform: embedded for demo mode, or as
``social-point central``. The only kiosk module that imports ``central``; everything
else in the kiosk reaches the platform over HTTP."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.boot.config import Config
from kiosk.boot.paths import DEMO_CITIZENS, DEMO_DATASET


@dataclass
class EmbeddedPlatform:
    url: str
    enrollment_code: str
    server: object

    def stop(self) -> None:
        self.server.stop()  # type: ignore[attr-defined]


def start_embedded_platform(config: Config) -> EmbeddedPlatform:
    """The demo platform on 127.0.0.1, seeded with the demo catalog; enrolls the kiosk."""
    from central.app import create_app
    from central.dataset import seed_demo_citizens, seed_if_empty
    from central.platform import Platform
    from central.server import EmbeddedServer

    database = config.paths.data_dir / "central.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    platform = Platform(f"sqlite:///{database}", time_zone=config.vouchers.time_zone)
    if seed_if_empty(platform, DEMO_DATASET):
        seed_demo_citizens(platform, DEMO_CITIZENS)  # wallet PINs to try the credit with
    # The demo kiosk is enrolled for its Social Point's Comune: it receives that Comune's
    # operators and wallet only, as a real one would.
    comune = (
        config.social_point.comune
        if platform.records("comuni").get(config.social_point.comune)
        else None
    )
    code = "" if config.device_file.exists() else platform.new_enrollment_code("kiosk", comune)
    server = EmbeddedServer(create_app(platform)).start()
    return EmbeddedPlatform(url=server.url, enrollment_code=code, server=server)


def _refuse(message: str) -> int:
    print(f"social-point central: {message}", file=sys.stderr)
    return 2


def _wrong_option(args: argparse.Namespace) -> str | None:
    """What is wrong with the options, found before the database is opened, migrated and
    seeded (and before a port is bound); None when nothing is."""
    if not 1 <= args.threads <= 200:
        return "--threads must be from 1 to 200"
    if args.enrollment_code and args.role == "kiosk" and not (args.comune or args.network_wide):
        # A kiosk enrolled without a Comune receives every Comune's operators and sealed
        # wallets: said on purpose, never by forgetting an option.
        return (
            "a kiosk's code names its Comune: --comune ID (as its [social_point] comune), "
            "or --network-wide for a kiosk that serves every Comune"
        )
    if args.comune and args.network_wide:
        return "--comune and --network-wide: choose one"
    if args.workers < 1:
        return "--workers must be 1 or more"
    if not 1 <= args.port <= 65535:
        return "--port must be from 1 to 65535"
    from central import settings
    from central.compaction import compact_every_minutes
    from central.limits import max_body_bytes

    try:
        max_body_bytes(args.max_body_bytes, "--max-body-bytes")
        compact_every_minutes(args.compact_every, "--compact-every")
        settings.time_zone(args.time_zone, "--time-zone")
        settings.database_url(args.db, "--db")
    except ValueError as error:
        return str(error)
    return None


def central_main(argv: list[str]) -> int:
    """``social-point central``: serve the reference platform, or make an enrollment code."""
    from central import settings
    from central.admin_token import read_admin_token
    from central.app import create_app
    from central.compaction import DEFAULT_COMPACT_EVERY_MIN
    from central.dataset import seed_demo_citizens, seed_if_empty
    from central.limits import DEFAULT_MAX_BODY, DEFAULT_THREADS, ServerLimits
    from central.server import serve_forever, serve_workers

    # No abbreviations: "--admin-token SECRET" must fail, not read a file named SECRET.
    parser = argparse.ArgumentParser(prog="social-point central", allow_abbrev=False)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8470)
    parser.add_argument("--db", default="sqlite:///central.sqlite3", help="SQLAlchemy URL")
    parser.add_argument(
        "--admin-token-file",
        type=Path,
        default=None,
        help="a file holding the admin token (enables the /v1/admin API); or set "
        "SOCIAL_POINT_ADMIN_TOKEN. Never on the command line, where ps shows it",
    )
    parser.add_argument("--seed-demo", action="store_true", help="publish the demo catalog")
    parser.add_argument(
        "--new-epoch",
        action="store_true",
        help="after restoring the database from a backup the platform could not notice "
        "(see README): start a new epoch, so kiosks take a fresh snapshot and send again "
        "what was lost",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="serve from this many processes (about one per core; SQLite or PostgreSQL)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=DEFAULT_THREADS,
        help="requests each process handles at once, each with its own database "
        f"connection (default {DEFAULT_THREADS}; workers x threads must stay under the "
        "database's connection limit)",
    )
    parser.add_argument(
        "--max-body-bytes",
        default=str(DEFAULT_MAX_BODY),
        metavar="BYTES",
        help=f"the largest request body taken, before parsing and authentication (default "
        f"{DEFAULT_MAX_BODY}; larger ones get 413)",
    )
    parser.add_argument(
        "--compact-every",
        default=str(DEFAULT_COMPACT_EVERY_MIN),
        metavar="MINUTES",
        help="fold superseded changes out of the change log this often while serving, so "
        f"a new kiosk's first pull is what is current (default {DEFAULT_COMPACT_EVERY_MIN};"
        " 0: only at start and on POST /v1/admin/compact)",
    )
    parser.add_argument(
        "--time-zone", default="Europe/Rome", help="the calendar of voucher validity days"
    )
    parser.add_argument(
        "--enrollment-code", action="store_true", help="print a new one-time code and exit"
    )
    parser.add_argument(
        "--role",
        choices=("kiosk", "merchant", "admin"),
        default="kiosk",
        help="the role of the device enrolled with the code",
    )
    parser.add_argument("--comune", help="the Comune of the kiosk enrolled with the code")
    parser.add_argument(
        "--network-wide",
        action="store_true",
        help="a kiosk enrolled with the code serves every Comune: it receives every "
        "Comune's operators and citizens' wallets (instead of --comune)",
    )
    for what, metavar in (("service", "ID"), ("programme", "NAME")):
        parser.add_argument(
            f"--accepts-{what}",
            action="append",
            default=[],
            metavar=metavar,
            help=f"a merchant accepts vouchers of this {what} (repeatable)",
        )
    args = parser.parse_args(argv)
    wrong = _wrong_option(args)
    if wrong:
        return _refuse(wrong)
    admin_token = None
    if not args.enrollment_code:  # read only to serve; a code can be made without it
        try:
            admin_token = read_admin_token(os.environ, args.admin_token_file)
        except (OSError, ValueError) as error:
            return _refuse(str(error))
    limits = ServerLimits(threads=args.threads, max_body_bytes=int(args.max_body_bytes))
    compact_every_min = int(args.compact_every)
    try:
        platform = settings.open_platform(args.db, time_zone=args.time_zone, pool_size=args.threads)
    except ValueError as error:
        return _refuse(str(error))
    if args.new_epoch:
        print(f"new epoch {platform.new_epoch().id}")
    if args.seed_demo and seed_if_empty(platform, DEMO_DATASET):
        seed_demo_citizens(platform, DEMO_CITIZENS)
        print("demo catalog and demo citizens published")
    if args.enrollment_code:
        from central.devices import GrantError

        scope = {
            key: values
            for key, values in (
                ("services", args.accepts_service),
                ("programmes", args.accepts_programme),
            )
            if values
        }
        try:
            print(platform.new_enrollment_code(args.role, args.comune, scope or None))
        except GrantError as error:
            return _refuse(str(error))
        return 0
    app = create_app(
        platform, admin_token=admin_token, limits=limits, compact_every_s=compact_every_min * 60
    )
    platform.compact()  # a new kiosk's first pull: what is current, not every version
    if args.workers > 1:
        platform.engine.dispose()  # each worker opens its own connections
        serve_workers(
            args.db,
            args.host,
            args.port,
            args.workers,
            admin_token=admin_token,
            time_zone=args.time_zone,
            limits=limits,
            compact_every_min=compact_every_min,
        )
        return 0
    serve_forever(app, args.host, args.port, limits)
    return 0
