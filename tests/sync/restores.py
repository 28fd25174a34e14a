# SPDX-License-Identifier: EUPL-1.2
"""A platform's database backed up and restored as an operator does it (SQLite's online
backup and a file copy; PostgreSQL's pg_dump and pg_restore into a new database), and
the platform served again from it. Shared by the restore tests and the fault suite."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

from central.app import create_app
from central.platform import Platform
from central.server import EmbeddedServer
from tests.postgresql import ThrowawayPostgres
from tests.sync.conftest import ADMIN


@dataclass
class Served:
    platform: Platform
    server: EmbeddedServer

    def stop(self) -> None:
        self.server.stop()
        self.platform.engine.dispose()


def serve(url: str) -> Served:
    platform = Platform(url)
    return Served(platform, EmbeddedServer(create_app(platform, admin_token=ADMIN)).start())


class PlatformBackups:
    """Backups of the platform database at ``url`` (on ``postgres`` when given)."""

    def __init__(self, url: str, folder: Path, postgres: ThrowawayPostgres | None) -> None:
        self.url, self.folder, self.postgres = url, folder, postgres
        self.restored: list[str] = []  # databases made by restores (PostgreSQL), to drop

    def take(self) -> Path:
        """A consistent copy, taken while the platform runs."""
        if self.postgres is not None:
            return self.postgres.dump(self.url)
        path = self.folder / "central-backup.sqlite3"
        source, target = sqlite3.connect(self._sqlite_file()), sqlite3.connect(path)
        with target:
            source.backup(target)
        source.close()
        target.close()
        return path

    def restore(self, backup: Path) -> str:
        """The platform is stopped; its database goes back to ``backup``. The URL to
        serve it from (PostgreSQL restores into a new database, as pg_restore does)."""
        if self.postgres is not None:
            url = self.postgres.restore(backup)
            self.restored.append(url)
            return url
        database = self._sqlite_file()
        for leftover in ("-wal", "-shm"):
            Path(f"{database}{leftover}").unlink(missing_ok=True)
        shutil.copyfile(backup, database)
        return self.url

    def drop_restored(self) -> None:
        if self.postgres is not None:
            for url in self.restored:
                self.postgres.drop_database(url)
        self.restored.clear()

    def _sqlite_file(self) -> Path:
        database = make_url(self.url).database
        assert database, self.url
        return Path(database)
