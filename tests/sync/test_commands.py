# SPDX-License-Identifier: EUPL-1.2
"""The operators' commands, run as processes: ``social-point central`` serves the
reference platform over the database it is given (SQLite or PostgreSQL), and
``social-point sync --once`` enrolls, pulls and pushes one pass, saying what it did."""

from __future__ import annotations

import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central import settings
from central.compaction import MAX_COMPACT_EVERY_MIN
from central.limits import DEFAULT_MAX_BODY, MAX_MAX_BODY, MIN_MAX_BODY
from central.platform import Platform
from kiosk.boot.paths import ROOT
from store import outbox
from store.database import Store
from store.models import Service
from sync.engine import STREAMS
from tests.helpers import social_point, wait_until_serving
from tests.postgresql import free_port


@contextmanager
def serving(platform_database: str, *options: str) -> Iterator[tuple[str, int]]:
    """``social-point central`` in its own process, with the demo catalog: its address
    and process id."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk.cli",
            "central",
            "--db",
            platform_database,
            "--port",
            str(port),
            "--seed-demo",
            *options,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_serving(process, url)
    yield url, process.pid
    process.terminate()
    _out, log = process.communicate(timeout=30)
    # It finishes what it serves, then exits by the signal it was sent (uvicorn's way).
    assert process.returncode in (0, -signal.SIGTERM), log
    assert "Finished server process" in log


@pytest.fixture
def served(platform_database: str) -> Iterator[str]:
    with serving(platform_database) as (url, _pid):
        yield url


def serving_processes(parent: int) -> list[int]:
    """The worker processes a supervisor started (Linux: /proc)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [
        int(child)
        for child in children
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


def kiosk_config(folder: Path, url: str, code: str) -> Path:
    config = folder / "kiosk.toml"
    config.write_text(
        f'[social_point]\ncomune = "piazzola"\n'
        f'[paths]\ndata_dir = "{folder / "data"}"\nlog_dir = "{folder / "log"}"\n'
        f'cache_dir = "{folder / "cache"}"\n'
        f'[sync]\nplatform_url = "{url}"\nenrollment_code = "{code}"\n',
        encoding="utf-8",
    )
    return config


def test_central_serves_and_sync_once_enrolls_pulls_and_pushes(
    served: str, platform_database: str, tmp_path: Path
) -> None:
    made = social_point("central", "--db", platform_database, "--enrollment-code", "--network-wide")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip().splitlines()[-1]
    config = kiosk_config(tmp_path, served, code)

    first = social_point("sync", "--once", "--config", str(config))
    assert first.returncode == 0, first.stderr
    assert "pushed: 0 accepted, 0 rejected" in first.stdout
    device_file = tmp_path / "data" / "device.json"
    assert stat.S_IMODE(device_file.stat().st_mode) == 0o600
    platform = Platform(platform_database)
    try:
        published = len(platform.records("services"))
        catalog = sum(len(platform.records(kind)) for kind in STREAMS["catalog"])
        assert f"pulled: catalog {catalog}, " in first.stdout
        store = Store(tmp_path / "data" / "kiosk.sqlite3")
        with store.read() as session:
            assert session.scalar(select(func.count()).select_from(Service)) == published
        with store.write() as session:
            outbox.add(session, "event", {"note": "sent by sync --once"})
        store.close()

        second = social_point("sync", "--once", "--config", str(config))
        assert second.returncode == 0, second.stderr
        assert "pushed: 1 accepted, 0 rejected" in second.stdout
        assert "waiting: 0" in second.stdout
        sent = [s for s in platform.submissions() if s.payload == {"note": "sent by sync --once"}]
        assert len(sent) == 1
        assert code not in (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")
    finally:
        platform.engine.dispose()


def test_central_serves_from_several_processes_on_one_database(
    platform_database: str, tmp_path: Path
) -> None:
    """``--workers 2``: two processes answer on one port, each with its own connections
    to the same database, so what one stores the other serves."""
    made = social_point("central", "--db", platform_database, "--enrollment-code", "--network-wide")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip().splitlines()[-1]
    with serving(platform_database, "--workers", "2") as (url, pid):
        assert len(serving_processes(pid)) == 2
        config = kiosk_config(tmp_path, url, code)
        store_path = tmp_path / "data" / "kiosk.sqlite3"
        first = social_point("sync", "--once", "--config", str(config))
        assert first.returncode == 0, first.stderr
        store = Store(store_path)
        with store.write() as session:
            for number in range(30):
                outbox.add(session, "event", {"note": f"sent to one of two workers {number}"})
        store.close()
        second = social_point("sync", "--once", "--config", str(config))
        assert second.returncode == 0, second.stderr
        assert "pushed: 30 accepted, 0 rejected" in second.stdout
    platform = Platform(platform_database)
    try:
        sent = [s for s in platform.submissions() if "two workers" in str(s.payload)]
        assert len(sent) == 30
        store = Store(store_path)
        with store.read() as session:
            stored = session.scalar(select(func.count()).select_from(Service))
        store.close()
        assert stored == len(platform.records("services"))
    finally:
        platform.engine.dispose()


def test_central_refuses_no_workers(platform_database: str) -> None:
    result = social_point("central", "--db", platform_database, "--workers", "0")
    assert result.returncode == 2
    assert "--workers must be 1 or more" in result.stderr
    assert "Traceback" not in result.stderr


def refused(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> str:
    """``social-point central`` run in this process, refusing: its one line on stderr,
    after "social-point central: ". Were it to serve instead, the test fails at once
    rather than serving for ever."""
    from kiosk.boot.launcher import central_main

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("it served")

    monkeypatch.setattr("central.server.serve_forever", never)
    monkeypatch.setattr("central.server.serve_workers", never)
    monkeypatch.delenv("SOCIAL_POINT_ADMIN_TOKEN", raising=False)
    assert central_main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("social-point central: "), lines
    return lines[0].removeprefix("social-point central: ")


BODY_BYTES = (
    f"--max-body-bytes must be a whole number of bytes from {MIN_MAX_BODY} to {MAX_MAX_BODY}"
    f" (default {DEFAULT_MAX_BODY})"
)
COMPACT_EVERY = (
    f"--compact-every must be a whole number of minutes from 0 (never) to {MAX_COMPACT_EVERY_MIN}"
)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--port", "99999"], "--port must be from 1 to 65535"),
        (["--port", "0"], "--port must be from 1 to 65535"),
        (
            ["--time-zone", "Mars/Base"],
            "--time-zone Mars/Base is not a known time zone (e.g. Europe/Rome)",
        ),
        (
            ["--time-zone", "/etc/passwd"],
            "--time-zone /etc/passwd is not a known time zone (e.g. Europe/Rome)",
        ),
        (["--workers", "0"], "--workers must be 1 or more"),
        (["--threads", "0"], "--threads must be from 1 to 200"),
        # zoneinfo looked the name up as 400 nested tzdata packages: a RecursionError.
        (
            ["--time-zone", "A/" * 400 + "A"],
            f"--time-zone {'A/' * 30}… is not a known time zone (e.g. Europe/Rome)",
        ),
        # "²" passes str.isdigit, and int() refuses it and more than 4300 digits: each
        # was int()'s own message, not the option's.
        *((["--max-body-bytes", given], BODY_BYTES) for given in ("²", "9" * 5000)),
        *((["--compact-every", given], COMPACT_EVERY) for given in ("²", "9" * 5000)),
    ],
)
def test_central_checks_its_options_before_opening_the_database(
    options: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = tmp_path / "central.sqlite3"
    assert refused(["--db", f"sqlite:///{database}", *options], capsys, monkeypatch) == message
    assert not database.exists()  # refused before the database was made and seeded


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("A/" * 400 + "A", "A/" * 30 + "…"),
        ("Europe/Rome\nCRITICAL all kiosks lost", '"Europe/Rome\\nCRITICAL all kiosks lost"'),
        ("Europe/ Rome", '"Europe/ Rome"'),
    ],
)
def test_a_wrong_zone_is_repeated_short_and_on_one_line(given: str, shown: str) -> None:
    """A zone name of hundreds of characters was repeated whole, and one holding a line
    break split the message (and the log line it goes to) in two."""
    with pytest.raises(ValueError) as refused:
        settings.time_zone(given, "SOCIAL_POINT_TIME_ZONE")
    message = str(refused.value)
    assert message == f"SOCIAL_POINT_TIME_ZONE {shown} is not a known time zone (e.g. Europe/Rome)"
    assert "\n" not in message and len(message) < 140


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SOCIAL_POINT_TIME_ZONE", "Mars/Base", "SOCIAL_POINT_TIME_ZONE Mars/Base is not a known"),
        ("SOCIAL_POINT_TIME_ZONE", "A/" * 400 + "A", "is not a known time zone"),
        ("SOCIAL_POINT_DB", "nonsense", "SOCIAL_POINT_DB is not a database URL"),
    ],
)
def test_the_unit_stops_on_a_wrong_zone_or_database_url_saying_why(
    variable: str, value: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deployed unit reads them from its environment file (deploy/central.env.example):
    they stopped it with a ZoneInfoNotFoundError or ArgumentError traceback."""
    from central.asgi import app_from_environment

    monkeypatch.setenv("SOCIAL_POINT_DB", f"sqlite:///{tmp_path / 'central.sqlite3'}")
    monkeypatch.setenv(variable, value)
    with pytest.raises(SystemExit) as stopped:
        app_from_environment()
    assert message in str(stopped.value)
    assert not (tmp_path / "central.sqlite3").exists()


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("", "the admin token file is empty"),
        ("\n", "the admin token file is empty"),
        ("x" * 31 + "\n", "the admin token must have at least 32 characters"),
    ],
)
def test_central_refuses_an_empty_or_short_admin_token_file(
    token: str,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A token file was given: an empty one is a mistake, not a wish to turn the admin
    API off (that is done by giving none)."""
    token_file = tmp_path / "admin-token"
    token_file.write_text(token, encoding="utf-8")
    database = tmp_path / "central.sqlite3"
    argv = ["--db", f"sqlite:///{database}", "--admin-token-file", str(token_file)]
    assert refused(argv, capsys, monkeypatch) == message
    assert not database.exists()


def test_central_says_why_it_cannot_read_the_admin_token_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In words and with the file's name: not an errno, not a codec's byte offset."""
    database = tmp_path / "central.sqlite3"

    def says(token_file: Path) -> str:
        argv = ["--db", f"sqlite:///{database}", "--admin-token-file", str(token_file)]
        return refused(argv, capsys, monkeypatch)

    missing = tmp_path / "no-such-token"
    assert says(missing) == f"cannot read the admin token file {missing}: no such file or directory"
    assert says(tmp_path) == f"cannot read the admin token file {tmp_path}: is a directory"
    binary = tmp_path / "token.bin"
    binary.write_bytes(b"\xff\xfe" + b"\x00" * 40)
    assert says(binary) == f"the admin token file {binary} is not text (UTF-8)"
    assert not database.exists()


def test_a_kiosk_code_names_its_comune_or_says_it_serves_every_comune(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enrolled without a Comune, a kiosk receives every Comune's operators and sealed
    wallets: the code says so on purpose (--network-wide), never by a forgotten option."""
    database = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    forgotten = refused(["--db", database, "--enrollment-code"], capsys, monkeypatch)
    assert forgotten.startswith("a kiosk's code names its Comune: --comune ID")
    both = ["--db", database, "--enrollment-code", "--comune", "limena", "--network-wide"]
    assert refused(both, capsys, monkeypatch) == "--comune and --network-wide: choose one"
    for chosen in (["--comune", "limena"], ["--network-wide"], ["--role", "merchant"]):
        made = social_point(
            "central", "--db", database, "--seed-demo", "--enrollment-code", *chosen
        )
        assert made.returncode == 0, made.stderr
    platform = Platform(database)
    try:
        kiosk, _token = platform.enroll(made.stdout.strip().splitlines()[-1], "shop-1")
        assert kiosk
    finally:
        platform.engine.dispose()


def test_central_says_which_database_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def says(database: str) -> str:
        return refused(
            ["--db", database, "--enrollment-code", "--comune", "piazzola"], capsys, monkeypatch
        )

    assert says("nonsense") == "--db is not a database URL (e.g. sqlite:///central.sqlite3)"
    assert says("mysql://x@localhost/y") == (
        "--db: only sqlite and postgresql+psycopg URLs are supported"
    )
    missing = tmp_path / "no" / "such" / "folder" / "central.sqlite3"
    assert says(f"sqlite:///{missing}") == f"could not open the database file {missing}"
    port = free_port()
    nobody = says(f"postgresql+psycopg://someone:the-password@127.0.0.1:{port}/central")
    assert nobody == f"could not connect to the database at 127.0.0.1:{port}"  # no password
    monkeypatch.setitem(sys.modules, "psycopg", None)  # installed without the extra
    assert says("postgresql+psycopg://u@/central").startswith(
        "the PostgreSQL driver is not installed: "
    )


def test_sync_once_says_why_it_failed_without_a_traceback(tmp_path: Path) -> None:
    config = kiosk_config(tmp_path, f"http://127.0.0.1:{free_port()}", "NOBODY-LISTENS")
    result = social_point("sync", "--once", "--config", str(config))
    assert result.returncode == 1
    assert "social-point: sync failed:" in result.stderr
    assert "Traceback" not in result.stderr


def test_central_refuses_a_database_it_cannot_serve_from_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def says(database: str) -> str:
        return refused(
            ["--db", database, "--enrollment-code", "--network-wide"], capsys, monkeypatch
        )

    text = tmp_path / "text.db"
    text.write_text("hello\n", encoding="utf-8")
    assert says(f"sqlite:///{text}").startswith(
        f"the database file {text} cannot be read as a database"
    )
    damaged = tmp_path / "damaged.db"  # an SQLite header, then garbage
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    assert "cannot be read as a database" in says(f"sqlite:///{damaged}")
    for memory in ("sqlite://", "sqlite:///:memory:"):
        assert says(memory).startswith("--db: an SQLite database in memory keeps nothing")
    # Another program's database (here a kiosk's store): the platform's tables were
    # added beside its own and served from there.
    kiosk = tmp_path / "kiosk.sqlite3"
    Store(kiosk).close()
    said = says(f"sqlite:///{kiosk}")
    assert said.startswith(f"the database file {kiosk} holds another program's tables (")
    assert "none of the platform's" in said
    with closing(sqlite3.connect(kiosk)) as db:
        assert "devices" not in {row[0] for row in db.execute("SELECT name FROM sqlite_master")}


def test_the_deployed_unit_says_which_database_it_cannot_use_as_the_command_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unit (central.asgi) printed SQLAlchemy's traceback in the journal for a
    database it could not open; it now says what `social-point central` says."""
    from central.asgi import app_from_environment

    text = tmp_path / "text.db"
    text.write_text("hello\n", encoding="utf-8")
    kiosk = tmp_path / "kiosk.sqlite3"
    Store(kiosk).close()
    port = free_port()
    for database in (
        f"sqlite:///{tmp_path / 'no' / 'such' / 'central.sqlite3'}",
        f"sqlite:///{text}",
        f"sqlite:///{kiosk}",
        f"postgresql+psycopg://someone:the-password@127.0.0.1:{port}/central",
    ):
        command_says = refused(
            ["--db", database, "--enrollment-code", "--network-wide"], capsys, monkeypatch
        )
        monkeypatch.setenv("SOCIAL_POINT_DB", database)
        monkeypatch.delenv("SOCIAL_POINT_ADMIN_TOKEN", raising=False)
        with pytest.raises(SystemExit) as stopped:
            app_from_environment()
        assert str(stopped.value) == f"SOCIAL_POINT_DB: {command_says}"
        assert "the-password" not in str(stopped.value)
