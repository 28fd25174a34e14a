# SPDX-License-Identifier: EUPL-1.2
"""Which request a busy platform process serves next: a person's before a sync's.

A platform process works on at most ``at_once`` requests at a time (``--threads``); the
others wait. They used to wait in arrival order, so when a fleet synced at once a
kiosk's submission (a citizen's purchase or application, whose protocol number a slip
waits for) queued behind hundreds of catalog pages that no one is waiting to see.

Here requests wait in two lanes. The first holds what a person is waiting for, sent with
a credential: a kiosk's submission or wallet PIN, a shop's voucher look-up or
redemption, a logged-in page of the web desk. Everything else (a kiosk's pulls and
heartbeat, health checks, anything sent without a credential) is background. The first
lane goes first, within bounds that keep the background moving: at most ``PERSON_RUN``
of its requests in a row while a background one waits, and once a background request
has waited ``patience_s`` the lanes take turns, one request each. So a flood in either
lane slows the other, never stops it. Within a lane, first come, first served.

Taking turns, not letting every overdue background request go first: when a whole fleet
syncs at once, the background's oldest request is always overdue, and the submissions
waited behind all of it again (push p95 at 200 kiosks on PostgreSQL, ``./dev bench
platform``: p50 418 ms before, 207-243 ms after).

Few at once is quicker than many: the requests of one process share Python's lock, so
twenty running together each take twenty times as long, where four keep the database
busy while Python works (``./dev bench platform``, README "Benchmarks").

A slot is held for the request's work, not for its sending: it is given back as the
answer starts (a client that does not read its answers, pipelining requests meanwhile,
holds none), and a waiting request whose client has gone away leaves its place without
being worked on.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PERSON, BACKGROUND = 0, 1  # the lanes
PATIENCE_S = 5.0  # a background request waiting this long goes next
PERSON_RUN = 8  # first-lane requests let in in a row while a background one waits

# What a person waits for, by method and path (a prefix where it ends with "/"), when
# the request carries the credential it needs (a token, or the web desk's cookie).
_WITH_TOKEN = (
    ("POST", "/v1/submissions"),
    ("POST", "/v1/device/wallet-pin"),
    ("POST", "/v1/redemptions"),
    ("GET", "/v1/vouchers/"),
    ("POST", "/v1/vouchers/"),
)
_WITH_COOKIE = ("/desk", "/fleet")


def lane(scope: Scope) -> int:
    """The first lane for a request a person may be waiting for, sent with a
    credential (checked later, by the endpoint); background for the rest."""
    method, path = scope.get("method", ""), scope.get("path", "")
    names = {name for name, _value in scope.get("headers", ())}
    if b"authorization" in names:
        for wanted, route in _WITH_TOKEN:
            if method == wanted and (
                path.startswith(route) if route.endswith("/") else path == route
            ):
                return PERSON
    if b"cookie" in names and path.startswith(_WITH_COOKIE):
        return PERSON
    return BACKGROUND


class PriorityAdmission:
    """ASGI middleware: at most ``at_once`` HTTP requests at work inside ``app``; the
    waiting ones are let in by lane, then by arrival. Runs on the process's event
    loop, so its counts need no lock."""

    def __init__(
        self,
        app: ASGIApp,
        at_once: int,
        patience_s: float = PATIENCE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if at_once < 1:
            raise ValueError("at_once must be at least 1")
        self.app, self.at_once, self.patience_s, self._clock = app, at_once, patience_s, clock
        self.running = 0
        # Per lane: (when it began to wait, its turn), oldest first.
        self._waiting: tuple[deque[tuple[float, asyncio.Future[None]]], ...] = (deque(), deque())
        self._persons_in_a_row = 0

    def waiting(self) -> int:
        return sum(1 for queue in self._waiting for _since, turn in queue if not turn.done())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        own_lane = lane(scope)
        if self.running < self.at_once and not any(self._waiting[: own_lane + 1]):
            self.running += 1
        else:
            early: list[Message] = []
            if not await self._wait_turn(own_lane, receive, early):
                return  # the client went away while it waited: nobody to answer
            receive = _replaying(early, receive)
        given_back = False

        def give_back() -> None:
            nonlocal given_back
            if not given_back:
                given_back = True
                self._next()

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                give_back()  # the work is done; writing it out may wait on the client
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            give_back()

    async def _wait_turn(self, own_lane: int, receive: Receive, early: list[Message]) -> bool:
        """Waits for a slot, watching the client meanwhile: False (and no slot) if it
        went away first. What the client sent meanwhile is kept in ``early``."""
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[own_lane].append((self._clock(), turn))
        gone = False

        async def watch() -> None:
            nonlocal gone
            body_read = False
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    gone = True
                    turn.cancel()  # its place is skipped (or, already handed, passed on)
                    return
                early.append(message)
                if body_read:  # a server that does not wait for the disconnect: stop
                    return
                body_read = not message.get("more_body", False)

        watcher = asyncio.ensure_future(watch())
        try:
            await turn
        except asyncio.CancelledError:
            if gone:
                return False
            if turn.done() and not turn.cancelled():  # handed a slot, then cancelled
                self._next()
            raise
        finally:
            watcher.cancel()
            # Whatever the watcher ended with (cancelled, or a receive that failed) is
            # not this request's to raise: its turn is settled above.
            await asyncio.gather(watcher, return_exceptions=True)
        if gone:  # it went away as its turn came: the slot goes on
            self._next()
            return False
        return True

    def _next(self) -> None:
        """A slot is free: it goes to the first waiting request of the first lane,
        unless a background one is due (the first lane has had its run: ``PERSON_RUN``
        requests, or one once the background's oldest has waited its patience out), or
        back to the pool (the running count stays while a slot is handed on)."""
        person, background = self._waiting
        overdue = bool(background) and self._clock() - background[0][0] >= self.patience_s
        due = bool(background) and self._persons_in_a_row >= (1 if overdue else PERSON_RUN)
        for queue in (background, person) if due else (person, background):
            while queue:
                _since, turn = queue.popleft()
                if not turn.done():  # a waiter that went away meanwhile is skipped
                    turn.set_result(None)
                    if queue is person and background:
                        self._persons_in_a_row += 1
                    else:
                        self._persons_in_a_row = 0
                    return
        self.running -= 1


def _replaying(early: list[Message], receive: Receive) -> Receive:
    """``receive`` with the messages read while the request waited given first."""

    async def replayed() -> Message:
        return early.pop(0) if early else await receive()

    return replayed
