# SPDX-License-Identifier: EUPL-1.2
"""Starts the reference central platform: embedded for demo mode, or as
``social-point central``. The only kiosk module that imports ``central``; everything
else in the kiosk reaches the platform over HTTP."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from kiosk.boot.config import Config
from kiosk.boot.paths import DEMO_DATASET


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
    from central.dataset import seed_if_empty
    from central.platform import Platform
    from central.server import EmbeddedServer

    database = config.paths.data_dir / "central.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    platform = Platform(f"sqlite:///{database}")
    seed_if_empty(platform, DEMO_DATASET)
    code = "" if config.device_file.exists() else platform.new_enrollment_code()
    server = EmbeddedServer(create_app(platform)).start()
    return EmbeddedPlatform(url=server.url, enrollment_code=code, server=server)


def central_main(argv: list[str]) -> int:
    """``social-point central``: serve the reference platform, or make an enrollment code."""
    from central.app import create_app
    from central.dataset import seed_if_empty
    from central.platform import Platform
    from central.server import serve_forever

    parser = argparse.ArgumentParser(prog="social-point central")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8470)
    parser.add_argument("--db", default="sqlite:///central.sqlite3", help="SQLAlchemy URL")
    parser.add_argument("--admin-token", default="", help="enables the /v1/admin API")
    parser.add_argument("--seed-demo", action="store_true", help="publish the demo catalog")
    parser.add_argument(
        "--enrollment-code", action="store_true", help="print a new one-time code and exit"
    )
    args = parser.parse_args(argv)
    platform = Platform(args.db)
    if args.seed_demo and seed_if_empty(platform, DEMO_DATASET):
        print("demo catalog published")
    if args.enrollment_code:
        print(platform.new_enrollment_code())
        return 0
    serve_forever(create_app(platform, admin_token=args.admin_token or None), args.host, args.port)
    return 0
