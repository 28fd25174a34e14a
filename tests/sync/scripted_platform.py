# SPDX-License-Identifier: EUPL-1.2
"""A platform that answers as a test scripts it, over loopback HTTP."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Callable[[str, bytes], tuple[int, bytes]]


class ScriptedPlatform:
    """Answers each request with ``reply(path, body)``; records the paths asked."""

    def __init__(self) -> None:
        self.reply: Reply = lambda path, body: (200, b"{}")
        self.paths: list[str] = []
        self.date: str | None = None  # the Date header of every reply, if not the clock's
        script = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                script.paths.append(self.path)
                status, payload = script.reply(self.path, body)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer  # noqa: N815 (http.server's names)

            def date_time_string(self, timestamp: float | None = None) -> str:
                return script.date or super().date_time_string(timestamp)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
