# SPDX-License-Identifier: EUPL-1.2
"""Serving the platform: in the foreground (``social-point central``) or on a thread of
another process (demo mode, tests), always on a socket we bind ourselves."""

from __future__ import annotations

import os
import socket
import threading
import time

import uvicorn
from fastapi import FastAPI

from central import access_log
from central.compaction import COMPACT_EVERY_VARIABLE, DEFAULT_COMPACT_EVERY_MIN
from central.limits import MAX_BODY_VARIABLE, THREADS_VARIABLE, ServerLimits


class _ThreadServer(uvicorn.Server):
    def install_signal_handlers(self) -> None:
        pass  # the hosting process owns its signals


class EmbeddedServer:
    """Runs an app on 127.0.0.1 on a thread; ``url`` is known once started."""

    def __init__(
        self,
        app: FastAPI,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_certfile: str | None = None,
        ssl_keyfile: str | None = None,
        limits: ServerLimits | None = None,
    ) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host, self.port = self._socket.getsockname()
        self.url = f"http://{self.host}:{self.port}"
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="on",  # the app's compaction runs in it (central/app.py)
            timeout_graceful_shutdown=2,
            ssl_certfile=ssl_certfile,
            ssl_keyfile=ssl_keyfile,
            **(limits or ServerLimits()).uvicorn_options(),
        )
        self._server = _ThreadServer(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self, timeout: float = 10.0) -> EmbeddedServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the platform server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()


def serve_forever(app: FastAPI, host: str, port: int, limits: ServerLimits | None = None) -> None:
    config = uvicorn.Config(
        app, host=host, port=port, log_level="info", **(limits or ServerLimits()).uvicorn_options()
    )
    access_log.install()  # after the Config, which sets up uvicorn's logging
    uvicorn.Server(config).run()


def serve_workers(
    database: str,
    host: str,
    port: int,
    workers: int,
    *,
    admin_token: str | None = None,
    time_zone: str = "Europe/Rome",
    limits: ServerLimits | None = None,
    compact_every_min: int = DEFAULT_COMPACT_EVERY_MIN,
) -> None:
    """Serves the platform from ``workers`` processes on one listening socket; uvicorn's
    supervisor starts them and replaces one that dies. Each builds its own app from the
    environment (``central.asgi``): the database URL and the admin token reach it there,
    never on a command line that ``ps`` shows. The limits count per process; each
    process compacts the change log (central/compaction.py: they may, at once)."""
    limits = limits or ServerLimits()
    os.environ["SOCIAL_POINT_DB"] = database
    os.environ["SOCIAL_POINT_TIME_ZONE"] = time_zone
    os.environ[THREADS_VARIABLE] = str(limits.threads)
    os.environ[MAX_BODY_VARIABLE] = str(limits.max_body_bytes)
    os.environ[COMPACT_EVERY_VARIABLE] = str(compact_every_min)
    if admin_token:
        os.environ["SOCIAL_POINT_ADMIN_TOKEN"] = admin_token
    else:
        os.environ.pop("SOCIAL_POINT_ADMIN_TOKEN", None)
    uvicorn.run(
        "central.asgi:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        **limits.uvicorn_options(),
    )
