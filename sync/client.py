# SPDX-License-Identifier: EUPL-1.2
"""HTTP client of the sync API (requests): timeouts on every call, TLS verified, replies
size-capped and validated. The device token is sent, never logged."""

from __future__ import annotations

import contextlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import orjson
import requests

from protocol import wire
from protocol.messages import MAX_CLOCK_SKEW_S, NETWORK_EPOCH
from protocol.records import LATEST_INSTANT
from protocol.wire import ProtocolError
from sync.deadline import Deadline, DeadlineAdapter

log = logging.getLogger(__name__)

MAX_REPLY_BYTES = 16 * 1024 * 1024


class ReplyTooLargeError(ProtocolError):
    """A reply over what a kiosk reads (``MAX_REPLY_BYTES``, ``MAX_VALUES``): a page of
    changes is asked for again, smaller."""


class UnreachableError(Exception):
    """No answer that counts: network down, timeout, dropped connection or a 5xx.

    For a submission it means "unknown": the same UUIDs are sent again later.
    ``status`` is the HTTP status of a platform that answered (5xx, 429), None when no
    answer came at all; ``retry_after_s`` what its Retry-After header asked, in seconds
    (None: it asked nothing readable).
    """

    def __init__(
        self, message: str, status: int | None = None, retry_after_s: float | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.retry_after_s = status, retry_after_s


class RefusedError(Exception):
    """The platform refused the whole request (4xx): a manager must look at it."""

    def __init__(self, status: int, detail: str) -> None:
        # Status 0: no HTTP answer at all (the TLS handshake failed).
        said = f"the platform refused the request ({status})" if status else "no secure connection"
        super().__init__(f"{said}: {detail}")
        self.status, self.detail = status, detail


def tls_problem(error: Exception) -> str:
    """What a failed TLS handshake means, in words an operator can act on (OpenSSL's
    own text names the pool and the reason code)."""
    text = str(error).upper()
    if "WRONG_VERSION_NUMBER" in text or "RECORD_LAYER_FAILURE" in text or "HTTP_REQUEST" in text:
        return "the platform does not speak TLS on that port: is sync.platform_url http://?"
    if "HOSTNAME" in text or "IP ADDRESS MISMATCH" in text:
        return "the platform's TLS certificate is for another name than sync.platform_url's"
    if "EXPIRED" in text:
        return "the platform's TLS certificate has expired"
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return "TLS certificate not trusted: set sync.ca_bundle to the platform's CA certificate"
    return "the TLS handshake with the platform failed"


@dataclass(frozen=True)
class Submission:
    uuid: str
    kind: str
    created_at: str
    payload: Any
    server_id: str | None = None  # sent again after a restore: the id it had
    clock_skew_s: int | None = None  # the kiosk's clock minus the platform's, when made
    sealed: str | None = None  # the payload sealed to the platform: sent instead of it
    receipt: str | None = None  # the platform's receipt of its acceptance, with server_id
    placed_skew_s: int | None = None  # sealed with no skew: its boot's later measure


class PlatformClient:
    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        total_timeout: float = 60.0,
        ca_bundle: str | None = None,
    ) -> None:
        """``total_timeout`` bounds a whole request, its reply included, however slowly
        the server trickles it (the other two bound each connect and each read)."""
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._timeout = (connect_timeout, read_timeout)
        self._total_timeout = total_timeout
        self._session = requests.Session()
        for scheme in ("http://", "https://"):
            self._session.mount(scheme, DeadlineAdapter())
        # True verifies against the system CAs; a path against that bundle only. Passed
        # on each request: a Session.verify path loses to REQUESTS_CA_BUNDLE otherwise.
        self._verify: bool | str = ca_bundle or True
        # The kiosk's clock minus the platform's, from the last reply's Date header.
        self.clock_skew_s: int | None = None

    def close(self) -> None:
        self._session.close()

    def set_token(self, token: str) -> None:
        self._token = token

    @property
    def token(self) -> str | None:
        return self._token

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"Accept": "application/json"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        deadline = Deadline(self._total_timeout)
        try:
            with (
                deadline,
                self._session.request(
                    method,
                    self.base_url + path,
                    headers=headers,
                    timeout=self._timeout,
                    verify=self._verify,
                    stream=True,
                    # A redirect could lead anywhere, over plain http too, with a
                    # citizen's data: the platform's address is the configured one only.
                    allow_redirects=False,
                    **kwargs,
                ) as response,
            ):
                body = self._read_capped(response)
                status = response.status_code
                self._measure_clock(response.headers.get("Date"))
                retry_after = response.headers.get("Retry-After")
        except requests.exceptions.SSLError as error:
            raise RefusedError(0, tls_problem(error)) from None
        except (requests.RequestException, OSError) as error:
            if deadline.expired:
                raise UnreachableError(
                    f"{method} {path}: no complete answer within {self._total_timeout:g} s"
                ) from None
            if isinstance(error, requests.ConnectionError | requests.Timeout):
                raise UnreachableError(f"{method} {path}: {type(error).__name__}") from None
            raise UnreachableError(f"{method} {path}: {error}") from None
        if deadline.expired:
            raise UnreachableError(
                f"{method} {path}: no complete answer within {self._total_timeout:g} s"
            )
        if 300 <= status < 400:
            raise RefusedError(status, "the platform answered with a redirect, not followed")
        if status >= 500 or status == 429:
            raise UnreachableError(
                f"{method} {path}: HTTP {status}", status, retry_after_s(retry_after)
            )
        if status >= 400:
            raise RefusedError(status, _detail(body))
        if _too_many_values(body):
            raise ReplyTooLargeError(
                f"{method} {path}: the reply holds more values than any page of the protocol"
            )
        try:
            return _json(body)
        except (ValueError, RecursionError):
            raise ProtocolError(f"{method} {path}: the reply is not JSON") from None

    def _measure_clock(self, date_header: str | None) -> None:
        """The kiosk's clock against the platform's (HTTP dates have whole seconds)."""
        theirs = http_date(date_header)
        if theirs is None or not NETWORK_EPOCH <= theirs < LATEST_INSTANT:
            # A date the platform cannot be at (a clock reset to 2000 in a proxy or a
            # front server): believed, it dated every record before the network
            # existed, each then refused for good. The kiosk's own clock is judged by
            # the skew alone: one reset to 2000 is what the measure is for.
            return
        skew = round((datetime.now(UTC) - theirs).total_seconds())
        if abs(skew) > MAX_CLOCK_SKEW_S:
            return  # a platform decades away: the header lies, and records keep their skew
        self.clock_skew_s = skew

    def measure_clock(self) -> int | None:
        """The kiosk's clock against the platform's now, from the Date header of its
        health check (the cheapest reply): a fresh measure, None when the reply gave
        none. Raises UnreachableError when nothing answers; a refusal still measured."""
        self.clock_skew_s = None
        # Any reply has a Date header: what the platform says in it is moot here.
        with contextlib.suppress(RefusedError, ProtocolError):
            self._request("GET", "/v1/health")
        return self.clock_skew_s

    @staticmethod
    def _read_capped(response: requests.Response) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > MAX_REPLY_BYTES:
                raise ReplyTooLargeError(f"the reply is larger than {MAX_REPLY_BYTES} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def enroll(self, code: str, kiosk_id: str, claim: str | None = None) -> tuple[str, str]:
        """(device id, token). ``claim``: the secret that asks for a lost reply again
        (sync/device.py keeps one per code until the device file is written)."""
        request: dict[str, str] = {"code": code, "kiosk_id": kiosk_id}
        if claim is not None:
            request["claim"] = claim
        return wire.parse_enrollment(self._request("POST", "/v1/enroll", json=request))

    def lookup_key(self) -> str:
        return wire.parse_lookup_key(self._request("GET", "/v1/device/lookup-key"))

    def sealing_key(self) -> str:
        """The platform's public key personal records are sealed to (Base64)."""
        return wire.parse_sealing_key(self._request("GET", "/v1/device/sealing-key"))

    def register_signing_key(self, public_key: str) -> str:
        """Registers this kiosk's voucher key (Base64 of its 32 raw bytes); its kid."""
        body = self._request("PUT", "/v1/device/signing-key", json={"public_key": public_key})
        return wire.parse_kid(body)

    def voucher_keys(self) -> list[Any]:
        """The platform's published voucher keys (checked in full by their reader)."""
        return wire.parse_key_list(self._request("GET", "/v1/keys"))

    def rotate_token(self) -> str:
        """A new device token; the current one stops working when the reply is sent."""
        token = wire.parse_token(self._request("POST", "/v1/device/token"))
        self._token = token
        return token

    def changes(self, stream: str, since: str, limit: int) -> wire.Page:
        """A page of at most ``limit`` changes after ``since``; one too large to read
        (records near their size limits, from a platform that does not cap its pages'
        bytes) is asked for again with half the limit, down to one change."""
        while True:
            try:
                body = self._request(
                    "GET", f"/v1/changes/{stream}", params={"since": since, "limit": limit}
                )
            except ReplyTooLargeError:
                if limit <= 1:
                    raise
                limit //= 2
                log.warning("stream %s: a page too large to read; asking for %d", stream, limit)
                continue
            return wire.parse_page(body, stream=stream, since=since)

    def submit(self, entries: list[Submission]) -> list[wire.Result]:
        payload = {
            "entries": [
                {"uuid": e.uuid, "kind": e.kind, "created_at": e.created_at}
                | ({"sealed": e.sealed} if e.sealed else {"payload": e.payload})
                | ({"server_id": e.server_id} if e.server_id else {})
                | ({"receipt": e.receipt} if e.server_id and e.receipt else {})
                | ({"clock_skew_s": e.clock_skew_s} if e.clock_skew_s is not None else {})
                | ({"placed_skew_s": e.placed_skew_s} if e.placed_skew_s is not None else {})
                for e in entries
            ]
        }
        body = self._request("POST", "/v1/submissions", json=payload)
        return wire.parse_results(body, sent=[e.uuid for e in entries])

    def known(self, sent: list[tuple[str, str]]) -> tuple[str, set[str]]:
        """Which of these accepted records ((UUID, submission hash)) the platform still
        holds, and its epoch."""
        body = self._request(
            "POST",
            "/v1/submissions/known",
            json={"entries": [{"uuid": uuid, "sha256": sha} for uuid, sha in sent]},
        )
        return wire.parse_known(body, asked=[uuid for uuid, _sha in sent])

    def heartbeat(self, beat: dict[str, Any]) -> HeartbeatReply:
        """How this kiosk is (sync/heartbeat.py); the reply may ask for its recent log."""
        body = self._request("POST", "/v1/device/heartbeat", json=beat)
        if not isinstance(body, dict) or not isinstance(body.get("log_requested"), bool):
            raise ProtocolError("heartbeat reply: log_requested must be true or false")
        return HeartbeatReply(log_requested=body["log_requested"])


@dataclass(frozen=True)
class HeartbeatReply:
    log_requested: bool


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# A reply is read whole (up to MAX_REPLY_BYTES) and parsed: 16 MiB of "[]," made five
# million lists, about 60 times the bytes in memory. A page of 1,000 services holds
# about 18,000 values; far more is no page of this protocol.
MAX_VALUES = 1_000_000
COUNTED_FROM_BYTES = 1024 * 1024  # under this, parsing stays small whatever the shape


# A JSON string, escapes included (possessive: no backtracking on a long one).
_JSON_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)


