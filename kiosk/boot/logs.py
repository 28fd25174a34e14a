# SPDX-License-Identifier: EUPL-1.2
"""Logging to a rotating file in the log folder, with personal data masked.

The code never logs what a citizen types or who they are; the redacting filter is a
second line of defence that masks anything shaped like a codice fiscale, an IBAN, an
e-mail address or a phone number before a record reaches the file.
"""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

# Edges that are not letters or digits: "\b" does not break at "_", and a codice
# fiscale in a file name ("receipt_RSSMRA..._1.pdf") or a key ("cf_RSSMRA...") went
# through.
_START, _END = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"
_CF_DIGIT = "[0-9LMNPQRSTUV]"
_PATTERNS = (
    # codice fiscale, including omocodia letters in the digit positions, also typed in
    # groups ("RSS MRA 80A01 H501U", "RSS-MRA-80A01-H501U")
    re.compile(
        _START
        + r"[A-Z]{3}[ .-]?[A-Z]{3}[ .-]?"
        + _CF_DIGIT * 2
        + r"[A-EHLMPR-T]"
        + _CF_DIGIT * 2
        + r"[ .-]?[A-Z]"
        + _CF_DIGIT * 3
        + r"[A-Z]"
        + _END,
        re.I,
    ),
    # IBAN, in any case, whole or in the groups of four it is printed and read out in
    # ("IT60 X054 2811 ...", or with dashes): the phone pattern took only its digits.
    re.compile(_START + r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}" + _END, re.I),
    re.compile(
        _START + r"[A-Z]{2}[0-9]{2}(?:[ -][A-Z0-9]{4}){2,7}(?:[ -][A-Z0-9]{1,3})?" + _END, re.I
    ),
    re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(\.[\w-]+)+", re.I),  # e-mail, also URL-encoded
)
MASK = "[redacted]"
# Phone numbers: nine digits or more in groups split by spaces (one or several), dashes,
# dots, slashes or brackets ("(049) 555 1234", "+39 (0)49 5551234"); a date and time
# ("2026-12-05 16:30", "05/12/2026") is none.
_PHONE = re.compile(r"(?<![\w.])\+?\(?\d[\d ()./-]*\d(?!\w)")
_DATE = re.compile(r"\d{4}-\d\d-\d\d|\d\d?[./-]\d\d?[./-]\d{2,4}(?![\d./-])")


def _phone(found: re.Match[str]) -> str:
    text = found.group()
    date = _DATE.match(text)
    if date:  # the date stays; what follows it may still be a number
        return text[: date.end()] + _PHONE.sub(_phone, text[date.end() :])
    return MASK if sum(c.isdigit() for c in text) >= 9 else text


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    return _PHONE.sub(_phone, text)


class RedactingFilter(logging.Filter):
    """Masks personal data in the final message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class RedactingFormatter(logging.Formatter):
    """Masks personal data in a record's traceback and stack too, which the filter never
    sees (they are formatted after it, or taken as another handler formatted them
    first): an exception's text, a codice fiscale in it, reached the file as it was.
    The line's head (time, level, the message the filter masked) is left as it is: a
    time is no phone number."""

    def format(self, record: logging.LogRecord) -> str:
        whole = super().format(record)
        head = self.formatMessage(record)
        if whole.startswith(head):
            return head + redact(whole[len(head) :])
        return redact(whole)


class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A log file whose write failures (a full or read-only disk) are told in one line,
    once until writing works again: logging's own handling printed a traceback for
    every record, on the operator's terminal and in the journal."""

    failing = False  # the last record could not be written (and that was told)
    _failed_now = False

    def _open(self) -> io.TextIOWrapper:
        # Owner-only (0600), as the store: the log names records, operators and kiosks.
        # Made so from its first byte, and a file an older version left readable to all
        # is made so too; opened at the start and again at each rotation.
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with contextlib.suppress(OSError):  # not ours to change: written to as it is
            os.fchmod(descriptor, 0o600)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        super().emit(record)
        if not self._failed_now:
            self.failing = False  # written: the next failure is told again

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802  (logging's name)
        self._failed_now = True
        if self.failing or not logging.raiseExceptions:
            return
        self.failing = True
        error = sys.exc_info()[1]
        reason = getattr(error, "strerror", None) or type(error).__name__
        sys.stderr.write(f"social-point: the log {self.baseFilename} cannot be written: {reason}\n")


def setup_logging(log_dir: Path, *, level: str, max_bytes: int, backup_count: int) -> Path:
    """Sends the root logger to ``log_dir/kiosk.log``; returns the file's path."""
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    handler = QuietRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
    )
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in _our_handlers():
        root.removeHandler(old)
        old.close()
    handler._social_point = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic announces each of its plugins at INFO on every start; keep its migrations.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    return path


def logging_started() -> bool:
    """Whether ``setup_logging`` has sent the root logger to the kiosk's log."""
    return bool(_our_handlers())


def _our_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_social_point", False)]


def recent_log(log_dir: Path, limit: int = 64 * 1024) -> str:
    """The end of the kiosk's log for a manager who asked for it, masked once more."""
    path = log_dir / "kiosk.log"
    try:
        with path.open("rb") as file:
            file.seek(max(0, path.stat().st_size - limit))
            text = file.read().decode("utf-8", errors="replace")
    except OSError as error:
        return f"(the log cannot be read: {error.strerror})"
    text = text.replace("\x00", "")  # a file cut by a power loss: zeros, which no database keeps
    return redact(text.partition("\n")[2] if len(text) >= limit else text)
