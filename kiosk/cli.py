"""The ``social-point`` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.config import ConfigError, load_config
from kiosk.display import missing_screen_problem

PLATFORMS = ("xcb", "wayland", "eglfs", "linuxfb", "vnc", "offscreen")


def _parser() -> argparse.ArgumentParser:
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
    sync = commands.add_parser("sync", help="synchronise with the central platform")
    sync.add_argument("--config", type=Path, help="TOML configuration file")
    sync.add_argument("--once", action="store_true", required=True, help="one pass, then exit")
    print_test = commands.add_parser("print-test", help="print the test page, report status")
    print_test.add_argument("--config", type=Path, help="TOML configuration file")
    commands.add_parser(
        "central", help="run the reference central platform (see: social-point central -h)"
    )
    return parser


def _fail(message: str) -> int:
    print(f"social-point: {message}", file=sys.stderr)
    return 2


def sync_once(config_path: Path | None) -> int:
    """One sync pass for operators and scripts: prints what happened, exit 1 on failure."""
    from kiosk.logs import setup_logging
    from kiosk.syncing import make_sync
    from sync.store import Store

    config = load_config(config_path)
    setup_logging(
        config.paths.log_dir,
        level=config.log_level,
        max_bytes=config.log_max_bytes,
        backup_count=config.log_backup_count,
    )
    store = Store(config.paths.database)
    setup = make_sync(config, store)
    if setup is None:
        store.close()
        return _fail("sync.platform_url is empty: this kiosk does not sync")
    try:
        report = setup.worker.run_pass()
        status = setup.worker.status
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


def print_test(config_path: Path | None) -> int:
    """Prints the test page on the configured printer; exit 1 when it cannot."""
    from kiosk.printer_setup import connection_for, paper_for, slip_context
    from printing.connection import PrinterError
    from printing.escpos_render import render
    from printing.slip import printer_test_page

    config = load_config(config_path)
    connection = connection_for(config)
    status = connection.status()
    print(f"printer: {connection.describe()}; paper {config.printer.paper}")
    print(f"status: {status.state.value}" + (f" ({status.detail})" if status.detail else ""))
    if not status.state.can_print:
        print(f"social-point: the test page was not printed: {status.state.value}", file=sys.stderr)
        return 1
    slip = printer_test_page(slip_context(config, None), connection.describe())
    try:
        connection.send(render(slip, paper_for(config)))
    except PrinterError as error:
        print(f"social-point: printing failed after {error.sent} bytes: {error}", file=sys.stderr)
        return 1
    print("test page printed")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["central"]:
        from kiosk.launcher import central_main

        return central_main(argv[1:])
    args = _parser().parse_args(argv)
    if args.command == "print-test":
        try:
            return print_test(args.config)
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
        except ConfigError as error:
            return _fail(str(error))
        problem = missing_screen_problem(args.platform)
        if problem:
            return _fail(problem)
        from kiosk.app import run

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
