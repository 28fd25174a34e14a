# SPDX-License-Identifier: EUPL-1.2
"""The platform's request body limit is set without Python: ``social-point central
--max-body-bytes`` and ``SOCIAL_POINT_MAX_BODY_BYTES`` (the deployed unit, the processes
of ``--workers``), each checked with a clear refusal. Real platform over loopback HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from fastapi import FastAPI

from central.limits import (
    DEFAULT_MAX_BODY,
    MAX_BODY_VARIABLE,
    ServerLimits,
    max_body_from_environment,
)
from central.server import EmbeddedServer
from tests.sync.helpers import workers_environment

LIMIT = 100_000


def assert_limit(app: FastAPI, limit: int) -> None:
    """A body one byte over ``limit`` is refused (413) before it is parsed; one within
    it is read and parsed (then refused for what it says)."""
    server = EmbeddedServer(app).start()
    try:
        url = server.url + "/v1/enroll"
        over = requests.post(url, data=b"{" + b" " * (limit - 1) + b"}", timeout=10)
        assert over.status_code == 413, over.text
        assert over.json() == {"detail": f"the request body is larger than {limit} bytes"}
        within = requests.post(url, data=b"{" + b" " * (limit - 3) + b"}", timeout=10)
        assert within.status_code == 422, within.text
    finally:
        server.stop()


def test_the_unit_s_body_limit_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from central.asgi import app_from_environment

    assert max_body_from_environment({}) == DEFAULT_MAX_BODY == ServerLimits().max_body_bytes
    monkeypatch.setenv("SOCIAL_POINT_DB", f"sqlite:///{tmp_path / 'central.sqlite3'}")
    monkeypatch.setenv(MAX_BODY_VARIABLE, str(LIMIT))
    app = app_from_environment()
    assert_limit(app, LIMIT)


@pytest.mark.parametrize("wrong", ["0", "65535", "lots", "1e6", "-100000", "67108865"])
def test_a_wrong_body_limit_in_the_environment_stops_the_unit_saying_why(
    wrong: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from central.asgi import app_from_environment

    monkeypatch.setenv("SOCIAL_POINT_DB", f"sqlite:///{tmp_path / 'central.sqlite3'}")
    monkeypatch.setenv(MAX_BODY_VARIABLE, wrong)
    with pytest.raises(SystemExit) as stopped:
        app_from_environment()
    assert str(stopped.value) == (
        "SOCIAL_POINT_MAX_BODY_BYTES must be a whole number of bytes from 65536 to 67108864"
        " (default 1000000)"
    )


def test_social_point_central_takes_a_body_limit_for_itself_and_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.boot.launcher import central_main

    monkeypatch.delenv("SOCIAL_POINT_ADMIN_TOKEN", raising=False)
    database = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    served: list[FastAPI] = []
    monkeypatch.setattr("central.server.serve_forever", lambda app, *_a, **_k: served.append(app))
    assert central_main(["--db", database, "--max-body-bytes", str(LIMIT)]) == 0
    assert_limit(served[0], LIMIT)

    argv = ["--db", database, "--workers", "2", "--max-body-bytes", "200000"]
    told = workers_environment(monkeypatch, argv)
    assert told[MAX_BODY_VARIABLE] == "200000"  # what each worker's central.asgi reads


@pytest.mark.parametrize("wrong", ["10", "big", "2.5", "999999999"])
def test_social_point_central_refuses_a_wrong_body_limit_before_opening_the_database(
    wrong: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.boot.launcher import central_main

    database = tmp_path / "central.sqlite3"
    assert central_main(["--db", f"sqlite:///{database}", "--max-body-bytes", wrong]) == 2
    assert capsys.readouterr().err == (
        "social-point central: --max-body-bytes must be a whole number of bytes from 65536 to"
        " 67108864 (default 1000000)\n"
    )
    assert not database.exists()
