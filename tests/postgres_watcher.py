# SPDX-License-Identifier: EUPL-1.2
"""Stops a throw-away PostgreSQL server (tests/postgresql.py) once the test process that
started it is gone, however it ended: ``python postgres_watcher.py PG_CTL DATA FOLDER
[OWNER]``, its standard input the read end of a pipe that only that process holds open.
The pipe closes when the process ends, even when killed (SIGKILL runs no clean-up):
a server started by a killed test run was still running an hour later. Standard library
only: it starts at once and imports nothing of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def wait_for_the_pipe_to_close() -> None:
    while os.read(0, 4096):  # nothing is written: b"" once every writer has gone
        pass


def stop_server(pg_ctl: str, data: str, owner: str | None) -> None:
    """Stopped at once, as the harness does; nothing to do when it stopped already."""
    if (Path(data) / "postmaster.pid").exists():
        subprocess.run(
            [pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"],
            user=owner,
            capture_output=True,
            timeout=60,
            check=False,
        )


def main(arguments: list[str]) -> None:
    pg_ctl, data, folder, *owner = arguments
    wait_for_the_pipe_to_close()
    try:
        stop_server(pg_ctl, data, owner[0] if owner else None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