def _too_many_values(body: bytes) -> bool:
    if len(body) < COUNTED_FROM_BYTES:
        return False
    if _separators(body) <= MAX_VALUES:  # the usual answer, at the cost of three counts
        return False
    # Commas and brackets inside texts ("1, 2, 3") are no values: counted again without
    # the strings, which only a page with such texts needs.
    return _separators(_JSON_STRING.sub(b'""', body)) > MAX_VALUES


def _separators(body: bytes) -> int:
    return body.count(b",") + body.count(b"[") + body.count(b"{")


# The longest wait a platform's Retry-After is taken at (it may ask more; the kiosk's
# own backoff cap still bounds the wait).
MAX_RETRY_AFTER_S = 3600.0


def retry_after_s(header: str | None, now: datetime | None = None) -> float | None:
    """A Retry-After header (whole seconds, or an HTTP date) as seconds from ``now``,
    at most ``MAX_RETRY_AFTER_S``; None when it says nothing a kiosk can use (absent,
    negative, not a number or a date)."""
    if not header:
        return None
    text = header.strip()
    if text.isascii() and text.isdigit():
        return min(float(text), MAX_RETRY_AFTER_S)
    when = http_date(text)
    if when is None:
        return None
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def http_date(header: str | None) -> datetime | None:
    """An HTTP Date header as an aware instant; None when there is none, or it is no
    date (a day of 99999999999999999999, one with no zone, one off the calendar)."""
    if not header:
        return None
    try:
        theirs = parsedate_to_datetime(header)
        theirs.astimezone(UTC)  # a date beyond the calendar fails here, not later
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return theirs if theirs.tzinfo is not None else None


def _json(body: bytes) -> Any:
    """orjson, which refuses NaN, lone surrogates and nesting deeper than 1,024. A lone
    surrogate (a broken "\\ud800" escape) in one record must not make a whole page
    unreadable: the standard parser reads it, and the record's own check refuses it."""
    try:
        return orjson.loads(body)
    except ValueError:
        return json.loads(body, parse_constant=_refuse_constant)


def _detail(body: bytes) -> str:
    try:
        detail = orjson.loads(body).get("detail", "")
        # Text as sent; anything else as its JSON, cut (a detail nested a thousand deep
        # made str() recurse past Python's limit and stopped every push).
        text = detail if isinstance(detail, str) else orjson.dumps(detail).decode()
    except (ValueError, AttributeError, TypeError, RecursionError, orjson.JSONEncodeError):
        text = ""
    return text[:400] or "no detail"
