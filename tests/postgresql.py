# SPDX-License-Identifier: EUPL-1.2
"""A throw-away PostgreSQL server for the reference platform's tests.

It runs the machine's own PostgreSQL binaries (Debian's ``postgresql`` package, which
``./dev test`` installs when they are missing) on a free loopback port, with its data in
a temporary folder and durability switched off: what is tested is the platform's SQL,
not PostgreSQL's disk. Each test gets a database of its own. A watcher process
(tests/postgres_watcher.py) stops it when the test process ends without stopping it,
even killed.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from itertools import count
from pathlib import Path

from sqlalchemy import create_engine, text

# Where Debian puts them (not on PATH); then PATH, for other systems.
BINARY_FOLDERS = "/usr/lib/postgresql/*/bin"
USER = "kiosk"


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server binaries here, or no user that may run them."""


def _binaries() -> Path:
    for folder in sorted(glob.glob(BINARY_FOLDERS), key=_version, reverse=True):
        if os.access(Path(folder) / "initdb", os.X_OK):
            return Path(folder)
    found = shutil.which("initdb")
    if found is None:
        raise PostgresUnavailableError(
            "no PostgreSQL server binaries (initdb); on Debian: apt-get install postgresql"
        )
    return Path(found).parent


def _version(folder: str) -> int:
    number = Path(folder).parent.name
    return int(number) if number.isdigit() else 0


def _owner() -> str | None:
    """PostgreSQL refuses to run as root: then it runs as the ``postgres`` user."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres").pw_name
    except KeyError:
        raise PostgresUnavailableError(
            "running as root and there is no 'postgres' user to run PostgreSQL as"
        ) from None


def free_port() -> int:
    """A port nothing listens on now, on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ThrowawayPostgres:
    def __init__(self) -> None:
        self.binaries = _binaries()
        self.owner = _owner()
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._numbers = count(1)
        self._watcher = _watch(self.binaries / "pg_ctl", self.data, self.folder, self.owner)
        try:
            self._start()
        except BaseException:
            self._end_watch()  # the watcher stops what started and removes the folder
            raise
        self._admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")

    def _start(self) -> None:
        if self.owner is not None:
            shutil.chown(self.folder, user=self.owner)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            USER,
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale",
            "C",
        )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "start",
        )

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        name = f"platform_{next(self._numbers)}"
        with self._admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with self._admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def dump(self, url: str) -> Path:
        """A backup of a database, as an operator takes one (``pg_dump`` custom format)."""
        name = url.rsplit("/", 1)[1]
        path = self.folder / f"{name}-{next(self._numbers)}.dump"
        self._run(
            "pg_dump",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            USER,
            "--format=custom",
            f"--file={path}",
            name,
        )
        return path

    def restore(self, backup: Path) -> str:
        """A new database restored from ``backup`` with ``pg_restore``; its URL."""
        url = self.new_database()
        self._run(
            "pg_restore",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            USER,
            f"--dbname={url.rsplit('/', 1)[1]}",
            "--no-owner",
            str(backup),
        )
        return url

    def stop(self) -> None:
        self._admin.dispose()
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            self._end_watch()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _end_watch(self) -> None:
        """Closes the watcher's pipe, as the end of this process would, and waits for it."""
        if self._watcher.stdin is not None:
            self._watcher.stdin.close()
        try:
            self._watcher.wait(90)
        except subprocess.TimeoutExpired:
            self._watcher.kill()

    def _run(self, program: str, *arguments: str) -> None:
        result = subprocess.run(
            [str(self.binaries / program), *arguments],
            user=self.owner,
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode != 0:
            log = self.folder / "server.log"
            detail = log.read_text() if log.exists() else ""
            raise PostgresUnavailableError(
                f"{program} failed ({result.returncode}): {result.stderr.strip()} {detail}"
            )


def _watch(pg_ctl: Path, data: Path, folder: Path, owner: str | None) -> subprocess.Popen[bytes]:
    """The watcher that stops the server once this process is gone (its pipe closed). In
    a session of its own: a Ctrl-C or a signal to the test run's process group leaves it
    to do its work."""
    watcher = Path(__file__).with_name("postgres_watcher.py")
    return subprocess.Popen(
        # -I: the standard library only, nothing of the project's folders on its path.
        [sys.executable, "-I", str(watcher), str(pg_ctl), str(data), str(folder)]
        + ([owner] if owner else []),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
