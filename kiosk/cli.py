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
    return parser


def _fail(message: str) -> int:
    print(f"social-point: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
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
