# SPDX-License-Identifier: EUPL-1.2
"""The admin token: from the environment or a file, never the command line (where ``ps``
shows it to every user of the machine), and long enough not to be guessed."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "SOCIAL_POINT_ADMIN_TOKEN"
MIN_LENGTH = 32


def read_admin_token(environ: Mapping[str, str], path: Path | None) -> str | None:
    """The token from ``path`` (its text, spaces around it dropped) or else
    ``SOCIAL_POINT_ADMIN_TOKEN``; None when neither is given (the admin API is then
    off). ValueError when it cannot be a token (see ``checked_admin_token``), or when
    the file is empty."""
    if path is None:
        token = environ.get(ENV_VAR)
        if not token:  # unset, or left empty as in deploy/central.env.example: API off
            return None
    else:
        token = _read(path).strip()
        if not token:  # a file was named: empty is a mistake, not a wish to turn the API off
            raise ValueError("the admin token file is empty")
    return checked_admin_token(token)


def checked_admin_token(token: str) -> str:
    """The token, or ValueError saying why it cannot be one: too short, or holding a
    character an ``Authorization`` header cannot carry as typed (a NUL, a space, a line
    break, a letter outside ASCII). Forty NUL bytes were taken as a token: no client
    could send it, and a file of them is a mistake, not a secret."""
    if len(token) < MIN_LENGTH:
        raise ValueError(f"the admin token must have at least {MIN_LENGTH} characters")
    if not all("!" <= char <= "~" for char in token):
        raise ValueError(
            "the admin token may hold only ASCII letters, digits and signs, with no spaces,"
            " line breaks or control characters (make one with: openssl rand -hex 32)"
        )
    return token


def _read(path: Path) -> str:
    """The file's text, or a ValueError that names the file and says what is wrong with
    it in words (not an errno or a codec's byte offset)."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"the admin token file {path} is not text (UTF-8)") from None
    except OSError as error:
        why = (error.strerror or type(error).__name__).lower()
        raise ValueError(f"cannot read the admin token file {path}: {why}") from None
